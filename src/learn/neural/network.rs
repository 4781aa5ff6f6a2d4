//! A stack of dense layers: weights, forward pass, gradients of the loss.
//!
//! Every weight and bias lives in one flat buffer (`parameters()`), layer after layer: the
//! layer's weights `fan_in × units` row-major, then its `units` biases. The optimiser steps that
//! buffer whole, and the gradient has the same layout.
//!
//! The output is one sigmoid unit (binary cross-entropy, target `y == positive`) or a softmax
//! over the classes (softmax cross-entropy), both computed stably: `log(1 + e^{−m})` as
//! `max(−m, 0) + log1p(e^{−|m|})`, and the softmax through log-sum-exp.
//!
//! Products are plain loops in the order `out[i, :] += a[i, k] · W[k, :]` (the inner loop an
//! element-wise update of a contiguous row, which the compiler vectorises without reordering any
//! sum; eight terms per pass over the row, added in the same order), with no `mul_add` and no
//! BLAS: native and wasm runs give the same bits. Terms whose factor `a[i, k]` is exactly 0
//! (ReLU's zeros, dropped units) are skipped. `delta · Wᵀ` goes through a transposed copy of
//! `W` (made once per batch) so that it too runs along contiguous rows. No allocation per
//! batch: the buffers (`Work`) are made once per training.

use ndarray::ArrayView2;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::Activation;
use crate::reduce::random::uniform;

/// One layer's weights and biases, as views into the network's buffer: `out = activation(in ·
/// weights + bias)`, `weights` inputs × units.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense<'a> {
    pub weights: ArrayView2<'a, f64>,
    pub bias: &'a [f64],
}

/// The output layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Output {
    /// One unit, `P(positive) = σ(z)`; binary cross-entropy.
    Sigmoid,
    /// One unit per class; softmax cross-entropy.
    Softmax,
}

/// A fitted (or fitting) network. The output layer is one sigmoid unit for two classes (the
/// positive one scored) or for logistic regression (positive against the rest), a softmax over
/// the classes for more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Units per layer, the input first and the output last.
    sizes: Vec<usize>,
    /// Every weight and bias, layer by layer (weights row-major, then biases).
    params: Vec<f64>,
    /// The hidden layers' activation.
    activation: Activation,
    output: Output,
    /// The scored class: the sigmoid's target is `y == positive`; with a softmax, the column
    /// scored.
    positive: usize,
}

/// One layer as a model summary gives it: the input layer first (its parameters 0).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayerSummary {
    pub units: usize,
    /// `input`, the hidden activation (`relu`, `tanh`, `logistic`, `identity`), `sigmoid` or
    /// `softmax`.
    pub activation: &'static str,
    pub parameters: usize,
}

impl Activation {
    /// The name a summary gives (scikit-learn's).
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Logistic => "logistic",
            Activation::Identity => "identity",
        }
    }
}

/// `σ(z) = 1 / (1 + e^{−z})`, from `e^{−|z|}` so that neither sign overflows.
fn sigmoid(z: f64) -> f64 {
    crate::learn::logistic::sigmoid(z)
}

/// `log(1 + e^{−m})`, exact far out on either side.
fn log_loss(m: f64) -> f64 {
    (-m).max(0.0) + libm::log1p(libm::exp(-m.abs()))
}

/// The buffers of a forward and backward pass over up to `rows` rows, allocated once.
#[derive(Debug, Clone)]
pub(super) struct Work {
    rows: usize,
    /// `acts[0]`: the rows' inputs; `acts[l]`: layer `l`'s outputs (hidden layers: after the
    /// activation, before dropout; the output layer: its logits).
    acts: Vec<Vec<f64>>,
    /// Per layer, the dropout multipliers (0 or `1 / (1 − p)`); empty where no dropout.
    masks: Vec<Vec<f64>>,
    /// Per layer, the outputs times their multipliers (the next layer's input); empty where
    /// no dropout.
    dropped: Vec<Vec<f64>>,
    /// Each row's class.
    targets: Vec<usize>,
    /// `∂loss/∂(this layer's pre-activations)`, rows × units.
    delta: Vec<f64>,
    /// The same for the layer below, while it is computed.
    back: Vec<f64>,
    /// A layer's weights transposed (units × fan_in), for `delta · Wᵀ`.
    transposed: Vec<f64>,
    /// Positions of a row's non-zero values (scratch for `add_rows`).
    nonzero: Vec<usize>,
}

