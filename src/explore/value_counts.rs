//! `value_counts`: how often each value occurs, most frequent first, ties in order of first
//! appearance (as pandas).

use std::collections::HashMap;

use serde::Serialize;

use super::scalar::{CellKey, Scalar};
use crate::data::Column;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueCount {
    pub value: Scalar,
    pub count: usize,
}

/// Counts of `column`'s values; missing values are counted (as `Scalar::Missing`) only when
/// `dropna` is false.
pub fn value_counts(column: &Column, dropna: bool) -> Vec<ValueCount> {
    let mut counts: HashMap<CellKey<'_>, (usize, usize)> = HashMap::new();
    for row in 0..column.len() {
        let key = CellKey::from(column.cell(row));
        if dropna && key == CellKey::Missing {
            continue;
        }
        counts.entry(key).or_insert((0, row)).0 += 1;
    }
    let mut rows: Vec<(usize, usize)> = counts.into_values().collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    rows.into_iter()
        .map(|(count, first)| ValueCount { value: column.cell(first).into(), count })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Values;

    #[test]
    fn ties_keep_first_appearance_order() {
        let c = Column::new("c", Values::Integer(vec![2, 1, 1, 2, 3]));
        let got: Vec<(Scalar, usize)> = value_counts(&c, true).into_iter().map(|v| (v.value, v.count)).collect();
        assert_eq!(got, vec![(Scalar::Integer(2), 2), (Scalar::Integer(1), 2), (Scalar::Integer(3), 1)]);
    }

    #[test]
    fn missing_is_counted_only_without_dropna() {
        let c = Column::new("c", Values::Float(vec![1.0, f64::NAN, 1.0]));
        assert_eq!(value_counts(&c, true).len(), 1);
        assert_eq!(value_counts(&c, false)[1], ValueCount { value: Scalar::Missing, count: 1 });
    }
}
