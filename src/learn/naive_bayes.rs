//! Gaussian naive Bayes, as scikit-learn's `GaussianNB`. Uses `linalg` and `libm` only.
//!
//! Per class `c`: the prior `π_c = n_c / n`, each feature's mean `θ_cj` and variance `σ²_cj`
//! (ddof 0), and `ε = var_smoothing × the largest feature variance over all training rows`
//! (ddof 0) added to every `σ²_cj`, so no variance is 0. A row's joint log-likelihood is
//! `log π_c − ½ Σⱼ log(2π σ²_cj) − ½ Σⱼ (xⱼ − θ_cj)² / σ²_cj`, and `proba` normalises it by
//! log-sum-exp around the row's maximum, so posteriors of 1e-26 keep their digits.
//!
//! Differences from scikit-learn, all where it would give NaN or has no counterpart:
//! - a class with no training row (classes are indexed by the whole target, so a split can
//!   leave one empty) gets prior 0, mean 0 and variance `ε`: its probability is exactly 0 on
//!   every row;
//! - when every feature is constant, `ε = var_smoothing` (as if the largest variance were 1),
//!   where scikit-learn's `ε` and variances are 0;
//! - `var_smoothing` must be above 0 (scikit-learn accepts 0);
//! - a row with no usable likelihood (a NaN feature, or one so far out that every class's
//!   likelihood underflows to 0) gets the priors.

use ndarray::{Array2, ArrayView2, ArrayViewMut1, Axis};
use serde::{Deserialize, Serialize};

