//! The final test: the spec refitted on train + validation and scored once on the test rows.

mod common;

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
    let c = &test.metrics.counts;
    assert_eq!(c.tp + c.fp + c.tn + c.fn_, r.prepared.splits.test.rows);
    assert!(test.roc.unwrap().auc > 0.95);
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
    assert_eq!(a.test.unwrap().metrics, b.test.unwrap().metrics);
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
