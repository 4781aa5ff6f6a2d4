//! How long a projection will take, said before it starts: t-SNE or UMAP on 50,000 rows runs
//! for minutes, and a student should know that before clicking, not after. A cost model of
//! each algorithm's parts, its constants measured in V8's wasm (Node, the engine of Chromium's
//! workers) on the 2-core reference machine by `node bench/estimate.mjs`, which also prints
//! the estimate beside the measured time: an order of magnitude, not a promise.

use serde::Serialize;

/// A projection's cost: a set-up per row (reading the rows, the affinities), the exact
/// nearest-neighbour search over every pair of rows (per pair and column), then its steps.
struct Costs {
    row: f64,
    pair: f64,
}

/// Fitted to `node bench/estimate.mjs` (1,000, 4,000 and 10,000 rows of 64 columns): an
/// iteration of Barnes–Hut t-SNE grew as rows^1.5 there (n log n in theory, with a tree that
/// deepens and caches that miss), 3.45e-8 s × rows^1.5.
const TSNE: Costs = Costs { row: 4.4e-4, pair: 3.5e-10 };
const TSNE_ITERATION: f64 = 3.45e-8;
/// A UMAP epoch: 5.8e-8 s per edge (a row × a neighbour: its attraction and 5 negative samples).
const UMAP: Costs = Costs { row: 5.3e-4, pair: 1.26e-9 };
const UMAP_EDGE: f64 = 5.8e-8;

/// A projection's estimated running time, and the size it was estimated for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    pub seconds: f64,
    pub rows: usize,
    pub columns: usize,
}

impl Costs {
    /// The set-up and the neighbour search over `rows` rows of `columns` numbers.
    fn start(&self, rows: usize, columns: usize) -> f64 {
        let n = rows as f64;
        self.row * n + self.pair * n * (n - 1.0) / 2.0 * columns.max(1) as f64
    }
}

/// t-SNE (Barnes–Hut): the start, then `iterations` steps.
pub fn tsne(rows: usize, columns: usize, iterations: usize) -> Estimate {
    let steps = TSNE_ITERATION * (rows as f64).powf(1.5) * iterations as f64;
    Estimate { seconds: TSNE.start(rows, columns) + steps, rows, columns }
}

/// UMAP: the start, then `epochs` passes over the `rows` × `neighbors` edges.
pub fn umap(rows: usize, columns: usize, neighbors: usize, epochs: usize) -> Estimate {
    let epochs = UMAP_EDGE * rows as f64 * neighbors as f64 * epochs as f64;
    Estimate { seconds: UMAP.start(rows, columns) + epochs, rows, columns }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_measured_runs_are_estimated_within_a_factor_of_two() {
        // (rows, iterations, seconds measured by bench/estimate.mjs on the reference machine)
        for (rows, iterations, measured) in [(1000, 1000, 1.54), (4000, 1000, 10.34), (10_000, 250, 14.11)] {
            let e = tsne(rows, 64, iterations).seconds;
            assert!(e / measured > 0.5 && e / measured < 2.0, "t-SNE {rows} rows: {e} s estimated, {measured} s measured");
        }
        for (rows, epochs, measured) in [(1000, 200, 0.74), (4000, 500, 3.52), (10_000, 200, 11.03)] {
            let e = umap(rows, 64, 15, epochs).seconds;
            assert!(e / measured > 0.5 && e / measured < 2.0, "UMAP {rows} rows: {e} s estimated, {measured} s measured");
        }
    }

    #[test]
    fn ten_times_the_rows_takes_more_than_ten_times_as_long() {
        let small = tsne(5_000, 64, 1000).seconds;
        let big = tsne(50_000, 64, 1000).seconds;
        assert!(big > 10.0 * small, "{small} s → {big} s: the neighbour search is quadratic");
    }

    #[test]
    fn more_iterations_or_epochs_take_longer() {
        assert!(tsne(1000, 10, 2000).seconds > tsne(1000, 10, 1000).seconds);
        assert!(umap(1000, 10, 15, 500).seconds > umap(1000, 10, 15, 200).seconds);
        assert!(umap(1000, 10, 30, 200).seconds > umap(1000, 10, 15, 200).seconds);
    }
}
