//! Histogram bins and box-plot statistics of a numeric column, optionally split by class.

use serde::Serialize;

use super::quantile::quantiles;

/// How the number of bins was chosen, named in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BinRule {
    /// Width `2 IQR / n^(1/3)`: robust to outliers, good for large samples.
    FreedmanDiaconis,
    /// `⌈log2 n⌉ + 1` bins: good for small, roughly normal samples.
    Sturges,
    /// The student's choice.
    Chosen,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bins {
    /// `bins + 1` increasing edges; the last bin includes its right edge (as numpy).
    pub edges: Vec<f64>,
    pub rule: BinRule,
}

/// The most bins we draw: beyond this a histogram is noise and slows the page.
pub const MAX_BINS: usize = 200;

/// Bin edges for `values` (finite, not empty): `bins` when given, else numpy's `"auto"` rule,
/// which takes whichever of Freedman–Diaconis and Sturges gives more bins.
pub fn bins(values: &[f64], bins: Option<usize>) -> Bins {
    let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    let (lo, hi) = if lo.is_finite() && hi > lo { (lo, hi) } else if lo.is_finite() { (lo - 0.5, lo + 0.5) } else { (0.0, 1.0) };
    let n = values.len().max(1) as f64;
    let (count, rule) = match bins {
        Some(b) => (b.clamp(1, MAX_BINS), BinRule::Chosen),
        None => {
            let sturges = (n.log2().ceil() as usize + 1).max(1);
            let mut sorted = values.to_vec();
            let q = quantiles(&mut sorted, &[0.25, 0.75]);
            let width = 2.0 * (q[1] - q[0]) / n.cbrt();
            let fd = if width > 0.0 { ((hi - lo) / width).ceil() as usize } else { 0 };
            if fd > sturges { (fd.min(MAX_BINS), BinRule::FreedmanDiaconis) } else { (sturges.min(MAX_BINS), BinRule::Sturges) }
        }
    };
    let step = (hi - lo) / count as f64;
    let mut edges: Vec<f64> = (0..=count).map(|i| lo + step * i as f64).collect();
    edges[count] = hi;
    Bins { edges, rule }
}

/// How many of `values` fall in each bin of `edges`.
pub fn counts(values: &[f64], edges: &[f64]) -> Vec<usize> {
    let bins = edges.len().saturating_sub(1);
    let mut counts = vec![0; bins];
    if bins == 0 {
        return counts;
    }
    let (lo, hi) = (edges[0], edges[bins]);
    let width = (hi - lo) / bins as f64;
    for &v in values {
        if v < lo || v > hi || !v.is_finite() {
            continue;
        }
        let i = if width > 0.0 { (((v - lo) / width) as usize).min(bins - 1) } else { 0 };
        counts[i] += 1;
    }
    counts
}

/// Box-plot statistics: quartiles, whiskers at the furthest values within 1.5 IQR of the box,
/// and the values beyond them (drawn as points).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoxStats {
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub whisker_low: f64,
    pub whisker_high: f64,
    pub outliers: Vec<f64>,
    pub count: usize,
}

pub fn box_stats(values: &[f64]) -> Option<BoxStats> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let q = quantiles(&mut sorted.clone(), &[0.25, 0.5, 0.75]);
    let iqr = q[2] - q[0];
    let (low_fence, high_fence) = (q[0] - 1.5 * iqr, q[2] + 1.5 * iqr);
    let inside = || sorted.iter().copied().filter(|v| *v >= low_fence && *v <= high_fence);
    Some(BoxStats {
        q1: q[0],
        median: q[1],
        q3: q[2],
        whisker_low: inside().next().unwrap_or(q[0]),
        whisker_high: inside().last().unwrap_or(q[2]),
        outliers: sorted.iter().copied().filter(|v| *v < low_fence || *v > high_fence).collect(),
        count: sorted.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_samples_use_sturges() {
        let v: Vec<f64> = (0..10).map(f64::from).collect();
        let b = bins(&v, None);
        assert_eq!((b.rule, b.edges.len() - 1), (BinRule::Sturges, 5));
    }

    #[test]
    fn large_samples_use_freedman_diaconis() {
        let v: Vec<f64> = (0..10_000).map(|i| ((i * 7919) % 10_000) as f64).collect();
        assert_eq!(bins(&v, None).rule, BinRule::FreedmanDiaconis);
    }

    #[test]
    fn last_bin_includes_the_maximum() {
        let v = [0.0, 1.0, 2.0, 3.0];
        let b = bins(&v, Some(3));
        assert_eq!(counts(&v, &b.edges), vec![1, 1, 2]);
    }

    #[test]
    fn constant_values_get_one_centred_range() {
        let b = bins(&[5.0, 5.0], Some(2));
        assert_eq!(b.edges, vec![4.5, 5.0, 5.5]);
        assert_eq!(counts(&[5.0, 5.0], &b.edges), vec![0, 2]);
    }

    #[test]
    fn whiskers_stop_at_the_last_value_inside_the_fences() {
        let s = box_stats(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 100.0]).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (3.0, 5.0, 7.0));
        assert_eq!((s.whisker_low, s.whisker_high, s.outliers.clone()), (1.0, 8.0, vec![100.0]));
    }
}
