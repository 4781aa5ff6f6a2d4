//! The final test (`spec.evaluate_test`): the spec's whole pipeline refitted on the training and
//! validation rows together, then scored once on the test rows, which nothing before has seen.
//! The core has no memory and no clock: the page and the journal keep the earlier uses and hand
//! them back in `spec.test_uses`; the run lists them with its own in `report.test_uses`, and a
//! second use with another spec carries a warning naming the first (`guards::test_reused`).
//!
//! On another file (`spec.test_data`: a built-in set, the biased set's unbiased companion, or a
//! text), the held-out rows are left alone and the file's rows are scored instead, prepared as
//! production prepares new rows (`production`): the recipe's fills frozen at their values on the
//! training file and its `drop_where` conditions replayed (its dropped rows and columns name the
//! training file's, not replayed); the encoder and scaler learnt on train + validation; rows
//! without a label left out, and incomplete ones with `impute: drop_rows`. A feature or the
//! target missing from the file, text in a numeric feature, or a label that is none of the
//! classes learnt is an error naming it (`Error::InTestFile`).
//!
//! `report.test.shift` compares the test with the validation part: when the test falls by
//! `DROP` or more, the model learnt something true of the data it was shown and not of the test
//! rows. Beside each feature's weight in the refitted model, its link with the label (its AUC
//! alone, on the prepared values) on the learning rows and on the test rows: a shortcut is a
//! feature whose link the test rows do not keep.

use serde::{Deserialize, Serialize};

use super::cv::fit_on;
use super::production::{check_inputs, inputs_of};
use super::report::Scoring;
use super::run::{scoring, Matrix, Preparation, Target};
use super::spec::{fnv1a, DataRef, Spec};
use crate::data::{read, ReadOptions, Table};
use crate::error::{Error, Need, Result};
use crate::eval::curves::roc;
use crate::eval::scores::Scores;
use crate::explore::classes::classes;
use crate::learn::Model;
use crate::prep::features::{complete_rows, Impute};
use crate::prep::recipe::{apply, frozen_fills, Step};

/// A fall of the test's accuracy or AUC below the validation part's that `shift.dropped` names:
/// ten points, well past what chance moves between two parts of a few hundred rows (an
/// accuracy's standard error is about 2.5 points on 300 rows at 80 %).
pub const DROP: f64 = 0.10;

/// The fall of a feature's link with the label (`|2·AUC − 1|`, 0 for none, 1 for a feature that
/// alone separates the classes) from the learning rows to the test rows that names it the
/// shortcut, when the test dropped.
pub const LINK_FALL: f64 = 0.25;

/// At most this many rows, at an even stride, for a feature's AUC alone (as the leakage
/// checker screens): a link that strong shows on any large sample, and a sort per feature of
/// every row of a wide file would cost seconds.
const SCREEN_ROWS: usize = 20_000;

/// The rows the final test scores: the split's test part, or another file's bytes.
pub(super) enum TestRows {
    HeldOut(Vec<usize>),
    File(Vec<u8>),
}

impl TestRows {
    pub fn of(held_out: &[usize], file: Option<Vec<u8>>) -> TestRows {
        file.map_or_else(|| TestRows::HeldOut(held_out.to_vec()), TestRows::File)
    }
}

/// Which rows the final test scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TestSource {
    /// The test part of the spec's split.
    HeldOut,
    /// A built-in data set, by its id.
    Builtin { id: String },
    /// A file given as text, by its FNV-1a (16 hex digits).
    Text { fnv1a: String },
}

/// `report.test`: the test rows' metrics and curves, which rows they were, and how they compare
/// with the validation part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestReport {
    #[serde(flatten)]
    pub scoring: Scoring,
    pub data: TestSource,
    /// Rows scored.
    pub rows: usize,
    /// Rows of the other file not scored: dropped by the recipe's conditions, without a label,
    /// or incomplete with `impute: drop_rows` (0 on the held-out rows).
    pub left_out: usize,
    /// Absent without a validation part.
    pub shift: Option<Shift>,
}

