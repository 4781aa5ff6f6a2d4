//! Epochs of mini-batches: shuffle, learn each batch, measure, stop early.
//!
//! - Start: one ChaCha8 stream seeded with `seed` draws the initial weights
//!   (`Network::initialise`; logistic regression starts from zeros and draws nothing), then
//!   shuffles the training rows before every epoch (Fisher–Yates, continuing from the previous
//!   epoch's order) and draws the dropout masks, in the order the batches need them. Nothing
//!   global: a seed gives the same bits every time, natively and in wasm.
//! - Batches: `min(batch_size, rows)` rows each (`None`: every row), the last one shorter;
//!   each takes one optimiser step along the gradient of its mean cross-entropy
//!   `+ alpha ‖W‖² / (2 n_train)` (see `Network::loss_and_gradient`).
//! - Records: `train_loss` / `train_accuracy` are the means over the epoch's rows of the
//!   cross-entropy and correctness the batches' own forward passes computed (dropout active,
//!   the weights before each batch's step), what Keras and scikit-learn's `loss_curve_`
//!   report, at no extra cost. `val_loss` / `val_accuracy` come from an eval-mode pass over
//!   the validation part after the epoch. Losses leave the L2 penalty out, so training and
//!   validation compare. A row is right when `σ ≥ 0.5` matches it being positive, or when the
//!   softmax's first largest output is its class.
//! - Early stopping (`early_stopping`, with a validation part): an epoch improves when its
//!   validation loss is below the best so far minus `tol`; after `n_iter_no_change` epochs in
//!   a row without improvement training stops, and `finish()` gives the weights of the epoch
//!   with the lowest validation loss. scikit-learn measures on 10 % of the training rows held
//!   out instead; here the validation part is the one the page shows. Without a validation
//!   part, training never stops early (the caller checks for one: `Need::ValidationPart`).
//! - Divergence: an epoch whose training loss is not a number (NaN, ±∞) ends training
//!   (`diverged()` gives it); nothing panics on non-finite weights.
//!
//! Epochs are counted from 1: `EpochRecord::epoch`, `stopped_at`, `best_epoch` and `diverged`
//! all say "the k-th epoch".

use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use serde::Serialize;

use super::network::{Tally, Work};
use super::{Config, Kind, Network, Optimiser, Solver};
use crate::error::{Error, Need, Result};
use crate::learn::layers::{self, NetworkParams};
use crate::learn::linalg::{check_c, check_labelled};
use crate::learn::{Labelled, Model};
use crate::prep::split::shuffle;

/// One epoch's figures: losses are mean cross-entropy (no penalty); `val_*` are `None`
/// without a validation part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpochRecord {
    /// 1 for the first epoch.
    pub epoch: usize,
    pub train_loss: f64,
    pub train_accuracy: f64,
    pub val_loss: Option<f64>,
    pub val_accuracy: Option<f64>,
}

/// The data loader's state: this epoch's order of the training rows and its batches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loader {
    /// Positions in the training part, in this epoch's shuffled order.
    pub order: Vec<u32>,
    pub batch_size: usize,
    /// Batches of this epoch already learnt.
    pub next_batch: usize,
    pub batches: usize,
    /// Epochs finished.
    pub epoch: usize,
}

/// What a training steps: the MLP's own passes (logistic regression by gradient descent
/// too), or a network of layers (`learn::layers`).
enum Learner {
    Mlp { network: Network, work: Work },
    Layers(layers::model::Learner),
}

impl Learner {
    fn parameters(&self) -> &[f64] {
        match self {
            Learner::Mlp { network, .. } => network.parameters(),
            Learner::Layers(l) => l.parameters(),
        }
    }

    fn parameters_mut(&mut self) -> &mut [f64] {
        match self {
            Learner::Mlp { network, .. } => network.parameters_mut(),
            Learner::Layers(l) => l.parameters_mut(),
        }
    }

    /// Inference-mode loss and correct rows over `data`.
    fn measure(&mut self, data: &Labelled) -> Result<Tally> {
        match self {
            Learner::Mlp { network, work } => Ok(network.tally(work, data.x, data.y)),
            Learner::Layers(l) => l.measure(data).map(|(loss, correct)| Tally { loss, correct }),
        }
    }

    fn model(&self) -> Model {
        match self {
            Learner::Mlp { network, .. } => Model::Network(network.clone()),
            Learner::Layers(l) => Model::Layered(l.model()),
        }
    }
}

