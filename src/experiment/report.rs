//! The report of a run: plain data, serialised to JSON as the API returns it. Names are the
//! issue's (`splits`, `features`, `model`, `train`, `validation`, `warnings`); the test part's
//! size is given, and its scores only when the spec asks for the final test (`test`).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::cv::CvReport;
use super::final_test::{TestReport, TestUse};
use super::search::SearchReport;
use super::text::TextReport;
use crate::eval::classes::ClassConfusion;
use crate::eval::confusion::Metrics;
use crate::eval::curves::{PrCurve, Roc};
use crate::explore::Scalar;
use crate::learn::layers::LayerShape;
use crate::learn::neural::{EpochRecord, LayerSummary};
use crate::learn::tree::Node;

/// Counts keyed by class label, in the classes' order (a JSON object).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClassCounts(pub Vec<(String, usize)>);

impl Serialize for ClassCounts {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (class, n) in &self.0 {
            map.serialize_entry(class, n)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub rows: usize,
    pub class_counts: ClassCounts,
    /// The training part's counts after oversampling (training part only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resampled_class_counts: Option<ClassCounts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Splits {
    pub train: Part,
    pub validation: Part,
    pub test: Part,
}

/// Rows of the cleaned table left out before the split, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rows {
    /// Rows the run learnt from or held out (train + validation + test).
    pub used: usize,
    pub missing_target: usize,
    /// Rows with a missing feature, with `impute: drop_rows`.
    pub missing_features: usize,
}

/// What the fitted model says about itself, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelReport {
    pub kind: &'static str,
    /// Every class of the target, sorted; `positive` is the one scored.
    pub classes: Vec<String>,
    pub positive: String,
    /// On the scaled, encoded features, in `features` order, for the positive class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coefficients: Option<Vec<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intercept: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature_importances: Option<Vec<f64>>,
    /// A decision tree's nodes (the root first), thresholds in the features' units before
    /// scaling (the scaler undone: it is increasing, so each split is the same).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tree: Option<Vec<Node>>,
    /// A decision tree's depth (levels below the root) and leaves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leaves: Option<usize>,
    /// A network's layers, the input first: units, activation, parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layers: Option<Vec<LayerSummary>>,
    /// A network of layers' summary: each layer's type, output shape and parameters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network: Option<Vec<LayerShape>>,
    /// Gaussian naive Bayes' class priors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class_prior: Option<Vec<f64>>,
    /// What the score is: `probability`, or `decision_function` (the SVM).
    pub score: &'static str,
}

/// Metrics at the spec's threshold and the curves, on one part. The curves are absent when
/// the part holds one class only (a curve needs both).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scoring {
    pub metrics: Metrics,
    pub roc: Option<Roc>,
    pub pr: Option<PrCurve>,
}

/// The validation part's scoring, with its rows so the Evaluate step can open on them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    #[serde(flatten)]
    pub scoring: Scoring,
    pub scores: Vec<f64>,
    /// 1 for the positive class, 0 otherwise.
    pub labels: Vec<u8>,
    /// Each row's identifier: its ID column value, else its label in the loaded file.
    pub ids: Vec<Scalar>,
    /// Each row's label in the loaded file (0-based, pandas' index).
    pub rows: Vec<usize>,
    /// More than two classes, and a model giving every class's probability: the class by
    /// class confusion matrix and accuracy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confusion: Option<ClassConfusion>,
}

/// A warning in both languages, with the course's reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub fr: String,
    pub en: String,
}

/// What the Prepare step shows: the run up to the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prepared {
    pub target: String,
    pub positive: String,
    pub classes: Vec<String>,
    pub rows: Rows,
    pub splits: Splits,
    /// Names after encoding: `Age`, `sexe=F`.
    pub features: Vec<String>,
    /// Which of `features` the scaler applies to (the numeric ones).
    pub scaled: Vec<bool>,
    pub threshold: f64,
    pub warnings: Vec<Warning>,
    /// With `spec.text`: each text column's vocabulary (size, first words), and once fitted a
    /// linear model's most telling words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<TextReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub spec_hash: String,
    #[serde(flatten)]
    pub prepared: Prepared,
    pub model: ModelReport,
    pub train: Scoring,
    pub validation: Option<Validation>,
    /// A gradient-descent model's epochs; absent for the other models.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub learning: Option<Learning>,
    /// With `spec.cv`: every fold's figures, their mean and spread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cv: Option<CvReport>,
    /// With `spec.search`: every trial and the best.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchReport>,
    /// With `spec.evaluate_test`: the test rows scored once by the spec refitted on train +
    /// validation (or on another file, `spec.test_data`), beside the validation part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<TestReport>,
    /// Every evaluation of the test rows, oldest first: the spec's `test_uses`, then this
    /// run's with `evaluate_test` (absent when there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub test_uses: Vec<TestUse>,
}

/// How a gradient-descent model learnt, epoch by epoch. Timings are not here (they travel
/// beside the report, in the per-epoch callback): the same spec gives the same bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Learning {
    pub epochs: Vec<EpochRecord>,
    #[serde(flatten)]
    pub marks: Marks,
}

/// The epochs the curves mark.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Marks {
    /// The epoch where early stopping ended training; `null` when it ran every epoch.
    pub stopped_at: Option<usize>,
    /// The epoch with the lowest validation loss (`null` without a validation part).
    pub best_epoch: Option<usize>,
    /// The epoch where the validation loss turned up for good while the training loss kept
    /// falling: where overfitting began (`null` when it did not).
    pub overfitting_from: Option<usize>,
}
