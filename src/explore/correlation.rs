//! Correlation matrices as pandas' `DataFrame.corr`: Pearson on pairwise complete rows, and
//! Spearman (Pearson on average ranks); the most correlated pairs, with a column to drop.

use serde::Serialize;

use crate::data::{Column, DType, Table};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Pearson,
    Spearman,
}

impl Method {
    pub fn parse(name: &str) -> Result<Method> {
        match name {
            "pearson" => Ok(Method::Pearson),
            "spearman" => Ok(Method::Spearman),
            other => Err(Error::BadOption { option: "method".into(), value: other.into() }),
        }
    }
}

/// `matrix[i][j]` is `None` where the correlation is undefined (a constant column, or fewer
/// than two rows where both are present), as pandas' NaN.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Correlation {
    pub columns: Vec<String>,
    pub matrix: Vec<Vec<Option<f64>>>,
}

/// The correlation of `columns` (every numeric column when empty).
pub fn correlation(table: &Table, columns: &[String], method: Method) -> Result<Correlation> {
    let chosen: Vec<&Column> = if columns.is_empty() {
        table.columns().iter().filter(|c| c.dtype() != DType::Text).collect()
    } else {
        columns.iter().map(|n| table.column(n)).collect::<Result<_>>()?
    };
    if let Some(text) = chosen.iter().find(|c| c.dtype() == DType::Text) {
        return Err(Error::NotNumeric { column: text.name.clone() });
    }
    let values: Vec<Vec<f64>> = chosen.iter().map(|c| c.numbers_with_nan()).collect();
    let k = values.len();
    let mut matrix = vec![vec![None; k]; k];
    for i in 0..k {
        for j in i..k {
            let r = pair(&values[i], &values[j], method);
            matrix[i][j] = r;
            matrix[j][i] = r;
        }
    }
    Ok(Correlation { columns: chosen.iter().map(|c| c.name.clone()).collect(), matrix })
}

/// One coefficient, over the rows where both values are present.
fn pair(x: &[f64], y: &[f64], method: Method) -> Option<f64> {
    let (mut a, mut b): (Vec<f64>, Vec<f64>) = x.iter().zip(y).filter(|(u, v)| !u.is_nan() && !v.is_nan()).map(|(u, v)| (*u, *v)).unzip();
    if method == Method::Spearman {
        a = average_ranks(&a);
        b = average_ranks(&b);
    }
    pearson(&a, &b)
}

/// `Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²)`, clipped to [−1, 1]; `None` when a side is
/// constant or there are fewer than two pairs.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() < 2 {
        return None;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    let divisor = (sxx * syy).sqrt();
    (divisor > 0.0).then(|| (sxy / divisor).clamp(-1.0, 1.0))
}

/// Ranks from 1, ties sharing the mean of their ranks (pandas `rank(method="average")`).
pub fn average_ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && x[order[end]] == x[order[start]] {
            end += 1;
        }
        let rank = (start + end + 1) as f64 / 2.0; // mean of start+1 ..= end
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// A pair of columns correlated beyond the threshold, and the one a student might drop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrongPair {
    pub a: String,
    pub b: String,
    pub r: f64,
    /// Of the two, the one more correlated on average with the other columns: it carries the
    /// least information of its own.
    pub drop: String,
}

/// Pairs with `|r| ≥ threshold`, strongest first.
pub fn strong_pairs(c: &Correlation, threshold: f64) -> Vec<StrongPair> {
    let k = c.columns.len();
    let mean_abs = |i: usize| {
        let others: Vec<f64> = (0..k).filter(|&j| j != i).filter_map(|j| c.matrix[i][j]).map(f64::abs).collect();
        others.iter().sum::<f64>() / others.len().max(1) as f64
    };
    let mut pairs: Vec<StrongPair> = Vec::new();
    for i in 0..k {
        for j in i + 1..k {
            if let Some(r) = c.matrix[i][j].filter(|r| r.abs() >= threshold) {
                let drop = if mean_abs(j) > mean_abs(i) { j } else { i };
                pairs.push(StrongPair { a: c.columns[i].clone(), b: c.columns[j].clone(), r, drop: c.columns[drop].clone() });
            }
        }
    }
    pairs.sort_by(|p, q| q.r.abs().total_cmp(&p.r.abs()));
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_average_rank() {
        assert_eq!(average_ranks(&[10.0, 20.0, 10.0, 5.0]), vec![2.5, 4.0, 2.5, 1.0]);
    }

    #[test]
    fn constant_side_is_undefined() {
        assert_eq!(pearson(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]), None);
    }

    #[test]
    fn perfect_line_is_one() {
        assert_eq!(pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]), Some(1.0));
    }
}
