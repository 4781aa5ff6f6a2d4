//! Production: the pipeline refitted on every labelled row, its model file, and predictions.

use crate::common;

use atelier::data::Table;
use atelier::error::ModelFile;
use atelier::experiment::production::{InputKind, Production};
use atelier::experiment::spec::Spec;
use atelier::learn::{self, Labelled};
use atelier::prep::features::{Encoder, Impute};
use atelier::prep::scale::{ScaleKind, Scaler};
use atelier::{Error, Lang};
use common::{dataset, table};

fn fit(spec: &str, data: &Table) -> Production {
    Production::fit(&Spec::from_json(spec).unwrap(), data).unwrap()
}

const MODELS: [&str; 8] = [
    r#"{ "kind": "logistic_regression" }"#,
    r#"{ "kind": "knn", "n_neighbors": 5 }"#,
    r#"{ "kind": "gaussian_nb" }"#,
    r#"{ "kind": "decision_tree", "max_depth": 4 }"#,
    r#"{ "kind": "random_forest", "n_estimators": 10 }"#,
    r#"{ "kind": "linear_svm" }"#,
    r#"{ "kind": "logistic_regression_gd", "max_iter": 30 }"#,
    r#"{ "kind": "mlp", "hidden_layer_sizes": [8], "max_iter": 30, "early_stopping": true }"#,
];

