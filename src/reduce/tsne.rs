//! t-SNE (van der Maaten and Hinton 2008; Barnes–Hut, van der Maaten 2014) to a 2-D map, run in
//! steps so the page can animate it. Takes a numeric matrix (rows = samples), never tables.
//!
//! The algorithm and defaults follow scikit-learn's `TSNE(method='barnes_hut')`:
//! affinities from the exact `⌊3·perplexity + 1⌋` nearest neighbours, early exaggeration 12 for
//! 250 iterations with momentum 0.5, then momentum 0.8, per-coordinate gains, learning rate
//! `'auto'`, the same stopping checks. Where it differs, the item's doc comment says so. It is
//! all in `f64` (sklearn's Barnes–Hut gradient is `float32`) and single-threaded.

use ndarray::{Array2, ArrayView2};
use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use serde::{Deserialize, Serialize};

use super::neighbors::{knn, Neighbors};
use super::random::normal_pair;
use crate::error::{Error, Result};

/// The smallest data set: with fewer rows no perplexity is below `n / 3` and above 0 in practice.
pub const MIN_ROWS: usize = 4;
/// P is multiplied by this during the first [`EXPLORATION`] iterations (sklearn's
/// `early_exaggeration`), so clusters form before they settle.
const EXAGGERATION: f64 = 12.0;
/// Iterations with exaggeration and momentum 0.5 (sklearn's `_EXPLORATION_MAX_ITER`).
const EXPLORATION: usize = 250;
const MOMENTUM_EXPLORATION: f64 = 0.5;
const MOMENTUM: f64 = 0.8;
/// Gains never fall below this (sklearn's `min_gain`).
const MIN_GAIN: f64 = 0.01;
/// The std of the random start, as sklearn's `init='random'`.
const INIT_STD: f64 = 1e-4;
/// Bandwidth search: sklearn's `_binary_search_perplexity` tolerance (on the entropy, nats) and
/// step limit.
const PERPLEXITY_TOLERANCE: f64 = 1e-5;
const PERPLEXITY_STEPS: usize = 100;
/// Stopping checks, as sklearn's `_gradient_descent`: every 50 iterations, stop when the gradient
/// norm is at most 1e-7, or when the KL divergence has not improved for 300 iterations.
const CHECK_EVERY: usize = 50;
const MIN_GRAD_NORM: f64 = 1e-7;
const PATIENCE: usize = 300;

/// The knobs a student may turn. Defaults are scikit-learn's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TsneParams {
    /// The effective number of neighbours each point listens to; must be in `(0, n / 3)`.
    pub perplexity: f64,
    /// Total iterations, the 250 exaggerated ones included (sklearn's `max_iter`).
    pub iterations: usize,
    /// Seeds the random start (unused when an init is given).
    pub seed: u64,
    /// Barnes–Hut opening angle in `[0, 1]` (sklearn's `angle`); 0 computes the repulsion
    /// exactly over all pairs, O(n²) per iteration, for small data.
    pub theta: f64,
}

impl Default for TsneParams {
    fn default() -> Self {
        TsneParams { perplexity: 30.0, iterations: 1000, seed: 0, theta: 0.5 }
    }
}

/// A t-SNE run in progress: the affinities (computed once) and the optimiser's state.
pub struct Tsne {
    p: Affinities,
    /// `n × 2`, standard layout (built by `from_shape_fn`), so it is also a flat slice.
    y: Array2<f64>,
    update: Vec<f64>,
    gains: Vec<f64>,
    grad: Vec<f64>,
    scratch: Scratch,
    theta: f64,
    iterations: usize,
    learning_rate: f64,
    iteration: usize,
    converged: bool,
    best_kl: f64,
    best_iteration: usize,
}

impl Tsne {
    /// Validates, finds the neighbours and the affinities P (the expensive part), and places the
    /// points: at `init` (`n × 2`; the page passes sklearn's PCA start, the projection divided by
    /// the std of its first column, times 1e-4) or, without one, drawn from N(0, 1e-4²).
    pub fn new(x: ArrayView2<f64>, init: Option<Array2<f64>>, params: &TsneParams) -> Result<Tsne> {
        let n = x.nrows();
        validate(x, params)?;
        let y = match init {
            Some(init) => checked_init(init, n)?,
            None => random_init(n, params.seed),
        };
        let k = n.saturating_sub(1).min((3.0 * params.perplexity + 1.0) as usize);
        let neighbors = knn(x, k);
        if let Some(&d) = neighbors.distances.iter().find(|d| !d.is_finite()) {
            // Values near f64::MAX overflow the squared distances.
            return Err(Error::OutOfRange { name: "x", value: d, min: -f64::MAX, max: f64::MAX });
        }
        Ok(Tsne {
            p: Affinities::new(&neighbors, params.perplexity),
            y,
            update: vec![0.0; 2 * n],
            gains: vec![1.0; 2 * n],
            grad: vec![0.0; 2 * n],
            scratch: Scratch::new(n),
            theta: params.theta,
            iterations: params.iterations,
            learning_rate: (n as f64 / EXAGGERATION / 4.0).max(50.0),
            iteration: 0,
            converged: false,
            best_kl: f64::MAX,
            best_iteration: EXPLORATION,
        })
    }

