//! A class column as colours: each row's class index, classes in a stable order so a class
//! keeps its colour from chart to chart.

use serde::Serialize;

use super::scalar::Scalar;
use super::value_counts::value_counts;
use crate::data::Column;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classes {
    /// Class names, sorted (numbers by value, text alphabetically).
    pub names: Vec<String>,
    /// Class index of each row; `names.len()` for a missing label (drawn grey).
    pub index: Vec<usize>,
}

pub fn classes(column: &Column) -> Classes {
    let mut values: Vec<Scalar> = value_counts(column, true).into_iter().map(|v| v.value).collect();
    values.sort_by(Scalar::compare);
    let names: Vec<String> = values.iter().map(name).collect();
    let index = (0..column.len())
        .map(|r| {
            let v = Scalar::from(column.cell(r));
            values.iter().position(|c| *c == v).unwrap_or(names.len())
        })
        .collect();
    Classes { names, index }
}

/// How a class value reads in a legend: `1`, not `1.0`.
pub fn name(s: &Scalar) -> String {
    match s {
        Scalar::Integer(i) => i.to_string(),
        Scalar::Float(x) => x.to_string(),
        Scalar::Text(t) => t.clone(),
        Scalar::Missing => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Values;

    #[test]
    fn classes_are_sorted_and_missing_labels_come_last() {
        let c = Column::new("y", Values::Float(vec![1.0, f64::NAN, 0.0, 1.0]));
        assert_eq!(classes(&c), Classes { names: vec!["0".into(), "1".into()], index: vec![1, 2, 0, 1] });
    }
}
