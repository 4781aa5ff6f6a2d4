//! Layers without weights that reshape, drop or transform values one by one (flatten,
//! dropout, activation), and the activations that dense and conv2d layers apply too.

use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{count, Layer};
use crate::error::{Error, Need, Result};
use crate::learn::logistic::sigmoid;
use crate::reduce::random::uniform;

/// An activation, as Keras names it; `softmax` runs along the last axis (a vector's values,
/// an image's channels, a sequence step's features).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    Relu,
    Tanh,
    Sigmoid,
    Softmax,
    #[default]
    Linear,
}

impl Activation {
    /// Applies it in place to `z`, rows of `last` values (softmax's groups).
    pub fn apply(self, z: &mut [f64], last: usize) {
        match self {
            // NaN stays NaN (a diverged network must show it).
            Activation::Relu => z.iter_mut().for_each(|v| *v = if *v < 0.0 { 0.0 } else { *v }),
            Activation::Tanh => z.iter_mut().for_each(|v| *v = libm::tanh(*v)),
            Activation::Sigmoid => z.iter_mut().for_each(|v| *v = sigmoid(*v)),
            Activation::Softmax => z.chunks_exact_mut(last).for_each(softmax),
            Activation::Linear => {}
        }
    }

    /// Turns `g = ∂loss/∂y` into `∂loss/∂z` in place, from the outputs `y = apply(z)`: each
    /// derivative written from the output so the layer need not keep `z`.
    pub fn derive(self, g: &mut [f64], y: &[f64], last: usize) {
        let pairs = g.iter_mut().zip(y);
        match self {
            Activation::Relu => pairs.for_each(|(g, &y)| *g = if y > 0.0 { *g } else { 0.0 }),
            Activation::Tanh => pairs.for_each(|(g, &y)| *g *= 1.0 - y * y),
            Activation::Sigmoid => pairs.for_each(|(g, &y)| *g *= y * (1.0 - y)),
            Activation::Softmax => {
                for (g, y) in g.chunks_exact_mut(last).zip(y.chunks_exact(last)) {
                    let dot = g.iter().zip(y).fold(0.0, |s, (g, y)| s + g * y);
                    g.iter_mut().zip(y).for_each(|(g, y)| *g = y * (*g - dot));
                }
            }
            Activation::Linear => {}
        }
    }

    /// The bound of its weights' uniform start: He (`√(6 / fan_in)`) before a ReLU, Glorot
    /// (`√(6 / (fan_in + fan_out))`) before the others, as Keras' `he_uniform` and
    /// `glorot_uniform`.
    pub fn bound(self, fan_in: usize, fan_out: usize) -> f64 {
        match self {
            Activation::Relu => (6.0 / fan_in as f64).sqrt(),
            _ => (6.0 / (fan_in + fan_out) as f64).sqrt(),
        }
    }
}

/// `z ← softmax(z)` through the maximum, so no exponential overflows.
fn softmax(z: &mut [f64]) {
    let max = z.iter().fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m });
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = libm::exp(*v - max);
        sum += *v;
    }
    z.iter_mut().for_each(|v| *v /= sum);
}

/// Any shape to `[values]`: the rows are row-major already, so nothing moves.
pub struct Flatten {
    size: usize,
}

impl Flatten {
    pub fn new(input: &[usize]) -> Result<Flatten> {
        Ok(Flatten { size: count(input)? })
    }
}

impl Layer for Flatten {
    fn shape(&self) -> Vec<usize> {
        vec![self.size]
    }

    fn forward(&mut self, _: &[f64], input: &[f64], _: usize, _: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>> {
        Ok(input.to_vec())
    }

    fn backward(&mut self, _: &[f64], grad: &[f64], _: &mut [f64]) -> Vec<f64> {
        grad.to_vec()
    }
}

/// Inverted dropout: in training each value is kept with probability `1 − rate` and scaled by
/// `1 / (1 − rate)`, so inference (no dropout) needs no rescaling.
pub struct Dropout {
    shape: Vec<usize>,
    rate: f64,
    /// The last training pass's multipliers (0 or `1 / (1 − rate)`); empty after inference.
    mask: Vec<f64>,
}

impl Dropout {
    /// `rate` in `[0, 1)`: at 1 nothing would be kept.
    pub fn new(input: &[usize], rate: f64) -> Result<Dropout> {
        if !(0.0..1.0).contains(&rate) {
            return Err(Error::BadParam { field: "rate".into(), value: rate.to_string(), need: Need::Fraction });
        }
        Ok(Dropout { shape: input.to_vec(), rate, mask: Vec::new() })
    }
}

impl Layer for Dropout {
    fn shape(&self) -> Vec<usize> {
        self.shape.clone()
    }

    fn forward(&mut self, _: &[f64], input: &[f64], _: usize, training: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>> {
        self.mask.clear();
        let Some(rng) = training else { return Ok(input.to_vec()) };
        let scale = 1.0 / (1.0 - self.rate);
        self.mask = input.iter().map(|_| if uniform(rng) < self.rate { 0.0 } else { scale }).collect();
        Ok(input.iter().zip(&self.mask).map(|(x, m)| x * m).collect())
    }

    fn backward(&mut self, _: &[f64], grad: &[f64], _: &mut [f64]) -> Vec<f64> {
        if self.mask.is_empty() {
            return grad.to_vec();
        }
        grad.iter().zip(&self.mask).map(|(g, m)| g * m).collect()
    }
}

/// An activation on its own, over any shape.
pub struct ActivationLayer {
    shape: Vec<usize>,
    activation: Activation,
    /// The last forward pass's outputs, which the derivatives are written from.
    output: Vec<f64>,
}

impl ActivationLayer {
    pub fn new(input: &[usize], activation: Activation) -> ActivationLayer {
        ActivationLayer { shape: input.to_vec(), activation, output: Vec::new() }
    }

    fn last(&self) -> usize {
        self.shape[self.shape.len() - 1]
    }
}

impl Layer for ActivationLayer {
    fn shape(&self) -> Vec<usize> {
        self.shape.clone()
    }

    fn forward(&mut self, _: &[f64], input: &[f64], _: usize, _: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>> {
        let last = self.last();
        self.output = input.to_vec();
        self.activation.apply(&mut self.output, last);
        Ok(self.output.clone())
    }

    fn backward(&mut self, _: &[f64], grad: &[f64], _: &mut [f64]) -> Vec<f64> {
        let mut g = grad.to_vec();
        self.activation.derive(&mut g, &self.output, self.last());
        g
    }
}
