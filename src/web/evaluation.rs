//! Evaluation of scores: the API's array functions, and `Evaluation`, which holds sorted
//! scores so the threshold slider is answered in O(log n).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{js_error, lang_of, to_js};
use crate::error::{Error, Lang, Result};
use crate::eval::curves::{precision_recall, roc};
use crate::eval::pick::{for_recall, max_f1, max_youden};
use crate::eval::scores::Scores;
use crate::experiment::evaluate::Scored;
use crate::explore::histogram::{bins, counts};

/// 0/1 labels (1 = positive) and scores, checked.
fn scores_of(y_true: &[f64], scores: &[f64]) -> Result<Scores> {
    if let Some(bad) = y_true.iter().find(|&&v| v != 0.0 && v != 1.0) {
        return Err(Error::NotBinary { values: vec![bad.to_string(), "0".into(), "1".into()] });
    }
    let labels: Vec<bool> = y_true.iter().map(|&v| v == 1.0).collect();
    Scores::new(&labels, scores)
}

fn checked(y_true: &[f64], scores: &[f64], lang: Option<String>) -> std::result::Result<Scores, JsValue> {
    scores_of(y_true, scores).map_err(|e| js_error(&e, lang_of(lang.as_deref())))
}

/// The confusion matrix and its rates at `threshold` (positive iff score ≥ threshold).
#[wasm_bindgen]
pub fn confusion(y_true: &[f64], scores: &[f64], threshold: f64, lang: Option<String>) -> std::result::Result<JsValue, JsValue> {
    to_js(&checked(y_true, scores, lang)?.at(threshold).metrics())
}

/// `{ fpr, tpr, thresholds, auc }`, as scikit-learn's `roc_curve` and `roc_auc_score`.
#[wasm_bindgen(js_name = rocCurve)]
pub fn roc_curve(y_true: &[f64], scores: &[f64], drop_intermediate: bool, lang: Option<String>) -> std::result::Result<JsValue, JsValue> {
    to_js(&roc(&checked(y_true, scores, lang)?, drop_intermediate))
}

/// `{ precision, recall, thresholds, average_precision }`, as scikit-learn.
#[wasm_bindgen(js_name = prCurve)]
pub fn pr_curve(y_true: &[f64], scores: &[f64], lang: Option<String>) -> std::result::Result<JsValue, JsValue> {
    to_js(&precision_recall(&checked(y_true, scores, lang)?))
}

/// Scores of a table, ready for the threshold slider.
#[wasm_bindgen]
pub struct Evaluation {
    scored: Scored,
    /// The identifier of each scored row (the ID column's value, else the row number from 1).
    ids: Vec<crate::explore::Scalar>,
    lang: Lang,
}

impl Evaluation {
    pub(super) fn new(scored: Scored, ids: Vec<crate::explore::Scalar>, lang: Lang) -> Evaluation {
        Evaluation { scored, ids, lang }
    }
}

#[derive(Serialize)]
struct RankedRow {
    #[serde(flatten)]
    ranked: crate::eval::scores::Ranked,
    id: crate::explore::Scalar,
}

#[wasm_bindgen]
impl Evaluation {
    /// Scores a run gave (a report's validation part): `labels` 0/1, `ids` one per row,
    /// `positive` the class name.
    #[wasm_bindgen(js_name = fromScores)]
    pub fn from_scores(labels: &[f64], scores: &[f64], ids: JsValue, positive: String, lang: Option<String>) -> std::result::Result<Evaluation, JsValue> {
        let lang = lang_of(lang.as_deref());
        let ids: Vec<crate::explore::Scalar> = super::from_js(ids)?;
        let scores = scores_of(labels, scores).map_err(|e| js_error(&e, lang))?;
        let scored = Scored { rows: (0..scores.len()).collect(), scores, dropped: 0, positive };
        Ok(Evaluation { scored, ids, lang })
    }

    /// `{ rows, positives, dropped, positive }`.
    pub fn summary(&self) -> std::result::Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct Summary<'a> {
            rows: usize,
            positives: usize,
            dropped: usize,
            positive: &'a str,
        }
        let s = &self.scored;
        to_js(&Summary { rows: s.scores.len(), positives: s.scores.positives(), dropped: s.dropped, positive: &s.positive })
    }

    /// Metrics at `threshold`.
    pub fn at(&self, threshold: f64) -> std::result::Result<JsValue, JsValue> {
        to_js(&self.scored.scores.at(threshold).metrics())
    }

    pub fn roc(&self, drop_intermediate: bool) -> std::result::Result<JsValue, JsValue> {
        to_js(&roc(&self.scored.scores, drop_intermediate))
    }

    pub fn pr(&self) -> std::result::Result<JsValue, JsValue> {
        to_js(&precision_recall(&self.scored.scores))
    }

    /// Rows `start .. start + n` of the ranked table at `threshold`: rank, id, class, score,
    /// outcome.
    pub fn ranking(&self, threshold: f64, start: usize, n: usize) -> std::result::Result<JsValue, JsValue> {
        let rows: Vec<RankedRow> = self
            .scored
            .scores
            .ranking(threshold, start, n)
            .into_iter()
            .map(|r| RankedRow { id: self.ids[r.row].clone(), ranked: r })
            .collect();
        to_js(&rows)
    }

    /// `{ edges, positive, negative }`: counts of each class's scores in shared bins.
    pub fn histogram(&self, bin_count: Option<usize>) -> std::result::Result<JsValue, JsValue> {
        let s = &self.scored.scores;
        let all = s.sorted().to_vec();
        let b = bins(&all, bin_count);
        let ranked = s.ranking(f64::INFINITY, 0, s.len());
        let (pos, neg): (Vec<_>, Vec<_>) = ranked.iter().partition(|r| r.positive);
        let scores = |v: Vec<&crate::eval::scores::Ranked>| v.into_iter().map(|r| r.score).collect::<Vec<f64>>();
        #[derive(Serialize)]
        struct Hist {
            edges: Vec<f64>,
            positive: Vec<usize>,
            negative: Vec<usize>,
        }
        to_js(&Hist { positive: counts(&scores(pos), &b.edges), negative: counts(&scores(neg), &b.edges), edges: b.edges })
    }

    /// A threshold chosen by `rule`: `f1` (maximise F1), `youden` (maximise recall +
    /// specificity − 1) or `recall` (the highest threshold reaching `target` recall);
    /// `{ threshold, value }` or null.
    pub fn pick(&self, rule: &str, target: f64) -> std::result::Result<JsValue, JsValue> {
        let s = &self.scored.scores;
        let picked = match rule {
            "f1" => max_f1(s),
            "youden" => max_youden(s),
            "recall" => for_recall(s, target),
            other => return Err(js_error(&Error::BadOption { option: "rule".into(), value: other.into() }, self.lang)),
        };
        to_js(&picked)
    }
}