    /// Runs up to `iterations` more iterations (fewer if the run ends).
    pub fn step(&mut self, iterations: usize) {
        for _ in 0..iterations {
            if self.is_done() {
                break;
            }
            self.iterate();
        }
    }

    /// Iterations run so far.
    pub fn iteration(&self) -> usize {
        self.iteration
    }

    /// True once all iterations ran or the run converged (sklearn's stopping checks).
    pub fn is_done(&self) -> bool {
        self.converged || self.iteration >= self.iterations
    }

    /// The current layout, `n × 2`.
    pub fn embedding(&self) -> ArrayView2<'_, f64> {
        self.y.view()
    }

    /// KL(P ‖ Q) of the current layout, with the true (not exaggerated) P. Exact for `theta = 0`;
    /// otherwise Q's normalisation Z = Σ_{k≠l} (1 + ‖y_k − y_l‖²)⁻¹ is the Barnes–Hut estimate,
    /// as sklearn's `kl_divergence_` (the sum over P's pairs is exact either way).
    pub fn kl_divergence(&self) -> f64 {
        let Some(pos) = self.y.as_slice() else { return f64::NAN };
        let mut scratch = Scratch::new(pos.len() / 2);
        let mut grad = vec![0.0; pos.len()];
        let z = gradient(&self.p, pos, 1.0, self.theta, &mut scratch, &mut grad);
        kl_divergence(&self.p, pos, z)
    }

    /// One iteration of sklearn's `_gradient_descent`: gradient, gains (+0.2 where the gradient
    /// changed sign against the last update, ×0.8 elsewhere, at least 0.01), momentum update.
    /// The second stage starts with fresh updates and gains, as sklearn's second call does.
    fn iterate(&mut self) {
        let it = self.iteration;
        if it == EXPLORATION {
            self.update.fill(0.0);
            self.gains.fill(1.0);
        }
        let exploring = it < EXPLORATION;
        let (exaggeration, momentum) =
            if exploring { (EXAGGERATION, MOMENTUM_EXPLORATION) } else { (1.0, MOMENTUM) };
        let Some(pos) = self.y.as_slice_mut() else {
            self.converged = true; // unreachable: `y` is built in standard layout
            return;
        };
        let z = gradient(&self.p, pos, exaggeration, self.theta, &mut self.scratch, &mut self.grad);
        let check = (it + 1).is_multiple_of(CHECK_EVERY);
        let kl = if check && !exploring { kl_divergence(&self.p, pos, z) } else { f64::NAN };
        let mut norm2 = 0.0;
        let coordinates = pos.iter_mut().zip(&mut self.update).zip(&mut self.gains).zip(&self.grad);
        for (((y, update), gain), &g) in coordinates {
            *gain = (if *update * g < 0.0 { *gain + 0.2 } else { *gain * 0.8 }).max(MIN_GAIN);
            let g = g * *gain;
            norm2 += g * g;
            *update = momentum * *update - self.learning_rate * g;
            *y += *update;
        }
        self.iteration += 1;
        if check {
            self.check_convergence(it, kl, norm2.sqrt());
        }
    }

    /// sklearn's checks. A small gradient during exploration ends only that stage (sklearn then
    /// still runs the second); the KL divergence is tracked in the second stage only (the first
    /// is too short for sklearn's 250-iteration patience to act).
    fn check_convergence(&mut self, it: usize, kl: f64, grad_norm: f64) {
        if it < EXPLORATION {
            if grad_norm <= MIN_GRAD_NORM {
                self.iteration = EXPLORATION;
            }
            return;
        }
        if kl < self.best_kl {
            self.best_kl = kl;
            self.best_iteration = it;
        } else if it - self.best_iteration > PATIENCE {
            self.converged = true;
        }
        if grad_norm <= MIN_GRAD_NORM {
            self.converged = true;
        }
    }
}

/// Runs all `params.iterations` iterations and returns the `n × 2` layout.
pub fn tsne(x: ArrayView2<f64>, init: Option<Array2<f64>>, params: &TsneParams) -> Result<Array2<f64>> {
    let mut run = Tsne::new(x, init, params)?;
    run.step(params.iterations);
    Ok(run.y)
}

// ---------------------------------------------------------------------------------------------
// Validation and the start

fn validate(x: ArrayView2<f64>, params: &TsneParams) -> Result<()> {
    let n = x.nrows();
    if n < MIN_ROWS {
        return Err(Error::TooFewRows { needed: MIN_ROWS, found: n });
    }
    let max = n as f64 / 3.0;
    let p = params.perplexity;
    if !(p > 0.0 && p < max) {
        return Err(Error::OutOfRange { name: "perplexity", value: p, min: 0.0, max });
    }
    if !(0.0..=1.0).contains(&params.theta) {
        return Err(Error::OutOfRange { name: "theta", value: params.theta, min: 0.0, max: 1.0 });
    }
    if let Some(&v) = x.iter().find(|v| !v.is_finite()) {
        return Err(Error::OutOfRange { name: "x", value: v, min: -f64::MAX, max: f64::MAX });
    }
    Ok(())
}

