//! Gradient descent you can see: a logistic regression on ONE (standardised) feature has two
//! parameters, the slope `w` and the intercept `b`, so its objective is a surface over the
//! plane and each step of gradient descent a point on it.
//!
//! The objective is the mean log-loss plus an L2 penalty on `w` (not on `b`):
//!
//! `L(w, b) = (1/n) Σᵢ log(1 + e^{−sᵢ (w xᵢ + b)}) + w² / (2 C n)`, `sᵢ = ±1`,
//!
//! which is scikit-learn's `½ w² + C Σ log-loss` divided by `C n`: the same minimiser as
//! `learn::logistic::fit` with the same `C`. `C = None` is no penalty (`C = +∞`).
//!
//! - [`surface`] evaluates `L` on a grid and finds its exact minimum by Newton's method.
//! - [`path`] follows the optimiser (`neural::Optimiser`, SGD with momentum or Adam) from a
//!   start point, one batch a step, and stops where the path leaves the plane's bound.
//!
//! Each row's loss is `max(−m, 0) + log1p(e^{−|m|})` at margin `m = s z` (never overflows),
//! through `libm` and plain loops, so native and wasm runs give the same bits.

use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use serde::{Deserialize, Serialize};

use super::logistic::sigmoid;
use super::neural::{Optimiser, Solver};
use crate::error::{check_within, Error, Need, Result};
use crate::prep::split::shuffle;

/// The plane's bound: a path whose `|w|` or `|b|` goes past it has diverged (and a grid's
/// ranges stay inside it).
pub const BOUND: f64 = 1e3;
/// Steps of a path at most.
pub const MAX_STEPS: usize = 5_000;
/// Grid points per axis of a surface, at least and at most.
pub const MIN_RESOLUTION: usize = 2;
pub const MAX_RESOLUTION: usize = 200;

/// The objective on a grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Surface {
    /// `resolution` slopes from `w_range[0]` to `w_range[1]` (both included, evenly spaced).
    pub w: Vec<f64>,
    /// `resolution` intercepts from `b_range[0]` to `b_range[1]`.
    pub b: Vec<f64>,
    /// Row-major, one row per intercept: `loss[j * w.len() + i] = L(w[i], b[j])` (so `w` runs
    /// along the horizontal axis, `b` along the vertical one).
    pub loss: Vec<f64>,
    /// The exact minimiser `[w, b]` (Newton's method to a gradient of 1e-12), wherever it is,
    /// on the grid or not. `None` when `L` has no finite minimum: no penalty and classes that a
    /// threshold on `x` separates (the loss keeps falling as `|w| → ∞`).
    pub minimum: Option<[f64; 2]>,
    /// `L` at `minimum`.
    pub minimum_loss: Option<f64>,
}

/// How a path descends. JSON: `{ "solver": "sgd", "learning_rate": 0.1, "momentum": 0.0,
/// "batch_size": null, "start": [0.0, 0.0], "steps": 100, "seed": 0 }` (these are the defaults;
/// any field may be left out, an unknown one is an error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PathSpec {
    /// `sgd` (with `momentum`) or `adam` (which ignores `momentum`).
    pub solver: Solver,
    /// > 0.
    pub learning_rate: f64,
    /// SGD's classical momentum `μ` in [0, 1): `v ← μ v − lr g`, `w ← w + v`.
    pub momentum: f64,
    /// Rows per step: `None` every row (full batch), 1 one row at a time; more than the rows
    /// there are is every row.
    pub batch_size: Option<usize>,
    /// `[w, b]` where the path starts, within ±`BOUND`.
    pub start: [f64; 2],
    /// Updates, 1 to `MAX_STEPS`.
    pub steps: usize,
    /// Seed of the row shuffles (mini-batches only).
    pub seed: u64,
}

impl Default for PathSpec {
    fn default() -> Self {
        PathSpec { solver: Solver::Sgd, learning_rate: 0.1, momentum: 0.0, batch_size: None, start: [0.0, 0.0], steps: 100, seed: 0 }
    }
}

