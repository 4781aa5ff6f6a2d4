//! `Scalar`: one owned cell value, serialised as a plain JSON number, string or null.

use serde::{Deserialize, Serialize};

use crate::data::Cell;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Integer(i64),
    Float(f64),
    Text(String),
    Missing,
}

impl Scalar {
    /// The value as a number; NaN for text and missing.
    pub fn number(&self) -> f64 {
        match self {
            Scalar::Integer(i) => *i as f64,
            Scalar::Float(x) => *x,
            _ => f64::NAN,
        }
    }

    /// A stable order for values of one column: text alphabetically, numbers by value.
    pub fn compare(&self, other: &Scalar) -> std::cmp::Ordering {
        match (self, other) {
            (Scalar::Text(x), Scalar::Text(y)) => x.cmp(y),
            _ => self.number().total_cmp(&other.number()),
        }
    }
}

impl From<Cell<'_>> for Scalar {
    fn from(cell: Cell<'_>) -> Scalar {
        match cell {
            Cell::Integer(i) => Scalar::Integer(i),
            Cell::Float(x) => Scalar::Float(x),
            Cell::Text(s) => Scalar::Text(s.to_string()),
            Cell::Missing => Scalar::Missing,
        }
    }
}

/// A hashable key for a cell: floats by their bits (with -0 = 0), so equal values group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellKey<'a> {
    Integer(i64),
    Float(u64),
    Text(&'a str),
    Missing,
}

impl<'a> From<Cell<'a>> for CellKey<'a> {
    fn from(cell: Cell<'a>) -> CellKey<'a> {
        match cell {
            Cell::Integer(i) => CellKey::Integer(i),
            Cell::Float(x) => CellKey::Float(if x == 0.0 { 0 } else { x.to_bits() }),
            Cell::Text(s) => CellKey::Text(s),
            Cell::Missing => CellKey::Missing,
        }
    }
}
