//! A layer library for the `network` model (the deep-learning chapter): the layers a spec lists,
//! their shapes and parameter counts (a Keras model summary), a seeded start, and a forward and
//! backward pass over a batch. Uses `error`, `libm` and the seeded draws of `reduce::random`
//! only: no tables, no browser.
//!
//! A batch is `n` rows, each the row-major values of one input: `[h, w, c]` images (channels
//! last), `[features]` vectors, `[time, features]` sequences, `[time]` word indices. Every
//! parameter lives in one flat buffer, layer after layer, so `neural::Optimiser` steps it whole
//! and the gradient has the same layout.
//!
//! Products are plain loops with no `mul_add` and no BLAS, transcendental functions come from
//! `libm`: native and wasm runs give the same bits.
//!
//! - `dense`: fully connected;
//! - `conv`: 2-D convolution and max pooling;
//! - `shape`: flatten, dropout, activation (and the activations every layer applies);
//! - `recurrent`: embedding, LSTM, GRU.
//!
//! Deliberate differences from Keras: the recurrent kernels start from Glorot uniform (Keras
//! starts them orthogonal, which needs a QR decomposition); the embedding starts from Glorot
//! uniform too (Keras: uniform in ±0.05); dense and conv2d take a vector and an image only
//! (Keras applies a dense layer along the last axis of anything).

pub mod conv;
pub mod dense;
pub mod model;
pub mod recurrent;
pub mod shape;

use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use serde::{Deserialize, Serialize};

use crate::error::{Error, LayerNeed, Need, Result};
use crate::reduce::random::uniform;
pub use model::{Layered, NetworkParams};
pub use shape::Activation;

/// How a convolution treats the border: `valid` keeps the windows inside the input, `same`
/// pads with zeros so that the output is `⌈input / stride⌉` (TensorFlow's split: the extra
/// padding row and column go after).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Padding {
    Same,
    #[default]
    Valid,
}

/// One layer as a spec writes it: `{ "type": "dense", "units": 10, "activation": "relu" }`.
/// A missing activation is `linear`, a missing stride 1 (conv2d) or the window (maxpool).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum LayerSpec {
    Dense {
        units: usize,
        #[serde(default)]
        activation: Activation,
    },
    Conv2d {
        filters: usize,
        kernel: usize,
        #[serde(default)]
        stride: Option<usize>,
        #[serde(default)]
        padding: Padding,
        #[serde(default)]
        activation: Activation,
    },
    Maxpool {
        size: usize,
        #[serde(default)]
        stride: Option<usize>,
    },
    Flatten,
    Dropout {
        rate: f64,
    },
    Activation {
        activation: Activation,
    },
    /// `vocabulary` absent: the data's, filled in by `with_vocabulary` before building.
    Embedding {
        #[serde(default)]
        vocabulary: Option<usize>,
        dim: usize,
    },
    Lstm {
        units: usize,
    },
    Gru {
        units: usize,
    },
}

impl LayerSpec {
    /// The `type` as the spec writes it.
    pub fn kind(&self) -> &'static str {
        match self {
            LayerSpec::Dense { .. } => "dense",
            LayerSpec::Conv2d { .. } => "conv2d",
            LayerSpec::Maxpool { .. } => "maxpool",
            LayerSpec::Flatten => "flatten",
            LayerSpec::Dropout { .. } => "dropout",
            LayerSpec::Activation { .. } => "activation",
            LayerSpec::Embedding { .. } => "embedding",
            LayerSpec::Lstm { .. } => "lstm",
            LayerSpec::Gru { .. } => "gru",
        }
    }

    /// The layer this spec asks for, on inputs of shape `input`; errors name no layer (the
    /// caller knows its position).
    fn build(&self, input: &[usize]) -> Result<Box<dyn Layer>> {
        Ok(match *self {
            LayerSpec::Dense { units, activation } => Box::new(dense::Dense::new(input, units, activation)?),
            LayerSpec::Conv2d { filters, kernel, stride, padding, activation } => {
                Box::new(conv::Conv2d::new(input, filters, kernel, stride.unwrap_or(1), padding, activation)?)
            }
            LayerSpec::Maxpool { size, stride } => Box::new(conv::MaxPool::new(input, size, stride.unwrap_or(size))?),
            LayerSpec::Flatten => Box::new(shape::Flatten::new(input)?),
            LayerSpec::Dropout { rate } => Box::new(shape::Dropout::new(input, rate)?),
            LayerSpec::Activation { activation } => Box::new(shape::ActivationLayer::new(input, activation)),
            LayerSpec::Embedding { vocabulary, dim } => Box::new(recurrent::Embedding::new(input, vocabulary, dim)?),
            LayerSpec::Lstm { units } => Box::new(recurrent::Recurrent::new(input, units, recurrent::Cell::Lstm)?),
            LayerSpec::Gru { units } => Box::new(recurrent::Recurrent::new(input, units, recurrent::Cell::Gru)?),
        })
    }
}

