//! What each fuzz target runs, one function per target, shared by the `cargo fuzz` targets
//! (fuzz/fuzz_targets/) and the replay of their corpus on stable (tests/fuzz_corpus.rs, which
//! includes this file), so both run the same code. Every function takes the fuzzer's bytes,
//! ignores the errors (bad input is expected to fail cleanly) and must never panic, hang or
//! allocate without bound.

use arbitrary::{Result as Drawn, Unstructured};
use atelier::data::{Limits, Parser, ReadOptions};
use atelier::experiment::production::Production;
use atelier::experiment::run::run_spec;
use atelier::experiment::spec::Spec;
use atelier::prep::recipe::Condition;
use serde_json::{json, Value};

/// What a fuzz target runs on one input.
pub type Target = fn(&[u8]);

/// The targets by name, as `cargo fuzz run <name>` and fuzz/corpus/<name>/ call them.
pub const TARGETS: [(&str, Target); 7] = [
    ("csv", csv),
    ("json", json),
    ("workbook", workbook),
    ("condition", condition),
    ("spec", spec),
    ("model", model),
    ("experiment", experiment),
];

/// Delimited text as the page reads it: default options (format, encoding, delimiter and
/// decimal sniffed), read in steps of a few records, as the worker does between progress reports.
pub fn csv(data: &[u8]) {
    read_in_steps(data, &ReadOptions::default());
}

/// The JSON reader (`format: json`), records or columns.
pub fn json(data: &[u8]) {
    read_in_steps(data, &ReadOptions { format: Some("json".into()), ..ReadOptions::default() });
}

/// A workbook's first sheet through the workbook module, then its columns through the core's
/// JSON reader, as the page hands them over.
pub fn workbook(data: &[u8]) {
    if let Ok(sheet) = atelier_xlsx::read_sheet(data.to_vec(), None, &Limits::default()) {
        let text = Value::Object(sheet.columns).to_string();
        let options = ReadOptions { format: Some("json".into()), sheet: Some(sheet.name), ..ReadOptions::default() };
        let _ = atelier::data::read(text.into_bytes(), &options);
    }
}

/// A cleaning condition as the student types it (`Age > 100`).
pub fn condition(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Condition::parse(text);
    }
}

/// A spec, its canonical text and key; the canonical text must read back as the same spec.
pub fn spec(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(spec) = Spec::from_json(text) else { return };
    let canonical = spec.canonical_json();
    let _ = spec.hash(0);
    let again = Spec::from_json(&canonical).unwrap_or_else(|e| panic!("canonical spec does not read back: {e:?}\n{canonical}"));
    assert_eq!(again.canonical_json(), canonical, "canonical spec is not stable");
}

/// A model file; one that reads scores a row of zeros.
pub fn model(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(production) = Production::from_json(text) else { return };
    let names: Vec<&str> = production.inputs().iter().map(|i| i.name.as_str()).collect();
    let zeros = vec!["0"; names.len()];
    let csv = format!("{}\n{}\n", names.join(","), zeros.join(","));
    let _ = production.predict_bytes(csv.into_bytes());
}

/// A small random table and a random spec over it (fast models with few iterations), run end
/// to end: errors are fine, panics are not.
pub fn experiment(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(spec) = random_spec(&mut u) else { return };
    if let Ok(spec) = Spec::from_json(&spec.to_string()) {
        let _ = run_spec(&spec, |_| Ok(Vec::new()));
    }
}

fn read_in_steps(data: &[u8], options: &ReadOptions) {
    let Ok(mut parser) = Parser::new(data.to_vec(), options) else { return };
    while !parser.is_done() {
        if parser.step(7).is_err() {
            return;
        }
    }
    let _ = parser.finish();
}

/// Column names drawn from a small pool, so targets, features and recipe steps often name a
/// column that exists (and sometimes twice, or not at all).
const NAMES: [&str; 6] = ["a", "b", "c", "y", "id", "a"];
const TEXTS: [&str; 5] = ["x", "y", "z", "1", "é"];

