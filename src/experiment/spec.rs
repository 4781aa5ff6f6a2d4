//! The spec: everything a run depends on, as one serde value. Its canonical form (the struct
//! serialised with every default filled in, keys sorted at every level, numbers in one
//! spelling) and the data's fingerprint (bytes and dialect) make the run's key, `spec_hash`,
//! which is also the journal's key.

use serde::{Deserialize, Serialize};

use crate::data::Dialect;
use crate::error::{Error, Need, Result};
use super::final_test::TestUse;
use super::search::SearchSpec;
use crate::explore::Scalar;
use crate::learn::layers::NetworkParams;
use crate::learn::ModelSpec;
use crate::prep::features::Impute;
use crate::prep::folds::CvSpec;
use crate::prep::recipe::Step;
use crate::prep::resample::ResampleSpec;
use crate::prep::scale::ScaleKind;
use crate::prep::split::SplitSpec;
use crate::prep::text::{TextMode, TextSpec};

/// Where the data comes from: `{ "text": "<csv>" }` or `{ "builtin": "iris" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataRef {
    Text(String),
    Builtin(String),
}

impl DataRef {
    /// The text's bytes, or the built-in set's file as `builtin` gives it; `field` names the
    /// spec's field in the error for an unknown id.
    fn bytes(&self, field: &str, builtin: impl FnOnce(&str) -> Result<Vec<u8>>) -> Result<Vec<u8>> {
        match self {
            DataRef::Text(text) => Ok(text.as_bytes().to_vec()),
            DataRef::Builtin(id) => {
                let known = crate::data::datasets::built_in(id).ok_or_else(|| Error::BadParam {
                    field: format!("{field}.builtin"),
                    value: id.clone(),
                    need: Need::OneOf(crate::data::datasets::BUILT_IN.iter().map(|d| d.id.to_string()).collect()),
                })?;
                builtin(known.file)
            }
        }
    }

