//! Work that runs in steps (t-SNE, UMAP, training): JavaScript runs the loop, Rust takes a
//! step, so the worker can post progress between steps and a cancel takes effect at once.

use wasm_bindgen::prelude::*;

use super::{from_js, js_error, report_json, to_js};
use crate::error::{Error, Lang};
use crate::experiment::project::Input;
use crate::experiment::boundary::Axes;
use crate::experiment::run::Experiment;
use crate::learn::Model;
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

/// A run being trained: its preparation is done, its model fits a step at a time; once fitted
/// it stays, so the page can ask for its report, a forward pass or its decision boundary.
#[wasm_bindgen]
pub struct TrainRun {
    experiment: Experiment,
    lang: Lang,
}

impl TrainRun {
    pub(super) fn new(experiment: Experiment, lang: Lang) -> TrainRun {
        TrainRun { experiment, lang }
    }

    fn fail(&self, e: Error) -> JsValue {
        js_error(&e, self.lang)
    }
}

#[wasm_bindgen]
impl TrainRun {
    /// What the Prepare step shows: `{ target, positive, classes, rows, splits, features,
    /// scaled, threshold, warnings }`.
    pub fn prepared(&self) -> Result<JsValue, JsValue> {
        to_js(self.experiment.prepared())
    }

    /// Sets the model up without learning (a network's initial weights).
    pub fn init(&mut self) -> Result<(), JsValue> {
        self.experiment.init().map_err(|e| self.fail(e))
    }

    /// Fits the next step (a tree of a forest, an epoch of gradient descent, or the whole
    /// model).
    pub fn step(&mut self) -> Result<(), JsValue> {
        self.experiment.step().map_err(|e| self.fail(e))
    }

    /// Ends a hyperparameter search after the trial under way (its time budget is over).
    #[wasm_bindgen(js_name = stopSearch)]
    pub fn stop_search(&mut self) {
        self.experiment.stop_search();
    }

    /// Learns one batch of a gradient-descent model.
    #[wasm_bindgen(js_name = stepBatch)]
    pub fn step_batch(&mut self) -> Result<(), JsValue> {
        self.experiment.step_batch().map_err(|e| self.fail(e))
    }

    pub fn done(&self) -> bool {
        self.experiment.done()
    }

    /// `[done, total]` steps.
    pub fn progress(&self) -> Vec<u32> {
        let (done, total) = self.experiment.progress();
        vec![done as u32, total as u32]
    }

    /// The last finished epoch of a gradient-descent model (`{ epoch, train_loss, … }`), or
    /// `undefined`.
    #[wasm_bindgen(js_name = lastEpoch)]
    pub fn last_epoch(&self) -> Result<JsValue, JsValue> {
        match self.experiment.epochs().last() {
            Some(record) => to_js(record),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The epochs a gradient-descent model's curves mark so far: `{ stopped_at, best_epoch,
    /// overfitting_from }`, or `undefined` for another model. With `lastEpoch` after each step,
    /// the page keeps the log without receiving it whole every epoch.
    pub fn marks(&self) -> Result<JsValue, JsValue> {
        match self.experiment.marks() {
            Some(m) => to_js(&m),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The data loader now: `{ order, batch_size, next_batch, batches, epoch }`, or
    /// `undefined` once training ended or for a model without batches.
    pub fn loader(&self) -> Result<JsValue, JsValue> {
        match self.experiment.training() {
            Some(t) => to_js(&t.loader()),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Class indices of the training rows the model learns (after oversampling), for the
    /// loader strip; and of the validation part.
    #[wasm_bindgen(js_name = trainClasses)]
    pub fn train_classes(&self) -> Vec<u32> {
        self.experiment.fit_part().map(|p| p.y.iter().map(|&k| k as u32).collect()).unwrap_or_default()
    }

    #[wasm_bindgen(js_name = validationClasses)]
    pub fn validation_classes(&self) -> Vec<u32> {
        self.experiment.validation_part().y.iter().map(|&k| k as u32).collect()
    }

    /// A network's layers as they are now: the MLP's `[{ units, activation, parameters }]`, a
    /// network of layers' `[{ kind, output, parameters }]`; `undefined` for another model.
    pub fn layers(&self) -> Result<JsValue, JsValue> {
        match self.experiment.model() {
            Some(Model::Network(n)) => to_js(&n.summary()),
            Some(Model::Layered(n)) => to_js(&n.summary()),
            _ => Ok(JsValue::UNDEFINED),
        }
    }

    /// The first convolution's filters as they are now (`[[k × k values]]`; empty without one).
    pub fn filters(&self) -> Result<JsValue, JsValue> {
        to_js(&self.experiment.filters())
    }

    /// The forward pass of validation row `index`: `{ id, class, activations }`.
    pub fn forward(&self, index: usize) -> Result<JsValue, JsValue> {
        let f = self.experiment.forward(index).map_err(|e| self.fail(e))?;
        to_js(&f)
    }

    /// The decision boundary of the model as it is now: `axes` is `{ features: [i, j] }` or
    /// `"components"`; `resolution` grid points per axis.
    pub fn boundary(&self, axes: JsValue, resolution: usize) -> Result<JsValue, JsValue> {
        let axes: Axes = from_js(axes)?;
        let b = self.experiment.boundary(&axes, resolution).map_err(|e| self.fail(e))?;
        to_js(&b)
    }

    /// The report as JSON text, once `done()`.
    pub fn report(&self) -> Result<String, JsValue> {
        self.experiment.report().map(|r| report_json(&r)).map_err(|e| self.fail(e))
    }
}
