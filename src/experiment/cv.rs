//! Cross-validation of the whole pipeline (`spec.cv`): the rows of the training and validation
//! parts (all rows when `split.test` is 0: the test rows never enter) cut into folds; on each
//! fold the imputer, encoder, scaler, resampler and model are learnt on the other folds, never
//! on the fold they are scored on (unless `leaky_preparation` asks to show the mistake). A fold
//! a step, so the worker can show progress and cancel.
//!
//! Each fold is also a unit of work of its own (`fold(i)`): the page's worker pool runs them in
//! any order on any worker, each worker holding its own `CrossValidation` of the same spec, and
//! `CvReport::from_folds` puts them back in fold order, so the pooled report is the sequential
//! one, bit for bit. A search keeps each fold's prepared matrices (`keep_prepared`): its trials
//! change only the model, not the preparation learnt on a training fold.

use std::cell::OnceCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::run::{features, scoring, target, Matrix, Preparation, Target};
use super::spec::Spec;
use crate::data::Table;
use crate::error::{Error, Need, Result};
use crate::learn::{Labelled, ModelSpec, Trainer};
use crate::prep::features::{complete_rows, Impute};
use crate::prep::folds::{folds, CvSpec};
use crate::prep::recipe::{apply, Cleaned};
use crate::prep::resample::resample;
use crate::prep::split::{split, SplitSpec};

/// The figures of one fold's test rows at the spec's threshold. `roc_auc` and
/// `average_precision` are `null` on a fold holding one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoldScores {
    pub accuracy: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub roc_auc: Option<f64>,
    pub average_precision: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fold {
    /// 1-based.
    pub fold: usize,
    /// The fold's rows, as labels of the loaded file (0-based, pandas' index).
    pub test_indices: Vec<usize>,
    pub train_rows: usize,
    #[serde(flatten)]
    pub scores: FoldScores,
}

/// One fold's result: what a worker of the pool sends back (the same as a report's fold).
pub type FoldRecord = Fold;

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
    /// Each fold's prepared training and test parts, kept once made when `keep_prepared` (a
    /// search's trials share them); empty otherwise.
    prepared: Vec<OnceCell<Rc<Prepared>>>,
}

/// A fold's training and test parts, prepared (imputed, encoded, scaled) as the spec says.
struct Prepared {
    train: Matrix,
    test: Matrix,
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
        Ok(CrossValidation { spec: spec.clone(), features, target, rows, folds, leaked, done: Vec::new(), cleaned, prepared: Vec::new() })
    }

    /// Keeps each fold's prepared parts once made, for the next `fold_with` of another model: the
    /// preparation does not depend on the model's parameters (memory: the data once per fold).
    pub fn keep_prepared(&mut self) {
        self.prepared = (0..self.folds.len()).map(|_| OnceCell::new()).collect();
    }

    /// The number of folds.
    pub fn len(&self) -> usize {
        self.folds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.folds.is_empty()
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
        if self.done() {
            return Ok(());
        }
        let fold = self.fold(self.done.len())?;
        self.done.push(fold);
        Ok(())
    }

    /// Fold `i` (0-based): the pipeline learnt on every other fold, scored on this one. Depends
    /// on the spec and `i` only, so the folds may run in any order, on any worker.
    pub fn fold(&self, i: usize) -> Result<FoldRecord> {
        self.fold_with(&self.spec.model, i)
    }

    /// Fold `i` with another model than the spec's (a search's trial).
    pub fn fold_with(&self, model: &ModelSpec, i: usize) -> Result<FoldRecord> {
        let parts = self.prepared_fold(i)?;
        let spec = Spec { model: model.clone(), ..self.spec.clone() };
        let fitted = fit_on(&spec, &parts.train, &self.target.classes, self.target.positive)?;
        let part = scoring(&fitted, &parts.test, self.target.positive, spec.threshold())?.0;
        let m = &part.metrics;
        let scores = FoldScores {
            accuracy: m.accuracy,
            precision: m.precision,
            recall: m.recall,
            f1: m.f1,
            roc_auc: part.roc.map(|r| r.auc),
            average_precision: part.pr.map(|p| p.average_precision),
        };
        let test_indices = parts.test.rows.iter().map(|&r| self.cleaned.index[r]).collect();
        Ok(Fold { fold: i + 1, test_indices, train_rows: parts.train.y.len(), scores })
    }

    /// Fold `i`'s prepared parts: kept ones, or made now (and kept if asked).
    fn prepared_fold(&self, i: usize) -> Result<Rc<Prepared>> {
        if let Some(kept) = self.prepared.get(i).and_then(OnceCell::get) {
            return Ok(kept.clone());
        }
        let parts = Rc::new(self.prepare(i)?);
        if let Some(cell) = self.prepared.get(i) {
            let _ = cell.set(parts.clone());
        }
        Ok(parts)
    }

    /// Learns the preparation on every fold but `i` (or takes the one learnt on every row, the
    /// leak shown on purpose) and prepares both parts.
    fn prepare(&self, i: usize) -> Result<Prepared> {
        let test = self.folds.get(i).ok_or_else(|| Error::BadParam { field: "fold".into(), value: (i + 1).to_string(), need: Need::AtMost(self.folds.len()) })?;
        let table = &self.cleaned.table;
        let in_test = |p: &usize| test.binary_search(p).is_ok();
        let train_rows: Vec<usize> = (0..self.rows.len()).filter(|p| !in_test(p)).map(|p| self.rows[p]).collect();
        let test_rows: Vec<usize> = test.iter().map(|&p| self.rows[p]).collect();
        let (own, train_x) = match &self.leaked {
            Some(leaked) => (None, leaked.transform(table, &train_rows)),
            None => {
                let (own, x) = Preparation::fit(table, &self.features, &train_rows, &self.spec)?;
                (Some(own), x)
            }
        };
        let Some(preparation) = own.as_ref().or(self.leaked.as_ref()) else { return Err(Error::BadSpec { detail: "no preparation".into() }) };
        let classes_of = |rows: &[usize]| rows.iter().map(|&r| self.target.index[r]).collect();
        let train = Matrix { x: train_x, y: classes_of(&train_rows), rows: train_rows };
        let test = Matrix { x: preparation.transform(table, &test_rows), y: classes_of(&test_rows), rows: test_rows };
        Ok(Prepared { train, test })
    }

    /// Every fold and their mean and spread, once `done()`.
    pub fn report(&self) -> Result<CvReport> {
        if !self.done() {
            return Err(Error::BadSpec { detail: "the cross-validation is not finished".into() });
        }
        Ok(CvReport::from_folds(self.done.clone()))
    }
}

