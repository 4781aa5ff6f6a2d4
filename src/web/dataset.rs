//! `Dataset`: the page's `Session` (a loaded table, its cleaning recipe and the cleaned table)
//! seen from JavaScript. Each method converts values and calls the core.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{from_js, js_error, to_js};
use crate::data::{Loaded, Table};
use crate::error::{Error, Lang};
use crate::experiment::session::Session;
use crate::explore::correlation::{correlation, strong_pairs, Method};
use crate::explore::{self, Scalar};
use crate::prep::recipe::Step;

#[wasm_bindgen]
pub struct Dataset {
    session: Session,
    lang: Lang,
}

impl Dataset {
    pub(super) fn new(loaded: Loaded, fingerprint: u64, lang: Lang) -> Dataset {
        Dataset { session: Session::new(loaded, fingerprint), lang }
    }

    pub(super) fn table(&self) -> &Table {
        self.session.table()
    }

    /// The loaded file (before the recipe) and its dialect.
    #[cfg(feature = "learn")]
    pub(super) fn loaded(&self) -> &Loaded {
        self.session.loaded()
    }

    /// For the methods of steps 5 to 11 (`modelling.rs`, `parallel.rs`).
    #[cfg(feature = "learn")]
    pub(super) fn session(&self) -> &Session {
        &self.session
    }

    #[cfg(feature = "learn")]
    pub(super) fn lang(&self) -> Lang {
        self.lang
    }

    pub(super) fn fail(&self, e: Error) -> JsValue {
        js_error(&e, self.lang)
    }

    fn answer<T: Serialize>(&self, result: Result<T, Error>) -> Result<JsValue, JsValue> {
        to_js(&result.map_err(|e| self.fail(e))?)
    }
}

#[wasm_bindgen]
impl Dataset {
    #[wasm_bindgen(js_name = numRows)]
    pub fn num_rows(&self) -> usize {
        self.table().num_rows()
    }

    #[wasm_bindgen(js_name = numColumns)]
    pub fn num_columns(&self) -> usize {
        self.table().num_columns()
    }

    /// `[{ name, dtype }]` of the cleaned table.
    pub fn columns(&self) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct Col<'a> {
            name: &'a str,
            dtype: &'static str,
        }
        to_js(&self.table().columns().iter().map(|c| Col { name: &c.name, dtype: c.dtype().name() }).collect::<Vec<_>>())
    }

    pub fn dialect(&self) -> Result<JsValue, JsValue> {
        to_js(&self.session.loaded().dialect)
    }

    pub fn info(&self) -> Result<JsValue, JsValue> {
        to_js(&explore::info(self.table()))
    }

    pub fn describe(&self) -> Result<JsValue, JsValue> {
        to_js(&explore::describe(self.table()))
    }

    /// Rows `start .. start + n`, each an array of numbers, strings and nulls (missing).
    pub fn head(&self, start: usize, n: usize) -> Result<JsValue, JsValue> {
        let rows: Vec<Vec<Scalar>> = self.table().rows(start, n).into_iter().map(|r| r.into_iter().map(Scalar::from).collect()).collect();
        to_js(&rows)
    }

    /// The labels (row numbers in the loaded file, from 0) of rows `start .. start + n`.
    pub fn labels(&self, start: usize, n: usize) -> Vec<u32> {
        let index = self.session.labels();
        let end = start.saturating_add(n).min(index.len());
        index[start.min(end)..end].iter().map(|&r| r as u32).collect()
    }

    #[wasm_bindgen(js_name = valueCounts)]
    pub fn value_counts(&self, column: &str, dropna: bool) -> Result<JsValue, JsValue> {
        let col = self.table().column(column).map_err(|e| self.fail(e))?;
        to_js(&explore::value_counts(col, dropna))
    }

    /// The flags on the data; `class` names the class column (or null). `rows` are labels in
    /// the loaded file, so a recipe step can drop them.
    pub fn flags(&self, class: Option<String>) -> Result<JsValue, JsValue> {
        self.answer(self.session.flags(class.as_deref()))
    }

    #[wasm_bindgen(js_name = guessTarget)]
    pub fn guess_target(&self) -> Option<String> {
        explore::guess_target(self.table())
    }

    /// The identifier column's name, if the table has one.
    #[wasm_bindgen(js_name = idColumn)]
    pub fn id_column(&self) -> Option<String> {
        explore::identifier_column(self.table()).map(|i| self.table().columns()[i].name.clone())
    }

    /// Replaces the cleaning recipe. A recipe that cannot apply is an error, and the previous
    /// recipe stays: nothing the student did is lost.
    #[wasm_bindgen(js_name = setRecipe)]
    pub fn set_recipe(&mut self, steps: JsValue) -> Result<(), JsValue> {
        let steps: Vec<Step> = from_js(steps)?;
        self.session.set_recipe(steps).map_err(|e| self.fail(e))
    }

    /// `{ steps, pandas }`: the recipe and the pandas line of each step.
    pub fn recipe(&self) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct Recipe<'a> {
            steps: &'a [Step],
            pandas: Vec<String>,
        }
        to_js(&Recipe { steps: self.session.steps(), pandas: self.session.pandas() })
    }

    /// The cleaned table as CSV text.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> String {
        crate::data::write::to_csv(self.table())
    }

    /// `{ columns, matrix, pairs }`: `method` is `pearson` or `spearman`; pairs with
    /// `|r| ≥ threshold`, strongest first, each with a suggested column to drop.
    pub fn correlation(&self, method: &str, columns: JsValue, threshold: f64) -> Result<JsValue, JsValue> {
        let columns: Vec<String> = if columns.is_undefined() || columns.is_null() { Vec::new() } else { from_js(columns)? };
        let method = Method::parse(method).map_err(|e| self.fail(e))?;
        let c = correlation(self.table(), &columns, method).map_err(|e| self.fail(e))?;
        #[derive(Serialize)]
        struct Report<'a> {
            columns: &'a [String],
            matrix: &'a [Vec<Option<f64>>],
            pairs: Vec<explore::correlation::StrongPair>,
        }
        to_js(&Report { columns: &c.columns, matrix: &c.matrix, pairs: strong_pairs(&c, threshold) })
    }

    /// `{ edges, rule, series: [{ name, counts }] }`, one series per class when `class` is set.
    pub fn histogram(&self, column: &str, bin_count: Option<usize>, class: Option<String>) -> Result<JsValue, JsValue> {
        self.answer(self.session.histogram(column, bin_count, class.as_deref()))
    }

    /// `[{ name, q1, median, q3, whisker_low, whisker_high, outliers, count }]`, one box per
    /// class when `class` is set.
    #[wasm_bindgen(js_name = boxPlot)]
    pub fn box_plot(&self, column: &str, class: Option<String>) -> Result<JsValue, JsValue> {
        self.answer(self.session.box_plot(column, class.as_deref()))
    }

    /// Class index per row (`names.length` for a missing label) and class names.
    pub fn classes(&self, column: &str) -> Result<JsValue, JsValue> {
        self.answer(self.session.classes(column))
    }

    /// A column's numbers as a Float64Array (NaN where missing), for scatter plots.
    #[wasm_bindgen(js_name = columnNumbers)]
    pub fn column_numbers(&self, column: &str) -> Result<Vec<f64>, JsValue> {
        self.session.numbers(column).map_err(|e| self.fail(e))
    }
}
