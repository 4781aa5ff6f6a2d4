//! Decision trees and random forests against scikit-learn 1.9.1 (tests/fixtures/trees.json, made
//! by tests/fixtures/gen/trees.py; its "how" strings give the exact calls). The split is fixed:
//! the test part is the rows whose position % 4 == 0, the training part the others.

use crate::common;

use std::time::Instant;

use atelier::data::{matrix::numeric_matrix, Cell};
use atelier::error::{Error, Need};
use atelier::learn::forest::{self, Forest, Growing, MaxFeatures};
use atelier::learn::tree::{self, Criterion, Training, Tree};
use atelier::learn::Labelled;
use common::{assert_close, dataset};
use ndarray::{array, Array2, Axis};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use serde_json::Value;

/// A data set as a model sees it: numbers, class indices in sorted order of the class names
/// (as sklearn's `classes_`), and the fixed split.
struct Data {
    x: Array2<f64>,
    y: Vec<usize>,
    n_classes: usize,
}

impl Data {
    fn load(file: &str, target: &str) -> Data {
        let table = dataset(file);
        let features: Vec<String> = table.columns().iter().map(|c| c.name.clone()).filter(|n| n != target).collect();
        let x = numeric_matrix(&table, &features).unwrap().matrix;
        let labels: Vec<String> = (0..table.num_rows())
            .map(|r| match table.column(target).unwrap().cell(r) {
                Cell::Text(s) => s.to_string(),
                other => panic!("{other:?}"),
            })
            .collect();
        let mut classes = labels.clone();
        classes.sort();
        classes.dedup();
        let y = labels.iter().map(|l| classes.iter().position(|c| c == l).unwrap()).collect();
        Data { x, y, n_classes: classes.len() }
    }

    fn part(&self, test: bool) -> Data {
        let rows: Vec<usize> = (0..self.y.len()).filter(|r| (r % 4 == 0) == test).collect();
        Data { x: self.x.select(Axis(0), &rows), y: rows.iter().map(|&r| self.y[r]).collect(), n_classes: self.n_classes }
    }

    fn labelled(&self) -> Labelled<'_> {
        Labelled { x: self.x.view(), y: &self.y, n_classes: self.n_classes }
    }
}

fn breast_cancer() -> Data {
    Data::load("breast_cancer.csv", "diagnosis")
}