/// A descent: the points visited and the objective there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    /// `[w, b]` after each step, `points[0]` the start: `steps + 1` points, fewer if diverged.
    pub points: Vec<[f64; 2]>,
    /// The full-data objective `L` at each point (whatever the batch of the step).
    pub losses: Vec<f64>,
    /// The step (1-based) whose update left the bound (`|w|` or `|b|` > `BOUND`) or gave a
    /// value that is not a number: the path stops before it, so `points` holds the start and
    /// the `k − 1` steps before. `None` when every step stayed in.
    pub diverged: Option<usize>,
}

/// The exact minimiser `[w, b]` of `L`; `None` when it has no finite minimum.
pub fn minimum(x: &[f64], y: &[bool], c: Option<f64>) -> Result<Option<[f64; 2]>> {
    Ok(Data::new(x, y, c)?.minimum())
}

/// `L` on a `resolution × resolution` grid of `w_range × b_range`, and its exact minimum.
/// `c`: `None` (or `+∞`) for no penalty, else > 0.
pub fn surface(x: &[f64], y: &[bool], c: Option<f64>, w_range: [f64; 2], b_range: [f64; 2], resolution: usize) -> Result<Surface> {
    let data = Data::new(x, y, c)?;
    check_range("descent.w_range", w_range)?;
    check_range("descent.b_range", b_range)?;
    check_within("descent.resolution", resolution, MIN_RESOLUTION, MAX_RESOLUTION)?;
    let w = linspace(w_range, resolution);
    let b = linspace(b_range, resolution);
    let mut loss = Vec::with_capacity(resolution * resolution);
    for &bj in &b {
        loss.extend(w.iter().map(|&wi| data.loss(wi, bj)));
    }
    let minimum = data.minimum();
    Ok(Surface { w, b, loss, minimum_loss: minimum.map(|[w, b]| data.loss(w, b)), minimum })
}

/// The descent `settings` asks for, from `settings.start`. Each step is one update of the
/// optimiser on one batch's gradient, `(1/|B|) Σ_{i∈B} ∇ℓᵢ + ∇(w² / (2 C n))` (an unbiased
/// estimate of `∇L`). Mini-batches (`batch_size` below the rows) are consecutive slices of the
/// rows shuffled at the start of each pass (Fisher–Yates, ChaCha8 seeded with `seed`); the
/// last batch of a pass may be shorter. A full batch takes the rows in order, so its path does
/// not depend on the seed. Never panics, never gives NaN: a step that leaves the bound ends
/// the path (`diverged`).
pub fn path(x: &[f64], y: &[bool], c: Option<f64>, settings: &PathSpec) -> Result<Path> {
    let data = Data::new(x, y, c)?;
    check_path(settings)?;
    let n = x.len();
    let batch = settings.batch_size.unwrap_or(n).min(n);
    let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
    let mut order: Vec<usize> = (0..n).collect();
    let mut next = n; // a pass starts with a shuffle
    let mut optimiser = Optimiser::new(settings.solver, settings.learning_rate, settings.momentum, 2);
    let mut params = settings.start;
    let mut points = vec![params];
    let mut losses = vec![data.loss(params[0], params[1])];
    let mut diverged = None;
    for step in 1..=settings.steps {
        let rows = if batch == n {
            &order[..]
        } else {
            if next >= n {
                shuffle(&mut order, &mut rng);
                next = 0;
            }
            let end = (next + batch).min(n);
            let rows = &order[next..end];
            next = end;
            rows
        };
        let grad = data.gradient(params[0], params[1], rows);
        optimiser.step(&mut params, &grad);
        let loss = data.loss(params[0], params[1]);
        if !params.iter().all(|&p| within(p)) || !loss.is_finite() {
            diverged = Some(step);
            break;
        }
        points.push(params);
        losses.push(loss);
    }
    Ok(Path { points, losses, diverged })
}

/// The rows, their labels and the penalty's weight `λ = 1 / (C n)` (0 without a penalty).
struct Data<'a> {
    x: &'a [f64],
    y: &'a [bool],
    lambda: f64,
}

