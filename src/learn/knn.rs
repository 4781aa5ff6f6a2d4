//! STUB — contract only; the implementation replaces this file.
use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};
use super::Labelled;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weights { #[default] Uniform, Distance }

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub n_neighbors: usize,
    pub weights: Weights,
}
impl Default for Params {
    fn default() -> Self { Params { n_neighbors: 5, weights: Weights::Uniform } }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Knn { n_classes: usize }

pub fn fit(_params: &Params, data: &Labelled) -> Result<Knn> { Ok(Knn { n_classes: data.n_classes }) }

impl Knn {
    /// Rows × classes: class probabilities (vote shares).
    pub fn proba(&self, x: ArrayView2<f64>) -> Array2<f64> { Array2::zeros((x.nrows(), self.n_classes)) }
}
