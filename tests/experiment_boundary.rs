//! The decision boundary of fitted models on two features or on the first two principal
//! components (moons, iris, breast cancer).

use crate::common;

use atelier::data::matrix::numeric_matrix;
use atelier::data::Table;
use atelier::error::{Error, Need};
use atelier::experiment::boundary::{boundary, Axes, Boundary, MAX_POINTS};
use atelier::learn::{fit, knn, logistic, naive_bayes, tree, Labelled, Model, ModelSpec};
use atelier::reduce::pca::pca;
use atelier::reduce::scale::standardize;
use common::dataset;
use ndarray::{Array2, Axis};

/// The numeric columns of `file` (all but `target`), standardised, and `target` as class
/// indices (its distinct values in order of appearance).
fn prepared(file: &str, target: &str) -> (Array2<f64>, Vec<usize>) {
    let table: Table = dataset(file);
    let numeric: Vec<String> = table.columns().iter().map(|c| c.name.clone()).filter(|n| n != target).collect();
    let mut x = numeric_matrix(&table, &numeric).unwrap().matrix;
    standardize(&mut x);
    let column = table.column(target).unwrap();
    let mut seen: Vec<String> = Vec::new();
    let y = (0..table.num_rows())
        .map(|r| {
            let v = format!("{:?}", column.cell(r));
            seen.iter().position(|s| *s == v).unwrap_or_else(|| {
                seen.push(v);
                seen.len() - 1
            })
        })
        .collect();
    (x, y)
}

fn fitted(spec: &ModelSpec, x: &Array2<f64>, y: &[usize], positive: usize) -> Model {
    let n_classes = y.iter().max().unwrap() + 1;
    fit(spec, &Labelled { x: x.view(), y, n_classes }, positive).unwrap()
}

/// Misclassified rows by the model's own scores.
fn own_errors(model: &Model, x: &Array2<f64>, y: &[usize], positive: usize, threshold: f64) -> usize {
    model.scores(x.view(), positive).iter().zip(y).filter(|(&s, &c)| (s >= threshold) != (c == positive)).count()
}

/// The `i`-th of `count` evenly spaced values over `range`, the last one exactly its end.
fn at(range: [f64; 2], i: usize, count: usize) -> f64 {
    if i + 1 == count {
        range[1]
    } else {
        range[0] + (range[1] - range[0]) * (i as f64 / (count - 1) as f64)
    }
}

fn grid_x(b: &Boundary, i: usize) -> f64 {
    at(b.x_range, i, b.nx)
}

fn grid_y(b: &Boundary, j: usize) -> f64 {
    at(b.y_range, j, b.ny)
}

#[test]
fn logistic_boundary_on_moons_separates_as_the_model_does() {
    let (x, y) = prepared("moons.csv", "label");
    assert_eq!(x.dim(), (400, 2));
    let model = fitted(&ModelSpec::LogisticRegression(logistic::Params::default()), &x, &y, 1);
    let b = boundary(&model, 1, x.view(), &y, 0.5, &Axes::Features(0, 1), 60).unwrap();
    assert_eq!((b.nx, b.ny, b.scores.len()), (60, 60, 3600));
    assert_eq!(b.points_x, x.column(0).to_vec());
    assert_eq!(b.points_y, x.column(1).to_vec());
    assert_eq!(b.positive, y.iter().map(|&c| c == 1).collect::<Vec<_>>());
    let errors = b.misclassified.iter().filter(|&&m| m).count();
    assert_eq!(errors, own_errors(&model, &x, &y, 1, 0.5));
    assert!(errors > 10 && errors < 100, "moons are not linearly separable, yet mostly right: {errors}");
    // The range is the data's plus 5 % each side.
    let (lo, hi) = x.column(0).iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)));
    assert!((b.x_range[0] - (lo - 0.05 * (hi - lo))).abs() < 1e-12 && (b.x_range[1] - (hi + 0.05 * (hi - lo))).abs() < 1e-12);
    // With two features the grid is the model's own plane: the side of the threshold contour
    // is the side of the line w·(u, v) + b = 0, row-major with y along the rows.
    let Model::Logistic(linear) = &model else { unreachable!() };
    let (w, c) = (&linear.coefficients, linear.intercept);
    let mut sides = [0, 0];
    for j in 0..b.ny {
        for i in 0..b.nx {
            let z = w[0] * grid_x(&b, i) + w[1] * grid_y(&b, j) + c;
            if z.abs() > 1e-9 {
                assert_eq!(b.scores[j * b.nx + i] >= 0.5, z > 0.0, "cell ({i}, {j})");
                sides[usize::from(z > 0.0)] += 1;
            }
        }
    }
    assert!(sides[0] > 100 && sides[1] > 100, "the contour crosses the grid: {sides:?}");
    // And each point's side of the contour is its prediction.
    let positive_side = |u: f64, v: f64| w[0] * u + w[1] * v + c >= 0.0;
    for k in 0..b.rows.len() {
        assert_eq!(positive_side(b.points_x[k], b.points_y[k]) != b.positive[k], b.misclassified[k], "point {k}");
    }
}

