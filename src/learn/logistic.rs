//! STUB — contract only; the implementation replaces this file.
use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};
use crate::error::Result;

/// scikit-learn's `LogisticRegression` parameters (L2 penalty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// Inverse of the regularisation strength; > 0 (default 1.0).
    #[serde(rename = "C")]
    pub c: f64,
}
impl Default for Params {
    fn default() -> Self { Params { c: 1.0 } }
}

/// A fitted binary logistic regression: positive class vs the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    pub coefficients: Vec<f64>,
    pub intercept: f64,
}

/// Fits `positive[i]` (true = positive class) on `x`. `C ≤ 0` is `Error::BadParam { field: "model.C" }`.
pub fn fit(_params: &Params, _x: ArrayView2<f64>, _positive: &[bool]) -> Result<Logistic> {
    Err(crate::error::Error::NoFeatures)
}

impl Logistic {
    /// `x·w + b` per row.
    pub fn decision(&self, x: ArrayView2<f64>) -> Vec<f64> { vec![0.0; x.nrows()] }
    /// P(positive) per row.
    pub fn proba(&self, x: ArrayView2<f64>) -> Vec<f64> { vec![0.5; x.nrows()] }
}
