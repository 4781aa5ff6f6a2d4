//! The loss-surface card: logistic regression on one standardised feature (breast cancer's
//! mean radius, diagnosis malignant), its surface, exact minimum and gradient-descent paths.

use crate::common;

use atelier::data::matrix::numeric_matrix;
use atelier::data::Cell;
use atelier::error::{Error, Need};
use atelier::learn::descent::{path, surface, Path, PathSpec};
use atelier::learn::logistic;
use atelier::learn::neural::Solver;
use atelier::reduce::scale::standardize;
use common::dataset;
use ndarray::Array2;

/// One breast cancer column, standardised (ddof 0), and diagnosis == malignant.
fn feature(name: &str) -> (Vec<f64>, Vec<bool>) {
    let table = dataset("breast_cancer.csv");
    let mut x = numeric_matrix(&table, &[name.to_string()]).unwrap().matrix;
    standardize(&mut x);
    let diagnosis = table.column("diagnosis").unwrap();
    let y = (0..table.num_rows()).map(|r| diagnosis.cell(r) == Cell::Text("malignant")).collect();
    (x.column(0).to_vec(), y)
}

/// The objective written out naively (fine for the moderate margins used here).
fn objective(x: &[f64], y: &[bool], c: Option<f64>, w: f64, b: f64) -> f64 {
    let n = x.len() as f64;
    let loss: f64 = x.iter().zip(y).map(|(&x, &y)| {
        let p = 1.0 / (1.0 + (-(w * x + b)).exp());
        -(if y { p.ln() } else { (1.0 - p).ln() })
    }).sum();
    loss / n + c.map_or(0.0, |c| w * w / (2.0 * c * n))
}

fn run(x: &[f64], y: &[bool], spec: PathSpec) -> Path {
    path(x, y, Some(1.0), &spec).unwrap()
}

fn minimum_loss(x: &[f64], y: &[bool]) -> f64 {
    surface(x, y, Some(1.0), [-5.0, 5.0], [-5.0, 5.0], 2).unwrap().minimum_loss.unwrap()
}

fn increases(losses: &[f64]) -> usize {
    losses.windows(2).filter(|w| w[1] > w[0]).count()
}

fn no_nan(p: &Path) -> bool {
    p.points.iter().flatten().chain(&p.losses).all(|v| v.is_finite())
}

#[test]
fn surface_minimum_is_the_exact_logistic_fit_for_one_feature() {
    for (name, c) in [("mean radius", 1.0), ("mean texture", 1.0), ("mean texture", 0.01)] {
        let (x, y) = feature(name);
        let s = surface(&x, &y, Some(c), [-6.0, 6.0], [-6.0, 6.0], 41).unwrap();
        let exact = logistic::fit(&logistic::Params { c }, Array2::from_shape_vec((x.len(), 1), x.clone()).unwrap().view(), &y).unwrap();
        let [w, b] = s.minimum.unwrap();
        assert!((w - exact.coefficients[0]).abs() < 1e-6, "{name} C={c}: w {w} vs {}", exact.coefficients[0]);
        assert!((b - exact.intercept).abs() < 1e-6, "{name} C={c}: b {b} vs {}", exact.intercept);
        // The minimum is below every grid point.
        let lowest = s.loss.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(s.minimum_loss.unwrap() <= lowest, "{name}: {} vs grid {lowest}", s.minimum_loss.unwrap());
    }
}

#[test]
fn surface_is_row_major_with_b_along_rows_and_matches_the_objective() {
    let (x, y) = feature("mean radius");
    let s = surface(&x, &y, Some(1.0), [-2.0, 6.0], [-3.0, 1.0], 5).unwrap();
    assert_eq!(s.w, vec![-2.0, 0.0, 2.0, 4.0, 6.0]);
    assert_eq!(s.b, vec![-3.0, -2.0, -1.0, 0.0, 1.0]);
    assert_eq!(s.loss.len(), 25);
    for (j, &b) in s.b.iter().enumerate() {
        for (i, &w) in s.w.iter().enumerate() {
            let want = objective(&x, &y, Some(1.0), w, b);
            assert!((s.loss[j * 5 + i] - want).abs() < 1e-12, "({w}, {b}): {} vs {want}", s.loss[j * 5 + i]);
        }
    }
    let json = serde_json::to_value(&s).unwrap();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, ["w", "b", "loss", "minimum", "minimum_loss"]);
}

