//! The journal's logic: what a run's entry summarises for each kind, the journal file's import
//! (merging by key and kind, refusing what is not a journal), the comparison of runs, and the
//! chart of a metric across runs.

use crate::common;

use atelier::experiment::journal::{compare, export, import, summary, Entry, Kind};
use atelier::experiment::run::run_spec;
use atelier::experiment::spec::Spec;
use atelier::plot::{draw_journal, draw_journal_roc, JournalChart, JournalRocChart, RunCurve};
use atelier::Lang;
use common::{dataset_bytes, svg};
use serde_json::{json, Value};

fn entry(key: &str, kind: Kind, spec: Value, report: Value, at: &str) -> Entry {
    Entry { key: key.into(), kind, spec, report, fingerprint: "00".into(), data: "iris".into(), at: at.into(), note: String::new(), starred: false }
}

fn trained(spec: &str) -> (String, Value) {
    let report = run_spec(&Spec::from_json(spec).unwrap(), |f| Ok(dataset_bytes(f))).unwrap();
    (report.spec_hash.clone(), serde_json::to_value(&report).unwrap())
}

#[test]
fn a_training_run_summarises_its_model_parameters_and_validation_metrics() {
    let spec = r#"{ "data": { "builtin": "breast_cancer" }, "model": { "kind": "knn", "n_neighbors": 5 } }"#;
    let (key, report) = trained(spec);
    let auc = report["validation"]["roc"]["auc"].as_f64().unwrap();
    let s = summary(&entry(&key, Kind::Train, serde_json::from_str(spec).unwrap(), report, "2025-01-01T10:00:00Z"));
    assert_eq!(s.model, "knn");
    assert_eq!(s.params.get("n_neighbors"), Some(&json!(5)));
    assert_eq!(s.metrics.get("roc_auc"), Some(&auc));
    assert!(s.metrics["accuracy"] > 0.8);
}

#[test]
fn cv_search_and_test_runs_summarise_their_own_part() {
    let spec = json!({ "model": { "kind": "logistic_regression", "C": 1.0 } });
    let cv = summary(&entry("k", Kind::Cv, spec.clone(), json!({ "cv": { "mean": { "accuracy": 0.9, "roc_auc": 0.95, "f1": null } } }), "t"));
    assert_eq!((cv.metrics.get("accuracy"), cv.metrics.get("roc_auc"), cv.metrics.get("f1")), (Some(&0.9), Some(&0.95), None));
    let search = json!({ "metric": "f1", "best": { "params": { "C": 10.0 }, "score": 0.8, "std": 0.1 }, "trials": [] });
    let s = summary(&entry("k", Kind::Search, spec.clone(), json!({ "search": search }), "t"));
    assert_eq!((s.params.get("C"), s.metrics.get("f1")), (Some(&json!(10.0)), Some(&0.8)));
    let test = json!({ "test": { "metrics": { "accuracy": 0.7 }, "roc": { "auc": 0.75 } } });
    let t = summary(&entry("k", Kind::Test, spec, test, "t"));
    assert_eq!((t.model.as_str(), t.metrics.get("roc_auc")), ("logistic_regression", Some(&0.75)));
}

#[test]
fn export_then_import_into_an_empty_journal_gives_the_runs_back() {
    let runs = vec![entry("a", Kind::Train, json!({}), json!({}), "2025-01-02"), entry("b", Kind::Cv, json!({}), json!({}), "2025-01-01")];
    let back = import(Vec::new(), &export(&runs)).unwrap();
    assert_eq!((back.runs, back.added, back.merged), (runs, 2, 0));
}

#[test]
fn import_merges_by_key_and_kind_keeping_notes_and_stars() {
    let mut mine = entry("a", Kind::Train, json!({}), json!({ "mine": true }), "2025-01-01");
    mine.note = "first try".into();
    let mut theirs = entry("a", Kind::Train, json!({}), json!({ "mine": false }), "2025-02-01");
    theirs.note = "k too small".into();
    theirs.starred = true;
    let other_kind = entry("a", Kind::Cv, json!({}), json!({}), "2025-03-01");
    let file = export(&[theirs, other_kind]);
    let merged = import(vec![mine], &file).unwrap();
    assert_eq!((merged.added, merged.merged, merged.runs.len()), (1, 1, 2));
    let train = merged.runs.iter().find(|r| r.kind == Kind::Train).unwrap();
    assert_eq!((train.note.as_str(), train.starred, &train.report), ("first try\nk too small", true, &json!({ "mine": true })));
    assert_eq!(merged.runs[0].kind, Kind::Cv, "newest first");
    let again = import(merged.runs.clone(), &file).unwrap();
    assert_eq!((again.added, again.runs.len()), (0, 2), "never duplicates");
}

