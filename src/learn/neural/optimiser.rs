//! Stochastic gradient descent with momentum, and Adam, over a flat slice of parameters: the
//! network keeps its weights in one buffer, and the loss-surface card (`learn::descent`) steps
//! a logistic regression's `(w, b)` with the same code.
//!
//! Both follow scikit-learn's `_stochastic_optimizers`:
//! - SGD with classical momentum (`nesterovs_momentum=False`): `v ← μ v − η g`, `w ← w + v`;
//!   `μ = 0` is plain gradient descent `w ← w − η g`, bit for bit;
//! - Adam: `t ← t + 1`, `m ← β₁ m + (1 − β₁) g`, `v ← β₂ v + (1 − β₂) g²`,
//!   `η_t = η √(1 − β₂ᵗ) / (1 − β₁ᵗ)`, `w ← w − η_t m / (√v + ε)`, with β₁ = 0.9, β₂ = 0.999,
//!   ε = 1e-8. The powers come from `libm::pow` (same bits natively and in wasm); the square
//!   root is IEEE-exact everywhere.

use super::Solver;

/// Adam's decay of the first moment.
pub const BETA1: f64 = 0.9;
/// Adam's decay of the second moment.
pub const BETA2: f64 = 0.999;
/// Adam's guard against division by zero.
pub const EPSILON: f64 = 1e-8;

/// An optimiser and its state (velocities; Adam's moments and step count).
#[derive(Debug, Clone, PartialEq)]
pub struct Optimiser {
    solver: Solver,
    learning_rate: f64,
    momentum: f64,
    /// SGD's velocities, or Adam's first moments.
    first: Vec<f64>,
    /// Adam's second moments (empty for SGD).
    second: Vec<f64>,
    /// Steps taken.
    t: u64,
}

impl Optimiser {
    /// `momentum` is used by SGD only (0 for plain gradient descent).
    pub fn new(solver: Solver, learning_rate: f64, momentum: f64, parameters: usize) -> Optimiser {
        let second = match solver {
            Solver::Sgd => Vec::new(),
            Solver::Adam => vec![0.0; parameters],
        };
        Optimiser { solver, learning_rate, momentum, first: vec![0.0; parameters], second, t: 0 }
    }

    /// One update of `params` along the gradient `grads` (same length as `parameters`; extra
    /// entries of either are left alone). Never allocates.
    pub fn step(&mut self, params: &mut [f64], grads: &[f64]) {
        self.t += 1;
        let lr = self.learning_rate;
        match self.solver {
            Solver::Sgd => {
                let mu = self.momentum;
                for ((w, v), g) in params.iter_mut().zip(&mut self.first).zip(grads) {
                    *v = mu * *v - lr * g;
                    *w += *v;
                }
            }
            Solver::Adam => {
                let t = self.t as f64;
                let lr_t = lr * (1.0 - libm::pow(BETA2, t)).sqrt() / (1.0 - libm::pow(BETA1, t));
                let moments = self.first.iter_mut().zip(&mut self.second);
                for ((w, (m, v)), g) in params.iter_mut().zip(moments).zip(grads) {
                    *m = BETA1 * *m + (1.0 - BETA1) * g;
                    *v = BETA2 * *v + (1.0 - BETA2) * (g * g);
                    *w -= lr_t * *m / (v.sqrt() + EPSILON);
                }
            }
        }
    }

    /// Steps taken so far.
    pub fn steps(&self) -> u64 {
        self.t
    }

    pub fn solver(&self) -> Solver {
        self.solver
    }
}
