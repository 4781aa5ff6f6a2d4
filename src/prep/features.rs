//! The features matrix: numeric columns with their gaps filled, text columns one-hot encoded,
//! both learnt on the training rows only. Uses `data`, `explore` and `recipe::most_frequent`.
//!
//! As scikit-learn's `SimpleImputer` then `OneHotEncoder(handle_unknown='ignore')`:
//! - a numeric column's missing values take the training rows' median, mean or most frequent
//!   value (the smallest among ties); the median interpolates as numpy (`explore::quantile`),
//!   which may differ from numpy's `(a + b) / 2` in the last bit, and the mean sums in lanes
//!   (`explore::describe::mean_std`) where numpy sums pairwise, a few ulps apart;
//! - a numeric column with no value in the training rows is an error, where `SimpleImputer`
//!   drops the column with a warning: a silently missing feature would puzzle a student;
//! - a text column becomes one 0/1 column per category seen in the training rows, sorted by code
//!   point as `OneHotEncoder`'s categories; a category never seen there encodes as all zeros;
//! - a missing text value is all zeros too, except with `most_frequent`, where it takes the
//!   training rows' most frequent category (sklearn's `SimpleImputer(strategy='most_frequent')`
//!   before the encoder), so it is counted in that category's column; `OneHotEncoder` would
//!   make missing a category of its own when the training rows have one;
//! - with `drop_rows` the caller has already kept only `complete_rows`, so nothing is learnt;
//!   a missing value met anyway (a caller's bug) becomes 0 rather than a panic.
//!
//! Integer and float columns are numeric, text columns are one-hot encoded, whatever they hold,
//! unless `spec.text` names them: those are cut into words (`prep::text`), never scaled.

use ndarray::{Array2, Axis};
use serde::{Deserialize, Serialize};

