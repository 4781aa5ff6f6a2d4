//! Cross-validation: scikit-learn's folds (shared/golden/cv.json) and figures on breast_cancer
//! in file order, the test part kept out, the checks.

use crate::common;

use atelier::experiment::run::run_spec;
use atelier::experiment::spec::Spec;
use atelier::prep::folds::{folds, CvSpec};
use atelier::Error;
use common::dataset_bytes;
use serde_json::Value;

fn golden() -> Value {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/cv.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn report(json: &str) -> atelier::experiment::report::Report {
    run_spec(&Spec::from_json(json).unwrap(), |file| Ok(dataset_bytes(file))).unwrap()
}

/// breast_cancer's labels in file order, 1 = malignant.
fn breast_cancer_y() -> Vec<usize> {
    let table = common::dataset("breast_cancer.csv");
    let column = table.column("diagnosis").unwrap();
    (0..table.num_rows()).map(|r| usize::from(column.cell(r) == atelier::data::Cell::Text("malignant"))).collect()
}

#[test]
fn stratified_folds_are_scikit_learns() {
    let g = golden();
    let got = folds(&breast_cancer_y(), &CvSpec { folds: 5, stratified: true, ..CvSpec::default() }).unwrap();
    for (fold, want) in got.iter().zip(g["StratifiedKFold"]["folds"].as_array().unwrap()) {
        let want: Vec<usize> = want["test_indices"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        assert_eq!(*fold, want);
    }
}

#[test]
fn plain_folds_are_contiguous_blocks_the_first_ones_larger() {
    let got = folds(&breast_cancer_y(), &CvSpec { folds: 5, stratified: false, ..CvSpec::default() }).unwrap();
    let bounds: Vec<(usize, usize)> = got.iter().map(|f| (f[0], f[f.len() - 1] + 1)).collect();
    assert_eq!(bounds, vec![(0, 114), (114, 228), (228, 342), (342, 456), (456, 569)]);
}

#[test]
fn shuffled_folds_keep_the_sizes_and_depend_on_the_seed() {
    let y = breast_cancer_y();
    let spec = |seed| CvSpec { shuffle: true, seed, ..CvSpec::default() };
    let (a, b, again) = (folds(&y, &spec(1)).unwrap(), folds(&y, &spec(2)).unwrap(), folds(&y, &spec(1)).unwrap());
    assert_eq!(a, again);
    assert_ne!(a, b);
    let plain = folds(&y, &CvSpec { shuffle: false, ..spec(1) }).unwrap();
    assert_eq!(a.iter().map(Vec::len).collect::<Vec<_>>(), plain.iter().map(Vec::len).collect::<Vec<_>>());
    let mut all: Vec<usize> = a.concat();
    all.sort_unstable();
    assert_eq!(all, (0..569).collect::<Vec<_>>(), "every row in exactly one fold");
}

/// The pipeline (scaler + logistic regression) refitted on each training fold gives
/// scikit-learn's accuracy (1e-9) and ROC AUC (1e-6) on each fold, and numpy's mean and std.
#[test]
fn cross_validated_logistic_regression_equals_scikit_learns() {
    let g = golden();
    for (name, stratified) in [("KFold", false), ("StratifiedKFold", true)] {
        let r = report(&format!(
            r#"{{ "data": {{ "builtin": "breast_cancer" }}, "target": "diagnosis", "positive": "malignant", "split": {{ "test": 0, "validation": 0 }},
                 "model": {{ "kind": "logistic_regression", "C": 1 }}, "cv": {{ "folds": 5, "stratified": {stratified} }} }}"#
        ));
        let cv = r.cv.unwrap();
        let want = &g[name];
        for (fold, w) in cv.folds.iter().zip(want["folds"].as_array().unwrap()) {
            common::assert_close(fold.scores.accuracy, w["accuracy"].as_f64().unwrap(), 1e-9, name);
            common::assert_close(fold.scores.roc_auc.unwrap(), w["roc_auc"].as_f64().unwrap(), 1e-6, name);
            assert_eq!(fold.train_rows, w["n_train"].as_u64().unwrap() as usize);
        }
        common::assert_close(cv.mean.accuracy, want["accuracy_mean"].as_f64().unwrap(), 1e-9, name);
        common::assert_close(cv.std.accuracy, want["accuracy_std_ddof0"].as_f64().unwrap(), 1e-9, name);
        common::assert_close(cv.mean.roc_auc.unwrap(), want["roc_auc_mean"].as_f64().unwrap(), 1e-6, name);
        common::assert_close(cv.std.roc_auc.unwrap(), want["roc_auc_std_ddof0"].as_f64().unwrap(), 1e-6, name);
    }
}

