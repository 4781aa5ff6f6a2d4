//! A run: spec → report. `Experiment::new` prepares (clean, choose target and features, split,
//! learn the imputer, encoder and scaler on the training part, oversample it); `step` fits the
//! model a step at a time; `report` scores the training and validation parts. The test part is
//! only counted.

use ndarray::Array2;

use super::cv::CrossValidation;
use super::final_test::{self, FinalTest, TestUse};
use super::search::Search;
use super::guards;
use super::live::overfitting_from;
use super::report::{ClassCounts, Learning, Marks, ModelReport, Part, Prepared, Report, Rows, Scoring, Splits, Validation};
use super::session::row_ids;
use super::spec::{data_fingerprint, fnv1a, Spec};
use super::text::TextReport;
use crate::data::{read, Loaded, ReadOptions, Table};
use crate::error::{Error, Need, Result};
use crate::eval::classes::ClassConfusion;
use crate::eval::confusion::Counts;
use crate::eval::curves::{precision_recall, roc};
use crate::eval::scores::Scores;
use crate::explore::classes::{classes, name};
use crate::explore::{self, Scalar};
use crate::learn::tree::Node;
use crate::learn::neural::{EpochRecord, Training};
use crate::learn::{Labelled, Model, ModelSpec, Trainer};
use crate::prep::features::{complete_rows, Encoder, Impute};
use crate::prep::recipe::apply;
use crate::prep::resample::{planned_counts, resample, ResampleSpec};
use crate::prep::scale::Scaler;
use crate::prep::split::split;

/// What the pipeline learns on a training part before the model: the imputer and encoder,
/// then the scaler on the encoded features. Serde: the production model file holds it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) struct Preparation {
    pub encoder: Encoder,
    pub scaler: Scaler,
}

impl Preparation {
    /// Learns the preparation on `rows` of the cleaned table; gives those rows prepared too
    /// (encoded once, then scaled in place).
    pub fn fit(table: &Table, features: &[String], rows: &[usize], spec: &Spec) -> Result<(Preparation, Array2<f64>)> {
        let encoder = Encoder::fit_with_text(table, features, rows, spec.impute, spec.text.as_ref())?;
        let mut x = encoder.transform(table, rows);
        let scaler = Scaler::fit(spec.scale, x.view(), &encoder.numeric());
        scaler.transform(&mut x);
        Ok((Preparation { encoder, scaler }, x))
    }

    /// `rows` of the cleaned table, encoded and scaled.
    pub fn transform(&self, table: &Table, rows: &[usize]) -> Array2<f64> {
        let mut x = self.encoder.transform(table, rows);
        self.scaler.transform(&mut x);
        x
    }
}

/// A part's prepared features and class indices, with the rows they come from.
pub(super) struct Matrix {
    pub x: Array2<f64>,
    pub y: Vec<usize>,
    /// Rows of the cleaned table.
    pub rows: Vec<usize>,
}

/// A prepared run whose model is being fitted.
pub struct Experiment {
    hash: String,
    prepared: Prepared,
    positive: usize,
    resample: ResampleSpec,
    model: ModelSpec,
    /// Learnt on the training part; the report undoes it on a tree's thresholds.
    scaler: Scaler,
    /// Learnt on the training part; the report names a linear model's telling words with it.
    encoder: Encoder,
    /// The training part as it was (the model learns it oversampled).
    train: Matrix,
    validation: Matrix,
    /// The identifier of each validation row, and its label in the loaded file.
    validation_ids: Vec<Scalar>,
    validation_labels: Vec<usize>,
    /// Once the first step is taken: the training part as the model learns it (oversampled),
    /// and the model being fitted.
    fitting: Option<(Matrix, Trainer)>,
    /// Once fitted: the model, and a gradient-descent model's epochs.
    fitted: Option<(Model, Option<Learning>)>,
    /// With `spec.cv`: the cross-validation, stepped once the model is fitted.
    cross_validation: Option<CrossValidation>,
    /// With `spec.search`: the search, a trial a step after the cross-validation.
    search: Option<Search>,
    /// With `spec.evaluate_test`: the refit on train + validation, scored on the test rows.
    final_test: Option<FinalTest>,
    /// `spec.test_uses`: the earlier evaluations of the test rows, for `report.test_uses`.
    earlier_tests: Vec<TestUse>,
}

