//! The `network` model: a stack of layers a spec lists, trained by `neural::Training` (the same
//! epochs, optimisers, early stopping and curves as the MLP) and fitted as `Layered`, which a
//! model file can hold.
//!
//! - The rows' prepared features are read in order as one input of `input_shape` (row-major:
//!   digits' 64 pixels as `[8, 8, 1]`); without `input_shape`, as a vector.
//! - The last layer is the output: one probability per class (units = classes, softmax), or
//!   for two classes one sigmoid unit for the positive class. Anything else is
//!   `LayerNeed::Output`, naming the last layer.
//! - Loss: cross-entropy on the probabilities clipped to `[ε, 1 − ε]` with Keras' `ε = 1e-7`,
//!   so a confident wrong answer costs `ln 10⁷ ≈ 16`, never infinity. Its gradient is passed
//!   through the output activation's own derivative, which gives `p − y` (less where the
//!   probability is clipped).
//! - No L2 penalty (Keras' default): dropout layers regularise.
//! - An embedding without `vocabulary` takes the largest index of the training rows plus one
//!   (the text tokeniser numbers every word it keeps, so that is its vocabulary).

use ndarray::{Array2, ArrayView2};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::{summary, with_vocabulary, Activation, LayerShape, LayerSpec, Network};
use crate::error::{Error, LayerNeed, Need, Result};
use crate::learn::neural::{Config, Kind, Output, Solver};
use crate::learn::Labelled;

/// Keras' `epsilon`: probabilities are clipped to `[ε, 1 − ε]` in the loss.
const EPSILON: f64 = 1e-7;
/// Rows per forward pass when scoring: bounds the memory of a big part.
const CHUNK: usize = 256;

/// `model = { kind: "network", input_shape, layers, solver, momentum, learning_rate_init,
/// batch_size, max_iter, early_stopping, n_iter_no_change, tol, seed }`: the optimiser's names
/// and defaults are the MLP's (scikit-learn's), the layers Keras'.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NetworkParams {
    /// `None`: the features as one vector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_shape: Option<Vec<usize>>,
    pub layers: Vec<LayerSpec>,
    pub solver: Solver,
    pub momentum: f64,
    pub learning_rate_init: f64,
    /// `None`: `min(200, rows)`, as the MLP.
    pub batch_size: Option<usize>,
    pub max_iter: usize,
    pub early_stopping: bool,
    pub n_iter_no_change: usize,
    pub tol: f64,
    pub seed: u64,
}

impl Default for NetworkParams {
    /// One hidden layer of 32 ReLU units and a softmax over two classes.
    fn default() -> Self {
        NetworkParams {
            input_shape: None,
            layers: vec![
                LayerSpec::Dense { units: 32, activation: Activation::Relu },
                LayerSpec::Dense { units: 2, activation: Activation::Softmax },
            ],
            solver: Solver::Adam,
            momentum: 0.9,
            learning_rate_init: 0.001,
            batch_size: None,
            max_iter: 30,
            early_stopping: false,
            n_iter_no_change: 10,
            tol: 1e-4,
            seed: 0,
        }
    }
}

impl NetworkParams {
    /// The training this asks for (no hidden MLP layers, no L2, no MLP dropout: the layers
    /// hold their own).
    pub fn config(&self) -> Config {
        Config {
            kind: Kind::Network,
            hidden: Vec::new(),
            activation: crate::learn::neural::Activation::Identity,
            solver: self.solver,
            momentum: self.momentum,
            learning_rate: self.learning_rate_init,
            alpha: 0.0,
            batch_size: Some(self.batch_size.unwrap_or(200)),
            max_iter: self.max_iter,
            early_stopping: self.early_stopping,
            n_iter_no_change: self.n_iter_no_change,
            tol: self.tol,
            dropout: Vec::new(),
            seed: self.seed,
        }
    }

    /// The input shape for `features` prepared features: `input_shape` when it holds exactly
    /// that many values, else `Error::BadParam` on `model.input_shape`.
    pub fn shape(&self, features: usize) -> Result<Vec<usize>> {
        let Some(shape) = &self.input_shape else { return Ok(vec![features]) };
        let values = shape.iter().try_fold(1usize, |p, &s| p.checked_mul(s));
        if values != Some(features) {
            return Err(Error::BadParam { field: "model.input_shape".into(), value: format!("{shape:?}"), need: Need::Exactly(features) });
        }
        Ok(shape.clone())
    }

    /// Each layer's output shape and parameters on `features` features (the model summary),
    /// with embeddings sized by `vocabulary` when they leave it out.
    pub fn summary(&self, features: usize, vocabulary: usize) -> Result<Vec<LayerShape>> {
        summary(&self.shape(features)?, &with_vocabulary(&self.layers, vocabulary))
    }
}

