//! Layers over sequences: the embedding of word indices, and the LSTM and GRU, which read a
//! `[time, features]` sequence step by step and give their last hidden state.
//!
//! Parameters, as Keras lays them out: an embedding's `[vocabulary, dim]` table; a recurrent
//! layer's kernel `W` (`features × G·units`), recurrent kernel `U` (`units × G·units`) and
//! bias, the gates side by side in Keras' order (LSTM, `G = 4`: input, forget, cell, output;
//! GRU, `G = 3`: update, reset, candidate). The GRU is Keras' default `reset_after = True`
//! (cuDNN's and PyTorch's): the reset gate multiplies `h·U + b_rec`, and it has two biases,
//! input then recurrent, so its parameter counts match Keras'.

use rand_chacha::ChaCha8Rng;

use super::{add_bias_gradient, add_input_gradient, add_product, add_weight_gradient, count, draw, needs, positive};
use super::{Activation, Layer};
use crate::error::{Error, LayerNeed, Need, Result};
use crate::learn::logistic::sigmoid;

/// Word indices (`[time]`, whole numbers below the vocabulary) to `[time, dim]` vectors.
pub struct Embedding {
    time: usize,
    vocabulary: usize,
    dim: usize,
    /// The last forward pass's indices.
    indices: Vec<usize>,
}

impl Embedding {
    pub fn new(input: &[usize], vocabulary: Option<usize>, dim: usize) -> Result<Embedding> {
        let &[time] = input else { return Err(needs(input, LayerNeed::Indices)) };
        let unknown = || Error::BadParam { field: "vocabulary".into(), value: "none".into(), need: Need::AtLeast(1) };
        let vocabulary = positive("vocabulary", vocabulary.ok_or_else(unknown)?)?;
        positive("dim", dim)?;
        count(&[vocabulary, dim])?;
        count(&[time, dim])?;
        Ok(Embedding { time, vocabulary, dim, indices: Vec::new() })
    }

    /// `v` as an index into the table, or `Error::OutOfRange`.
    fn index(&self, v: f64) -> Result<usize> {
        if v.fract() == 0.0 && v >= 0.0 && v < self.vocabulary as f64 {
            return Ok(v as usize);
        }
        Err(Error::OutOfRange { name: "word index", value: v, min: 0.0, max: (self.vocabulary - 1) as f64 })
    }
}

impl Layer for Embedding {
    fn shape(&self) -> Vec<usize> {
        vec![self.time, self.dim]
    }

    fn parameters(&self) -> usize {
        self.vocabulary * self.dim
    }

    fn initialise(&self, params: &mut [f64], rng: &mut ChaCha8Rng) {
        draw(params, Activation::Linear.bound(self.vocabulary, self.dim), rng);
    }

    fn forward(&mut self, params: &[f64], input: &[f64], _: usize, _: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>> {
        self.indices = input.iter().map(|&v| self.index(v)).collect::<Result<_>>()?;
        Ok(self.indices.iter().flat_map(|&k| &params[k * self.dim..(k + 1) * self.dim]).copied().collect())
    }

    /// Indices have no gradient: the input's is zero.
    fn backward(&mut self, _: &[f64], grad: &[f64], grads: &mut [f64]) -> Vec<f64> {
        for (&k, g) in self.indices.iter().zip(grad.chunks_exact(self.dim)) {
            grads[k * self.dim..(k + 1) * self.dim].iter_mut().zip(g).for_each(|(e, g)| *e += g);
        }
        vec![0.0; self.indices.len()]
    }
}

/// Which recurrent cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Lstm,
    Gru,
}

impl Cell {
    /// Gates side by side in the kernels.
    fn gates(self) -> usize {
        match self {
            Cell::Lstm => 4,
            Cell::Gru => 3,
        }
    }

    /// Bias vectors: the GRU adds one inside the reset product.
    fn biases(self) -> usize {
        match self {
            Cell::Lstm => 1,
            Cell::Gru => 2,
        }
    }
}