#[test]
fn the_test_rows_never_enter_the_cross_validation() {
    let r = report(r#"{ "data": { "builtin": "breast_cancer" }, "split": { "test": 0.2, "validation": 0.2 }, "model": { "kind": "gaussian_nb" }, "cv": { "folds": 4 } }"#);
    let cv = r.cv.unwrap();
    let used: usize = cv.folds.iter().map(|f| f.test_indices.len()).sum();
    assert_eq!(used, r.prepared.splits.train.rows + r.prepared.splits.validation.rows);
    assert_eq!(cv.folds.len(), 4);
}

#[test]
fn a_network_with_early_stopping_cross_validates_on_its_own_folds() {
    let r = report(r#"{ "data": { "builtin": "moons" }, "model": { "kind": "mlp", "hidden_layer_sizes": [8], "learning_rate_init": 0.01, "max_iter": 40, "early_stopping": true }, "cv": { "folds": 3 } }"#);
    assert!(r.cv.unwrap().mean.accuracy > 0.75);
}

#[test]
fn bad_fold_counts_are_named_errors() {
    let bad = |json: &str| run_spec(&Spec::from_json(json).unwrap(), |file| Ok(dataset_bytes(file))).unwrap_err();
    let one = bad(r#"{ "data": { "builtin": "iris" }, "cv": { "folds": 1 } }"#);
    assert!(matches!(&one, Error::BadParam { field, .. } if field == "cv.folds"), "{one:?}");
    let many = bad(r#"{ "data": { "builtin": "imbalanced" }, "split": { "test": 0, "validation": 0 }, "cv": { "folds": 200 } }"#);
    assert!(many.message(atelier::Lang::En).contains("at most 108"), "{}", many.message(atelier::Lang::En));
}

#[test]
fn a_spec_without_cv_keeps_its_hash_and_report() {
    let json = r#"{ "data": { "builtin": "iris" } }"#;
    let r = report(json);
    assert!(r.cv.is_none());
    assert!(!serde_json::to_string(&r).unwrap().contains("\"cv\""));
}

/// A feature that grows down the file: unshuffled folds put its extremes in the first and last
/// folds. A min-max scaler learnt per fold maps a scored fold beyond [0, 1]; learnt on every row
/// first (the leak), it already knows the fold's range, and the scores differ.
#[test]
fn a_leaky_preparation_learns_on_the_scored_folds_and_changes_the_scores() {
    let mut csv = String::from("x,noise,y\n");
    for i in 0..60 {
        csv += &format!("{},{},{}\n", i * i, (i * 7) % 11, usize::from(i % 3 == 0 || i > 45));
    }
    let spec = |leaky: bool| {
        format!(
            r#"{{ "data": {{ "text": {} }}, "target": "y", "split": {{ "test": 0, "validation": 0 }}, "scale": "minmax",
                 "model": {{ "kind": "knn", "n_neighbors": 3 }}, "cv": {{ "folds": 3, "stratified": false, "leaky_preparation": {leaky} }} }}"#,
            serde_json::to_string(&csv).unwrap()
        )
    };
    let (honest, leaky) = (report(&spec(false)).cv.unwrap(), report(&spec(true)).cv.unwrap());
    let aucs = |cv: &atelier::experiment::cv::CvReport| cv.folds.iter().map(|f| f.scores.roc_auc).collect::<Vec<_>>();
    assert_ne!(aucs(&honest), aucs(&leaky));
}
