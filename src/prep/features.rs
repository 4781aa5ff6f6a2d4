//! STUB — contract only; the implementation replaces this file.
use ndarray::Array2;
use serde::{Deserialize, Serialize};
use crate::data::Table;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impute { #[default] Median, Mean, MostFrequent, DropRows }

/// What was learnt on the training rows: each numeric feature's fill value, each text
/// feature's categories.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoder { names: Vec<String> }

impl Encoder {
    /// Learns from the training `rows` of `table`.
    pub fn fit(_table: &Table, features: &[String], _rows: &[usize], _impute: Impute) -> Result<Encoder> {
        Ok(Encoder { names: features.to_vec() })
    }
    /// Output column names: `Age` for a numeric feature, `sexe=F` for a one-hot column.
    pub fn names(&self) -> Vec<String> { self.names.clone() }
    /// Which output columns are numeric (scaled); one-hot columns stay 0/1.
    pub fn numeric(&self) -> Vec<bool> { vec![true; self.names.len()] }
    /// The `rows` of `table` as a matrix (missing values filled, text one-hot encoded).
    pub fn transform(&self, _table: &Table, rows: &[usize]) -> Array2<f64> { Array2::zeros((rows.len(), self.names.len())) }
}

/// The `rows` with no missing value in any of `features` (for `impute: drop_rows`).
pub fn complete_rows(_table: &Table, _features: &[String], rows: &[usize]) -> Result<Vec<usize>> { Ok(rows.to_vec()) }