/// A fitted (or fitting) network of layers: what rebuilds it, and its weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layered {
    pub input_shape: Vec<usize>,
    /// Embeddings with their vocabulary filled in.
    pub layers: Vec<LayerSpec>,
    pub output: Output,
    /// The class a sigmoid output scores.
    pub positive: usize,
    pub classes: usize,
    pub params: Vec<f64>,
}

impl Layered {
    /// Its shape suits `inputs` features and `classes` classes, and it builds with as many
    /// parameters as it holds: a model read from a file is checked before use.
    pub fn fits(&self, inputs: usize, classes: usize) -> bool {
        let values = self.input_shape.iter().try_fold(1usize, |p, &s| p.checked_mul(s));
        let built = summary(&self.input_shape, &self.layers).ok();
        let parameters = built.map(|layers| layers.iter().map(|l| l.parameters).sum::<usize>());
        values == Some(inputs) && classes == self.classes && parameters == Some(self.params.len())
    }

    /// The network with these weights (`fits` checked the shapes).
    fn network(&self) -> Result<Network> {
        let mut network = Network::new(&self.input_shape, &self.layers, 0)?;
        network.parameters_mut().copy_from_slice(&self.params);
        Ok(network)
    }

    /// Rows × outputs: the last layer's values (probabilities), `CHUNK` rows at a time; an
    /// input the network refuses (a word index past the vocabulary) is an error.
    pub fn outputs(&self, x: ArrayView2<f64>) -> Result<Array2<f64>> {
        let units = match self.output {
            Output::Sigmoid => 1,
            Output::Softmax => self.classes,
        };
        let out = infer(&mut self.network()?, x)?;
        Array2::from_shape_vec((x.nrows(), units), out).map_err(|e| Error::BadSpec { detail: e.to_string() })
    }

    /// Every class's probability, for a softmax output.
    pub fn proba(&self, x: ArrayView2<f64>) -> Option<Array2<f64>> {
        (self.output == Output::Softmax).then(|| self.outputs(x).ok()).flatten()
    }

    /// Each row's probability of class `positive` (NaN for rows it cannot score).
    pub fn scores(&self, x: ArrayView2<f64>, positive: usize) -> Vec<f64> {
        match (self.outputs(x), self.output) {
            (Ok(p), Output::Sigmoid) => p.column(0).to_vec(),
            (Ok(p), Output::Softmax) if positive < p.ncols() => p.column(positive).to_vec(),
            _ => vec![f64::NAN; x.nrows()],
        }
    }

    /// Each layer's output for one row, the input first, in inference mode.
    pub fn forward_pass(&self, row: &[f64]) -> Result<Vec<Vec<f64>>> {
        self.network()?.activations(row)
    }

    /// The first conv2d layer's filters, each `k × k` row-major on the input's first channel
    /// (the kernel is `[k, k, channels, filters]`, as Keras lays it out); empty without one.
    pub fn first_filters(&self) -> Vec<Vec<f64>> {
        let mut offset = 0;
        let mut shape = self.input_shape.clone();
        for (spec, layer) in self.layers.iter().zip(self.summary()) {
            if let (LayerSpec::Conv2d { filters, kernel, .. }, &[_, _, channels]) = (spec, &shape[..]) {
                let weights = &self.params[offset..offset + kernel * kernel * channels * filters];
                let tap = |t: usize, f: usize| weights[t * channels * filters + f];
                return (0..*filters).map(|f| (0..kernel * kernel).map(|t| tap(t, f)).collect()).collect();
            }
            offset += layer.parameters;
            shape = layer.output;
        }
        Vec::new()
    }

    /// Each layer's type, output shape and parameters.
    pub fn summary(&self) -> Vec<LayerShape> {
        summary(&self.input_shape, &self.layers).unwrap_or_default()
    }
}

/// A `Layered` being trained: the network keeps each pass's values for its backward pass.
pub struct Learner {
    fitted: Layered,
    network: Network,
}

impl Learner {
    /// Builds the layers on the training part's features, checks the output layer against
    /// its classes, and starts the weights from `rng` (Glorot / He, seeded).
    pub fn new(params: &NetworkParams, train: &Labelled, positive: usize, rng: &mut ChaCha8Rng) -> Result<Learner> {
        let input_shape = params.shape(train.x.ncols())?;
        let largest = train.x.iter().fold(0.0f64, |m, &v| if v > m { v } else { m });
        let words = if largest.is_finite() && largest < usize::MAX as f64 { largest as usize + 1 } else { 1 };
        let layers = with_vocabulary(&params.layers, words);
        let shapes = summary(&input_shape, &layers)?;
        let output = output(&layers, &shapes, train.n_classes)?;
        let network = Network::initialised(&input_shape, &layers, rng)?;
        let fitted = Layered { input_shape, layers, output, positive, classes: train.n_classes, params: Vec::new() };
        Ok(Learner { fitted, network })
    }

