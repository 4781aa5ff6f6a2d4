//! Epochs of mini-batches: shuffle, learn each batch, measure, stop early.

use serde::Serialize;

use super::{Config, Network};
use crate::error::Result;
use crate::learn::Labelled;

/// One epoch's figures: losses are mean cross-entropy (no penalty); `val_*` are `None`
/// without a validation part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpochRecord {
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

/// A network being trained.
pub struct Training {
    _config: Config,
}

impl Training {
    /// Initialises the network (Glorot, He for ReLU; seeded). `positive` is the scored class;
    /// two classes give one sigmoid output.
    pub fn new(_config: &Config, _train: &Labelled, _positive: usize) -> Result<Training> {
        todo!()
    }

    /// Learns the next batch; at the end of an epoch, measures it and returns its record.
    pub fn batch(&mut self, _train: &Labelled, _validation: Option<&Labelled>) -> Option<EpochRecord> {
        todo!()
    }

    /// Learns every remaining batch of the epoch; returns its record.
    pub fn epoch(&mut self, _train: &Labelled, _validation: Option<&Labelled>) -> EpochRecord {
        todo!()
    }

    /// Epochs run, and at most.
    pub fn progress(&self) -> (usize, usize) {
        todo!()
    }

    /// True after `max_iter` epochs or once early stopping ended training.
    pub fn done(&self) -> bool {
        todo!()
    }

    pub fn log(&self) -> &[EpochRecord] {
        todo!()
    }

    /// The epoch where early stopping ended training.
    pub fn stopped_at(&self) -> Option<usize> {
        todo!()
    }

    /// The epoch with the lowest validation loss.
    pub fn best_epoch(&self) -> Option<usize> {
        todo!()
    }

    pub fn loader(&self) -> Loader {
        todo!()
    }

    /// The weights as they are now.
    pub fn network(&self) -> &Network {
        todo!()
    }

    /// The fitted network: the best epoch's weights with early stopping, else the last.
    pub fn finish(self) -> Network {
        todo!()
    }
}

impl Training {
    /// The epoch whose training loss stopped being a number (training stopped there).
    pub fn diverged(&self) -> Option<usize> {
        todo!()
    }

    /// The step size the training was given (for messages).
    pub fn learning_rate(&self) -> f64 {
        todo!()
    }
}