/// Reads the spec's data (`builtin` gives a built-in set's bytes by file name) and runs it.
pub fn run_spec(spec: &Spec, builtin: impl Fn(&str) -> Result<Vec<u8>>) -> Result<Report> {
    let mut experiment = start_spec(spec, builtin)?;
    while !experiment.done() {
        experiment.step()?;
    }
    experiment.report()
}

/// Reads the spec's data (and its final test's other file) and prepares its run, to be
/// stepped by the caller.
pub fn start_spec(spec: &Spec, builtin: impl Fn(&str) -> Result<Vec<u8>>) -> Result<Experiment> {
    let (loaded, fingerprint) = load_spec_data(spec, &builtin)?;
    Experiment::with_test_file(spec, &loaded.table, fingerprint, spec.test_data_bytes(&builtin)?)
}

/// The spec's data read with the guessed dialect, and its fingerprint (bytes and dialect).
pub fn load_spec_data(spec: &Spec, builtin: impl FnOnce(&str) -> Result<Vec<u8>>) -> Result<(Loaded, u64)> {
    let bytes = spec.data_bytes(builtin)?;
    let bytes_hash = fnv1a(&bytes);
    let loaded = read(bytes, &ReadOptions::default())?;
    let fingerprint = data_fingerprint(bytes_hash, &loaded.dialect);
    Ok((loaded, fingerprint))
}

/// The journal key of `spec` on its own data (`spec.data`): the report's `spec_hash`, without
/// running anything.
pub fn spec_key(spec: &Spec, builtin: impl FnOnce(&str) -> Result<Vec<u8>>) -> Result<String> {
    let (_, fingerprint) = load_spec_data(spec, builtin)?;
    Ok(spec.hash(fingerprint))
}

/// Runs `spec` on a loaded table (before cleaning) whose bytes have `fingerprint`; with
/// `spec.cv`, cross-validates it too (after the fit).
pub fn run(spec: &Spec, table: &Table, fingerprint: u64) -> Result<Report> {
    let mut experiment = Experiment::new(spec, table, fingerprint)?;
    while !experiment.done() {
        experiment.step()?;
    }
    experiment.report()
}

/// The target column and its classes, named and sorted; rows with a missing label are left out.
pub(super) struct Target {
    pub name: String,
    pub classes: Vec<String>,
    /// Class index of each row of the cleaned table; `classes.len()` where missing.
    pub index: Vec<usize>,
    pub positive: usize,
}

pub(super) fn target(table: &Table, spec: &Spec) -> Result<Target> {
    let name = match &spec.target {
        Some(t) => t.clone(),
        None => explore::guess_target(table).ok_or_else(|| Error::BadParam {
            field: "target".into(),
            value: "null".into(),
            need: Need::OneOf(table.columns().iter().map(|c| c.name.clone()).collect()),
        })?,
    };
    let c = classes(table.column(&name)?);
    match c.names.len() {
        0 => return Err(Error::OneClassTarget { column: name, class: String::new() }),
        1 => return Err(Error::OneClassTarget { column: name, class: c.names[0].clone() }),
        _ => {}
    }
    let positive = positive_class(&c.names, &c.index, spec.positive.as_ref())?;
    Ok(Target { name, classes: c.names, index: c.index, positive })
}