impl CvReport {
    /// The report of folds computed anywhere, in any order: sorted by fold number first, so the
    /// means and spreads add up in the same order as the sequential run's.
    pub fn from_folds(mut folds: Vec<FoldRecord>) -> CvReport {
        folds.sort_by_key(|f| f.fold);
        let each = |f: fn(&FoldScores) -> Option<f64>| -> Vec<f64> { folds.iter().filter_map(|d| f(&d.scores)).collect() };
        let summary = |stat: fn(&[f64]) -> Option<f64>| FoldScores {
            accuracy: stat(&each(|s| Some(s.accuracy))).unwrap_or(0.0),
            precision: stat(&each(|s| Some(s.precision))).unwrap_or(0.0),
            recall: stat(&each(|s| Some(s.recall))).unwrap_or(0.0),
            f1: stat(&each(|s| Some(s.f1))).unwrap_or(0.0),
            roc_auc: stat(&each(|s| s.roc_auc)),
            average_precision: stat(&each(|s| s.average_precision)),
        };
        let (mean, std) = (summary(mean), summary(std));
        CvReport { folds, mean, std }
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
    // Without a watched tenth, the part goes to the resampler as it is (no copy of it first).
    let (x, y, watched) = if watch {
        let parts = split(&train.y, classes, &SplitSpec { test: 0.0, validation: 0.1, stratify: true, seed: spec.split.seed })?;
        let pick = |positions: &[usize]| (train.x.select(ndarray::Axis(0), positions), positions.iter().map(|&p| train.y[p]).collect::<Vec<usize>>());
        let learn = pick(&parts.train);
        let (x, y) = resample(&spec.resample, learn.0.view(), &learn.1, classes)?;
        (x, y, Some(pick(&parts.validation)))
    } else {
        let (x, y) = resample(&spec.resample, train.x.view(), &train.y, classes)?;
        (x, y, None)
    };
    let data = Labelled { x: x.view(), y: &y, n_classes };
    let watched = watched.as_ref().map(|(x, y)| Labelled { x: x.view(), y, n_classes });
    let mut trainer = Trainer::new(&spec.trained_model(), &data, positive)?;
    while !trainer.done() {
        trainer.step(&data, watched.as_ref())?;
    }
    trainer.finish().ok_or(Error::BadSpec { detail: "the model is not fitted".into() })
}