#[test]
fn surface_stays_finite_far_out_and_no_penalty_on_separable_data_has_no_minimum() {
    let x = [-2.0, -1.0, 1.0, 2.0];
    let y = [false, false, true, true];
    let s = surface(&x, &y, None, [-1000.0, 1000.0], [-1000.0, 1000.0], 3).unwrap();
    assert!(s.loss.iter().all(|l| l.is_finite()), "{:?}", s.loss);
    // At (w, b) = (−1000, −1000) the margins are −1000, 0, −2000, −3000: exact, where the
    // naive form overflows.
    assert!((s.loss[0] - (6000.0 + std::f64::consts::LN_2) / 4.0).abs() < 1e-12, "{}", s.loss[0]);
    assert_eq!((s.minimum, s.minimum_loss), (None, None));
    // Infinite C is no penalty too; a penalty gives a finite minimum.
    assert_eq!(surface(&x, &y, Some(f64::INFINITY), [-1.0, 1.0], [-1.0, 1.0], 2).unwrap().minimum, None);
    assert!(surface(&x, &y, Some(1.0), [-1.0, 1.0], [-1.0, 1.0], 2).unwrap().minimum.is_some());
}

#[test]
fn no_penalty_minimum_is_the_unpenalised_fit() {
    let (x, y) = feature("mean texture");
    let [w, b] = surface(&x, &y, None, [-3.0, 3.0], [-3.0, 3.0], 2).unwrap().minimum.unwrap();
    let exact = logistic::fit(&logistic::Params { c: 1e12 }, Array2::from_shape_vec((x.len(), 1), x.clone()).unwrap().view(), &y).unwrap();
    assert!((w - exact.coefficients[0]).abs() < 1e-6 && (b - exact.intercept).abs() < 1e-6, "{w}, {b} vs {exact:?}");
}

#[test]
fn small_learning_rate_moves_slowly_good_one_reaches_the_minimum_large_one_diverges() {
    let (x, y) = feature("mean radius");
    let best = minimum_loss(&x, &y);
    let start = [-4.0, 4.0];
    let slow = run(&x, &y, PathSpec { learning_rate: 0.001, start, steps: 50, ..PathSpec::default() });
    assert_eq!((slow.points.len(), slow.losses.len(), slow.diverged), (51, 51, None));
    let last = *slow.losses.last().unwrap();
    assert!(last < slow.losses[0], "it still descends");
    assert!(last - best > 1.0, "a small rate is still far after 50 steps: {last} vs {best}");

    let good = run(&x, &y, PathSpec { learning_rate: 2.0, start, steps: 300, ..PathSpec::default() });
    assert_eq!(good.diverged, None);
    let last = *good.losses.last().unwrap();
    assert!(last - best < 1e-3 && last >= best, "a good rate reaches the minimum: {last} vs {best}");

    let wild = run(&x, &y, PathSpec { learning_rate: 5000.0, start, steps: 300, ..PathSpec::default() });
    let at = wild.diverged.expect("a too-large rate diverges");
    assert_eq!(wild.points.len(), at, "the path stops before the step that left the bound");
    assert!(no_nan(&wild));
    assert!(wild.points.iter().flatten().all(|v| v.abs() <= 1e3));
}

#[test]
fn a_moderately_large_rate_oscillates_out_of_the_bound() {
    // λ = 1/(C n) with C = 0.01: the penalty alone makes w ← (1 − lr λ) w grow once lr λ > 2.
    let (x, y) = feature("mean radius");
    let spec = PathSpec { learning_rate: 30.0, start: [1.0, 0.0], steps: 500, ..PathSpec::default() };
    let p = path(&x, &y, Some(0.01), &spec).unwrap();
    let at = p.diverged.expect("diverges");
    assert!(at > 3, "it takes a few growing oscillations: {at}");
    assert!(no_nan(&p) && p.points.len() == at);
    let w: Vec<f64> = p.points.iter().map(|p| p[0]).collect();
    assert!(w.windows(2).filter(|w| w[0] * w[1] < 0.0).count() >= 2, "w flips sign as it oscillates: {w:?}");
}

