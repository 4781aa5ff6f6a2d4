//! What the Train step shows of a gradient-descent model while it learns, beside the report:
//! one example's forward pass through the network as it is now, and where overfitting began.

use serde::Serialize;

use super::run::Experiment;
use crate::error::{Error, Need, Result};
use crate::explore::Scalar;
use crate::learn::neural::EpochRecord;
use crate::learn::Model;

/// One validation row's trip through the network: the activations of every layer, the input
/// (its prepared features) first and the output last.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forward {
    /// The row's identifier (ID column value, else its label in the loaded file).
    pub id: Scalar,
    /// Its class.
    pub class: String,
    pub activations: Vec<Vec<f64>>,
}

impl Experiment {
    /// The forward pass of the validation part's row `index`, through the weights as they are
    /// now (during or after training).
    pub fn forward(&self, index: usize) -> Result<Forward> {
        let Some(Model::Network(network)) = self.model() else {
            return Err(Error::BadParam { field: "model.kind".into(), value: self.model_kind().into(), need: Need::OneOf(vec!["logistic_regression_gd".into(), "mlp".into()]) });
        };
        let part = self.validation_part();
        if index >= part.y.len() {
            return Err(Error::UnknownRow { label: index });
        }
        let row: Vec<f64> = part.x.row(index).to_vec();
        Ok(Forward {
            id: self.validation_id(index),
            class: self.prepared().classes[part.y[index]].clone(),
            activations: network.forward_pass(&row),
        })
    }
}

/// Epochs the validation loss must have stayed above its lowest value before the page names
/// overfitting: one epoch up is noise, three in a row is a trend.
const RISING: usize = 3;
/// How far above its lowest value the validation loss must end, relatively (2 %).
const MARGIN: f64 = 0.02;

/// The epoch where overfitting began: the one after the lowest validation loss, once the
/// validation loss has stayed above that low for `RISING` epochs and ends clearly above it
/// while the training loss kept falling. `None` while the curves still go down together.
pub fn overfitting_from(log: &[EpochRecord]) -> Option<usize> {
    let val: Vec<(usize, f64)> = log.iter().enumerate().filter_map(|(i, r)| r.val_loss.filter(|v| v.is_finite()).map(|v| (i, v))).collect();
    let &(best, low) = val.iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
    let last = log.len() - 1;
    let (end_val, end_train) = (log[last].val_loss?, log[last].train_loss);
    let rising = last - best >= RISING && end_val > low * (1.0 + MARGIN);
    (rising && end_train < log[best].train_loss).then(|| log[best].epoch + 1)
}
