//! UMAP to two dimensions (McInnes, Healy, Melville 2018), following umap-learn 0.5's algorithm
//! and defaults, run in steps so the page can animate the layout. Uses the exact kNN of
//! `neighbors`; no linear-algebra crate (the spectral init has its own small Lanczos solver).
//!
//! The pipeline, as umap-learn's `fit` with `init="spectral"`:
//! 1. exact kNN, `n_neighbors` counting the point itself (umap-learn's convention: its kNN
//!    lists start with the point at distance 0), so we ask `knn` for `n_neighbors − 1` others;
//! 2. per point, `ρᵢ` = distance to the nearest other point and `σᵢ` by bisection so that
//!    `Σⱼ exp(−(dᵢⱼ − ρᵢ)/σᵢ) = log₂(n_neighbors)` (umap-learn's `smooth_knn_dist`);
//! 3. memberships `pᵢⱼ = exp(−(dᵢⱼ − ρᵢ)/σᵢ)`, symmetrised by the fuzzy union
//!    `P + Pᵀ − P∘Pᵀ`; weights below `max / n_epochs` dropped;
//! 4. spectral init (eigenvectors 2 and 3 of the normalised Laplacian), scaled to [0, 10];
//! 5. SGD: each edge is sampled once every `max_w / w` epochs, with 5 negative samples, a
//!    learning rate 1 decaying linearly, gradients clipped at 4, and the curve
//!    `1 / (1 + a d^{2b})` whose `a`, `b` are fitted from `min_dist` and `spread = 1`.
//!
//! Where it differs (see each function): the 5 negatives of a sample are applied together;
//! the negative samples are drawn by multiply-and-shift, not a remainder; `x^y` in the SGD is
//! a short series; a graph in more than 4 pieces places them by PCA of their centroids.
//! Same input, parameters and seed → the same bits (single thread, no hashing).

use ndarray::{Array2, ArrayView2};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

use super::neighbors::{knn, Neighbors};
use super::random::{normal, uniform};
use crate::error::{Error, Result};

/// umap-learn's `spread`: the scale of the embedded clusters (not exposed, as on the page).
const SPREAD: f64 = 1.0;
/// Negative samples per positive one (umap-learn's `negative_sample_rate`).
const NEGATIVE_SAMPLE_RATE: f64 = 5.0;
/// Initial SGD step (umap-learn's `learning_rate`).
const LEARNING_RATE: f64 = 1.0;
/// Weight of the repulsive term (umap-learn's `repulsion_strength`, γ).
const REPULSION: f32 = 1.0;
/// Each gradient coordinate is clipped to `[−4, 4]`, as umap-learn's `clip`.
const CLIP: f32 = 4.0;
/// Bisection of σ stops within this of the target, or after `SIGMA_ITERATIONS` halvings.
const SMOOTH_K_TOLERANCE: f64 = 1e-5;
const SIGMA_ITERATIONS: usize = 64;
/// σ is at least this fraction of the mean kNN distance (umap-learn's `MIN_K_DIST_SCALE`).
const MIN_K_DIST_SCALE: f64 = 1e-3;
/// Side of the square the layout starts in, as umap-learn before its SGD.
const LAYOUT_SIZE: f32 = 10.0;
/// Fewest rows UMAP accepts: below this a 2-D layout says nothing.
const MIN_ROWS: usize = 4;

/// What the student can set; the rest are umap-learn's defaults.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct UmapParams {
    /// Size of each local neighbourhood, the point itself included (umap-learn's convention).
    pub n_neighbors: usize,
    /// How tightly points may pack in the layout, in `[0, spread = 1]`.
    pub min_dist: f64,
    /// SGD epochs; `None` = umap-learn's default, 500 up to 10,000 rows, else 200.
    pub epochs: Option<usize>,
    /// Seeds the init noise, the Lanczos start and the negative sampling.
    pub seed: u64,
}

/// umap-learn's default number of epochs for `n` rows: 500 up to 10,000 rows, else 200.
pub fn default_epochs(n: usize) -> usize {
    if n <= 10_000 { 500 } else { 200 }
}

impl Default for UmapParams {
    fn default() -> Self {
        UmapParams { n_neighbors: 15, min_dist: 0.1, epochs: None, seed: 0 }
    }
}

/// A layout being optimised: build it with [`Umap::new`], then call [`Umap::step`] until
/// [`Umap::is_done`], drawing [`Umap::embedding`] in between.
#[derive(Debug, Clone)]
pub struct Umap {
    /// `n × 2` coordinates interleaved (x₀, y₀, x₁, …) in f32 for the SGD, as umap-learn.
    layout: Vec<f32>,
    /// The same in f64 for callers, refreshed after each step.
    embedding: Array2<f64>,
    edges: Edges,
    /// The fitted curve `1 / (1 + a d^{2b})`.
    a: f32,
    b: f32,
    epoch: usize,
    total_epochs: usize,
    /// Picks the negative samples.
    rng: Tausworthe,
}

/// The graph's edges (both directions of each pair, as umap-learn's COO matrix) with their
/// sampling schedule, in epochs (f64, as umap-learn).
#[derive(Debug, Clone)]
struct Edges {
    head: Vec<u32>,
    tail: Vec<u32>,
    epochs_per_sample: Vec<f64>,
    next_sample: Vec<f64>,
    next_negative: Vec<f64>,
}

impl Umap {
    /// Builds the fuzzy graph and the initial layout (`init`, `n × 2`, or spectral if `None`).
    /// Errors: fewer than 4 rows, `n_neighbors` outside `[2, n − 1]`, `min_dist` outside
    /// `[0, 1]`, a non-finite value in `x`, or an `init` of the wrong shape or not finite.
    pub fn new(x: ArrayView2<f64>, init: Option<Array2<f64>>, params: &UmapParams) -> Result<Umap> {
        validate(x, init.as_ref(), params)?;
        let n = x.nrows();
        let total_epochs = params.epochs.unwrap_or(default_epochs(n));
        let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
        let nn = knn(x, params.n_neighbors - 1);
        let (sigmas, rhos) = smooth_knn(&nn, params.n_neighbors);
        let mut graph = fuzzy_union(&nn, &sigmas, &rhos);
        // umap-learn prunes with its default epoch count when asked for 10 or fewer.
        let pruning_epochs = match params.epochs {
            Some(e) if e > 10 => e,
            _ => default_epochs(n),
        };
        graph.prune(pruning_epochs);
        let start = match init {
            Some(given) => jitter_duplicates(given, &mut rng),
            None => noisy_scale(spectral_init(x, &graph, &mut rng), &mut rng),
        };
        let (a, b) = find_ab(params.min_dist, SPREAD);
        let mut umap = Umap {
            layout: rescale(&start),
            embedding: Array2::zeros((n, 2)),
            edges: Edges::new(&graph),
            a: a as f32,
            b: b as f32,
            epoch: 0,
            total_epochs,
            rng: Tausworthe::new(&mut rng),
        };
        umap.refresh();
        Ok(umap)
    }