/// The chosen positive class; by default the class `1`, else the smallest class (the rarer
/// outcome is usually the one looked for: malignant, ill, fraud), the first among ties.
fn positive_class(names: &[String], index: &[usize], chosen: Option<&Scalar>) -> Result<usize> {
    if let Some(p) = chosen {
        let wanted = match p {
            Scalar::Float(x) if x.fract() == 0.0 => (*x as i64).to_string(),
            other => name(other),
        };
        return names.iter().position(|n| *n == wanted).ok_or_else(|| Error::BadParam {
            field: "positive".into(),
            value: wanted,
            need: Need::OneOf(names.to_vec()),
        });
    }
    if let Some(one) = names.iter().position(|n| n == "1") {
        return Ok(one);
    }
    let mut counts = vec![0usize; names.len()];
    index.iter().filter(|&&k| k < names.len()).for_each(|&k| counts[k] += 1);
    Ok((0..names.len()).min_by_key(|&k| counts[k]).unwrap_or(0))
}

/// The spec's features, or every column but the target and the ID column.
pub(super) fn features(table: &Table, spec: &Spec, target: &str) -> Result<Vec<String>> {
    let chosen = match &spec.features {
        Some(f) => f.clone(),
        None => {
            let id = explore::identifier_column(table).map(|i| table.columns()[i].name.as_str());
            table.columns().iter().map(|c| c.name.as_str()).filter(|&n| n != target && Some(n) != id).map(String::from).collect()
        }
    };
    for f in &chosen {
        table.column(f)?;
        if f == target {
            return Err(Error::BadParam { field: "features".into(), value: f.clone(), need: Need::NotTarget });
        }
    }
    if chosen.is_empty() {
        return Err(Error::NoFeatures);
    }
    Ok(chosen)
}

/// The rows with a label, and among them the rows the pipeline can learn from (all of them,
/// or only the complete ones with `impute: drop_rows`), in table order.
pub(super) fn learnable(table: &Table, spec: &Spec, features: &[String], target: &Target) -> Result<(Vec<usize>, Vec<usize>)> {
    let labelled: Vec<usize> = (0..table.num_rows()).filter(|&r| target.index[r] < target.classes.len()).collect();
    let candidates = if spec.impute == Impute::DropRows { complete_rows(table, features, &labelled)? } else { labelled.clone() };
    Ok((labelled, candidates))
}

fn counts(y: &[usize], classes: &[String]) -> ClassCounts {
    let mut n = vec![0usize; classes.len()];
    y.iter().for_each(|&k| n[k] += 1);
    ClassCounts(classes.iter().cloned().zip(n).collect())
}

fn part(y: &[usize], classes: &[String]) -> Part {
    Part { rows: y.len(), class_counts: counts(y, classes), resampled_class_counts: None }
}

impl Experiment {
    /// Prepares the run; nothing is fitted yet but the imputer, encoder and scaler, on the
    /// training part only. A final test on a built-in other file needs its bytes:
    /// `with_test_file`.
    pub fn new(spec: &Spec, loaded: &Table, fingerprint: u64) -> Result<Experiment> {
        let not_given = |file: &str| Err(Error::BadSpec { detail: format!("the bytes of {file} were not given") });
        Experiment::with_test_file(spec, loaded, fingerprint, spec.test_data_bytes(not_given)?)
    }

