//! Scalers learnt on the training rows and applied to any matrix: standard, robust, min–max,
//! none. Takes `ndarray` matrices, never tables.
//!
//! Each is `(x − center) / scale` per column, as scikit-learn's `StandardScaler`,
//! `RobustScaler` and `MinMaxScaler` (`feature_range=(0, 1)`). Missing values (NaN) are ignored
//! when fitting and stay NaN, as in sklearn. Differences, all within a few units of the last
//! place: sums run in row order where numpy sums pairwise, and min–max divides by the range where
//! sklearn multiplies by its inverse.

use ndarray::{Array2, ArrayView2, Axis};
use serde::{Deserialize, Serialize};

use crate::explore::quantile::quantiles;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind { #[default] Standard, Robust, Minmax, None }

/// `(x - center) / scale` per column; columns not scaled have center 0 and scale 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scaler {
    pub kind: ScaleKind,
    pub center: Vec<f64>,
    pub scale: Vec<f64>,
}

impl Scaler {
    /// Learns the centre and scale of the columns where `scaled[j]` (the others are left as they are).
    ///
    /// A column missing from `scaled`, or with no number in `x` (no rows, all NaN), is left as it is.
    pub fn fit(kind: ScaleKind, x: ArrayView2<f64>, scaled: &[bool]) -> Scaler {
        let mut scaler = Scaler { kind, center: vec![0.0; x.ncols()], scale: vec![1.0; x.ncols()] };
        let columns = x.axis_iter(Axis(1)).enumerate().filter(|(j, _)| scaled.get(*j) == Some(&true));
        for (j, column) in columns {
            let mut values: Vec<f64> = column.iter().copied().filter(|v| !v.is_nan()).collect();
            if !values.is_empty() {
                (scaler.center[j], scaler.scale[j]) = center_scale(kind, &mut values);
            }
        }
        scaler
    }

    /// Scales `x` in place. Columns past the fitted ones are left as they are.
    /// A scaled row back in the file's units: `x · scale + center`.
    pub fn inverse(&self, row: &[f64]) -> Vec<f64> {
        row.iter().zip(self.scale.iter().zip(&self.center)).map(|(x, (s, c))| x * s + c).collect()
    }

    pub fn transform(&self, x: &mut Array2<f64>) {
        for mut row in x.axis_iter_mut(Axis(0)) {
            for ((v, c), s) in row.iter_mut().zip(&self.center).zip(&self.scale) {
                *v = (*v - c) / s;
            }
        }
    }
}

/// One column's centre and scale (`values` non-empty, no NaN; reordered by the quantiles).
fn center_scale(kind: ScaleKind, values: &mut [f64]) -> (f64, f64) {
    match kind {
        ScaleKind::Standard => standard(values),
        ScaleKind::Robust => {
            let q = quantiles(values, &[0.25, 0.5, 0.75]);
            (q[1], nonzero(q[2] - q[0]))
        }
        ScaleKind::Minmax => {
            let (min, max) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            (min, nonzero(max - min))
        }
        ScaleKind::None => (0.0, 1.0),
    }
}

/// Mean and population std (ddof = 0), two passes. A column sklearn's `_is_constant_feature`
/// would call constant (variance within the two-pass error bound `n·ε·var + (n·mean·ε)²` of
/// Chan, Golub and LeVeque) gets scale 1, so rounding noise is not blown up to ±1.
fn standard(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    let eps = f64::EPSILON;
    let constant = var <= n * eps * var + (n * mean * eps) * (n * mean * eps);
    (mean, if constant { 1.0 } else { var.sqrt() })
}

/// A range below `10 ε` becomes 1, as sklearn's `_handle_zeros_in_scale`.
fn nonzero(scale: f64) -> f64 {
    if scale < 10.0 * f64::EPSILON { 1.0 } else { scale }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn fitted(kind: ScaleKind, x: &Array2<f64>) -> Scaler {
        Scaler::fit(kind, x.view(), &vec![true; x.ncols()])
    }

    #[test]
    fn standard_uses_the_population_std() {
        let s = fitted(ScaleKind::Standard, &array![[1.0], [3.0], [5.0], [7.0]]);
        assert_eq!((s.center[0], s.scale[0]), (4.0, 5.0f64.sqrt())); // var = (9 + 1 + 1 + 9) / 4
    }

    #[test]
    fn robust_uses_the_median_and_interquartile_range() {
        // numpy.percentile([1, 2, 3, 4, 100], [25, 50, 75]) = 2, 3, 4
        let s = fitted(ScaleKind::Robust, &array![[4.0], [100.0], [1.0], [3.0], [2.0]]);
        assert_eq!((s.center[0], s.scale[0]), (3.0, 2.0));
    }

    #[test]
    fn minmax_maps_the_training_range_to_zero_one() {
        let x = array![[2.0], [4.0], [10.0]];
        let mut y = array![[6.0], [12.0]];
        fitted(ScaleKind::Minmax, &x).transform(&mut y);
        assert_eq!(y, array![[0.5], [1.25]]); // rows outside the training range go past 1
    }

    #[test]
    fn constant_columns_get_scale_one_for_every_kind() {
        // 0.1 × 3 has rounding noise in its mean; the variance bound still calls it constant.
        let x = array![[0.1, 5.0], [0.1, 5.0], [0.1, 5.0]];
        for kind in [ScaleKind::Standard, ScaleKind::Robust, ScaleKind::Minmax] {
            assert_eq!(fitted(kind, &x).scale, vec![1.0, 1.0], "{kind:?}");
        }
    }

    #[test]
    fn unscaled_columns_are_left_as_they_are() {
        let x = array![[1.0, 0.0], [3.0, 1.0]];
        let s = Scaler::fit(ScaleKind::Standard, x.view(), &[true, false]);
        let mut y = x.clone();
        s.transform(&mut y);
        assert_eq!(y, array![[-1.0, 0.0], [1.0, 1.0]]);
    }

    #[test]
    fn missing_values_are_ignored_when_fitting_and_stay_missing() {
        let x = array![[1.0], [f64::NAN], [3.0]];
        let s = fitted(ScaleKind::Standard, &x);
        assert_eq!((s.center[0], s.scale[0]), (2.0, 1.0));
        let mut y = x.clone();
        s.transform(&mut y);
        assert!(y[[1, 0]].is_nan());
    }

    #[test]
    fn none_is_the_identity() {
        let s = fitted(ScaleKind::None, &array![[1.0, 2.0], [3.0, 9.0]]);
        assert_eq!((s.center, s.scale), (vec![0.0, 0.0], vec![1.0, 1.0]));
    }
}
