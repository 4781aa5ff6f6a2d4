//! Runs of whole specs: the report's shape and figures, determinism, bad specs, leakage guards.

use crate::common;

use atelier::experiment::report::Report;
use atelier::experiment::run::{run, run_spec};
use atelier::experiment::spec::Spec;
use atelier::Lang;
use common::dataset_bytes;

fn spec(json: &str) -> Spec {
    Spec::from_json(json).unwrap()
}

/// Runs a spec whose data is a built-in set, read from `www/data` as the page fetches it.
fn report(json: &str) -> Report {
    run_spec(&spec(json), |file| Ok(dataset_bytes(file))).unwrap()
}

fn error(json: &str) -> atelier::Error {
    run_spec(&spec(json), |file| Ok(dataset_bytes(file))).unwrap_err()
}

fn warning_codes(r: &Report) -> Vec<&str> {
    r.prepared.warnings.iter().map(|w| w.code).collect()
}

fn counts(part: &atelier::experiment::report::Part) -> Vec<(String, usize)> {
    part.class_counts.0.clone()
}

#[test]
fn same_spec_gives_the_same_report_bytes() {
    let json = r#"{ "data": { "builtin": "breast_cancer" }, "resample": { "kind": "smote" }, "model": { "kind": "random_forest", "n_estimators": 5 } }"#;
    let a = serde_json::to_string(&report(json)).unwrap();
    let b = serde_json::to_string(&report(json)).unwrap();
    assert!(a.len() > 1000);
    assert_eq!(a, b);
}