    /// `new`, with the bytes of the file the final test scores instead of the held-out rows
    /// (`spec.test_data_bytes`).
    pub fn with_test_file(spec: &Spec, loaded: &Table, fingerprint: u64, test_file: Option<Vec<u8>>) -> Result<Experiment> {
        check_early_stopping(spec)?;
        let cleaned = apply(loaded, &spec.clean)?;
        let table = &cleaned.table;
        let target = target(table, spec)?;
        let features = features(table, spec, &target.name)?;
        let (labelled, candidates) = learnable(table, spec, &features, &target)?;
        let y: Vec<usize> = candidates.iter().map(|&r| target.index[r]).collect();
        let parts = split(&y, &target.classes, &spec.split)?;
        let rows_of = |positions: &[usize]| positions.iter().map(|&p| candidates[p]).collect::<Vec<usize>>();
        let (train_rows, validation_rows, test_rows) = (rows_of(&parts.train), rows_of(&parts.validation), rows_of(&parts.test));

        let (preparation, train_x) = Preparation::fit(table, &features, &train_rows, spec)?;
        let scaled = preparation.encoder.numeric();
        let matrix = |rows: Vec<usize>| Matrix { x: preparation.transform(table, &rows), y: rows.iter().map(|&r| target.index[r]).collect(), rows };
        let final_test = if spec.evaluate_test {
            let learn_rows = [train_rows.as_slice(), validation_rows.as_slice()].concat();
            Some(FinalTest::new(loaded, table, &features, &target, learn_rows, final_test::TestRows::of(&test_rows, test_file), spec)?)
        } else {
            None
        };
        let train = Matrix { x: train_x, y: train_rows.iter().map(|&r| target.index[r]).collect(), rows: train_rows };
        let validation = matrix(validation_rows);
        let test_y: Vec<usize> = test_rows.iter().map(|&r| target.index[r]).collect();
        let mut train_part = part(&train.y, &target.classes);
        let before: Vec<usize> = train_part.class_counts.0.iter().map(|(_, n)| *n).collect();
        train_part.resampled_class_counts = planned_counts(&spec.resample, &before, &target.classes)?
            .map(|after| ClassCounts(target.classes.iter().cloned().zip(after).collect()));
        let splits = Splits { train: train_part, validation: part(&validation.y, &target.classes), test: part(&test_y, &target.classes) };
        let id = explore::identifier_column(table);
        let hash = spec.hash(fingerprint);
        let mut warnings = guards::check(&guards::Context {
            table,
            spec,
            features: &features,
            id_column: id.map(|i| table.columns()[i].name.as_str()),
            target_name: &target.name,
            target: &target.index,
            classes: &target.classes,
            positive: target.positive,
            train: &train.rows,
            held_out: [validation.rows.as_slice(), test_rows.as_slice()].concat(),
            validation: &validation.y,
            missing_target: table.num_rows() - labelled.len(),
        });
        warnings.extend(guards::test_reused(spec, &hash));
        let validation_ids = row_ids(&cleaned, &validation.rows);
        let validation_labels = validation.rows.iter().map(|&r| cleaned.index[r]).collect();
        let prepared = Prepared {
            positive: target.classes[target.positive].clone(),
            target: target.name,
            classes: target.classes.clone(),
            rows: Rows {
                used: candidates.len(),
                missing_target: table.num_rows() - labelled.len(),
                missing_features: labelled.len() - candidates.len(),
            },
            splits,
            features: preparation.encoder.names(),
            scaled,
            threshold: spec.threshold(),
            warnings,
            text: TextReport::of(&preparation.encoder),
        };
        Ok(Experiment {
            hash,
            positive: target.positive,
            prepared,
            resample: spec.resample.clone(),
            model: spec.trained_model(),
            scaler: preparation.scaler,
            encoder: preparation.encoder,
            train,
            validation,
            validation_ids,
            validation_labels,
            fitting: None,
            fitted: None,
            cross_validation: spec.cv.as_ref().map(|cv| CrossValidation::new(spec, cv, loaded)).transpose()?,
            search: spec.search.as_ref().map(|s| Search::new(spec, s, loaded)).transpose()?,
            final_test,
            earlier_tests: spec.test_uses.clone(),
        })
    }

    /// The scaler fitted on the training part.
    pub fn scaler(&self) -> &Scaler {
        &self.scaler
    }