    /// What the canonical spec keeps of a test file: a built-in set's id, a text's FNV-1a (16
    /// hex digits) rather than the whole file.
    fn canonical(&self) -> DataRef {
        match self {
            DataRef::Text(text) => DataRef::Text(format!("fnv1a:{:016x}", fnv1a(text.as_bytes()))),
            builtin => builtin.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Spec {
    /// None when the caller hands the table over itself (the page's worker holds it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<DataRef>,
    /// The cleaning recipe, replayed on the loaded table first.
    pub clean: Vec<Step>,
    /// None: the guessed class column.
    pub target: Option<String>,
    /// The positive class as written in the file (`"1"`, `"malignant"`); a number is read as
    /// its text. None: the class `1` if there is one, else the smallest class.
    pub positive: Option<Scalar>,
    /// None: every column but the target and the ID column.
    pub features: Option<Vec<String>>,
    /// Text features cut into words (counts, tf-idf or word sequences) instead of one-hot
    /// encoded as categories. None: every text feature is a category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<TextSpec>,
    pub split: SplitSpec,
    pub impute: Impute,
    pub scale: ScaleKind,
    pub resample: ResampleSpec,
    pub model: ModelSpec,
    /// Positive iff score ≥ threshold. None: 0.5 for a probability, 0 for the SVM's decision
    /// function.
    pub threshold: Option<f64>,
    /// Cross-validation of the whole pipeline on the training and validation rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cv: Option<CvSpec>,
    /// A hyperparameter search over the model's parameters, scored by cross-validation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchSpec>,
    /// The final test: refit on train + validation, score the test rows once.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub evaluate_test: bool,
    /// The final test on another file instead of the held-out test rows (`{ "builtin":
    /// "sourire_test" }` or `{ "text": "<csv>" }`): the same recipe and the preparation learnt
    /// on train + validation, frozen (`final_test`). Read only with `evaluate_test`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_data: Option<DataRef>,
    /// The earlier evaluations of the test rows, oldest first, which the page and the journal
    /// keep (the core remembers nothing). History, not the experiment: left out of the hash.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub test_uses: Vec<TestUse>,
}

impl Spec {
    /// Reads a spec from JSON; an unknown field or a wrong type is a `bad_spec` error naming
    /// the field and the place serde found it.
    pub fn from_json(text: &str) -> Result<Spec> {
        serde_json::from_str(text).map_err(|e| Error::BadSpec { detail: e.to_string() })
    }

    /// The model as it trains: an embedding layer without `vocabulary` takes the sequences'
    /// `max_words + 2` (0 padding, 1 unknown, then the words), every index a text column can
    /// hold whichever rows its vocabulary was learnt on (a fold's, train + validation's).
    /// Without sequences, the largest index of the training rows plus one.
    pub fn trained_model(&self) -> ModelSpec {
        match (&self.model, &self.text) {
            (ModelSpec::Network(p), Some(text)) if text.mode == TextMode::Sequence && !text.columns.is_empty() => {
                let layers = crate::learn::layers::with_vocabulary(&p.layers, text.max_words.saturating_add(2));
                ModelSpec::Network(NetworkParams { layers, ..p.clone() })
            }
            (model, _) => model.clone(),
        }
    }

    /// The threshold the metrics use.
    pub fn threshold(&self) -> f64 {
        self.threshold.unwrap_or(if self.model.gives_probability() { 0.5 } else { 0.0 })
    }

    /// The bytes to read: the spec's text, or a built-in data set's file that `builtin` gives
    /// (natively from `www/data`, in the browser by fetch).
    pub fn data_bytes(&self, builtin: impl FnOnce(&str) -> Result<Vec<u8>>) -> Result<Vec<u8>> {
        match &self.data {
            Some(data) => data.bytes("data", builtin),
            None => Err(Error::BadSpec { detail: "no data: give { \"text\": \"<csv>\" } or { \"builtin\": \"iris\" }".into() }),
        }
    }

    /// The bytes of the file the final test runs on instead of the held-out rows: None without
    /// `evaluate_test` or without `test_data`.
    pub fn test_data_bytes(&self, builtin: impl FnOnce(&str) -> Result<Vec<u8>>) -> Result<Option<Vec<u8>>> {
        match &self.test_data {
            Some(data) if self.evaluate_test => data.bytes("test_data", builtin).map(Some),
            _ => Ok(None),
        }
    }

    /// The canonical text of the experiment: the spec serialised with every default filled in,
    /// the keys of every object sorted, whole numbers written as integers, and without its data
    /// (which enters the key through its fingerprint, so a built-in data set and the same bytes
    /// pasted as text agree) nor its earlier test uses (history, not the experiment). A test
    /// file (`test_data`, with `evaluate_test` only) is kept by its built-in id or its text's
    /// FNV-1a.
    pub fn canonical_json(&self) -> String {
        let test_data = self.test_data.as_ref().filter(|_| self.evaluate_test).map(DataRef::canonical);
        let bare = Spec { data: None, test_uses: Vec::new(), test_data, ..self.clone() };
        canonical(serde_json::to_value(bare).unwrap_or_default()).to_string()
    }

    /// The run's key, 16 hex digits: FNV-1a of the canonical text, a newline, and the data's
    /// fingerprint in 16 hex digits. The same experiment keeps its key however often it was tested.
    pub fn hash(&self, data_fingerprint: u64) -> String {
        let text = format!("{}\n{data_fingerprint:016x}", self.canonical_json());
        format!("{:016x}", fnv1a(text.as_bytes()))
    }
}

/// The data's fingerprint: FNV-1a of the loaded bytes, then of the dialect they were read with
/// (format, delimiter, decimal, encoding, sheet), so the same bytes read with another delimiter
/// are other data. `bytes_hash` is `fnv1a(bytes)`: the reader keeps it, not the bytes.
pub fn data_fingerprint(bytes_hash: u64, dialect: &Dialect) -> u64 {
    let parts = [Some(dialect.format), dialect.delimiter.as_deref(), dialect.decimal.as_deref(), dialect.encoding, dialect.sheet.as_deref()];
    let text: String = parts.iter().map(|p| format!("\u{0}{}", p.unwrap_or("-"))).collect();
    fnv1a_from(bytes_hash, text.as_bytes())
}

/// The spec as JSON in one spelling: every object's keys sorted (serde_json keeps the user's
/// order of a search space's or a condition's map), every whole number written as an integer
/// (JavaScript cannot tell `2.0` from `2`, so a condition's `2.0` from Rust and its `2` from
/// the page are one spec).
fn canonical(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(x) if n.is_f64() && x.fract() == 0.0 && x.abs() < 9.0e15 => Value::from(x as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, canonical(v))).collect())
        }
        other => other,
    }
}

