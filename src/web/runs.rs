//! Work that runs in steps (t-SNE, UMAP, training): JavaScript runs the loop, Rust takes a
//! step, so the worker can post progress between steps and a cancel takes effect at once.

use wasm_bindgen::prelude::*;

use super::{js_error, report_json, to_js};
use crate::error::{Error, Lang};
use crate::experiment::project::Input;
use crate::experiment::run::Experiment;
use crate::reduce::tsne::Tsne;
use crate::reduce::umap::Umap;

/// The rows a projection kept, as labels in the loaded file.
fn labels(input: &Input, index: &[usize]) -> Vec<u32> {
    input.rows.iter().map(|&r| index[r] as u32).collect()
}

#[wasm_bindgen]
pub struct TsneRun {
    run: Tsne,
    rows: Vec<u32>,
    dropped: usize,
    total: usize,
}

impl TsneRun {
    pub(super) fn new(run: Tsne, input: Input, index: &[usize], total: usize) -> TsneRun {
        TsneRun { rows: labels(&input, index), dropped: input.dropped, total, run }
    }
}

#[wasm_bindgen]
impl TsneRun {
    /// Runs up to `iterations` more iterations; returns the iterations done so far.
    pub fn step(&mut self, iterations: usize) -> usize {
        self.run.step(iterations);
        self.run.iteration()
    }

    pub fn done(&self) -> bool {
        self.run.is_done()
    }

    pub fn iteration(&self) -> usize {
        self.run.iteration()
    }

    /// Iterations asked for in all.
    #[wasm_bindgen(js_name = totalIterations)]
    pub fn total_iterations(&self) -> usize {
        self.total
    }

    /// The layout, flat: `[x0, y0, x1, y1, …]`.
    pub fn embedding(&self) -> Vec<f64> {
        self.run.embedding().iter().copied().collect()
    }

    #[wasm_bindgen(js_name = klDivergence)]
    pub fn kl_divergence(&self) -> f64 {
        self.run.kl_divergence()
    }

    /// Labels (rows of the loaded file) of the projected rows.
    pub fn rows(&self) -> Vec<u32> {
        self.rows.clone()
    }

    /// Rows left out for a missing value.
    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

#[wasm_bindgen]
pub struct UmapRun {
    run: Umap,
    rows: Vec<u32>,
    dropped: usize,
}

impl UmapRun {
    pub(super) fn new(run: Umap, input: Input, index: &[usize]) -> UmapRun {
        UmapRun { rows: labels(&input, index), dropped: input.dropped, run }
    }
}

#[wasm_bindgen]
impl UmapRun {
    /// Runs up to `epochs` more epochs; returns the epochs done so far.
    pub fn step(&mut self, epochs: usize) -> usize {
        self.run.step(epochs);
        self.run.epoch()
    }

    pub fn done(&self) -> bool {
        self.run.is_done()
    }

    pub fn epoch(&self) -> usize {
        self.run.epoch()
    }

    #[wasm_bindgen(js_name = totalEpochs)]
    pub fn total_epochs(&self) -> usize {
        self.run.total_epochs()
    }

    /// The layout, flat: `[x0, y0, x1, y1, …]`.
    pub fn embedding(&self) -> Vec<f64> {
        self.run.embedding().iter().copied().collect()
    }

    pub fn rows(&self) -> Vec<u32> {
        self.rows.clone()
    }

    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

/// A run being trained: its preparation is done, its model fits a step at a time.
#[wasm_bindgen]
pub struct TrainRun {
    experiment: Option<Experiment>,
    lang: Lang,
}

impl TrainRun {
    pub(super) fn new(experiment: Experiment, lang: Lang) -> TrainRun {
        TrainRun { experiment: Some(experiment), lang }
    }

    fn experiment(&mut self) -> Result<&mut Experiment, JsValue> {
        self.experiment.as_mut().ok_or_else(|| js_sys::Error::new("TrainRun.report was already taken").into())
    }
}

#[wasm_bindgen]
impl TrainRun {
    /// What the Prepare step shows: `{ target, positive, classes, rows, splits, features,
    /// scaled, threshold, warnings }`.
    pub fn prepared(&mut self) -> Result<JsValue, JsValue> {
        to_js(self.experiment()?.prepared())
    }

    /// Fits the next step (a tree of a forest, or the whole model).
    pub fn step(&mut self) -> Result<(), JsValue> {
        let lang = self.lang;
        self.experiment()?.step().map_err(|e| js_error(&e, lang))
    }

    pub fn done(&mut self) -> Result<bool, JsValue> {
        Ok(self.experiment()?.done())
    }

    /// `[done, total]` steps.
    pub fn progress(&mut self) -> Result<Vec<u32>, JsValue> {
        let (done, total) = self.experiment()?.progress();
        Ok(vec![done as u32, total as u32])
    }

    /// The report as JSON text (the run is spent afterwards).
    pub fn report(&mut self) -> Result<String, JsValue> {
        let lang = self.lang;
        let experiment = self.experiment.take().ok_or_else(|| js_error(&Error::BadSpec { detail: "no run".into() }, lang))?;
        experiment.report().map(|r| report_json(&r)).map_err(|e| js_error(&e, lang))
    }
}
