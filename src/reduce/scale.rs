//! Standardisation before a projection, as scikit-learn's `StandardScaler` on all rows (the
//! standard scaler of `prep::scale`), and centring alone for PCA and UMAP.
//!
//! Matrices are row-major, so centring walks the rows: a column at a time would stride through
//! memory and be several times slower on 100,000 rows.

use ndarray::{Array2, Axis};

use crate::prep::scale::{ScaleKind, Scaler};

/// Centres and scales every column of `x` in place: mean 0 and population std 1 (ddof = 0); a
/// constant column is only centred (scale 1), so it adds nothing instead of dividing by zero.
pub fn standardize(x: &mut Array2<f64>) {
    Scaler::fit(ScaleKind::Standard, x.view(), &vec![true; x.ncols()]).transform(x);
}

/// Centres every column of `x` in place; returns the means.
pub fn center(x: &mut Array2<f64>) -> Vec<f64> {
    let n = x.nrows().max(1) as f64;
    let mut sums = vec![0.0; x.ncols()];
    for row in x.axis_iter(Axis(0)) {
        sums.iter_mut().zip(row).for_each(|(s, v)| *s += v);
    }
    let mean: Vec<f64> = sums.into_iter().map(|s| s / n).collect();
    for mut row in x.axis_iter_mut(Axis(0)) {
        row.iter_mut().zip(&mean).for_each(|(v, m)| *v -= m);
    }
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
