//! Cross-validation of the whole pipeline (`spec.cv`): the rows of the training and validation
//! parts (all rows when `split.test` is 0: the test rows never enter) cut into folds; on each
//! fold the imputer, encoder, scaler, resampler and model are learnt on the other folds, never
//! on the fold they are scored on (unless `leaky_preparation` asks to show the mistake). A fold
//! a step, so the worker can show progress and cancel.

use serde::Serialize;

use super::run::{features, scoring, target, Matrix, Preparation, Target};
use super::spec::Spec;
use crate::data::Table;
use crate::error::{Error, Result};
use crate::learn::{Labelled, ModelSpec, Trainer};
use crate::prep::features::{complete_rows, Impute};
use crate::prep::folds::{folds, CvSpec};
use crate::prep::recipe::{apply, Cleaned};
use crate::prep::resample::resample;
use crate::prep::split::{split, SplitSpec};

/// The figures of one fold's test rows at the spec's threshold. `roc_auc` and
/// `average_precision` are `null` on a fold holding one class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoldScores {
    pub accuracy: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub roc_auc: Option<f64>,
    pub average_precision: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fold {
    /// 1-based.
    pub fold: usize,
    /// The fold's rows, as labels of the loaded file (0-based, pandas' index).
    pub test_indices: Vec<usize>,
    pub train_rows: usize,
    #[serde(flatten)]
    pub scores: FoldScores,
}

/// `report.cv`: every fold, and each figure's mean and standard deviation over the folds
/// (ddof 0, as numpy's `std`; an area over the folds where it is defined).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CvReport {
    pub folds: Vec<Fold>,
    pub mean: FoldScores,
    pub std: FoldScores,
}

/// A cross-validation under way.
pub struct CrossValidation {
    spec: Spec,
    cleaned: Cleaned,
    features: Vec<String>,
    target: Target,
    /// Rows of the cleaned table taking part, in table order.
    rows: Vec<usize>,
    /// Each fold's test positions into `rows`.
    folds: Vec<Vec<usize>>,
    /// Learnt on every row before the folds (`leaky_preparation`), else per fold.
    leaked: Option<Preparation>,
    done: Vec<Fold>,
}

impl CrossValidation {
    /// Cleans, chooses the target and features, leaves the test part out and draws the folds.
    pub fn new(spec: &Spec, cv: &CvSpec, loaded: &Table) -> Result<CrossValidation> {
        let cleaned = apply(loaded, &spec.clean)?;
        let table = &cleaned.table;
        let target = target(table, spec)?;
        let features = features(table, spec, &target.name)?;
        let labelled: Vec<usize> = (0..table.num_rows()).filter(|&r| target.index[r] < target.classes.len()).collect();
        let candidates = if spec.impute == Impute::DropRows { complete_rows(table, &features, &labelled)? } else { labelled };
        let y: Vec<usize> = candidates.iter().map(|&r| target.index[r]).collect();
        // The test part as the run draws it (its rows do not depend on the validation share).
        let parts = split(&y, &target.classes, &SplitSpec { validation: 0.0, ..spec.split.clone() })?;
        let rows: Vec<usize> = parts.train.iter().map(|&p| candidates[p]).collect();
        let fold_y: Vec<usize> = rows.iter().map(|&r| target.index[r]).collect();
        let folds = folds(&fold_y, cv)?;
        let leaked = if cv.leaky_preparation { Some(Preparation::fit(table, &features, &rows, spec)?.0) } else { None };
        Ok(CrossValidation { spec: spec.clone(), features, target, rows, folds, leaked, done: Vec::new(), cleaned })
    }

    /// Starts again with another model on the same folds (a search's next trial).
    pub fn restart(&mut self, model: ModelSpec) {
        self.spec.model = model;
        self.done.clear();
    }

    /// `(folds done, folds)`.
    pub fn progress(&self) -> (usize, usize) {
        (self.done.len(), self.folds.len())
    }

    pub fn done(&self) -> bool {
        self.done.len() >= self.folds.len()
    }