impl Work {
    /// Buffers for `rows` rows of `net`, with dropout where `dropout[l − 1] > 0` (hidden layer `l`).
    pub(super) fn new(net: &Network, rows: usize, dropout: &[f64]) -> Work {
        let rows = rows.max(1);
        let widest = net.sizes.iter().copied().max().unwrap_or(1);
        let last = net.sizes.len() - 1;
        let with_dropout = |l: usize| l > 0 && l < last && dropout.get(l - 1).is_some_and(|&p| p > 0.0);
        let per_layer = |l: usize| if with_dropout(l) { vec![0.0; rows * net.sizes[l]] } else { Vec::new() };
        let mut transposed = 0;
        for l in 1..net.sizes.len() {
            transposed = transposed.max(net.sizes[l - 1] * net.sizes[l]);
        }
        Work {
            rows,
            acts: net.sizes.iter().map(|&u| vec![0.0; rows * u]).collect(),
            masks: (0..net.sizes.len()).map(per_layer).collect(),
            dropped: (0..net.sizes.len()).map(per_layer).collect(),
            targets: vec![0; rows],
            delta: vec![0.0; rows * widest],
            back: vec![0.0; rows * widest],
            transposed: vec![0.0; transposed],
            nonzero: vec![0; widest],
        }
    }

    /// Copies rows `rows` of `x` (and their classes from `y`) into the input buffer.
    pub(super) fn gather(&mut self, x: ArrayView2<f64>, y: &[usize], rows: impl Iterator<Item = usize>) -> usize {
        let p = x.ncols();
        let cells = x.as_slice();
        let mut n = 0;
        for (i, r) in rows.enumerate().take(self.rows) {
            let dst = &mut self.acts[0][i * p..(i + 1) * p];
            match cells {
                Some(cells) => dst.copy_from_slice(&cells[r * p..(r + 1) * p]),
                None => dst.iter_mut().zip(x.row(r)).for_each(|(d, v)| *d = *v),
            }
            self.targets[i] = y.get(r).copied().unwrap_or(usize::MAX);
            n = i + 1;
        }
        n
    }
}

/// `out += Σₖ coefs[k] · rows[k]` (`rows` holds `coefs.len()` rows of `out.len()` values), each
/// element's sum taken in the order of `k`, terms with a zero coefficient skipped. Eight rows
/// per pass over `out` (`((o + a₀r₀) + a₁r₁) + …`, the same order as one at a time): `out` is
/// loaded and stored once per eight terms. `nonzero` is scratch space.
#[inline]
fn add_rows(out: &mut [f64], coefs: &[f64], rows: &[f64], nonzero: &mut Vec<usize>) {
    let width = out.len();
    if nonzero.len() < coefs.len() {
        nonzero.resize(coefs.len(), 0);
    }
    // Branch-free compaction: every position is written, the count moves past the non-zero ones.
    let mut count = 0;
    for (k, &a) in coefs.iter().enumerate() {
        nonzero[count] = k;
        count += usize::from(a != 0.0);
    }
    let nonzero = &nonzero[..count];
    let row = |k: usize| &rows[k * width..(k + 1) * width];
    let mut eights = nonzero.chunks_exact(8);
    for ks in &mut eights {
        let a: [f64; 8] = std::array::from_fn(|t| coefs[ks[t]]);
        let r: [&[f64]; 8] = std::array::from_fn(|t| row(ks[t]));
        add_eight(out, a, r);
    }
    for &k in eights.remainder() {
        let a = coefs[k];
        out.iter_mut().zip(row(k)).for_each(|(o, x)| *o += a * x);
    }
}

/// `out += a₀r₀ + … + a₇r₇`, added left to right for each element (as eight single updates).
#[inline(always)]
fn add_eight(out: &mut [f64], a: [f64; 8], r: [&[f64]; 8]) {
    let w = out.len();
    let [r0, r1, r2, r3, r4, r5, r6, r7] = r.map(|r| &r[..w]);
    for j in 0..w {
        out[j] = (((((((out[j] + a[0] * r0[j]) + a[1] * r1[j]) + a[2] * r2[j]) + a[3] * r3[j]) + a[4] * r4[j]) + a[5] * r5[j])
            + a[6] * r6[j])
            + a[7] * r7[j];
    }
}

