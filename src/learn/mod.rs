//! Classifiers: each fits on a matrix of prepared features (imputed, encoded, scaled) and class
//! indices, and gives every row a score for the positive class. Uses `ndarray` and `error`
//! only: no tables, no specs, no browser.
//!
//! Transcendental functions come from `libm`, not `std`: `std`'s `exp`/`ln` call the
//! platform's maths library, which rounds differently natively and in wasm, and a run must give
//! the same bytes in both.

pub mod forest;
pub mod knn;
mod linalg;
pub mod logistic;
pub mod naive_bayes;
pub mod svm;
pub mod tree;

use ndarray::ArrayView2;

/// Training data: `x` is rows × features, `y[i]` the class index of row `i` (`0..n_classes`).
#[derive(Debug, Clone, Copy)]
pub struct Labelled<'a> {
    pub x: ArrayView2<'a, f64>,
    pub y: &'a [usize],
    pub n_classes: usize,
}
