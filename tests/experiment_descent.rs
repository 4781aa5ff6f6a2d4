//! Runs of the gradient-descent kinds through the spec / run / report core: the epoch log, early
//! stopping, determinism, the checks, the live views (forward pass, batch by batch), and where
//! overfitting began.

use crate::common;

use atelier::experiment::live::overfitting_from;
use atelier::experiment::report::Report;
use atelier::experiment::run::{run_spec, start_spec, Experiment};
use atelier::experiment::spec::Spec;
use atelier::learn::neural::EpochRecord;
use atelier::Error;
use common::dataset_bytes;

fn spec(json: &str) -> Spec {
    Spec::from_json(json).unwrap()
}

fn report(json: &str) -> Report {
    run_spec(&spec(json), |file| Ok(dataset_bytes(file))).unwrap()
}

fn start(json: &str) -> Experiment {
    start_spec(&spec(json), |file| Ok(dataset_bytes(file))).unwrap()
}

const MOONS_MLP: &str = r#"{ "data": { "builtin": "moons" }, "model": { "kind": "mlp", "hidden_layer_sizes": [16], "learning_rate_init": 0.01, "max_iter": 30, "seed": 3 } }"#;

#[test]
fn an_mlp_run_logs_every_epoch_and_scores_both_parts() {
    let r = report(MOONS_MLP);
    let learning = r.learning.as_ref().expect("an MLP report has its epochs");
    assert_eq!(learning.epochs.len(), 30);
    assert_eq!(learning.epochs.iter().map(|e| e.epoch).collect::<Vec<_>>(), (1..=30).collect::<Vec<_>>());
    assert!(learning.epochs.iter().all(|e| e.val_loss.is_some() && e.val_accuracy.is_some()));
    assert_eq!(learning.marks.stopped_at, None);
    assert!(learning.marks.best_epoch.is_some());
    assert!(learning.epochs[29].train_loss < learning.epochs[0].train_loss, "the loss falls");
    assert!(r.validation.as_ref().unwrap().scoring.metrics.accuracy > 0.8);
    let layers = r.model.layers.as_ref().unwrap();
    assert_eq!(layers.iter().map(|l| l.units).collect::<Vec<_>>(), vec![2, 16, 1]);
    assert_eq!(layers.iter().map(|l| l.parameters).sum::<usize>(), 2 * 16 + 16 + 16 + 1);
}

#[test]
fn the_same_gradient_descent_spec_gives_the_same_report_bytes() {
    let a = serde_json::to_string(&report(MOONS_MLP)).unwrap();
    let b = serde_json::to_string(&report(MOONS_MLP)).unwrap();
    assert!(a.contains("\"epochs\":[{\"epoch\":1,"), "{}", &a[..200.min(a.len())]);
    assert_eq!(a, b);
    let other = serde_json::to_string(&report(&MOONS_MLP.replace("\"seed\": 3", "\"seed\": 4"))).unwrap();
    assert_ne!(a, other, "another seed, other initial weights");
}