#[test]
fn split_class_counts_equal_scikit_learns() {
    // shared/golden/split.json: breast_cancer, train_test_split(test_size=0.3, stratify=y).
    let r = report(r#"{ "data": { "builtin": "breast_cancer" }, "target": "diagnosis", "positive": "malignant", "split": { "test": 0.3, "validation": 0 } }"#);
    let s = &r.prepared.splits;
    assert_eq!(counts(&s.train), vec![("benign".to_string(), 250), ("malignant".to_string(), 148)]);
    assert_eq!(counts(&s.test), vec![("benign".to_string(), 107), ("malignant".to_string(), 64)]);
    assert_eq!(s.validation.rows, 0);
    assert!(r.validation.is_none());
}

#[test]
fn test_part_is_counted_but_never_scored() {
    let r = report(r#"{ "data": { "builtin": "iris" }, "positive": "virginica" }"#);
    let s = &r.prepared.splits;
    assert_eq!((s.train.rows, s.validation.rows, s.test.rows), (90, 30, 30));
    let v = r.validation.as_ref().unwrap();
    assert_eq!((v.scores.len(), v.labels.len(), v.ids.len(), v.rows.len()), (30, 30, 30, 30));
    let m = &r.train.metrics;
    assert_eq!(m.counts.tp + m.counts.fp + m.counts.tn + m.counts.fn_, 90);
}

#[test]
fn defaults_choose_target_features_and_positive_class() {
    let r = report(r#"{ "data": { "builtin": "breast_cancer" } }"#);
    assert_eq!((r.prepared.target.as_str(), r.prepared.positive.as_str()), ("diagnosis", "malignant"));
    assert_eq!(r.prepared.features.len(), 30);
    assert_eq!(r.model.classes, vec!["benign", "malignant"]);
}

#[test]
fn text_features_are_one_hot_encoded_and_left_unscaled() {
    let csv = "couleur,taille,y\nrouge,1,0\nbleu,2,1\nrouge,3,0\nvert,4,1\nbleu,5,1\nrouge,6,0\nvert,7,1\nbleu,8,0\n";
    let s = Spec { data: None, split: atelier::prep::split::SplitSpec { test: 0.0, validation: 0.0, ..Default::default() }, ..Spec::default() };
    let r = run(&s, &common::table(csv), 0).unwrap();
    assert_eq!(r.prepared.features, vec!["couleur=bleu", "couleur=rouge", "couleur=vert", "taille"]);
    assert_eq!(r.prepared.scaled, vec![false, false, false, true]);
}

#[test]
fn oversampling_balances_the_training_part_only() {
    let r = report(r#"{ "data": { "builtin": "imbalanced" }, "split": { "test": 0.3, "validation": 0.175 }, "resample": { "kind": "random_oversample" } }"#);
    let train = &r.prepared.splits.train;
    let after = train.resampled_class_counts.as_ref().unwrap();
    assert_eq!(after.0.iter().map(|c| c.1).collect::<Vec<_>>(), vec![after.0[0].1, after.0[0].1]);
    assert!(train.class_counts.0[1].1 < after.0[1].1);
    assert_eq!(r.train.metrics.counts.tp + r.train.metrics.counts.fp + r.train.metrics.counts.tn + r.train.metrics.counts.fn_, train.rows);
}

#[test]
fn bad_specs_name_the_field() {
    let cases: [(&str, &str, &str); 6] = [
        (r#"{ "data": { "builtin": "iris" }, "target": "espece" }"#, "unknown_column", "espece"),
        (r#"{ "data": { "builtin": "iris" }, "model": { "kind": "logistic_regression", "C": 0 } }"#, "bad_param", "model.C"),
        (r#"{ "data": { "builtin": "imbalanced" }, "resample": { "kind": "smote", "k": 500 } }"#, "smote_neighbours", "500"),
        (r#"{ "data": { "builtin": "iris" }, "positive": "rose" }"#, "bad_param", "positive"),
        (r#"{ "data": { "builtin": "iris" }, "split": { "test": 0.6, "validation": 0.5 } }"#, "bad_param", "split"),
        (r#"{ "data": { "builtin": "nope" } }"#, "bad_param", "data.builtin"),
    ];
    for (json, code, named) in cases {
        let e = error(json);
        assert_eq!(e.code(), code, "{json}: {}", e.message(Lang::En));
        assert!(e.message(Lang::En).contains(named) && e.message(Lang::Fr).contains(named), "{json}: {}", e.message(Lang::En));
    }
}

#[test]
fn a_target_with_one_class_is_an_error() {
    let e = error(r#"{ "data": { "builtin": "sante" }, "target": "malade" }"#);
    assert_eq!(e.code(), "one_class_target");
}

#[test]
fn a_class_without_training_row_is_an_error() {
    let csv = "x,y\n1,a\n2,a\n3,a\n4,a\n5,b\n";
    let s = spec(r#"{ "split": { "test": 0.2, "validation": 0, "stratify": false, "seed": 0 } }"#);
    let outcomes: Vec<String> = (0..20)
        .map(|seed| {
            let s = Spec { split: atelier::prep::split::SplitSpec { seed, ..s.split.clone() }, ..s.clone() };
            run(&s, &common::table(csv), 0).map_or_else(|e| e.code().to_string(), |_| "ok".into())
        })
        .collect();
    assert!(outcomes.iter().any(|o| o == "empty_class"), "{outcomes:?}");
    assert!(outcomes.iter().all(|o| o == "empty_class" || o == "ok"), "{outcomes:?}");
}

#[test]
fn sante_with_labels_filled_trains_and_warns_of_a_small_validation_part() {
    let r = report(r#"{ "data": { "builtin": "sante" }, "clean": [{ "op": "fill_missing", "column": "malade", "fill": { "kind": "constant", "value": 0 } }], "target": "malade" }"#);
    assert!(warning_codes(&r).contains(&"small_validation"), "{:?}", warning_codes(&r));
    assert!(!r.prepared.features.contains(&"ID".to_string()));
    assert_eq!(r.prepared.splits.validation.rows + r.prepared.splits.test.rows + r.prepared.splits.train.rows, 10);
}

#[test]
fn rows_without_a_label_are_left_out_and_said() {
    let csv = "x,y\n1,0\n2,1\n3,\n4,0\n5,1\n6,0\n7,1\n8,0\n9,1\n";
    let s = spec(r#"{ "split": { "test": 0, "validation": 0 } }"#);
    let r = run(&s, &common::table(csv), 0).unwrap();
    assert_eq!((r.prepared.rows.used, r.prepared.rows.missing_target), (8, 1));
    assert!(warning_codes(&r).contains(&"missing_target"));
}

#[test]
fn a_mean_filled_before_the_split_is_a_leak() {
    let r = report(r#"{ "data": { "builtin": "sante" }, "target": "malade", "clean": [
        { "op": "fill_missing", "column": "malade", "fill": { "kind": "constant", "value": 0 } },
        { "op": "fill_missing", "column": "IMC", "fill": { "kind": "mean" } }], "split": { "test": 0, "validation": 0.3 } }"#);
    assert!(warning_codes(&r).contains(&"fill_before_split"));
}

#[test]
fn the_id_column_as_a_feature_is_flagged() {
    let r = report(r#"{ "data": { "builtin": "seuil" }, "target": "y", "features": ["ID", "proba"], "split": { "test": 0, "validation": 0 } }"#);
    assert!(warning_codes(&r).contains(&"id_feature"));
}

#[test]
fn a_feature_that_is_the_label_in_disguise_is_flagged() {
    let mut csv = String::from("bruit,copie,groupe,y\n");
    for i in 0..60 {
        let y = i % 2;
        csv.push_str(&format!("{},{},{},{y}\n", (i * 7) % 11, y as f64 * 10.0 + (i % 3) as f64, ["a", "b"][y]));
    }
    let s = spec(r#"{ "split": { "test": 0.2, "validation": 0.2 } }"#);
    let r = run(&s, &common::table(&csv), 0).unwrap();
    let flagged: Vec<&str> = r.prepared.warnings.iter().filter(|w| w.code == "label_in_disguise").map(|w| w.en.as_str()).collect();
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(flagged[0].contains("'copie'") && flagged[1].contains("'groupe'"), "{flagged:?}");
}

#[test]
fn rows_repeated_across_parts_are_flagged() {
    let mut csv = String::from("x,y\n");
    for i in 0..40 {
        csv.push_str(&format!("{},{}\n", i % 10, i % 2));
    }
    let r = run(&spec("{}"), &common::table(&csv), 0).unwrap();
    assert!(warning_codes(&r).contains(&"duplicates_across_splits"));
}

#[test]
fn every_model_kind_runs_on_iris() {
    for model in [
        r#"{ "kind": "logistic_regression" }"#,
        r#"{ "kind": "knn", "n_neighbors": 3, "weights": "distance" }"#,
        r#"{ "kind": "gaussian_nb" }"#,
        r#"{ "kind": "decision_tree", "criterion": "entropy", "max_depth": 3 }"#,
        r#"{ "kind": "random_forest", "n_estimators": 10, "seed": 3 }"#,
        r#"{ "kind": "linear_svm", "C": 0.5 }"#,
    ] {
        let r = report(&format!(r#"{{ "data": {{ "builtin": "iris" }}, "positive": "virginica", "model": {model} }}"#));
        let v = r.validation.as_ref().unwrap();
        assert!(v.scores.iter().all(|s| s.is_finite()), "{model}");
        assert!(v.scoring.roc.as_ref().unwrap().auc > 0.6, "{model}: validation AUC {}", v.scoring.roc.as_ref().unwrap().auc);
    }
}

/// The reports of `tests/fixtures/report_specs.json`, byte for byte: the API test checks that
/// the wasm build writes the very same bytes. `UPDATE_FIXTURES=1 cargo test` rewrites them
/// after a deliberate change.
#[test]
fn reports_equal_the_fixtures_the_browser_build_is_checked_against() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let specs: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(format!("{dir}/report_specs.json")).unwrap()).unwrap();
    assert_eq!(specs.len(), 5);
    for case in specs {
        let name = case["name"].as_str().unwrap();
        let json = serde_json::to_string(&report(&case["spec"].to_string())).unwrap();
        let path = format!("{dir}/report_{name}.json");
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(&path, format!("{json}\n")).unwrap();
        }
        assert_eq!(json, std::fs::read_to_string(&path).unwrap().trim_end(), "{name}: run UPDATE_FIXTURES=1 cargo test after a deliberate change");
    }
}

#[test]
fn a_tree_reports_its_nodes_depth_leaves_and_importances() {
    let r = report(r#"{ "data": { "builtin": "breast_cancer" }, "model": { "kind": "decision_tree", "max_depth": 3 } }"#);
    let nodes = r.model.tree.as_ref().unwrap();
    let leaves = nodes.iter().filter(|n| n.feature.is_none()).count();
    assert_eq!((r.model.depth, r.model.leaves), (Some(3), Some(leaves)));
    assert!((4..=8).contains(&leaves), "{leaves}");
    let importances = r.model.feature_importances.as_ref().unwrap();
    assert_eq!(importances.len(), r.prepared.features.len());
    assert!((importances.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

#[test]
fn a_trees_thresholds_are_in_the_features_own_units_whatever_the_scaler() {
    let tree = |scale: &str| report(&format!(r#"{{ "data": {{ "builtin": "breast_cancer" }}, "scale": "{scale}", "model": {{ "kind": "decision_tree", "max_depth": 2 }} }}"#)).model.tree.unwrap();
    let (raw, standard, robust) = (tree("none"), tree("standard"), tree("robust"));
    assert_eq!(raw.len(), standard.len());
    for (a, b) in raw.iter().zip(&standard).chain(raw.iter().zip(&robust)) {
        assert_eq!(a.feature, b.feature);
        common::assert_close(b.threshold, a.threshold, 1e-9, "threshold"); // the same split, unscaled
    }
}
