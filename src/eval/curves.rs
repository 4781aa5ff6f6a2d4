//! ROC and precision–recall curves and their areas, point for point as scikit-learn's
//! `roc_curve`, `roc_auc_score`, `precision_recall_curve` and `average_precision_score`
//! (tied scores enter together; thresholds are the distinct scores).

use serde::Serialize;

use super::scores::Scores;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roc {
    pub fpr: Vec<f64>,
    pub tpr: Vec<f64>,
    /// Decreasing; the first is +∞ (no row predicted positive).
    pub thresholds: Vec<f64>,
    /// Area under the curve by the trapezoidal rule (a tie is a diagonal segment).
    pub auc: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrCurve {
    /// From full recall down; ends with precision 1, recall 0 (no threshold).
    pub precision: Vec<f64>,
    pub recall: Vec<f64>,
    /// Every distinct score, increasing (scikit-learn ≥ 1.x keeps the points below the first
    /// full recall too).
    pub thresholds: Vec<f64>,
    /// `Σ (Rₙ − Rₙ₋₁) Pₙ`: step-wise, not interpolated.
    pub average_precision: f64,
}

/// Cumulative false and true positives at each distinct score, highest first.
fn cumulative(s: &Scores) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let (mut fps, mut tps, mut thresholds) = (Vec::new(), Vec::new(), Vec::new());
    let sorted = s.sorted();
    for k in 1..=sorted.len() {
        if k == sorted.len() || sorted[k] != sorted[k - 1] {
            let tp = s.true_positives_in_top(k);
            tps.push(tp as f64);
            fps.push((k - tp) as f64);
            thresholds.push(sorted[k - 1]);
        }
    }
    (fps, tps, thresholds)
}

/// The ROC curve; `drop_intermediate` leaves out points on a straight line between their
/// neighbours (they change neither the picture nor the area), as scikit-learn by default.
pub fn roc(s: &Scores, drop_intermediate: bool) -> Roc {
    let (mut fps, mut tps, mut thresholds) = cumulative(s);
    if drop_intermediate && fps.len() > 2 {
        let keep: Vec<usize> = (0..fps.len())
            .filter(|&i| {
                i == 0 || i == fps.len() - 1 || {
                    let second = |v: &[f64]| v[i + 1] - 2.0 * v[i] + v[i - 1];
                    second(&fps) != 0.0 || second(&tps) != 0.0
                }
            })
            .collect();
        fps = keep.iter().map(|&i| fps[i]).collect();
        tps = keep.iter().map(|&i| tps[i]).collect();
        thresholds = keep.iter().map(|&i| thresholds[i]).collect();
    }
    fps.insert(0, 0.0);
    tps.insert(0, 0.0);
    thresholds.insert(0, f64::INFINITY);
    let (negatives, positives) = (fps[fps.len() - 1], tps[tps.len() - 1]);
    let fpr: Vec<f64> = fps.iter().map(|f| f / negatives).collect();
    let tpr: Vec<f64> = tps.iter().map(|t| t / positives).collect();
    let auc = fpr.windows(2).zip(tpr.windows(2)).map(|(x, y)| (x[1] - x[0]) * (y[1] + y[0]) / 2.0).sum();
    Roc { fpr, tpr, thresholds, auc }
}

pub fn precision_recall(s: &Scores) -> PrCurve {
    let (fps, tps, thresholds) = cumulative(s);
    let positives = tps[tps.len() - 1];
    let mut precision: Vec<f64> = tps.iter().zip(&fps).rev().map(|(t, f)| t / (t + f)).collect();
    let mut recall: Vec<f64> = tps.iter().rev().map(|t| t / positives).collect();
    let thresholds: Vec<f64> = thresholds.into_iter().rev().collect();
    precision.push(1.0);
    recall.push(0.0);
    let average_precision = -recall.windows(2).zip(&precision).map(|(r, p)| (r[1] - r[0]) * p).sum::<f64>();
    PrCurve { precision, recall, thresholds, average_precision }
}