/// `out[i, :] = b + Σₖ input[i, k] W[k, :]` for `n` rows; `w` is `fan_in × units`.
fn affine(input: &[f64], fan_in: usize, w: &[f64], b: &[f64], out: &mut [f64], n: usize, nonzero: &mut Vec<usize>) {
    let units = b.len();
    for i in 0..n {
        let o = &mut out[i * units..(i + 1) * units];
        o.copy_from_slice(b);
        add_rows(o, &input[i * fan_in..(i + 1) * fan_in], w, nonzero);
    }
}

/// `gw[k, :] = Σᵢ input[i, k] delta[i, :]` over `n` rows, summed in the order of `i` (eight rows
/// per pass over `gw`; a term whose factor is 0 adds ±0, which changes no finite sum that
/// started at +0, so skipping eight zeros at once changes nothing), and `gb = Σᵢ delta[i, :]`.
fn weight_gradient(input: &[f64], fan_in: usize, delta: &[f64], gw: &mut [f64], gb: &mut [f64], n: usize) {
    let units = gb.len();
    gw.fill(0.0);
    gb.fill(0.0);
    let d = |i: usize| &delta[i * units..(i + 1) * units];
    let x = |i: usize| &input[i * fan_in..(i + 1) * fan_in];
    let eights = n / 8 * 8;
    for i in (0..eights).step_by(8) {
        let r: [&[f64]; 8] = std::array::from_fn(|t| d(i + t));
        let xs: [&[f64]; 8] = std::array::from_fn(|t| x(i + t));
        for (k, g) in gw.chunks_exact_mut(units).enumerate() {
            let a: [f64; 8] = std::array::from_fn(|t| xs[t][k]);
            if a.iter().all(|&a| a == 0.0) {
                continue;
            }
            add_eight(g, a, r);
        }
        add_eight(gb, [1.0; 8], r);
    }
    for i in eights..n {
        let di = d(i);
        for (&a, g) in x(i).iter().zip(gw.chunks_exact_mut(units)) {
            if a != 0.0 {
                g.iter_mut().zip(di).for_each(|(g, e)| *g += a * e);
            }
        }
        gb.iter_mut().zip(di).for_each(|(g, e)| *g += e);
    }
}

/// Applies the hidden activation in place.
fn activate(activation: Activation, z: &mut [f64]) {
    match activation {
        // NaN stays NaN (a diverged network must show it).
        Activation::Relu => z.iter_mut().for_each(|v| *v = if *v < 0.0 { 0.0 } else { *v }),
        Activation::Tanh => z.iter_mut().for_each(|v| *v = libm::tanh(*v)),
        Activation::Logistic => z.iter_mut().for_each(|v| *v = sigmoid(*v)),
        Activation::Identity => {}
    }
}

/// Multiplies `delta` by the activation's derivative, from its output `a`.
fn derive(activation: Activation, delta: &mut [f64], a: &[f64]) {
    let pairs = delta.iter_mut().zip(a);
    match activation {
        Activation::Relu => pairs.for_each(|(d, &a)| {
            if a <= 0.0 {
                *d = 0.0;
            }
        }),
        Activation::Tanh => pairs.for_each(|(d, &a)| *d *= 1.0 - a * a),
        Activation::Logistic => pairs.for_each(|(d, &a)| *d *= a * (1.0 - a)),
        Activation::Identity => {}
    }
}

/// Sums of one pass over rows: cross-entropy and correct predictions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Tally {
    pub loss: f64,
    pub correct: usize,
}

impl Network {
    /// Its shape suits `inputs` features and `classes` classes: as many parameters as its
    /// layers need (counted without overflow), one output unit or one per class.
    pub fn fits(&self, inputs: usize, classes: usize) -> bool {
        let count = self.sizes.windows(2).try_fold(0usize, |sum, w| w[0].checked_add(1)?.checked_mul(w[1])?.checked_add(sum));
        let outputs = self.sizes.last().copied().unwrap_or(0);
        self.sizes.len() >= 2
            && self.sizes[0] == inputs
            && self.sizes.iter().all(|&s| s > 0)
            && count == Some(self.params.len())
            && (outputs == 1 || outputs == classes)
            && self.output == if outputs == 1 { Output::Sigmoid } else { Output::Softmax }
            && self.positive < classes
    }