use super::recipe::most_frequent;
use super::text::{TextFeature, TextMode, TextSpec};
use crate::data::{Cell, Column, DType, Table};
use crate::error::{Error, Result};
use crate::explore::describe::mean_std;
use crate::explore::quantile::median;
use crate::explore::{value_counts, Scalar};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impute { #[default] Median, Mean, MostFrequent, DropRows }

/// What was learnt on the training rows: each numeric feature's fill value, each text
/// feature's categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encoder {
    features: Vec<Feature>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Feature {
    /// One output column; `fill` replaces a missing value (`None` with `drop_rows`).
    Numeric { name: String, fill: Option<f64> },
    /// One 0/1 output column per category (sorted); `fill` is the category a missing value takes.
    OneHot { name: String, categories: Vec<String>, fill: Option<String> },
    /// A text column cut into words: word counts, tf-idf or a sequence of word indices.
    Text(TextFeature),
}

impl Encoder {
    /// Learns from the training `rows` of `table`.
    ///
    /// Errors: a name that is not a column (`UnknownColumn`), no feature (`NoFeatures`), a
    /// numeric feature with no value in the training rows (`NoTrainingValue`), unless `impute`
    /// is `drop_rows`; an infinite value in the training rows (`Infinite`).
    pub fn fit(table: &Table, features: &[String], rows: &[usize], impute: Impute) -> Result<Encoder> {
        Encoder::fit_with_text(table, features, rows, impute, None)
    }

    /// As `fit`, the columns `text` names cut into words (`TextSpec::check`'s errors first).
    pub fn fit_with_text(table: &Table, features: &[String], rows: &[usize], impute: Impute, text: Option<&TextSpec>) -> Result<Encoder> {
        if features.is_empty() {
            return Err(Error::NoFeatures);
        }
        if let Some(spec) = text {
            spec.check(table, features)?;
        }
        let learn_one = |name: &String| -> Result<Feature> {
            let column = table.column(name)?;
            match text.filter(|t| t.columns.contains(name)) {
                Some(spec) => Ok(Feature::Text(TextFeature::fit(column, rows, spec)?)),
                None => learn(column, rows, impute),
            }
        };
        let features = features.iter().map(learn_one).collect::<Result<_>>()?;
        Ok(Encoder { features })
    }

    /// The text features, in order.
    pub fn texts(&self) -> Vec<&TextFeature> {
        self.features.iter().filter_map(|f| if let Feature::Text(t) = f { Some(t) } else { None }).collect()
    }

    /// The text features encoded one column per word (counts, tf-idf), each with the position
    /// of its first output column.
    pub fn word_columns(&self) -> Vec<(usize, &TextFeature)> {
        let offsets = self.features.iter().scan(0, |at, f| {
            let start = *at;
            *at += f.width();
            Some(start)
        });
        offsets
            .zip(&self.features)
            .filter_map(|(offset, f)| match f {
                Feature::Text(t) if t.mode != TextMode::Sequence => Some((offset, t)),
                _ => None,
            })
            .collect()
    }

    /// Output column names: `Age` for a numeric feature, `sexe=F` for a one-hot column.
    pub fn names(&self) -> Vec<String> {
        self.features.iter().flat_map(Feature::names).collect()
    }

    /// Which output columns are numeric (scaled); one-hot columns stay 0/1.
    pub fn numeric(&self) -> Vec<bool> {
        let numeric = |f: &Feature| vec![matches!(f, Feature::Numeric { .. }); f.width()];
        self.features.iter().flat_map(numeric).collect()
    }

    /// The `rows` of `table` as a matrix (missing values filled, text one-hot encoded or cut
    /// into words).
    ///
    /// A feature column absent from `table`, or a row past its end, reads as missing.
    pub fn transform(&self, table: &Table, rows: &[usize]) -> Array2<f64> {
        let columns: Vec<Option<&Column>> = self.features.iter().map(|f| table.column(f.name()).ok()).collect();
        let lookups: Vec<Option<_>> = self.features.iter().map(|f| if let Feature::Text(t) = f { Some(t.lookup()) } else { None }).collect();
        let mut x = Array2::zeros((rows.len(), self.features.iter().map(Feature::width).sum()));
        for (mut out, &row) in x.axis_iter_mut(Axis(0)).zip(rows) {
            let mut offset = 0;
            for ((feature, column), lookup) in self.features.iter().zip(&columns).zip(&lookups) {
                let value = column.map_or(Cell::Missing, |c| cell(c, row));
                match (feature, lookup, out.as_slice_mut()) {
                    (Feature::Text(t), Some(lookup), Some(out)) => t.encode(value, lookup, &mut out[offset..offset + t.width()]),
                    _ => {
                        if let Some((k, value)) = feature.hot(value) {
                            out[offset + k] = value;
                        }
                    }
                }
                offset += feature.width();
            }
        }
        x
    }

    /// Each numeric feature's fill value, for the report (none with `drop_rows`).
    pub fn fills(&self) -> Vec<(String, f64)> {
        let fill = |f: &Feature| match f {
            Feature::Numeric { name, fill: Some(v) } => Some((name.clone(), *v)),
            _ => None,
        };
        self.features.iter().filter_map(fill).collect()
    }

    /// Each text feature's category for a missing value (with `most_frequent` only).
    pub fn category_fills(&self) -> Vec<(String, String)> {
        let fill = |f: &Feature| match f {
            Feature::OneHot { name, fill: Some(c), .. } => Some((name.clone(), c.clone())),
            _ => None,
        };
        self.features.iter().filter_map(fill).collect()
    }

    /// Every feature in order: its name, and its categories when it is one-hot encoded (None:
    /// numeric or cut into words, which `texts` tells apart).
    pub fn features(&self) -> Vec<(String, Option<Vec<String>>)> {
        let feature = |f: &Feature| match f {
            Feature::Numeric { name, .. } => (name.clone(), None),
            Feature::OneHot { name, categories, .. } => (name.clone(), Some(categories.clone())),
            Feature::Text(t) => (t.name.clone(), None),
        };
        self.features.iter().map(feature).collect()
    }

    /// Each text feature's categories learnt on the training rows, sorted.
    pub fn categories(&self) -> Vec<(String, Vec<String>)> {
        let categories = |f: &Feature| match f {
            Feature::OneHot { name, categories, .. } => Some((name.clone(), categories.clone())),
            Feature::Numeric { .. } | Feature::Text(_) => None,
        };
        self.features.iter().filter_map(categories).collect()
    }
}

impl Feature {
    fn name(&self) -> &str {
        match self {
            Feature::Numeric { name, .. } | Feature::OneHot { name, .. } => name,
            Feature::Text(t) => &t.name,
        }
    }

    fn width(&self) -> usize {
        match self {
            Feature::Numeric { .. } => 1,
            Feature::OneHot { categories, .. } => categories.len(),
            Feature::Text(t) => t.width(),
        }
    }

    fn names(&self) -> Vec<String> {
        match self {
            Feature::Numeric { name, .. } => vec![name.clone()],
            Feature::OneHot { name, categories, .. } => categories.iter().map(|c| format!("{name}={c}")).collect(),
            Feature::Text(t) => t.names(),
        }
    }

    /// The one output column (among this feature's) that `cell` sets, with its value; `None`
    /// leaves them all 0 (an unseen or missing category).
    fn hot(&self, cell: Cell<'_>) -> Option<(usize, f64)> {
        match self {
            Feature::Numeric { fill, .. } => Some((0, number(cell).or(*fill).unwrap_or(0.0))),
            Feature::OneHot { categories, fill, .. } => {
                let text = match cell {
                    Cell::Text(s) => s,
                    Cell::Missing => fill.as_deref()?,
                    Cell::Integer(_) | Cell::Float(_) => return None,
                };
                categories.binary_search_by(|c| c.as_str().cmp(text)).ok().map(|k| (k, 1.0))
            }
            // Encoded by `TextFeature::encode`, several columns at once.
            Feature::Text(_) => None,
        }
    }
}

fn number(cell: Cell<'_>) -> Option<f64> {
    match cell {
        Cell::Integer(i) => Some(i as f64),
        Cell::Float(x) => Some(x),
        Cell::Text(_) | Cell::Missing => None,
    }
}

/// The cell, or missing for a row past the column's end (a caller's bug, never a panic).
fn cell(column: &Column, row: usize) -> Cell<'_> {
    if row < column.len() { column.cell(row) } else { Cell::Missing }
}

