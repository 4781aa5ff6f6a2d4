//! Production: the spec's whole pipeline refitted on every labelled row (the split is ignored:
//! its parts have done their job of measuring), written to a JSON model file, read back and
//! used to score new rows.
//!
//! Prediction decisions:
//! - the recipe's row steps (drop rows, drop where) are not replayed: a row handed over to be
//!   predicted always gets an answer; its column steps need not be either (only the features are
//!   read), but its fills are, frozen at the values they took on the training file
//!   (`recipe::frozen_fills`), so a median fill does not become the new rows' median;
//! - a feature column missing from the new table is an `UnknownColumn` error naming it; a text
//!   value in a numeric feature is `NotNumeric`; extra columns (the target, an ID) are ignored;
//! - an unseen category encodes as all zeros, as the encoder does (scikit-learn's
//!   `handle_unknown='ignore'`);
//! - a text column cut into words (`spec.text`) is cut with the vocabulary frozen at the refit:
//!   a new word is ignored (counts, tf-idf) or the unknown index 1 (sequence), never learnt;
//! - a missing value takes the fitted imputer's fill, or is a `MissingValue` error naming its
//!   row and column when the spec says `impute: drop_rows` (nothing was learnt to fill it).

use serde::{Deserialize, Serialize};

use super::cv::fit_on;
use super::run::{features, learnable, target, Matrix, Preparation};
use super::spec::{fnv1a, Spec};
use crate::data::write::to_csv;
use crate::data::{read, Cell, Column, DType, ReadOptions, Table, Values};
use crate::error::{Error, ModelFile, Result};
use crate::learn::Model;
use crate::prep::features::Impute;
use crate::prep::recipe::{apply, frozen_fills, Step};

/// The file format's name and version: a reader refuses anything else.
pub const FORMAT: &str = "atelier-model";
pub const VERSION: u32 = 1;

/// A column the model reads, as the prediction form shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub name: String,
    pub kind: InputKind,
    /// The categories learnt (sorted), for a category input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Number,
    Category,
    /// Free text, cut into words (`spec.text`).
    Text,
}

/// The refitted pipeline; its serde form is the model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Production {
    format: String,
    version: u32,
    /// The spec it was fitted with, without its data.
    spec: Spec,
    target: String,
    classes: Vec<String>,
    positive: String,
    threshold: f64,
    inputs: Vec<Input>,
    /// The recipe's fills, frozen at their training values.
    fills: Vec<Step>,
    /// The class predicted below the threshold when the model gives no per-class probability
    /// (it was fitted positive-vs-rest): the most frequent other class of the learnt rows.
    rest: String,
    preparation: Preparation,
    model: Model,
    /// FNV-1a of the canonical JSON of every other field, hexadecimal.
    checksum: String,
}

/// Scores of new rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    pub classes: Vec<String>,
    pub positive: String,
    /// The positive class's score per row, as `Model::scores` gives it (a probability, or the
    /// SVM's decision function).
    pub probabilities: Vec<f64>,
    /// The class at the threshold: the positive one if score ≥ threshold, else the most likely
    /// other class (or `rest` for a positive-vs-rest model).
    pub predicted: Vec<String>,
}

impl Production {
    /// Refits the spec's pipeline on every labelled row of `loaded` (before cleaning): recipe,
    /// target and features as a run resolves them, preparation, resampling and model as the
    /// final test refits them (`cv::fit_on`).
    pub fn fit(spec: &Spec, loaded: &Table) -> Result<Production> {
        let cleaned = apply(loaded, &spec.clean)?;
        let table = &cleaned.table;
        let target = target(table, spec)?;
        let features = features(table, spec, &target.name)?;
        let (_, rows) = learnable(table, spec, &features, &target)?;
        let (preparation, x) = Preparation::fit(table, &features, &rows, spec)?;
        let learn = Matrix { x, y: rows.iter().map(|&r| target.index[r]).collect(), rows };
        let model = fit_on(spec, &learn, &target.classes, target.positive)?;
        let inputs = inputs_of(&preparation);
        let mut production = Production {
            format: FORMAT.into(),
            version: VERSION,
            spec: Spec { data: None, ..spec.clone() },
            rest: rest(&learn.y, &target.classes, target.positive),
            positive: target.classes[target.positive].clone(),
            target: target.name,
            classes: target.classes,
            threshold: spec.threshold(),
            inputs,
            fills: frozen_fills(loaded, &spec.clean)?,
            preparation,
            model,
            checksum: String::new(),
        };
        production.checksum = production.digest();
        Ok(production)
    }