    /// What the Prepare step shows.
    pub fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    /// `(done, total)` steps: the fit's, then the cross-validation's folds.
    pub fn progress(&self) -> (usize, usize) {
        let (done, total) = match (&self.fitting, &self.fitted) {
            (Some((_, trainer)), _) => trainer.progress(),
            (None, Some((_, Some(learning)))) => (learning.epochs.len(), self.model.steps()),
            (None, Some(_)) => (self.model.steps(), self.model.steps()),
            (None, None) => (0, self.model.steps()),
        };
        let (folds_done, folds) = self.cross_validation.as_ref().map_or((0, 0), CrossValidation::progress);
        let (trials_done, trials) = self.search.as_ref().map_or((0, 0), Search::progress);
        let (tests_done, tests) = self.final_test.as_ref().map_or((0, 0), |t| (usize::from(t.done()), 1));
        (done + folds_done + trials_done + tests_done, total + folds + trials + tests)
    }

    /// The model fitted, and the cross-validation and the search (if asked) finished.
    pub fn done(&self) -> bool {
        self.fitted.is_some()
            && self.cross_validation.as_ref().is_none_or(CrossValidation::done)
            && self.search.as_ref().is_none_or(Search::done)
            && self.final_test.as_ref().is_none_or(FinalTest::done)
    }

    /// Ends a search early (its time budget is over): the trials run so far are its report.
    pub fn stop_search(&mut self) {
        if let Some(search) = &mut self.search {
            search.stop();
        }
    }

    /// Fits the next step (a tree of a forest, an epoch of gradient descent, the whole model
    /// otherwise). The first step oversamples the training part, which the Prepare step never
    /// needs to do; the last one keeps the fitted model.
    pub fn step(&mut self) -> Result<()> {
        self.advance(false)
    }

    /// Oversamples the training part and sets the model up (a network's initial weights)
    /// without learning yet; the first step does it when it was not done.
    pub fn init(&mut self) -> Result<()> {
        if self.fitting.is_none() && self.fitted.is_none() {
            let n_classes = self.prepared.classes.len();
            let (x, y) = resample(&self.resample, self.train.x.view(), &self.train.y, &self.prepared.classes)?;
            let trainer = Trainer::new(&self.model, &Labelled { x: x.view(), y: &y, n_classes }, self.positive)?;
            self.fitting = Some((Matrix { x, y, rows: Vec::new() }, trainer));
        }
        Ok(())
    }

    /// Learns one batch of a gradient-descent model (a whole step for the others).
    pub fn step_batch(&mut self) -> Result<()> {
        self.advance(true)
    }

    fn advance(&mut self, one_batch: bool) -> Result<()> {
        if self.fitted.is_some() {
            return match (&mut self.cross_validation, &mut self.search, &mut self.final_test) {
                (Some(cv), _, _) if !cv.done() => cv.step(),
                (_, Some(search), _) if !search.done() => search.step(),
                (_, _, Some(test)) => test.step(),
                _ => Ok(()),
            };
        }
        self.init()?;
        let n_classes = self.prepared.classes.len();
        let Some((fit, trainer)) = &mut self.fitting else { return Ok(()) };
        let validation = Labelled { x: self.validation.x.view(), y: &self.validation.y, n_classes };
        let validation = (!self.validation.y.is_empty()).then_some(&validation);
        let data = Labelled { x: fit.x.view(), y: &fit.y, n_classes };
        if one_batch {
            trainer.batch(&data, validation)?;
        } else {
            trainer.step(&data, validation)?;
        }
        if trainer.done() {
            let (_, trainer) = self.fitting.take().expect("fitting was just matched");
            let learning = trainer.descent().map(Learning::of);
            let model = trainer.finish().ok_or(Error::BadSpec { detail: "the model is not fitted yet".into() })?;
            self.fitted = Some((model, learning));
        }
        Ok(())
    }

    /// The gradient-descent training under way (its epochs so far, its loader, its weights).
    pub fn training(&self) -> Option<&Training> {
        self.fitting.as_ref().and_then(|(_, trainer)| trainer.descent())
    }

    /// A gradient-descent model's epochs so far (during and after training); empty for the
    /// other models.
    pub fn epochs(&self) -> &[EpochRecord] {
        match (&self.fitted, self.training()) {
            (Some((_, Some(learning))), _) => &learning.epochs,
            (_, Some(t)) => t.log(),
            _ => &[],
        }
    }