/// A network being trained.
pub struct Training {
    config: Config,
    learner: Learner,
    optimiser: Optimiser,
    rng: ChaCha8Rng,
    /// Rows and features of the training part.
    n_train: usize,
    features: usize,
    order: Vec<u32>,
    batch_size: usize,
    batches: usize,
    next_batch: usize,
    grads: Vec<f64>,
    /// The epoch so far: cross-entropy and correct rows of its batches.
    epoch_tally: Tally,
    log: Vec<EpochRecord>,
    /// Lowest validation loss and its epoch.
    best: Option<(f64, usize)>,
    /// That epoch's weights (kept with early stopping only).
    best_params: Option<Vec<f64>>,
    no_improvement: usize,
    stopped_at: Option<usize>,
    diverged: Option<usize>,
    /// Why a network of layers could not go on (a word index past its vocabulary).
    failure: Option<Error>,
}

/// `Error::BadParam` for `model.<field>`.
fn bad(field: &str, value: impl ToString, need: Need) -> Error {
    Error::BadParam { field: format!("model.{field}"), value: value.to_string(), need }
}

/// The parameters' ranges, each named as the model's spec names it.
fn check(config: &Config) -> Result<()> {
    let lr_field = match config.kind {
        Kind::LogisticRegression { c } => {
            check_c(c)?;
            "learning_rate"
        }
        Kind::Mlp | Kind::Network => "learning_rate_init",
    };
    let lr = config.learning_rate;
    if !(lr > 0.0 && lr.is_finite()) {
        return Err(bad(lr_field, lr, Need::Positive));
    }
    // Need has no "0 or more" for reals; AtLeast(0) is the nearest.
    if !(config.alpha >= 0.0 && config.alpha.is_finite()) {
        return Err(bad("alpha", config.alpha, Need::AtLeast(0)));
    }
    if !(0.0..1.0).contains(&config.momentum) {
        return Err(bad("momentum", config.momentum, Need::Fraction));
    }
    if config.batch_size == Some(0) {
        return Err(bad("batch_size", 0, Need::AtLeast(1)));
    }
    if config.max_iter == 0 {
        return Err(bad("max_iter", 0, Need::AtLeast(1)));
    }
    if config.n_iter_no_change == 0 {
        return Err(bad("n_iter_no_change", 0, Need::AtLeast(1)));
    }
    if !(config.tol >= 0.0 && config.tol.is_finite()) {
        return Err(bad("tol", config.tol, Need::AtLeast(0)));
    }
    if config.hidden.contains(&0) {
        return Err(bad("hidden_layer_sizes", format!("{:?}", config.hidden), Need::AtLeast(1)));
    }
    let rates_ok = config.dropout.is_empty()
        || (config.dropout.len() == config.hidden.len() && config.dropout.iter().all(|p| (0.0..1.0).contains(p)));
    if !rates_ok {
        return Err(bad("dropout", format!("{:?}", config.dropout), Need::Rates(config.hidden.len())));
    }
    Ok(())
}

impl Training {
    /// Checks the parameters (`Error::BadParam` naming `model.<field>`) and the training part
    /// (finite features, class indices in range; for a sigmoid output both the positive class
    /// and the rest present, else `Error::EmptyClass` as the exact logistic regression), then
    /// initialises the network (Glorot, He for ReLU; seeded) and shuffles the first epoch.
    /// `positive` is the scored class; two classes, or logistic regression, give one sigmoid
    /// output, more classes a softmax.
    pub fn new(config: &Config, train: &Labelled, positive: usize) -> Result<Training> {
        check(config)?;
        check_labelled(train)?;
        let n_train = train.y.len();
        let one_vs_rest = matches!(config.kind, Kind::LogisticRegression { .. }) || train.n_classes <= 2;
        if one_vs_rest {
            let has = |want: bool| train.y.iter().any(|&c| (c == positive) == want);
            if let Some(missing) = [true, false].into_iter().find(|&class| !has(class)) {
                let class = if missing { "positive" } else { "negative" };
                return Err(Error::EmptyClass { part: "train", class: class.into() });
            }
        } else if positive >= train.n_classes {
            let max = train.n_classes as f64 - 1.0;
            return Err(Error::OutOfRange { name: "positive class", value: positive as f64, min: 0.0, max });
        }
        let outputs = if one_vs_rest { 1 } else { train.n_classes };
        let mut network = Network::new(train.x.ncols(), &config.hidden, config.activation, outputs, positive);
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        if config.kind == Kind::Mlp {
            network.initialise(&mut rng);
        }
        let batch_size = config.batch_size.unwrap_or(n_train).clamp(1, n_train);
        let work = Work::new(&network, batch_size, &config.dropout);
        Ok(Training::start(config, Learner::Mlp { network, work }, rng, train))
    }

