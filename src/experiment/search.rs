//! Hyperparameter search (`spec.search`): grid, random or TPE over the model's parameters, each
//! trial scored by the mean of a metric over the cross-validation folds (`spec.cv`, or 5
//! stratified folds). A trial a step, so the worker can show progress, stop on a time budget
//! (the caller's clock: the core has none in wasm) and keep the finished trials.
//!
//! TPE follows Optuna's default sampler, univariate: the first `STARTUP` trials are random;
//! then the finished trials are split into the best `γ(n) = min(⌈n/10⌉, 25)` and the rest, each
//! parameter gets two Parzen estimators (truncated Gaussians at the observed values, plus a
//! prior over the whole range; categories: smoothed counts), `CANDIDATES` values are drawn from
//! the good one and the value with the highest ratio good / bad density is tried. Differences
//! from Optuna: bandwidths are hyperopt's (the distance to the farther neighbour, clipped to
//! [range / min(100, n + 1), range]), and every trial has the same weight.
//!
//! Ask and tell, so the trials can run on a pool of workers: `ask` hands out the next trial's
//! parameters, `fold` runs one fold of a trial (on any worker holding a `Search` of the same
//! spec), `tell` gives back a trial's folds. Grid and random parameters do not depend on the
//! results, so many trials may be in flight. TPE's do: after its random start, `ask` answers
//! only once every earlier trial is told, so it models the same trials, and draws the same
//! parameters, however many workers there are. The same seed gives the same trials whatever the
//! number of workers; the report lists the told trials in trial order. `step` (the sequential
//! path) is ask, every fold, tell.

use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::cv::{CrossValidation, CvReport, FoldRecord, FoldScores};
use super::search_space::with_params;
use super::spec::Spec;
use crate::data::Table;
use crate::error::{Error, Need, Result};
use crate::learn::ModelSpec;
use crate::prep::folds::CvSpec;
use crate::prep::split::below;
use crate::reduce::random::{normal, uniform};

/// Random trials before TPE models anything.
const STARTUP: usize = 10;
/// Values drawn from the good estimator at each TPE trial.
const CANDIDATES: usize = 24;
/// Points per numeric parameter in a grid.
const GRID_POINTS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Grid,
    #[default]
    Random,
    Tpe,
}

/// One parameter's range: `{ "log": [0.001, 1000] }` (a positive float, drawn on a log scale),
/// `{ "uniform": [0, 1] }`, `{ "int": [1, 30] }`, or `{ "values": [...] }` (any values, as
/// categories).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Range {
    Log([f64; 2]),
    Uniform([f64; 2]),
    Int([i64; 2]),
    Values(Vec<Value>),
}

/// `spec.search`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchSpec {
    pub method: Method,
    /// Parameter name (as the model spells it) → its range, in this order.
    pub space: Map<String, Value>,
    /// Trials at most (a grid stops at its last point).
    pub trials: usize,
    /// The caller's time budget; the core itself only counts trials.
    pub seconds: Option<f64>,
    /// `accuracy`, `precision`, `recall`, `f1`, `roc_auc` or `average_precision`.
    pub metric: String,
    pub seed: u64,
}