#[test]
fn features_hold_the_other_features_at_their_training_mean() {
    let (x, y) = prepared("iris.csv", "species");
    // Three features, shifted so that their means are not 0 (standardising left them at 0).
    let x = &x.select(Axis(1), &[0, 1, 2]) + &ndarray::arr1(&[1.0, -2.0, 0.5]);
    let model = fitted(&ModelSpec::Knn(knn::Params::default()), &x, &y, 1);
    let b = boundary(&model, 1, x.view(), &y, 0.5, &Axes::Features(2, 0), 20).unwrap();
    let mean: Vec<f64> = (0..3).map(|k| x.column(k).iter().sum::<f64>() / x.nrows() as f64).collect();
    for (got, want) in b.mean.iter().zip(&mean) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
    assert!((b.mean[1] + 2.0).abs() < 1e-9, "the held feature's mean: {}", b.mean[1]);
    let mut rows = Array2::zeros((400, 3));
    for j in 0..20 {
        for i in 0..20 {
            let mut row = rows.row_mut(j * 20 + i);
            row[0] = grid_y(&b, j);
            row[1] = b.mean[1];
            row[2] = grid_x(&b, i);
        }
    }
    assert_eq!(b.scores, model.scores(rows.view(), 1), "grid scores are the model's on those rows");
    assert_eq!(b.points_x, x.column(2).to_vec());
    assert_eq!(b.points_y, x.column(0).to_vec());
    assert_eq!(b.misclassified.iter().filter(|&&m| m).count(), own_errors(&model, &x, &y, 1, 0.5));
    assert_eq!((b.explained, b.components.is_none()), (None, true));
}

