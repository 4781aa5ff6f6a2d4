//! STUB — contract only; the implementation replaces this file.
use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};
use super::Labelled;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaxFeatures { #[default] Sqrt, Log2, All }

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub n_estimators: usize,
    pub max_depth: Option<usize>,
    pub max_features: MaxFeatures,
    pub seed: u64,
}
impl Default for Params {
    fn default() -> Self { Params { n_estimators: 100, max_depth: None, max_features: MaxFeatures::Sqrt, seed: 0 } }
}

/// A forest being grown, one tree per `grow_one` call, so the worker can report progress and
/// stop between trees.
pub struct Growing { n_classes: usize, grown: usize, total: usize }

impl Growing {
    pub fn new(params: &Params, data: &Labelled) -> Result<Growing> { Ok(Growing { n_classes: data.n_classes, grown: 0, total: params.n_estimators }) }
    /// Grows the next tree on its bootstrap sample.
    pub fn grow_one(&mut self, _data: &Labelled) { self.grown += 1; }
    pub fn grown(&self) -> usize { self.grown }
    pub fn total(&self) -> usize { self.total }
    pub fn finish(self) -> Forest { Forest { n_classes: self.n_classes, feature_importances: Vec::new() } }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Forest { n_classes: usize, pub feature_importances: Vec<f64> }

impl Forest {
    /// Rows × classes: the mean of the trees' class shares.
    pub fn proba(&self, x: ArrayView2<f64>) -> Array2<f64> { Array2::zeros((x.nrows(), self.n_classes)) }
}