    /// The epochs a gradient-descent model's curves mark so far (without copying its log).
    pub fn marks(&self) -> Option<Marks> {
        match (&self.fitted, self.training()) {
            (Some((_, learning)), _) => learning.as_ref().map(|l| l.marks),
            (None, Some(t)) => Some(Marks::of(t)),
            (None, None) => None,
        }
    }

    /// The model as it is now: the fitted one, or a network in the middle of its training.
    pub fn model(&self) -> Option<Model> {
        match (&self.fitted, self.training()) {
            (Some((model, _)), _) => Some(model.clone()),
            (None, Some(t)) => Some(t.model()),
            (None, None) => None,
        }
    }

    /// The training part as the scaler left it (before oversampling), with its class indices.
    pub fn train_part(&self) -> Labelled<'_> {
        Labelled { x: self.train.x.view(), y: &self.train.y, n_classes: self.prepared.classes.len() }
    }

    /// The training part as the model learns it (oversampled), once set up.
    pub fn fit_part(&self) -> Option<Labelled<'_>> {
        self.fitting.as_ref().map(|(m, _)| Labelled { x: m.x.view(), y: &m.y, n_classes: self.prepared.classes.len() })
    }

    /// The validation part as the model sees it.
    pub fn validation_part(&self) -> Labelled<'_> {
        Labelled { x: self.validation.x.view(), y: &self.validation.y, n_classes: self.prepared.classes.len() }
    }

    /// The identifier of the validation part's row `index`.
    pub fn validation_id(&self, index: usize) -> Scalar {
        self.validation_ids[index].clone()
    }

    /// The model's `kind`, as the spec writes it.
    pub fn model_kind(&self) -> &'static str {
        self.model.kind()
    }

    /// The scored class's index among `prepared().classes`.
    pub fn positive(&self) -> usize {
        self.positive
    }

    /// Scores the training and validation parts with the fitted model.
    pub fn report(&self) -> Result<Report> {
        let (model, learning) = self.fitted.as_ref().ok_or(Error::BadSpec { detail: "the model is not fitted yet".into() })?;
        let model_report = describe(model, self.model.kind(), &self.prepared, &self.scaler);
        let mut prepared = self.prepared.clone();
        prepared.text = prepared.text.map(|t| t.with_telling(&self.encoder, model_report.coefficients.as_deref(), &prepared.classes, self.positive));
        let threshold = prepared.threshold;
        let train = scoring(model, &self.train, self.positive, threshold)?.0;
        let validation = if self.validation.y.is_empty() {
            None
        } else {
            let (scoring, scores, labels) = scoring(model, &self.validation, self.positive, threshold)?;
            let part = &self.validation;
            let many = prepared.classes.len() > 2;
            let confusion = many.then(|| model.class_probabilities(part.x.view())).flatten().and_then(|p| ClassConfusion::new(&prepared.classes, p.view(), &part.y));
            Some(Validation { scoring, scores, labels, ids: self.validation_ids.clone(), rows: self.validation_labels.clone(), confusion })
        };
        let cv = self.cross_validation.as_ref().map(CrossValidation::report).transpose()?;
        let search = self.search.as_ref().map(Search::report);
        let test = self.final_test.as_ref().map(|t| t.report(validation.as_ref().map(|v| &v.scoring))).transpose()?;
        let test_uses = final_test::test_uses(&self.earlier_tests, &self.hash, self.model.kind(), test.as_ref().map(|t| &t.scoring));
        Ok(Report { spec_hash: self.hash.clone(), prepared, model: model_report, train, validation, learning: learning.clone(), cv, search, test, test_uses })
    }
}

/// Early stopping measures the validation part: without one it has nothing to watch.
fn check_early_stopping(spec: &Spec) -> Result<()> {
    match &spec.model {
        ModelSpec::Mlp(p) if p.early_stopping && spec.split.validation <= 0.0 => {
            Err(Error::BadParam { field: "model.early_stopping".into(), value: "true".into(), need: Need::ValidationPart })
        }
        _ => Ok(()),
    }
}