/// The validation part against the test rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shift {
    pub validation_accuracy: f64,
    pub test_accuracy: f64,
    /// Null when a part holds one class.
    pub validation_auc: Option<f64>,
    pub test_auc: Option<f64>,
    /// The test's accuracy or AUC is `DROP` or more below the validation's.
    pub dropped: bool,
    /// What `features[].weight` is: `coefficient` (linear models, on the scaled features) or
    /// `importance` (trees, forests); null for a model without either (k-NN, naive Bayes, a
    /// network with hidden layers).
    pub weight: Option<&'static str>,
    /// Every prepared feature, in `features` order.
    pub features: Vec<FeatureShift>,
    /// The feature whose link with the label fell the most, by `LINK_FALL` or more, when the
    /// test dropped: what the model took as a shortcut (only features with an AUC on both
    /// parts are compared).
    pub shortcut: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureShift {
    pub name: String,
    pub weight: Option<f64>,
    /// Its AUC alone on the learning rows (train + validation) and on the test rows; null when
    /// the rows hold one class.
    pub learn_auc: Option<f64>,
    pub test_auc: Option<f64>,
}

/// The refit and the rows it will be scored on.
pub struct FinalTest {
    spec: Spec,
    learn: Matrix,
    test: Matrix,
    names: Vec<String>,
    data: TestSource,
    left_out: usize,
    classes: Vec<String>,
    positive: usize,
    model: Option<Model>,
}

impl FinalTest {
    /// Learns the preparation on `learn_rows` (train + validation) of the cleaned `table` and
    /// prepares the test rows: the held-out ones, or another file's (cleaned after `loaded`,
    /// the table before the recipe).
    pub(super) fn new(loaded: &Table, table: &Table, features: &[String], target: &Target, learn_rows: Vec<usize>, test: TestRows, spec: &Spec) -> Result<FinalTest> {
        let (preparation, learn_x) = Preparation::fit(table, features, &learn_rows, spec)?;
        let classes_of = |rows: &[usize]| rows.iter().map(|&r| target.index[r]).collect();
        let learn = Matrix { x: learn_x, y: classes_of(&learn_rows), rows: learn_rows };
        let (test, data, left_out) = match test {
            TestRows::HeldOut(rows) if rows.is_empty() => {
                return Err(Error::BadParam { field: "evaluate_test".into(), value: "true".into(), need: Need::TestPart });
            }
            TestRows::HeldOut(rows) => (Matrix { x: preparation.transform(table, &rows), y: classes_of(&rows), rows }, TestSource::HeldOut, 0),
            TestRows::File(bytes) => {
                let data = source(spec, &bytes);
                let (test, left_out) = other_file(bytes, loaded, features, target, &preparation, spec).map_err(|e| Error::InTestFile { error: Box::new(e) })?;
                (test, data, left_out)
            }
        };
        Ok(FinalTest { spec: spec.clone(), learn, test, names: preparation.encoder.names(), data, left_out, classes: target.classes.clone(), positive: target.positive, model: None })
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

    /// The test rows' metrics at the spec's threshold and their curves, compared with the
    /// validation part's `validation` (the model fitted on the training part alone).
    pub fn report(&self, validation: Option<&Scoring>) -> Result<TestReport> {
        let model = self.model.as_ref().ok_or(Error::BadSpec { detail: "the final model is not fitted yet".into() })?;
        let scoring = scoring(model, &self.test, self.positive, self.spec.threshold())?.0;
        let shift = validation.map(|v| self.shift(model, v, &scoring));
        Ok(TestReport { data: self.data.clone(), rows: self.test.y.len(), left_out: self.left_out, shift, scoring })
    }

    fn shift(&self, model: &Model, validation: &Scoring, test: &Scoring) -> Shift {
        let auc = |s: &Scoring| s.roc.as_ref().map(|r| r.auc);
        let (validation_auc, test_auc) = (auc(validation), auc(test));
        let fell = |before: f64, after: f64| before - after >= DROP;
        let dropped = fell(validation.metrics.accuracy, test.metrics.accuracy) || matches!((validation_auc, test_auc), (Some(v), Some(t)) if fell(v, t));
        let (weight, weights) = weights(model, self.names.len()).unzip();
        let features: Vec<FeatureShift> = self
            .names
            .iter()
            .enumerate()
            .map(|(j, name)| FeatureShift {
                name: name.clone(),
                weight: weights.as_ref().and_then(|w| w.get(j).copied()),
                learn_auc: column_auc(&self.learn, j, self.positive),
                test_auc: column_auc(&self.test, j, self.positive),
            })
            .collect();
        let link = |auc: f64| (2.0 * auc - 1.0).abs();
        let fall = |f: &FeatureShift| f.learn_auc.zip(f.test_auc).map(|(learn, test)| link(learn) - link(test));
        let shortcut = features
            .iter()
            .filter_map(|f| Some((fall(f)?, f)))
            .filter(|&(fell, _)| dropped && fell >= LINK_FALL)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, f)| f.name.clone());
        Shift { validation_accuracy: validation.metrics.accuracy, test_accuracy: test.metrics.accuracy, validation_auc, test_auc, dropped, weight, features, shortcut }
    }
}