/// What one feature learns from its training rows.
fn learn(column: &Column, rows: &[usize], impute: Impute) -> Result<Feature> {
    let in_range: Vec<usize> = rows.iter().copied().filter(|&r| r < column.len()).collect();
    // An infinity would reach the scaler and the model as inf and NaN: refused where it is, as
    // scikit-learn refuses it ("Input X contains infinity").
    if let Some(&r) = in_range.iter().filter(|&&r| matches!(column.cell(r), Cell::Float(x) if x.is_infinite())).min() {
        return Err(Error::Infinite { column: column.name.clone(), row: r + 1 });
    }
    let training = column.take(&in_range);
    match column.dtype() {
        DType::Text => Ok(one_hot(&training, impute)),
        DType::Integer | DType::Float => numeric(&training, impute),
    }
}

fn numeric(training: &Column, impute: Impute) -> Result<Feature> {
    let mut known = training.numbers().unwrap_or_default();
    if known.is_empty() && impute != Impute::DropRows {
        return Err(Error::NoTrainingValue { column: training.name.clone() });
    }
    let fill = match impute {
        Impute::Median => Some(median(&mut known)),
        Impute::Mean => Some(mean_std(&known).0),
        Impute::MostFrequent => most_frequent(training).map(|v| v.number()),
        Impute::DropRows => None,
    };
    Ok(Feature::Numeric { name: training.name.clone(), fill })
}

fn one_hot(training: &Column, impute: Impute) -> Feature {
    let text = |v: Scalar| match v {
        Scalar::Text(s) => Some(s),
        _ => None,
    };
    let mut categories: Vec<String> = value_counts(training, true).into_iter().filter_map(|v| text(v.value)).collect();
    categories.sort_unstable();
    let fill = if impute == Impute::MostFrequent { most_frequent(training).and_then(text) } else { None };
    Feature::OneHot { name: training.name.clone(), categories, fill }
}

/// The `rows` with no missing value in any of `features` (for `impute: drop_rows`).
pub fn complete_rows(table: &Table, features: &[String], rows: &[usize]) -> Result<Vec<usize>> {
    let columns = features.iter().map(|name| table.column(name)).collect::<Result<Vec<_>>>()?;
    let complete = |&row: &usize| columns.iter().all(|c| !matches!(cell(c, row), Cell::Missing));
    Ok(rows.iter().copied().filter(complete).collect())
}