    /// A network with zero weights: `inputs` features, `hidden` layer sizes, and `outputs`
    /// units (1: a sigmoid for `positive` against the rest; 2 or more: a softmax over that many
    /// classes, `positive` the column scored).
    pub fn new(inputs: usize, hidden: &[usize], activation: Activation, outputs: usize, positive: usize) -> Network {
        let outputs = outputs.max(1);
        let mut sizes = vec![inputs];
        sizes.extend_from_slice(hidden);
        sizes.push(outputs);
        let count = (1..sizes.len()).map(|l| (sizes[l - 1] + 1) * sizes[l]).sum();
        let output = if outputs == 1 { Output::Sigmoid } else { Output::Softmax };
        Network { sizes, params: vec![0.0; count], activation, output, positive }
    }

    /// Draws every weight and bias uniformly in `[−b, b]`, layer by layer (weights row-major,
    /// then biases), from `rng`: scikit-learn's Glorot uniform `b = √(6 / (fan_in + fan_out))`
    /// (`√(2 / …)` for the logistic activation, on every layer as scikit-learn does), except
    /// that hidden ReLU layers take He uniform, `b = √(6 / fan_in)`. Biases are drawn like the
    /// weights, as scikit-learn does (not set to 0).
    pub fn initialise(&mut self, rng: &mut ChaCha8Rng) {
        let last = self.sizes.len() - 1;
        let factor = if self.activation == Activation::Logistic { 2.0 } else { 6.0 };
        for l in 1..=last {
            let (fan_in, units) = (self.sizes[l - 1], self.sizes[l]);
            let bound = if l < last && self.activation == Activation::Relu {
                (6.0 / fan_in.max(1) as f64).sqrt()
            } else {
                (factor / (fan_in + units) as f64).sqrt()
            };
            let off = self.offset(l);
            for v in &mut self.params[off..off + (fan_in + 1) * units] {
                *v = bound * (2.0 * uniform(rng) - 1.0);
            }
        }
    }

    /// Start of layer `l`'s weights (`1 ≤ l < sizes.len()`) in the buffer.
    fn offset(&self, l: usize) -> usize {
        (1..l).map(|k| (self.sizes[k - 1] + 1) * self.sizes[k]).sum()
    }

    /// Units per layer, the input first and the output last.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Every weight and bias, layer by layer: weights `fan_in × units` row-major, then biases.
    pub fn parameters(&self) -> &[f64] {
        &self.params
    }

    /// The same buffer, to step or to set.
    pub fn parameters_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    pub fn activation(&self) -> Activation {
        self.activation
    }

    pub fn output(&self) -> Output {
        self.output
    }

    pub fn positive(&self) -> usize {
        self.positive
    }