impl<'a> Data<'a> {
    /// As many labels as values, at least one, all finite, both classes; `C` > 0 or none.
    fn new(x: &'a [f64], y: &'a [bool], c: Option<f64>) -> Result<Data<'a>> {
        if x.is_empty() || y.is_empty() {
            return Err(Error::TooFewRows { needed: 2, found: x.len().min(y.len()) });
        }
        if x.len() != y.len() {
            return Err(Error::LengthMismatch { labels: y.len(), scores: x.len() });
        }
        if let Some(row) = x.iter().position(|v| !v.is_finite()) {
            return Err(Error::NotANumber { row: row + 1 });
        }
        if let Some(missing) = [true, false].into_iter().find(|class| !y.contains(class)) {
            let class = if missing { "positive" } else { "negative" };
            return Err(Error::EmptyClass { part: "train", class: class.into() });
        }
        let lambda = match c {
            None => 0.0,
            Some(c) if c > 0.0 => 1.0 / (c * x.len() as f64), // +∞ gives 0: no penalty
            Some(c) => return Err(Error::BadParam { field: "descent.C".into(), value: c.to_string(), need: Need::Positive }),
        };
        Ok(Data { x, y, lambda })
    }

    /// `L(w, b)`.
    fn loss(&self, w: f64, b: f64) -> f64 {
        let mut sum = 0.0;
        for (&x, &y) in self.x.iter().zip(self.y) {
            let z = w * x + b;
            let m = if y { z } else { -z };
            sum += (-m).max(0.0) + libm::log1p(libm::exp(-m.abs()));
        }
        sum / self.x.len() as f64 + 0.5 * self.lambda * w * w
    }

    /// The gradient of the mean loss over `rows`, plus the penalty's: `[∂w, ∂b]`.
    fn gradient(&self, w: f64, b: f64, rows: &[usize]) -> [f64; 2] {
        let (mut gw, mut gb) = (0.0, 0.0);
        for &i in rows {
            let r = sigmoid(w * self.x[i] + b) - f64::from(u8::from(self.y[i]));
            gw += r * self.x[i];
            gb += r;
        }
        let m = rows.len().max(1) as f64;
        [gw / m + self.lambda * w, gb / m]
    }

    /// True when `L` has a finite minimiser: always with a penalty; without one, when no
    /// threshold on `x` puts every positive on one side and every negative on the other (ties
    /// included: quasi-separation has no finite fit either).
    fn has_minimum(&self) -> bool {
        if self.lambda > 0.0 {
            return true;
        }
        let extent = |class: bool| {
            let values = self.x.iter().zip(self.y).filter(|(_, &y)| y == class).map(|(&x, _)| x);
            values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
        };
        let ((pos_lo, pos_hi), (neg_lo, neg_hi)) = (extent(true), extent(false));
        pos_lo < neg_hi && neg_lo < pos_hi
    }

    /// The minimiser by Newton's method from `(0, 0)` with Armijo backtracking: `L` is convex,
    /// strictly once it has a finite minimum, so this converges quadratically.
    fn minimum(&self) -> Option<[f64; 2]> {
        if !self.has_minimum() {
            return None;
        }
        let n = self.x.len() as f64;
        let (mut w, mut b) = (0.0, 0.0);
        let mut f = self.loss(w, b);
        for _ in 0..100 {
            // Gradient and Hessian of L.
            let (mut gw, mut gb, mut hww, mut hwb, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (&x, &y) in self.x.iter().zip(self.y) {
                let p = sigmoid(w * x + b);
                let r = p - f64::from(u8::from(y));
                let d = p * (1.0 - p);
                gw += r * x;
                gb += r;
                hww += d * x * x;
                hwb += d * x;
                hbb += d;
            }
            let (gw, gb) = (gw / n + self.lambda * w, gb / n);
            let (hww, hwb, hbb) = (hww / n + self.lambda, hwb / n, hbb / n);
            if gw.abs().max(gb.abs()) <= 1e-12 {
                return Some([w, b]);
            }
            // Newton's direction; the gradient's where the Hessian is (numerically) singular.
            let det = hww * hbb - hwb * hwb;
            let (dw, db) = if det > 1e-300 && det.is_finite() { (-(hbb * gw - hwb * gb) / det, -(hww * gb - hwb * gw) / det) } else { (-gw, -gb) };
            let slope = gw * dw + gb * db;
            if slope.is_nan() || slope >= 0.0 {
                break;
            }
            let mut t = 1.0;
            let mut moved = false;
            for _ in 0..60 {
                let trial = self.loss(w + t * dw, b + t * db);
                if trial <= f + 1e-4 * t * slope {
                    (w, b, f) = (w + t * dw, b + t * db, trial);
                    moved = true;
                    break;
                }
                t *= 0.5;
            }
            if !moved {
                // `L` no longer falls in floating point: as close as it gets.
                break;
            }
        }
        let gradient = self.gradient(w, b, &(0..self.x.len()).collect::<Vec<_>>());
        (w.is_finite() && b.is_finite() && gradient.iter().all(|g| g.abs() <= 1e-8)).then_some([w, b])
    }
}