/// The caller's start, checked (`n × 2`, finite) and copied into standard layout.
fn checked_init(init: Array2<f64>, n: usize) -> Result<Array2<f64>> {
    if init.nrows() != n {
        let rows = init.nrows() as f64;
        return Err(Error::OutOfRange { name: "init rows", value: rows, min: n as f64, max: n as f64 });
    }
    if init.ncols() != 2 {
        let cols = init.ncols() as f64;
        return Err(Error::OutOfRange { name: "init columns", value: cols, min: 2.0, max: 2.0 });
    }
    if let Some(&v) = init.iter().find(|v| !v.is_finite()) {
        return Err(Error::OutOfRange { name: "init", value: v, min: -f64::MAX, max: f64::MAX });
    }
    Ok(Array2::from_shape_fn((n, 2), |(i, c)| init[[i, c]]))
}

/// N(0, 1e-4²) in every coordinate, by Box–Muller from a seeded ChaCha8 stream (so the numbers
/// differ from numpy's for the same seed, but are the same on every run).
fn random_init(n: usize, seed: u64) -> Array2<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut normals = Vec::with_capacity(2 * n + 1);
    while normals.len() < 2 * n {
        let (a, b) = normal_pair(&mut rng);
        normals.push(a);
        normals.push(b);
    }
    Array2::from_shape_fn((n, 2), |(i, c)| INIT_STD * normals[2 * i + c])
}

// ---------------------------------------------------------------------------------------------
// Input affinities P

/// The joint probabilities `p_ij = (p_{j|i} + p_{i|j}) / Σ`, symmetric, so stored once per pair:
/// row `i` holds its neighbours `j > i` in CSR form (`cols[indptr[i]..indptr[i + 1]]`, sorted).
struct Affinities {
    indptr: Vec<usize>,
    cols: Vec<usize>,
    vals: Vec<f64>,
}

impl Affinities {
    /// sklearn's `_joint_probabilities_nn`: conditional probabilities over each point's
    /// neighbours (squared Euclidean distances) at the requested perplexity, then `P + Pᵀ`
    /// divided by its sum (which is 2n, each conditional row summing to 1).
    fn new(neighbors: &Neighbors, perplexity: f64) -> Affinities {
        let n = neighbors.indices.nrows();
        let mut d2 = vec![0.0; neighbors.k];
        let mut row = vec![0.0; neighbors.k];
        let mut pairs: Vec<(usize, usize, f64)> = Vec::with_capacity(n * neighbors.k);
        for i in 0..n {
            for (slot, d) in d2.iter_mut().zip(neighbors.distances.row(i)) {
                *slot = d * d;
            }
            search_bandwidth(&d2, perplexity, &mut row);
            for (&j, &p) in neighbors.indices.row(i).iter().zip(&row) {
                pairs.push((i.min(j), i.max(j), p));
            }
        }
        pairs.sort_unstable_by_key(|&(i, j, _)| (i, j));
        let mut p = Affinities { indptr: vec![0; n + 1], cols: Vec::new(), vals: Vec::new() };
        let mut last = None;
        for (i, j, v) in pairs {
            match p.vals.last_mut() {
                Some(sum) if last == Some((i, j)) => *sum += v, // the pair seen from its other end
                _ => {
                    p.cols.push(j);
                    p.vals.push(v);
                    p.indptr[i + 1] += 1;
                    last = Some((i, j));
                }
            }
        }
        for i in 0..n {
            p.indptr[i + 1] += p.indptr[i];
        }
        let total = 2.0 * p.vals.iter().sum::<f64>(); // both triangles
        let total = total.max(f64::EPSILON);
        p.vals.iter_mut().for_each(|v| *v /= total);
        p
    }

    fn len(&self) -> usize {
        self.indptr.len() - 1
    }
}

/// `p_{j|i} ∝ exp(−β d²_ij)` over one point's neighbours, with β bisected until the entropy
/// `H = −Σ p ln p` is `ln(perplexity)` within 1e-5 nats, as sklearn's
/// `_binary_search_perplexity` (β starts at 1, doubles or halves until bracketed, then bisects;
/// at most 100 steps). One difference: the distances are shifted by the smallest before `exp`,
/// which changes neither p nor H but keeps far-away neighbourhoods from underflowing to 0.
/// Returns β.
fn search_bandwidth(d2: &[f64], perplexity: f64, p: &mut [f64]) -> f64 {
    let target = perplexity.ln();
    let shift = d2.iter().copied().fold(f64::INFINITY, f64::min);
    let (mut beta, mut low, mut high) = (1.0, f64::NEG_INFINITY, f64::INFINITY);
    for _ in 0..PERPLEXITY_STEPS {
        let excess = gaussian_row(d2, shift, beta, p) - target;
        if excess.abs() <= PERPLEXITY_TOLERANCE {
            break;
        }
        if excess > 0.0 {
            low = beta;
            beta = if high == f64::INFINITY { beta * 2.0 } else { (beta + high) / 2.0 };
        } else {
            high = beta;
            beta = if low == f64::NEG_INFINITY { beta / 2.0 } else { (beta + low) / 2.0 };
        }
    }
    beta
}