    /// A network of layers: checks the optimiser's parameters and the training part as
    /// `new`, builds the layers on its features (`Error::InLayer` naming the first that cannot
    /// take what it receives, or an output layer that does not suit the classes), starts the
    /// weights and shuffles the first epoch from one stream seeded with `seed`.
    pub fn layered(params: &NetworkParams, train: &Labelled, positive: usize) -> Result<Training> {
        let config = params.config();
        check(&config)?;
        check_labelled(train)?;
        if positive >= train.n_classes {
            let max = train.n_classes as f64 - 1.0;
            return Err(Error::OutOfRange { name: "positive class", value: positive as f64, min: 0.0, max });
        }
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let learner = layers::model::Learner::new(params, train, positive, &mut rng)?;
        Ok(Training::start(&config, Learner::Layers(learner), rng, train))
    }

    /// Shuffles the first epoch, sets up the optimiser and the batches.
    fn start(config: &Config, learner: Learner, mut rng: ChaCha8Rng, train: &Labelled) -> Training {
        let n_train = train.y.len();
        let mut order: Vec<u32> = (0..n_train as u32).collect();
        shuffle(&mut order, &mut rng);
        let batch_size = config.batch_size.unwrap_or(n_train).clamp(1, n_train);
        let parameters = learner.parameters().len();
        let momentum = if config.solver == Solver::Sgd { config.momentum } else { 0.0 };
        Training {
            optimiser: Optimiser::new(config.solver, config.learning_rate, momentum, parameters),
            grads: vec![0.0; parameters],
            config: config.clone(),
            learner,
            rng,
            n_train,
            features: train.x.ncols(),
            order,
            batch_size,
            batches: n_train.div_ceil(batch_size),
            next_batch: 0,
            epoch_tally: Tally::default(),
            log: Vec::new(),
            best: None,
            best_params: None,
            no_improvement: 0,
            stopped_at: None,
            diverged: None,
            failure: None,
        }
    }

    /// True when `data` has the training part's shape (`batch` learns nothing otherwise).
    fn fits(&self, data: &Labelled) -> bool {
        data.x.nrows() == self.n_train && data.y.len() == self.n_train && data.x.ncols() == self.features
    }

    /// Learns the next batch; at the end of an epoch, measures it and returns its record.
    /// `train` must be the part given to `new`; nothing is learnt once `done()`, or if `train`
    /// does not have that part's shape.
    pub fn batch(&mut self, train: &Labelled, validation: Option<&Labelled>) -> Option<EpochRecord> {
        if self.done() || !self.fits(train) {
            return None;
        }
        let start = self.next_batch * self.batch_size;
        let end = (start + self.batch_size).min(self.n_train);
        let rows = &self.order[start..end];
        let tally = match &mut self.learner {
            Learner::Mlp { network, work } => {
                let n = work.gather(train.x, train.y, rows.iter().map(|&r| r as usize));
                let dropout = (!self.config.dropout.is_empty()).then_some((&self.config.dropout[..], &mut self.rng));
                network.forward(work, n, dropout);
                let tally = network.output_delta(work, n);
                network.backward(work, n, self.config.alpha / self.n_train as f64, &mut self.grads);
                tally
            }
            Learner::Layers(l) => match l.learn(train, rows, &mut self.rng, &mut self.grads) {
                Ok((loss, correct)) => Tally { loss, correct },
                Err(e) => {
                    self.failure = Some(e);
                    return None;
                }
            },
        };
        self.optimiser.step(self.learner.parameters_mut(), &self.grads);
        self.epoch_tally.loss += tally.loss;
        self.epoch_tally.correct += tally.correct;
        self.next_batch += 1;
        (self.next_batch == self.batches).then(|| self.close_epoch(validation))
    }

