//! `Dataset`: a loaded table, its cleaning recipe and the cleaned table every summary, chart
//! and projection reads.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::evaluation::Evaluation;
use super::runs::{TsneRun, UmapRun};
use super::{from_js, js_error, to_js};
use crate::data::{Loaded, Table};
use crate::error::{Error, Lang};
use crate::experiment::project::{self, Selection, TsneInit};
use crate::explore::classes::classes;
use crate::explore::correlation::{correlation, strong_pairs, Method};
use crate::explore::histogram::{bins, box_stats, counts};
use crate::explore::{self, Scalar};
use crate::prep::recipe::{apply, pandas_line, Cleaned, Step};
use crate::reduce::tsne::TsneParams;
use crate::reduce::umap::UmapParams;

#[wasm_bindgen]
pub struct Dataset {
    loaded: Loaded,
    steps: Vec<Step>,
    cleaned: Cleaned,
    lang: Lang,
}

impl Dataset {
    pub(super) fn new(loaded: Loaded, lang: Lang) -> Dataset {
        let cleaned = Cleaned { index: (0..loaded.table.num_rows()).collect(), table: loaded.table.clone() };
        Dataset { loaded, steps: Vec::new(), cleaned, lang }
    }

    fn table(&self) -> &Table {
        &self.cleaned.table
    }

    fn fail(&self, e: Error) -> JsValue {
        js_error(&e, self.lang)
    }

    /// The numbers of a column, NaN where missing; an error for a text column.
    fn numbers(&self, name: &str) -> Result<Vec<f64>, JsValue> {
        let c = self.table().column(name).map_err(|e| self.fail(e))?;
        if c.dtype() == crate::data::DType::Text {
            return Err(self.fail(Error::NotNumeric { column: name.into() }));
        }
        Ok(c.numbers_with_nan())
    }

    /// Class index per row and class names, from an optional class column.
    fn class_split(&self, class: Option<&str>) -> Result<Option<explore::classes::Classes>, JsValue> {
        class.map(|name| self.table().column(name).map(classes).map_err(|e| self.fail(e))).transpose()
    }
}

#[derive(Serialize)]
struct Series {
    name: String,
    counts: Vec<usize>,
}

#[derive(Serialize)]
struct Group {
    name: String,
    #[serde(flatten)]
    stats: explore::histogram::BoxStats,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProjectOptions {
    #[serde(flatten)]
    selection: Selection,
    components: Option<usize>,
    init: TsneInit,
    #[serde(flatten)]
    tsne: TsneParams,
    neighbors: Option<usize>,
    #[serde(rename = "minDist")]
    min_dist: Option<f64>,
    epochs: Option<usize>,
}

impl ProjectOptions {
    fn read(value: JsValue) -> Result<ProjectOptions, JsValue> {
        if value.is_undefined() || value.is_null() {
            return Ok(ProjectOptions { selection: Selection::default(), ..Default::default() });
        }
        from_js(value)
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
        to_js(&self.loaded.dialect)
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
        let index = &self.cleaned.index;
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
        if let Some(name) = &class {
            self.table().column(name).map_err(|e| self.fail(e))?;
        }
        let mut reports = explore::flags(self.table(), class.as_deref());
        for r in &mut reports {
            r.rows.iter_mut().for_each(|row| *row = self.cleaned.index[*row]);
        }
        to_js(&reports)
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
        self.cleaned = apply(&self.loaded.table, &steps).map_err(|e| self.fail(e))?;
        self.steps = steps;
        Ok(())
    }