/// Fills `p` with the normalised `exp(−β (d² − shift))` and returns its entropy,
/// `H = ln Σ e + β Σ p (d² − shift)`.
fn gaussian_row(d2: &[f64], shift: f64, beta: f64, p: &mut [f64]) -> f64 {
    let mut sum = 0.0;
    for (pj, &d) in p.iter_mut().zip(d2) {
        *pj = (-(d - shift) * beta).exp();
        sum += *pj;
    }
    let sum = if sum > 0.0 { sum } else { f64::EPSILON };
    let mut mean = 0.0;
    for (pj, &d) in p.iter_mut().zip(d2) {
        *pj /= sum;
        mean += (d - shift) * *pj;
    }
    sum.ln() + beta * mean
}

// ---------------------------------------------------------------------------------------------
// Objective and gradient

/// Buffers reused by every gradient, so an iteration allocates nothing.
struct Scratch {
    attract: Vec<f64>,
    repel: Vec<f64>,
    tree: QuadTree,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch { attract: vec![0.0; 2 * n], repel: vec![0.0; 2 * n], tree: QuadTree::new(n) }
    }
}

/// Writes into `grad` the gradient of KL(αP ‖ Q) (α the exaggeration, as sklearn multiplies P),
/// `∂/∂y_i = 4 Σ_j (α p_ij − q_ij) w_ij (y_i − y_j)` with `w_ij = (1 + ‖y_i − y_j‖²)⁻¹`,
/// `q_ij = w_ij / Z`, `Z = Σ_{k≠l} w_kl`, split as `4 (α A_i − R_i / Z)`: the attraction `A`
/// over P's sparse pairs, the repulsion `R_i = Σ_j w_ij² (y_i − y_j)` and `Z` by the quadtree
/// (`theta > 0`) or over all pairs (`theta = 0`). Returns `Z`. `pos` is `[x0, y0, x1, y1, …]`.
fn gradient(p: &Affinities, pos: &[f64], exaggeration: f64, theta: f64, scratch: &mut Scratch, grad: &mut [f64]) -> f64 {
    attraction(p, pos, &mut scratch.attract);
    let z = if theta > 0.0 {
        scratch.tree.build(pos);
        scratch.tree.repulsion(pos, theta * theta, &mut scratch.repel)
    } else {
        exact_repulsion(pos, &mut scratch.repel)
    };
    let z = z.max(f64::MIN_POSITIVE);
    for ((g, a), r) in grad.iter_mut().zip(&scratch.attract).zip(&scratch.repel) {
        *g = 4.0 * (exaggeration * a - r / z);
    }
    z
}

/// `A_i = Σ_j p_ij w_ij (y_i − y_j)`, each stored pair applied to both of its points.
fn attraction(p: &Affinities, pos: &[f64], out: &mut [f64]) {
    out.fill(0.0);
    for i in 0..p.len() {
        let (xi, yi) = (pos[2 * i], pos[2 * i + 1]);
        let (mut fx, mut fy) = (0.0, 0.0);
        for e in p.indptr[i]..p.indptr[i + 1] {
            let j = p.cols[e];
            let (dx, dy) = (xi - pos[2 * j], yi - pos[2 * j + 1]);
            let f = p.vals[e] / (1.0 + dx * dx + dy * dy);
            fx += f * dx;
            fy += f * dy;
            out[2 * j] -= f * dx;
            out[2 * j + 1] -= f * dy;
        }
        out[2 * i] += fx;
        out[2 * i + 1] += fy;
    }
}

/// `R` and `Z` over all pairs, O(n²): the exact mode.
fn exact_repulsion(pos: &[f64], out: &mut [f64]) -> f64 {
    out.fill(0.0);
    let n = pos.len() / 2;
    let mut z = 0.0;
    for i in 0..n {
        let (xi, yi) = (pos[2 * i], pos[2 * i + 1]);
        let (mut fx, mut fy) = (0.0, 0.0);
        for j in i + 1..n {
            let (dx, dy) = (xi - pos[2 * j], yi - pos[2 * j + 1]);
            let w = 1.0 / (1.0 + dx * dx + dy * dy);
            z += 2.0 * w;
            let m = w * w;
            fx += m * dx;
            fy += m * dy;
            out[2 * j] -= m * dx;
            out[2 * j + 1] -= m * dy;
        }
        out[2 * i] += fx;
        out[2 * i + 1] += fy;
    }
    z
}

/// `KL(P ‖ Q) = Σ_{i≠j} p_ij ln(p_ij / q_ij)`, `q_ij = w_ij / Z`; pairs outside P add nothing.
fn kl_divergence(p: &Affinities, pos: &[f64], z: f64) -> f64 {
    let ln_z = z.ln();
    let mut kl = 0.0;
    for i in 0..p.len() {
        for e in p.indptr[i]..p.indptr[i + 1] {
            let (pij, j) = (p.vals[e], p.cols[e]);
            if pij > 0.0 {
                let (dx, dy) = (pos[2 * i] - pos[2 * j], pos[2 * i + 1] - pos[2 * j + 1]);
                kl += pij * (pij.ln() + (1.0 + dx * dx + dy * dy).ln() + ln_z);
            }
        }
    }
    2.0 * kl // each stored pair stands for (i, j) and (j, i)
}

