//! Flags on the data, each listing the rows it concerns: missing values, outliers (1.5 × IQR),
//! implausible values (robust z-score), constant columns, duplicated rows, class imbalance.

use std::collections::HashMap;

use serde::Serialize;

use super::describe::distinct;
use super::quantile::{median, quantiles};
use super::scalar::{CellKey, Scalar};
use super::value_counts::value_counts;
use crate::data::{Column, DType, Table};

/// Rows listed per flag at most; `count` always gives the total.
pub const MAX_ROWS_LISTED: usize = 1000;

/// A robust z-score above this marks a value as implausible: ten times Iglewicz and Hoaglin's
/// outlier cut-off (3.5), far enough out to be more likely a typing error than a rare case.
/// On `sante`, cholesterol 242300 scores about 8000 and is flagged; 800 scores 20 and age 120
/// scores 5: outliers by the IQR rule, but plausible.
pub const IMPLAUSIBLE_Z: f64 = 35.0;

/// The smallest class is flagged when it has less than half its balanced share (1/k).
pub const IMBALANCE_FRACTION_OF_BALANCED: f64 = 0.5;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    Missing { column: String },
    /// Values outside the fences `[q25 − 1.5 IQR, q75 + 1.5 IQR]`.
    Outliers { column: String, low: f64, high: f64 },
    /// Values whose robust z-score `0.6745 |x − median| / MAD` exceeds `IMPLAUSIBLE_Z`.
    Implausible { column: String, median: f64, values: Vec<f64> },
    Constant { column: String, value: Scalar },
    /// `first[i]` is the earlier row that `rows[i]` repeats (the identifier column ignored).
    DuplicateRows { first: Vec<usize> },
    /// `ratio` is the smallest class's share of the labelled rows.
    Imbalance { column: String, minority: Scalar, ratio: f64 },
}

/// A flag with the rows it concerns (0-based, at most `MAX_ROWS_LISTED`), their identifiers
/// (the identifier column's values, or the rows themselves) and how many rows in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagReport {
    #[serde(flatten)]
    pub flag: Flag,
    pub rows: Vec<usize>,
    pub ids: Vec<Scalar>,
    pub count: usize,
}

/// Every flag on `table`; `class` names the class column (imbalance is checked there, and it
/// is left out of the outlier checks).
pub fn flags(table: &Table, class: Option<&str>) -> Vec<FlagReport> {
    let id = identifier_column(table);
    let report = |flag: Flag, rows: Vec<usize>| FlagReport {
        count: rows.len(),
        ids: rows.iter().take(MAX_ROWS_LISTED).map(|&r| row_id(table, id, r)).collect(),
        rows: rows.into_iter().take(MAX_ROWS_LISTED).collect(),
        flag,
    };
    let mut out = Vec::new();
    for (i, c) in table.columns().iter().enumerate() {
        let missing: Vec<usize> = (0..c.len()).filter(|&r| c.is_missing(r)).collect();
        if !missing.is_empty() {
            out.push(report(Flag::Missing { column: c.name.clone() }, missing));
        }
        if c.len() > 1 && distinct(c) <= 1 {
            let value = (0..c.len()).map(|r| c.cell(r)).find(|v| *v != crate::data::Cell::Missing);
            let value = value.map_or(Scalar::Missing, Scalar::from);
            out.push(report(Flag::Constant { column: c.name.clone(), value }, vec![]));
            continue;
        }
        if Some(i) == id || Some(c.name.as_str()) == class || c.dtype() == DType::Text || distinct(c) <= 2 {
            continue;
        }
        if let Some((flag, rows)) = outliers(c) {
            out.push(report(flag, rows));
        }
        if let Some((flag, rows)) = implausible(c) {
            out.push(report(flag, rows));
        }
    }
    let (rows, first) = duplicate_rows(table, id);
    if !rows.is_empty() {
        out.push(report(Flag::DuplicateRows { first }, rows));
    }
    if let Some(flag) = class.and_then(|name| table.column(name).ok()).and_then(imbalance) {
        out.push(report(flag, vec![]));
    }
    out
}

/// Numbers of a numeric column with their rows.
fn numbered(c: &Column) -> Vec<(usize, f64)> {
    (0..c.len())
        .filter_map(|r| match c.cell(r) {
            crate::data::Cell::Integer(i) => Some((r, i as f64)),
            crate::data::Cell::Float(x) => Some((r, x)),
            _ => None,
        })
        .collect()
}

