//! STUB — contract only; the implementation replaces this file.
use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};
use super::Labelled;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion { #[default] Gini, Entropy }

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub criterion: Criterion,
    /// None: grow until pure (or until the sample limits stop it).
    pub max_depth: Option<usize>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
}
impl Default for Params {
    fn default() -> Self { Params { criterion: Criterion::Gini, max_depth: None, min_samples_split: 2, min_samples_leaf: 1 } }
}

/// One node; the root is `nodes[0]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// The split (`x[feature] <= threshold` goes left); None for a leaf.
    pub feature: Option<usize>,
    pub threshold: f64,
    pub left: usize,
    pub right: usize,
    pub impurity: f64,
    pub samples: usize,
    /// Training rows of each class that reached the node.
    pub counts: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tree { pub nodes: Vec<Node>, pub n_classes: usize }

pub fn fit(_params: &Params, data: &Labelled) -> Result<Tree> { Ok(Tree { nodes: Vec::new(), n_classes: data.n_classes }) }

impl Tree {
    /// Rows × classes: the class shares of the leaf each row falls in.
    pub fn proba(&self, x: ArrayView2<f64>) -> Array2<f64> { Array2::zeros((x.nrows(), self.n_classes)) }
    /// Mean decrease in impurity per feature, normalised to sum 1 (scikit-learn's `feature_importances_`).
    pub fn feature_importances(&self, n_features: usize) -> Vec<f64> { vec![0.0; n_features] }
}