    /// `{ steps, pandas }`: the recipe and the pandas line of each step.
    pub fn recipe(&self) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct Recipe<'a> {
            steps: &'a [Step],
            pandas: Vec<String>,
        }
        to_js(&Recipe { steps: &self.steps, pandas: self.steps.iter().map(pandas_line).collect() })
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
        let values = self.numbers(column)?;
        let present: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let b = bins(&present, bin_count);
        let series = match self.class_split(class.as_deref())? {
            None => vec![Series { name: String::new(), counts: counts(&present, &b.edges) }],
            Some(c) => c.names.iter().enumerate().map(|(k, name)| {
                let mine: Vec<f64> = values.iter().zip(&c.index).filter(|(_, i)| **i == k).map(|(v, _)| *v).collect();
                Series { name: name.clone(), counts: counts(&mine, &b.edges) }
            }).collect(),
        };
        #[derive(Serialize)]
        struct Report {
            edges: Vec<f64>,
            rule: explore::histogram::BinRule,
            series: Vec<Series>,
        }
        to_js(&Report { edges: b.edges, rule: b.rule, series })
    }

    /// `[{ name, q1, median, q3, whisker_low, whisker_high, outliers, count }]`, one box per
    /// class when `class` is set.
    #[wasm_bindgen(js_name = boxPlot)]
    pub fn box_plot(&self, column: &str, class: Option<String>) -> Result<JsValue, JsValue> {
        let values = self.numbers(column)?;
        let groups: Vec<(String, Vec<f64>)> = match self.class_split(class.as_deref())? {
            None => vec![(column.to_string(), values.into_iter().filter(|v| v.is_finite()).collect())],
            Some(c) => c.names.iter().enumerate().map(|(k, name)| {
                (name.clone(), values.iter().zip(&c.index).filter(|(v, i)| **i == k && v.is_finite()).map(|(v, _)| *v).collect())
            }).collect(),
        };
        let boxes: Vec<Group> = groups.into_iter().filter_map(|(name, v)| box_stats(&v).map(|stats| Group { name, stats })).collect();
        to_js(&boxes)
    }

    /// Class index per row (`names.length` for a missing label) and class names.
    pub fn classes(&self, column: &str) -> Result<JsValue, JsValue> {
        to_js(&self.class_split(Some(column))?)
    }

    /// A column's numbers as a Float64Array (NaN where missing), for scatter plots.
    #[wasm_bindgen(js_name = columnNumbers)]
    pub fn column_numbers(&self, column: &str) -> Result<Vec<f64>, JsValue> {
        self.numbers(column)
    }

    /// PCA: `{ k, columns, explained_variance, explained_variance_ratio,
    /// all_explained_variance_ratio, components, projection, rows, dropped }`, with
    /// `projection` a flat Float64Array (`k` values a row) and `rows` a Uint32Array: typed
    /// arrays cross the boundary in one copy, where 100,000 small arrays would each cost a call.
    /// Options: `columns`, `standardize` (default true), `components` (default 2).
    pub fn pca(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let o = ProjectOptions::read(options)?;
        let mut report = project::pca_report(self.table(), &o.selection, o.components.unwrap_or(2)).map_err(|e| self.fail(e))?;
        let projection = js_sys::Float64Array::from(std::mem::take(&mut report.projection).as_slice());
        let rows: Vec<u32> = std::mem::take(&mut report.rows).into_iter().map(|r| r as u32).collect();
        let out = to_js(&report)?;
        js_sys::Reflect::set(&out, &"projection".into(), &projection)?;
        js_sys::Reflect::set(&out, &"rows".into(), &js_sys::Uint32Array::from(rows.as_slice()))?;
        Ok(out)
    }

    /// Scores against labels: `label` column, its `positive` value (null: labels must be 0/1),
    /// `score` column. Rows missing either are left out (`summary().dropped`).
    pub fn evaluation(&self, label: &str, positive: JsValue, score: &str) -> Result<Evaluation, JsValue> {
        let positive: Option<Scalar> = if positive.is_undefined() || positive.is_null() { None } else { Some(from_js(positive)?) };
        let scored = crate::experiment::evaluate::scored(self.table(), label, positive.as_ref(), score).map_err(|e| self.fail(e))?;
        let id = explore::identifier_column(self.table());
        let ids = scored
            .rows
            .iter()
            .map(|&r| match id {
                Some(c) => Scalar::from(self.table().columns()[c].cell(r)),
                None => Scalar::Integer(self.cleaned.index[r] as i64 + 1),
            })
            .collect();
        Ok(Evaluation::new(scored, ids, self.lang))
    }

    /// Starts a t-SNE (options: `columns`, `standardize`, `perplexity`, `iterations`, `seed`,
    /// `theta`, `init`: `random` | `pca`); step it with `run.step(n)`.
    pub fn tsne(&self, options: JsValue) -> Result<TsneRun, JsValue> {
        let o = ProjectOptions::read(options)?;
        let (run, input) = project::tsne_run(self.table(), &o.selection, &o.tsne, o.init).map_err(|e| self.fail(e))?;
        Ok(TsneRun::new(run, input, &self.cleaned.index, o.tsne.iterations))
    }

    /// Starts a UMAP (options: `columns`, `standardize`, `neighbors`, `minDist`, `epochs`,
    /// `seed`); step it with `run.step(n)`.
    pub fn umap(&self, options: JsValue) -> Result<UmapRun, JsValue> {
        let o = ProjectOptions::read(options)?;
        let defaults = UmapParams::default();
        let params = UmapParams {
            n_neighbors: o.neighbors.unwrap_or(defaults.n_neighbors),
            min_dist: o.min_dist.unwrap_or(defaults.min_dist),
            epochs: o.epochs,
            seed: o.tsne.seed,
        };
        let (run, input) = project::umap_run(self.table(), &o.selection, &params).map_err(|e| self.fail(e))?;
        Ok(UmapRun::new(run, input, &self.cleaned.index))
    }
}
