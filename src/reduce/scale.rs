//! Standardisation before a projection, as scikit-learn's `StandardScaler` on all rows: each
//! column centred and divided by its population std (ddof = 0); a constant column is only
//! centred (scale 1), so it adds nothing instead of dividing by zero.

use ndarray::{Array2, Axis};

/// Centres and scales every column of `x` in place.
pub fn standardize(x: &mut Array2<f64>) {
    for mut column in x.axis_iter_mut(Axis(1)) {
        let n = column.len() as f64;
        let mean = column.sum() / n;
        let var = column.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
        let scale = if var > 0.0 { var.sqrt() } else { 1.0 };
        column.mapv_inplace(|v| (v - mean) / scale);
    }
}

/// Centres every column of `x` in place; returns the means.
pub fn center(x: &mut Array2<f64>) -> Vec<f64> {
    x.axis_iter_mut(Axis(1))
        .map(|mut column| {
            let mean = column.sum() / column.len() as f64;
            column.mapv_inplace(|v| v - mean);
            mean
        })
        .collect()
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
}
