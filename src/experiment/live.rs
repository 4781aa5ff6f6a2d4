//! What the Train step shows of a gradient-descent model while it learns, beside the report:
//! one example's forward pass through the network as it is now.

use serde::Serialize;

use super::run::Experiment;
use crate::error::{Error, Need, Result};
use crate::explore::Scalar;
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