/// The embeddings without a `vocabulary` given `words` (the data's vocabulary size).
pub fn with_vocabulary(layers: &[LayerSpec], words: usize) -> Vec<LayerSpec> {
    let fill = |spec: &LayerSpec| match *spec {
        LayerSpec::Embedding { vocabulary: None, dim } => LayerSpec::Embedding { vocabulary: Some(words), dim },
        _ => spec.clone(),
    };
    layers.iter().map(fill).collect()
}

/// One line of a model summary: the layer's `type`, its output shape (per row) and its
/// parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerShape {
    pub kind: &'static str,
    pub output: Vec<usize>,
    pub parameters: usize,
}

/// Each layer's output shape and parameter count, as Keras' `model.summary()`; the first
/// layer that cannot take what it receives is `Error::InLayer` (its 1-based position and
/// type) around the reason.
pub fn summary(input_shape: &[usize], layers: &[LayerSpec]) -> Result<Vec<LayerShape>> {
    let built = build_all(input_shape, layers)?;
    Ok(layers.iter().zip(&built).map(|(s, l)| LayerShape { kind: s.kind(), output: l.shape(), parameters: l.parameters() }).collect())
}

/// Every layer, each on the shape the one before gives.
fn build_all(input_shape: &[usize], layers: &[LayerSpec]) -> Result<Vec<Box<dyn Layer>>> {
    if input_shape.is_empty() || input_shape.contains(&0) {
        return Err(Error::BadParam { field: "input_shape".into(), value: format!("{input_shape:?}"), need: Need::AtLeast(1) });
    }
    count(input_shape)?;
    let (mut shape, mut total) = (input_shape.to_vec(), 0usize);
    let mut built = Vec::with_capacity(layers.len());
    for (i, spec) in layers.iter().enumerate() {
        let in_layer = |e| Error::InLayer { layer: i + 1, kind: spec.kind(), error: Box::new(e) };
        let layer = spec.build(&shape).map_err(in_layer)?;
        // The network's buffer holds every layer's parameters: their sum must fit it too.
        let sum = total.checked_add(layer.parameters()).filter(|&t| t <= MOST_VALUES);
        total = sum.ok_or_else(|| in_layer(needs(&shape, LayerNeed::Smaller)))?;
        shape = layer.shape();
        built.push(layer);
    }
    Ok(built)
}

/// What every layer does. A layer keeps what its backward pass needs from its last forward
/// pass; its parameters are its slice of the network's buffer, handed in at each call.
pub trait Layer {
    /// The shape of one row of its output.
    fn shape(&self) -> Vec<usize>;

    fn parameters(&self) -> usize {
        0
    }

    /// Draws its weights into `params` (all zero on entry: biases stay 0).
    fn initialise(&self, _params: &mut [f64], _rng: &mut ChaCha8Rng) {}