/// Every model kind, on every built-in set used here: the JSON round trip scores bit for bit.
#[test]
fn a_model_file_read_back_scores_bit_for_bit_for_every_model_kind() {
    // sante's missing labels become class 0, so it has two classes (and ten rows).
    let sante = r#""target": "malade", "clean": [{ "op": "fill_missing", "column": "malade", "fill": { "kind": "constant", "value": 0 } }], "#;
    for (file, clean) in [("breast_cancer.csv", ""), ("iris.csv", ""), ("sante.csv", sante)] {
        let data = dataset(file);
        for model in MODELS {
            // Early stopping watches a tenth of the rows: a single one of sante's ten is refused.
            let model = if clean.is_empty() { model.to_string() } else { model.replace(r#""early_stopping": true"#, r#""early_stopping": false"#) };
            let p = fit(&format!(r#"{{ {clean}"model": {model} }}"#), &data);
            let back = Production::from_json(&p.to_json()).unwrap_or_else(|e| panic!("{file} {model}: {e}"));
            assert_eq!(back, p, "{file} {model}");
            let (a, b) = (p.predict(&data).unwrap(), back.predict(&data).unwrap());
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
            assert_eq!(bits(&a.probabilities), bits(&b.probabilities), "{file} {model}");
            assert_eq!(a.predicted, b.predicted);
            assert_eq!(a.probabilities.len(), data.num_rows());
        }
    }
}

/// No cleaning, no missing value: the refit learns every row in table order, as a direct fit
/// of the encoder, scaler and model on them does; predicting the training file gives those
/// rows' scores.
#[test]
fn the_refit_learns_every_row_and_predicting_the_training_file_gives_their_scores() {
    let data = dataset("breast_cancer.csv");
    let p = fit(r#"{ "target": "diagnosis", "model": { "kind": "logistic_regression" } }"#, &data);
    let features: Vec<String> = data.columns().iter().map(|c| c.name.clone()).filter(|n| n != "diagnosis").collect();
    let rows: Vec<usize> = (0..data.num_rows()).collect();
    let encoder = Encoder::fit(&data, &features, &rows, Impute::Median).unwrap();
    let mut x = encoder.transform(&data, &rows);
    Scaler::fit(ScaleKind::Standard, x.view(), &encoder.numeric()).transform(&mut x);
    let diagnosis = data.column("diagnosis").unwrap();
    let y: Vec<usize> = (0..data.num_rows()).map(|r| usize::from(format!("{:?}", diagnosis.cell(r)).contains("malignant"))).collect();
    let positive = p.classes().iter().position(|c| c == "malignant").unwrap();
    assert_eq!(positive, 1, "benign, malignant");
    let model = learn::fit(&Spec::default().model, &Labelled { x: x.view(), y: &y, n_classes: 2 }, positive).unwrap();
    assert_eq!(p.model(), &model);
    assert_eq!(p.predict(&data).unwrap().probabilities, model.scores(x.view(), positive));
}

/// A run whose split keeps every row for training learns the same rows (shuffled): its
/// coefficients agree with the refit's to rounding.
#[test]
fn the_refit_agrees_with_a_run_that_trains_on_every_row() {
    let spec = r#"{ "data": { "builtin": "iris" }, "split": { "test": 0, "validation": 0 }, "model": { "kind": "logistic_regression" } }"#;
    let report = atelier::experiment::run::run_spec(&Spec::from_json(spec).unwrap(), |f| Ok(common::dataset_bytes(f))).unwrap();
    let p = fit(spec, &dataset("iris.csv"));
    let atelier::learn::Model::Logistic(m) = p.model() else { panic!("not logistic") };
    for (a, b) in m.coefficients.iter().zip(report.model.coefficients.unwrap()) {
        common::assert_close(*a, b, 1e-6, "coefficient");
    }
    assert_eq!(report.prepared.splits.train.rows, 150);
}

#[test]
fn a_file_edited_by_hand_is_refused_as_modified() {
    let p = fit(r#"{ "model": { "kind": "logistic_regression" } }"#, &dataset("iris.csv"));
    let text = p.to_json();
    let edited = text.replacen(r#""threshold":0.5"#, r#""threshold":0.3"#, 1);
    assert_ne!(edited, text);
    let e = Production::from_json(&edited).unwrap_err();
    assert_eq!(e, Error::BadModel(ModelFile::Modified));
    assert!(e.message(Lang::En).contains("the model file was modified") || e.message(Lang::En).contains("model file was modified"));
    assert!(e.message(Lang::Fr).contains("modifié"));
}

#[test]
fn another_version_or_another_file_is_refused_with_its_reason() {
    let text = fit("{}", &dataset("iris.csv")).to_json();
    let v2 = text.replacen(r#""version":1"#, r#""version":2"#, 1);
    let e = Production::from_json(&v2).unwrap_err();
    assert_eq!(e.code(), "model_version");
    assert!(e.message(Lang::En).contains("version 2"), "{}", e.message(Lang::En));
    for other in ["", "a,b\n1,2\n", "[1, 2]", r#"{ "format": "other" }"#, &text.replacen("atelier-model", "atelier-modele", 1)] {
        assert_eq!(Production::from_json(other).unwrap_err().code(), "not_a_model", "{other:.40}");
    }
}

/// Truncated or mutated files: refused, never a panic; a JavaScript round trip (whole floats
/// written as integers, re-indented) is still the same model.
#[test]
fn damaged_files_are_refused_without_panicking() {
    let text = fit(r#"{ "model": { "kind": "knn" } }"#, &dataset("iris.csv")).to_json();
    for cut in (0..text.len()).step_by(997) {
        assert!(Production::from_json(&text[..cut]).is_err());
    }
    let bytes = text.as_bytes();
    for (i, at) in (11..bytes.len()).step_by(1013).enumerate() {
        let mut mutated = bytes.to_vec();
        mutated[at] = b"0{}\"9,:x-"[i % 9];
        let _ = Production::from_json(&String::from_utf8_lossy(&mutated));
    }
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pretty = serde_json::to_string_pretty(&value).unwrap().replace(".0,", ",");
    assert!(Production::from_json(&pretty).is_ok());
}

/// A forged file with a matching checksum but parts that do not fit together is refused too.
#[test]
fn a_forged_file_whose_parts_disagree_is_refused() {
    let p = fit(r#"{ "model": { "kind": "knn" } }"#, &dataset("iris.csv"));
    let mut value: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
    value["model"]["fitted"]["k"] = serde_json::json!(100_000);
    value["checksum"] = serde_json::json!("");
    let mut body = value.clone();
    body.as_object_mut().unwrap().remove("checksum");
    value["checksum"] = serde_json::json!(format!("{:016x}", atelier::experiment::spec::fnv1a(body.to_string().as_bytes())));
    assert_eq!(Production::from_json(&value.to_string()).unwrap_err().code(), "model_modified");
}

#[test]
fn a_missing_feature_column_is_an_error_naming_it() {
    let p = fit(r#"{ "target": "species" }"#, &dataset("iris.csv"));
    let new = table("sepal length (cm),sepal width (cm),petal length (cm)\n5.1,3.5,1.4\n");
    let e = p.predict(&new).unwrap_err();
    assert_eq!(e, Error::UnknownColumn { name: "petal width (cm)".into() });
}

const PEOPLE: &str = "age,town,ill\n20,Lyon,0\n30,Paris,1\n40,Lyon,0\n50,Paris,1\n,Nice,1\n35,Lyon,0\n45,Paris,1\n25,Nice,0\n";

#[test]
fn inputs_say_numbers_and_categories_and_unseen_categories_encode_as_zeros() {
    let p = fit(r#"{ "target": "ill", "model": { "kind": "logistic_regression" } }"#, &table(PEOPLE));
    let kinds: Vec<InputKind> = p.inputs().iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [InputKind::Number, InputKind::Category]);
    assert_eq!(p.inputs()[1].categories.as_deref(), Some(&["Lyon".to_string(), "Nice".into(), "Paris".into()][..]));
    let r = p.predict(&table("age,town\n30,Paris\n30,Marseille\n,Lyon\n")).unwrap();
    assert_eq!(r.probabilities.len(), 3);
    assert!(r.probabilities[0] > r.probabilities[1], "Paris pushes towards ill: {:?}", r.probabilities);
    assert_eq!(r.predicted[0], "1");
    assert!(r.probabilities[2].is_finite(), "the median fills a missing age");
}

#[test]
fn a_missing_value_under_drop_rows_is_an_error_naming_row_and_column() {
    let p = fit(r#"{ "target": "ill", "impute": "drop_rows" }"#, &table(PEOPLE));
    let e = p.predict(&table("age,town\n30,Paris\n,Lyon\n")).unwrap_err();
    assert_eq!(e, Error::MissingValue { row: 2, column: "age".into() });
}

/// The recipe's fills replay with their training values; its row drops do not apply to the
/// rows to predict.
#[test]
fn recipe_fills_are_frozen_and_rows_are_never_dropped() {
    let spec = r#"{ "target": "ill", "clean": [{ "op": "drop_where", "condition": { "column": "age", "op": ">", "value": 44 } },
        { "op": "fill_missing", "column": "age", "fill": { "kind": "constant", "value": 99 } }] }"#;
    let p = fit(spec, &table(PEOPLE));
    let r = p.predict(&table("age,town\n,Lyon\n99,Lyon\n60,Lyon\n")).unwrap();
    assert_eq!(r.probabilities.len(), 3);
    assert_eq!(r.probabilities[0], r.probabilities[1]);
    let median = fit(&spec.replace(r#"{ "kind": "constant", "value": 99 }"#, r#"{ "kind": "median" }"#), &table(PEOPLE));
    // The training median (of 20, 30, 40, 35, 25 after the drop: 30), not the new rows' one.
    let r = median.predict(&table("age,town\n,Lyon\n30,Lyon\n90,Lyon\n")).unwrap();
    assert_eq!(r.probabilities[0], r.probabilities[1]);
}

#[test]
fn text_in_a_number_input_is_an_error_naming_the_column() {
    let p = fit(r#"{ "target": "ill" }"#, &table(PEOPLE));
    let e = p.predict(&table("age,town\ntwenty,Lyon\n")).unwrap_err();
    assert_eq!(e, Error::NotNumeric { column: "age".into() });
}

#[test]
fn a_multiclass_prediction_below_the_threshold_is_the_most_likely_other_class() {
    let data = dataset("iris.csv");
    let p = fit(r#"{ "target": "species", "positive": "virginica", "model": { "kind": "knn" } }"#, &data);
    let r = p.predict(&data).unwrap();
    assert_eq!((r.predicted[0].as_str(), r.predicted[60].as_str(), r.predicted[149].as_str()), ("setosa", "versicolor", "virginica"));
}

#[test]
fn the_scored_csv_appends_probability_and_predicted() {
    let p = fit(r#"{ "target": "ill" }"#, &table(PEOPLE));
    let (new, prediction) = p.predict_bytes(b"age,town\n30,Paris\n20,Lyon\n".to_vec()).unwrap();
    let csv = p.scored_csv(&new, prediction);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "age,town,probability,predicted");
    assert_eq!(lines.len(), 3);
}
