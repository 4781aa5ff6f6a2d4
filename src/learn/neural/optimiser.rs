//! Stochastic gradient descent with momentum, and Adam, over a flat slice of parameters: the
//! network keeps its weights in one buffer, and the loss-surface card (`learn::descent`) steps
//! a logistic regression's `(w, b)` with the same code.

use super::Solver;

/// An optimiser and its state (velocities; Adam's moments and step count).
#[derive(Debug, Clone, PartialEq)]
pub struct Optimiser {
    _solver: Solver,
}

impl Optimiser {
    /// `momentum` is used by SGD only (0 for plain gradient descent).
    pub fn new(_solver: Solver, _learning_rate: f64, _momentum: f64, _parameters: usize) -> Optimiser {
        todo!()
    }

    /// One update of `params` along the gradient `grads` (same length as `parameters`).
    pub fn step(&mut self, _params: &mut [f64], _grads: &[f64]) {
        todo!()
    }
}