impl Default for SearchSpec {
    fn default() -> Self {
        SearchSpec { method: Method::Random, space: Map::new(), trials: 20, seconds: None, metric: "roc_auc".into(), seed: 0 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trial {
    pub params: Map<String, Value>,
    /// The metric's mean over the folds, and its spread (ddof 0).
    pub score: f64,
    pub std: f64,
}

/// `report.search`: the trials in the order they ran, and the best (the first among ties).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchReport {
    pub method: Method,
    pub metric: String,
    pub trials: Vec<Trial>,
    pub best: Option<Trial>,
}

/// A trial handed out by `ask`: its number (from 0) and the parameters to try.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ask {
    pub trial: usize,
    pub params: Map<String, Value>,
}

/// A search under way.
pub struct Search {
    spec: SearchSpec,
    space: Vec<(String, Range)>,
    model: ModelSpec,
    cv: CrossValidation,
    grid: Vec<Vec<Value>>,
    rng: ChaCha8Rng,
    /// The told trials in trial order, and their numbers (sorted).
    trials: Vec<Trial>,
    told: Vec<usize>,
    /// Asked and not yet told: trial number → its parameters.
    pending: std::collections::BTreeMap<usize, Map<String, Value>>,
    /// Trials asked so far.
    asked: usize,
    stopped: bool,
}

const METRICS: [&str; 6] = ["accuracy", "precision", "recall", "f1", "roc_auc", "average_precision"];

fn metric_of(scores: &FoldScores, metric: &str) -> Option<f64> {
    match metric {
        "accuracy" => Some(scores.accuracy),
        "precision" => Some(scores.precision),
        "recall" => Some(scores.recall),
        "f1" => Some(scores.f1),
        "roc_auc" => scores.roc_auc,
        _ => scores.average_precision,
    }
}

fn bad(field: &str, value: impl ToString, need: Need) -> Error {
    Error::BadParam { field: format!("search.{field}"), value: value.to_string(), need }
}

/// Reads the space in parameter-name order (so the order a space is written in changes
/// neither the trials nor the journal key, which sorts keys), refusing an empty one and ranges
/// that cannot be drawn from.
fn read_space(space: &Map<String, Value>) -> Result<Vec<(String, Range)>> {
    if space.is_empty() {
        return Err(bad("space", "{}", Need::OneOf(vec!["{ \"C\": { \"log\": [0.001, 1000] } }".into()])));
    }
    let mut named: Vec<(&String, &Value)> = space.iter().collect();
    named.sort_by(|a, b| a.0.cmp(b.0));
    named
        .into_iter()
        .map(|(name, v)| {
            let range: Range = serde_json::from_value(v.clone()).map_err(|e| Error::BadSpec { detail: format!("search.space.{name}: {e}") })?;
            let ok = match &range {
                Range::Log([lo, hi]) => *lo > 0.0 && lo < hi && hi.is_finite(),
                Range::Uniform([lo, hi]) => lo < hi && lo.is_finite() && hi.is_finite(),
                Range::Int([lo, hi]) => lo <= hi,
                Range::Values(v) => !v.is_empty(),
            };
            if ok {
                Ok((name.clone(), range))
            } else {
                Err(bad(&format!("space.{name}"), v, Need::OneOf(vec!["log [lo > 0, hi > lo]".into(), "uniform [lo, hi > lo]".into(), "int [lo, hi ≥ lo]".into(), "values [one or more]".into()])))
            }
        })
        .collect()
}

/// A numeric range as it is modelled: log-scale for `Log`, and `[lo − ½, hi + ½]` for integers.
fn bounds(range: &Range) -> Option<(f64, f64)> {
    match range {
        Range::Log([lo, hi]) => Some((libm::log(*lo), libm::log(*hi))),
        Range::Uniform([lo, hi]) => Some((*lo, *hi)),
        Range::Int([lo, hi]) => Some((*lo as f64 - 0.5, *hi as f64 + 0.5)),
        Range::Values(_) => None,
    }
}

/// A modelled number back to the parameter's value.
fn value_of(range: &Range, z: f64) -> Value {
    match range {
        Range::Log([lo, hi]) => Value::from(libm::exp(z).clamp(*lo, *hi)),
        Range::Uniform([lo, hi]) => Value::from(z.clamp(*lo, *hi)),
        Range::Int([lo, hi]) => Value::from((libm::round(z) as i64).clamp(*lo, *hi)),
        Range::Values(v) => v[0].clone(),
    }
}

/// A parameter's value as it is modelled (the inverse of `value_of`), or a category's index.
fn modelled(range: &Range, v: &Value) -> f64 {
    match range {
        Range::Log(_) => libm::log(v.as_f64().unwrap_or(1.0)),
        Range::Values(values) => values.iter().position(|x| x == v).unwrap_or(0) as f64,
        _ => v.as_f64().unwrap_or(0.0),
    }
}

/// Each parameter's grid values: the categories, the integers (at most `GRID_POINTS`, evenly
/// spread), or `GRID_POINTS` points evenly spread (on a log scale for `Log`).
fn grid_values(range: &Range) -> Vec<Value> {
    match range {
        Range::Values(v) => v.clone(),
        Range::Int([lo, hi]) if hi - lo < GRID_POINTS as i64 => (*lo..=*hi).map(Value::from).collect(),
        _ => {
            let (lo, hi) = bounds(range).unwrap_or((0.0, 1.0));
            let (lo, hi) = if matches!(range, Range::Int(_)) { (lo + 0.5, hi - 0.5) } else { (lo, hi) };
            let step = (hi - lo) / (GRID_POINTS - 1) as f64;
            let mut values: Vec<Value> = (0..GRID_POINTS).map(|i| value_of(range, lo + step * i as f64)).collect();
            values.dedup();
            values
        }
    }
}

/// Every combination, the first parameter varying slowest.
fn cartesian(space: &[(String, Range)]) -> Vec<Vec<Value>> {
    space.iter().fold(vec![Vec::new()], |combos, (_, range)| {
        let values = grid_values(range);
        combos.iter().flat_map(|c| values.iter().map(move |v| [c.clone(), vec![v.clone()]].concat())).collect()
    })
}

impl Search {
    /// Checks the search and prepares the folds its trials share.
    pub fn new(spec: &Spec, search: &SearchSpec, loaded: &Table) -> Result<Search> {
        if !METRICS.contains(&search.metric.as_str()) {
            return Err(bad("metric", &search.metric, Need::OneOf(METRICS.iter().map(|m| m.to_string()).collect())));
        }
        if search.trials == 0 {
            return Err(bad("trials", 0, Need::AtLeast(1)));
        }
        let space = read_space(&search.space)?;
        let mut cv = CrossValidation::new(spec, spec.cv.as_ref().unwrap_or(&CvSpec::default()), loaded)?;
        cv.keep_prepared();
        let grid = if search.method == Method::Grid { cartesian(&space) } else { Vec::new() };
        let rng = ChaCha8Rng::seed_from_u64(search.seed);
        Ok(Search { spec: search.clone(), space, model: spec.model.clone(), cv, grid, rng, trials: Vec::new(), told: Vec::new(), pending: Default::default(), asked: 0, stopped: false })
    }