    /// Runs up to `epochs` more epochs (fewer if the total is reached).
    pub fn step(&mut self, epochs: usize) {
        let todo = epochs.min(self.total_epochs - self.epoch);
        for _ in 0..todo {
            self.run_epoch();
            self.epoch += 1;
        }
        self.refresh();
    }

    /// Epochs done so far.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    pub fn total_epochs(&self) -> usize {
        self.total_epochs
    }

    pub fn is_done(&self) -> bool {
        self.epoch >= self.total_epochs
    }

    /// The current layout, `n × 2`.
    pub fn embedding(&self) -> ArrayView2<'_, f64> {
        self.embedding.view()
    }

    fn refresh(&mut self) {
        for (i, mut row) in self.embedding.rows_mut().into_iter().enumerate() {
            row[0] = f64::from(self.layout[2 * i]);
            row[1] = f64::from(self.layout[2 * i + 1]);
        }
    }

    /// One pass over the edges, as umap-learn's `_optimize_layout_euclidean_single_epoch`:
    /// an edge is due when its next sample time ≤ the epoch number `e`. Every edge's first
    /// sample is due at epoch `max_w / w ≥ 1`, so epoch 0 moves nothing, and the learning
    /// rate of epoch `e ≥ 1` is `1 − (e − 1)/n_epochs` — umap-learn's schedule exactly.
    ///
    /// One difference: umap-learn moves `j` after each negative sample; here the negatives of
    /// one positive sample are all computed from the same position of `j` and their clipped
    /// steps added. That makes them independent work for SIMD (about 2× faster) and changes
    /// the result by far less than the seed does (trustworthiness(k = 10) on standardised
    /// digits, mean of seeds 0–3: 0.9776 batched, 0.9772 one by one; umap-learn 0.9763).
    fn run_epoch(&mut self) {
        let e = self.epoch as f64;
        let alpha = (LEARNING_RATE * (1.0 - (e - 1.0).max(0.0) / self.total_epochs as f64)) as f32;
        let n_vertices = self.layout.len() / 2;
        let edges = &mut self.edges;
        for i in 0..edges.head.len() {
            if edges.next_sample[i] > e {
                continue;
            }
            let (j, k) = (edges.head[i] as usize, edges.tail[i] as usize);
            attract(&mut self.layout, j, k, self.a, self.b, alpha);
            edges.next_sample[i] += edges.epochs_per_sample[i];
            let per_negative = edges.epochs_per_sample[i] / NEGATIVE_SAMPLE_RATE;
            // `as` truncates toward zero and saturates negatives at 0, as Python's `int`.
            let negatives = ((e - edges.next_negative[i]) / per_negative) as usize;
            let mut push = [0.0f32; 2];
            let mut left = negatives;
            while left > 0 {
                let count = left.min(LANES);
                let mut ks = [j; LANES];
                for k in &mut ks[..count] {
                    *k = self.rng.below(n_vertices);
                }
                let [gx, gy] = repulsion(&self.layout, j, &ks, self.a, self.b);
                push = [push[0] + gx, push[1] + gy];
                left -= count;
            }
            self.layout[2 * j] += push[0] * alpha;
            self.layout[2 * j + 1] += push[1] * alpha;
            edges.next_negative[i] += negatives as f64 * per_negative;
        }
    }
}

/// Runs UMAP to the end and returns the `n × 2` layout.
pub fn umap(x: ArrayView2<f64>, init: Option<Array2<f64>>, params: &UmapParams) -> Result<Array2<f64>> {
    let mut model = Umap::new(x, init, params)?;
    model.step(model.total_epochs());
    Ok(model.embedding)
}

fn validate(x: ArrayView2<f64>, init: Option<&Array2<f64>>, params: &UmapParams) -> Result<()> {
    let n = x.nrows();
    if n < MIN_ROWS {
        return Err(Error::TooFewRows { needed: MIN_ROWS, found: n });
    }
    let k = params.n_neighbors;
    if k < 2 || k > n - 1 {
        return Err(Error::OutOfRange { name: "n_neighbors", value: k as f64, min: 2.0, max: (n - 1) as f64 });
    }
    if !(0.0..=SPREAD).contains(&params.min_dist) {
        return Err(Error::OutOfRange { name: "min_dist", value: params.min_dist, min: 0.0, max: SPREAD });
    }
    check_finite("data", x.iter())?;
    if let Some(init) = init {
        let shape = |name, value: usize, want: usize| Error::OutOfRange { name, value: value as f64, min: want as f64, max: want as f64 };
        if init.nrows() != n {
            return Err(shape("init rows", init.nrows(), n));
        }
        if init.ncols() != 2 {
            return Err(shape("init columns", init.ncols(), 2));
        }
        check_finite("init", init.iter())?;
    }
    Ok(())
}