// ---------------------------------------------------------------------------------------------
// Quadtree (Barnes–Hut)

/// Deeper than this, points left together share a leaf (they are within 2⁻³² of the layout's
/// width of each other, or identical).
const MAX_DEPTH: usize = 32;
/// Points per group sharing one walk of the tree (see [`QuadTree::repulsion`]).
const GROUP: f64 = 16.0;

/// One cell: centre of mass and count of its points, which are `order[start..end]`, its squared
/// largest side, and its children `first .. first + count` in the cell list (`count == 0`: a
/// leaf).
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    x: f64,
    y: f64,
    size: f64,
    width2: f64,
    first: u32,
    count: u32,
    start: u32,
    end: u32,
}

/// The bounds of a cell or group: `[x_min, x_max, y_min, y_max]`.
type Bounds = [f64; 4];

/// A quadtree over the layout, rebuilt every iteration into the same buffers. Cells split at
/// their middle into up to four non-empty children, as sklearn's `_QuadTree`.
struct QuadTree {
    cells: Vec<Cell>,
    /// The points in tree order: each cell's points are contiguous.
    order: Vec<usize>,
    /// The cells whose points share a walk: the largest with at most [`GROUP`] points, and
    /// the leaves above that size (duplicates).
    groups: Vec<u32>,
    /// The walk's stack and its result, one `[x, y, size]` per interaction.
    stack: Vec<u32>,
    interactions: Vec<[f64; 3]>,
}

impl QuadTree {
    fn new(n: usize) -> QuadTree {
        QuadTree {
            cells: Vec::with_capacity(2 * n),
            order: Vec::with_capacity(n),
            groups: Vec::new(),
            stack: Vec::new(),
            interactions: Vec::new(),
        }
    }

    fn build(&mut self, pos: &[f64]) {
        let n = pos.len() / 2;
        self.cells.clear();
        if self.order.len() != n {
            // Otherwise the last iteration's order is kept: points move little, so the
            // partitions find them nearly in place.
            self.order.clear();
            self.order.extend(0..n);
        }
        self.cells.push(Cell::default());
        if n > 0 {
            self.fill(pos, 0, 0, n, bounds(pos, &self.order), 0);
        }
        self.find_groups();
    }

    /// Fills cell `c` with the points `order[start..end]` (non-empty) inside `b`, then its
    /// children. A split that leaves every point in one quadrant makes no child: the cell
    /// shrinks to that quadrant instead (a compressed quadtree). sklearn's tree would hold a
    /// chain of one-child cells there, all with this centre of mass and size, so the forces are
    /// the same: a walk accepts the shrunk cell exactly when it would accept some link of the
    /// chain.
    fn fill(&mut self, pos: &[f64], c: usize, start: usize, end: usize, mut b: Bounds, mut depth: usize) {
        let points = &self.order[start..end];
        let (x0, y0) = (pos[2 * points[0]], pos[2 * points[0] + 1]);
        let (mut sx, mut sy, mut same) = (0.0, 0.0, true);
        for &p in points {
            let (x, y) = (pos[2 * p], pos[2 * p + 1]);
            sx += x;
            sy += y;
            same &= x == x0 && y == y0;
        }
        let size = points.len() as f64;
        let (x, y, width2) = (sx / size, sy / size, 0.0);
        self.cells[c] = Cell { x, y, size, width2, first: 0, count: 0, start: start as u32, end: end as u32 };
        if points.len() == 1 || same {
            return;
        }
        let (cuts, quadrants) = loop {
            if depth == MAX_DEPTH {
                return; // a leaf of several points
            }
            let (mx, my) = ((b[0] + b[1]) / 2.0, (b[2] + b[3]) / 2.0);
            let cuts = self.split(pos, start, end, mx, my);
            let quadrants = [[b[0], mx, b[2], my], [b[0], mx, my, b[3]], [mx, b[1], b[2], my], [mx, b[1], my, b[3]]];
            depth += 1;
            match (0..4).find(|&q| cuts[q] == start && cuts[q + 1] == end) {
                Some(q) => b = quadrants[q],
                None => break (cuts, quadrants),
            }
        };
        let first = self.cells.len();
        let count = cuts.windows(2).filter(|w| w[0] < w[1]).count();
        self.cells.resize(first + count, Cell::default());
        let cell = &mut self.cells[c];
        cell.width2 = (b[1] - b[0]).powi(2).max((b[3] - b[2]).powi(2));
        (cell.first, cell.count) = (first as u32, count as u32);
        let mut child = first;
        for (q, bounds) in quadrants.into_iter().enumerate() {
            if cuts[q] < cuts[q + 1] {
                self.fill(pos, child, cuts[q], cuts[q + 1], bounds, depth);
                child += 1;
            }
        }
    }