    /// The told trials, in trial order.
    pub fn trials(&self) -> &[Trial] {
        &self.trials
    }

    /// The number of folds of each trial.
    pub fn folds(&self) -> usize {
        self.cv.len()
    }

    /// `(trials done, trials at most)`.
    pub fn progress(&self) -> (usize, usize) {
        let total = if self.spec.method == Method::Grid { self.grid.len().min(self.spec.trials) } else { self.spec.trials };
        (self.trials.len(), total)
    }

    pub fn done(&self) -> bool {
        let (done, total) = self.progress();
        self.stopped || done >= total
    }

    /// Runs no more trials: `ask` hands out none, and the report keeps the told ones.
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    /// The next trial to run, or `None`: the search is done or stopped, every trial is out, or
    /// (TPE past its random start) an earlier trial is not told yet: ask again after a `tell`.
    pub fn ask(&mut self) -> Option<Ask> {
        let total = self.progress().1;
        let waits = self.spec.method == Method::Tpe && self.asked >= STARTUP && !self.pending.is_empty();
        if self.stopped || self.asked >= total || waits {
            return None;
        }
        let values = match self.spec.method {
            Method::Grid => self.grid[self.asked].clone(),
            Method::Random => self.space.clone().iter().map(|(_, r)| self.random(r)).collect(),
            Method::Tpe if self.asked < STARTUP => self.space.clone().iter().map(|(_, r)| self.random(r)).collect(),
            Method::Tpe => self.space.clone().iter().map(|(name, r)| self.tpe(name, r)).collect(),
        };
        let params: Map<String, Value> = self.space.iter().map(|(n, _)| n.clone()).zip(values).collect();
        let trial = self.asked;
        self.asked += 1;
        self.pending.insert(trial, params.clone());
        Some(Ask { trial, params })
    }

    /// Fold `i` (0-based) of the model with `params`; each fold's preparation is learnt once and
    /// kept for the next trials.
    pub fn fold(&self, params: &Map<String, Value>, i: usize) -> Result<FoldRecord> {
        self.cv.fold_with(&with_params(&self.model, params)?, i)
    }

    /// Gives back trial `trial`'s folds (any order); answers the trial as scored. A trial not
    /// asked, already told, or with missing folds is an error.
    pub fn tell(&mut self, trial: usize, folds: Vec<FoldRecord>) -> Result<Trial> {
        let k = self.cv.len();
        let mut numbers: Vec<usize> = folds.iter().map(|f| f.fold).collect();
        numbers.sort_unstable();
        if numbers != (1..=k).collect::<Vec<_>>() {
            return Err(bad("tell.folds", numbers.len(), Need::AtLeast(k)));
        }
        let Some(params) = self.pending.remove(&trial) else { return Err(bad("tell.trial", trial, Need::AtMost(self.asked.saturating_sub(1)))) };
        let cv = CvReport::from_folds(folds);
        let metric = &self.spec.metric;
        let score = metric_of(&cv.mean, metric).unwrap_or(f64::NAN);
        let std = metric_of(&cv.std, metric).unwrap_or(f64::NAN);
        let scored = Trial { params, score, std };
        let at = self.told.partition_point(|&t| t < trial);
        self.told.insert(at, trial);
        self.trials.insert(at, scored.clone());
        Ok(scored)
    }

    /// Runs the next trial: asks its parameters, cross-validates the model with them, tells.
    pub fn step(&mut self) -> Result<()> {
        if self.done() {
            return Ok(());
        }
        let Some(ask) = self.ask() else { return Ok(()) };
        let folds = (0..self.cv.len()).map(|i| self.fold(&ask.params, i)).collect::<Result<Vec<_>>>()?;
        self.tell(ask.trial, folds)?;
        Ok(())
    }

    /// The trials so far and the best of them: a search stopped early keeps what it found.
    pub fn report(&self) -> SearchReport {
        let best = self.trials.iter().filter(|t| t.score.is_finite()).fold(None::<&Trial>, |b, t| match b {
            Some(b) if b.score >= t.score => Some(b),
            _ => Some(t),
        });
        SearchReport { method: self.spec.method, metric: self.spec.metric.clone(), trials: self.trials.clone(), best: best.cloned() }
    }

