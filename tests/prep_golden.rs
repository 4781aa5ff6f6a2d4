//! Preparation against scikit-learn: split class counts (tests/fixtures/split.json) and the
//! scalers (tests/fixtures/scalers.json); their "how" strings give the exact calls, and
//! tests/fixtures/gen/prep_golden.py regenerates them.

use crate::common;

use atelier::explore::classes::classes;
use atelier::prep::features::{Encoder, Impute};
use atelier::prep::scale::{ScaleKind, Scaler};
use atelier::prep::split::{split, stratified_counts, SplitSpec};
use common::{assert_close, dataset};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// Class counts of golden `v` under keys "0", "1" (class indices: sorted class names).
fn golden_counts(v: &Value) -> Vec<usize> {
    ["0", "1"].iter().map(|k| v[k].as_u64().unwrap() as usize).collect()
}

fn counts(rows: &[usize], y: &[usize]) -> Vec<usize> {
    let mut c = vec![0; 2];
    rows.iter().for_each(|&r| c[y[r]] += 1);
    c
}

/// The file's class indices (breast_cancer: benign 0, malignant 1, as the golden keys).
fn target(file: &str, column: &str) -> (Vec<usize>, Vec<String>) {
    let c = classes(dataset(file).column(column).unwrap());
    (c.index, c.names)
}

fn stratified(test: f64, validation: f64, seed: u64) -> SplitSpec {
    SplitSpec { test, validation, stratify: true, seed }
}

#[test]
fn test_part_class_counts_match_scikit_learn_for_every_seed() {
    let golden = fixture("split.json");
    let cases = [("breast_cancer.csv", "diagnosis", "breast_cancer_test0.3"), ("imbalanced.csv", "label", "imbalanced_test0.3")];
    for (file, column, key) in cases {
        let g = &golden[key];
        let (y, names) = target(file, column);
        assert_eq!(y.len() as u64, g["n"].as_u64().unwrap(), "{key}");
        for seed in 0..20 {
            let parts = split(&y, &names, &stratified(g["test_size"].as_f64().unwrap(), 0.0, seed)).unwrap();
            assert_eq!(counts(&parts.train, &y), golden_counts(&g["train_class_counts"]), "{key} seed {seed}");
            assert_eq!(counts(&parts.test, &y), golden_counts(&g["test_class_counts"]), "{key} seed {seed}");
            assert!(parts.validation.is_empty());
        }
    }
}

#[test]
fn nested_validation_counts_match_scikit_learn() {
    // sklearn splits the 1,400 training rows again with test_size=0.25: 350 rows.
    let g = &fixture("split.json")["imbalanced_test0.3_then_val0.25_of_train"];
    let (train, val) = stratified_counts(&[1324, 76], 350);
    assert_eq!((train, val), (golden_counts(&g["train"]), golden_counts(&g["val"])));
    // The same through the spec: validation 0.175 of all 2,000 rows is ceil(349.99999999999997) = 350.
    let (y, names) = target("imbalanced.csv", "label");
    let parts = split(&y, &names, &stratified(0.3, 0.175, 3)).unwrap();
    assert_eq!(counts(&parts.train, &y), golden_counts(&g["train"]));
    assert_eq!(counts(&parts.validation, &y), golden_counts(&g["val"]));
    assert_eq!(counts(&parts.test, &y), golden_counts(&g["test"]));
}

/// The largest relative deviation seen, so the report can quote it.
struct Worst(f64, String);

impl Worst {
    /// 1e-12 relative: sklearn sums pairwise where we sum in row order, a few ulps apart.
    fn check(&mut self, got: &[f64], want: &[f64], what: &str) {
        assert_eq!(got.len(), want.len(), "{what}");
        for (j, (a, b)) in got.iter().zip(want).enumerate() {
            assert_close(*a, *b, 1e-12, &format!("{what}[{j}]"));
            let rel = (a - b).abs() / b.abs().max(1e-300);
            if rel > self.0 {
                *self = Worst(rel, format!("{what}[{j}]"));
            }
        }
    }
}

fn features(g: &Value) -> Vec<String> {
    g["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect()
}

#[test]
fn scalers_match_scikit_learn_on_iris_and_wine() {
    let golden = fixture("scalers.json");
    let mut worst = Worst(0.0, String::new());
    for (file, key) in [("iris.csv", "iris"), ("wine.csv", "wine")] {
        let (t, g) = (dataset(file), &golden[key]);
        let all: Vec<usize> = (0..t.num_rows()).collect();
        let encoder = Encoder::fit(&t, &features(g), &all, Impute::Median).unwrap();
        let x = encoder.transform(&t, &all);
        assert_eq!(x.nrows() as u64, g["n_samples"].as_u64().unwrap());
        let minmax = &g["MinMaxScaler_extra"];
        let range: Vec<f64> = nums(&minmax["data_max_"]).iter().zip(nums(&minmax["data_min_"])).map(|(hi, lo)| hi - lo).collect();
        for (kind, name, center, scale) in [
            (ScaleKind::Standard, "StandardScaler", nums(&g["StandardScaler"]["mean_"]), nums(&g["StandardScaler"]["scale_"])),
            (ScaleKind::Robust, "RobustScaler", nums(&g["RobustScaler"]["center_"]), nums(&g["RobustScaler"]["scale_"])),
            (ScaleKind::Minmax, "MinMaxScaler_extra", nums(&minmax["data_min_"]), range.clone()),
        ] {
            let scaler = Scaler::fit(kind, x.view(), &encoder.numeric());
            worst.check(&scaler.center, &center, &format!("{key} {name} center"));
            worst.check(&scaler.scale, &scale, &format!("{key} {name} scale"));
            let mut first3 = x.slice(ndarray::s![..3, ..]).to_owned();
            scaler.transform(&mut first3);
            for (i, row) in g[name]["transform_first3"].as_array().unwrap().iter().enumerate() {
                worst.check(&first3.row(i).to_vec(), &nums(row), &format!("{key} {name} transform row {i}"));
            }
        }
    }
    eprintln!("worst relative deviation: {:e} at {}", worst.0, worst.1);
}