#[test]
fn components_map_the_grid_back_through_the_mean_and_report_explained_variance() {
    for (file, target, spec, positive) in [
        ("iris.csv", "species", ModelSpec::DecisionTree(tree::Params { max_depth: Some(3), ..Default::default() }), 2),
        ("breast_cancer.csv", "diagnosis", ModelSpec::LogisticRegression(logistic::Params::default()), 0),
        ("breast_cancer.csv", "diagnosis", ModelSpec::GaussianNb(naive_bayes::Params::default()), 1),
    ] {
        let (x, y) = prepared(file, target);
        assert!(x.ncols() > 2);
        let model = fitted(&spec, &x, &y, positive);
        let b = boundary(&model, positive, x.view(), &y, 0.5, &Axes::Components, 25).unwrap();
        let reference = pca(x.view(), 2).unwrap();
        let [e1, e2] = b.explained.unwrap();
        assert_eq!([e1, e2], [reference.explained_variance_ratio[0], reference.explained_variance_ratio[1]], "{file}");
        assert!(e1 >= e2 && e2 > 0.0 && e1 + e2 <= 1.0 && e1 + e2 > 0.5, "{file}: {e1}, {e2}");
        assert_eq!(b.points_x, reference.projection.column(0).to_vec(), "{file}");
        assert_eq!(b.points_y, reference.projection.column(1).to_vec(), "{file}");
        let [v1, v2] = b.components.clone().unwrap();
        // A few grid cells, rebuilt as mean + z₁ v₁ + z₂ v₂.
        for (i, j) in [(0, 0), (24, 0), (3, 17), (12, 12), (24, 24)] {
            let (u, v) = (grid_x(&b, i), grid_y(&b, j));
            let row: Vec<f64> = (0..x.ncols()).map(|k| reference.mean[k] + u * v1[k] + v * v2[k]).collect();
            let want = model.scores(Array2::from_shape_vec((1, x.ncols()), row).unwrap().view(), positive)[0];
            assert!((b.scores[j * b.nx + i] - want).abs() < 1e-12, "{file} ({i}, {j})");
        }
        assert_eq!(b.misclassified.iter().filter(|&&m| m).count(), own_errors(&model, &x, &y, positive, 0.5), "{file}");
        assert!(b.scores.iter().all(|s| s.is_finite()));
    }
}

#[test]
fn two_features_allow_components_too() {
    let (x, y) = prepared("moons.csv", "label");
    let model = fitted(&ModelSpec::GaussianNb(naive_bayes::Params::default()), &x, &y, 1);
    let b = boundary(&model, 1, x.view(), &y, 0.5, &Axes::Components, 10).unwrap();
    let [e1, e2] = b.explained.unwrap();
    assert!((e1 + e2 - 1.0).abs() < 1e-12, "two components of two features hold all the variance");
}

#[test]
fn fewer_than_two_features_or_a_bad_axis_is_an_error() {
    let (x, y) = prepared("moons.csv", "label");
    let one = x.select(Axis(1), &[0]);
    let model = fitted(&ModelSpec::LogisticRegression(logistic::Params::default()), &one, &y, 1);
    for axes in [Axes::Components, Axes::Features(0, 1)] {
        assert_eq!(
            boundary(&model, 1, one.view(), &y, 0.5, &axes, 20).unwrap_err(),
            Error::BadParam { field: "boundary.features".into(), value: "1".into(), need: Need::AtLeast(2) }
        );
    }
    let model = fitted(&ModelSpec::Knn(knn::Params::default()), &x, &y, 1);
    let err = |axes: Axes, resolution: usize, positive: usize| boundary(&model, positive, x.view(), &y, 0.5, &axes, resolution).unwrap_err();
    assert_eq!(err(Axes::Features(0, 2), 20, 1), Error::OutOfRange { name: "boundary.axes", value: 2.0, min: 0.0, max: 1.0 });
    assert_eq!(err(Axes::Features(1, 1), 20, 1), Error::BadParam { field: "boundary.axes".into(), value: "[1, 1]".into(), need: Need::OneOf(vec!["0".into()]) });
    assert_eq!(err(Axes::Features(0, 1), 9, 1), Error::OutOfRange { name: "boundary.resolution", value: 9.0, min: 10.0, max: 150.0 });
    assert_eq!(err(Axes::Features(0, 1), 151, 1), Error::OutOfRange { name: "boundary.resolution", value: 151.0, min: 10.0, max: 150.0 });
    assert_eq!(err(Axes::Features(0, 1), 20, 2), Error::OutOfRange { name: "class index", value: 2.0, min: 0.0, max: 1.0 });
    assert!(matches!(boundary(&model, 1, x.view(), &y[1..], 0.5, &Axes::Components, 20), Err(Error::LengthMismatch { .. })));
    assert!(boundary(&model, 1, x.view(), &y, 0.5, &Axes::Features(1, 0), 150).is_ok());
}