/// FNV-1a, 64 bits: a stable, dependency-free fingerprint (not a cryptographic hash: the key
/// only has to tell a student's experiments apart).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(0xcbf2_9ce4_8422_2325, bytes)
}

/// FNV-1a carried on from an earlier hash: `fnv1a_from(fnv1a(a), b) == fnv1a(a ++ b)`.
pub fn fnv1a_from(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_example_reads_with_every_field() {
        let s = Spec::from_json(r#"{ "data": { "builtin": "iris" }, "clean": [], "target": "species", "positive": "virginica",
            "features": ["petal length (cm)"], "split": { "test": 0.2, "validation": 0.2, "stratify": true, "seed": 42 },
            "impute": "median", "scale": "robust", "resample": { "kind": "smote", "k": 3, "seed": 1 },
            "model": { "kind": "knn", "n_neighbors": 7 }, "threshold": 0.4 }"#).unwrap();
        assert_eq!(s.data, Some(DataRef::Builtin("iris".into())));
        assert_eq!((s.scale, s.resample.k, s.threshold()), (ScaleKind::Robust, 3, 0.4));
        assert!(matches!(s.model, ModelSpec::Knn(ref p) if p.n_neighbors == 7));
    }

    #[test]
    fn omitted_fields_take_the_defaults() {
        let s = Spec::from_json("{}").unwrap();
        assert_eq!(s, Spec::default());
        assert_eq!((s.split.test, s.split.seed, s.threshold()), (0.2, 42, 0.5));
    }

    #[test]
    fn unknown_field_is_a_named_error() {
        let e = Spec::from_json(r#"{ "modle": {} }"#).unwrap_err();
        assert_eq!(e.code(), "bad_spec");
        assert!(e.message(crate::Lang::En).contains("modle"));
        let e = Spec::from_json(r#"{ "model": { "kind": "logistic_regression", "c": 2 } }"#).unwrap_err();
        assert!(e.message(crate::Lang::En).contains("`c`"), "{}", e.message(crate::Lang::En));
    }

    #[test]
    fn svm_threshold_defaults_to_zero() {
        let s = Spec::from_json(r#"{ "model": { "kind": "linear_svm", "C": 0.5 } }"#).unwrap();
        assert_eq!(s.threshold(), 0.0);
    }

    #[test]
    fn hash_ignores_where_the_data_came_from_but_not_the_spec() {
        let a = Spec { data: Some(DataRef::Builtin("iris".into())), ..Spec::default() };
        let b = Spec { data: Some(DataRef::Text("x".into())), ..Spec::default() };
        assert_eq!(a.hash(7), b.hash(7));
        assert_ne!(a.hash(7), a.hash(8));
        assert_ne!(a.hash(7), Spec { threshold: Some(0.3), ..a.clone() }.hash(7));
    }

    #[test]
    fn a_test_file_enters_the_hash_by_its_id_or_its_texts_fnv1a() {
        let held_out = Spec { evaluate_test: true, ..Spec::default() };
        let builtin = Spec { test_data: Some(DataRef::Builtin("sourire_test".into())), ..held_out.clone() };
        let text = Spec { test_data: Some(DataRef::Text("a,b\n1,2\n".into())), ..held_out.clone() };
        assert_ne!(held_out.hash(7), builtin.hash(7));
        assert_ne!(builtin.hash(7), text.hash(7));
        let canonical = text.canonical_json();
        assert!(canonical.contains(&format!("fnv1a:{:016x}", fnv1a(b"a,b\n1,2\n"))) && !canonical.contains("a,b"), "{canonical}");
        // Without the final test the file is never read: not part of the experiment.
        let unused = Spec { evaluate_test: false, ..builtin };
        assert_eq!(unused.hash(7), Spec::default().hash(7));
        assert_eq!(unused.test_data_bytes(|_| unreachable!()).unwrap(), None);
    }

    #[test]
    fn hash_reads_two_and_two_point_zero_as_one_number() {
        let whole = Spec::from_json(r#"{ "clean": [{ "op": "drop_where", "condition": { "column": "x", "op": ">", "value": 2 } }] }"#).unwrap();
        let float = Spec::from_json(r#"{ "clean": [{ "op": "drop_where", "condition": { "column": "x", "op": ">", "value": 2.0 } }] }"#).unwrap();
        assert_ne!(whole, float);
        assert_eq!(whole.hash(0), float.hash(0));
    }
}