    /// Learns the whole pipeline on every fold but the next one, and scores that one.
    pub fn step(&mut self) -> Result<()> {
        let Some(test) = self.folds.get(self.done.len()) else { return Ok(()) };
        let table = &self.cleaned.table;
        let in_test = |p: &usize| test.binary_search(p).is_ok();
        let train_rows: Vec<usize> = (0..self.rows.len()).filter(|p| !in_test(p)).map(|p| self.rows[p]).collect();
        let test_rows: Vec<usize> = test.iter().map(|&p| self.rows[p]).collect();
        // The training fold's own preparation, which prepares its rows as it learns; or the
        // one learnt on every row (the leak shown on purpose).
        let (own, train_x) = match &self.leaked {
            Some(leaked) => (None, leaked.transform(table, &train_rows)),
            None => {
                let (own, x) = Preparation::fit(table, &self.features, &train_rows, &self.spec)?;
                (Some(own), x)
            }
        };
        let Some(preparation) = own.as_ref().or(self.leaked.as_ref()) else { return Ok(()) };
        let classes_of = |rows: &[usize]| rows.iter().map(|&r| self.target.index[r]).collect();
        let train = Matrix { x: train_x, y: classes_of(&train_rows), rows: train_rows };
        let scored = Matrix { x: preparation.transform(table, &test_rows), y: classes_of(&test_rows), rows: test_rows };
        let model = fit_on(&self.spec, &train, &self.target.classes, self.target.positive)?;
        let part = scoring(&model, &scored, self.target.positive, self.spec.threshold())?.0;
        let m = &part.metrics;
        let scores = FoldScores {
            accuracy: m.accuracy,
            precision: m.precision,
            recall: m.recall,
            f1: m.f1,
            roc_auc: part.roc.map(|r| r.auc),
            average_precision: part.pr.map(|p| p.average_precision),
        };
        let test_indices = scored.rows.iter().map(|&r| self.cleaned.index[r]).collect();
        self.done.push(Fold { fold: self.done.len() + 1, test_indices, train_rows: train.y.len(), scores });
        Ok(())
    }

    /// Every fold and their mean and spread, once `done()`.
    pub fn report(&self) -> Result<CvReport> {
        if !self.done() {
            return Err(Error::BadSpec { detail: "the cross-validation is not finished".into() });
        }
        let each = |f: fn(&FoldScores) -> Option<f64>| -> Vec<f64> { self.done.iter().filter_map(|d| f(&d.scores)).collect() };
        let summary = |stat: fn(&[f64]) -> Option<f64>| FoldScores {
            accuracy: stat(&each(|s| Some(s.accuracy))).unwrap_or(0.0),
            precision: stat(&each(|s| Some(s.precision))).unwrap_or(0.0),
            recall: stat(&each(|s| Some(s.recall))).unwrap_or(0.0),
            f1: stat(&each(|s| Some(s.f1))).unwrap_or(0.0),
            roc_auc: stat(&each(|s| s.roc_auc)),
            average_precision: stat(&each(|s| s.average_precision)),
        };
        Ok(CvReport { folds: self.done.clone(), mean: summary(mean), std: summary(std) })
    }
}

fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// The population standard deviation (ddof 0).
fn std(xs: &[f64]) -> Option<f64> {
    let m = mean(xs)?;
    Some((xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / xs.len() as f64).sqrt())
}

/// The model learnt on a training part of its own (a CV training fold, or train + validation
/// for the final test), oversampled as the spec says. A network with early stopping watches a
/// stratified tenth of that part, never the rows it will be scored on.
pub(super) fn fit_on(spec: &Spec, train: &Matrix, classes: &[String], positive: usize) -> Result<crate::learn::Model> {
    let n_classes = classes.len();
    let watch = matches!(&spec.model, ModelSpec::Mlp(p) if p.early_stopping);
    let (learn, watched) = if watch {
        let parts = split(&train.y, classes, &SplitSpec { test: 0.0, validation: 0.1, stratify: true, seed: spec.split.seed })?;
        let pick = |positions: &[usize]| (train.x.select(ndarray::Axis(0), positions), positions.iter().map(|&p| train.y[p]).collect::<Vec<usize>>());
        (pick(&parts.train), Some(pick(&parts.validation)))
    } else {
        ((train.x.clone(), train.y.clone()), None)
    };
    let (x, y) = resample(&spec.resample, learn.0.view(), &learn.1, classes)?;
    let data = Labelled { x: x.view(), y: &y, n_classes };
    let watched = watched.as_ref().map(|(x, y)| Labelled { x: x.view(), y, n_classes });
    let mut trainer = Trainer::new(&spec.model, &data, positive)?;
    while !trainer.done() {
        trainer.step(&data, watched.as_ref())?;
    }
    trainer.finish().ok_or(Error::BadSpec { detail: "the model is not fitted".into() })
}
