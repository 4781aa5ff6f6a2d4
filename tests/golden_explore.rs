//! Correlation (pandas) and PCA (scikit-learn) against the shared golden files
//! (tests/fixtures/correlation.json and pca.json; their "how" strings give the exact calls).

use crate::common;

use atelier::data::matrix::numeric_matrix;
use atelier::explore::correlation::{correlation, strong_pairs, Method};
use atelier::reduce::{pca::pca, scale::standardize};
use common::dataset;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Relative 1e-9 with an absolute floor for values near zero (DESIGN.md's closed-form tolerance).
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1e-3)
}

fn names(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
}

#[test]
fn correlation_matches_pandas_pearson_and_spearman_to_1e9() {
    let golden = fixture("correlation.json");
    let cases = [
        ("pearson", "iris", "iris.csv"),
        ("pearson", "wine", "wine.csv"),
        ("pearson", "sante_features", "sante.csv"),
        ("pearson", "sante_all_numeric", "sante.csv"),
        ("spearman", "iris", "iris.csv"),
        ("spearman", "sante_features", "sante.csv"),
    ];
    for (method, key, file) in cases {
        let g = &golden[method][key];
        let got = correlation(&dataset(file), &names(&g["columns"]), Method::parse(method).unwrap()).unwrap();
        for (i, row) in g["matrix"].as_array().unwrap().iter().enumerate() {
            for (j, want) in row.as_array().unwrap().iter().enumerate() {
                let cell = got.matrix[i][j];
                match want.as_f64() {
                    None => assert_eq!(cell, None, "{method} {key} [{i}][{j}]"),
                    Some(w) => assert!(cell.is_some_and(|c| close(c, w)), "{method} {key} [{i}][{j}]: {cell:?} vs {w}"),
                }
            }
        }
    }
}

#[test]
fn sante_suggests_dropping_one_of_the_redundant_size_columns() {
    let t = dataset("sante.csv");
    let c = correlation(&t, &["Age".into(), "IMC".into(), "cholesterol".into(), "poids".into()], Method::Pearson).unwrap();
    let pairs = strong_pairs(&c, 0.9);
    assert_eq!((pairs[0].a.as_str(), pairs[0].b.as_str()), ("IMC", "poids"));
    assert!(["IMC", "poids"].contains(&pairs[0].drop.as_str()));
}

#[test]
fn pca_matches_scikit_learn_on_standardised_iris_and_wine() {
    let golden = fixture("pca.json");
    for key in ["iris", "wine"] {
        let g = &golden[key];
        let mut x = numeric_matrix(&dataset(&format!("{key}.csv")), &names(&g["columns"])).unwrap().matrix;
        standardize(&mut x);
        let p = pca(x.view(), 2).unwrap();
        let nums = |v: &Value| v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect::<Vec<f64>>();
        for (got, want) in p.explained_variance.iter().zip(nums(&g["explained_variance_"])) {
            assert!(close(*got, want), "{key} variance {got} vs {want}");
        }
        for (got, want) in p.all_explained_variance_ratio.iter().zip(nums(&g["all_components_explained_variance_ratio_extra"])) {
            assert!(close(*got, want), "{key} ratio {got} vs {want}");
        }
        for (c, row) in g["components_"].as_array().unwrap().iter().enumerate() {
            for (j, want) in nums(row).into_iter().enumerate() {
                assert!(close(p.components[[c, j]], want), "{key} component {c},{j}: {} vs {want}", p.components[[c, j]]);
            }
        }
        for (r, row) in g["projected_first5"].as_array().unwrap().iter().enumerate() {
            for (j, want) in nums(row).into_iter().enumerate() {
                assert!(close(p.projection[[r, j]], want), "{key} projection {r},{j}");
            }
        }
    }
}
