//! STUB — contract only; the implementation replaces this file.
use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};
use super::Labelled;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params { pub var_smoothing: f64 }
impl Default for Params {
    fn default() -> Self { Params { var_smoothing: 1e-9 } }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GaussianNb {
    /// Per class.
    pub class_prior: Vec<f64>,
    /// Classes × features: per-class means.
    pub theta: Array2<f64>,
    /// Classes × features: per-class variances (+ epsilon).
    pub var: Array2<f64>,
}

pub fn fit(_params: &Params, data: &Labelled) -> Result<GaussianNb> {
    let (c, p) = (data.n_classes, data.x.ncols());
    Ok(GaussianNb { class_prior: vec![0.0; c], theta: Array2::zeros((c, p)), var: Array2::zeros((c, p)) })
}

impl GaussianNb {
    /// Rows × classes.
    pub fn proba(&self, x: ArrayView2<f64>) -> Array2<f64> { Array2::zeros((x.nrows(), self.class_prior.len())) }
}