    /// The model file: compact JSON, every number written so it reads back bit for bit.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a model file. Refuses (`Error::BadModel`) what is not an Atelier model, another
    /// version, and a file whose content no longer matches its checksum or does not hold
    /// together (edited by hand, damaged). Never panics, whatever the text.
    pub fn from_json(text: &str) -> Result<Production> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|_| Error::BadModel(ModelFile::NotAModel))?;
        if value.get("format").and_then(serde_json::Value::as_str) != Some(FORMAT) {
            return Err(Error::BadModel(ModelFile::NotAModel));
        }
        let version = value.get("version").cloned().unwrap_or_default();
        if version.as_u64() != Some(u64::from(VERSION)) {
            return Err(Error::BadModel(ModelFile::Version { found: version.to_string(), expected: VERSION }));
        }
        let modified = Error::BadModel(ModelFile::Modified);
        let production: Production = serde_json::from_value(value).map_err(|_| modified.clone())?;
        if production.checksum != production.digest() || !production.holds_together() {
            return Err(modified);
        }
        Ok(production)
    }

    /// FNV-1a of the JSON of every field but the checksum, written from the typed value (so a
    /// file re-indented, or whose `1.0` a JavaScript round trip wrote `1`, keeps its checksum;
    /// JavaScript also writes `-0` as `0`, so zeros are counted unsigned).
    fn digest(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(fields) = value.as_object_mut() {
            fields.remove("checksum");
        }
        format!("{:016x}", fnv1a(unsigned_zeros(value).to_string().as_bytes()))
    }

    /// The parts agree with each other, so predicting cannot index out of range.
    fn holds_together(&self) -> bool {
        let width = self.preparation.encoder.names().len();
        let scaler = &self.preparation.scaler;
        self.classes.len() >= 2
            && self.classes.contains(&self.positive)
            && self.classes.contains(&self.rest)
            && self.inputs == inputs_of(&self.preparation)
            && scaler.center.len() == width
            && scaler.scale.len() == width
            && self.model.fits(width, self.classes.len())
    }

    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    pub fn target(&self) -> &str {
        &self.target
    }

    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    pub fn positive(&self) -> &str {
        &self.positive
    }

    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    pub fn spec(&self) -> &Spec {
        &self.spec
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Scores every row of `new` (see the module doc for what is and is not replayed).
    pub fn predict(&self, new: &Table) -> Result<Prediction> {
        check_inputs(&self.inputs, new)?;
        let fills: Vec<Step> = self.fills.iter().filter(|s| matches!(s, Step::FillMissing { column, .. } if new.column(column).is_ok())).cloned().collect();
        let filled = apply(new, &fills)?.table;
        if self.spec.impute == Impute::DropRows {
            self.check_complete(&filled)?;
        }
        let rows: Vec<usize> = (0..filled.num_rows()).collect();
        let x = self.preparation.transform(&filled, &rows);
        let positive = self.classes.iter().position(|c| *c == self.positive).unwrap_or(0);
        let probabilities = self.model.scores(x.view(), positive);
        let others = self.model.class_probabilities(x.view());
        let predicted = probabilities
            .iter()
            .enumerate()
            .map(|(i, &score)| match (&others, score >= self.threshold) {
                (_, true) => self.positive.clone(),
                (Some(p), false) => most_likely_other(p.row(i).as_slice().unwrap_or(&[]), positive).map_or(self.rest.clone(), |k| self.classes[k].clone()),
                (None, false) => self.rest.clone(),
            })
            .collect();
        Ok(Prediction { classes: self.classes.clone(), positive: self.positive.clone(), probabilities, predicted })
    }

    /// Reads a file to predict (CSV or JSON bytes, read as every input is) and scores it;
    /// gives the table read too.
    pub fn predict_bytes(&self, bytes: Vec<u8>) -> Result<(Table, Prediction)> {
        let table = read(bytes, &ReadOptions::default())?.table;
        let prediction = self.predict(&table)?;
        Ok((table, prediction))
    }

    /// `new` with its scores appended as two columns, `probability` and `predicted` (replacing
    /// columns of those names), as CSV: the batch download.
    pub fn scored_csv(&self, new: &Table, prediction: Prediction) -> String {
        let names = ["probability".to_string(), "predicted".to_string()];
        let mut columns = new.without_columns(&names).columns().to_vec();
        columns.push(Column::new("probability", Values::Float(prediction.probabilities)));
        columns.push(Column::new("predicted", Values::Text(prediction.predicted.into_iter().map(Some).collect())));
        to_csv(&Table::new(columns))
    }

    /// No input missing in any row (with `impute: drop_rows`, nothing can fill it).
    fn check_complete(&self, table: &Table) -> Result<()> {
        for row in 0..table.num_rows() {
            for input in &self.inputs {
                if table.column(&input.name)?.is_missing(row) {
                    return Err(Error::MissingValue { row: row + 1, column: input.name.clone() });
                }
            }
        }
        Ok(())
    }
}

