//! STUB — contract only; the implementation replaces this file.
use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResampleKind { #[default] None, RandomOversample, Smote }

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResampleSpec {
    pub kind: ResampleKind,
    /// SMOTE's neighbours.
    pub k: usize,
    pub seed: u64,
}
impl Default for ResampleSpec {
    fn default() -> Self { ResampleSpec { kind: ResampleKind::None, k: 5, seed: 0 } }
}

/// The training rows after oversampling: the originals first, in order, then the new ones.
pub fn resample(_spec: &ResampleSpec, x: ArrayView2<f64>, y: &[usize], _classes: &[String]) -> Result<(Array2<f64>, Vec<usize>)> {
    Ok((x.to_owned(), y.to_vec()))
}