/// An LSTM or a GRU from zero states, giving the last hidden state.
pub struct Recurrent {
    cell: Cell,
    time: usize,
    features: usize,
    units: usize,
    /// The last forward pass's inputs.
    input: Vec<f64>,
    /// Per row and step, `4 · units` values backward needs: the LSTM's gates (after their
    /// activations); the GRU's update and reset gates, candidate and `(h·U + b_rec)` of the
    /// candidate.
    steps: Vec<f64>,
    /// Per row, the hidden states `h₀ = 0, h₁, …, h_T`.
    hidden: Vec<f64>,
    /// Per row, the LSTM's cell states `c₀ = 0, …, c_T` (empty for a GRU).
    cells: Vec<f64>,
}

/// A recurrent layer's parameters (or their gradients), in the buffer's order.
struct Parts<T> {
    kernel: T,
    recurrent: T,
    bias: T,
    /// The GRU's recurrent bias; empty for an LSTM.
    recurrent_bias: T,
}

impl Recurrent {
    pub fn new(input: &[usize], units: usize, cell: Cell) -> Result<Recurrent> {
        let &[time, features] = input else { return Err(needs(input, LayerNeed::Sequence)) };
        positive("units", units)?;
        count(&[features.saturating_add(units).saturating_add(cell.biases()), units, cell.gates()])?;
        let empty = Vec::new;
        Ok(Recurrent { cell, time, features, units, input: empty(), steps: empty(), hidden: empty(), cells: empty() })
    }

    /// `G · units`: one row of a kernel.
    fn width(&self) -> usize {
        self.cell.gates() * self.units
    }

    fn sizes(&self) -> [usize; 4] {
        let g = self.width();
        [self.features * g, self.units * g, g, (self.cell.biases() - 1) * g]
    }

    fn split<'a>(&self, params: &'a [f64]) -> Parts<&'a [f64]> {
        let [k, r, b, _] = self.sizes();
        let (kernel, rest) = params.split_at(k);
        let (recurrent, rest) = rest.split_at(r);
        let (bias, recurrent_bias) = rest.split_at(b);
        Parts { kernel, recurrent, bias, recurrent_bias }
    }

    fn split_mut<'a>(&self, params: &'a mut [f64]) -> Parts<&'a mut [f64]> {
        let [k, r, b, _] = self.sizes();
        let (kernel, rest) = params.split_at_mut(k);
        let (recurrent, rest) = rest.split_at_mut(r);
        let (bias, recurrent_bias) = rest.split_at_mut(b);
        Parts { kernel, recurrent, bias, recurrent_bias }
    }

    /// Where row `i`'s states (`(T + 1) · units` values) are in `hidden` and `cells`.
    fn states(&self, i: usize) -> std::ops::Range<usize> {
        let len = (self.time + 1) * self.units;
        i * len..(i + 1) * len
    }

    /// Row `i`'s steps forward from `x` (its `T · features` inputs), filling its states.
    fn run(&mut self, p: &Parts<&[f64]>, x: &[f64], i: usize) {
        let (u, g, time) = (self.units, self.width(), self.time);
        let mut xw = p.bias.repeat(time);
        add_product(x, p.kernel, &mut xw, self.features);
        let range = self.states(i);
        let (hidden, cells) = (&mut self.hidden[range.clone()], &mut self.cells);
        for t in 0..time {
            let mut hu = if p.recurrent_bias.is_empty() { vec![0.0; g] } else { p.recurrent_bias.to_vec() };
            let (before, after) = hidden.split_at_mut((t + 1) * u);
            let (h_prev, h) = (&before[t * u..], &mut after[..u]);
            add_product(h_prev, p.recurrent, &mut hu, u);
            let step = &mut self.steps[(i * time + t) * 4 * u..(i * time + t + 1) * 4 * u];
            match self.cell {
                Cell::Lstm => {
                    let (before, after) = cells[range.clone()].split_at_mut((t + 1) * u);
                    step.iter_mut().zip(&xw[t * g..]).zip(&hu).for_each(|((s, a), b)| *s = a + b);
                    lstm_step(step, &before[t * u..], &mut after[..u], h);
                }
                Cell::Gru => gru_step(&xw[t * g..(t + 1) * g], &hu, h_prev, step, h),
            }
        }
    }

    /// Row `i`'s steps backward from `dh = ∂loss/∂h_T`, adding into the gradients `grads`
    /// and the input's `back` (its `T · features` values).
    fn unroll(&self, p: &Parts<&[f64]>, grads: &mut Parts<&mut [f64]>, mut dh: Vec<f64>, back: &mut [f64], i: usize) {
        let (u, f) = (self.units, self.features);
        let (hidden, cells) = (&self.hidden[self.states(i)], self.cells.get(self.states(i)));
        let mut dc = vec![0.0; u];
        for t in (0..self.time).rev() {
            let step = &self.steps[(i * self.time + t) * 4 * u..(i * self.time + t + 1) * 4 * u];
            let h_prev = &hidden[t * u..(t + 1) * u];
            let (dxw, dhu) = match (self.cell, cells) {
                (Cell::Lstm, Some(c)) => {
                    let dz = lstm_back(step, &c[t * u..(t + 1) * u], &c[(t + 1) * u..(t + 2) * u], &mut dh, &mut dc);
                    (dz.clone(), dz)
                }
                _ => gru_back(step, h_prev, &mut dh),
            };
            let x = &self.input[(i * self.time + t) * f..(i * self.time + t + 1) * f];
            add_weight_gradient(x, &dxw, grads.kernel, f);
            add_weight_gradient(h_prev, &dhu, grads.recurrent, u);
            add_bias_gradient(&dxw, grads.bias);
            if !grads.recurrent_bias.is_empty() {
                add_bias_gradient(&dhu, grads.recurrent_bias);
            }
            add_input_gradient(&dxw, p.kernel, &mut back[t * f..(t + 1) * f], f);
            add_input_gradient(&dhu, p.recurrent, &mut dh, u);
        }
    }
}

