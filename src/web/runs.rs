//! Projections that run in steps (t-SNE, UMAP): JavaScript runs the loop, Rust takes a step,
//! so the worker can post the layout between steps and a cancel takes effect at once.

use wasm_bindgen::prelude::*;

use crate::experiment::project::Input;
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
