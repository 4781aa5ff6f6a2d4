//! STUB — contract only; the implementation replaces this file.
use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    #[serde(rename = "C")]
    pub c: f64,
}
impl Default for Params {
    fn default() -> Self { Params { c: 1.0 } }
}

/// A fitted linear SVM (hinge loss): positive class vs the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearSvm {
    pub coefficients: Vec<f64>,
    pub intercept: f64,
}

pub fn fit(_params: &Params, _x: ArrayView2<f64>, _positive: &[bool]) -> Result<LinearSvm> {
    Err(crate::error::Error::NoFeatures)
}

impl LinearSvm {
    /// The decision function `x·w + b` per row (positive side > 0).
    pub fn decision(&self, x: ArrayView2<f64>) -> Vec<f64> { vec![0.0; x.nrows()] }
}
