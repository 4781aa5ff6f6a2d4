//! Linear support vector machine with the hinge loss (positive class vs the rest), fitted by
//! dual coordinate descent. Uses `linalg` and a seeded ChaCha generator only.
//!
//! The fit minimises `½ (‖w‖² + b²) + C Σᵢ max(0, 1 − sᵢ (xᵢ·w + b))`, `sᵢ = ±1`: the bias is
//! an augmented constant feature 1, as in liblinear, i.e. scikit-learn's
//! `LinearSVC(loss='hinge', intercept_scaling=1)`, so **the bias is regularised**.
//! `SVC(kernel='linear')` leaves its intercept free; on standardised breast cancer the two
//! fits' coefficients differ by about 0.005 and their decisions' signs agree on every row
//! (tests/fixtures/svm_breast_cancer.json).
//!
//! Algorithm (Hsieh et al. 2008, liblinear's dual solver for the L1-loss SVM): the dual is
//! `min ½ αᵀQα − Σ αᵢ` over `0 ≤ αᵢ ≤ C`, `Qᵢⱼ = sᵢsⱼ x̃ᵢ·x̃ⱼ`, `x̃ = [x; 1]`. Keeping
//! `w̃ = Σ αᵢ sᵢ x̃ᵢ` up to date makes one coordinate's exact minimisation O(p):
//! `G = sᵢ w̃·x̃ᵢ − 1`, `αᵢ ← clip(αᵢ − G / Qᵢᵢ, 0, C)`. Each epoch visits the rows in a
//! permutation drawn from ChaCha8 with a fixed seed (liblinear draws from its own generator, so
//! the iterates, not the optimum, differ); there is no shrinking. The fit stops when the
//! projected gradient's spread over an epoch is at most `TOL` (liblinear's criterion), or after
//! `MAX_EPOCHS`.
//!
//! Degenerate data still gives a finite fit: with one class (or none) the regularised bias
//! keeps the optimum finite, and the model puts every row on that class's side.

use ndarray::ArrayView2;
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};

use super::linalg::{check_c, check_rows, decision, dot, row_major};
use crate::error::Result;

/// Stop once `max PG − min PG ≤ TOL` over an epoch; scikit-learn's `LinearSVC` default.
const TOL: f64 = 1e-4;
/// Epochs at most: liblinear's default `max_iter`.
const MAX_EPOCHS: usize = 1000;
/// The permutations' seed: fixed, so a fit is reproducible byte for byte.
const SEED: u64 = 0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// Cost of a margin violation, > 0 (default 1.0).
    #[serde(rename = "C")]
    pub c: f64,
}
impl Default for Params {
    fn default() -> Self {
        Params { c: 1.0 }
    }
}

/// A fitted linear SVM (hinge loss): positive class vs the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearSvm {
    pub coefficients: Vec<f64>,
    pub intercept: f64,
}

/// Fits `positive[i]` (true = positive class) on `x`. `C ≤ 0` is `Error::BadParam { field:
/// "model.C" }`; a non-finite feature `Error::NotANumber`.
pub fn fit(params: &Params, x: ArrayView2<f64>, positive: &[bool]) -> Result<LinearSvm> {
    check_c(params.c)?;
    check_rows(x, positive.len())?;
    let (mut w, _alpha) = solve_dual(&row_major(&x), x.ncols(), positive, params.c);
    let intercept = w.pop().unwrap_or(0.0);
    Ok(LinearSvm { coefficients: w, intercept })
}

impl LinearSvm {
    /// The decision function `x·w + b` per row (positive side > 0).
    pub fn decision(&self, x: ArrayView2<f64>) -> Vec<f64> {
        decision(x, &self.coefficients, self.intercept)
    }
}

