//! Hyperparameter search through the run core: grid order, seeded random and TPE trials, the
//! best trial, an early stop keeping the trials, and the checks.

use crate::common;

use atelier::experiment::run::{run_spec, start_spec};
use atelier::experiment::search::SearchReport;
use atelier::experiment::spec::Spec;
use atelier::Error;
use common::dataset_bytes;
use serde_json::json;

fn search(json: &str) -> SearchReport {
    run_spec(&Spec::from_json(json).unwrap(), |file| Ok(dataset_bytes(file))).unwrap().search.unwrap()
}

fn error(json: &str) -> Error {
    run_spec(&Spec::from_json(json).unwrap(), |file| Ok(dataset_bytes(file))).unwrap_err()
}

const LR: &str = r#""data": { "builtin": "breast_cancer" }, "model": { "kind": "logistic_regression" }, "cv": { "folds": 3 }"#;

#[test]
fn a_grid_tries_every_combination_first_parameter_by_name_slowest() {
    // The space is read in name order whatever order it is written in (the spec's key sorts it):
    // `n_neighbors` before `weights`.
    let r = search(r#"{ "data": { "builtin": "moons" }, "model": { "kind": "knn" }, "cv": { "folds": 3 },
        "search": { "method": "grid", "space": { "weights": { "values": ["uniform", "distance"] }, "n_neighbors": { "int": [1, 3] } }, "metric": "accuracy" } }"#);
    let tried: Vec<_> = r.trials.iter().map(|t| (t.params["n_neighbors"].clone(), t.params["weights"].clone())).collect();
    let want: Vec<_> = (1..=3).flat_map(|k| ["uniform", "distance"].into_iter().map(move |w| (json!(k), json!(w)))).collect();
    assert_eq!(tried, want);
    let best = r.best.unwrap();
    assert!(r.trials.iter().all(|t| t.score <= best.score));
}

#[test]
fn a_log_grid_spreads_five_points_over_the_decades() {
    let r = search(&format!(r#"{{ {LR}, "search": {{ "method": "grid", "space": {{ "C": {{ "log": [0.001, 10] }} }} }} }}"#));
    let cs: Vec<f64> = r.trials.iter().map(|t| t.params["C"].as_f64().unwrap()).collect();
    assert_eq!(cs.len(), 5);
    for (c, want) in cs.iter().zip([0.001, 0.01, 0.1, 1.0, 10.0]) {
        assert!((c / want - 1.0).abs() < 1e-9, "{cs:?}");
    }
}

#[test]
fn random_search_is_seeded_and_scores_with_the_cross_validation() {
    let spec = |seed: u64| format!(r#"{{ {LR}, "search": {{ "method": "random", "space": {{ "C": {{ "log": [0.001, 1000] }} }}, "trials": 6, "seed": {seed} }} }}"#);
    let (a, b, c) = (search(&spec(1)), search(&spec(1)), search(&spec(2)));
    assert_eq!(a, b);
    assert_ne!(a.trials[0].params, c.trials[0].params);
    assert_eq!(a.trials.len(), 6);
    assert!(a.trials.iter().all(|t| (0.5..=1.0).contains(&t.score) && t.std >= 0.0), "{:?}", a.trials);
    assert!(a.trials.iter().all(|t| (0.001..=1000.0).contains(&t.params["C"].as_f64().unwrap())));
}

/// After its ten random trials TPE draws near the good ones: its own trials score better on
/// average than the random start (C from 1e-4, where every row gets nearly the same score).
#[test]
fn tpe_moves_towards_the_good_region_after_its_random_start() {
    let r = search(&format!(r#"{{ {LR}, "search": {{ "method": "tpe", "space": {{ "C": {{ "log": [0.00001, 100] }} }}, "metric": "accuracy", "trials": 18, "seed": 3 }} }}"#));
    let mean = |ts: &[atelier::experiment::search::Trial]| ts.iter().map(|t| t.score).sum::<f64>() / ts.len() as f64;
    assert_eq!(r.trials.len(), 18);
    assert!(mean(&r.trials[10..]) > mean(&r.trials[..10]), "{:?}", r.trials.iter().map(|t| t.score).collect::<Vec<_>>());
    assert_eq!(r, search(&format!(r#"{{ {LR}, "search": {{ "method": "tpe", "space": {{ "C": {{ "log": [0.00001, 100] }} }}, "metric": "accuracy", "trials": 18, "seed": 3 }} }}"#)));
}

#[test]
fn a_search_stopped_early_keeps_its_trials() {
    let spec = Spec::from_json(&format!(r#"{{ {LR}, "search": {{ "space": {{ "C": {{ "log": [0.01, 100] }} }}, "trials": 50 }} }}"#)).unwrap();
    let mut e = start_spec(&spec, |file| Ok(dataset_bytes(file))).unwrap();
    while e.report().map_or(true, |r| r.search.unwrap().trials.len() < 3) {
        e.step().unwrap();
    }
    e.stop_search();
    assert!(e.done());
    let r = e.report().unwrap().search.unwrap();
    assert_eq!(r.trials.len(), 3);
    assert!(r.best.is_some());
}

#[test]
fn bad_searches_are_named_errors() {
    let empty = error(&format!(r#"{{ {LR}, "search": {{ "space": {{}} }} }}"#));
    assert!(matches!(&empty, Error::BadParam { field, .. } if field == "search.space"), "{empty:?}");
    let metric = error(&format!(r#"{{ {LR}, "search": {{ "space": {{ "C": {{ "log": [1, 2] }} }}, "metric": "auc" }} }}"#));
    assert!(matches!(&metric, Error::BadParam { field, .. } if field == "search.metric"), "{metric:?}");
    let unknown = error(&format!(r#"{{ {LR}, "search": {{ "space": {{ "gamma": {{ "log": [1, 2] }} }}, "trials": 1 }} }}"#));
    assert!(unknown.message(atelier::Lang::En).contains("gamma"), "{}", unknown.message(atelier::Lang::En));
    let range = error(&format!(r#"{{ {LR}, "search": {{ "space": {{ "C": {{ "log": [0, 2] }} }} }} }}"#));
    assert!(matches!(&range, Error::BadParam { field, .. } if field == "search.space.C"), "{range:?}");
}