    /// Reorders `order[start..end]` into the quadrants (x < mx, y < my), (x < mx, y ≥ my),
    /// (x ≥ mx, y < my), (x ≥ mx, y ≥ my); returns the five boundaries.
    fn split(&mut self, pos: &[f64], start: usize, end: usize, mx: f64, my: f64) -> [usize; 5] {
        let points = &mut self.order[start..end];
        let left = partition(points, |p| pos[2 * p] < mx);
        let (west, east) = points.split_at_mut(left);
        let low_west = partition(west, |p| pos[2 * p + 1] < my);
        let low_east = partition(east, |p| pos[2 * p + 1] < my);
        [start, start + low_west, start + left, start + left + low_east, end]
    }

    fn find_groups(&mut self) {
        self.groups.clear();
        self.stack.clear();
        self.stack.push(0);
        while let Some(c) = self.stack.pop() {
            let cell = self.cells[c as usize];
            if cell.size <= GROUP || cell.count == 0 {
                self.groups.push(c);
            } else {
                self.stack.extend(cell.first..cell.first + cell.count);
            }
        }
    }

    /// `R_i` for every point into `out`, and returns `Z`.
    ///
    /// Barnes–Hut with grouping (Barnes 1990): instead of one walk of the tree per point, one
    /// per group of at most 16 nearby points lists the cells that stand in for their points, and
    /// each point of the group then sums over that list, a tight loop without branches. A cell
    /// stands for its points at their centre of mass when it is a leaf or when
    /// `width² < θ² d²` (sklearn's criterion), `d` being here the distance from the centre of
    /// mass to the group's bounding box: the nearest any point of the group can be, so each
    /// cell meets sklearn's criterion for every point, and the result is at least as accurate.
    /// The group's own points are listed one by one (the point itself included, at distance 0:
    /// its `w = 1` is taken off `Z` afterwards and its force is 0).
    fn repulsion(&mut self, pos: &[f64], theta2: f64, out: &mut [f64]) -> f64 {
        let mut z = 0.0;
        for g in 0..self.groups.len() {
            let group = self.cells[self.groups[g] as usize];
            self.list_interactions(self.groups[g], pos, theta2);
            for &i in &self.order[group.start as usize..group.end as usize] {
                let [fx, fy, zi] = pull(&self.interactions, pos[2 * i], pos[2 * i + 1]);
                out[2 * i] = fx;
                out[2 * i + 1] = fy;
                z += zi - 1.0;
            }
        }
        z
    }

    /// Fills `interactions` for the points of cell `g` (see [`QuadTree::repulsion`]).
    fn list_interactions(&mut self, g: u32, pos: &[f64], theta2: f64) {
        let group = self.cells[g as usize];
        let (start, end) = (group.start as usize, group.end as usize);
        let b = bounds(pos, &self.order[start..end]);
        self.interactions.clear();
        self.stack.clear();
        self.stack.push(0);
        while let Some(c) = self.stack.pop() {
            let cell = &self.cells[c as usize];
            if c == g && cell.count != 0 {
                let points = self.order[start..end].iter().map(|&p| [pos[2 * p], pos[2 * p + 1], 1.0]);
                self.interactions.extend(points);
                continue;
            }
            let ancestor = cell.start <= group.start && group.end <= cell.end;
            let dx = (b[0] - cell.x).max(cell.x - b[1]).max(0.0);
            let dy = (b[2] - cell.y).max(cell.y - b[3]).max(0.0);
            if cell.count == 0 || (!ancestor && cell.width2 < theta2 * (dx * dx + dy * dy)) {
                self.interactions.push([cell.x, cell.y, cell.size]);
            } else {
                self.stack.extend(cell.first..cell.first + cell.count);
            }
        }
    }
}

/// `[Σ s w² dx, Σ s w² dy, Σ s w]` over the interactions `[x, y, s]` for the point `(px, py)`,
/// `w = 1 / (1 + dx² + dy²)`: the repulsion and its share of Z.
fn pull(interactions: &[[f64; 3]], px: f64, py: f64) -> [f64; 3] {
    let (mut fx, mut fy, mut z) = (0.0, 0.0, 0.0);
    for &[x, y, s] in interactions {
        let (dx, dy) = (px - x, py - y);
        let w = 1.0 / (1.0 + dx * dx + dy * dy);
        let sw = s * w;
        z += sw;
        fx += sw * w * dx;
        fy += sw * w * dy;
    }
    [fx, fy, z]
}

/// The bounding box of the given points.
fn bounds(pos: &[f64], points: &[usize]) -> Bounds {
    let mut b = [f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY];
    for &p in points {
        let (x, y) = (pos[2 * p], pos[2 * p + 1]);
        b = [b[0].min(x), b[1].max(x), b[2].min(y), b[3].max(y)];
    }
    b
}

