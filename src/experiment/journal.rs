//! The experiment journal: every finished run (train, CV, search, final test, production) with
//! its spec, report and key, so a run is found again instead of recomputed. The page stores the
//! entries (IndexedDB); the core says what an entry means (`summary`), merges an imported file
//! into the journal (`import`), writes the file (`export`) and lines runs up (`compare`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::spec::Spec;
use crate::error::{Error, Result};

/// The file's `format` field: what tells a journal from any other JSON.
pub const FORMAT: &str = "atelier-journal";
/// The file's `version`; another one is refused with a message saying which.
pub const VERSION: u64 = 1;

/// What was run: one entry per key and kind (a spec trained and cross-validated is two entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Train,
    Cv,
    Search,
    Test,
    Production,
}

/// One run as the journal keeps it. `spec` and `report` are kept as the page had them (JSON),
/// so an older report still reads; `at` is the caller's ISO time (the core has no clock).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub kind: Kind,
    pub spec: Value,
    #[serde(default)]
    pub report: Value,
    /// The data's fingerprint, 16 hex digits.
    #[serde(default)]
    pub fingerprint: String,
    /// The data set's name (a file's name or a built-in set's id), for the panel's filter.
    #[serde(default)]
    pub data: String,
    pub at: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub starred: bool,
}

/// What the panel shows of a run: the model, its parameters and the main metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub model: String,
    /// The model's parameters (for a search: the best trial's).
    pub params: Map<String, Value>,
    /// `accuracy`, `precision`, `recall`, `f1`, `roc_auc`, `average_precision` as far as the
    /// report has them; a search gives its metric's best score under the metric's name.
    pub metrics: BTreeMap<String, f64>,
}

/// The metrics the journal reads from any part of a report, in this order.
pub const METRICS: [&str; 6] = ["accuracy", "precision", "recall", "f1", "roc_auc", "average_precision"];

/// The run's model and parameters from its spec, and its figures from the part of the report
/// its kind is about: train, the validation metrics (the training ones without a validation
/// part); CV, the means over the folds; search, the best trial; test, the test metrics.
pub fn summary(entry: &Entry) -> Summary {
    let mut params = match entry.spec.get("model") {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    let model = match params.remove("kind") {
        Some(Value::String(k)) => k,
        _ => "logistic_regression".into(),
    };
    let report = &entry.report;
    let part = |name: &str| report.get(name).filter(|v| !v.is_null()).unwrap_or(report);
    let metrics = match entry.kind {
        Kind::Train => scoring(report.get("validation").filter(|v| !v.is_null()).or_else(|| report.get("train"))),
        Kind::Cv => flat(part("cv").get("mean")),
        Kind::Test => scoring(Some(part("test"))),
        Kind::Search => best(part("search"), &mut params),
        Kind::Production => BTreeMap::new(),
    };
    Summary { model, params, metrics }
}

/// Metrics from a scoring (`{ metrics, roc: { auc }, pr: { average_precision } }`).
fn scoring(part: Option<&Value>) -> BTreeMap<String, f64> {
    let Some(part) = part else { return BTreeMap::new() };
    let mut out = flat(part.get("metrics"));
    if let Some(auc) = part.pointer("/roc/auc").and_then(Value::as_f64) {
        out.insert("roc_auc".into(), auc);
    }
    if let Some(ap) = part.pointer("/pr/average_precision").and_then(Value::as_f64) {
        out.insert("average_precision".into(), ap);
    }
    out
}

/// The known metrics of a flat object of numbers (`null` ones left out).
fn flat(value: Option<&Value>) -> BTreeMap<String, f64> {
    METRICS
        .iter()
        .filter_map(|&m| value?.get(m).and_then(Value::as_f64).map(|x| (m.to_string(), x)))
        .collect()
}

/// A search's best score, named by its metric, and its parameters over the spec's.
fn best(search: &Value, params: &mut Map<String, Value>) -> BTreeMap<String, f64> {
    let Some(best) = search.get("best").filter(|b| b.is_object()) else { return BTreeMap::new() };
    if let Some(Value::Object(p)) = best.get("params") {
        params.extend(p.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    let metric = search.get("metric").and_then(Value::as_str).unwrap_or("roc_auc");
    best.get("score").and_then(Value::as_f64).map(|s| (metric.to_string(), s)).into_iter().collect()
}

/// The journal file: `{ format: "atelier-journal", version: 1, runs: [...] }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalFile {
    pub format: String,
    pub version: u64,
    pub runs: Vec<Entry>,
}

/// The file's text for `runs`, newest first as given.
pub fn export(runs: &[Entry]) -> String {
    let file = JournalFile { format: FORMAT.into(), version: VERSION, runs: runs.to_vec() };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// What an import did: the merged journal and how many runs were new.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub runs: Vec<Entry>,
    pub added: usize,
    /// Runs already there (same key and kind), whose notes and stars were merged.
    pub merged: usize,
}

/// Reads a journal file and merges it into `existing`: refuses what is not a journal, or a
/// journal of another version, with a message saying so.
pub fn import(existing: Vec<Entry>, text: &str) -> Result<Imported> {
    let file = read_file(text)?;
    Ok(merge(existing, file.runs))
}

/// Checks the file's shape before its runs, so a random JSON file gets "not a journal" rather
/// than a complaint about a missing field.
fn read_file(text: &str) -> Result<JournalFile> {
    let not = |detail: String| Error::NotAJournal { detail };
    let value: Value = serde_json::from_str(text).map_err(|e| not(format!("JSON: {e}")))?;
    match value.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => return Err(not(format!("format « {other} »"))),
        None => return Err(not("no « format: atelier-journal »".into())),
    }
    match value.get("version") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => return Err(Error::JournalVersion { found: v.to_string() }),
        None => return Err(not("no version".into())),
    }
    serde_json::from_value(value).map_err(|e| not(format!("runs: {e}")))
}