impl Learning {
    fn of(t: &Training) -> Learning {
        Learning { epochs: t.log().to_vec(), marks: Marks::of(t) }
    }
}

impl Marks {
    fn of(t: &Training) -> Marks {
        Marks { stopped_at: t.stopped_at(), best_epoch: t.best_epoch(), overfitting_from: overfitting_from(t.log()) }
    }
}

/// A part's scores, metrics at the threshold and curves (when it holds both classes: a small
/// validation part may hold one only, and its rates still say something).
pub(super) fn scoring(model: &Model, part: &Matrix, positive: usize, threshold: f64) -> Result<(Scoring, Vec<f64>, Vec<u8>)> {
    let scores = model.scores(part.x.view(), positive);
    let labels: Vec<bool> = part.y.iter().map(|&k| k == positive).collect();
    let mut counts = Counts { tp: 0, fp: 0, tn: 0, fn_: 0 };
    for (&l, &s) in labels.iter().zip(&scores) {
        match (l, s >= threshold) {
            (true, true) => counts.tp += 1,
            (false, true) => counts.fp += 1,
            (false, false) => counts.tn += 1,
            (true, false) => counts.fn_ += 1,
        }
    }
    let curves = match Scores::new(&labels, &scores) {
        Ok(s) => Some((roc(&s, true), precision_recall(&s))),
        Err(Error::OneClass { .. }) => None,
        Err(e) => return Err(e),
    };
    let (roc, pr) = curves.unzip();
    let scoring = Scoring { metrics: counts.metrics(), roc, pr };
    Ok((scoring, scores, labels.into_iter().map(u8::from).collect()))
}

/// A tree's nodes with their thresholds in the features' own units: the scaler is increasing,
/// so `x ≤ t` on scaled data is `x ≤ t·scale + centre` on the data the student knows.
fn unscaled(nodes: &[Node], scaler: &Scaler) -> Vec<Node> {
    nodes
        .iter()
        .map(|n| {
            let threshold = n.feature.map_or(n.threshold, |f| n.threshold * scaler.scale[f] + scaler.center[f]);
            Node { threshold, ..n.clone() }
        })
        .collect()
}

/// What the fitted model says about itself.
fn describe(model: &Model, kind: &'static str, prepared: &Prepared, scaler: &Scaler) -> ModelReport {
    let mut r = ModelReport {
        kind,
        classes: prepared.classes.clone(),
        positive: prepared.positive.clone(),
        coefficients: None,
        intercept: None,
        feature_importances: None,
        tree: None,
        depth: None,
        leaves: None,
        class_prior: None,
        layers: None,
        network: None,
        score: "probability",
    };
    let p = prepared.features.len();
    match model {
        Model::Logistic(m) => {
            (r.coefficients, r.intercept) = (Some(m.coefficients.clone()), Some(m.intercept));
        }
        Model::Svm(m) => {
            (r.coefficients, r.intercept, r.score) = (Some(m.coefficients.clone()), Some(m.intercept), "decision_function");
        }
        Model::Knn(_) => {}
        Model::GaussianNb(m) => {
            r.class_prior = Some(m.class_prior.clone());
        }
        Model::Tree(m) => {
            let (depth, leaves) = m.shape();
            (r.tree, r.depth, r.leaves, r.feature_importances) = (Some(unscaled(&m.nodes, scaler)), Some(depth), Some(leaves), Some(m.feature_importances(p)));
        }
        Model::Forest(m) => {
            r.feature_importances = Some(m.feature_importances.clone());
        }
        Model::Network(m) => {
            (r.coefficients, r.intercept) = m.linear().unzip();
            r.layers = Some(m.summary());
        }
        Model::Layered(m) => {
            r.network = Some(m.summary());
        }
    }
    r
}