fn unsigned_zeros(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.as_f64() == Some(0.0) && n.is_f64() => Value::from(0.0),
        Value::Array(items) => Value::Array(items.into_iter().map(unsigned_zeros).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, unsigned_zeros(v))).collect()),
        other => other,
    }
}

/// Every input is a column of `new`, and a number input holds numbers (or nothing): the rows to
/// predict, or the final test's other file.
pub(super) fn check_inputs(inputs: &[Input], new: &Table) -> Result<()> {
    for input in inputs {
        let column = new.column(&input.name)?;
        let text = (0..column.len()).any(|r| matches!(column.cell(r), Cell::Text(_)));
        if input.kind == InputKind::Number && column.dtype() == DType::Text && text {
            return Err(Error::NotNumeric { column: input.name.clone() });
        }
    }
    Ok(())
}

pub(super) fn inputs_of(preparation: &Preparation) -> Vec<Input> {
    let texts: Vec<&str> = preparation.encoder.texts().iter().map(|t| t.name.as_str()).collect();
    let input = |(name, categories): (String, Option<Vec<String>>)| Input {
        kind: match &categories {
            Some(_) => InputKind::Category,
            None if texts.contains(&name.as_str()) => InputKind::Text,
            None => InputKind::Number,
        },
        name,
        categories,
    };
    preparation.encoder.features().into_iter().map(input).collect()
}

/// The most frequent class of `y` other than `positive` (the first among ties).
fn rest(y: &[usize], classes: &[String], positive: usize) -> String {
    let mut counts = vec![0usize; classes.len()];
    y.iter().filter(|&&k| k < classes.len()).for_each(|&k| counts[k] += 1);
    let other = (0..classes.len()).filter(|&k| k != positive).max_by_key(|&k| (counts[k], std::cmp::Reverse(k)));
    other.map_or_else(String::new, |k| classes[k].clone())
}

/// The class with the highest probability other than `positive` (the first among ties).
fn most_likely_other(probabilities: &[f64], positive: usize) -> Option<usize> {
    let others = probabilities.iter().enumerate().filter(|&(k, _)| k != positive);
    others.fold(None, |best: Option<(usize, f64)>, (k, &p)| match best {
        Some((_, q)) if q >= p => best,
        _ => Some((k, p)),
    }).map(|(k, _)| k)
}
