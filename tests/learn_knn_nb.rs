//! k nearest neighbours and Gaussian naive Bayes against scikit-learn on standardised iris
//! (tests/fixtures/knn_nb.json, a copy of shared/golden/knn_nb.json; its "how" gives the calls).

use crate::common;

use atelier::data::matrix::numeric_matrix;
use atelier::data::Cell;
use atelier::learn::{knn, naive_bayes, Labelled};
use atelier::reduce::scale::standardize;
use common::{assert_close, dataset};
use ndarray::{Array2, ArrayView2};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use serde_json::Value;

fn golden() -> Value {
    let path = format!("{}/tests/fixtures/knn_nb.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn matrix(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().unwrap().iter().map(nums).collect()
}

/// Iris's 4 features standardised on all rows (ddof 0) and the species as indices in
/// scikit-learn's `classes_` order (alphabetical).
fn iris() -> (Array2<f64>, Vec<usize>) {
    let table = dataset("iris.csv");
    let mut x = numeric_matrix(&table, &[]).unwrap().matrix;
    assert_eq!(x.dim(), (150, 4));
    standardize(&mut x);
    let classes = ["setosa", "versicolor", "virginica"];
    let species = table.column("species").unwrap();
    let y = (0..150).map(|r| classes.iter().position(|c| species.cell(r) == Cell::Text(c)).unwrap()).collect();
    (x, y)
}

/// Share of rows whose first most probable class is the label (scikit-learn's argmax).
fn accuracy(proba: ArrayView2<f64>, y: &[usize]) -> f64 {
    assert_eq!(proba.nrows(), y.len());
    let argmax = |row: ndarray::ArrayView1<f64>| (0..row.len()).fold(0, |best, c| if row[c] > row[best] { c } else { best });
    proba.rows().into_iter().zip(y).filter(|(row, &c)| argmax(*row) == c).count() as f64 / y.len() as f64
}

fn assert_rows_close(got: ArrayView2<f64>, want: &[Vec<f64>], rel: f64, what: &str) {
    assert_eq!(got.nrows(), want.len(), "{what}: rows");
    for (i, (row, want)) in got.rows().into_iter().zip(want).enumerate() {
        assert_eq!(row.len(), want.len(), "{what}: row {i} length");
        for (c, (a, b)) in row.iter().zip(want).enumerate() {
            assert_close(*a, *b, rel, &format!("{what}[{i}][{c}]"));
        }
    }
}

fn fit_knn(x: &Array2<f64>, y: &[usize], weights: knn::Weights) -> knn::Knn {
    knn::fit(&knn::Params { n_neighbors: 5, weights }, &Labelled { x: x.view(), y, n_classes: 3 }).unwrap()
}

#[test]
fn knn_training_accuracy_and_probabilities_match_scikit_learn_on_iris() {
    let (x, y) = iris();
    let g = &golden()["knn"];
    let proba = fit_knn(&x, &y, knn::Weights::Uniform).proba(x.view());
    // Vote shares are fifths; tie_analysis says no prediction depends on tie-breaking.
    assert_eq!(accuracy(proba.view(), &y), g["training_accuracy"].as_f64().unwrap());
    assert_rows_close(proba.slice(ndarray::s![..5, ..]), &matrix(&g["predict_proba_first5"]), 0.0, "predict_proba");
}

#[test]
fn knn_neighbours_match_scikit_learn_kneighbors_on_iris() {
    let (x, y) = iris();
    let g = &golden()["knn"];
    let neighbors = fit_knn(&x, &y, knn::Weights::Uniform).neighbors(x.slice(ndarray::s![..5, ..]));
    let want: Vec<Vec<usize>> = matrix(&g["kneighbors_first5_indices"]).iter().map(|r| r.iter().map(|&i| i as usize).collect()).collect();
    let got: Vec<Vec<usize>> = neighbors.indices.rows().into_iter().map(|r| r.to_vec()).collect();
    assert_eq!(got, want);
    // Distances summed in another order than scikit-learn's: within 1e-12 relative (measured
    // worst 1.7e-15), and the self-distance exactly 0.
    assert_rows_close(neighbors.distances.view(), &matrix(&g["kneighbors_first5_distances"]), 1e-12, "kneighbors distances");
}

#[test]
fn knn_distance_weights_give_each_training_row_its_own_class() {
    // Each training row is its own neighbour at distance 0, which takes every vote
    // (scikit-learn's rule); iris's duplicate rows share their species.
    let (x, y) = iris();
    let proba = fit_knn(&x, &y, knn::Weights::Distance).proba(x.view());
    assert_eq!(accuracy(proba.view(), &y), 1.0);
    assert!(proba.iter().all(|&p| p == 0.0 || p == 1.0), "{proba}");
}

#[test]
fn gaussian_nb_matches_scikit_learn_on_iris() {
    let (x, y) = iris();
    let g = &golden()["gaussian_nb"];
    let model = naive_bayes::fit(&naive_bayes::Params::default(), &Labelled { x: x.view(), y: &y, n_classes: 3 }).unwrap();
    // Means and variances from sums in another order than numpy's: 1e-12 relative (measured
    // worst 1e-14 on a mean near 0, 1.5e-15 on the variances), var_ including epsilon_ = 1e-9.
    assert_eq!(model.class_prior.len(), 3);
    for (a, b) in model.class_prior.iter().zip(nums(&g["class_prior_"])) {
        assert_close(*a, b, 1e-15, "class_prior_");
    }
    assert_rows_close(model.theta.view(), &matrix(&g["theta_"]), 1e-12, "theta_");
    assert_rows_close(model.var.view(), &matrix(&g["var_"]), 1e-12, "var_");
    let proba = model.proba(x.view());
    assert_eq!(accuracy(proba.view(), &y), g["training_accuracy"].as_f64().unwrap());
    // Posteriors down to 1e-26: relative 1e-9 (measured worst 1.4e-14).
    assert_rows_close(proba.slice(ndarray::s![..5, ..]), &matrix(&g["predict_proba_first5"]), 1e-9, "predict_proba");
}

/// `rows × p` uniform draws in [−1, 1), seeded.
fn uniform(rng: &mut ChaCha8Rng, rows: usize, p: usize) -> Array2<f64> {
    Array2::from_shape_simple_fn((rows, p), || (rng.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0)
}

/// 5,000 queries against 20,000 × 20 training rows, well under a second in release.
/// Run with `cargo test --release --test core learn_knn_nb:: -- --ignored --nocapture`.
#[test]
#[ignore]
fn knn_scores_5000_queries_on_20000_rows_under_a_second() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let x = uniform(&mut rng, 20_000, 20);
    let y: Vec<usize> = (0..20_000).map(|i| i % 3).collect();
    let queries = uniform(&mut rng, 5_000, 20);
    let model = knn::fit(&knn::Params::default(), &Labelled { x: x.view(), y: &y, n_classes: 3 }).unwrap();
    let start = std::time::Instant::now();
    let proba = model.proba(queries.view());
    let seconds = start.elapsed().as_secs_f64();
    println!("knn 5,000 queries × 20,000 rows × 20 features: {seconds:.3} s");
    assert_eq!(proba.dim(), (5_000, 3));
}
