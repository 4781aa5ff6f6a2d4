//! The final test: the spec refitted on train + validation and scored once on the test rows.

use crate::common;

use atelier::experiment::final_test::TestSource;
use atelier::experiment::run::run_spec;
use atelier::experiment::spec::Spec;
use atelier::Error;
use common::dataset_bytes;

fn run(json: &str) -> Result<atelier::experiment::report::Report, Error> {
    run_spec(&Spec::from_json(json).unwrap(), |file| Ok(dataset_bytes(file)))
}

#[test]
fn the_final_test_scores_every_test_row_once() {
    let r = run(r#"{ "data": { "builtin": "breast_cancer" }, "model": { "kind": "logistic_regression" }, "evaluate_test": true }"#).unwrap();
    let test = r.test.unwrap();
    let c = &test.scoring.metrics.counts;
    assert_eq!(c.tp + c.fp + c.tn + c.fn_, r.prepared.splits.test.rows);
    assert_eq!((test.rows, test.left_out, test.data), (r.prepared.splits.test.rows, 0, TestSource::HeldOut));
    assert!(test.scoring.roc.unwrap().auc > 0.95);
}

/// Refitted on train + validation: with a validation part, the final model learns more rows
/// than the validated one, so its test figures come from another fit than the main one.
#[test]
fn the_final_model_learns_train_and_validation_together() {
    let with_validation = r#"{ "data": { "builtin": "moons" }, "split": { "test": 0.25, "validation": 0.5 }, "model": { "kind": "knn", "n_neighbors": 1 }, "evaluate_test": true }"#;
    let without = with_validation.replace(r#""validation": 0.5"#, r#""validation": 0"#);
    let (a, b) = (run(with_validation).unwrap(), run(&without).unwrap());
    assert_eq!(a.prepared.splits.test.rows, b.prepared.splits.test.rows);
    // 1-NN on the same 300 learning rows and the same 100 test rows: the same predictions.
    assert_eq!(a.test.unwrap().scoring.metrics, b.test.unwrap().scoring.metrics);
}

#[test]
fn no_test_part_no_final_test() {
    let err = run(r#"{ "data": { "builtin": "iris" }, "split": { "test": 0 }, "evaluate_test": true }"#).unwrap_err();
    assert!(matches!(&err, Error::BadParam { field, .. } if field == "evaluate_test"), "{err:?}");
    assert!(err.message(atelier::Lang::En).contains("split.test"));
}

#[test]
fn a_spec_without_the_final_test_says_nothing_of_the_test_rows() {
    let r = run(r#"{ "data": { "builtin": "iris" } }"#).unwrap();
    assert!(r.test.is_none());
    assert!(!serde_json::to_string(&r).unwrap().contains("\"test\":{\"metrics\""));
}

const FIRST: &str = r#"{ "data": { "builtin": "breast_cancer" }, "model": { "kind": "logistic_regression", "C": 1 }, "evaluate_test": true"#;
const SECOND: &str = r#"{ "data": { "builtin": "breast_cancer" }, "model": { "kind": "logistic_regression", "C": 0.01 }, "evaluate_test": true"#;

/// `report.test_uses` as the page hands it back in the next spec, dated by the page.
fn earlier_uses(report: &atelier::experiment::report::Report, at: &str) -> String {
    let mut uses = serde_json::to_value(&report.test_uses).unwrap();
    uses.as_array_mut().unwrap().iter_mut().for_each(|u| u["at"] = at.into());
    uses.to_string()
}

#[test]
fn a_final_test_records_its_use_with_the_spec_hash_and_figures() {
    let r = run(&format!("{FIRST} }}")).unwrap();
    assert_eq!(r.test_uses.len(), 1);
    let u = &r.test_uses[0];
    assert_eq!((u.spec_hash.as_str(), u.at.as_deref(), u.model.as_deref()), (r.spec_hash.as_str(), None, Some("logistic_regression")));
    let test = &r.test.as_ref().unwrap().scoring;
    assert_eq!(u.metrics.accuracy, test.metrics.accuracy);
    assert_eq!(u.metrics.roc_auc, Some(test.roc.as_ref().unwrap().auc));
    assert_eq!(u.metrics.average_precision, Some(test.pr.as_ref().unwrap().average_precision));
    assert!(r.prepared.warnings.iter().all(|w| w.code != "test_reused"));
}

#[test]
fn a_second_use_with_another_spec_lists_both_and_warns_naming_the_first() {
    let first = run(&format!("{FIRST} }}")).unwrap();
    let r = run(&format!(r#"{SECOND}, "test_uses": {} }}"#, earlier_uses(&first, "2025-03-04 10:12"))).unwrap();
    assert_ne!(r.spec_hash, first.spec_hash);
    let hashes: Vec<&str> = r.test_uses.iter().map(|u| u.spec_hash.as_str()).collect();
    assert_eq!(hashes, [first.spec_hash.as_str(), r.spec_hash.as_str()]);
    assert_eq!(r.test_uses[0].at.as_deref(), Some("2025-03-04 10:12"));
    let w = r.prepared.warnings.iter().find(|w| w.code == "test_reused").expect("a test_reused warning");
    let auc = first.test.unwrap().scoring.roc.unwrap().auc;
    for (text, number) in [(&w.en, format!("{auc:.3}")), (&w.fr, format!("{auc:.3}").replace('.', ","))] {
        assert!(text.contains(&first.spec_hash) && text.contains("2025-03-04 10:12") && text.contains(&number), "{text}");
    }
}

#[test]
fn the_same_spec_again_is_the_same_use_without_a_warning() {
    let first = run(&format!("{FIRST} }}")).unwrap();
    let again = run(&format!(r#"{FIRST}, "test_uses": {} }}"#, earlier_uses(&first, "2025-03-04"))).unwrap();
    assert_eq!(again.spec_hash, first.spec_hash);
    assert_eq!(again.test_uses.len(), 1);
    assert!(again.prepared.warnings.iter().all(|w| w.code != "test_reused"));
    assert_eq!(again.test, first.test);
}

#[test]
fn earlier_uses_are_history_not_part_of_the_spec_hash() {
    let first = run(&format!("{FIRST} }}")).unwrap();
    let second = run(&format!("{SECOND} }}")).unwrap();
    let with_history = run(&format!(r#"{SECOND}, "test_uses": {} }}"#, earlier_uses(&first, "2025-03-04"))).unwrap();
    assert_eq!(with_history.spec_hash, second.spec_hash);
    // A spec without uses writes no `test_uses`: older specs and their hashes are unchanged.
    let spec = Spec::from_json(&format!("{SECOND} }}")).unwrap();
    assert!(!serde_json::to_string(&spec).unwrap().contains("test_uses"));
}

#[test]
fn earlier_uses_without_a_final_test_are_listed_without_a_warning() {
    let first = run(&format!("{FIRST} }}")).unwrap();
    let plain = FIRST.replace(r#", "evaluate_test": true"#, "").replace(r#""C": 1"#, r#""C": 0.5"#);
    let r = run(&format!(r#"{plain}, "test_uses": {} }}"#, earlier_uses(&first, "2025-03-04"))).unwrap();
    assert!(r.test.is_none());
    assert_eq!(r.test_uses.len(), 1);
    assert!(r.prepared.warnings.iter().all(|w| w.code != "test_reused"));
}

#[test]
fn a_malformed_earlier_use_is_a_named_spec_error() {
    let err = Spec::from_json(&format!(r#"{FIRST}, "test_uses": [{{ "spec_hash": "ab" }}] }}"#)).unwrap_err();
    assert_eq!(err.code(), "bad_spec");
    assert!(err.message(atelier::Lang::En).contains("metrics"), "{}", err.message(atelier::Lang::En));
}