    fn random(&mut self, range: &Range) -> Value {
        match (range, bounds(range)) {
            (Range::Values(v), _) => v[below(&mut self.rng, v.len())].clone(),
            (_, Some((lo, hi))) => value_of(range, lo + (hi - lo) * uniform(&mut self.rng)),
            _ => Value::Null,
        }
    }

    /// The finished trials' modelled values of parameter `name`, best scores first split off:
    /// `(good, bad)`.
    fn split_trials(&self, name: &str, range: &Range) -> (Vec<f64>, Vec<f64>) {
        let mut scored: Vec<(f64, f64)> =
            self.trials.iter().filter(|t| t.score.is_finite()).map(|t| (t.score, modelled(range, &t.params[name]))).collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let n_good = scored.len().div_ceil(10).min(25);
        let (good, bad) = scored.split_at(n_good.min(scored.len()));
        (good.iter().map(|p| p.1).collect(), bad.iter().map(|p| p.1).collect())
    }

    fn tpe(&mut self, name: &str, range: &Range) -> Value {
        let (good, bad) = self.split_trials(name, range);
        if let Range::Values(values) = range {
            let weights = |obs: &[f64]| -> Vec<f64> {
                let mut w = vec![1.0 / values.len() as f64; values.len()];
                obs.iter().for_each(|&i| w[i as usize] += 1.0);
                w
            };
            let (l, g) = (weights(&good), weights(&bad));
            let (sl, sg): (f64, f64) = (l.iter().sum(), g.iter().sum());
            let best = (0..CANDIDATES).map(|_| pick(&l, sl, &mut self.rng)).max_by(|&a, &b| (l[a] / sl / (g[a] / sg)).total_cmp(&(l[b] / sl / (g[b] / sg))));
            return values[best.unwrap_or(0)].clone();
        }
        let Some((lo, hi)) = bounds(range) else { return Value::Null };
        let (l, g) = (Parzen::new(&good, lo, hi), Parzen::new(&bad, lo, hi));
        let candidates: Vec<f64> = (0..CANDIDATES).map(|_| l.sample(&mut self.rng)).collect();
        let best = candidates.into_iter().max_by(|&a, &b| (l.log_density(a) - g.log_density(a)).total_cmp(&(l.log_density(b) - g.log_density(b))));
        value_of(range, best.unwrap_or((lo + hi) / 2.0))
    }
}

/// An index drawn with probability `weights[i] / total`.
fn pick(weights: &[f64], total: f64, rng: &mut ChaCha8Rng) -> usize {
    let mut u = uniform(rng) * total;
    for (i, w) in weights.iter().enumerate() {
        if u < *w {
            return i;
        }
        u -= w;
    }
    weights.len() - 1
}

/// A mixture of Gaussians truncated to `[lo, hi]`: one at each observation and a wide prior at
/// the centre, all of the same weight.
struct Parzen {
    mus: Vec<f64>,
    sigmas: Vec<f64>,
    lo: f64,
    hi: f64,
}

impl Parzen {
    fn new(observed: &[f64], lo: f64, hi: f64) -> Parzen {
        let width = hi - lo;
        let mut mus: Vec<f64> = observed.to_vec();
        mus.push((lo + hi) / 2.0);
        mus.sort_by(f64::total_cmp);
        let min_sigma = width / (observed.len() as f64 + 1.0).min(100.0);
        let sigmas = (0..mus.len())
            .map(|i| {
                let left = if i == 0 { mus[i] - lo } else { mus[i] - mus[i - 1] };
                let right = if i + 1 == mus.len() { hi - mus[i] } else { mus[i + 1] - mus[i] };
                left.max(right).clamp(min_sigma, width)
            })
            .collect();
        Parzen { mus, sigmas, lo, hi }
    }

    fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
        let k = below(rng, self.mus.len());
        for _ in 0..100 {
            let x = self.mus[k] + self.sigmas[k] * normal(rng);
            if (self.lo..=self.hi).contains(&x) {
                return x;
            }
        }
        self.mus[k].clamp(self.lo, self.hi)
    }

    fn log_density(&self, x: f64) -> f64 {
        let density: f64 = self.mus.iter().zip(&self.sigmas).map(|(&m, &s)| {
            let z = (x - m) / s;
            let mass = phi((self.hi - m) / s) - phi((self.lo - m) / s);
            libm::exp(-0.5 * z * z) / (s * mass.max(1e-300))
        }).sum();
        libm::log(density / self.mus.len() as f64 + 1e-300)
    }
}

/// The standard normal's cumulative distribution.
fn phi(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}
