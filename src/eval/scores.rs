//! Labels and scores, checked and sorted once, so that any threshold is answered in O(log n):
//! moving the slider on 100,000 rows costs a binary search, not a pass over the rows.

use serde::Serialize;

use super::confusion::Counts;
use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct Scores {
    /// Row indices by decreasing score; ties keep their row order.
    order: Vec<usize>,
    /// Scores in that order.
    sorted: Vec<f64>,
    /// `cum_tp[i]`: positives among the first `i` rows of `order`.
    cum_tp: Vec<usize>,
    labels: Vec<bool>,
    positives: usize,
}

/// One row of the course's ranked table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub rank: usize,
    /// Row index in the input (0-based).
    pub row: usize,
    pub positive: bool,
    pub score: f64,
    /// `TP`, `FP`, `TN` or `FN` at the threshold.
    pub outcome: &'static str,
}

impl Scores {
    /// Checks the input: same lengths, every score a number, both classes present.
    pub fn new(labels: &[bool], scores: &[f64]) -> Result<Scores> {
        if labels.len() != scores.len() {
            return Err(Error::LengthMismatch { labels: labels.len(), scores: scores.len() });
        }
        if let Some(row) = scores.iter().position(|s| s.is_nan()) {
            return Err(Error::NotANumber { row: row + 1 });
        }
        let positives = labels.iter().filter(|&&l| l).count();
        if positives == 0 || positives == labels.len() {
            return Err(Error::OneClass { positive: positives > 0 });
        }
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        let sorted: Vec<f64> = order.iter().map(|&i| scores[i]).collect();
        let mut cum_tp = Vec::with_capacity(order.len() + 1);
        cum_tp.push(0);
        for &i in &order {
            cum_tp.push(cum_tp.last().copied().unwrap_or(0) + usize::from(labels[i]));
        }
        Ok(Scores { order, sorted, cum_tp, labels: labels.to_vec(), positives })
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn positives(&self) -> usize {
        self.positives
    }

    /// Scores in decreasing order.
    pub fn sorted(&self) -> &[f64] {
        &self.sorted
    }

    /// Positives among the `k` highest scores.
    pub fn true_positives_in_top(&self, k: usize) -> usize {
        self.cum_tp[k]
    }

    /// How many rows score at least `threshold`.
    fn predicted_positive(&self, threshold: f64) -> usize {
        self.sorted.partition_point(|&s| s >= threshold)
    }

    /// The confusion matrix for the rule "positive iff score ≥ threshold".
    pub fn at(&self, threshold: f64) -> Counts {
        let k = self.predicted_positive(threshold);
        let tp = self.cum_tp[k];
        let fp = k - tp;
        let negatives = self.len() - self.positives;
        Counts { tp, fp, tn: negatives - fp, fn_: self.positives - tp }
    }

    /// Rows `start .. start + n` of the ranking by decreasing score, with their outcome at
    /// `threshold`.
    pub fn ranking(&self, threshold: f64, start: usize, n: usize) -> Vec<Ranked> {
        let end = start.saturating_add(n).min(self.len());
        (start.min(end)..end)
            .map(|k| {
                let row = self.order[k];
                let (positive, predicted) = (self.labels[row], self.sorted[k] >= threshold);
                let outcome = match (predicted, positive) {
                    (true, true) => "TP",
                    (true, false) => "FP",
                    (false, false) => "TN",
                    (false, true) => "FN",
                };
                Ranked { rank: k + 1, row, positive, score: self.sorted[k], outcome }
            })
            .collect()
    }

    /// The threshold of each distinct score with its counts, from the highest score down:
    /// every threshold where the confusion matrix changes.
    pub fn sweep(&self) -> Vec<(f64, Counts)> {
        let mut out = Vec::new();
        for k in 1..=self.len() {
            if k == self.len() || self.sorted[k] != self.sorted[k - 1] {
                out.push((self.sorted[k - 1], self.at(self.sorted[k - 1])));
            }
        }
        out
    }
}

/// The course's `seuil` example (labels y, scores proba), for tests.
#[cfg(test)]
pub(crate) fn seuil() -> Scores {
    let y = [false, false, false, true, true, true, true, true, false];
    let p = [0.4, 0.35, 0.3, 0.9, 0.85, 0.7, 0.6, 0.55, 0.75];
    Scores::new(&y, &p).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_example_at_0_9() {
        assert_eq!(seuil().at(0.9), Counts { tp: 1, fp: 0, tn: 4, fn_: 4 });
    }

    #[test]
    fn threshold_between_scores_and_above_all() {
        assert_eq!(seuil().at(0.5), Counts { tp: 5, fp: 1, tn: 3, fn_: 0 });
        assert_eq!(seuil().at(f64::INFINITY), Counts { tp: 0, fp: 0, tn: 4, fn_: 5 });
    }

    #[test]
    fn ranking_lists_rows_by_decreasing_score_with_outcomes() {
        let r = seuil().ranking(0.9, 0, 3);
        assert_eq!(r.iter().map(|x| (x.rank, x.row, x.outcome)).collect::<Vec<_>>(), vec![(1, 3, "TP"), (2, 4, "FN"), (3, 8, "TN")]);
    }

    #[test]
    fn bad_inputs_are_named() {
        assert_eq!(Scores::new(&[true], &[0.1, 0.2]).unwrap_err(), Error::LengthMismatch { labels: 1, scores: 2 });
        assert_eq!(Scores::new(&[true, false], &[0.1, f64::NAN]).unwrap_err(), Error::NotANumber { row: 2 });
        assert_eq!(Scores::new(&[true, true], &[0.1, 0.2]).unwrap_err(), Error::OneClass { positive: true });
    }
}
