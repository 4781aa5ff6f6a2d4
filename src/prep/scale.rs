//! STUB — contract only; the implementation replaces this file.
use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind { #[default] Standard, Robust, Minmax, None }

/// `(x - center) / scale` per column; columns not scaled have center 0 and scale 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scaler {
    pub kind: ScaleKind,
    pub center: Vec<f64>,
    pub scale: Vec<f64>,
}

impl Scaler {
    /// Learns the centre and scale of the columns where `scaled[j]` (the others are left as they are).
    pub fn fit(kind: ScaleKind, x: ArrayView2<f64>, _scaled: &[bool]) -> Scaler {
        Scaler { kind, center: vec![0.0; x.ncols()], scale: vec![1.0; x.ncols()] }
    }
    pub fn transform(&self, _x: &mut Array2<f64>) {}
}