#[test]
fn momentum_and_adam_from_the_same_start_differ_and_both_descend() {
    let (x, y) = feature("mean radius");
    let start = [-3.0, 3.0];
    let plain = run(&x, &y, PathSpec { learning_rate: 0.05, start, steps: 100, ..PathSpec::default() });
    let momentum = run(&x, &y, PathSpec { learning_rate: 0.05, momentum: 0.9, start, steps: 100, ..PathSpec::default() });
    let adam = run(&x, &y, PathSpec { solver: Solver::Adam, learning_rate: 0.05, start, steps: 100, ..PathSpec::default() });
    for (name, p) in [("momentum", &momentum), ("adam", &adam)] {
        assert_eq!(p.points[0], start);
        assert!(p.losses.last().unwrap() < &(p.losses[0] - 0.5), "{name} descends: {:?}", (p.losses[0], p.losses.last()));
    }
    assert_ne!(momentum.points, adam.points);
    assert_ne!(momentum.points, plain.points);
    assert!(momentum.losses.last() < plain.losses.last(), "momentum goes further at the same rate");
    // Adam's first step moves each parameter by the learning rate (m / √v = ±1).
    let [dw, db] = [adam.points[1][0] - start[0], adam.points[1][1] - start[1]];
    assert!((dw.abs() - 0.05).abs() < 1e-6 && (db.abs() - 0.05).abs() < 1e-6, "{dw}, {db}");
}

#[test]
fn full_batch_is_smooth_and_deterministic_one_row_is_noisy_and_seeded() {
    let (x, y) = feature("mean radius");
    let start = [-3.0, 3.0];
    let full = |seed| run(&x, &y, PathSpec { learning_rate: 0.1, start, steps: 200, seed, ..PathSpec::default() });
    let a = full(0);
    assert_eq!(a, full(0));
    assert_eq!(a, full(7), "a full batch does not shuffle");
    assert_eq!(increases(&a.losses), 0, "full batch, small rate: the loss never rises");

    let one = |seed| run(&x, &y, PathSpec { learning_rate: 0.1, batch_size: Some(1), start, steps: 200, seed, ..PathSpec::default() });
    let b = one(3);
    assert_eq!(b, one(3), "seeded");
    assert_ne!(b.points, one(4).points, "another seed, other rows");
    assert!(increases(&b.losses) > 20, "one row at a time is noisy: {} rises", increases(&b.losses));
    assert!(b.losses.last() < b.losses.first(), "yet it descends");

    let mini = run(&x, &y, PathSpec { learning_rate: 0.1, batch_size: Some(32), start, steps: 200, seed: 3, ..PathSpec::default() });
    assert!(increases(&mini.losses) < increases(&b.losses), "{} vs {}", increases(&mini.losses), increases(&b.losses));
    // A batch larger than the data is the full batch.
    let huge = run(&x, &y, PathSpec { learning_rate: 0.1, batch_size: Some(10_000), start, steps: 200, seed: 9, ..PathSpec::default() });
    assert_eq!(huge, a);
}