/// Merges `incoming` into `existing` by key and kind, never duplicating: a run already there
/// keeps its report and time, gains the other's note (both kept when they differ) and is
/// starred if either was. New runs are added; the result is newest first.
pub fn merge(existing: Vec<Entry>, incoming: Vec<Entry>) -> Imported {
    let mut runs = existing;
    let (mut added, mut merged) = (0, 0);
    for entry in incoming {
        match runs.iter_mut().find(|r| r.key == entry.key && r.kind == entry.kind) {
            Some(there) => {
                there.starred |= entry.starred;
                there.note = joined_notes(&there.note, &entry.note);
                merged += 1;
            }
            None => {
                runs.push(entry);
                added += 1;
            }
        }
    }
    runs.sort_by(|a, b| b.at.cmp(&a.at));
    Imported { runs, added, merged }
}

fn joined_notes(a: &str, b: &str) -> String {
    match (a.trim(), b.trim()) {
        (a, "") => a.to_string(),
        ("", b) => b.to_string(),
        (a, b) if a.contains(b) => a.to_string(),
        (a, b) if b.contains(a) => b.to_string(),
        (a, b) => format!("{a}\n{b}"),
    }
}

/// Runs side by side: their parameters as rows (a spec's settings as dotted paths, the model's
/// as `model.<name>`), each flagged when the runs disagree, and their metrics as rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub runs: Vec<ComparedRun>,
    pub params: Vec<ParamRow>,
    pub metrics: Vec<MetricRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparedRun {
    pub key: String,
    pub kind: Kind,
    pub model: String,
    pub at: String,
    pub data: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamRow {
    pub name: String,
    /// One per run; `null` where the run has no such setting.
    pub values: Vec<Value>,
    pub differs: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricRow {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// The run with the highest value (the first among ties), if any has one.
    pub best: Option<usize>,
}

/// Lines `entries` up; the model's rows come first, then the other settings by name. The data
/// and the earlier test uses are left out (the data is its own column, the uses are history).
pub fn compare(entries: &[Entry]) -> Comparison {
    let summaries: Vec<Summary> = entries.iter().map(summary).collect();
    let settings: Vec<BTreeMap<String, Value>> = entries.iter().zip(&summaries).map(|(e, s)| settings(e, s)).collect();
    let mut names: Vec<&String> = settings.iter().flat_map(BTreeMap::keys).collect();
    names.sort_by_key(|n| (!n.starts_with("model"), n.as_str()));
    names.dedup();
    let params = names
        .into_iter()
        .map(|name| {
            let values: Vec<Value> = settings.iter().map(|s| s.get(name).cloned().unwrap_or(Value::Null)).collect();
            let differs = values.windows(2).any(|w| w[0] != w[1]);
            ParamRow { name: name.clone(), values, differs }
        })
        .collect();
    let metrics = METRICS
        .iter()
        .filter(|m| summaries.iter().any(|s| s.metrics.contains_key(**m)))
        .map(|&m| {
            let values: Vec<Option<f64>> = summaries.iter().map(|s| s.metrics.get(m).copied()).collect();
            MetricRow { name: m.into(), best: best_of(&values), values }
        })
        .collect();
    let runs = entries
        .iter()
        .zip(&summaries)
        .map(|(e, s)| ComparedRun { key: e.key.clone(), kind: e.kind, model: s.model.clone(), at: e.at.clone(), data: e.data.clone() })
        .collect();
    Comparison { runs, params, metrics }
}

/// The index of the highest finite value, the first among ties.
fn best_of(values: &[Option<f64>]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            if best.is_none_or(|(_, b)| v > b) {
                best = Some((i, v));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// A run's settings as dotted paths: the spec's leaves without its data and test uses, the
/// model's from the summary (so a search shows its best parameters).
fn settings(entry: &Entry, summary: &Summary) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    if let Value::Object(spec) = &filled(&entry.spec) {
        for (k, v) in spec.iter().filter(|(k, _)| !matches!(k.as_str(), "data" | "test_uses" | "model")) {
            leaves(k, v, &mut out);
        }
    }
    out.insert("model.kind".into(), Value::String(summary.model.clone()));
    for (k, v) in &summary.params {
        leaves(&format!("model.{k}"), v, &mut out);
    }
    out
}

/// The spec with its defaults written out, so a setting left implicit in one run and written
/// in another is not a difference; a spec this core cannot read stays as it is.
fn filled(spec: &Value) -> Value {
    serde_json::from_value::<Spec>(spec.clone()).ok().and_then(|s| serde_json::to_value(s).ok()).unwrap_or_else(|| spec.clone())
}

fn leaves(path: &str, value: &Value, out: &mut BTreeMap<String, Value>) {
    match value {
        Value::Object(map) if !map.is_empty() => map.iter().for_each(|(k, v)| leaves(&format!("{path}.{k}"), v, out)),
        other => {
            out.insert(path.to_string(), other.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn notes_are_joined_once() {
        assert_eq!(joined_notes("a", ""), "a");
        assert_eq!(joined_notes("", "b"), "b");
        assert_eq!(joined_notes("ab", "b"), "ab");
        assert_eq!(joined_notes("a", "b"), "a\nb");
    }

    #[test]
    fn best_is_the_first_highest_finite_value() {
        assert_eq!(best_of(&[None, Some(0.5), Some(f64::NAN), Some(0.7), Some(0.7)]), Some(3));
        assert_eq!(best_of(&[None]), None);
    }

    #[test]
    fn leaves_flatten_objects_and_keep_arrays() {
        let mut out = BTreeMap::new();
        leaves("split", &json!({ "seed": 1, "sizes": [1, 2] }), &mut out);
        assert_eq!(out.get("split.seed"), Some(&json!(1)));
        assert_eq!(out.get("split.sizes"), Some(&json!([1, 2])));
    }
}
