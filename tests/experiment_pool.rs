//! Folds and trials as units of work for the page's worker pool: folds run in any order on
//! separate `CrossValidation`s give the sequential report bit for bit; a search asked and told
//! with several trials in flight gives the sequential search's trials; the kept preparation of a
//! search's folds scores as a fresh one.

use crate::common;

use atelier::experiment::cv::{CrossValidation, CvReport, FoldRecord};
use atelier::experiment::run::run;
use atelier::experiment::search::{Search, SearchReport};
use atelier::experiment::spec::Spec;
use atelier::data::Table;
use common::dataset;

fn spec(json: &str) -> Spec {
    Spec::from_json(json).unwrap()
}

const CV: &str = r#""model": { "kind": "logistic_regression", "C": 0.3 }, "scale": "standard", "cv": { "folds": 5, "shuffle": true, "seed": 4 }"#;

fn sequential_cv(spec: &Spec, table: &Table) -> CvReport {
    run(spec, table, 1).unwrap().cv.unwrap()
}

#[test]
fn folds_run_in_any_order_on_separate_workers_give_the_sequential_report() {
    let table = dataset("breast_cancer.csv");
    for leaky in [false, true] {
        let s = spec(&format!(r#"{{ {CV}, "target": "diagnosis", "split": {{ "test": 0.2 }} }}"#));
        let mut s = s;
        s.cv.as_mut().unwrap().leaky_preparation = leaky;
        let cv = s.cv.clone().unwrap();
        // Two "workers", each its own CrossValidation, taking the folds backwards, interleaved.
        let workers = [CrossValidation::new(&s, &cv, &table).unwrap(), CrossValidation::new(&s, &cv, &table).unwrap()];
        let folds: Vec<FoldRecord> = (0..workers[0].len()).rev().map(|i| workers[i % 2].fold(i).unwrap()).collect();
        let pooled = CvReport::from_folds(folds);
        let sequential = sequential_cv(&s, &table);
        assert_eq!(pooled, sequential, "leaky {leaky}");
        // Bit for bit: the figures' bits, not only their values within a tolerance.
        assert_eq!(pooled.mean.f1.to_bits(), sequential.mean.f1.to_bits());
        assert_eq!(pooled.std.accuracy.to_bits(), sequential.std.accuracy.to_bits());
    }
}

#[test]
fn a_fold_number_past_the_last_is_a_named_error() {
    let table = dataset("breast_cancer.csv");
    let s = spec(&format!(r#"{{ {CV}, "target": "diagnosis" }}"#));
    let cv = CrossValidation::new(&s, s.cv.as_ref().unwrap(), &table).unwrap();
    assert_eq!(cv.fold(5).unwrap_err().code(), "bad_param");
}

fn search_spec(method: &str, trials: usize) -> Spec {
    spec(&format!(
        r#"{{ {CV}, "target": "diagnosis", "search": {{ "method": "{method}", "space": {{ "C": {{ "log": [0.0001, 100] }} }}, "trials": {trials}, "metric": "accuracy", "seed": 7 }} }}"#
    ))
}

fn new_search(s: &Spec, table: &Table) -> Search {
    Search::new(s, s.search.as_ref().unwrap(), table).unwrap()
}

/// Runs a search as a pool of `in_flight` workers would: keeps up to that many trials asked,
/// tells the oldest one's folds (computed backwards, on a second `Search` of the same spec).
fn pooled(s: &Spec, table: &Table, in_flight: usize) -> SearchReport {
    let mut coordinator = new_search(s, table);
    let worker = new_search(s, table);
    let mut out = std::collections::VecDeque::new();
    loop {
        while out.len() < in_flight {
            match coordinator.ask() {
                Some(ask) => out.push_back(ask),
                None => break,
            }
        }
        // The newest first, so trials are told out of order.
        let Some(ask) = out.pop_back() else { break };
        let folds = (0..worker.folds()).rev().map(|i| worker.fold(&ask.params, i).unwrap()).collect();
        coordinator.tell(ask.trial, folds).unwrap();
    }
    assert!(coordinator.done());
    coordinator.report()
}

fn sequential_search(s: &Spec, table: &Table) -> SearchReport {
    let mut search = new_search(s, table);
    while !search.done() {
        search.step().unwrap();
    }
    search.report()
}

#[test]
fn random_and_tpe_searches_give_the_same_trials_with_one_or_two_in_flight() {
    let table = dataset("breast_cancer.csv");
    for (method, trials) in [("random", 6), ("tpe", 13), ("grid", 5)] {
        let s = search_spec(method, trials);
        let sequential = sequential_search(&s, &table);
        assert_eq!(sequential.trials.len(), trials, "{method}");
        for in_flight in [1, 2, 3] {
            assert_eq!(pooled(&s, &table, in_flight), sequential, "{method}, {in_flight} in flight");
        }
    }
}

#[test]
fn tpe_waits_for_every_earlier_trial_after_its_random_start() {
    let table = dataset("breast_cancer.csv");
    let mut search = new_search(&search_spec("tpe", 12), &table);
    let asks: Vec<_> = std::iter::from_fn(|| search.ask()).collect();
    assert_eq!(asks.len(), 10, "the random start only, while none is told");
    let worker = new_search(&search_spec("tpe", 12), &table);
    for ask in &asks[..9] {
        search.tell(ask.trial, (0..5).map(|i| worker.fold(&ask.params, i).unwrap()).collect()).unwrap();
    }
    assert!(search.ask().is_none(), "trial 9 is still out");
    let last = &asks[9];
    search.tell(last.trial, (0..5).map(|i| worker.fold(&last.params, i).unwrap()).collect()).unwrap();
    assert_eq!(search.ask().map(|a| a.trial), Some(10));
}

#[test]
fn a_stopped_search_keeps_its_told_trials_in_trial_order() {
    let table = dataset("breast_cancer.csv");
    let s = search_spec("random", 8);
    let mut search = new_search(&s, &table);
    let (a, b, c) = (search.ask().unwrap(), search.ask().unwrap(), search.ask().unwrap());
    for ask in [&c, &a] {
        let folds = (0..5).map(|i| search.fold(&ask.params, i).unwrap()).collect();
        search.tell(ask.trial, folds).unwrap();
    }
    search.stop();
    assert!(search.ask().is_none());
    assert!(search.done());
    let report = search.report();
    assert_eq!(report.trials.iter().map(|t| t.params.clone()).collect::<Vec<_>>(), vec![a.params.clone(), c.params.clone()]);
    assert!(search.tell(b.trial, Vec::new()).is_err(), "its folds are missing");
    assert!(search.tell(a.trial, (0..5).map(|i| search.fold(&a.params, i).unwrap()).collect()).is_err(), "told already");
}

#[test]
fn kept_preparation_scores_as_a_fresh_one() {
    let table = dataset("breast_cancer.csv");
    let s = search_spec("random", 3);
    let search = new_search(&s, &table);
    let params = serde_json::from_str(r#"{ "C": 0.3 }"#).unwrap();
    // Twice through the kept preparation, and once through the plain cross-validation.
    let first: Vec<_> = (0..5).map(|i| search.fold(&params, i).unwrap()).collect();
    let again: Vec<_> = (0..5).map(|i| search.fold(&params, i).unwrap()).collect();
    assert_eq!(first, again);
    assert_eq!(CvReport::from_folds(first), sequential_cv(&s, &table));
}
