//! Threshold pickers: the threshold that maximises F1, the one that maximises Youden's J
//! (recall + specificity − 1: the ROC point furthest above the chance line), and the highest
//! threshold that reaches a target recall.

use serde::Serialize;

use super::confusion::Counts;
use super::scores::Scores;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Picked {
    pub threshold: f64,
    pub value: f64,
}

fn best(s: &Scores, value: impl Fn(Counts) -> f64) -> Option<Picked> {
    // Ties go to the highest threshold (the first met): the fewest false alarms.
    s.sweep().into_iter().map(|(t, c)| Picked { threshold: t, value: value(c) }).reduce(|a, b| if b.value > a.value { b } else { a })
}

pub fn max_f1(s: &Scores) -> Option<Picked> {
    best(s, |c| c.metrics().f1)
}

pub fn max_youden(s: &Scores) -> Option<Picked> {
    best(s, |c| {
        let m = c.metrics();
        m.recall + m.specificity - 1.0
    })
}

/// The highest threshold whose recall is at least `target` (more recall means a lower one).
pub fn for_recall(s: &Scores, target: f64) -> Option<Picked> {
    s.sweep().into_iter().map(|(t, c)| Picked { threshold: t, value: c.metrics().recall }).find(|p| p.value >= target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::scores::seuil;

    #[test]
    fn best_f1_on_the_course_example_is_at_0_55() {
        let p = max_f1(&seuil()).unwrap();
        assert_eq!(p.threshold, 0.55);
        assert!((p.value - 10.0 / 11.0).abs() < 1e-12);
    }

    #[test]
    fn youden_and_recall_pickers() {
        assert_eq!(max_youden(&seuil()).unwrap().threshold, 0.55);
        assert_eq!(for_recall(&seuil(), 0.8).unwrap().threshold, 0.6);
    }
}
