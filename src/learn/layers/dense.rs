//! The fully connected layer: `y = activation(x · W + b)` on `[features]` vectors.
//!
//! Parameters: `W` inputs × units row-major, then the `units` biases (Keras' `kernel` and
//! `bias`).

use rand_chacha::ChaCha8Rng;

use super::{add_bias_gradient, add_input_gradient, add_product, add_weight_gradient, count, draw, positive, vector};
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
        let mut back = vec![0.0; self.input.len()];
        add_input_gradient(&g, &params[..self.inputs * self.units], &mut back, self.inputs);
        back
    }
}
