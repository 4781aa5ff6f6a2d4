//! Small dense helpers shared by the classifiers: the checks every fit starts with, the linear
//! models' shared parameter `C` and fitted form `x·w + b`, and an in-place Cholesky solve.
//!
//! Every sum here runs in a fixed order with plain `+` and `*` (Rust never fuses them), so a
//! fit gives the same bits natively and in wasm. `ndarray`'s matrix product never computes a
//! number the models return, for that reason: its kernels pick FMA instructions at run time on
//! some machines only (k-NN uses it to screen rows, then measures the survivors exactly).

use std::borrow::Cow;

use ndarray::ArrayView2;
use serde::{Deserialize, Serialize};

use super::Labelled;
use crate::error::{Error, Need, Result};

/// The parameter of the linear models, as scikit-learn names it: `C`, the weight of the data
/// term against the penalty ½‖w‖² (the inverse of the regularisation strength); > 0, default 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CParams {
    #[serde(rename = "C")]
    pub c: f64,
}

impl Default for CParams {
    fn default() -> Self {
        CParams { c: 1.0 }
    }
}

/// A fitted linear model, positive class vs the rest: its decision is `x·w + b`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Linear {
    pub coefficients: Vec<f64>,
    pub intercept: f64,
}

impl Linear {
    /// Its shape suits `inputs` features (a model read from a file is checked before use).
    pub fn fits(&self, inputs: usize) -> bool {
        self.coefficients.len() == inputs
    }

    /// `x·w + b` per row (positive side > 0); `x` has the columns the model was fitted on.
    pub fn decision(&self, x: ArrayView2<f64>) -> Vec<f64> {
        x.rows().into_iter().map(|row| row.iter().zip(&self.coefficients).fold(0.0, |s, (u, v)| s + u * v) + self.intercept).collect()
    }
}

/// `C` must be a finite number above 0 (`model.C` in the spec).
pub fn check_c(c: f64) -> Result<()> {
    if c > 0.0 && c.is_finite() {
        Ok(())
    } else {
        Err(Error::BadParam { field: "model.C".into(), value: c.to_string(), need: Need::Positive })
    }
}

/// As many labels as rows, and only finite features. A NaN or ±∞ feature is
/// `Error::NotANumber { row }` (1-based): prepared features are imputed, so one reaching a
/// model is a bug upstream, and a fit on it would only spread NaN into every output.
pub fn check_rows(x: ArrayView2<f64>, labels: usize) -> Result<()> {
    if labels != x.nrows() {
        return Err(Error::LengthMismatch { labels, scores: x.nrows() });
    }
    match x.rows().into_iter().position(|row| row.iter().any(|v| !v.is_finite())) {
        Some(row) => Err(Error::NotANumber { row: row + 1 }),
        None => Ok(()),
    }
}

/// `check_rows`, at least one row, and every class index below `n_classes`
/// (`Error::OutOfRange { name: "class index" }` otherwise, so no later lookup can panic).
pub fn check_labelled(data: &Labelled) -> Result<()> {
    check_rows(data.x, data.y.len())?;
    if data.y.is_empty() {
        return Err(Error::TooFewRows { needed: 1, found: 0 });
    }
    match data.y.iter().find(|&&c| c >= data.n_classes) {
        Some(&c) => Err(Error::OutOfRange {
            name: "class index",
            value: c as f64,
            min: 0.0,
            max: data.n_classes as f64 - 1.0,
        }),
        None => Ok(()),
    }
}

/// `x`'s cells in row-major order: borrowed when it already is, copied once otherwise, so the
/// hot loops take row `i` as the contiguous slice `[i·p, (i + 1)·p)`.
pub fn row_major<'a>(x: &ArrayView2<'a, f64>) -> Cow<'a, [f64]> {
    match x.to_slice() {
        Some(cells) => Cow::Borrowed(cells),
        None => Cow::Owned(x.iter().copied().collect()),
    }
}

/// `Σ a_j b_j`, left to right.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).fold(0.0, |s, (u, v)| s + u * v)
}

/// Solves `A z = rhs` for a symmetric positive definite `n × n` matrix `a` (row-major; only the
/// lower triangle is read) by Cholesky, `A = L Lᵀ`. `a` is overwritten by `L`, `rhs` by `z`.
/// Returns false, leaving both unusable, when a pivot is not positive (`A` not numerically
/// positive definite): the caller damps `A` and tries again.
pub fn cholesky_solve(a: &mut [f64], n: usize, rhs: &mut [f64]) -> bool {
    for j in 0..n {
        let pivot = a[j * n + j] - dot(&a[j * n..j * n + j], &a[j * n..j * n + j]);
        if pivot.is_nan() || pivot <= 0.0 {
            return false;
        }
        let ljj = pivot.sqrt();
        a[j * n + j] = ljj;
        for i in j + 1..n {
            let s = a[i * n + j] - dot(&a[i * n..i * n + j], &a[j * n..j * n + j]);
            a[i * n + j] = s / ljj;
        }
    }
    // L y = rhs, then Lᵀ z = y.
    for i in 0..n {
        rhs[i] = (rhs[i] - dot(&a[i * n..i * n + i], &rhs[..i])) / a[i * n + i];
    }
    for i in (0..n).rev() {
        let s = (i + 1..n).fold(rhs[i], |s, k| s - a[k * n + i] * rhs[k]);
        rhs[i] = s / a[i * n + i];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn cholesky_solves_a_positive_definite_system() {
        // A = [[4, 2], [2, 3]], A·[1, 2] = [8, 8].
        let mut a = vec![4.0, 2.0, 2.0, 3.0];
        let mut rhs = vec![8.0, 8.0];
        assert!(cholesky_solve(&mut a, 2, &mut rhs));
        assert!((rhs[0] - 1.0).abs() < 1e-14 && (rhs[1] - 2.0).abs() < 1e-14, "{rhs:?}");
    }

    #[test]
    fn cholesky_refuses_a_singular_matrix() {
        let mut a = vec![1.0, 1.0, 1.0, 1.0];
        assert!(!cholesky_solve(&mut a, 2, &mut [1.0, 1.0]));
    }

    #[test]
    fn nan_feature_is_reported_with_its_row() {
        let x = array![[1.0, 2.0], [3.0, f64::NAN]];
        assert_eq!(check_rows(x.view(), 2), Err(Error::NotANumber { row: 2 }));
    }

    #[test]
    fn labels_and_rows_must_be_as_many() {
        let x = array![[1.0], [2.0]];
        assert_eq!(check_rows(x.view(), 3), Err(Error::LengthMismatch { labels: 3, scores: 2 }));
    }

    #[test]
    fn class_index_beyond_n_classes_is_an_error() {
        let x = array![[1.0], [2.0]];
        let err = check_labelled(&Labelled { x: x.view(), y: &[0, 2], n_classes: 2 }).unwrap_err();
        assert_eq!(err.code(), "out_of_range");
    }

    #[test]
    fn c_must_be_positive_and_finite() {
        for c in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(check_c(c).unwrap_err().code(), "bad_param", "C = {c}");
        }
        assert_eq!(check_c(0.5), Ok(()));
    }
}