fn outliers(c: &Column) -> Option<(Flag, Vec<usize>)> {
    let values = numbered(c);
    let mut x: Vec<f64> = values.iter().map(|v| v.1).collect();
    let q = quantiles(&mut x, &[0.25, 0.75]);
    let iqr = q[1] - q[0];
    let (low, high) = (q[0] - 1.5 * iqr, q[1] + 1.5 * iqr);
    let rows: Vec<usize> = values.iter().filter(|(_, v)| *v < low || *v > high).map(|v| v.0).collect();
    (!rows.is_empty()).then(|| (Flag::Outliers { column: c.name.clone(), low, high }, rows))
}

/// Robust z-scores: distance to the median in units of the median absolute deviation (MAD,
/// scaled by 0.6745 so it matches a normal law's std). When the MAD is 0 (over half the values
/// equal), the mean absolute deviation × 1.2533 stands in, as IBM SPSS does.
fn implausible(c: &Column) -> Option<(Flag, Vec<usize>)> {
    let values = numbered(c);
    let mut x: Vec<f64> = values.iter().map(|v| v.1).collect();
    let med = median(&mut x);
    let mut dev: Vec<f64> = x.iter().map(|v| (v - med).abs()).collect();
    let mad = median(&mut dev);
    let scale = if mad > 0.0 {
        mad / 0.6745
    } else {
        1.253_314 * dev.iter().sum::<f64>() / dev.len() as f64
    };
    if !(scale > 0.0) {
        return None;
    }
    let hits: Vec<(usize, f64)> = values.into_iter().filter(|(_, v)| (v - med).abs() / scale > IMPLAUSIBLE_Z).collect();
    (!hits.is_empty()).then(|| {
        let flag = Flag::Implausible { column: c.name.clone(), median: med, values: hits.iter().map(|h| h.1).collect() };
        (flag, hits.into_iter().map(|h| h.0).collect())
    })
}

/// Rows equal to an earlier row in every column but the identifier, and that earlier row.
fn duplicate_rows(table: &Table, id: Option<usize>) -> (Vec<usize>, Vec<usize>) {
    let columns: Vec<&Column> = table.columns().iter().enumerate().filter(|(i, _)| Some(*i) != id).map(|c| c.1).collect();
    let mut seen: HashMap<Vec<CellKey<'_>>, usize> = HashMap::new();
    let (mut rows, mut first) = (Vec::new(), Vec::new());
    for r in 0..table.num_rows() {
        let key: Vec<CellKey<'_>> = columns.iter().map(|c| CellKey::from(c.cell(r))).collect();
        match seen.get(&key) {
            Some(&f) => {
                rows.push(r);
                first.push(f);
            }
            None => {
                seen.insert(key, r);
            }
        }
    }
    first.truncate(MAX_ROWS_LISTED);
    (rows, first)
}

fn imbalance(c: &Column) -> Option<Flag> {
    let counts = value_counts(c, true);
    let total: usize = counts.iter().map(|v| v.count).sum();
    let smallest = counts.last()?;
    let ratio = smallest.count as f64 / total as f64;
    let balanced = 1.0 / counts.len() as f64;
    (counts.len() >= 2 && ratio < IMBALANCE_FRACTION_OF_BALANCED * balanced)
        .then(|| Flag::Imbalance { column: c.name.clone(), minority: smallest.value.clone(), ratio })
}

/// The column that names rows, if any: called `id`, `ID`, `identifiant`, `index`… (or ending in
/// `_id`), with a distinct value on every row. It is left out of outlier and duplicate checks.
pub fn identifier_column(table: &Table) -> Option<usize> {
    table.columns().iter().position(|c| {
        let name = c.name.to_lowercase();
        let named = matches!(name.as_str(), "id" | "identifiant" | "index" | "idx") || name.ends_with("_id") || name.starts_with("id_");
        named && c.dtype() != DType::Float && distinct(c) == c.len()
    })
}

fn row_id(table: &Table, id: Option<usize>, row: usize) -> Scalar {
    match id {
        Some(i) => table.columns()[i].cell(row).into(),
        None => Scalar::Integer(row as i64),
    }
}

/// The likely class column: the last one, not the identifier, holding text or whole numbers
/// with between 1 and 20 distinct values (so `sante`'s `malade`, 1 or missing, qualifies).
pub fn guess_target(table: &Table) -> Option<String> {
    let id = identifier_column(table);
    table
        .columns()
        .iter()
        .enumerate()
        .rev()
        .find(|(i, c)| {
            let whole = numbered(c).iter().all(|(_, v)| v.fract() == 0.0);
            Some(*i) != id && (c.dtype() == DType::Text || whole) && (1..=20).contains(&distinct(c))
        })
        .map(|(_, c)| c.name.clone())
}
