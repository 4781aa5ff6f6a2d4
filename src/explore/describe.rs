//! `info` and `describe`, with pandas' definitions (count of non-missing values, sample std with
//! ddof = 1, quartiles by linear interpolation; count/unique/top/freq for text columns).

use std::collections::HashMap;

use serde::Serialize;

use super::quantile::quantiles;
use super::scalar::CellKey;
use crate::data::{Column, Table, Values};

/// One line of `info`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnInfo {
    pub name: String,
    pub dtype: &'static str,
    pub non_null: usize,
    pub missing: usize,
    /// Distinct non-missing values (pandas `nunique`).
    pub unique: usize,
    /// Bytes in memory.
    pub memory: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Info {
    pub rows: usize,
    pub columns: Vec<ColumnInfo>,
    pub memory: usize,
}

/// One column of `describe`. Numeric fields are `None` for text columns, `top`/`freq`/`unique`
/// are `None` for numeric ones (as in pandas' `describe(include="all")`); `None` where
/// undefined (the std of one value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnSummary {
    pub name: String,
    pub dtype: &'static str,
    pub missing: usize,
    pub count: usize,
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub min: Option<f64>,
    pub q25: Option<f64>,
    pub q50: Option<f64>,
    pub q75: Option<f64>,
    pub max: Option<f64>,
    pub unique: Option<usize>,
    pub top: Option<String>,
    pub freq: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Describe {
    pub rows: usize,
    pub columns: Vec<ColumnSummary>,
}

pub fn info(table: &Table) -> Info {
    let columns: Vec<ColumnInfo> = table
        .columns()
        .iter()
        .map(|c| {
            let missing = missing_count(c);
            ColumnInfo {
                name: c.name.clone(),
                dtype: c.dtype().name(),
                non_null: c.len() - missing,
                missing,
                unique: distinct(c),
                memory: c.memory(),
            }
        })
        .collect();
    let memory = columns.iter().map(|c| c.memory).sum();
    Info { rows: table.num_rows(), columns, memory }
}

pub fn describe(table: &Table) -> Describe {
    Describe { rows: table.num_rows(), columns: table.columns().iter().map(summarise).collect() }
}

fn missing_count(c: &Column) -> usize {
    match &c.values {
        Values::Integer(_) => 0,
        Values::Float(v) => v.iter().filter(|x| x.is_nan()).count(),
        Values::Text(v) => v.iter().filter(|s| s.is_none()).count(),
    }
}

/// Number of distinct non-missing values.
pub fn distinct(c: &Column) -> usize {
    let mut seen = std::collections::HashSet::with_capacity(c.len().min(1 << 16));
    for row in 0..c.len() {
        let key = CellKey::from(c.cell(row));
        if key != CellKey::Missing {
            seen.insert(key);
        }
    }
    seen.len()
}

fn summarise(c: &Column) -> ColumnSummary {
    let missing = missing_count(c);
    let mut s = ColumnSummary {
        name: c.name.clone(),
        dtype: c.dtype().name(),
        missing,
        count: c.len() - missing,
        mean: None,
        std: None,
        min: None,
        q25: None,
        q50: None,
        q75: None,
        max: None,
        unique: None,
        top: None,
        freq: None,
    };
    match &c.values {
        Values::Text(v) => {
            let (unique, top) = most_frequent(v);
            s.unique = Some(unique);
            s.top = top.map(|(t, _)| t.to_string());
            s.freq = top.map(|(_, f)| f);
        }
        _ => {
            let mut x = c.numbers().unwrap_or_default();
            if x.is_empty() {
                return s;
            }
            let (mean, std) = mean_std(&x);
            let q = quantiles(&mut x, &[0.0, 0.25, 0.5, 0.75, 1.0]);
            s.mean = Some(mean);
            s.std = std;
            (s.min, s.q25, s.q50, s.q75, s.max) = (Some(q[0]), Some(q[1]), Some(q[2]), Some(q[3]), Some(q[4]));
        }
    }
    s
}

/// Mean and sample standard deviation (ddof = 1; `None` for a single value), in two passes as
/// pandas' `nanvar` does: the second pass sums squared deviations from the mean, which stays
/// accurate when the mean is large beside the spread.
pub fn mean_std(x: &[f64]) -> (f64, Option<f64>) {
    let n = x.len() as f64;
    let mean = sum(x.iter().copied()) / n;
    let std = (x.len() > 1).then(|| (sum(x.iter().map(|v| (v - mean) * (v - mean))) / (n - 1.0)).sqrt());
    (mean, std)
}

/// Sums in four lanes: faster (the lanes vectorise) and more accurate than one running sum.
fn sum(values: impl Iterator<Item = f64>) -> f64 {
    let mut lanes = [0.0f64; 4];
    for (i, v) in values.enumerate() {
        lanes[i & 3] += v;
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
}

/// Distinct count and the most frequent value with its count (ties: first seen, as pandas).
fn most_frequent(values: &[Option<String>]) -> (usize, Option<(&str, usize)>) {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (row, v) in values.iter().enumerate() {
        if let Some(s) = v {
            counts.entry(s.as_str()).or_insert((0, row)).0 += 1;
        }
    }
    let top = counts
        .iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(s, (n, _))| (*s, *n));
    (counts.len(), top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn std_of_one_value_is_undefined() {
        assert_eq!(mean_std(&[3.0]), (3.0, None));
    }

    #[test]
    fn text_column_reports_top_with_first_seen_tie_break() {
        let t = Table::new(vec![Column::new(
            "c",
            Values::Text(vec![Some("b".into()), Some("a".into()), None, Some("a".into()), Some("b".into())]),
        )]);
        let s = &describe(&t).columns[0];
        assert_eq!((s.count, s.unique, s.top.as_deref(), s.freq), (4, Some(2), Some("b"), Some(2)));
        assert_eq!(s.mean, None);
    }
}