fn check_finite<'a>(name: &'static str, mut values: impl Iterator<Item = &'a f64>) -> Result<()> {
    match values.find(|v| !v.is_finite()) {
        Some(&value) => Err(Error::OutOfRange { name, value, min: f64::MIN, max: f64::MAX }),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// The fuzzy graph

/// `(σᵢ, ρᵢ)` per row, as umap-learn's `smooth_knn_dist` with `local_connectivity = 1`:
/// `ρᵢ` is the nearest non-zero distance, and `σᵢ` is bisected until
/// `Σⱼ exp(−max(dᵢⱼ − ρᵢ, 0)/σᵢ) = log₂ k` over the `k − 1` other neighbours. Like umap-learn,
/// `σᵢ` is floored at `10⁻³ ×` the mean of the row's distances (the self distance 0 counted).
fn smooth_knn(nn: &Neighbors, k: usize) -> (Vec<f64>, Vec<f64>) {
    let target = (k as f64).log2();
    let n = nn.distances.nrows();
    let mean_all = nn.distances.sum() / (n * k) as f64;
    let mut sigmas = Vec::with_capacity(n);
    let mut rhos = Vec::with_capacity(n);
    for row in nn.distances.rows() {
        let rho = row.iter().copied().find(|&d| d > 0.0).unwrap_or(0.0);
        let mut sigma = bisect_sigma(&row.to_vec(), rho, target);
        let mean = if rho > 0.0 { row.sum() / k as f64 } else { mean_all };
        sigma = sigma.max(MIN_K_DIST_SCALE * mean);
        sigmas.push(sigma);
        rhos.push(rho);
    }
    (sigmas, rhos)
}

/// The σ of one row: doubling until the sum falls below the target, then halving the
/// bracket (umap-learn's search, 64 steps at most).
fn bisect_sigma(distances: &[f64], rho: f64, target: f64) -> f64 {
    let (mut lo, mut hi, mut mid) = (0.0, f64::INFINITY, 1.0);
    for _ in 0..SIGMA_ITERATIONS {
        let psum: f64 = distances.iter().map(|&d| if d > rho { (-(d - rho) / mid).exp() } else { 1.0 }).sum();
        if (psum - target).abs() < SMOOTH_K_TOLERANCE {
            break;
        }
        if psum > target {
            hi = mid;
            mid = (lo + hi) / 2.0;
        } else {
            lo = mid;
            mid = if hi == f64::INFINITY { mid * 2.0 } else { (lo + hi) / 2.0 };
        }
    }
    mid
}

/// A symmetric weighted graph in compressed rows, columns sorted within each row.
#[derive(Debug, Clone, PartialEq)]
struct Graph {
    offsets: Vec<usize>,
    cols: Vec<usize>,
    weights: Vec<f64>,
}

impl Graph {
    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.offsets[i]..self.offsets[i + 1];
        self.cols[range.clone()].iter().copied().zip(self.weights[range].iter().copied())
    }

    /// Builds the rows from `(row, col, weight)` triplets sorted by `(row, col)`.
    fn from_sorted(n: usize, triplets: &[(usize, usize, f64)]) -> Graph {
        let mut offsets = vec![0; n + 1];
        for &(r, _, _) in triplets {
            offsets[r + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        Graph {
            offsets,
            cols: triplets.iter().map(|t| t.1).collect(),
            weights: triplets.iter().map(|t| t.2).collect(),
        }
    }

    /// Drops weights below `max / n_epochs`, which SGD would sample less than once, as
    /// umap-learn does before both the init and the optimisation.
    fn prune(&mut self, n_epochs: usize) {
        let max = self.weights.iter().copied().fold(0.0, f64::max);
        let floor = max / n_epochs.max(1) as f64;
        let n = self.len();
        let kept: Vec<(usize, usize, f64)> = (0..n)
            .flat_map(|i| self.row(i).map(move |(j, w)| (i, j, w)))
            .filter(|&(_, _, w)| w >= floor)
            .collect();
        *self = Graph::from_sorted(n, &kept);
    }
}

/// Memberships `pᵢⱼ = exp(−max(dᵢⱼ − ρᵢ, 0)/σᵢ)`, combined with the fuzzy union
/// `wᵢⱼ = pᵢⱼ + pⱼᵢ − pᵢⱼ pⱼᵢ` (umap-learn's `set_op_mix_ratio = 1`); zero weights dropped.
/// Sorting the triplets, not hashing them, keeps the order (and so the SGD) deterministic.
fn fuzzy_union(nn: &Neighbors, sigmas: &[f64], rhos: &[f64]) -> Graph {
    let n = nn.indices.nrows();
    // (row, col, p_row_col, p_col_row): each membership once forward, once transposed.
    let mut entries: Vec<(usize, usize, f64, f64)> = Vec::with_capacity(2 * n * nn.k);
    for i in 0..n {
        for (&j, &d) in nn.indices.row(i).iter().zip(nn.distances.row(i)) {
            let p = if d <= rhos[i] || sigmas[i] == 0.0 { 1.0 } else { (-(d - rhos[i]) / sigmas[i]).exp() };
            entries.push((i, j, p, 0.0));
            entries.push((j, i, 0.0, p));
        }
    }
    entries.sort_unstable_by_key(|e| (e.0, e.1));
    let mut triplets: Vec<(usize, usize, f64)> = Vec::with_capacity(entries.len());
    let mut index = 0;
    while index < entries.len() {
        let (r, c, mut p, mut q) = entries[index];
        index += 1;
        while index < entries.len() && (entries[index].0, entries[index].1) == (r, c) {
            p += entries[index].2;
            q += entries[index].3;
            index += 1;
        }
        let w = p + q - p * q;
        if w > 0.0 {
            triplets.push((r, c, w));
        }
    }
    Graph::from_sorted(n, &triplets)
}

impl Edges {
    /// Every stored entry is an edge sampled every `max_w / w` epochs (umap-learn's
    /// `make_epochs_per_sample`), its negatives 5 times as often.
    fn new(graph: &Graph) -> Edges {
        let max = graph.weights.iter().copied().fold(0.0, f64::max);
        let mut head = Vec::with_capacity(graph.cols.len());
        for i in 0..graph.len() {
            head.extend(std::iter::repeat_n(i as u32, graph.offsets[i + 1] - graph.offsets[i]));
        }
        let epochs_per_sample: Vec<f64> = graph.weights.iter().map(|&w| max / w).collect();
        Edges {
            head,
            tail: graph.cols.iter().map(|&c| c as u32).collect(),
            next_negative: epochs_per_sample.iter().map(|&e| e / NEGATIVE_SAMPLE_RATE).collect(),
            next_sample: epochs_per_sample.clone(),
            epochs_per_sample,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The curve 1 / (1 + a d^{2b})

/// `(a, b)` such that `1 / (1 + a d^{2b})` fits the target `1` for `d < min_dist` and
/// `exp(−(d − min_dist)/spread)` beyond, at 300 points of `[0, 3 spread]`, by least squares
/// from `(1, 1)` — umap-learn's `find_ab_params` (scipy `curve_fit`, Levenberg–Marquardt),
/// here a plain Levenberg–Marquardt on the 2 × 2 normal equations.
fn find_ab(min_dist: f64, spread: f64) -> (f64, f64) {
    let xs: Vec<f64> = (0..300).map(|i| 3.0 * spread * i as f64 / 299.0).collect();
    let ys: Vec<f64> = xs.iter().map(|&x| if x < min_dist { 1.0 } else { (-(x - min_dist) / spread).exp() }).collect();
    let cost = |a: f64, b: f64| -> f64 { xs.iter().zip(&ys).map(|(&x, &y)| (curve(x, a, b) - y).powi(2)).sum() };
    let (mut a, mut b, mut lambda) = (1.0, 1.0, 1e-3);
    let mut current = cost(a, b);
    for _ in 0..500 {
        let (jtj, jtr) = normal_equations(&xs, &ys, a, b);
        let mut improved = false;
        while lambda < 1e12 {
            let (da, db) = solve_damped(jtj, jtr, lambda);
            let trial = cost(a + da, b + db);
            if trial.is_finite() && trial < current {
                let small = (current - trial) <= 1e-15 * current;
                (a, b, current) = (a + da, b + db, trial);
                lambda = (lambda / 10.0).max(1e-12);
                improved = !small;
                break;
            }
            lambda *= 10.0;
        }
        if !improved {
            break;
        }
    }
    (a, b)
}

fn curve(x: f64, a: f64, b: f64) -> f64 {
    1.0 / (1.0 + a * x.powf(2.0 * b))
}

/// `JᵀJ` and `Jᵀr` for the residuals `r = curve − y`, with
/// `∂/∂a = −x^{2b} / (1 + a x^{2b})²` and `∂/∂b = −2 a x^{2b} ln x / (1 + a x^{2b})²`.
fn normal_equations(xs: &[f64], ys: &[f64], a: f64, b: f64) -> ([f64; 3], [f64; 2]) {
    let (mut jtj, mut jtr) = ([0.0; 3], [0.0; 2]);
    for (&x, &y) in xs.iter().zip(ys) {
        if x == 0.0 {
            continue; // the curve is 1 at 0 whatever a and b: no gradient.
        }
        let p = x.powf(2.0 * b);
        let den = (1.0 + a * p).powi(2);
        let (ja, jb) = (-p / den, -2.0 * a * p * x.ln() / den);
        let r = curve(x, a, b) - y;
        jtj[0] += ja * ja;
        jtj[1] += ja * jb;
        jtj[2] += jb * jb;
        jtr[0] += ja * r;
        jtr[1] += jb * r;
    }
    (jtj, jtr)
}

/// Solves `(JᵀJ + λ diag(JᵀJ)) δ = −Jᵀr` (Marquardt's scaling), by Cramer's rule.
fn solve_damped(jtj: [f64; 3], jtr: [f64; 2], lambda: f64) -> (f64, f64) {
    let (m00, m01, m11) = (jtj[0] * (1.0 + lambda), jtj[1], jtj[2] * (1.0 + lambda));
    let det = m00 * m11 - m01 * m01;
    if det == 0.0 || !det.is_finite() {
        return (0.0, 0.0);
    }
    ((-jtr[0] * m11 + jtr[1] * m01) / det, (-jtr[1] * m00 + jtr[0] * m01) / det)
}

// ---------------------------------------------------------------------------------------------
// SGD

/// The attractive step along an edge `j → k`: the gradient of `log(1 / (1 + a d^{2b}))`,
/// `−2ab d^{2(b−1)} / (1 + a d^{2b}) · (yⱼ − yₖ)`, clipped; both ends move (umap-learn's
/// `move_other`).
#[inline]
fn attract(layout: &mut [f32], j: usize, k: usize, a: f32, b: f32, alpha: f32) {
    let (dx, dy) = (layout[2 * j] - layout[2 * k], layout[2 * j + 1] - layout[2 * k + 1]);
    let d2 = dx * dx + dy * dy;
    let coeff = if d2 > 0.0 {
        let p = pow(d2, b - 1.0);
        -2.0 * a * b * p / (a * p * d2 + 1.0)
    } else {
        0.0
    };
    let (gx, gy) = (clip(coeff * dx) * alpha, clip(coeff * dy) * alpha);
    layout[2 * j] += gx;
    layout[2 * j + 1] += gy;
    layout[2 * k] -= gx;
    layout[2 * k + 1] -= gy;
}

/// Negative samples computed together: a fixed-width, branch-free batch the compiler turns
/// into SIMD. Unused lanes hold `k = j`, which pushes nothing.
const LANES: usize = 8;

/// The summed repulsive gradient on `j` from the points `ks`, each that of
/// `log(1 − 1 / (1 + a d^{2b}))`, `2γb / ((0.001 + d²)(1 + a d^{2b})) · (yⱼ − yₖ)`, clipped.
/// Two distinct points at the same place push by the clip value 4, and `k = j` pushes
/// nothing, as in umap-learn.
#[inline]
fn repulsion(layout: &[f32], j: usize, ks: &[usize; LANES], a: f32, b: f32) -> [f32; 2] {
    let (cx, cy) = (layout[2 * j], layout[2 * j + 1]);
    let (mut dx, mut dy, mut other) = ([0.0f32; LANES], [0.0f32; LANES], [0.0f32; LANES]);
    for l in 0..LANES {
        dx[l] = cx - layout[2 * ks[l]];
        dy[l] = cy - layout[2 * ks[l] + 1];
        other[l] = if ks[l] == j { 0.0 } else { 1.0 };
    }
    let (mut gx, mut gy) = ([0.0f32; LANES], [0.0f32; LANES]);
    for l in 0..LANES {
        let d2 = dx[l] * dx[l] + dy[l] * dy[l];
        let coeff = 2.0 * REPULSION * b / ((0.001 + d2) * (a * pow(d2, b) + 1.0));
        let finite = d2 > 0.0 && coeff > 0.0;
        gx[l] = other[l] * if finite { clip(coeff * dx[l]) } else { CLIP };
        gy[l] = other[l] * if finite { clip(coeff * dy[l]) } else { CLIP };
    }
    [gx.iter().sum(), gy.iter().sum()]
}

#[inline]
fn clip(v: f32) -> f32 {
    v.clamp(-CLIP, CLIP)
}

/// `x^y` for `x > 0`, as `2^(y log₂ x)` with short series (relative error below 10⁻⁴, far
/// under the SGD's noise). The SGD spends its time here, one call per sample, each waiting on
/// the previous move of the same point, so its length is the run time: several times shorter
/// than `powf`, and only `+ − × ÷` and bit operations, so the same bits on every platform.
#[inline]
fn pow(x: f32, y: f32) -> f32 {
    exp2(y * log2(x))
}

/// `log₂ x = e + log₂ m` with `m ∈ [√½, √2)`, and `log₂ m = 2/ln 2 · atanh t`,
/// `t = (m − 1)/(m + 1)`, `|t| ≤ 0.172`, summed to `t⁵` (error < 2·10⁻⁶).
#[inline]
fn log2(x: f32) -> f32 {
    let bits = x.max(f32::MIN_POSITIVE).to_bits();
    let mut exponent = ((bits >> 23) & 0xff) as i32 - 127;
    let mut m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    if m > std::f32::consts::SQRT_2 {
        m *= 0.5;
        exponent += 1;
    }
    let t = (m - 1.0) / (m + 1.0);
    let t2 = t * t;
    exponent as f32 + t * (2.885_39 + t2 * (0.961_796_7 + t2 * 0.577_078))
}

/// `2^y = 2ⁿ · 2^f` with `n` the nearest integer and `|f| ≤ ½`: Taylor to `f⁴` (relative
/// error < 5·10⁻⁵), evaluated in two independent halves to shorten the chain of operations.
#[inline]
fn exp2(y: f32) -> f32 {
    // Adding 1.5 · 2²³ rounds `y` to an integer held in the low mantissa bits: no float-to-int
    // conversion, so the batch of negative samples stays in SIMD lanes.
    const ROUND: f32 = 12_582_912.0;
    let y = y.clamp(-126.0, 126.0);
    let shifted = y + ROUND;
    let n = shifted.to_bits() as i32 - ROUND.to_bits() as i32;
    let f = (y - (shifted - ROUND)) * std::f32::consts::LN_2;
    let f2 = f * f;
    let p = (1.0 + f) + f2 * ((0.5 + f * (1.0 / 6.0)) + f2 * (1.0 / 24.0));
    p * f32::from_bits(((n + 127) as u32) << 23)
}

// ---------------------------------------------------------------------------------------------
// Initial layout

/// Rescales each coordinate to `[0, 10]`, as umap-learn just before its SGD (whatever the
/// init). A constant coordinate becomes 0.
fn rescale(start: &Array2<f64>) -> Vec<f32> {
    let mut layout = vec![0.0f32; start.len()];
    for (d, column) in start.columns().into_iter().enumerate() {
        let min = column.iter().copied().fold(f64::INFINITY, f64::min);
        let max = column.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let range = if max > min { max - min } else { 1.0 };
        for (i, v) in column.iter().enumerate() {
            layout[2 * i + d] = (f64::from(LAYOUT_SIZE) * (v - min) / range) as f32;
        }
    }
    layout
}

/// umap-learn's `noisy_scale_coords`: scales so the largest |coordinate| is 10 and adds
/// N(0, 10⁻⁴) noise, which separates duplicate points.
fn noisy_scale(mut coords: Array2<f64>, rng: &mut ChaCha8Rng) -> Array2<f64> {
    let largest = coords.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let expansion = if largest > 0.0 { 10.0 / largest } else { 1.0 };
    coords.mapv_inplace(|v| v * expansion + 1e-4 * normal(rng));
    coords
}

/// A caller's init, used as given unless two rows coincide; then, as umap-learn, every row
/// gets N(0, (0.001 × mean nearest-neighbour distance)²) noise.
fn jitter_duplicates(mut init: Array2<f64>, rng: &mut ChaCha8Rng) -> Array2<f64> {
    let mut order: Vec<usize> = (0..init.nrows()).collect();
    let key = |i: usize| (init[[i, 0]], init[[i, 1]]);
    order.sort_unstable_by(|&p, &q| key(p).0.total_cmp(&key(q).0).then(key(p).1.total_cmp(&key(q).1)));
    if order.windows(2).all(|w| key(w[0]) != key(w[1])) {
        return init;
    }
    let scale = 1e-3 * knn(init.view(), 1).distances.mean().unwrap_or(0.0);
    init.mapv_inplace(|v| v + scale * normal(rng));
    init
}

/// umap-learn's `spectral_layout`: eigenvectors 2 and 3 of the normalised Laplacian
/// `I − D^{-½} W D^{-½}`, i.e. of the largest eigenvalues of `D^{-½} W D^{-½}` after the
/// trivial one (`√deg`, eigenvalue 1). A graph in several pieces is laid out as
/// umap-learn's `multi_component_layout`: each piece's own spectral layout around a centre.
fn spectral_init(x: ArrayView2<f64>, graph: &Graph, rng: &mut ChaCha8Rng) -> Array2<f64> {
    let (labels, count) = components(graph);
    if count == 1 {
        let all: Vec<usize> = (0..graph.len()).collect();
        if let Some(layout) = spectral(graph, &all, rng) {
            return layout;
        }
        return uniform_box(graph.len(), [0.0, 0.0], 10.0, rng);
    }
    let centres = component_centres(x, &labels, count, rng);
    let mut layout = Array2::zeros((graph.len(), 2));
    for c in 0..count {
        let members: Vec<usize> = (0..graph.len()).filter(|&i| labels[i] == c).collect();
        let half_gap = half_gap(&centres, c);
        let mut piece = spectral(graph, &members, rng).unwrap_or_else(|| uniform_box(members.len(), [0.0, 0.0], half_gap, rng));
        let largest = piece.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let expansion = if largest > 0.0 { half_gap / largest } else { 1.0 };
        piece.mapv_inplace(|v| v * expansion);
        for (local, &i) in members.iter().enumerate() {
            layout[[i, 0]] = piece[[local, 0]] + centres[c][0];
            layout[[i, 1]] = piece[[local, 1]] + centres[c][1];
        }
    }
    layout
}

/// `n` points uniform in the square of half side `half` around `centre`.
fn uniform_box(n: usize, centre: [f64; 2], half: f64, rng: &mut ChaCha8Rng) -> Array2<f64> {
    Array2::from_shape_fn((n, 2), |(_, d)| centre[d] + half * (2.0 * uniform(rng) - 1.0))
}

/// Half the distance from centre `c` to the nearest other (umap-learn's `data_range`), so
/// pieces do not overlap; 1 if all centres coincide.
fn half_gap(centres: &[[f64; 2]], c: usize) -> f64 {
    let dist = |o: &[f64; 2]| ((o[0] - centres[c][0]).powi(2) + (o[1] - centres[c][1]).powi(2)).sqrt();
    let nearest = centres.iter().map(dist).filter(|&d| d > 0.0).fold(f64::INFINITY, f64::min);
    if nearest.is_finite() { nearest / 2.0 } else { 1.0 }
}

/// Connected components by union–find; labels numbered by their smallest row.
fn components(graph: &Graph) -> (Vec<usize>, usize) {
    let n = graph.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..n {
        for (j, _) in graph.row(i) {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri.max(rj)] = ri.min(rj);
        }
    }
    let mut labels = vec![usize::MAX; n];
    let mut count = 0;
    for i in 0..n {
        let r = root(&mut parent, i);
        if labels[r] == usize::MAX {
            labels[r] = count;
            count += 1;
        }
        labels[i] = labels[r];
    }
    (labels, count)
}

/// Where each piece of a disconnected graph goes. Up to 4 pieces: `±e₁, ±e₂`, as umap-learn.
/// More: the first two principal components of the pieces' centroids in data space, scaled
/// to at most 1 — umap-learn instead takes a spectral embedding of `exp(−d²)` between
/// centroids; both keep far pieces apart.
fn component_centres(x: ArrayView2<f64>, labels: &[usize], count: usize, rng: &mut ChaCha8Rng) -> Vec<[f64; 2]> {
    if count == 2 {
        return vec![[1.0, 0.0], [-1.0, 0.0]];
    }
    if count <= 4 {
        return [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]][..count].to_vec();
    }
    let mut centroids = Array2::<f64>::zeros((count, x.ncols()));
    let mut sizes = vec![0.0; count];
    for (row, &c) in x.rows().into_iter().zip(labels) {
        let mut target = centroids.row_mut(c);
        target += &row;
        sizes[c] += 1.0;
    }
    for (mut centroid, size) in centroids.rows_mut().into_iter().zip(&sizes) {
        centroid /= *size;
    }
    super::scale::center(&mut centroids);
    // Principal scores are sqrt(λ) u for the top eigenpairs (λ, u) of the Gram matrix C Cᵀ.
    let gram = |v: &[f64], out: &mut [f64]| {
        let projected = centroids.t().dot(&ndarray::ArrayView1::from(v));
        out.copy_from_slice(centroids.dot(&projected).as_slice().unwrap_or(&[]));
    };
    let pairs = top_eigenpairs(count, 2, &gram, &[], rng);
    let mut centres = vec![[0.0; 2]; count];
    for (d, (value, vector)) in pairs.iter().enumerate() {
        for c in 0..count {
            centres[c][d] = value.max(0.0).sqrt() * vector[c];
        }
    }
    let largest = centres.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    if largest > 0.0 {
        centres.iter_mut().flatten().for_each(|v| *v /= largest);
    }
    centres
}

/// The spectral layout of the sub-graph on `members` (a connected piece), `None` if it is
/// too small (fewer than 4 rows, as umap-learn) or the solver found too few vectors.
fn spectral(graph: &Graph, members: &[usize], rng: &mut ChaCha8Rng) -> Option<Array2<f64>> {
    let m = members.len();
    if m < 4 {
        return None;
    }
    let mut local = vec![usize::MAX; graph.len()];
    for (l, &i) in members.iter().enumerate() {
        local[i] = l;
    }
    let degree: Vec<f64> = members.iter().map(|&i| graph.row(i).map(|(_, w)| w).sum()).collect();
    let inv_sqrt: Vec<f64> = degree.iter().map(|&d| if d > 0.0 { 1.0 / d.sqrt() } else { 0.0 }).collect();
    // y = D^{-½} W D^{-½} v, on the piece's own numbering.
    let apply = |v: &[f64], out: &mut [f64]| {
        for (l, &i) in members.iter().enumerate() {
            let sum: f64 = graph.row(i).map(|(j, w)| w * inv_sqrt[local[j]] * v[local[j]]).sum();
            out[l] = inv_sqrt[l] * sum;
        }
    };
    let trivial = normalized(degree.iter().map(|d| d.sqrt()).collect())?;
    let pairs = top_eigenpairs(m, 2, &apply, &[trivial], rng);
    if pairs.len() < 2 {
        return None;
    }
    Some(Array2::from_shape_fn((m, 2), |(l, d)| pairs[d].1[l]))
}

// ---------------------------------------------------------------------------------------------
// A small symmetric eigensolver: Lanczos, then Jacobi on the tridiagonal matrix

/// Lanczos steps: enough for eigenvectors 2–3 of the kNN graphs met here (the Ritz residual
/// is checked in the tests), cheap next to the kNN (≤ 96 vectors of length n).
const LANCZOS_STEPS: usize = 96;

/// The `count` largest eigenpairs `(λ, u)` of the symmetric operator `apply` on `ℝⁿ`,
/// restricted to the complement of the orthonormal vectors `deflate`. Lanczos with full
/// reorthogonalisation from a seeded random start; on breakdown (an invariant subspace) it
/// continues from a fresh random vector. Fewer pairs if the space is smaller than `count`.
fn top_eigenpairs(
    n: usize,
    count: usize,
    apply: &dyn Fn(&[f64], &mut [f64]),
    deflate: &[Vec<f64>],
    rng: &mut ChaCha8Rng,
) -> Vec<(f64, Vec<f64>)> {
    let steps = LANCZOS_STEPS.min(n.saturating_sub(deflate.len()));
    let mut basis: Vec<Vec<f64>> = Vec::with_capacity(steps);
    let (mut alphas, mut betas) = (Vec::with_capacity(steps), Vec::with_capacity(steps));
    let mut next = fresh_direction(n, deflate, &basis, rng);
    let mut w = vec![0.0; n];
    while let Some(v) = next.take() {
        apply(&v, &mut w);
        let alpha = dot(&w, &v);
        basis.push(v);
        alphas.push(alpha);
        if basis.len() == steps {
            break;
        }
        // Full reorthogonalisation (against everything, twice) replaces the three-term
        // recurrence's subtraction and keeps the basis orthogonal in floating point.
        orthogonalize(&mut w, deflate, &basis);
        let beta = norm(&w);
        let scale = alphas.iter().fold(0.0f64, |m, a| m.max(a.abs())).max(1e-300);
        if beta > 1e-10 * scale {
            betas.push(beta);
            next = Some(w.iter().map(|x| x / beta).collect());
        } else {
            betas.push(0.0);
            next = fresh_direction(n, deflate, &basis, rng);
        }
    }
    let k = basis.len();
    let mut tridiagonal = vec![0.0; k * k];
    for i in 0..k {
        tridiagonal[i * k + i] = alphas[i];
        if i + 1 < k {
            tridiagonal[i * k + i + 1] = betas[i];
            tridiagonal[(i + 1) * k + i] = betas[i];
        }
    }
    let (values, vectors) = jacobi_eigen(&mut tridiagonal, k);
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&p, &q| values[q].total_cmp(&values[p]).then(p.cmp(&q)));
    order
        .into_iter()
        .take(count)
        .map(|e| {
            let mut ritz = vec![0.0; n];
            for (i, b) in basis.iter().enumerate() {
                let coeff = vectors[i * k + e];
                ritz.iter_mut().zip(b).for_each(|(r, x)| *r += coeff * x);
            }
            (values[e], ritz)
        })
        .collect()
}

/// A random unit vector orthogonal to `deflate` and `basis`; `None` if they span everything.
fn fresh_direction(n: usize, deflate: &[Vec<f64>], basis: &[Vec<f64>], rng: &mut ChaCha8Rng) -> Option<Vec<f64>> {
    let mut v: Vec<f64> = (0..n).map(|_| 2.0 * uniform(rng) - 1.0).collect();
    let before = norm(&v);
    orthogonalize(&mut v, deflate, basis);
    if norm(&v) <= 1e-8 * before {
        return None;
    }
    normalized(v)
}

/// Removes from `v` its components along the orthonormal `deflate` and `basis` (two
/// Gram–Schmidt passes: "twice is enough").
fn orthogonalize(v: &mut [f64], deflate: &[Vec<f64>], basis: &[Vec<f64>]) {
    for _ in 0..2 {
        for u in deflate.iter().chain(basis) {
            let c = dot(v, u);
            v.iter_mut().zip(u).for_each(|(x, y)| *x -= c * y);
        }
    }
}

fn normalized(v: Vec<f64>) -> Option<Vec<f64>> {
    let len = norm(&v);
    (len > 0.0 && len.is_finite()).then(|| v.into_iter().map(|x| x / len).collect())
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(v: &[f64]) -> f64 {
    dot(v, v).sqrt()
}

/// Eigenvalues and eigenvectors (columns of the returned row-major `k × k` matrix) of the
/// symmetric `a` (destroyed), by cyclic Jacobi rotations: slow for big matrices, but simple
/// and accurate for the ≤ 96 × 96 ones the Lanczos step hands it.
fn jacobi_eigen(a: &mut [f64], k: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0.0; k * k];
    for i in 0..k {
        v[i * k + i] = 1.0;
    }
    let total: f64 = a.iter().map(|x| x * x).sum();
    for _sweep in 0..100 {
        let off: f64 = (0..k).flat_map(|p| (0..k).filter(move |&q| q != p).map(move |q| (p, q))).map(|(p, q)| a[p * k + q].powi(2)).sum();
        if off <= 1e-30 * total || off == 0.0 {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                rotate(a, &mut v, k, p, q);
            }
        }
    }
    ((0..k).map(|i| a[i * k + i]).collect(), v)
}

/// One Jacobi rotation zeroing `a[p][q]`: `A ← JᵀAJ`, `V ← VJ`, with `tan φ` the smaller root
/// of `t² + 2θt − 1 = 0`, `θ = (a_qq − a_pp) / 2a_pq`.
fn rotate(a: &mut [f64], v: &mut [f64], k: usize, p: usize, q: usize) {
    let apq = a[p * k + q];
    if apq == 0.0 {
        return;
    }
    let theta = (a[q * k + q] - a[p * k + p]) / (2.0 * apq);
    let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
    let c = 1.0 / (t * t + 1.0).sqrt();
    let s = t * c;
    for i in 0..k {
        let (aip, aiq) = (a[i * k + p], a[i * k + q]);
        a[i * k + p] = c * aip - s * aiq;
        a[i * k + q] = s * aip + c * aiq;
    }
    for i in 0..k {
        let (api, aqi) = (a[p * k + i], a[q * k + i]);
        a[p * k + i] = c * api - s * aqi;
        a[q * k + i] = s * api + c * aqi;
    }
    for i in 0..k {
        let (vip, viq) = (v[i * k + p], v[i * k + q]);
        v[i * k + p] = c * vip - s * viq;
        v[i * k + q] = s * vip + c * viq;
    }
}

/// umap-learn's generator for negative samples (`tau_rand_int`, L'Ecuyer's three-component
/// Tausworthe), seeded from the ChaCha stream: a few shifts per draw where ChaCha costs a
/// block of rounds per 16 draws — it matters at 5 draws per positive sample, in wasm most.
#[derive(Debug, Clone)]
struct Tausworthe([u32; 3]);

impl Tausworthe {
    fn new(rng: &mut ChaCha8Rng) -> Tausworthe {
        // Each component needs enough non-zero high bits: s₀ > 1, s₁ > 7, s₂ > 15.
        Tausworthe([rng.next_u32() | 2, rng.next_u32() | 8, rng.next_u32() | 16])
    }

    fn next_u32(&mut self) -> u32 {
        let [s0, s1, s2] = &mut self.0;
        *s0 = ((*s0 & 0xffff_fffe) << 12) ^ (((*s0 << 13) ^ *s0) >> 19);
        *s1 = ((*s1 & 0xffff_fff8) << 4) ^ (((*s1 << 2) ^ *s1) >> 25);
        *s2 = ((*s2 & 0xffff_fff0) << 17) ^ (((*s2 << 3) ^ *s2) >> 11);
        *s0 ^ *s1 ^ *s2
    }

    /// In `[0, n)` by multiply-and-shift (umap-learn takes the remainder; same spread, no
    /// division).
    fn below(&mut self, n: usize) -> usize {
        ((u64::from(self.next_u32()) * n as u64) >> 32) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Three blobs of 40 points in 5-D, irregular but deterministic.
    fn blobs() -> Array2<f64> {
        Array2::from_shape_fn((120, 5), |(i, j)| {
            let wobble = (((i * 5 + j) as f64 * 12.9898).sin() * 43_758.545_3).fract();
            (i / 40) as f64 * 6.0 * if j == i / 40 { 1.0 } else { 0.0 } + wobble
        })
    }

    fn quick(seed: u64) -> UmapParams {
        UmapParams { n_neighbors: 10, epochs: Some(60), seed, ..UmapParams::default() }
    }

    fn bits(e: ArrayView2<f64>) -> Vec<u64> {
        e.iter().map(|v| v.to_bits()).collect()
    }

    #[test]
    fn curve_fit_matches_umap_learn() {
        // umap-learn 0.5.12, umap.umap_.find_ab_params(spread=1.0, min_dist=…); scipy's
        // curve_fit stops at its own tolerance, hence 1e-6 rather than 1e-12.
        for (min_dist, a, b) in [(0.1, 1.576_943_460_269_765_2, 0.895_060_877_851_573_3), (0.5, 0.583_030_020_341_442_5, 1.334_166_992_431_491_4)] {
            let (fa, fb) = find_ab(min_dist, 1.0);
            assert!((fa - a).abs() < 1e-6, "min_dist {min_dist}: a = {fa}, umap-learn {a}");
            assert!((fb - b).abs() < 1e-6, "min_dist {min_dist}: b = {fb}, umap-learn {b}");
        }
    }

    #[test]
    fn sigma_makes_the_memberships_sum_to_log2_k() {
        let x = blobs();
        let k = 10;
        let nn = knn(x.view(), k - 1);
        let (sigmas, rhos) = smooth_knn(&nn, k);
        for (i, row) in nn.distances.rows().into_iter().enumerate() {
            let sum: f64 = row.iter().map(|&d| (-(d - rhos[i]).max(0.0) / sigmas[i]).exp()).sum();
            // The bisection stops within SMOOTH_K_TOLERANCE of the target.
            assert!((sum - (k as f64).log2()).abs() < 1e-4, "row {i}: {sum}");
            assert_eq!(rhos[i], row[0], "rho is the nearest distance");
        }
    }

    #[test]
    fn fuzzy_union_is_symmetric_and_combines_both_directions() {
        let x = blobs();
        let nn = knn(x.view(), 9);
        let (sigmas, rhos) = smooth_knn(&nn, 10);
        let graph = fuzzy_union(&nn, &sigmas, &rhos);
        let weight = |i: usize, j: usize| graph.row(i).find(|&(c, _)| c == j).map(|(_, w)| w);
        for i in 0..graph.len() {
            for (j, w) in graph.row(i) {
                assert_eq!(weight(j, i), Some(w), "w[{i}][{j}] = w[{j}][{i}] exactly");
                assert!(w > 0.0 && w <= 1.0);
            }
        }
        // Each row's nearest neighbour has membership 1, so the union is 1 too.
        assert_eq!(weight(0, nn.indices[[0, 0]]), Some(1.0));
    }

    #[test]
    fn lanczos_finds_the_top_eigenpairs_of_a_small_matrix() {
        // diag(5, 4, 3, 2, 1) rotated by a fixed orthogonal-ish mix: compare with Jacobi.
        let n = 6;
        let m = Array2::from_shape_fn((n, n), |(i, j)| 1.0 / (1.0 + i as f64 + j as f64) + if i == j { i as f64 } else { 0.0 });
        let apply = |v: &[f64], out: &mut [f64]| {
            let y = m.dot(&ndarray::ArrayView1::from(v));
            out.copy_from_slice(y.as_slice().unwrap());
        };
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let pairs = top_eigenpairs(n, 2, &apply, &[], &mut rng);
        let mut dense = m.iter().copied().collect::<Vec<_>>();
        let (mut values, _) = jacobi_eigen(&mut dense, n);
        values.sort_by(|a, b| b.total_cmp(a));
        for (d, (value, vector)) in pairs.iter().enumerate() {
            assert!((value - values[d]).abs() < 1e-10, "eigenvalue {d}: {value} vs {}", values[d]);
            let mut mv = vec![0.0; n];
            apply(vector, &mut mv);
            let residual = mv.iter().zip(vector).map(|(a, v)| (a - value * v).powi(2)).sum::<f64>().sqrt();
            assert!(residual < 1e-9, "residual {residual}");
        }
    }

    #[test]
    fn fast_pow_is_close_to_powf() {
        for &b in &[0.79f32, 0.895, 1.334, 1.93, -0.105, -0.21] {
            for e in -200..200 {
                let x = 10f32.powf(e as f32 / 40.0); // 1e-5 … 1e5
                let (fast, exact) = (pow(x, b), x.powf(b));
                assert!((fast - exact).abs() <= 1e-4 * exact, "{x}^{b}: {fast} vs {exact}");
            }
        }
    }

    #[test]
    fn same_seed_gives_the_same_bytes() {
        let x = blobs();
        let first = umap(x.view(), None, &quick(7)).unwrap();
        let second = umap(x.view(), None, &quick(7)).unwrap();
        assert_eq!(bits(first.view()), bits(second.view()));
    }

    #[test]
    fn steps_add_up_to_a_whole_run() {
        let x = blobs();
        let mut model = Umap::new(x.view(), None, &quick(3)).unwrap();
        assert_eq!((model.epoch(), model.total_epochs(), model.is_done()), (0, 60, false));
        while !model.is_done() {
            model.step(7);
        }
        assert_eq!(model.epoch(), 60);
        assert_eq!(bits(model.embedding()), bits(umap(x.view(), None, &quick(3)).unwrap().view()));
    }

    #[test]
    fn another_seed_gives_another_layout() {
        let x = blobs();
        let first = umap(x.view(), None, &quick(1)).unwrap();
        let second = umap(x.view(), None, &quick(2)).unwrap();
        assert_ne!(bits(first.view()), bits(second.view()));
    }

    #[test]
    fn a_given_init_is_used_and_rescaled() {
        let x = blobs();
        let init = Array2::from_shape_fn((120, 2), |(i, d)| if d == 0 { i as f64 } else { -(i as f64) });
        let params = UmapParams { epochs: Some(0), ..quick(0) };
        let e = umap(x.view(), Some(init), &params).unwrap();
        assert_eq!(e.row(0).to_vec(), vec![0.0, 10.0]);
        assert_eq!(e.row(119).to_vec(), vec![10.0, 0.0]);
    }

    #[test]
    fn separate_pieces_get_a_spectral_layout_each() {
        // Two blobs far apart: with 5 neighbours the graph falls in two pieces.
        let x = Array2::from_shape_fn((40, 2), |(i, j)| (i / 20) as f64 * 100.0 + (((i * 2 + j) as f64 * 78.233).sin() * 43_758.5).fract());
        let params = UmapParams { n_neighbors: 5, epochs: Some(0), ..UmapParams::default() };
        let e = umap(x.view(), None, &params).unwrap();
        let mean_x = |range: std::ops::Range<usize>| range.clone().map(|i| e[[i, 0]]).sum::<f64>() / range.len() as f64;
        assert!((mean_x(0..20) - mean_x(20..40)).abs() > 4.0, "the pieces start apart");
        assert!(e.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        let x = blobs();
        let err = |x: ArrayView2<f64>, init: Option<Array2<f64>>, p: UmapParams| Umap::new(x, init, &p).unwrap_err();
        assert_eq!(err(x.slice(ndarray::s![..3, ..]), None, quick(0)), Error::TooFewRows { needed: 4, found: 3 });
        for k in [0, 1, 120, 500] {
            assert!(matches!(err(x.view(), None, UmapParams { n_neighbors: k, ..quick(0) }), Error::OutOfRange { name: "n_neighbors", .. }));
        }
        for min_dist in [-0.1, 1.5, f64::NAN] {
            assert!(matches!(err(x.view(), None, UmapParams { min_dist, ..quick(0) }), Error::OutOfRange { name: "min_dist", .. }));
        }
        assert!(matches!(err(x.view(), Some(Array2::zeros((119, 2))), quick(0)), Error::OutOfRange { name: "init rows", .. }));
        assert!(matches!(err(x.view(), Some(Array2::zeros((120, 3))), quick(0)), Error::OutOfRange { name: "init columns", .. }));
        let mut nan = x.clone();
        nan[[5, 2]] = f64::NAN;
        assert!(matches!(err(nan.view(), None, quick(0)), Error::OutOfRange { name: "data", .. }));
    }

    #[test]
    fn degenerate_data_still_gives_a_finite_layout() {
        // All rows equal, then the smallest data set and the extreme parameters.
        let same = Array2::<f64>::ones((10, 3));
        let cases = [(same.clone(), 2, 0.0), (same, 9, 1.0), (array![[0.0], [1.0], [2.0], [5.0]], 3, 0.1), (Array2::zeros((6, 0)), 2, 0.5)];
        for (x, n_neighbors, min_dist) in cases {
            let params = UmapParams { n_neighbors, min_dist, epochs: Some(30), seed: 0 };
            let e = umap(x.view(), None, &params).unwrap();
            assert!(e.iter().all(|v| v.is_finite()), "{x:?}");
        }
    }
}
