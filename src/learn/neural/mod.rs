//! Models learnt by gradient descent, epoch by epoch, so the page can watch them learn:
//! logistic regression by mini-batch gradient descent and a multi-layer perceptron (after
//! scikit-learn's `MLPClassifier`). Both are one `Network` (logistic regression is a network
//! with no hidden layer and one sigmoid output) trained by one `Training`.
//!
//! Maths through `libm` and plain loops (no BLAS, no fused multiply-add), so native and wasm
//! runs give the same bits.
//!
//! - `network`: the layers in one flat parameter buffer, the forward pass, the stable
//!   cross-entropies (sigmoid or softmax output) and their gradient with the L2 term;
//! - `optimiser`: SGD with classical momentum and Adam, as scikit-learn, over flat slices;
//! - `training`: seeded start and shuffles, mini-batches, the per-epoch record, early stopping
//!   on the validation part, divergence.
//!
//! Decisions beyond scikit-learn: the L2 term is divided by the training rows, not the batch's
//! (the objective does not depend on the batch size); early stopping measures on the
//! validation part, not on 10 % of the training rows; hidden ReLU layers start from He uniform
//! (scikit-learn uses Glorot everywhere); logistic regression starts from zero weights;
//! optional inverted dropout per hidden layer. 50,000 rows × 20 features through a 20-64-64-1
//! ReLU network (Adam, batches of 200) take about 0.17 s of CPU per epoch natively (release;
//! scikit-learn: 0.15 s); tests/learn_neural.rs has the timing test.

pub mod network;
pub mod optimiser;
pub mod training;

use serde::{Deserialize, Serialize};

pub use network::{Dense, LayerSummary, Network, Output};
pub use optimiser::Optimiser;
pub use training::{EpochRecord, Loader, Training};

/// The hidden layers' activation, as `MLPClassifier` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    #[default]
    Relu,
    Tanh,
    Logistic,
    /// Hidden layers left linear (scikit-learn's `identity`). Logistic regression's config
    /// names it, having no hidden layer; the output layer's kind is chosen by the number of
    /// classes whatever the activation.
    Identity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Solver {
    Sgd,
    #[default]
    Adam,
}

/// `MLPClassifier`'s parameters (scikit-learn's names and defaults), plus `dropout` (one rate
/// per hidden layer; empty for none) and `seed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MlpParams {
    pub hidden_layer_sizes: Vec<usize>,
    pub activation: Activation,
    pub solver: Solver,
    pub momentum: f64,
    pub learning_rate_init: f64,
    pub alpha: f64,
    /// `None` is scikit-learn's "auto": `min(200, rows)`.
    pub batch_size: Option<usize>,
    pub max_iter: usize,
    pub early_stopping: bool,
    pub n_iter_no_change: usize,
    pub tol: f64,
    pub dropout: Vec<f64>,
    pub seed: u64,
}

impl Default for MlpParams {
    fn default() -> Self {
        MlpParams {
            hidden_layer_sizes: vec![100],
            activation: Activation::Relu,
            solver: Solver::Adam,
            momentum: 0.9,
            learning_rate_init: 0.001,
            alpha: 0.0001,
            batch_size: None,
            max_iter: 200,
            early_stopping: false,
            n_iter_no_change: 10,
            tol: 1e-4,
            dropout: Vec::new(),
            seed: 0,
        }
    }
}

/// Logistic regression by mini-batch gradient descent: `C` as the exact solver's, the
/// `learning_rate`, `batch_size` (`None`: every row, full batch), `max_iter` epochs, and the
/// `seed` of the shuffle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GdParams {
    #[serde(rename = "C")]
    pub c: f64,
    pub learning_rate: f64,
    pub batch_size: Option<usize>,
    pub max_iter: usize,
    pub seed: u64,
}

impl Default for GdParams {
    fn default() -> Self {
        GdParams { c: 1.0, learning_rate: 0.1, batch_size: None, max_iter: 100, seed: 0 }
    }
}

/// Which model asked for a training: it names the parameters in errors, and chooses the output
/// layer and the start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// `MLPClassifier`: Glorot / He start (see `Network::initialise`); one sigmoid output for
    /// two classes, a softmax over the classes beyond.
    Mlp,
    /// Logistic regression by gradient descent, with the exact solver's `C` (`alpha = 1 / C`):
    /// one sigmoid output for the positive class against the rest whatever the number of
    /// classes, starting from all-zero weights (the textbook start, where the loss-surface card
    /// starts too).
    LogisticRegression { c: f64 },
    /// A network of layers (`learn::layers`), its output layer its own.
    Network,
}

/// What a training needs, whichever model asked for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub kind: Kind,
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub solver: Solver,
    pub momentum: f64,
    pub learning_rate: f64,
    /// L2 strength: the objective is mean cross-entropy + `alpha ‖W‖² / (2 n)`, `n` the
    /// training rows (biases not penalised). scikit-learn divides by the batch's rows instead;
    /// dividing by the training rows keeps the objective (and its optimum) the same whatever
    /// the batch size, and makes logistic regression's `alpha = 1 / C` the exact solver's
    /// objective divided by `C n`.
    pub alpha: f64,
    /// Rows per batch, `None` for every row.
    pub batch_size: Option<usize>,
    pub max_iter: usize,
    pub early_stopping: bool,
    pub n_iter_no_change: usize,
    pub tol: f64,
    pub dropout: Vec<f64>,
    pub seed: u64,
}

impl MlpParams {
    /// The training this asks for, field for field; `batch_size` "auto" is 200 (`Training`
    /// takes at most the rows there are).
    pub fn config(&self) -> Config {
        Config {
            kind: Kind::Mlp,
            hidden: self.hidden_layer_sizes.clone(),
            activation: self.activation,
            solver: self.solver,
            momentum: self.momentum,
            learning_rate: self.learning_rate_init,
            alpha: self.alpha,
            batch_size: Some(self.batch_size.unwrap_or(200)),
            max_iter: self.max_iter,
            early_stopping: self.early_stopping,
            n_iter_no_change: self.n_iter_no_change,
            tol: self.tol,
            dropout: self.dropout.clone(),
            seed: self.seed,
        }
    }
}

impl GdParams {
    /// One sigmoid unit, plain SGD (momentum 0), `alpha = 1 / C`, no early stopping, no
    /// dropout; `batch_size` `None` is the full batch.
    pub fn config(&self) -> Config {
        Config {
            kind: Kind::LogisticRegression { c: self.c },
            hidden: Vec::new(),
            activation: Activation::Identity,
            solver: Solver::Sgd,
            momentum: 0.0,
            learning_rate: self.learning_rate,
            alpha: 1.0 / self.c,
            batch_size: self.batch_size,
            max_iter: self.max_iter,
            early_stopping: false,
            n_iter_no_change: 10,
            tol: 1e-4,
            dropout: Vec::new(),
            seed: self.seed,
        }
    }
}
