//! Bias, shown: the final test on another file (`spec.test_data`). On `sourire.csv`, collected
//! with a bias (smile = 1 − drowsy 95 % of the time), logistic regression validates well and
//! falls on `sourire_test.csv`, drawn without it; the report says so and names the shortcut.

use crate::common;

use atelier::experiment::final_test::{TestReport, TestSource};
use atelier::experiment::report::Report;
use atelier::experiment::run::run_spec;
use atelier::experiment::spec::Spec;
use atelier::{Error, Lang};
use common::dataset_bytes;

const BIASED: &str = r#""data": { "builtin": "sourire" }, "model": { "kind": "logistic_regression" }, "evaluate_test": true"#;

fn run(json: &str) -> Result<Report, Error> {
    run_spec(&Spec::from_json(json).unwrap(), |file| Ok(dataset_bytes(file)))
}

fn on_unbiased(extra: &str) -> Report {
    run(&format!(r#"{{ {BIASED}, "test_data": {{ "builtin": "sourire_test" }}{extra} }}"#)).unwrap()
}

fn test_of(r: &Report) -> &TestReport {
    r.test.as_ref().unwrap()
}

/// Measured (README, "Bias, shown"): validation 0.970, held-out test rows 0.935, unbiased file 0.530.
#[test]
fn logistic_regression_validates_well_and_falls_on_the_unbiased_file() {
    let r = on_unbiased("");
    let validation = r.validation.as_ref().unwrap().scoring.metrics.accuracy;
    let test = test_of(&r);
    assert_eq!(test.data, TestSource::Builtin { id: "sourire_test".into() });
    assert_eq!((test.rows, test.left_out), (600, 0));
    let c = &test.scoring.metrics.counts;
    assert_eq!(c.tp + c.fp + c.tn + c.fn_, 600);
    assert!(validation >= 0.9, "validation accuracy {validation}");
    let accuracy = test.scoring.metrics.accuracy;
    assert!(validation - accuracy >= 0.15, "validation {validation}, unbiased test {accuracy}");
    let shift = test.shift.as_ref().unwrap();
    assert!(shift.dropped);
    assert_eq!((shift.validation_accuracy, shift.test_accuracy), (validation, accuracy));
    assert_eq!(shift.shortcut.as_deref(), Some("smile"));
    println!("validation {validation:.3}, unbiased test {accuracy:.3}, AUC {:?} → {:?}", shift.validation_auc, shift.test_auc);
}

#[test]
fn the_smile_coefficient_is_the_largest() {
    let r = on_unbiased("");
    let largest = |names: &[String], weights: &[f64]| {
        let k = (0..weights.len()).max_by(|&a, &b| weights[a].abs().total_cmp(&weights[b].abs())).unwrap();
        names[k].clone()
    };
    // The model validated (fitted on the training part) and the final one (train + validation).
    assert_eq!(largest(&r.prepared.features, r.model.coefficients.as_ref().unwrap()), "smile");
    let shift = test_of(&r).shift.as_ref().unwrap();
    assert_eq!(shift.weight, Some("coefficient"));
    let names: Vec<String> = shift.features.iter().map(|f| f.name.clone()).collect();
    let weights: Vec<f64> = shift.features.iter().map(|f| f.weight.unwrap()).collect();
    assert_eq!(names, r.prepared.features);
    assert_eq!(largest(&names, &weights), "smile");
    // Its link with the label: strong where the model learnt, gone on the unbiased file.
    let smile = shift.features.iter().find(|f| f.name == "smile").unwrap();
    assert!(smile.learn_auc.unwrap() < 0.1 && (smile.test_auc.unwrap() - 0.5).abs() < 0.1, "{smile:?}");
    println!("{:?}", shift.features);
}

#[test]
fn the_held_out_rows_share_the_bias_so_they_do_not_fall() {
    let r = run(&format!("{{ {BIASED} }}")).unwrap();
    let test = test_of(&r);
    assert_eq!(test.data, TestSource::HeldOut);
    let shift = test.shift.as_ref().unwrap();
    assert!(!shift.dropped && shift.shortcut.is_none(), "{shift:?}");
    assert!(test.scoring.metrics.accuracy >= 0.9);
}

#[test]
fn a_forest_reports_importances_with_the_shortcut_first() {
    let spec = r#"{ "data": { "builtin": "sourire" }, "model": { "kind": "random_forest", "n_estimators": 20 }, "evaluate_test": true, "test_data": { "builtin": "sourire_test" } }"#;
    let r = run(spec).unwrap();
    let shift = test_of(&r).shift.as_ref().unwrap();
    assert_eq!(shift.weight, Some("importance"));
    assert!(shift.dropped);
    let top = shift.features.iter().max_by(|a, b| a.weight.unwrap().total_cmp(&b.weight.unwrap())).unwrap();
    assert_eq!(top.name, "smile");
}

#[test]
fn the_same_file_as_text_scores_the_same_and_is_named_by_its_hash() {
    let text = String::from_utf8(dataset_bytes("sourire_test.csv")).unwrap();
    let builtin = on_unbiased("");
    let as_text = run(&format!(r#"{{ {BIASED}, "test_data": {{ "text": {} }} }}"#, serde_json::to_string(&text).unwrap())).unwrap();
    assert_eq!(test_of(&as_text).scoring, test_of(&builtin).scoring);
    assert!(matches!(&test_of(&as_text).data, TestSource::Text { fnv1a } if fnv1a.len() == 16));
    // Another test file is another experiment: its own key, and not the held-out one's.
    let held_out = run(&format!("{{ {BIASED} }}")).unwrap();
    assert_ne!(as_text.spec_hash, builtin.spec_hash);
    assert_ne!(builtin.spec_hash, held_out.spec_hash);
}

#[test]
fn test_data_is_read_only_with_the_final_test() {
    let r = run(r#"{ "data": { "builtin": "sourire" }, "test_data": { "builtin": "no_such_set" } }"#).unwrap();
    assert!(r.test.is_none());
    let err = run(&format!(r#"{{ {BIASED}, "test_data": {{ "builtin": "no_such_set" }} }}"#)).unwrap_err();
    assert!(matches!(&err, Error::BadParam { field, .. } if field == "test_data.builtin"), "{err:?}");
}

/// The unbiased file without one of its columns, as text.
fn without(column: &str) -> String {
    let text = String::from_utf8(dataset_bytes("sourire_test.csv")).unwrap();
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let k = lines[0].iter().position(|c| *c == column).unwrap();
    let kept: Vec<String> = lines.iter().map(|l| l.iter().enumerate().filter(|&(j, _)| j != k).map(|(_, v)| *v).collect::<Vec<_>>().join(",")).collect();
    kept.join("\n")
}

fn on_text(text: &str) -> Result<Report, Error> {
    run(&format!(r#"{{ {BIASED}, "test_data": {{ "text": {} }} }}"#, serde_json::to_string(text).unwrap()))
}

#[test]
fn a_test_file_missing_a_feature_is_an_error_naming_it() {
    let err = on_text(&without("smile")).unwrap_err();
    assert_eq!(err.code(), "unknown_column");
    assert_eq!(err.message(Lang::En), "Test file: No column 'smile'.");
    assert_eq!(err.message(Lang::Fr), "Fichier de test : Pas de colonne « smile ».");
}

#[test]
fn a_test_file_missing_the_target_is_an_error_naming_it() {
    let err = on_text(&without("drowsy")).unwrap_err();
    assert_eq!(err.message(Lang::En), "Test file: No column 'drowsy'.");
}

#[test]
fn an_unknown_class_or_text_in_a_number_is_an_error_naming_it() {
    let err = on_text("eye_openness,blink_rate,head_tilt,yawns,smile,drowsy\n9,15,1,0,1,0\n8,20,3,2,0,maybe\n").unwrap_err();
    assert_eq!(err.code(), "unknown_class");
    assert_eq!(err.message(Lang::En), "Test file: Row 2, column 'drowsy': class 'maybe' is not one of those learnt (0, 1).");
    assert!(err.message(Lang::Fr).contains("« maybe »"));
    let err = on_text("eye_openness,blink_rate,head_tilt,yawns,smile,drowsy\nwide,15,1,0,1,0\n").unwrap_err();
    assert_eq!(err.message(Lang::En), "Test file: Column 'eye_openness' holds text: choose numeric columns.");
}

#[test]
fn the_recipe_replays_its_conditions_and_frozen_fills_on_the_test_file() {
    // Row 1 is dropped by the condition, row 2 has no label, row 3 misses a value that the
    // training file's median fills (not the test file's own).
    let text = "eye_openness,blink_rate,head_tilt,yawns,smile,drowsy\n9,15,1,30,1,0\n8,20,3,2,0,\n,20,3,2,0,1\n9,12,1,0,1,0\n";
    let recipe = r#", "clean": [{ "op": "drop_where", "condition": { "column": "yawns", "op": ">", "value": 20 } }, { "op": "fill_missing", "column": "eye_openness", "fill": { "kind": "median" } }]"#;
    let r = run(&format!(r#"{{ {BIASED}, "test_data": {{ "text": {} }}{recipe} }}"#, serde_json::to_string(text).unwrap())).unwrap();
    assert_eq!((test_of(&r).rows, test_of(&r).left_out), (2, 2));
    // A condition on a column the test file lacks names its step.
    let err = run(&format!(r#"{{ {BIASED}, "test_data": {{ "text": {} }}{recipe} }}"#, serde_json::to_string(&without("yawns")).unwrap())).unwrap_err();
    assert_eq!(err.message(Lang::En), "Test file: Recipe step 1: No column 'yawns'.");
}
