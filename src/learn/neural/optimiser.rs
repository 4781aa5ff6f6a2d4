//! Stochastic gradient descent with momentum, and Adam, over a flat slice of parameters: the
//! network keeps its weights in one buffer, and the loss-surface card (`learn::descent`) steps
//! a logistic regression's `(w, b)` with the same code.
//!
//! TEMP: a stand-in body so `learn::descent` can be tested before the real one lands; the
//! integrator drops this commit.

use super::Solver;

/// An optimiser and its state (velocities; Adam's moments and step count).
#[derive(Debug, Clone, PartialEq)]
pub struct Optimiser {
    solver: Solver,
    learning_rate: f64,
    momentum: f64,
    first: Vec<f64>,
    second: Vec<f64>,
    t: i32,
}

impl Optimiser {
    /// `momentum` is used by SGD only (0 for plain gradient descent).
    pub fn new(solver: Solver, learning_rate: f64, momentum: f64, parameters: usize) -> Optimiser {
        Optimiser { solver, learning_rate, momentum, first: vec![0.0; parameters], second: vec![0.0; parameters], t: 0 }
    }

    /// One update of `params` along the gradient `grads` (same length as `parameters`).
    pub fn step(&mut self, params: &mut [f64], grads: &[f64]) {
        match self.solver {
            Solver::Sgd => {
                for ((p, g), v) in params.iter_mut().zip(grads).zip(&mut self.first) {
                    *v = self.momentum * *v - self.learning_rate * g;
                    *p += *v;
                }
            }
            Solver::Adam => {
                let (b1, b2, eps) = (0.9, 0.999, 1e-8);
                self.t += 1;
                let lr = self.learning_rate * libm::sqrt(1.0 - libm::pow(b2, self.t as f64)) / (1.0 - libm::pow(b1, self.t as f64));
                for (((p, g), m), v) in params.iter_mut().zip(grads).zip(&mut self.first).zip(&mut self.second) {
                    *m = b1 * *m + (1.0 - b1) * g;
                    *v = b2 * *v + (1.0 - b2) * g * g;
                    *p -= lr * *m / (libm::sqrt(*v) + eps);
                }
            }
        }
    }
}