/// The checks of a path's settings, each naming its field.
fn check_path(s: &PathSpec) -> Result<()> {
    if !(s.learning_rate > 0.0 && s.learning_rate.is_finite()) {
        return Err(Error::BadParam { field: "descent.learning_rate".into(), value: s.learning_rate.to_string(), need: Need::Positive });
    }
    if !(0.0..1.0).contains(&s.momentum) {
        return Err(Error::BadParam { field: "descent.momentum".into(), value: s.momentum.to_string(), need: Need::Fraction });
    }
    if s.batch_size == Some(0) {
        return Err(Error::BadParam { field: "descent.batch_size".into(), value: "0".into(), need: Need::AtLeast(1) });
    }
    check_within("descent.steps", s.steps, 1, MAX_STEPS)?;
    if let Some(&v) = s.start.iter().find(|&&v| !within(v)) {
        return Err(Error::OutOfRange { name: "descent.start", value: v, min: -BOUND, max: BOUND });
    }
    Ok(())
}

/// A grid's range: both ends within ±`BOUND`, the second above the first.
fn check_range(name: &'static str, [lo, hi]: [f64; 2]) -> Result<()> {
    if !within(lo) {
        return Err(Error::OutOfRange { name, value: lo, min: -BOUND, max: BOUND });
    }
    if !(hi > lo && hi <= BOUND) {
        return Err(Error::OutOfRange { name, value: hi, min: lo, max: BOUND });
    }
    Ok(())
}

/// Inside the plane's bound (false for NaN).
fn within(v: f64) -> bool {
    v.abs() <= BOUND
}

/// `count ≥ 2` evenly spaced values from `lo` to `hi`, both ends exact.
fn linspace([lo, hi]: [f64; 2], count: usize) -> Vec<f64> {
    let last = (count - 1) as f64;
    (0..count).map(|i| if i + 1 == count { hi } else { lo + (hi - lo) * (i as f64 / last) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_matches_finite_differences() {
        let (x, y) = ([0.5, -1.0, 1.5, 2.0, -0.3], [true, false, false, true, true]);
        let data = Data::new(&x, &y, Some(0.7)).unwrap();
        let (w, b, h) = (0.3, -0.2, 1e-6);
        let g = data.gradient(w, b, &[0, 1, 2, 3, 4]);
        let dw = (data.loss(w + h, b) - data.loss(w - h, b)) / (2.0 * h);
        let db = (data.loss(w, b + h) - data.loss(w, b - h)) / (2.0 * h);
        assert!((dw - g[0]).abs() < 1e-9 && (db - g[1]).abs() < 1e-9, "{g:?} vs {dw}, {db}");
    }

    #[test]
    fn separable_data_without_penalty_has_no_minimum() {
        let (x, y) = ([-2.0, -1.0, 1.0, 2.0], [false, false, true, true]);
        assert_eq!(Data::new(&x, &y, None).unwrap().minimum(), None);
        assert!(Data::new(&x, &y, Some(1.0)).unwrap().minimum().is_some());
        // Ties at the threshold: quasi-separation, still no finite fit.
        let (x, y) = ([-1.0, 0.0, 0.0, 1.0], [false, false, true, true]);
        assert_eq!(Data::new(&x, &y, None).unwrap().minimum(), None);
    }

    #[test]
    fn linspace_ends_exactly() {
        assert_eq!(linspace([-1.0, 0.3], 3), vec![-1.0, -0.35, 0.3]);
    }
}
