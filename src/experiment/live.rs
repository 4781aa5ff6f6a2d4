//! What the Train step shows beside the report: one example's forward pass through a network
//! as it is now, where overfitting began, the decision boundary of the model as it is now, and
//! the loss surface of logistic regression on one of the prepared features with optimiser paths.

use serde::{Deserialize, Serialize};

use super::boundary::{boundary, Axes, Boundary};
use crate::learn::descent::{minimum, path, surface, Path, PathSpec, Surface, BOUND};

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
    /// A network of layers: each activation's shape (`[h, w, c]` feature maps, `[units]`),
    /// the input first; `None` for the MLP, whose layers are vectors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shapes: Option<Vec<Vec<usize>>>,
    /// Each layer's type, the input's `input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kinds: Option<Vec<&'static str>>,
    /// The row's features before scaling (an image's pixels as the file has them).
    pub raw: Vec<f64>,
}

/// What the loss-surface card asks: a feature of the prepared training part, the penalty (`C`,
/// none when absent), the grid's resolution, and the paths to draw.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DescentAsk {
    pub feature: String,
    #[serde(rename = "C", default)]
    pub c: Option<f64>,
    #[serde(default = "default_resolution")]
    pub resolution: usize,
    #[serde(default)]
    pub paths: Vec<PathSpec>,
}

fn default_resolution() -> usize {
    60
}

/// The surface and each path, on the window the surface spans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DescentView {
    pub surface: Surface,
    pub paths: Vec<Path>,
}

/// The window around the minimum (the origin when there is none) that also holds every start:
/// wide enough to see the bowl, never past the paths' bound.
fn window(centre: [f64; 2], starts: &[[f64; 2]]) -> ([f64; 2], [f64; 2]) {
    let reach = starts.iter().flat_map(|s| [(s[0] - centre[0]).abs(), (s[1] - centre[1]).abs()]).fold(3.0, f64::max) * 1.3;
    let half = reach.min(BOUND);
    ([centre[0] - half, centre[0] + half], [centre[1] - half, centre[1] + half])
}

impl Experiment {
    /// The decision boundary of the model as it is now (during or after training), on the
    /// training part as the scaler left it.
    pub fn boundary(&self, axes: &Axes, resolution: usize) -> Result<Boundary> {
        let model = self.model().ok_or(Error::BadSpec { detail: "no model is fitted yet".into() })?;
        let part = self.train_part();
        boundary(&model, self.positive(), part.x, part.y, self.prepared().threshold, axes, resolution)
    }

    /// The loss surface of logistic regression on one prepared feature of the training part
    /// (scaled as the spec says: standardised by default), and the asked optimiser paths.
    pub fn descent(&self, ask: &DescentAsk) -> Result<DescentView> {
        let prepared = self.prepared();
        let k = prepared.features.iter().position(|f| *f == ask.feature).ok_or_else(|| Error::BadParam {
            field: "descent.feature".into(),
            value: ask.feature.clone(),
            need: Need::OneOf(prepared.features.clone()),
        })?;
        let part = self.train_part();
        let x: Vec<f64> = part.x.column(k).to_vec();
        let y: Vec<bool> = part.y.iter().map(|&c| c == self.positive()).collect();
        let starts: Vec<[f64; 2]> = ask.paths.iter().map(|p| p.start).collect();
        let (w_range, b_range) = window(minimum(&x, &y, ask.c)?.unwrap_or([0.0, 0.0]), &starts);
        let paths = ask.paths.iter().map(|p| path(&x, &y, ask.c, p)).collect::<Result<Vec<_>>>()?;
        Ok(DescentView { surface: surface(&x, &y, ask.c, w_range, b_range, ask.resolution)?, paths })
    }

    /// The forward pass of the validation part's row `index`, through the weights as they are
    /// now (during or after training).
    pub fn forward(&self, index: usize) -> Result<Forward> {
        let part = self.validation_part();
        if index >= part.y.len() {
            return Err(Error::UnknownRow { label: index });
        }
        let row: Vec<f64> = part.x.row(index).to_vec();
        let (activations, shapes, kinds) = match self.model() {
            Some(Model::Network(network)) => (network.forward_pass(&row), None, None),
            Some(Model::Layered(network)) => {
                let summary = network.summary();
                let shapes = std::iter::once(network.input_shape.clone()).chain(summary.iter().map(|l| l.output.clone())).collect();
                let kinds = std::iter::once("input").chain(summary.iter().map(|l| l.kind)).collect();
                (network.forward_pass(&row)?, Some(shapes), Some(kinds))
            }
            _ => {
                let kinds = ["logistic_regression_gd", "mlp", "network"].map(String::from).to_vec();
                return Err(Error::BadParam { field: "model.kind".into(), value: self.model_kind().into(), need: Need::OneOf(kinds) });
            }
        };
        let raw = self.scaler().inverse(&row);
        Ok(Forward { id: self.validation_id(index), class: self.prepared().classes[part.y[index]].clone(), activations, shapes, kinds, raw })
    }

    /// The first convolution's filters as they are now, each `k × k` on the input's first
    /// channel; empty for a model without convolution.
    pub fn filters(&self) -> Vec<Vec<f64>> {
        match self.model() {
            Some(Model::Layered(network)) => network.first_filters(),
            _ => Vec::new(),
        }
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
