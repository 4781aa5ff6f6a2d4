//! The `Dataset`'s methods for steps 5 to 11: projections, experiments, their evaluation.
//! Apart from `dataset.rs` so that the first-look module (built without the `learn` feature)
//! leaves them, and all the code they reach, out.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::evaluation::Evaluation;
use super::runs::{TrainRun, TsneRun, UmapRun};
use super::{from_js, to_js, Dataset};
use crate::experiment::live::DescentAsk;
use crate::experiment::project::{self, Selection, TsneInit};
use crate::experiment::spec::Spec;
use crate::explore::Scalar;
use crate::reduce::tsne::TsneParams;
use crate::reduce::umap::UmapParams;

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

    fn umap(&self) -> UmapParams {
        let defaults = UmapParams::default();
        UmapParams {
            n_neighbors: self.neighbors.unwrap_or(defaults.n_neighbors),
            min_dist: self.min_dist.unwrap_or(defaults.min_dist),
            epochs: self.epochs,
            seed: self.tsne.seed,
        }
    }
}

#[wasm_bindgen]
impl Dataset {
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
        let (scored, ids) = self.session().evaluation(label, positive.as_ref(), score).map_err(|e| self.fail(e))?;
        Ok(Evaluation::new(scored, ids, self.lang()))
    }

    /// Prepares a run of `spec` (JSON text) on this data: its `clean` steps are replayed on the
    /// loaded table. Step the fit with `run.step()`, then take `run.report()`. `test_builtin`:
    /// the bytes of the built-in file `spec.test_data` names, for a final test on it.
    pub fn experiment(&self, spec: &str, test_builtin: Option<Vec<u8>>) -> Result<TrainRun, JsValue> {
        let spec = Spec::from_json(spec).map_err(|e| self.fail(e))?;
        let experiment = self.session().experiment_with(&spec, super::given(test_builtin)).map_err(|e| self.fail(e))?;
        Ok(TrainRun::new(experiment, self.lang()))
    }

    /// The loss surface of logistic regression on one prepared feature of `spec`'s training
    /// part, with optimiser paths: `ask` is `{ feature, C, resolution, paths: [{ solver,
    /// learning_rate, momentum, batch_size, start, steps, seed }] }`.
    pub fn descent(&self, spec: &str, ask: JsValue) -> Result<JsValue, JsValue> {
        let ask: DescentAsk = from_js(ask)?;
        let spec = Spec::from_json(spec).map_err(|e| self.fail(e))?;
        let experiment = self.session().experiment(&spec).map_err(|e| self.fail(e))?;
        let view = experiment.descent(&ask).map_err(|e| self.fail(e))?;
        to_js(&view)
    }

    /// Starts a t-SNE (options: `columns`, `standardize`, `perplexity`, `iterations`, `seed`,
    /// `theta`, `init`: `random` | `pca`); step it with `run.step(n)`.
    pub fn tsne(&self, options: JsValue) -> Result<TsneRun, JsValue> {
        let o = ProjectOptions::read(options)?;
        let (run, input) = project::tsne_run(self.table(), &o.selection, &o.tsne, o.init).map_err(|e| self.fail(e))?;
        Ok(TsneRun::new(run, input, self.session().labels(), o.tsne.iterations))
    }

    /// Starts a UMAP (options: `columns`, `standardize`, `neighbors`, `minDist`, `epochs`,
    /// `seed`); step it with `run.step(n)`.
    pub fn umap(&self, options: JsValue) -> Result<UmapRun, JsValue> {
        let o = ProjectOptions::read(options)?;
        let (run, input) = project::umap_run(self.table(), &o.selection, &o.umap()).map_err(|e| self.fail(e))?;
        Ok(UmapRun::new(run, input, self.session().labels()))
    }

    /// `{ seconds, rows, columns }`: how long `tsne(options)` or `umap(options)` (`kind`) is
    /// estimated to take (`experiment::estimate`), so the page can say so before it starts.
    #[wasm_bindgen(js_name = projectionEstimate)]
    pub fn projection_estimate(&self, kind: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let o = ProjectOptions::read(options)?;
        let estimate = match kind {
            "tsne" => project::tsne_estimate(self.table(), &o.selection, &o.tsne),
            "umap" => project::umap_estimate(self.table(), &o.selection, &o.umap()),
            other => return Err(js_sys::Error::new(&format!("projectionEstimate: no projection '{other}' (tsne, umap)")).into()),
        };
        to_js(&estimate.map_err(|e| self.fail(e))?)
    }
}
