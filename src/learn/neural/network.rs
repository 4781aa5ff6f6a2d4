//! A stack of dense layers: weights, forward pass, gradients of the loss.

use ndarray::{Array2, ArrayView2};
use serde::Serialize;

use super::Activation;

/// A dense layer: `out = activation(in · weights + bias)`; `weights` is inputs × units.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense {
    pub weights: Array2<f64>,
    pub bias: Vec<f64>,
}

/// A fitted (or fitting) network. The output layer is one sigmoid unit for two classes (the
/// positive one scored), a softmax over the classes for more.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub layers: Vec<Dense>,
    /// The hidden layers' activation.
    pub activation: Activation,
    /// Index of the scored class among the softmax outputs (0 with one sigmoid output).
    pub positive: usize,
}

/// One layer as a model summary gives it: the input layer first (its parameters 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerSummary {
    pub units: usize,
    /// `input`, the hidden activation, `sigmoid` or `softmax`.
    pub activation: &'static str,
    pub parameters: usize,
}

impl Network {
    /// Each row's probability of the positive class.
    pub fn scores(&self, _x: ArrayView2<f64>) -> Vec<f64> {
        todo!()
    }

    /// The activations of every layer for one row, the input first and the output last.
    pub fn forward_pass(&self, _row: &[f64]) -> Vec<Vec<f64>> {
        todo!()
    }

    pub fn summary(&self) -> Vec<LayerSummary> {
        todo!()
    }

    /// The coefficients and intercept of a network without hidden layer and one output
    /// (logistic regression).
    pub fn linear(&self) -> Option<(Vec<f64>, f64)> {
        todo!()
    }
}