fn random_spec(u: &mut Unstructured) -> Drawn<Value> {
    let columns: Vec<&str> = (0..u.int_in_range(1..=4)?).map(|_| u.choose(&NAMES).copied()).collect::<Drawn<_>>()?;
    let rows = u.int_in_range(0..=30)?;
    let mut csv = columns.join(",") + "\n";
    for _ in 0..rows {
        let cells: Vec<String> = columns.iter().map(|_| cell(u)).collect::<Drawn<_>>()?;
        csv += &(cells.join(",") + "\n");
    }
    let mut spec = json!({
        "data": { "text": csv },
        "split": { "test": fraction(u)?, "validation": fraction(u)?, "stratify": u.arbitrary::<bool>()?, "seed": u.int_in_range(0..=9)? },
        "impute": u.choose(&["median", "mean", "most_frequent", "drop_rows"])?,
        "scale": u.choose(&["standard", "robust", "minmax", "none"])?,
        "resample": { "kind": u.choose(&["none", "random_oversample", "smote"])?, "k": u.int_in_range(0..=6)? },
        "model": model_spec(u)?,
        "clean": (0..u.int_in_range(0..=2)?).map(|_| step(u)).collect::<Drawn<Vec<_>>>()?,
        "evaluate_test": u.arbitrary::<bool>()?,
    });
    if u.arbitrary()? {
        spec["target"] = json!(u.choose(&NAMES)?);
    }
    if u.arbitrary()? {
        spec["positive"] = json!(u.choose(&TEXTS)?);
    }
    if u.arbitrary()? {
        spec["features"] = json!(columns.iter().filter(|_| u.arbitrary().unwrap_or(false)).collect::<Vec<_>>());
    }
    if u.arbitrary()? {
        spec["threshold"] = json!(u.choose(&[0.0, 0.5, 1.0, -1.0])?);
    }
    if u.arbitrary()? {
        spec["cv"] = json!({ "folds": u.int_in_range(0..=4)?, "stratified": u.arbitrary::<bool>()?, "shuffle": u.arbitrary::<bool>()?, "leaky_preparation": u.arbitrary::<bool>()? });
    }
    if u.arbitrary()? {
        let method = u.choose(&["grid", "random", "tpe"])?;
        let space = u.choose(&[json!({ "C": { "log": [0.01, 10] } }), json!({ "n_neighbors": { "int": [1, 3] } }), json!({ "max_depth": { "values": [1, 2] } })])?.clone();
        spec["search"] = json!({ "method": method, "space": space, "trials": u.int_in_range(0..=3)?, "metric": u.choose(&["accuracy", "f1", "roc_auc", "average_precision"])? });
    }
    Ok(spec)
}

fn cell(u: &mut Unstructured) -> Drawn<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 => String::new(),
        1 => u.choose(&TEXTS)?.to_string(),
        2 => u.int_in_range(-3..=3i8)?.to_string(),
        _ => format!("{}", f32::from(u.int_in_range(-100..=100i16)?) / 7.0),
    })
}

fn fraction(u: &mut Unstructured) -> Drawn<f64> {
    u.choose(&[0.0, 0.1, 0.2, 0.34, 0.5, 0.9, 1.0]).copied()
}

/// A model among the fast ones, with few iterations, trees or neighbours.
fn model_spec(u: &mut Unstructured) -> Drawn<Value> {
    let c = u.choose(&[0.0, 0.01, 1.0, 100.0])?;
    Ok(match u.int_in_range(0..=7)? {
        0 => json!({ "kind": "logistic_regression", "C": c }),
        1 => json!({ "kind": "linear_svm", "C": c }),
        2 => json!({ "kind": "knn", "n_neighbors": u.int_in_range(0..=6)?, "weights": u.choose(&["uniform", "distance"])? }),
        3 => json!({ "kind": "gaussian_nb", "var_smoothing": u.choose(&[0.0, 1e-9, 1.0])? }),
        4 => json!({ "kind": "decision_tree", "criterion": u.choose(&["gini", "entropy"])?, "max_depth": u.int_in_range(0..=3)?,
                     "min_samples_split": u.int_in_range(1..=4)?, "min_samples_leaf": u.int_in_range(0..=3)? }),
        5 => json!({ "kind": "random_forest", "n_estimators": u.int_in_range(0..=4)?, "max_depth": u.int_in_range(1..=3)?,
                     "max_features": u.choose(&["sqrt", "log2", "all"])?, "seed": u.int_in_range(0..=3)? }),
        6 => json!({ "kind": "logistic_regression_gd", "C": c, "learning_rate": u.choose(&[0.0, 0.1, 10.0])?,
                     "batch_size": u.int_in_range(0..=4)?, "max_iter": u.int_in_range(0..=5)? }),
        _ => json!({ "kind": "mlp", "hidden_layer_sizes": (0..u.int_in_range(0..=2)?).map(|_| u.int_in_range(0..=4)).collect::<Drawn<Vec<u32>>>()?,
                     "activation": u.choose(&["relu", "tanh", "logistic", "identity"])?, "solver": u.choose(&["sgd", "adam"])?,
                     "batch_size": u.int_in_range(0..=4)?, "max_iter": u.int_in_range(0..=5)?, "early_stopping": u.arbitrary::<bool>()?,
                     "n_iter_no_change": u.int_in_range(0..=2)?, "dropout": u.choose(&[json!([]), json!([0.5]), json!([1.0])])? }),
    })
}

/// A cleaning step over the pool's columns.
fn step(u: &mut Unstructured) -> Drawn<Value> {
    let column = u.choose(&NAMES)?;
    Ok(match u.int_in_range(0..=3)? {
        0 => json!({ "op": "drop_columns", "columns": [column] }),
        1 => json!({ "op": "drop_rows", "rows": [u.int_in_range(0..=31)?] }),
        2 => json!({ "op": "drop_where", "condition": { "column": column, "op": u.choose(&[">", "==", "!="])?, "value": u.choose(&TEXTS)? } }),
        _ => {
            let fill = match u.int_in_range(0..=3)? {
                0 => json!({ "kind": "constant", "value": u.choose(&TEXTS)? }),
                1 => json!({ "kind": "mean" }),
                2 => json!({ "kind": "median" }),
                _ => json!({ "kind": "most_frequent" }),
            };
            json!({ "op": "fill_missing", "column": column, "fill": fill })
        }
    })
}