    /// Its output for the `n` rows of `input`; `training` is the stream dropout draws from
    /// (`None`: inference).
    fn forward(&mut self, params: &[f64], input: &[f64], n: usize, training: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>>;

    /// From `∂loss/∂output` of the last forward pass, adds `∂loss/∂parameters` into `grads`
    /// and gives `∂loss/∂input`.
    fn backward(&mut self, params: &[f64], grad: &[f64], grads: &mut [f64]) -> Vec<f64>;
}

/// Layers built from a spec, and their parameters in one flat buffer.
pub struct Network {
    input: Vec<usize>,
    /// Each layer's `type`, to name it in errors.
    kinds: Vec<&'static str>,
    layers: Vec<Box<dyn Layer>>,
    /// Where each layer's parameters start, and the end of the last.
    offsets: Vec<usize>,
    params: Vec<f64>,
    /// Rows of the last forward pass: backward needs one.
    rows: Option<usize>,
}

impl Network {
    /// The layers of `layers` on rows of shape `input_shape`, started from `seed`: Glorot
    /// uniform (`±√(6 / (fan_in + fan_out))`), He uniform (`±√(6 / fan_in)`) before a ReLU,
    /// biases 0 but an LSTM's forget gate's, 1. Same seed, same bytes.
    pub fn new(input_shape: &[usize], specs: &[LayerSpec], seed: u64) -> Result<Network> {
        Network::initialised(input_shape, specs, &mut ChaCha8Rng::seed_from_u64(seed))
    }

    /// The same, drawing the start from `rng` (a training's one stream).
    pub fn initialised(input_shape: &[usize], specs: &[LayerSpec], rng: &mut ChaCha8Rng) -> Result<Network> {
        let layers = build_all(input_shape, specs)?;
        let kinds = specs.iter().map(LayerSpec::kind).collect();
        let mut offsets = vec![0];
        for layer in &layers {
            offsets.push(offsets[offsets.len() - 1] + layer.parameters());
        }
        let mut params = vec![0.0; offsets[layers.len()]];
        for (l, layer) in layers.iter().enumerate() {
            layer.initialise(&mut params[offsets[l]..offsets[l + 1]], rng);
        }
        Ok(Network { input: input_shape.to_vec(), kinds, layers, offsets, params, rows: None })
    }

    /// Every parameter, layer after layer (each layer's layout in its module).
    pub fn parameters(&self) -> &[f64] {
        &self.params
    }

    /// The same buffer, to step or to set.
    pub fn parameters_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// The last layer's output for the `n` rows of `x` (`n` × the input shape's values).
    /// `training` is the stream dropout draws from; `None` runs in inference (no dropout).
    pub fn forward(&mut self, x: &[f64], n: usize, training: Option<&mut ChaCha8Rng>) -> Result<Vec<f64>> {
        self.pass(x, n, training, |_| {})
    }

    /// Each layer's output for one row (`row`: the input shape's values), the input first,
    /// in inference mode: the forward pass the page shows layer by layer.
    pub fn activations(&mut self, row: &[f64]) -> Result<Vec<Vec<f64>>> {
        let mut values = vec![row.to_vec()];
        self.pass(row, 1, None, |a| values.push(a.to_vec()))?;
        Ok(values)
    }

    /// Runs the layers in turn over the `n` rows of `x`, showing `keep` each layer's output;
    /// gives the last.
    fn pass(&mut self, x: &[f64], n: usize, mut training: Option<&mut ChaCha8Rng>, mut keep: impl FnMut(&[f64])) -> Result<Vec<f64>> {
        let values = n.saturating_mul(self.input.iter().product());
        if x.len() != values {
            return Err(Error::BadParam { field: "batch".into(), value: x.len().to_string(), need: Need::Exactly(values) });
        }
        self.rows = None;
        let mut a = x.to_vec();
        for (l, layer) in self.layers.iter_mut().enumerate() {
            let params = &self.params[self.offsets[l]..self.offsets[l + 1]];
            a = layer.forward(params, &a, n, training.as_deref_mut()).map_err(|e| Error::InLayer { layer: l + 1, kind: self.kinds[l], error: Box::new(e) })?;
            keep(&a);
        }
        self.rows = Some(n);
        Ok(a)
    }

