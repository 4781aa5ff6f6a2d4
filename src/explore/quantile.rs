//! Order statistics without a full sort: quantiles by linear interpolation, as numpy's default
//! (`h = (n - 1) q`, `x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋])`), which pandas' describe uses.

/// Quantiles `qs` (ascending, in [0, 1]) of `values` (no NaN; reordered in place). Selection
/// (`select_nth_unstable`) keeps this O(n) per quantile instead of a sort's O(n log n).
pub fn quantiles(values: &mut [f64], qs: &[f64]) -> Vec<f64> {
    let n = values.len();
    if n == 0 {
        return vec![f64::NAN; qs.len()];
    }
    let mut out = Vec::with_capacity(qs.len());
    let mut sorted_upto = 0; // values[..sorted_upto] hold the smallest order statistics, in order
    for &q in qs {
        let h = (n - 1) as f64 * q;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(n - 1);
        let x_lo = order_stat(values, lo, &mut sorted_upto);
        let x_hi = order_stat(values, hi, &mut sorted_upto);
        out.push(x_lo + (h - lo as f64) * (x_hi - x_lo));
    }
    out
}

/// The `k`-th smallest value; requests come in ascending `k`, so each selection only looks at
/// the part not yet placed.
fn order_stat(values: &mut [f64], k: usize, placed: &mut usize) -> f64 {
    if k >= *placed {
        let start = *placed;
        values[start..].select_nth_unstable_by(k - start, f64::total_cmp);
        *placed = k + 1;
    }
    values[k]
}

/// The median (the 0.5 quantile).
pub fn median(values: &mut [f64]) -> f64 {
    quantiles(values, &[0.5])[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_linearly_like_numpy() {
        // numpy.percentile([1..10], [25, 50, 75]) = 3.25, 5.5, 7.75
        let mut v: Vec<f64> = (1..=10).rev().map(f64::from).collect();
        assert_eq!(quantiles(&mut v, &[0.25, 0.5, 0.75]), vec![3.25, 5.5, 7.75]);
    }

    #[test]
    fn one_value_is_every_quantile() {
        assert_eq!(quantiles(&mut [4.0], &[0.0, 0.5, 1.0]), vec![4.0, 4.0, 4.0]);
    }

    #[test]
    fn empty_input_gives_nan() {
        assert!(quantiles(&mut [], &[0.5])[0].is_nan());
    }

    #[test]
    fn extremes_are_min_and_max() {
        let mut v = vec![3.0, -1.0, 7.5, 2.0];
        assert_eq!(quantiles(&mut v, &[0.0, 1.0]), vec![-1.0, 7.5]);
    }
}
