//! Standardisation before a projection, as scikit-learn's `StandardScaler` on all rows: each
//! column centred and divided by its population std (ddof = 0); a constant column is only
//! centred (scale 1), so it adds nothing instead of dividing by zero.
//!
//! Matrices are row-major, so every pass here walks the rows: a column at a time would stride
//! through memory and be several times slower on 100,000 rows.

use ndarray::{Array2, Axis};

/// Column means.
fn means(x: &Array2<f64>) -> Vec<f64> {
    let n = x.nrows().max(1) as f64;
    let mut sums = vec![0.0; x.ncols()];
    for row in x.axis_iter(Axis(0)) {
        sums.iter_mut().zip(row).for_each(|(s, v)| *s += v);
    }
    sums.into_iter().map(|s| s / n).collect()
}

/// Applies `(v - shift[j]) / scale[j]` to every cell, row by row.
fn affine(x: &mut Array2<f64>, shift: &[f64], scale: &[f64]) {
    for mut row in x.axis_iter_mut(Axis(0)) {
        for ((v, s), k) in row.iter_mut().zip(shift).zip(scale) {
            *v = (*v - s) / k;
        }
    }
}

/// Centres and scales every column of `x` in place.
pub fn standardize(x: &mut Array2<f64>) {
    let mean = center(x);
    let n = x.nrows().max(1) as f64;
    let mut squares = vec![0.0; x.ncols()];
    for row in x.axis_iter(Axis(0)) {
        squares.iter_mut().zip(row).for_each(|(s, v)| *s += v * v);
    }
    let scale: Vec<f64> = squares.into_iter().map(|s| if s > 0.0 { (s / n).sqrt() } else { 1.0 }).collect();
    affine(x, &vec![0.0; mean.len()], &scale);
}

/// Centres every column of `x` in place; returns the means.
pub fn center(x: &mut Array2<f64>) -> Vec<f64> {
    let mean = means(x);
    affine(x, &mean, &vec![1.0; mean.len()]);
    mean
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn columns_get_mean_zero_and_population_std_one() {
        let mut x = array![[1.0, 5.0], [3.0, 5.0]];
        standardize(&mut x);
        assert_eq!(x, array![[-1.0, 0.0], [1.0, 0.0]]);
    }

    #[test]
    fn centring_returns_the_means() {
        let mut x = array![[1.0, 2.0], [3.0, 6.0]];
        assert_eq!(center(&mut x), vec![2.0, 4.0]);
        assert_eq!(x, array![[-1.0, -2.0], [1.0, 2.0]]);
    }
}