    pub fn parameters(&self) -> &[f64] {
        self.network.parameters()
    }

    pub fn parameters_mut(&mut self) -> &mut [f64] {
        self.network.parameters_mut()
    }

    /// The fitted model with the weights as they are now.
    pub fn model(&self) -> Layered {
        Layered { params: self.network.parameters().to_vec(), ..self.fitted.clone() }
    }

    /// Forward and backward over rows `rows` of `train` in training mode (dropout drawn from
    /// `rng`): writes the gradient of the batch's mean loss into `grads`, gives the batch's
    /// summed loss and correct rows.
    pub fn learn(&mut self, train: &Labelled, rows: &[u32], rng: &mut ChaCha8Rng, grads: &mut [f64]) -> Result<(f64, usize)> {
        let x: Vec<f64> = rows.iter().flat_map(|&r| train.x.row(r as usize).to_vec()).collect();
        let y: Vec<usize> = rows.iter().map(|&r| train.y[r as usize]).collect();
        let probs = self.network.forward(&x, rows.len(), Some(rng))?;
        let mut grad = vec![0.0; probs.len()];
        let tally = self.loss(&probs, &y, Some(&mut grad));
        let (g, _) = self.network.backward(&grad)?;
        grads.copy_from_slice(&g);
        Ok(tally)
    }

    /// The summed loss and correct rows of `data` in inference mode.
    pub fn measure(&mut self, data: &Labelled) -> Result<(f64, usize)> {
        let probs = infer(&mut self.network, data.x)?;
        Ok(self.loss(&probs, data.y, None))
    }

    /// Summed clipped cross-entropy and correct rows of `probs` against `y`; with `grad`, the
    /// gradient of the mean loss with respect to the probabilities.
    fn loss(&self, probs: &[f64], y: &[usize], mut grad: Option<&mut [f64]>) -> (f64, usize) {
        let n = y.len() as f64;
        let (mut loss, mut correct) = (0.0, 0);
        let units = probs.len() / y.len().max(1);
        for (i, &t) in y.iter().enumerate() {
            let p = &probs[i * units..(i + 1) * units];
            let (k, right, hit) = match self.fitted.output {
                Output::Sigmoid => {
                    let positive = t == self.fitted.positive;
                    (0, positive, (p[0] >= 0.5) == positive)
                }
                Output::Softmax => {
                    let argmax = (1..units).fold(0, |best, j| if p[j] > p[best] { j } else { best });
                    (t.min(units - 1), true, argmax == t)
                }
            };
            // The probability given to what happened: p for the right class, 1 − p for a
            // sigmoid's negative row.
            let q = if right { p[k] } else { 1.0 - p[k] };
            let clipped = q.clamp(EPSILON, 1.0 - EPSILON);
            loss -= libm::log(clipped);
            correct += usize::from(hit);
            if let Some(g) = grad.as_deref_mut() {
                let sign = if right { -1.0 } else { 1.0 };
                g[i * units + k] = sign / (clipped * n);
            }
        }
        (loss, correct)
    }
}

/// The last layer's values for every row of `x` in inference mode, `CHUNK` rows at a time,
/// row after row.
fn infer(network: &mut Network, x: ArrayView2<f64>) -> Result<Vec<f64>> {
    let mut out = Vec::new();
    for chunk in x.axis_chunks_iter(ndarray::Axis(0), CHUNK) {
        let rows: Vec<f64> = chunk.iter().copied().collect();
        out.extend(network.forward(&rows, chunk.nrows(), None)?);
    }
    Ok(out)
}

/// How the last layer answers: a softmax over `classes` units, or one sigmoid unit for two
/// classes; else `Error::InLayer` on it.
fn output(layers: &[LayerSpec], shapes: &[LayerShape], classes: usize) -> Result<Output> {
    let need = || {
        let last = layers.len().max(1);
        let kind = layers.last().map_or("dense", LayerSpec::kind);
        let input = shapes.last().map_or_else(Vec::new, |s| s.output.clone());
        Error::InLayer { layer: last, kind, error: Box::new(Error::LayerInput { input, need: LayerNeed::Output { classes } }) }
    };
    let activation = match layers.last() {
        Some(LayerSpec::Dense { activation, .. } | LayerSpec::Activation { activation }) => *activation,
        _ => return Err(need()),
    };
    match (&shapes.last().ok_or_else(need)?.output[..], activation) {
        (&[k], Activation::Softmax) if k == classes => Ok(Output::Softmax),
        (&[1], Activation::Sigmoid) if classes == 2 => Ok(Output::Sigmoid),
        _ => Err(need()),
    }
}