#[test]
fn points_are_capped_by_an_even_deterministic_subsample_and_the_grid_still_covers_every_row() {
    let n = 12_001;
    let mut x = Array2::from_shape_fn((n, 2), |(r, c)| ((r * (c + 3)) % 97) as f64 / 10.0);
    x[[1, 0]] = 50.0; // not drawn (rows ⌊k n / 5000⌋ skip row 1), still inside the grid
    let y: Vec<usize> = (0..n).map(|r| usize::from(x[[r, 0]] + x[[r, 1]] > 9.0)).collect();
    let model = fitted(&ModelSpec::LogisticRegression(logistic::Params::default()), &x, &y, 1);
    let b = boundary(&model, 1, x.view(), &y, 0.5, &Axes::Features(0, 1), 10).unwrap();
    assert_eq!((b.rows.len(), b.points_x.len(), b.positive.len(), b.misclassified.len()), (MAX_POINTS, MAX_POINTS, MAX_POINTS, MAX_POINTS));
    assert_eq!(b.total_rows, n);
    assert!(!b.rows.contains(&1));
    assert!(b.rows.windows(2).all(|w| w[1] > w[0] && w[1] - w[0] <= 3), "evenly spread");
    assert_eq!(b.rows[..3], [0, 2, 4]);
    for (k, &r) in b.rows.iter().enumerate() {
        assert_eq!((b.points_x[k], b.points_y[k], b.positive[k]), (x[[r, 0]], x[[r, 1]], y[r] == 1));
    }
    assert!(b.x_range[1] > 50.0);
    assert_eq!(b, boundary(&model, 1, x.view(), &y, 0.5, &Axes::Features(0, 1), 10).unwrap(), "the same on every call");
}

#[test]
fn axes_and_boundary_read_and_write_as_documented() {
    assert_eq!(serde_json::from_str::<Axes>(r#"{ "features": [0, 2] }"#).unwrap(), Axes::Features(0, 2));
    assert_eq!(serde_json::from_str::<Axes>(r#""components""#).unwrap(), Axes::Components);
    assert_eq!(serde_json::to_string(&Axes::Features(3, 1)).unwrap(), r#"{"features":[3,1]}"#);
    assert!(serde_json::from_str::<Axes>(r#""pca""#).is_err());
    let (x, y) = prepared("moons.csv", "label");
    let model = fitted(&ModelSpec::LogisticRegression(logistic::Params::default()), &x, &y, 1);
    let b = boundary(&model, 1, x.view(), &y, 0.5, &Axes::Features(0, 1), 10).unwrap();
    let json = serde_json::to_value(&b).unwrap();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "axes", "x_range", "y_range", "nx", "ny", "scores", "threshold", "score_range", "points_x", "points_y", "rows", "total_rows", "positive",
            "misclassified", "mean", "explained", "components"
        ]
    );
    assert_eq!(json["axes"], serde_json::json!({ "features": [0, 1] }));
}

#[test]
fn probabilities_are_coloured_on_zero_to_one_and_an_svm_on_its_own_range() {
    let (x, y) = prepared("moons.csv", "label");
    let lr = fitted(&ModelSpec::LogisticRegression(logistic::Params::default()), &x, &y, 1);
    assert_eq!(boundary(&lr, 1, x.view(), &y, 0.5, &Axes::Features(0, 1), 10).unwrap().score_range, [0.0, 1.0]);
    let svm = fitted(&ModelSpec::LinearSvm(Default::default()), &x, &y, 1);
    let b = boundary(&svm, 1, x.view(), &y, 0.0, &Axes::Features(0, 1), 10).unwrap();
    let [lo, hi] = b.score_range;
    assert!(lo < 0.0 && hi > 0.0, "{lo} {hi}");
    assert!(b.scores.iter().all(|&s| (lo..=hi).contains(&s)));
}