#[test]
fn spec_reads_with_defaults_and_refuses_unknown_fields() {
    let spec: PathSpec = serde_json::from_str(r#"{ "solver": "adam", "batch_size": 1, "start": [1, -2] }"#).unwrap();
    assert_eq!(spec, PathSpec { solver: Solver::Adam, batch_size: Some(1), start: [1.0, -2.0], ..PathSpec::default() });
    assert_eq!(serde_json::from_str::<PathSpec>("{}").unwrap(), PathSpec::default());
    assert_eq!(PathSpec::default().solver, Solver::Sgd);
    assert!(serde_json::from_str::<PathSpec>(r#"{ "lr": 0.1 }"#).is_err());
    let p = path(&[-1.0, 1.0], &[false, true], None, &PathSpec { steps: 2, ..PathSpec::default() }).unwrap();
    let json = serde_json::to_value(&p).unwrap();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, ["points", "losses", "diverged"]);
    assert_eq!(json["diverged"], serde_json::Value::Null);
}

#[test]
fn bad_settings_are_errors_naming_the_field() {
    let (x, y) = ([-1.0, 0.5, 1.0], [false, true, true]);
    let bad = |spec: PathSpec| path(&x, &y, Some(1.0), &spec).unwrap_err();
    let field = |e: Error| match e {
        Error::BadParam { field, .. } => field,
        Error::OutOfRange { name, .. } => name.to_string(),
        other => panic!("{other:?}"),
    };
    let d = PathSpec::default;
    assert_eq!(bad(PathSpec { learning_rate: 0.0, ..d() }), Error::BadParam { field: "descent.learning_rate".into(), value: "0".into(), need: Need::Positive });
    assert_eq!(field(bad(PathSpec { learning_rate: f64::NAN, ..d() })), "descent.learning_rate");
    assert_eq!(field(bad(PathSpec { learning_rate: f64::INFINITY, ..d() })), "descent.learning_rate");
    assert_eq!(bad(PathSpec { momentum: 1.0, ..d() }), Error::BadParam { field: "descent.momentum".into(), value: "1".into(), need: Need::Fraction });
    assert_eq!(field(bad(PathSpec { momentum: -0.1, ..d() })), "descent.momentum");
    assert_eq!(field(bad(PathSpec { steps: 0, ..d() })), "descent.steps");
    assert_eq!(bad(PathSpec { steps: 5_001, ..d() }), Error::OutOfRange { name: "descent.steps", value: 5001.0, min: 1.0, max: 5000.0 });
    assert!(path(&x, &y, Some(1.0), &PathSpec { steps: 5_000, ..d() }).is_ok());
    assert_eq!(field(bad(PathSpec { batch_size: Some(0), ..d() })), "descent.batch_size");
    assert_eq!(field(bad(PathSpec { start: [f64::NAN, 0.0], ..d() })), "descent.start");
    assert_eq!(field(bad(PathSpec { start: [0.0, 2000.0], ..d() })), "descent.start");
    assert_eq!(field(path(&x, &y, Some(0.0), &d()).unwrap_err()), "descent.C");
    assert_eq!(field(path(&x, &y, Some(-1.0), &d()).unwrap_err()), "descent.C");

    let s = |w, b, r| surface(&x, &y, Some(1.0), w, b, r);
    assert_eq!(field(s([-1.0, 1.0], [-1.0, 1.0], 1).unwrap_err()), "descent.resolution");
    assert_eq!(field(s([-1.0, 1.0], [-1.0, 1.0], 201).unwrap_err()), "descent.resolution");
    assert!(s([-1.0, 1.0], [-1.0, 1.0], 200).is_ok());
    assert_eq!(field(s([1.0, -1.0], [-1.0, 1.0], 10).unwrap_err()), "descent.w_range");
    assert_eq!(field(s([1.0, 1.0], [-1.0, 1.0], 10).unwrap_err()), "descent.w_range");
    assert_eq!(field(s([-1.0, f64::INFINITY], [-1.0, 1.0], 10).unwrap_err()), "descent.w_range");
    assert_eq!(field(s([-1.0, 1.0], [f64::NAN, 1.0], 10).unwrap_err()), "descent.b_range");

    // The data: lengths, classes, numbers.
    let spec = d();
    assert_eq!(path(&[1.0, 2.0], &[true], None, &spec).unwrap_err(), Error::LengthMismatch { labels: 1, scores: 2 });
    assert_eq!(path(&[], &[], None, &spec).unwrap_err(), Error::TooFewRows { needed: 2, found: 0 });
    assert_eq!(path(&[1.0, 2.0], &[true, true], None, &spec).unwrap_err(), Error::EmptyClass { part: "train", class: "negative".into() });
    assert_eq!(surface(&[1.0, f64::NAN], &[true, false], None, [-1.0, 1.0], [-1.0, 1.0], 2).unwrap_err(), Error::NotANumber { row: 2 });
}