fn fixture() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/trees.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The class of highest share in each row, the first on a tie (sklearn's `predict`).
fn predict(proba: &Array2<f64>) -> Vec<usize> {
    proba.outer_iter().map(|r| (0..r.len()).fold(0, |best, k| if r[k] > r[best] { k } else { best })).collect()
}

fn accuracy(predicted: &[usize], truth: &[usize]) -> f64 {
    assert_eq!(predicted.len(), truth.len());
    predicted.iter().zip(truth).filter(|(p, t)| p == t).count() as f64 / truth.len() as f64
}

fn params(max_depth: Option<usize>) -> tree::Params {
    tree::Params { max_depth, ..tree::Params::default() }
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// Our tree equals sklearn's node for node: same numbering, features, children, rows, class
/// shares and impurity; thresholds to float32 precision, since sklearn splits float32 copies
/// of the features (a midpoint of two float32 values differs from the f64 one by < 1e-7
/// relative). Then the same prediction for every row and the same importances.
fn assert_same_tree(ours: &Tree, golden: &Value, data: &Data) {
    let nodes = golden["nodes"].as_array().unwrap();
    assert_eq!(ours.nodes.len(), nodes.len(), "{}", golden["how"]);
    for (i, (n, g)) in ours.nodes.iter().zip(nodes).enumerate() {
        let what = format!("node {i} of {}", golden["how"]);
        assert_eq!(n.feature, g["feature"].as_u64().map(|f| f as usize), "{what}");
        assert_eq!(n.samples as u64, g["samples"].as_u64().unwrap(), "{what}");
        if n.feature.is_some() {
            assert_eq!((n.left as u64, n.right as u64), (g["left"].as_u64().unwrap(), g["right"].as_u64().unwrap()), "{what}");
            assert_close(n.threshold, g["threshold"].as_f64().unwrap(), 1e-6, &what);
        }
        // Same formulas in the same order; entropy's log2 may differ from ln/ln 2 in the last bits.
        assert_close(n.impurity, g["impurity"].as_f64().unwrap(), 1e-12, &what);
        let total: f64 = n.counts.iter().sum();
        for (c, share) in n.counts.iter().zip(nums(&g["shares"])) {
            assert_close(c / total, share, 1e-12, &what); // a ratio of whole numbers, both ways
        }
    }
    let want: Vec<usize> = golden["predict_all_rows"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    assert_eq!(predict(&ours.proba(data.x.view())), want, "{}", golden["how"]);
    let importances = ours.feature_importances(data.x.ncols());
    for (got, want) in importances.iter().zip(nums(&golden["feature_importances"])) {
        assert!((got - want).abs() <= 1e-12, "{got} vs {want}"); // sklearn sums pairwise, we in order
    }
}

// ---- one tree ----

#[test]
fn a_tree_without_depth_limit_fits_the_breast_cancer_training_rows_exactly() {
    let train = breast_cancer().part(false);
    let tree = tree::fit(&params(None), &train.labelled()).unwrap();
    assert_eq!(accuracy(&predict(&tree.proba(train.x.view())), &train.y), 1.0);
    assert!(tree.nodes.iter().filter(|n| n.feature.is_none()).all(|n| n.impurity == 0.0), "every leaf pure");
    let proba = tree.proba(train.x.view());
    assert!(proba.iter().all(|&p| p == 0.0 || p == 1.0), "pure leaves give certain shares");
}

#[test]
fn a_stump_splits_breast_cancer_on_sklearns_feature_and_threshold() {
    let golden = &fixture()["breast_cancer"]["stump_gini"];
    let bc = breast_cancer();
    let stump = tree::fit(&params(Some(1)), &bc.part(false).labelled()).unwrap();
    assert_eq!(stump.nodes.len(), 3);
    assert_eq!(stump.nodes[0].feature, Some(7), "mean concave points");
    assert_close(stump.nodes[0].threshold, golden["nodes"][0]["threshold"].as_f64().unwrap(), 1e-6, "float32 midpoint");
    assert_same_tree(&stump, golden, &bc);
}

#[test]
fn depth_limited_trees_match_sklearn_node_for_node() {
    let golden = fixture();
    let bc = breast_cancer();
    let train = bc.part(false);
    let cases = [
        ("depth3_gini", tree::Params { criterion: Criterion::Gini, max_depth: Some(3), min_samples_split: 2, min_samples_leaf: 1 }),
        ("depth3_entropy", tree::Params { criterion: Criterion::Entropy, max_depth: Some(3), min_samples_split: 2, min_samples_leaf: 1 }),
        ("depth4_leaf5", tree::Params { criterion: Criterion::Gini, max_depth: Some(4), min_samples_split: 12, min_samples_leaf: 5 }),
    ];
    for (name, p) in cases {
        let tree = tree::fit(&p, &train.labelled()).unwrap();
        assert_same_tree(&tree, &golden["breast_cancer"][name], &bc);
    }
}

#[test]
fn iris_three_classes_match_sklearn_and_the_full_tree_fits() {
    let golden = &fixture()["iris"]["depth3_gini"];
    let iris = Data::load("iris.csv", "species");
    let train = iris.part(false);
    let tree = tree::fit(&params(Some(3)), &train.labelled()).unwrap();
    // Petal length (2) and width (3) split off setosa equally well: index order takes length.
    assert_eq!(tree.nodes[0].feature, Some(2));
    assert_same_tree(&tree, golden, &iris);
    let full = tree::fit(&params(None), &train.labelled()).unwrap();
    let proba = full.proba(iris.x.view());
    assert_eq!(proba.ncols(), 3);
    assert!(proba.outer_iter().all(|r| (r.sum() - 1.0).abs() < 1e-12), "shares of a leaf sum to 1 (rounding only)");
    assert_eq!(accuracy(&predict(&full.proba(train.x.view())), &train.y), 1.0);
}

#[test]
fn a_value_equal_to_the_threshold_goes_left() {
    let x = array![[1.0], [2.0], [3.0], [4.0]];
    let data = Labelled { x: x.view(), y: &[0, 0, 1, 1], n_classes: 2 };
    let tree = tree::fit(&params(None), &data).unwrap();
    assert_eq!((tree.nodes[0].feature, tree.nodes[0].threshold), (Some(0), 2.5));
    assert_eq!(predict(&tree.proba(array![[2.5], [2.5000001]].view())), vec![0, 1]);
}

#[test]
fn leaf_shares_are_the_leaf_class_counts() {
    // x = 0 holds classes 0, 0, 1: no split can part them, so the leaf says 2/3 and 1/3.
    let x = array![[0.0], [0.0], [0.0], [5.0]];
    let data = Labelled { x: x.view(), y: &[0, 0, 1, 1], n_classes: 2 };
    let tree = tree::fit(&params(None), &data).unwrap();
    let p = tree.proba(array![[0.0]].view());
    assert_close(p[[0, 0]], 2.0 / 3.0, 1e-15, "2 of 3");
    assert_close(p[[0, 1]], 1.0 / 3.0, 1e-15, "1 of 3");
}

#[test]
fn bootstrap_draws_weigh_in_the_counts_but_rows_count_once() {
    let x = array![[1.0], [2.0], [3.0], [4.0], [5.0]];
    let training = Training::new(&Labelled { x: x.view(), y: &[0, 0, 1, 1, 1], n_classes: 2 }).unwrap();
    let tree = tree::grow(&params(None), &training, &[3, 0, 1, 2, 0], tree::Candidates::InOrder);
    let root = &tree.nodes[0];
    assert_eq!(root.samples, 3, "rows 0, 2 and 3 were drawn");
    assert_eq!(root.counts, vec![3.0, 3.0]);
    assert_eq!(root.impurity, 0.5);
    assert_eq!((root.feature, root.threshold), (Some(0), 2.0), "between drawn values 1 and 3");
}

#[test]
fn importances_sum_to_one_and_a_single_leaf_has_none() {
    let bc = breast_cancer().part(false);
    let stump = tree::fit(&params(Some(1)), &bc.labelled()).unwrap();
    let imp = stump.feature_importances(30);
    assert_eq!(imp[7], 1.0, "one split, all its feature's");
    assert_eq!(imp.iter().sum::<f64>(), 1.0);
    let x = array![[1.0], [2.0]];
    let pure = tree::fit(&params(None), &Labelled { x: x.view(), y: &[1, 1], n_classes: 2 }).unwrap();
    assert_eq!(pure.nodes.len(), 1);
    assert_eq!(pure.feature_importances(1), vec![0.0]);
}

#[test]
fn bad_parameters_name_their_field_and_bound() {
    let x = array![[1.0], [2.0]];
    let data = Labelled { x: x.view(), y: &[0, 1], n_classes: 2 };
    let tree_cases = [
        (tree::Params { min_samples_split: 1, ..tree::Params::default() }, "model.min_samples_split", "1", 2),
        (tree::Params { min_samples_leaf: 0, ..tree::Params::default() }, "model.min_samples_leaf", "0", 1),
        (params(Some(0)), "model.max_depth", "0", 1),
    ];
    for (p, field, value, min) in tree_cases {
        let want = Error::BadParam { field: field.into(), value: value.into(), need: Need::AtLeast(min) };
        assert_eq!(tree::fit(&p, &data).unwrap_err(), want);
    }
    let forest_cases = [
        (forest::Params { n_estimators: 0, ..forest::Params::default() }, "model.n_estimators"),
        (forest::Params { max_depth: Some(0), ..forest::Params::default() }, "model.max_depth"),
    ];
    for (p, field) in forest_cases {
        let want = Error::BadParam { field: field.into(), value: "0".into(), need: Need::AtLeast(1) };
        assert_eq!(Growing::new(&p, &data).err(), Some(want));
    }
}

#[test]
fn unusable_data_is_an_error_not_a_panic() {
    let x = array![[1.0], [2.0]];
    let empty = Array2::<f64>::zeros((0, 1));
    let cases = [
        (Labelled { x: empty.view(), y: &[], n_classes: 2 }, "too_few_rows"),
        (Labelled { x: x.view(), y: &[0], n_classes: 2 }, "length_mismatch"),
        (Labelled { x: x.view(), y: &[0, 2], n_classes: 2 }, "out_of_range"),
    ];
    for (data, code) in cases {
        assert_eq!(tree::fit(&params(None), &data).unwrap_err().code(), code);
    }
}

#[test]
fn nan_features_and_short_rows_never_panic() {
    let x = array![[1.0, f64::NAN], [2.0, 0.0], [3.0, 1.0], [4.0, f64::NAN]];
    let data = Labelled { x: x.view(), y: &[0, 1, 0, 1], n_classes: 2 };
    let tree = tree::fit(&params(None), &data).unwrap();
    assert!(tree.nodes.iter().all(|n| n.feature != Some(1) || n.samples < 4), "not split on a NaN column at the root");
    let proba = tree.proba(array![[f64::NAN]].view());
    assert_eq!(proba.row(0).sum(), 1.0, "a NaN goes right and lands in a leaf");
}

// ---- forest ----

fn grow_forest(params: &forest::Params, data: &Data) -> Forest {
    let labelled = data.labelled();
    let mut growing = Growing::new(params, &labelled).unwrap();
    while growing.grown() < growing.total() {
        growing.grow_one();
    }
    growing.finish()
}

/// One forest's accuracy on the 143 test rows moves by a row or more (0.7 point) with the seed:
/// seed 0 scores 93.7 % here and sklearn's `random_state=0` 96.5 %, while seeds 0..19 average
/// 96.5 % here. So the means over seeds 0..9 are compared, ours against sklearn's.
#[test]
fn forest_accuracy_on_breast_cancer_is_within_two_points_of_sklearn() {
    let golden = &fixture()["breast_cancer"]["forest"];
    let bc = breast_cancer();
    let (train, test) = (bc.part(false), bc.part(true));
    let ours: Vec<f64> = (0..10)
        .map(|seed| {
            let forest = grow_forest(&forest::Params { seed, ..forest::Params::default() }, &train);
            let proba = forest.proba(test.x.view());
            assert!(proba.outer_iter().all(|r| (r.sum() - 1.0).abs() < 1e-12), "a mean of shares sums to 1 (rounding only)");
            accuracy(&predict(&proba), &test.y)
        })
        .collect();
    let theirs = nums(&golden["test_accuracy_random_states_0_9"]);
    assert_eq!(theirs.len(), 10);
    let (mean, sklearn) = (ours.iter().sum::<f64>() / 10.0, theirs.iter().sum::<f64>() / 10.0);
    eprintln!("forest test accuracy over seeds 0..9: {mean:.4} ({ours:.3?}), sklearn {sklearn:.4} ({theirs:.3?})");
    assert!((mean - sklearn).abs() <= 0.02, "{mean} vs sklearn {sklearn}");
}

#[test]
fn forest_importances_sum_to_one_and_share_sklearns_top_features() {
    let golden = &fixture()["breast_cancer"]["forest"];
    let forest = grow_forest(&forest::Params::default(), &breast_cancer().part(false));
    let imp = &forest.feature_importances;
    assert_eq!(imp.len(), 30);
    assert!((imp.iter().sum::<f64>() - 1.0).abs() < 1e-12, "normalised (rounding only)");
    let mut ours: Vec<usize> = (0..30).collect();
    ours.sort_by(|&a, &b| imp[b].total_cmp(&imp[a]));
    let theirs: Vec<usize> = golden["top5"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    let shared = ours[..5].iter().filter(|f| theirs.contains(f)).count();
    eprintln!("top 5 ours {:?}, sklearn {theirs:?}", &ours[..5]);
    assert!(shared >= 3, "ours {:?} vs sklearn {theirs:?}", &ours[..5]);
}

#[test]
fn the_same_seed_grows_the_same_forest_and_another_seed_another() {
    let train = breast_cancer().part(false);
    let p = forest::Params { n_estimators: 10, ..forest::Params::default() };
    let a = grow_forest(&p, &train);
    assert_eq!(a, grow_forest(&p, &train));
    assert_eq!(a.proba(train.x.view()), grow_forest(&p, &train).proba(train.x.view()), "same bits");
    let other = grow_forest(&forest::Params { seed: 1, ..p.clone() }, &train);
    assert!(a.trees().iter().zip(other.trees()).all(|(s, t)| s != t), "every tree differs");
}

#[test]
fn a_forest_stopped_early_holds_the_first_trees_of_the_full_one() {
    let train = breast_cancer().part(false);
    let p = forest::Params { n_estimators: 8, max_features: MaxFeatures::Log2, max_depth: Some(4), seed: 7 };
    let full = grow_forest(&p, &train);
    let labelled = train.labelled();
    let mut growing = Growing::new(&p, &labelled).unwrap();
    for _ in 0..3 {
        growing.grow_one();
    }
    assert_eq!((growing.grown(), growing.total()), (3, 8));
    let partial = growing.finish();
    assert_eq!(partial.trees(), &full.trees()[..3]);
    assert!(full.trees().iter().all(|t| t.nodes.len() <= 31), "max_depth 4 caps a tree at 31 nodes");
}

#[test]
fn growing_past_the_total_adds_no_tree() {
    let train = breast_cancer().part(false);
    let labelled = train.labelled();
    let mut growing = Growing::new(&forest::Params { n_estimators: 1, ..forest::Params::default() }, &labelled).unwrap();
    growing.grow_one();
    growing.grow_one();
    assert_eq!(growing.grown(), 1);
}

#[test]
fn max_features_counts_as_sklearn() {
    let cases = [(MaxFeatures::Sqrt, 30, 5), (MaxFeatures::Sqrt, 1, 1), (MaxFeatures::Sqrt, 16, 4), (MaxFeatures::Log2, 30, 4), (MaxFeatures::Log2, 1, 1), (MaxFeatures::All, 30, 30)];
    for (m, p, want) in cases {
        assert_eq!(m.count(p), want, "{m:?} of {p}");
    }
}

// ---- speed ----

/// 100,000 × 20 uniform features; the class is whether x0 + x1 − x2 + x3·x4/2 plus uniform
/// noise exceeds its mean, so trees must grow deep to fit the noise, as on real data.
fn synthetic(n: usize) -> Data {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let mut unit = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let x = Array2::from_shape_simple_fn((n, 20), &mut unit);
    let y = x.outer_iter().map(|r| usize::from(r[0] + r[1] - r[2] + r[3] * r[4] / 2.0 + 0.6 * (unit() - 0.5) > 0.625)).collect();
    Data { x, y, n_classes: 2 }
}

/// Times 100 trees on 100,000 × 20 here and, if python3 has scikit-learn, sklearn's
/// `RandomForestClassifier(n_estimators=100, n_jobs=1)` on the same rows
/// (tests/fixtures/gen/bench_forest.py). Run in release:
/// `cargo test --release --test core learn_trees:: -- --ignored --nocapture`.
#[test]
#[ignore]
fn benchmark_100_trees_on_100_000_rows() {
    let data = synthetic(100_000);
    let start = Instant::now();
    let forest = grow_forest(&forest::Params::default(), &data);
    let ours = start.elapsed().as_secs_f64();
    let nodes: usize = forest.trees().iter().map(|t| t.nodes.len()).sum();
    eprintln!("atelier: 100 trees in {ours:.2} s ({} nodes per tree on average)", nodes / 100);
    let csv = std::env::temp_dir().join("atelier_forest_bench.csv");
    let mut text = String::new();
    for (row, y) in data.x.outer_iter().zip(&data.y) {
        row.iter().for_each(|v| text.push_str(&format!("{v:?},")));
        text.push_str(&format!("{y}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gen/bench_forest.py");
    match std::process::Command::new("python3").arg(script).arg(&csv).output() {
        Ok(out) if out.status.success() => eprintln!("sklearn: {}", String::from_utf8_lossy(&out.stdout).trim()),
        other => eprintln!("sklearn not timed: {other:?}"),
    }
}