#[test]
fn a_file_that_is_not_a_journal_is_refused_in_both_languages() {
    for text in ["not json", r#"{ "rows": [] }"#, r#"{ "format": "atelier-model", "version": 1 }"#, r#"{ "format": "atelier-journal", "version": 1, "runs": [{ "key": 3 }] }"#] {
        let e = import(Vec::new(), text).unwrap_err();
        assert_eq!(e.code(), "not_a_journal", "{text}");
        assert!(e.message(Lang::En).contains("not an Atelier journal") && e.message(Lang::Fr).contains("n'est pas un journal"));
    }
    let e = import(Vec::new(), r#"{ "format": "atelier-journal", "version": 2, "runs": [] }"#).unwrap_err();
    assert_eq!(e.code(), "journal_version");
    assert!(e.message(Lang::En).contains("version 2"), "{}", e.message(Lang::En));
}

#[test]
fn compare_flags_the_parameters_that_differ_and_lines_up_metrics() {
    let a = entry("a", Kind::Cv, json!({ "model": { "kind": "knn", "n_neighbors": 3 } }), json!({ "cv": { "mean": { "accuracy": 0.9 } } }), "1");
    let b = entry("b", Kind::Cv, json!({ "model": { "kind": "knn", "n_neighbors": 9 }, "scale": "standard" }), json!({ "cv": { "mean": { "accuracy": 0.95 } } }), "2");
    let c = compare(&[a, b]);
    let row = |name: &str| c.params.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no row {name}"));
    assert!(row("model.n_neighbors").differs);
    assert_eq!(row("model.n_neighbors").values, vec![json!(3), json!(9)]);
    assert!(!row("model.kind").differs);
    assert!(!row("scale").differs, "a default left implicit is not a difference");
    assert!(!row("split.seed").differs);
    assert_eq!(c.params[0].name, "model.kind", "the model's rows first");
    assert_eq!(c.metrics.len(), 1);
    assert_eq!((c.metrics[0].values.clone(), c.metrics[0].best), (vec![Some(0.9), Some(0.95)], Some(1)));
}

#[test]
fn the_chart_names_each_run_and_skips_runs_without_the_metric() {
    let chart = JournalChart {
        title: "AUC ROC across runs".into(),
        x_title: "Run".into(),
        y_title: "AUC ROC".into(),
        runs: vec!["#1 knn".into(), "#2 tree".into(), "#3 forest".into()],
        values: vec![Some(0.9), None, Some(0.97)],
    };
    let (text, frame) = svg::render("journal", (640, 360), |a| draw_journal(a, &chart, &svg::light()).unwrap());
    svg::has_all(&text, &["AUC ROC across runs", "Run", "#1 knn", "#2 tree", "#3 forest"]);
    assert_eq!(text.matches("<circle").count(), 2);
    assert!(frame.y_max <= 1.0 && frame.y_min < 0.9, "{} {}", frame.y_min, frame.y_max);
    assert_eq!(frame.x_categories, Some(3));
}

#[test]
fn the_roc_overlay_draws_one_curve_per_run_named_in_the_legend() {
    let (_, knn) = trained(r#"{ "data": { "builtin": "breast_cancer" }, "model": { "kind": "knn", "n_neighbors": 5 } }"#);
    let curve = |name: &str, report: &Value| RunCurve {
        name: name.into(),
        fpr: serde_json::from_value(report["validation"]["roc"]["fpr"].clone()).unwrap(),
        tpr: serde_json::from_value(report["validation"]["roc"]["tpr"].clone()).unwrap(),
    };
    let one_point = RunCurve { name: "#3 tree".into(), fpr: vec![0.5], tpr: vec![0.5] };
    let chart = JournalRocChart {
        title: "ROC curves".into(),
        x_title: "False positive rate".into(),
        y_title: "True positive rate".into(),
        chance_label: "chance".into(),
        curves: vec![curve("#1 knn, n_neighbors = 5", &knn), curve("#2 knn again", &knn), one_point],
    };
    let (text, _) = svg::render("journal-roc", (520, 480), |a| draw_journal_roc(a, &chart, &svg::light()).unwrap());
    svg::has_all(&text, &["ROC curves", "False positive rate", "True positive rate", "#1 knn, n_neighbors = 5", "#2 knn again", "#3 tree", "chance"]);
    let long = text.lines().filter(|l| l.contains("<polyline") && l.split("points=\"").nth(1).is_some_and(|p| p.split_whitespace().count() > 3));
    assert_eq!(long.count(), 2, "a curve per run with points, none for the one-point run");
}