impl Layer for Recurrent {
    fn shape(&self) -> Vec<usize> {
        vec![self.units]
    }

    fn parameters(&self) -> usize {
        self.sizes().iter().sum()
    }

    /// Both kernels Glorot uniform (fans `features` or `units` in, `G · units` out); the
    /// LSTM's forget-gate bias 1 (Keras' `unit_forget_bias`), so it starts by remembering.
    fn initialise(&self, params: &mut [f64], rng: &mut ChaCha8Rng) {
        let g = self.width();
        let p = self.split_mut(params);
        draw(p.kernel, Activation::Tanh.bound(self.features, g), rng);
        draw(p.recurrent, Activation::Tanh.bound(self.units, g), rng);
        if self.cell == Cell::Lstm {
            p.bias[self.units..2 * self.units].fill(1.0);
        }
    }

    fn forward(&mut self, params: &[f64], input: &[f64], n: usize, _: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>> {
        let (u, states) = (self.units, n * (self.time + 1) * self.units);
        self.input = input.to_vec();
        self.steps = vec![0.0; n * self.time * 4 * u];
        self.hidden = vec![0.0; states];
        self.cells = if self.cell == Cell::Lstm { vec![0.0; states] } else { Vec::new() };
        let p = self.split(params);
        for (i, x) in input.chunks_exact(self.time * self.features).enumerate() {
            self.run(&p, x, i);
        }
        let last = |i: usize| self.states(i).end - u..self.states(i).end;
        Ok((0..n).flat_map(|i| &self.hidden[last(i)]).copied().collect())
    }

    fn backward(&mut self, params: &[f64], grad: &[f64], grads: &mut [f64]) -> Vec<f64> {
        let p = self.split(params);
        let mut g = self.split_mut(grads);
        let mut back = vec![0.0; self.input.len()];
        let rows = grad.chunks_exact(self.units).zip(back.chunks_exact_mut(self.time * self.features));
        for (i, (dh, back)) in rows.enumerate() {
            self.unroll(&p, &mut g, dh.to_vec(), back, i);
        }
        back
    }
}

/// One LSTM step: `z` (the `4 · units` pre-activations `x·W + h·U + b`) becomes the gates
/// `i, f, g, o`; `c = f ⊙ c_prev + i ⊙ g`, `h = o ⊙ tanh(c)`.
fn lstm_step(z: &mut [f64], c_prev: &[f64], c: &mut [f64], h: &mut [f64]) {
    let u = c.len();
    for j in 0..u {
        let (i, f, g, o) = (sigmoid(z[j]), sigmoid(z[u + j]), libm::tanh(z[2 * u + j]), sigmoid(z[3 * u + j]));
        c[j] = f * c_prev[j] + i * g;
        h[j] = o * libm::tanh(c[j]);
        (z[j], z[u + j], z[2 * u + j], z[3 * u + j]) = (i, f, g, o);
    }
}

/// Back through one LSTM step: from `dh` and `dc` (`∂loss/∂h`, `∂loss/∂c` at this step) to
/// the pre-activations' gradient, returned; `dc` becomes `∂loss/∂c_prev` and `dh` 0 (`h_prev`
/// reaches the loss through `h_prev · U` only, which the caller adds).
fn lstm_back(gates: &[f64], c_prev: &[f64], c: &[f64], dh: &mut [f64], dc: &mut [f64]) -> Vec<f64> {
    let u = dh.len();
    let mut dz = vec![0.0; 4 * u];
    for j in 0..u {
        let (i, f, g, o) = (gates[j], gates[u + j], gates[2 * u + j], gates[3 * u + j]);
        let tc = libm::tanh(c[j]);
        let dcj = dc[j] + dh[j] * o * (1.0 - tc * tc);
        dz[j] = dcj * g * i * (1.0 - i);
        dz[u + j] = dcj * c_prev[j] * f * (1.0 - f);
        dz[2 * u + j] = dcj * i * (1.0 - g * g);
        dz[3 * u + j] = dh[j] * tc * o * (1.0 - o);
        dc[j] = dcj * f;
        dh[j] = 0.0;
    }
    dz
}

/// One GRU step (`reset_after`): `z = σ(xw_z + hu_z)`, `r = σ(xw_r + hu_r)`,
/// `ĥ = tanh(xw_h + r ⊙ hu_h)`, `h = z ⊙ h_prev + (1 − z) ⊙ ĥ`, with `xw = x·W + b` and
/// `hu = h_prev·U + b_rec`; keeps `z, r, ĥ, hu_h` in `step`.
fn gru_step(xw: &[f64], hu: &[f64], h_prev: &[f64], step: &mut [f64], h: &mut [f64]) {
    let u = h.len();
    for j in 0..u {
        let z = sigmoid(xw[j] + hu[j]);
        let r = sigmoid(xw[u + j] + hu[u + j]);
        let candidate = libm::tanh(xw[2 * u + j] + r * hu[2 * u + j]);
        h[j] = z * h_prev[j] + (1.0 - z) * candidate;
        (step[j], step[u + j], step[2 * u + j], step[3 * u + j]) = (z, r, candidate, hu[2 * u + j]);
    }
}

/// Back through one GRU step from `dh`: the gradients of `xw` and of `hu`, returned; `dh`
/// becomes the part of `∂loss/∂h_prev` that does not go through `U` (`dh ⊙ z`).
fn gru_back(step: &[f64], h_prev: &[f64], dh: &mut [f64]) -> (Vec<f64>, Vec<f64>) {
    let u = dh.len();
    let (mut dxw, mut dhu) = (vec![0.0; 3 * u], vec![0.0; 3 * u]);
    for j in 0..u {
        let (z, r, candidate, hu_h) = (step[j], step[u + j], step[2 * u + j], step[3 * u + j]);
        let da = dh[j] * (1.0 - z) * (1.0 - candidate * candidate);
        let dz = dh[j] * (h_prev[j] - candidate) * z * (1.0 - z);
        let dr = da * hu_h * r * (1.0 - r);
        (dxw[j], dxw[u + j], dxw[2 * u + j]) = (dz, dr, da);
        (dhu[j], dhu[u + j], dhu[2 * u + j]) = (dz, dr, da * r);
        dh[j] *= z;
    }
    (dxw, dhu)
}
