//! The fully connected layer: `y = activation(x · W + b)` on `[features]` vectors.
//!
//! Parameters: `W` inputs × units row-major, then the `units` biases (Keras' `kernel` and
//! `bias`).

use rand_chacha::ChaCha8Rng;

use super::{add_bias_gradient, add_product, add_weight_gradient, count, draw, positive, vector};
use super::{Activation, Layer};
use crate::error::Result;

pub struct Dense {
    inputs: usize,
    units: usize,
    activation: Activation,
    /// The last forward pass's inputs and outputs.
    input: Vec<f64>,
    output: Vec<f64>,
}

impl Dense {
    pub fn new(input: &[usize], units: usize, activation: Activation) -> Result<Dense> {
        let inputs = vector(input)?;
        positive("units", units)?;
        count(&[inputs.saturating_add(1), units])?;
        Ok(Dense { inputs, units, activation, input: Vec::new(), output: Vec::new() })
    }
}

impl Layer for Dense {
    fn shape(&self) -> Vec<usize> {
        vec![self.units]
    }

    fn parameters(&self) -> usize {
        (self.inputs + 1) * self.units
    }

    fn initialise(&self, params: &mut [f64], rng: &mut ChaCha8Rng) {
        let bound = self.activation.bound(self.inputs, self.units);
        draw(&mut params[..self.inputs * self.units], bound, rng);
    }

    fn forward(&mut self, params: &[f64], input: &[f64], n: usize, _: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>> {
        let (w, b) = params.split_at(self.inputs * self.units);
        let mut out = b.repeat(n);
        add_product(input, w, &mut out, self.inputs);
        self.activation.apply(&mut out, self.units);
        self.input = input.to_vec();
        self.output.clone_from(&out);
        Ok(out)
    }

    fn backward(&mut self, params: &[f64], grad: &[f64], grads: &mut [f64]) -> Vec<f64> {
        let mut g = grad.to_vec();
        self.activation.derive(&mut g, &self.output, self.units);
        let (gw, gb) = grads.split_at_mut(self.inputs * self.units);
        add_weight_gradient(&self.input, &g, gw, self.inputs);
        add_bias_gradient(&g, gb);
        // The input's gradient, row by row: every input's dot product of the row's gradient
        // with its row of the kernel, all at once along the transposed kernel.
        let kernel = transpose(&params[..self.inputs * self.units], self.units);
        let mut back = vec![0.0; self.input.len()];
        for (b, g) in back.chunks_exact_mut(self.inputs).zip(g.chunks_exact(self.units)) {
            dots(g, &kernel, b);
        }
        back
    }
}

/// `w`, rows of `cols` values, transposed: its column `j` as row `j`.
pub(super) fn transpose(w: &[f64], cols: usize) -> Vec<f64> {
    let rows = w.len() / cols;
    let mut t = vec![0.0; w.len()];
    for (i, row) in w.chunks_exact(cols).enumerate() {
        row.iter().enumerate().for_each(|(j, &v)| t[j * rows + i] = v);
    }
    t
}

/// `d[i] = Σⱼ g[j] · wt[j, i]`, each sum from 0 in the order of `j`: the dot products of `g`
/// with every row of the matrix that `wt` (rows of `d.len()` values) transposes, the same bits
/// as one `fold` each, but side by side: the sums are independent, so they pipeline (and
/// vectorise) where a single dot product waits for each addition before the next.
pub(super) fn dots(g: &[f64], wt: &[f64], d: &mut [f64]) {
    d.fill(0.0);
    for (&gj, row) in g.iter().zip(wt.chunks_exact(d.len())) {
        d.iter_mut().zip(row).for_each(|(d, w)| *d += gj * w);
    }
}