    /// Each layer's weights and biases, the first hidden layer (or the output) first.
    pub fn layers(&self) -> Vec<Dense<'_>> {
        (1..self.sizes.len())
            .map(|l| {
                let (fan_in, units, off) = (self.sizes[l - 1], self.sizes[l], self.offset(l));
                let w = &self.params[off..off + fan_in * units];
                let weights = ArrayView2::from_shape((fan_in, units), w).unwrap_or_else(|_| ArrayView2::from_shape((0, 0), &[]).unwrap());
                Dense { weights, bias: &self.params[off + fan_in * units..off + (fan_in + 1) * units] }
            })
            .collect()
    }

    /// Forward pass over the `n` rows in `work`'s input buffer, leaving every layer's outputs
    /// (the last one's logits). With `dropout` (one rate per hidden layer and the stream to
    /// draw from), each hidden unit is kept with probability `1 − p` and then scaled by
    /// `1 / (1 − p)` (inverted dropout), so evaluation needs no rescaling.
    pub(super) fn forward(&self, work: &mut Work, n: usize, mut dropout: Option<(&[f64], &mut ChaCha8Rng)>) {
        let last = self.sizes.len() - 1;
        for l in 1..=last {
            let (fan_in, units, off) = (self.sizes[l - 1], self.sizes[l], self.offset(l));
            let (w, b) = self.params[off..off + (fan_in + 1) * units].split_at(fan_in * units);
            let (below, above) = work.acts.split_at_mut(l);
            let input = if work.dropped[l - 1].is_empty() { &below[l - 1] } else { &work.dropped[l - 1] };
            let out = &mut above[0];
            affine(input, fan_in, w, b, out, n, &mut work.nonzero);
            if l == last {
                break;
            }
            activate(self.activation, &mut out[..n * units]);
            let rate = dropout.as_ref().and_then(|(rates, _)| rates.get(l - 1).copied()).unwrap_or(0.0);
            if work.masks[l].is_empty() {
                continue;
            }
            let (mask, dropped) = (&mut work.masks[l][..n * units], &mut work.dropped[l][..n * units]);
            match dropout.as_mut() {
                Some((_, rng)) if rate > 0.0 => {
                    let scale = 1.0 / (1.0 - rate);
                    for m in mask.iter_mut() {
                        *m = if uniform(rng) < rate { 0.0 } else { scale };
                    }
                }
                _ => mask.fill(1.0),
            }
            dropped.iter_mut().zip(&out[..n * units]).zip(mask.iter()).for_each(|((d, a), m)| *d = a * m);
        }
    }

    /// Loss and correctness of the `n` rows just passed forward, and `∂(mean loss)/∂logits`
    /// into `work.delta`. A class index out of range gives a NaN loss, never a panic.
    pub(super) fn output_delta(&self, work: &mut Work, n: usize) -> Tally {
        let units = *self.sizes.last().unwrap_or(&1);
        let logits = &work.acts[self.sizes.len() - 1];
        let nf = n as f64;
        let mut tally = Tally::default();
        for i in 0..n {
            let z = &logits[i * units..(i + 1) * units];
            let d = &mut work.delta[i * units..(i + 1) * units];
            let t = work.targets[i];
            match self.output {
                Output::Sigmoid => {
                    let positive = t == self.positive;
                    let p = sigmoid(z[0]);
                    tally.loss += log_loss(if positive { z[0] } else { -z[0] });
                    tally.correct += usize::from((p >= 0.5) == positive);
                    d[0] = (p - if positive { 1.0 } else { 0.0 }) / nf;
                }
                Output::Softmax => {
                    let max = z.iter().fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m });
                    let mut sum = 0.0;
                    for (d, &v) in d.iter_mut().zip(z) {
                        *d = libm::exp(v - max);
                        sum += *d;
                    }
                    let lse = max + libm::log(sum);
                    tally.loss += z.get(t).map_or(f64::NAN, |zt| lse - zt);
                    let argmax = (1..units).fold(0, |best, j| if z[j] > z[best] { j } else { best });
                    tally.correct += usize::from(argmax == t);
                    for (j, d) in d.iter_mut().enumerate() {
                        *d = (*d / sum - if j == t { 1.0 } else { 0.0 }) / nf;
                    }
                }
            }
        }
        tally
    }

    /// Back-propagates `work.delta` (left by `output_delta`) through the `n` rows of the last
    /// forward pass, and writes the gradient of the objective into `grads` (the buffer's
    /// layout): the loss's gradient plus `l2 · W` on the weights (not the biases).
    pub(super) fn backward(&self, work: &mut Work, n: usize, l2: f64, grads: &mut [f64]) {
        let last = self.sizes.len() - 1;
        for l in (1..=last).rev() {
            let (fan_in, units, off) = (self.sizes[l - 1], self.sizes[l], self.offset(l));
            let (w, _) = self.params[off..off + (fan_in + 1) * units].split_at(fan_in * units);
            let (gw, gb) = grads[off..off + (fan_in + 1) * units].split_at_mut(fan_in * units);
            let input = if work.dropped[l - 1].is_empty() { &work.acts[l - 1] } else { &work.dropped[l - 1] };
            weight_gradient(input, fan_in, &work.delta, gw, gb, n);
            if l2 != 0.0 {
                gw.iter_mut().zip(w).for_each(|(g, w)| *g += l2 * w);
            }
            if l == 1 {
                break;
            }
            // back = delta · Wᵀ, through Wᵀ so the inner loop runs along a contiguous row.
            let wt = &mut work.transposed[..fan_in * units];
            for k in 0..fan_in {
                for j in 0..units {
                    wt[j * fan_in + k] = w[k * units + j];
                }
            }
            for i in 0..n {
                let back = &mut work.back[i * fan_in..(i + 1) * fan_in];
                back.fill(0.0);
                add_rows(back, &work.delta[i * units..(i + 1) * units], wt, &mut work.nonzero);
            }
            let back = &mut work.back[..n * fan_in];
            if !work.masks[l - 1].is_empty() {
                back.iter_mut().zip(&work.masks[l - 1][..n * fan_in]).for_each(|(b, m)| *b *= m);
            }
            derive(self.activation, back, &work.acts[l - 1][..n * fan_in]);
            std::mem::swap(&mut work.delta, &mut work.back);
        }
    }

    /// `Σ W²` over the weights (not the biases).
    pub fn squared_weights(&self) -> f64 {
        let mut sum = 0.0;
        for l in 1..self.sizes.len() {
            let off = self.offset(l);
            sum += self.params[off..off + self.sizes[l - 1] * self.sizes[l]].iter().fold(0.0, |s, w| s + w * w);
        }
        sum
    }

    /// The objective on rows `x` with classes `targets`, in eval mode (no dropout), and its
    /// gradient (the layout of `parameters()`): mean cross-entropy over the rows
    /// `+ alpha ‖W‖² / (2 n_train)`, biases not penalised. `n_train` is the number of rows in
    /// the training part, so a batch's objective is the same whatever the batch size
    /// (scikit-learn divides by the batch's rows instead). Training calls the same code on each
    /// batch.
    pub fn loss_and_gradient(&self, x: ArrayView2<f64>, targets: &[usize], alpha: f64, n_train: usize) -> (f64, Vec<f64>) {
        let n = x.nrows().min(targets.len());
        let mut work = Work::new(self, n, &[]);
        let mut grads = vec![0.0; self.params.len()];
        if x.ncols() != self.sizes[0] {
            return (f64::NAN, grads);
        }
        work.gather(x, targets, 0..n);
        self.forward(&mut work, n, None);
        let tally = self.output_delta(&mut work, n);
        let n_train = n_train.max(1) as f64;
        self.backward(&mut work, n, alpha / n_train, &mut grads);
        let loss = tally.loss / n.max(1) as f64 + alpha * self.squared_weights() / (2.0 * n_train);
        (loss, grads)
    }

    /// Cross-entropy and correct predictions over every row of `x`, in eval mode, in chunks of
    /// `work`'s rows; the loss summed row by row in order (whatever the chunks).
    pub(super) fn tally(&self, work: &mut Work, x: ArrayView2<f64>, y: &[usize]) -> Tally {
        let n = x.nrows().min(y.len());
        let mut total = Tally::default();
        let mut start = 0;
        while start < n {
            let rows = work.gather(x, y, start..n);
            self.forward(work, rows, None);
            let units = *self.sizes.last().unwrap_or(&1);
            let logits = &work.acts[self.sizes.len() - 1];
            for i in 0..rows {
                let z = &logits[i * units..(i + 1) * units];
                let t = work.targets[i];
                match self.output {
                    Output::Sigmoid => {
                        let positive = t == self.positive;
                        total.loss += log_loss(if positive { z[0] } else { -z[0] });
                        total.correct += usize::from((sigmoid(z[0]) >= 0.5) == positive);
                    }
                    Output::Softmax => {
                        let max = z.iter().fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m });
                        let sum = z.iter().fold(0.0, |s, &v| s + libm::exp(v - max));
                        let lse = max + libm::log(sum);
                        total.loss += z.get(t).map_or(f64::NAN, |zt| lse - zt);
                        let argmax = (1..units).fold(0, |best, j| if z[j] > z[best] { j } else { best });
                        total.correct += usize::from(argmax == t);
                    }
                }
            }
            start += rows;
        }
        total
    }

    /// The output layer's probabilities from logits `z`: `[σ(z)]`, or the softmax.
    fn probabilities(&self, z: &[f64]) -> Vec<f64> {
        match self.output {
            Output::Sigmoid => vec![sigmoid(z[0])],
            Output::Softmax => {
                let max = z.iter().fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m });
                let lse = max + libm::log(z.iter().fold(0.0, |s, &v| s + libm::exp(v - max)));
                z.iter().map(|&v| libm::exp(v - lse)).collect()
            }
        }
    }

    /// Each row's probability of the positive class (eval mode: no dropout). A matrix with
    /// another number of columns than the inputs gives NaN scores.
    pub fn scores(&self, x: ArrayView2<f64>) -> Vec<f64> {
        let mut scores = Vec::with_capacity(x.nrows());
        let scored = self.each_output(x, |z| {
            scores.push(match self.output {
                Output::Sigmoid => sigmoid(z[0]),
                Output::Softmax => {
                    let max = z.iter().fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m });
                    let lse = max + libm::log(z.iter().fold(0.0, |s, &v| s + libm::exp(v - max)));
                    z.get(self.positive).map_or(f64::NAN, |&v| libm::exp(v - lse))
                }
            })
        });
        if scored { scores } else { vec![f64::NAN; x.nrows()] }
    }

    /// Rows × classes, every class's probability, for a softmax output; `None` for a sigmoid
    /// one (fitted positive-vs-rest) or a matrix of the wrong width.
    pub fn proba(&self, x: ArrayView2<f64>) -> Option<ndarray::Array2<f64>> {
        let units = *self.sizes.last()?;
        let mut values = Vec::with_capacity(x.nrows() * units);
        let scored = self.output == Output::Softmax && self.each_output(x, |z| values.extend(self.probabilities(z)));
        scored.then(|| ndarray::Array2::from_shape_vec((x.nrows(), units), values).ok()).flatten()
    }

    /// Hands `f` each row's logits in order (eval mode: no dropout), 256 rows at a time;
    /// false, calling nothing, for a matrix with another number of columns than the inputs.
    fn each_output(&self, x: ArrayView2<f64>, mut f: impl FnMut(&[f64])) -> bool {
        let n = x.nrows();
        if x.ncols() != self.sizes[0] {
            return false;
        }
        let mut work = Work::new(self, n.min(256), &[]);
        let units = *self.sizes.last().unwrap_or(&1);
        let none = vec![0; n];
        let mut start = 0;
        while start < n {
            let rows = work.gather(x, &none, start..n);
            self.forward(&mut work, rows, None);
            let logits = &work.acts[self.sizes.len() - 1];
            logits[..rows * units].chunks_exact(units).for_each(&mut f);
            start += rows;
        }
        true
    }

    /// The activations of every layer for one row, the input first and the output last (its
    /// probabilities: `[σ(z)]` or the softmax), in eval mode. Hidden layers give their
    /// activations (ReLU's zeros included). A row of the wrong length gives no layer.
    pub fn forward_pass(&self, row: &[f64]) -> Vec<Vec<f64>> {
        let mut work = Work::new(self, 1, &[]);
        if row.len() != self.sizes[0] {
            return Vec::new();
        }
        work.acts[0].copy_from_slice(row);
        self.forward(&mut work, 1, None);
        let last = self.sizes.len() - 1;
        let mut out: Vec<Vec<f64>> = work.acts[..last].to_vec();
        out.push(self.probabilities(&work.acts[last]));
        out
    }

    pub fn summary(&self) -> Vec<LayerSummary> {
        let last = self.sizes.len() - 1;
        let mut layers = vec![LayerSummary { units: self.sizes[0], activation: "input", parameters: 0 }];
        for l in 1..=last {
            let activation = match (l == last, self.output) {
                (false, _) => self.activation.name(),
                (true, Output::Sigmoid) => "sigmoid",
                (true, Output::Softmax) => "softmax",
            };
            layers.push(LayerSummary { units: self.sizes[l], activation, parameters: (self.sizes[l - 1] + 1) * self.sizes[l] });
        }
        layers
    }

    /// The coefficients and intercept of a network without hidden layer and one output
    /// (logistic regression).
    pub fn linear(&self) -> Option<(Vec<f64>, f64)> {
        match self.sizes[..] {
            [p, 1] => Some((self.params[..p].to_vec(), self.params[p])),
            _ => None,
        }
    }
}
