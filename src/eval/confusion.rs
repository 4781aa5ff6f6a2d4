//! The confusion matrix at a threshold and the rates a student reads from it.

use serde::Serialize;

/// Counts at a threshold (positive iff score ≥ threshold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub tn: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

/// The counts and every rate. A ratio whose denominator is 0 (precision with no predicted
/// positive, say) is 0, as scikit-learn's `zero_division=0`; `undefined` names those ratios so
/// the UI can say "undefined" where it matters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    #[serde(flatten)]
    pub counts: Counts,
    pub accuracy: f64,
    pub precision: f64,
    pub recall: f64,
    /// `2PR / (P + R)`: the harmonic mean of precision and recall.
    pub f1: f64,
    pub specificity: f64,
    pub fpr: f64,
    /// Mean of recall and specificity.
    pub balanced_accuracy: f64,
    /// Matthews correlation coefficient, in [−1, 1]; 0 when a row or column of the matrix is
    /// empty (scikit-learn's convention).
    pub mcc: f64,
    pub undefined: Vec<&'static str>,
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

impl Counts {
    pub fn metrics(self) -> Metrics {
        let Counts { tp, fp, tn, fn_ } = self;
        let n = tp + fp + tn + fn_;
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let specificity = ratio(tn, tn + fp);
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        let (tpf, fpf, tnf, fnf) = (tp as f64, fp as f64, tn as f64, fn_ as f64);
        let den = ((tpf + fpf) * (tpf + fnf) * (tnf + fpf) * (tnf + fnf)).sqrt();
        let mcc = if den > 0.0 { (tpf * tnf - fpf * fnf) / den } else { 0.0 };
        let mut undefined = Vec::new();
        for (name, den) in [("precision", tp + fp), ("recall", tp + fn_), ("specificity", tn + fp), ("fpr", tn + fp)] {
            if den == 0 {
                undefined.push(name);
            }
        }
        Metrics {
            counts: self,
            accuracy: ratio(tp + tn, n),
            precision,
            recall,
            f1,
            specificity,
            fpr: ratio(fp, fp + tn),
            balanced_accuracy: (recall + specificity) / 2.0,
            mcc,
            undefined,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_example_at_0_9_has_perfect_precision_and_low_recall() {
        let m = Counts { tp: 1, fp: 0, tn: 4, fn_: 4 }.metrics();
        assert_eq!((m.precision, m.recall, m.specificity), (1.0, 0.2, 1.0));
        assert!((m.f1 - 1.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn no_predicted_positive_gives_zero_precision_marked_undefined() {
        let m = Counts { tp: 0, fp: 0, tn: 4, fn_: 5 }.metrics();
        assert_eq!((m.precision, m.f1, m.mcc), (0.0, 0.0, 0.0));
        assert_eq!(m.undefined, vec!["precision"]);
    }

    #[test]
    fn mcc_of_a_perfect_classifier_is_one() {
        assert_eq!(Counts { tp: 3, fp: 0, tn: 2, fn_: 0 }.metrics().mcc, 1.0);
    }
}
