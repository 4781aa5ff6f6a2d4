//! The final test (`spec.evaluate_test`): the spec's whole pipeline refitted on the training and
//! validation rows together, then scored once on the test rows, which nothing before has seen.
//! The core has no memory and no clock: the page and the journal keep the earlier uses and hand
//! them back in `spec.test_uses`; the run lists them with its own in `report.test_uses`, and a
//! second use with another spec carries a warning naming the first (`guards::test_reused`).

use serde::{Deserialize, Serialize};

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

/// One evaluation of the test rows, as the caller remembers it: which spec (its hash, the
/// report's `spec_hash`), when (the caller's date, shown as given), which model, and its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestUse {
    pub spec_hash: String,
    /// The caller's date (`null` in a fresh report: the core has no clock).
    #[serde(default)]
    pub at: Option<String>,
    /// The model's `kind`.
    #[serde(default)]
    pub model: Option<String>,
    pub metrics: TestFigures,
}

/// The test rows' figures a use is remembered by (the cross-validation's names, so the page
/// shows them side by side). The areas are `null` when the test rows hold one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestFigures {
    pub accuracy: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    #[serde(default)]
    pub roc_auc: Option<f64>,
    #[serde(default)]
    pub average_precision: Option<f64>,
}

impl TestFigures {
    pub fn of(s: &Scoring) -> TestFigures {
        let m = &s.metrics;
        TestFigures {
            accuracy: m.accuracy,
            precision: m.precision,
            recall: m.recall,
            f1: m.f1,
            roc_auc: s.roc.as_ref().map(|r| r.auc),
            average_precision: s.pr.as_ref().map(|p| p.average_precision),
        }
    }
}

/// `report.test_uses`: the earlier uses, then this run's if it scored the test rows. A run
/// whose spec hash is already listed adds nothing: the same spec on the same data scores the
/// same rows the same way, so it is that use shown again, not a second look.
pub fn test_uses(earlier: &[TestUse], hash: &str, model: &str, test: Option<&Scoring>) -> Vec<TestUse> {
    let mut uses = earlier.to_vec();
    if let Some(test) = test.filter(|_| !earlier.iter().any(|u| u.spec_hash == hash)) {
        uses.push(TestUse { spec_hash: hash.to_string(), at: None, model: Some(model.to_string()), metrics: TestFigures::of(test) });
    }
    uses
}