/// Where the other file came from, as the report names it.
fn source(spec: &Spec, bytes: &[u8]) -> TestSource {
    match &spec.test_data {
        Some(DataRef::Builtin(id)) => TestSource::Builtin { id: id.clone() },
        _ => TestSource::Text { fnv1a: format!("{:016x}", fnv1a(bytes)) },
    }
}

/// The other file's rows, cleaned and prepared as the module doc says, and how many of its
/// rows were left out.
fn other_file(bytes: Vec<u8>, loaded: &Table, features: &[String], target: &Target, preparation: &Preparation, spec: &Spec) -> Result<(Matrix, usize)> {
    let file = read(bytes, &ReadOptions::default())?.table;
    let cleaned = apply(&file, &test_recipe(loaded, &spec.clean)?)?;
    let table = &cleaned.table;
    let column = table.column(&target.name)?;
    check_inputs(&inputs_of(preparation), table)?;
    let found = classes(column);
    let missing = target.classes.len();
    let index = found
        .index
        .iter()
        .enumerate()
        .map(|(row, &k)| match found.names.get(k) {
            None => Ok(missing),
            Some(name) => target.classes.iter().position(|c| c == name).ok_or_else(|| Error::UnknownClass {
                column: target.name.clone(),
                class: name.clone(),
                row: cleaned.index[row] + 1,
                known: target.classes.clone(),
            }),
        })
        .collect::<Result<Vec<usize>>>()?;
    let labelled: Vec<usize> = (0..table.num_rows()).filter(|&r| index[r] < missing).collect();
    let rows = if spec.impute == Impute::DropRows { complete_rows(table, features, &labelled)? } else { labelled };
    if rows.is_empty() {
        return Err(Error::TooFewRows { needed: 1, found: 0 });
    }
    let y = rows.iter().map(|&r| index[r]).collect();
    let x = preparation.transform(table, &rows);
    let left_out = file.num_rows() - rows.len();
    Ok((Matrix { x, y, rows }, left_out))
}

/// The recipe as the other file replays it, step for step (so an error names the same step):
/// `drop_where` as written, fills frozen at their value on the training file, the steps that
/// name the training file's rows and columns left out (an empty step in their place).
fn test_recipe(loaded: &Table, steps: &[Step]) -> Result<Vec<Step>> {
    let mut frozen = frozen_fills(loaded, steps)?.into_iter().peekable();
    Ok(steps
        .iter()
        .map(|step| match step {
            Step::DropWhere { .. } => step.clone(),
            Step::FillMissing { column, .. } => match frozen.next_if(|f| matches!(f, Step::FillMissing { column: c, .. } if c == column)) {
                Some(fill) => fill,
                None => Step::DropColumns { columns: Vec::new() },
            },
            Step::DropRows { .. } | Step::DropColumns { .. } => Step::DropColumns { columns: Vec::new() },
        })
        .collect())
}

/// What the model weighs each prepared feature by, and what the weights are.
fn weights(model: &Model, features: usize) -> Option<(&'static str, Vec<f64>)> {
    match model {
        Model::Logistic(m) => Some(("coefficient", m.coefficients.clone())),
        Model::Svm(m) => Some(("coefficient", m.coefficients.clone())),
        Model::Network(m) => m.linear().map(|(c, _)| ("coefficient", c)),
        Model::Tree(m) => Some(("importance", m.feature_importances(features))),
        Model::Forest(m) => Some(("importance", m.feature_importances.clone())),
        _ => None,
    }
}

/// Column `j`'s AUC alone for the positive class, on `part`'s prepared values (at most
/// `SCREEN_ROWS` of them).
fn column_auc(part: &Matrix, j: usize, positive: usize) -> Option<f64> {
    let stride = part.y.len().div_ceil(SCREEN_ROWS).max(1);
    let labels: Vec<bool> = part.y.iter().step_by(stride).map(|&k| k == positive).collect();
    let values: Vec<f64> = part.x.column(j).iter().step_by(stride).copied().collect();
    Scores::new(&labels, &values).ok().map(|s| roc(&s, true).auc)
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