use super::linalg::check_labelled;
use super::Labelled;
use crate::error::{Error, Need, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// Fraction of the largest feature variance added to every variance; > 0 (default 1e-9).
    pub var_smoothing: f64,
}
impl Default for Params {
    fn default() -> Self {
        Params { var_smoothing: 1e-9 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GaussianNb {
    /// Per class.
    pub class_prior: Vec<f64>,
    /// Classes × features: per-class means.
    pub theta: Array2<f64>,
    /// Classes × features: per-class variances (+ epsilon).
    pub var: Array2<f64>,
}

/// Fits the per-class Gaussians. `var_smoothing ≤ 0` is `Error::BadParam { field:
/// "model.var_smoothing" }`; no row is `Error::TooFewRows`; a non-finite feature
/// `Error::NotANumber`.
pub fn fit(params: &Params, data: &Labelled) -> Result<GaussianNb> {
    let smoothing = params.var_smoothing;
    if !(smoothing > 0.0 && smoothing.is_finite()) {
        return Err(Error::BadParam { field: "model.var_smoothing".into(), value: smoothing.to_string(), need: Need::Positive });
    }
    check_labelled(data)?;
    let mut counts = vec![0usize; data.n_classes];
    data.y.iter().for_each(|&c| counts[c] += 1);
    let theta = class_means(data, &counts);
    let mut var = class_variances(data, &counts, &theta);
    // ε's scale: the whole training set as one class.
    let all = vec![0; data.y.len()];
    let whole = Labelled { x: data.x, y: &all, n_classes: 1 };
    let overall = class_variances(&whole, &[data.y.len()], &class_means(&whole, &[data.y.len()]));
    let largest = overall.iter().copied().fold(0.0, f64::max);
    var += smoothing * if largest > 0.0 { largest } else { 1.0 };
    let n = data.y.len() as f64;
    Ok(GaussianNb { class_prior: counts.iter().map(|&k| k as f64 / n).collect(), theta, var })
}

/// Classes × features: each class's feature means (0 for a class without rows).
fn class_means(data: &Labelled, counts: &[usize]) -> Array2<f64> {
    let mut sums = Array2::zeros((counts.len(), data.x.ncols()));
    for (row, &c) in data.x.rows().into_iter().zip(data.y) {
        sums.row_mut(c).zip_mut_with(&row, |s, v| *s += v);
    }
    for (mut sum, &k) in sums.rows_mut().into_iter().zip(counts) {
        sum.mapv_inplace(|s| if k > 0 { s / k as f64 } else { 0.0 });
    }
    sums
}

/// Classes × features: each class's variances around `means`, ddof 0 (two passes, as
/// scikit-learn, rather than `E[x²] − E[x]²`, which cancels).
fn class_variances(data: &Labelled, counts: &[usize], means: &Array2<f64>) -> Array2<f64> {
    let mut sums = Array2::zeros(means.raw_dim());
    for (row, &c) in data.x.rows().into_iter().zip(data.y) {
        let mut sum = sums.row_mut(c);
        for ((s, v), m) in sum.iter_mut().zip(row).zip(means.row(c)) {
            *s += (v - m) * (v - m);
        }
    }
    for (mut sum, &k) in sums.rows_mut().into_iter().zip(counts) {
        sum.mapv_inplace(|s| if k > 0 { s / k as f64 } else { 0.0 });
    }
    sums
}

impl GaussianNb {
    /// Its shape suits `inputs` features and `classes` classes.
    pub fn fits(&self, inputs: usize, classes: usize) -> bool {
        self.class_prior.len() == classes && self.theta.dim() == (classes, inputs) && self.var.dim() == (classes, inputs)
    }

    /// Rows × classes: posterior probabilities.
    pub fn proba(&self, x: ArrayView2<f64>) -> Array2<f64> {
        let log_prior: Vec<f64> = self.class_prior.iter().map(|&p| libm::log(p)).collect();
        // log π_c − ½ Σⱼ log(2π σ²_cj): the part of the log-likelihood that does not depend on x.
        let constant: Vec<f64> = (self.var.axis_iter(Axis(0)).zip(&log_prior))
            .map(|(var, lp)| lp - 0.5 * var.iter().map(|v| libm::log(std::f64::consts::TAU * v)).sum::<f64>())
            .collect();
        let mut proba = Array2::zeros((x.nrows(), self.class_prior.len()));
        for (row, mut out) in x.rows().into_iter().zip(proba.rows_mut()) {
            for (((o, k), theta), var) in out.iter_mut().zip(&constant).zip(self.theta.rows()).zip(self.var.rows()) {
                let distance: f64 = row.iter().zip(theta).zip(var).map(|((v, t), s)| (v - t) * (v - t) / s).sum();
                *o = k - 0.5 * distance;
            }
            let usable = out.iter().all(|v| !v.is_nan()) && out.iter().any(|&v| v > f64::NEG_INFINITY);
            if !usable {
                out.iter_mut().zip(&log_prior).for_each(|(o, lp)| *o = *lp);
            }
            normalise(out);
        }
        proba
    }
}

/// Log-likelihoods to probabilities: `exp(l − logsumexp(l))`, with
/// `logsumexp(l) = max + log Σ exp(l − max)` so nothing overflows.
fn normalise(mut row: ArrayViewMut1<f64>) {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log_total = max + libm::log(row.iter().map(|l| libm::exp(l - max)).sum::<f64>());
    row.iter_mut().for_each(|l| *l = libm::exp(*l - log_total));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn class_without_rows_gets_probability_zero() {
        let x = array![[0.0, 1.0], [1.0, 3.0], [4.0, 0.0], [5.0, 2.0]];
        let data = Labelled { x: x.view(), y: &[0, 0, 2, 2], n_classes: 3 };
        let model = fit(&Params::default(), &data).unwrap();
        assert_eq!(model.class_prior, vec![0.5, 0.0, 0.5]);
        let proba = model.proba(x.view());
        assert!(proba.iter().all(|p| p.is_finite()), "{proba}");
        assert!(proba.column(1).iter().all(|&p| p == 0.0), "{proba}");
        assert!(proba.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-15));
    }

    #[test]
    fn constant_features_give_the_priors() {
        let x = array![[2.0], [2.0], [2.0]];
        let model = fit(&Params::default(), &Labelled { x: x.view(), y: &[0, 1, 1], n_classes: 2 }).unwrap();
        assert_eq!(model.var, array![[1e-9], [1e-9]]);
        let p = model.proba(array![[2.0], [2.00001]].view());
        assert!(p.iter().zip([1.0 / 3.0, 2.0 / 3.0, 1.0 / 3.0, 2.0 / 3.0]).all(|(a, b)| (a - b).abs() < 1e-15), "{p}");
    }

    #[test]
    fn variances_are_population_variances_plus_epsilon() {
        let x = array![[1.0], [3.0], [10.0], [10.0]];
        let model = fit(&Params { var_smoothing: 0.5 }, &Labelled { x: x.view(), y: &[0, 0, 1, 1], n_classes: 2 }).unwrap();
        // Overall variance (ddof 0) of 1, 3, 10, 10 is 16.5, so ε = 8.25.
        assert_eq!(model.theta, array![[2.0], [10.0]]);
        assert_eq!(model.var, array![[1.0 + 8.25], [8.25]]);
    }

    #[test]
    fn nonpositive_var_smoothing_is_a_bad_param() {
        let x = array![[1.0]];
        let err = fit(&Params { var_smoothing: 0.0 }, &Labelled { x: x.view(), y: &[0], n_classes: 1 }).unwrap_err();
        assert_eq!(err.code(), "bad_param");
    }

    #[test]
    fn row_far_beyond_every_class_gets_the_priors() {
        let x = array![[0.0], [1.0], [2.0]];
        let model = fit(&Params::default(), &Labelled { x: x.view(), y: &[0, 0, 1], n_classes: 2 }).unwrap();
        let p = model.proba(array![[1e300], [f64::NAN]].view());
        assert!(p.iter().zip([2.0 / 3.0, 1.0 / 3.0, 2.0 / 3.0, 1.0 / 3.0]).all(|(a, b)| (a - b).abs() < 1e-15), "{p}");
    }
}