/// Dual coordinate descent on row-major `x` (`n × p`): `(w̃, α)`, `w̃ = [w; b] = Σ αᵢ sᵢ x̃ᵢ`.
fn solve_dual(x: &[f64], p: usize, positive: &[bool], c: f64) -> (Vec<f64>, Vec<f64>) {
    let n = positive.len();
    let row = |i: usize| &x[i * p..(i + 1) * p];
    let q_ii: Vec<f64> = (0..n).map(|i| dot(row(i), row(i)) + 1.0).collect();
    let mut alpha = vec![0.0; n];
    let mut w = vec![0.0; p + 1];
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    for _ in 0..MAX_EPOCHS {
        shuffle(&mut order, &mut rng);
        let (mut high, mut low) = (f64::NEG_INFINITY, f64::INFINITY);
        for &i in &order {
            let (xi, s) = (row(i), if positive[i] { 1.0 } else { -1.0 });
            let g = s * (dot(xi, &w[..p]) + w[p]) - 1.0;
            // Projected gradient: 0 where the bound blocks the descent.
            let pg = if alpha[i] <= 0.0 { g.min(0.0) } else if alpha[i] >= c { g.max(0.0) } else { g };
            (high, low) = (high.max(pg), low.min(pg));
            if pg != 0.0 {
                let updated = (alpha[i] - g / q_ii[i]).max(0.0).min(c);
                let delta = (updated - alpha[i]) * s;
                alpha[i] = updated;
                w[..p].iter_mut().zip(xi).for_each(|(w, v)| *w += delta * v);
                w[p] += delta;
            }
        }
        if high - low <= TOL {
            break;
        }
    }
    (w, alpha)
}

/// Fisher–Yates with `rng`.
fn shuffle(order: &mut [usize], rng: &mut ChaCha8Rng) {
    for i in (1..order.len()).rev() {
        order.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// 200 rows of 3 overlapping features (labels flip with noise), seeded.
    fn noisy() -> (Array2<f64>, Vec<bool>) {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut u = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
        let x = Array2::from_shape_fn((200, 3), |_| u());
        let y = x.rows().into_iter().map(|r| r[0] + 0.5 * r[1] - 0.2 + 0.6 * u() > 0.0).collect();
        (x, y)
    }

    #[test]
    fn duality_gap_closes_at_the_solution() {
        let (x, y) = noisy();
        let c = 2.0;
        let (w, alpha) = solve_dual(&row_major(&x.view()), 3, &y, c);
        let norm2 = dot(&w, &w);
        let hinge: f64 = (x.rows().into_iter().zip(&y))
            .map(|(r, &pos)| {
                let z = r.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>() + w[3];
                (1.0 - if pos { z } else { -z }).max(0.0)
            })
            .sum();
        let primal = 0.5 * norm2 + c * hinge;
        let dual_objective = alpha.iter().sum::<f64>() - 0.5 * norm2;
        assert!(alpha.iter().all(|&a| (0.0..=c).contains(&a)));
        assert!((primal - dual_objective) / primal < 1e-3, "primal {primal}, dual {dual_objective}");
    }

    #[test]
    fn same_data_gives_the_same_bits() {
        let (x, y) = noisy();
        let a = fit(&Params::default(), x.view(), &y).unwrap();
        let b = fit(&Params::default(), x.view(), &y).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn one_class_gives_a_finite_fit_on_its_side() {
        let (x, _) = noisy();
        let model = fit(&Params::default(), x.view(), &[true; 200]).unwrap();
        assert!(model.decision(x.view()).iter().all(|d| d.is_finite() && *d > 0.0), "{model:?}");
    }

    #[test]
    fn no_row_gives_the_zero_model() {
        let x = Array2::<f64>::zeros((0, 2));
        let model = fit(&Params::default(), x.view(), &[]).unwrap();
        assert_eq!(model, LinearSvm { coefficients: vec![0.0, 0.0], intercept: 0.0 });
    }

    #[test]
    fn nonpositive_c_is_a_bad_param() {
        let x = Array2::<f64>::zeros((1, 1));
        assert_eq!(fit(&Params { c: 0.0 }, x.view(), &[true]).unwrap_err().code(), "bad_param");
    }
}