#[test]
fn classical_models_report_no_epochs() {
    let json = serde_json::to_string(&report(r#"{ "data": { "builtin": "moons" }, "model": { "kind": "knn" } }"#)).unwrap();
    assert!(!json.contains("\"epochs\""));
    assert!(!json.contains("\"stopped_at\""));
}

#[test]
fn logistic_regression_by_gradient_descent_reports_its_coefficients() {
    let r = report(r#"{ "data": { "builtin": "moons" }, "model": { "kind": "logistic_regression_gd", "max_iter": 50 } }"#);
    assert_eq!(r.model.kind, "logistic_regression_gd");
    assert_eq!(r.model.coefficients.as_ref().unwrap().len(), 2);
    assert!(r.model.intercept.is_some());
    assert_eq!(r.learning.as_ref().unwrap().epochs.len(), 50);
}

#[test]
fn early_stopping_without_a_validation_part_is_refused() {
    let json = r#"{ "data": { "builtin": "moons" }, "split": { "validation": 0 }, "model": { "kind": "mlp", "early_stopping": true } }"#;
    let err = run_spec(&spec(json), |file| Ok(dataset_bytes(file))).unwrap_err();
    assert!(matches!(&err, Error::BadParam { field, .. } if field == "model.early_stopping"), "{err:?}");
    assert!(err.message(atelier::Lang::Fr).contains("validation"));
}

#[test]
fn early_stopping_ends_an_overfitting_network_and_says_where() {
    let r = report(
        r#"{ "data": { "builtin": "moons" }, "split": { "test": 0.2, "validation": 0.4 },
            "model": { "kind": "mlp", "hidden_layer_sizes": [128, 128], "alpha": 0, "learning_rate_init": 0.01,
                       "batch_size": 32, "max_iter": 400, "early_stopping": true, "n_iter_no_change": 15, "seed": 0 } }"#,
    );
    let l = r.learning.unwrap();
    let stopped = l.marks.stopped_at.expect("the validation loss turned up");
    assert!(stopped < 400);
    assert_eq!(l.epochs.len(), stopped);
    assert_eq!(l.marks.best_epoch, Some(stopped - 15));
}

#[test]
fn a_diverging_descent_is_an_error_that_names_the_learning_rate() {
    let json = r#"{ "data": { "builtin": "breast_cancer" }, "scale": "none", "model": { "kind": "logistic_regression_gd", "learning_rate": 1000000, "max_iter": 200 } }"#;
    let err = run_spec(&spec(json), |file| Ok(dataset_bytes(file))).unwrap_err();
    assert!(matches!(err, Error::Diverged { .. }), "{err:?}");
    assert!(err.message(atelier::Lang::En).contains("learning rate"));
}

#[test]
fn a_forward_pass_gives_every_layers_activations() {
    let mut e = start(MOONS_MLP);
    e.init().unwrap();
    let f = e.forward(0).unwrap();
    assert_eq!(f.activations.iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 16, 1]);
    let p = f.activations[2][0];
    assert!((0.0..=1.0).contains(&p));
    assert!(e.forward(10_000).is_err(), "a row past the validation part");
}

#[test]
fn a_forward_pass_needs_a_network() {
    let mut e = start(r#"{ "data": { "builtin": "moons" }, "model": { "kind": "knn" } }"#);
    e.step().unwrap();
    assert!(matches!(e.forward(0), Err(Error::BadParam { .. })));
}

#[test]
fn learning_batch_by_batch_moves_the_loader_and_closes_the_epoch() {
    let mut e = start(r#"{ "data": { "builtin": "moons" }, "model": { "kind": "mlp", "hidden_layer_sizes": [4], "batch_size": 100, "max_iter": 3 } }"#);
    e.init().unwrap();
    let loader = e.training().unwrap().loader();
    assert_eq!((loader.next_batch, loader.batches, loader.epoch), (0, 3, 0), "240 training rows in batches of 100");
    e.step_batch().unwrap();
    assert_eq!(e.training().unwrap().loader().next_batch, 1);
    assert!(e.epochs().is_empty());
    e.step_batch().unwrap();
    e.step_batch().unwrap();
    assert_eq!(e.epochs().len(), 1, "the third batch closes the epoch");
    while !e.done() {
        e.step().unwrap();
    }
    assert_eq!(e.epochs().len(), 3);
    assert!(e.report().is_ok());
}

fn record(epoch: usize, train: f64, val: f64) -> EpochRecord {
    EpochRecord { epoch, train_loss: train, train_accuracy: 0.9, val_loss: Some(val), val_accuracy: Some(0.9) }
}

#[test]
fn overfitting_begins_after_the_lowest_validation_loss_once_it_has_risen_for_good() {
    let val = [0.6, 0.5, 0.4, 0.35, 0.36, 0.38, 0.40, 0.45];
    let log: Vec<EpochRecord> = val.iter().enumerate().map(|(i, &v)| record(i + 1, 0.5 - 0.05 * i as f64, v)).collect();
    assert_eq!(overfitting_from(&log), Some(5));
    assert_eq!(overfitting_from(&log[..5]), None, "one epoch up is noise");
}

#[test]
fn no_overfitting_while_both_losses_fall_or_when_training_stalls_too() {
    let falling: Vec<EpochRecord> = (1..=10).map(|e| record(e, 1.0 / e as f64, 1.2 / e as f64)).collect();
    assert_eq!(overfitting_from(&falling), None);
    let both_up: Vec<EpochRecord> = [0.5, 0.4, 0.45, 0.5, 0.55].iter().enumerate().map(|(i, &v)| record(i + 1, v, v)).collect();
    assert_eq!(overfitting_from(&both_up), None, "the training loss rises too: not overfitting");
    assert_eq!(overfitting_from(&[]), None);
}

#[test]
fn the_boundary_follows_the_network_while_it_trains() {
    use atelier::experiment::boundary::Axes;
    let mut e = start(MOONS_MLP);
    assert!(e.boundary(&Axes::Features(0, 1), 20).is_err(), "nothing to draw before the model exists");
    e.init().unwrap();
    let before = e.boundary(&Axes::Features(0, 1), 20).unwrap();
    for _ in 0..10 {
        e.step().unwrap();
    }
    let after = e.boundary(&Axes::Features(0, 1), 20).unwrap();
    assert_eq!(before.scores.len(), 400);
    assert_ne!(before.scores, after.scores);
    assert!(after.misclassified.iter().filter(|&&m| m).count() < before.misclassified.iter().filter(|&&m| m).count());
}

#[test]
fn the_loss_surface_card_works_on_a_prepared_feature_and_names_a_wrong_one() {
    use atelier::experiment::live::DescentAsk;
    let e = start(r#"{ "data": { "builtin": "moons" } }"#);
    let ask: DescentAsk = serde_json::from_str(r#"{ "feature": "x", "C": 1, "resolution": 30,
        "paths": [{ "learning_rate": 0.5, "steps": 40 }, { "solver": "adam", "learning_rate": 0.5, "steps": 40, "start": [-3, 3] }] }"#).unwrap();
    let view = e.descent(&ask).unwrap();
    let [w, b] = view.surface.minimum.unwrap();
    let (ws, bs) = (&view.surface.w, &view.surface.b);
    assert!(ws[0] < w && w < ws[29] && bs[0] < b && b < bs[29], "the window holds the minimum");
    assert!(ws[0] <= -3.0 && bs[29] >= 3.0, "and every start");
    assert_eq!(view.paths.len(), 2);
    assert!(view.paths.iter().all(|p| p.losses.last() < p.losses.first()));
    let wrong: DescentAsk = serde_json::from_str(r#"{ "feature": "nope" }"#).unwrap();
    assert!(matches!(e.descent(&wrong), Err(Error::BadParam { field, .. }) if field == "descent.feature"));
}