/// Moves the indices satisfying `keep` to the front, in a fixed order; returns how many.
fn partition(points: &mut [usize], keep: impl Fn(usize) -> bool) -> usize {
    let mut k = 0;
    for m in 0..points.len() {
        if keep(points[m]) {
            points.swap(k, m);
            k += 1;
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// Irregular but reproducible values, so no two distances tie.
    fn scattered(n: usize, d: usize, seed: f64) -> Array2<f64> {
        Array2::from_shape_fn((n, d), |(i, j)| ((i * d + j) as f64 * 12.9898 + seed).sin() * 43.758 % 1.0)
    }

    /// Three well-separated blobs of `per` points in 5-D.
    fn blobs(per: usize) -> Array2<f64> {
        let noise = scattered(3 * per, 5, 0.5);
        Array2::from_shape_fn((3 * per, 5), |(i, j)| noise[[i, j]] + if j == i / per { 10.0 } else { 0.0 })
    }

    fn bits(a: ArrayView2<f64>) -> Vec<u64> {
        a.iter().map(|v| v.to_bits()).collect()
    }

    #[test]
    fn bandwidth_search_hits_the_perplexity() {
        let d2: Vec<f64> = (0..90).map(|j| 3.0 + (j as f64 * 0.77).sin().abs() * 40.0 + j as f64).collect();
        for perplexity in [2.0, 5.0, 30.0] {
            let mut p = vec![0.0; d2.len()];
            search_bandwidth(&d2, perplexity, &mut p);
            let entropy: f64 = -p.iter().filter(|&&v| v > 0.0).map(|v| v * v.ln()).sum::<f64>();
            // sklearn's tolerance on the entropy, plus rounding.
            assert!((entropy - perplexity.ln()).abs() < 1e-5 + 1e-12, "perplexity {perplexity}: H = {entropy}");
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn affinities_are_symmetric_and_sum_to_one() {
        let x = scattered(40, 3, 0.0);
        let p = Affinities::new(&knn(x.view(), 10), 3.0);
        let total: f64 = 2.0 * p.vals.iter().sum::<f64>();
        assert!((total - 1.0).abs() < 1e-12, "sum of P = {total}");
        for i in 0..p.len() {
            let row = &p.cols[p.indptr[i]..p.indptr[i + 1]];
            assert!(row.windows(2).all(|w| w[0] < w[1]) && row.iter().all(|&j| j > i));
        }
    }

    /// KL with an exact Z, the objective the exact gradient differentiates.
    fn exact_kl(p: &Affinities, pos: &[f64]) -> f64 {
        let z = exact_repulsion(pos, &mut vec![0.0; pos.len()]);
        kl_divergence(p, pos, z)
    }

    #[test]
    fn exact_gradient_matches_finite_differences() {
        let x = scattered(12, 4, 1.0);
        let p = Affinities::new(&knn(x.view(), 7), 2.0);
        let mut pos: Vec<f64> = scattered(12, 2, 7.0).iter().map(|v| 3.0 * v).collect();
        let mut grad = vec![0.0; pos.len()];
        gradient(&p, &pos, 1.0, 0.0, &mut Scratch::new(12), &mut grad);
        let h = 1e-6;
        for c in 0..pos.len() {
            let keep = pos[c];
            pos[c] = keep + h;
            let up = exact_kl(&p, &pos);
            pos[c] = keep - h;
            let down = exact_kl(&p, &pos);
            pos[c] = keep;
            let numeric = (up - down) / (2.0 * h);
            // Central differences: O(h²) truncation, O(1e-16 / h) rounding.
            assert!((grad[c] - numeric).abs() < 1e-7, "coordinate {c}: {} vs {numeric}", grad[c]);
        }
    }

    #[test]
    fn barnes_hut_approximates_the_exact_repulsion() {
        let pos: Vec<f64> = scattered(300, 2, 3.0).iter().map(|v| 20.0 * v).collect();
        let mut exact = vec![0.0; pos.len()];
        let z_exact = exact_repulsion(&pos, &mut exact);
        let mut tree = QuadTree::new(300);
        tree.build(&pos);
        let mut approx = vec![0.0; pos.len()];
        let z_bh = tree.repulsion(&pos, 0.25, &mut approx);
        assert!((z_bh - z_exact).abs() < 0.01 * z_exact, "Z: {z_bh} vs {z_exact}");
        let err: f64 = exact.iter().zip(&approx).map(|(a, b)| (a - b).powi(2)).sum::<f64>().sqrt();
        let norm: f64 = exact.iter().map(|a| a * a).sum::<f64>().sqrt();
        // θ = 0.5 keeps the force error to a few per cent (van der Maaten 2014, fig. 3).
        assert!(err < 0.05 * norm, "relative force error {}", err / norm);
        // θ → 0 opens every cell: exact.
        let z_zero = tree.repulsion(&pos, 0.0, &mut approx);
        assert!((z_zero - z_exact).abs() < 1e-9 * z_exact);
    }

    #[test]
    fn duplicates_count_in_the_repulsion() {
        // Two points at the origin among four; then 20 there (a leaf larger than a group).
        for copies in [2, 20] {
            let mut pos = vec![0.0; 2 * copies];
            pos.extend([1.0, 0.0, 0.0, 2.0, 3.0, 3.0]);
            let n = pos.len() / 2;
            let mut exact = vec![0.0; 2 * n];
            let z_exact = exact_repulsion(&pos, &mut exact);
            let mut tree = QuadTree::new(n);
            tree.build(&pos);
            let mut approx = vec![0.0; 2 * n];
            let z = tree.repulsion(&pos, 0.25, &mut approx);
            assert!((z - z_exact).abs() < 1e-3 * z_exact, "{copies} copies, Z: {z} vs {z_exact}");
            for (a, b) in approx[..2 * copies].iter().zip(&exact) {
                assert!((a - b).abs() < 1e-2 * b.abs().max(1e-3), "{copies} copies: {a} vs {b}");
            }
        }
    }

    #[test]
    fn same_seed_gives_the_same_bytes() {
        let x = blobs(20);
        let params = TsneParams { perplexity: 5.0, iterations: 300, seed: 3, theta: 0.5 };
        let a = tsne(x.view(), None, &params).unwrap();
        let b = tsne(x.view(), None, &params).unwrap();
        assert_eq!(bits(a.view()), bits(b.view()));
        assert!(a.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn another_seed_gives_another_layout() {
        let x = blobs(20);
        let params = TsneParams { perplexity: 5.0, iterations: 50, seed: 3, theta: 0.5 };
        let a = tsne(x.view(), None, &params).unwrap();
        let b = tsne(x.view(), None, &TsneParams { seed: 4, ..params }).unwrap();
        assert_ne!(bits(a.view()), bits(b.view()));
    }

    #[test]
    fn blobs_stay_apart_in_both_modes() {
        let x = blobs(20);
        for theta in [0.0, 0.5] {
            let mut run = Tsne::new(x.view(), None, &TsneParams { perplexity: 5.0, iterations: 500, seed: 1, theta }).unwrap();
            run.step(500);
            let y = run.embedding();
            let trust = crate::reduce::quality::trustworthiness(x.view(), y, 5);
            assert!(trust > 0.95, "theta {theta}: trustworthiness {trust}");
            assert!(run.kl_divergence().is_finite() && run.kl_divergence() >= 0.0);
        }
    }

    #[test]
    fn steps_add_up_and_stop_at_the_end() {
        let x = blobs(10);
        let params = TsneParams { perplexity: 3.0, iterations: 120, seed: 0, theta: 0.5 };
        let mut run = Tsne::new(x.view(), None, &params).unwrap();
        run.step(100);
        assert_eq!(run.iteration(), 100);
        assert!(!run.is_done());
        run.step(100);
        assert_eq!(run.iteration(), 120);
        assert!(run.is_done());
        let whole = tsne(x.view(), None, &params).unwrap();
        assert_eq!(bits(run.embedding()), bits(whole.view()));
    }

    #[test]
    fn the_given_start_is_used() {
        let x = blobs(10);
        let init = Array2::from_shape_fn((30, 2), |(i, c)| 1e-4 * (i as f64 + c as f64 * 0.5));
        let params = TsneParams { perplexity: 3.0, iterations: 0, ..TsneParams::default() };
        let run = Tsne::new(x.view(), Some(init.clone()), &params).unwrap();
        assert_eq!(run.embedding(), init.view());
    }

    #[test]
    fn identical_rows_give_finite_layouts() {
        let x = Array2::from_elem((12, 3), 2.5);
        for theta in [0.0, 0.5] {
            let y = tsne(x.view(), None, &TsneParams { perplexity: 2.0, iterations: 300, seed: 0, theta }).unwrap();
            assert!(y.iter().all(|v| v.is_finite()), "theta {theta}");
        }
    }

    #[test]
    fn bad_input_is_an_error() {
        let x = blobs(10); // 30 rows: perplexity below 10
        let run = |x: ArrayView2<f64>, init: Option<Array2<f64>>, params: TsneParams| Tsne::new(x, init, &params).err();
        let ok = TsneParams { perplexity: 5.0, ..TsneParams::default() };
        assert_eq!(run(x.slice(ndarray::s![..3, ..]), None, ok), Some(Error::TooFewRows { needed: 4, found: 3 }));
        for perplexity in [0.0, -1.0, 10.0, f64::NAN] {
            let got = run(x.view(), None, TsneParams { perplexity, ..ok });
            assert!(matches!(got, Some(Error::OutOfRange { name: "perplexity", min: 0.0, max: 10.0, .. })), "{perplexity}: {got:?}");
        }
        for theta in [-0.1, 1.5, f64::NAN] {
            let got = run(x.view(), None, TsneParams { theta, ..ok });
            assert!(matches!(got, Some(Error::OutOfRange { name: "theta", .. })), "{theta}: {got:?}");
        }
        let mut bad = x.clone();
        bad[[4, 2]] = f64::NAN;
        assert!(matches!(run(bad.view(), None, ok), Some(Error::OutOfRange { name: "x", .. })));
        bad[[4, 2]] = 1e200; // finite, but its squared distances are not
        assert!(matches!(run(bad.view(), None, ok), Some(Error::OutOfRange { name: "x", .. })));
        let short = Array2::zeros((29, 2));
        assert!(matches!(run(x.view(), Some(short), ok), Some(Error::OutOfRange { name: "init rows", .. })));
        let wide = Array2::zeros((30, 3));
        assert!(matches!(run(x.view(), Some(wide), ok), Some(Error::OutOfRange { name: "init columns", .. })));
        let mut nan = Array2::zeros((30, 2));
        nan[[0, 0]] = f64::INFINITY;
        assert!(matches!(run(x.view(), Some(nan), ok), Some(Error::OutOfRange { name: "init", .. })));
    }
}
