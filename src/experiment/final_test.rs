//! The final test (`spec.evaluate_test`): the spec's whole pipeline refitted on the training and
//! validation rows together, then scored once on the test rows, which nothing before has seen.
//! Remembering that the test part was used (and warning before a second use) is the page's and
//! the journal's business; the core only scores.

use super::cv::fit_on;
use super::report::Scoring;
use super::run::{scoring, Matrix, Preparation, Target};
use super::spec::Spec;
use crate::data::Table;
use crate::error::{Error, Need, Result};
use crate::learn::Model;

/// The refit and the rows it will be scored on.
pub struct FinalTest {
    spec: Spec,
    learn: Matrix,
    test: Matrix,
    classes: Vec<String>,
    positive: usize,
    model: Option<Model>,
}

impl FinalTest {
    /// Learns the preparation on `learn_rows` (train + validation) and prepares the test rows.
    pub(super) fn new(table: &Table, features: &[String], target: &Target, learn_rows: Vec<usize>, test_rows: Vec<usize>, spec: &Spec) -> Result<FinalTest> {
        if test_rows.is_empty() {
            return Err(Error::BadParam { field: "evaluate_test".into(), value: "true".into(), need: Need::TestPart });
        }
        let (preparation, learn_x) = Preparation::fit(table, features, &learn_rows, spec)?;
        let classes_of = |rows: &[usize]| rows.iter().map(|&r| target.index[r]).collect();
        Ok(FinalTest {
            spec: spec.clone(),
            learn: Matrix { x: learn_x, y: classes_of(&learn_rows), rows: learn_rows },
            test: Matrix { x: preparation.transform(table, &test_rows), y: classes_of(&test_rows), rows: test_rows },
            classes: target.classes.clone(),
            positive: target.positive,
            model: None,
        })
    }

    pub fn done(&self) -> bool {
        self.model.is_some()
    }

    /// Fits the model on train + validation.
    pub fn step(&mut self) -> Result<()> {
        if self.model.is_none() {
            self.model = Some(fit_on(&self.spec, &self.learn, &self.classes, self.positive)?);
        }
        Ok(())
    }

    /// The test rows' metrics at the spec's threshold and their curves.
    pub fn report(&self) -> Result<Scoring> {
        let model = self.model.as_ref().ok_or(Error::BadSpec { detail: "the final model is not fitted yet".into() })?;
        Ok(scoring(model, &self.test, self.positive, self.spec.threshold())?.0)
    }
}