    /// Measures the epoch just learnt, keeps its record, decides whether to go on, and
    /// shuffles the next epoch.
    fn close_epoch(&mut self, validation: Option<&Labelled>) -> EpochRecord {
        let epoch = self.log.len() + 1;
        let rows = self.n_train as f64;
        let train_loss = self.epoch_tally.loss / rows;
        let train_accuracy = self.epoch_tally.correct as f64 / rows;
        let validation = validation.filter(|v| v.x.ncols() == self.features && v.x.nrows() == v.y.len() && !v.y.is_empty());
        let val = validation.and_then(|v| {
            let tally = self.learner.measure(v).map_err(|e| self.failure = Some(e)).ok()?;
            let n = v.y.len() as f64;
            Some((tally.loss / n, tally.correct as f64 / n))
        });
        let record = EpochRecord { epoch, train_loss, train_accuracy, val_loss: val.map(|v| v.0), val_accuracy: val.map(|v| v.1) };
        if let Some((val_loss, _)) = val {
            let best = self.best.map_or(f64::INFINITY, |b| b.0);
            if val_loss < best {
                self.best = Some((val_loss, epoch));
                if self.config.early_stopping {
                    match &mut self.best_params {
                        Some(kept) => kept.copy_from_slice(self.learner.parameters()),
                        None => self.best_params = Some(self.learner.parameters().to_vec()),
                    }
                }
            }
            if self.config.early_stopping {
                self.no_improvement = if val_loss < best - self.config.tol { 0 } else { self.no_improvement + 1 };
                if self.no_improvement >= self.config.n_iter_no_change {
                    self.stopped_at = Some(epoch);
                }
            }
        }
        if !train_loss.is_finite() {
            self.diverged = Some(epoch);
        }
        self.log.push(record.clone());
        self.epoch_tally = Tally::default();
        self.next_batch = 0;
        if !self.done() {
            shuffle(&mut self.order, &mut self.rng);
        }
        record
    }

    /// Learns every remaining batch of the epoch; returns its record. Once `done()`, learns
    /// nothing and returns the last record.
    pub fn epoch(&mut self, train: &Labelled, validation: Option<&Labelled>) -> EpochRecord {
        loop {
            if self.done() || !self.fits(train) {
                let epoch = self.log.len();
                let nothing = EpochRecord { epoch, train_loss: f64::NAN, train_accuracy: f64::NAN, val_loss: None, val_accuracy: None };
                return self.log.last().cloned().unwrap_or(nothing);
            }
            if let Some(record) = self.batch(train, validation) {
                return record;
            }
        }
    }

    /// Epochs run, and at most.
    pub fn progress(&self) -> (usize, usize) {
        (self.log.len(), self.config.max_iter)
    }

    /// True after `max_iter` epochs, once early stopping ended training, after divergence, or
    /// once a network of layers failed.
    pub fn done(&self) -> bool {
        self.log.len() >= self.config.max_iter || self.stopped_at.is_some() || self.diverged.is_some() || self.failure.is_some()
    }

    /// Why a network of layers stopped before its end (the caller reports it).
    pub fn failure(&self) -> Option<&Error> {
        self.failure.as_ref()
    }

    pub fn log(&self) -> &[EpochRecord] {
        &self.log
    }

    /// The epoch where early stopping ended training.
    pub fn stopped_at(&self) -> Option<usize> {
        self.stopped_at
    }

    /// The epoch whose training loss was not a number, which ended training (the caller may
    /// report `Error::Diverged`).
    pub fn diverged(&self) -> Option<usize> {
        self.diverged
    }

    /// The epoch with the lowest validation loss (the first of equals); `None` without
    /// validation.
    pub fn best_epoch(&self) -> Option<usize> {
        self.best.map(|b| b.1)
    }

    pub fn loader(&self) -> Loader {
        Loader {
            order: self.order.clone(),
            batch_size: self.batch_size,
            next_batch: self.next_batch,
            batches: self.batches,
            epoch: self.log.len(),
        }
    }

    /// The MLP (or logistic regression) as it is now; `None` for a network of layers.
    pub fn mlp(&self) -> Option<&Network> {
        match &self.learner {
            Learner::Mlp { network, .. } => Some(network),
            Learner::Layers(_) => None,
        }
    }

    /// The model with the weights as they are now.
    pub fn model(&self) -> Model {
        self.learner.model()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The fitted model: the best epoch's weights with early stopping (and a validation
    /// part), else the last.
    pub fn finish(mut self) -> Model {
        if let Some(best) = &self.best_params {
            self.learner.parameters_mut().copy_from_slice(best);
        }
        self.learner.model()
    }

    /// The step size the training was given (for messages).
    pub fn learning_rate(&self) -> f64 {
        self.config.learning_rate
    }
}
