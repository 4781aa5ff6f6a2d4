//! The multi-class view: every class against every other, from each row's class probabilities
//! (the predicted class is the most probable, the first of equals, as scikit-learn's
//! `predict`). The positive-class figures beside it stay those of one class against the rest.

use ndarray::ArrayView2;
use serde::Serialize;

/// How many confused pairs the report names, and how many of each pair's rows it points at.
const PAIRS: usize = 6;
const EXAMPLES: usize = 3;

/// `matrix[actual][predicted]` row counts over `labels` (scikit-learn's
/// `confusion_matrix(y, pred)`), the accuracy, and the pairs most often confused.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassConfusion {
    pub labels: Vec<String>,
    pub matrix: Vec<Vec<usize>>,
    pub accuracy: f64,
    /// Each row's predicted class index.
    pub predicted: Vec<usize>,
    /// The largest off-diagonal cells, largest first (ties: by actual, then predicted class).
    pub confused: Vec<ConfusedPair>,
}

/// Rows of class `actual` taken for `predicted`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfusedPair {
    pub actual: usize,
    pub predicted: usize,
    pub count: usize,
    /// Positions of its first rows in the part.
    pub rows: Vec<usize>,
}

impl ClassConfusion {
    /// From rows × classes probabilities and each row's true class index; `None` when the
    /// widths disagree or there is no row.
    pub fn new(labels: &[String], proba: ArrayView2<f64>, y: &[usize]) -> Option<ClassConfusion> {
        let k = labels.len();
        if proba.ncols() != k || proba.nrows() != y.len() || y.is_empty() || y.iter().any(|&c| c >= k) {
            return None;
        }
        let predicted: Vec<usize> = proba.rows().into_iter().map(|p| (1..k).fold(0, |best, j| if p[j] > p[best] { j } else { best })).collect();
        let mut matrix = vec![vec![0; k]; k];
        for (&a, &p) in y.iter().zip(&predicted) {
            matrix[a][p] += 1;
        }
        let right = (0..k).map(|c| matrix[c][c]).sum::<usize>();
        let mut confused: Vec<ConfusedPair> = (0..k)
            .flat_map(|a| (0..k).map(move |p| (a, p)))
            .filter(|&(a, p)| a != p && matrix[a][p] > 0)
            .map(|(a, p)| {
                let rows = (0..y.len()).filter(|&i| y[i] == a && predicted[i] == p).take(EXAMPLES).collect();
                ConfusedPair { actual: a, predicted: p, count: matrix[a][p], rows }
            })
            .collect();
        confused.sort_by(|x, y| y.count.cmp(&x.count).then(x.actual.cmp(&y.actual)).then(x.predicted.cmp(&y.predicted)));
        confused.truncate(PAIRS);
        Some(ClassConfusion { labels: labels.to_vec(), matrix, accuracy: right as f64 / y.len() as f64, predicted, confused })
    }
}