    /// From `∂loss/∂output` of the last forward pass, `(∂loss/∂parameters, ∂loss/∂input)`;
    /// the first in the layout of `parameters()`. An error without a forward pass or with a
    /// gradient of another size than the output.
    pub fn backward(&mut self, grad: &[f64]) -> Result<(Vec<f64>, Vec<f64>)> {
        let out: usize = self.layers.last().map_or_else(|| self.input.iter().product(), |l| l.shape().iter().product());
        let values = self.rows.map_or(0, |n| n * out);
        if self.rows.is_none() || grad.len() != values {
            return Err(Error::BadParam { field: "gradient".into(), value: grad.len().to_string(), need: Need::Exactly(values) });
        }
        let mut grads = vec![0.0; self.params.len()];
        let mut g = grad.to_vec();
        for (l, layer) in self.layers.iter_mut().enumerate().rev() {
            let range = self.offsets[l]..self.offsets[l + 1];
            g = layer.backward(&self.params[range.clone()], &g, &mut grads[range]);
        }
        Ok((grads, g))
    }
}

/// `value` unless it is 0: `Error::BadParam` named `field`.
fn positive(field: &str, value: usize) -> Result<usize> {
    if value == 0 {
        return Err(Error::BadParam { field: field.into(), value: "0".into(), need: Need::AtLeast(1) });
    }
    Ok(value)
}

/// The most values one buffer can hold: a `Vec<f64>` takes at most `isize::MAX` bytes. Under
/// it, a layer's own sums and products of its sizes cannot overflow.
const MOST_VALUES: usize = isize::MAX as usize / 8;

/// The product of `sizes`, or `LayerNeed::Smaller` past `MOST_VALUES` (a size given as
/// `a.saturating_add(b)` is past it when the sum overflows).
fn count(sizes: &[usize]) -> Result<usize> {
    let product = sizes.iter().try_fold(1usize, |p, &s| p.checked_mul(s).filter(|&p| p <= MOST_VALUES));
    product.ok_or_else(|| needs(sizes, LayerNeed::Smaller))
}

fn needs(input: &[usize], need: LayerNeed) -> Error {
    Error::LayerInput { input: input.to_vec(), need }
}

/// `[h, w, c]`, or `LayerNeed::Image`.
fn image(input: &[usize]) -> Result<[usize; 3]> {
    <[usize; 3]>::try_from(input).map_err(|_| needs(input, LayerNeed::Image))
}

/// `[features]`, or `LayerNeed::Vector`.
fn vector(input: &[usize]) -> Result<usize> {
    match input {
        &[f] => Ok(f),
        _ => Err(needs(input, LayerNeed::Vector)),
    }
}

/// Draws `values` uniformly in `[−bound, bound]`.
fn draw(values: &mut [f64], bound: f64, rng: &mut ChaCha8Rng) {
    values.iter_mut().for_each(|v| *v = bound * (2.0 * uniform(rng) - 1.0));
}

/// `out[i, :] += Σₖ a[i, k] · w[k, :]`: `a` rows of `inner` values, `w` `inner` rows, `out` as
/// many rows as `a`; each sum taken in the order of `k`.
fn add_product(a: &[f64], w: &[f64], out: &mut [f64], inner: usize) {
    let cols = w.len() / inner;
    for (a, o) in a.chunks_exact(inner).zip(out.chunks_exact_mut(cols)) {
        for (&ak, wk) in a.iter().zip(w.chunks_exact(cols)) {
            o.iter_mut().zip(wk).for_each(|(o, w)| *o += ak * w);
        }
    }
}

/// The weights' side of `add_product`'s gradient: `gw[k, :] += Σᵢ a[i, k] · g[i, :]`.
fn add_weight_gradient(a: &[f64], g: &[f64], gw: &mut [f64], inner: usize) {
    let cols = gw.len() / inner;
    for (a, g) in a.chunks_exact(inner).zip(g.chunks_exact(cols)) {
        for (&ak, gk) in a.iter().zip(gw.chunks_exact_mut(cols)) {
            gk.iter_mut().zip(g).for_each(|(gk, g)| *gk += ak * g);
        }
    }
}

/// The inputs' side of `add_product`'s gradient: `ga[i, k] += Σⱼ g[i, j] · w[k, j]`.
fn add_input_gradient(g: &[f64], w: &[f64], ga: &mut [f64], inner: usize) {
    let cols = w.len() / inner;
    for (g, ga) in g.chunks_exact(cols).zip(ga.chunks_exact_mut(inner)) {
        for (gak, wk) in ga.iter_mut().zip(w.chunks_exact(cols)) {
            *gak += g.iter().zip(wk).fold(0.0, |s, (g, w)| s + g * w);
        }
    }
}

/// A bias's gradient: `gb += Σᵢ g[i, :]`.
fn add_bias_gradient(g: &[f64], gb: &mut [f64]) {
    for row in g.chunks_exact(gb.len()) {
        gb.iter_mut().zip(row).for_each(|(b, g)| *b += g);
    }
}
