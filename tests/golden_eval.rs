//! Evaluation against scikit-learn (tests/fixtures/threshold.json on the course's `seuil`, and
//! metrics_breast_cancer.json; their "how" strings give the exact calls, ties included).

use crate::common;

use atelier::data::Cell;
use atelier::eval::curves::{precision_recall, roc};
use atelier::eval::scores::Scores;
use common::dataset;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap_or(f64::INFINITY)).collect() // "inf" → +∞
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

fn assert_all_close(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: {got:?} vs {want:?}");
    assert!(got.iter().zip(want).all(|(a, b)| close(*a, *b)), "{what}: {got:?} vs {want:?}");
}

fn seuil() -> Scores {
    let t = dataset("seuil.csv");
    let y: Vec<bool> = (0..9).map(|r| t.column("y").unwrap().cell(r) == Cell::Integer(1)).collect();
    let p: Vec<f64> = t.column("proba").unwrap().numbers().unwrap();
    Scores::new(&y, &p).unwrap()
}

#[test]
fn confusion_and_rates_match_scikit_learn_at_every_course_threshold() {
    let golden = fixture("threshold.json");
    for g in golden["thresholds"].as_array().unwrap() {
        let t = g["threshold"].as_f64().unwrap();
        let m = seuil().at(t).metrics();
        let c = m.counts;
        assert_eq!([c.tp, c.fp, c.tn, c.fn_].map(|x| x as u64), ["tp", "fp", "tn", "fn"].map(|k| g[k].as_u64().unwrap()), "at {t}");
        for (name, got) in [("accuracy", m.accuracy), ("precision", m.precision), ("recall", m.recall), ("f1", m.f1), ("specificity", m.specificity), ("fpr", m.fpr)] {
            assert!(close(got, g[name].as_f64().unwrap()), "{name} at {t}: {got}");
        }
    }
}

#[test]
fn roc_curves_and_auc_match_scikit_learn() {
    let golden = fixture("threshold.json");
    for (drop, key) in [(false, "roc_curve_drop_intermediate_false"), (true, "roc_curve_default_drop_intermediate_true")] {
        let r = roc(&seuil(), drop);
        assert_all_close(&r.fpr, &nums(&golden[key]["fpr"]), key);
        assert_all_close(&r.tpr, &nums(&golden[key]["tpr"]), key);
        assert_all_close(&r.thresholds, &nums(&golden[key]["thresholds"]), key);
    }
    assert!(close(roc(&seuil(), true).auc, golden["roc_auc_score"].as_f64().unwrap()));
}

#[test]
fn precision_recall_curve_and_average_precision_match_scikit_learn() {
    let golden = fixture("threshold.json");
    let pr = precision_recall(&seuil());
    let g = &golden["precision_recall_curve"];
    assert_all_close(&pr.precision, &nums(&g["precision"]), "precision");
    assert_all_close(&pr.recall, &nums(&g["recall"]), "recall");
    assert_all_close(&pr.thresholds, &nums(&g["thresholds"]), "thresholds");
    assert!(close(pr.average_precision, golden["average_precision_score"].as_f64().unwrap()));
}

#[test]
fn ranking_matches_the_course_table() {
    let golden = fixture("threshold.json");
    let ranked = seuil().ranking(0.5, 0, 9);
    for (r, g) in ranked.iter().zip(golden["ranking"].as_array().unwrap()) {
        assert_eq!(r.rank as u64, g["rank"].as_u64().unwrap());
        assert_eq!(r.row as u64 + 1, g["ID"].as_u64().unwrap());
        assert_eq!(r.score, g["proba"].as_f64().unwrap());
    }
}

/// Scores of scikit-learn's fitted logistic regression, recomputed from its coefficients.
fn logistic_scores(key: &str, file: &str, positive: impl Fn(Cell) -> bool, label: &str) -> (Vec<bool>, Vec<f64>, Value) {
    let golden = fixture("metrics_breast_cancer.json");
    let g = golden[key].clone();
    let t = dataset(file);
    let cols: Vec<Vec<f64>> = g["columns"].as_array().unwrap().iter().map(|c| t.column(c.as_str().unwrap()).unwrap().numbers().unwrap()).collect();
    let (mean, scale, coef) = (nums(&g["scaler_mean_"]), nums(&g["scaler_scale_"]), nums(&g["coef_"]));
    let b = g["intercept_"].as_f64().unwrap();
    let scores = (0..t.num_rows())
        .map(|r| {
            let z: f64 = (0..cols.len()).map(|j| (cols[j][r] - mean[j]) / scale[j] * coef[j]).sum::<f64>() + b;
            1.0 / (1.0 + (-z).exp())
        })
        .collect();
    let labels = (0..t.num_rows()).map(|r| positive(t.column(label).unwrap().cell(r))).collect();
    (labels, scores, g)
}

#[test]
fn auc_and_average_precision_match_scikit_learn_on_breast_cancer_and_imbalanced() {
    let cases: [(&str, &str, &str, Box<dyn Fn(Cell) -> bool>); 3] = [
        ("breast_cancer", "breast_cancer.csv", "diagnosis", Box::new(|c| c == Cell::Text("malignant"))),
        ("imbalanced", "imbalanced.csv", "label", Box::new(|c| c == Cell::Integer(1))),
        ("iris_setosa_vs_rest", "iris.csv", "species", Box::new(|c| c == Cell::Text("setosa"))),
    ];
    for (key, file, label, positive) in cases {
        let (y, p, g) = logistic_scores(key, file, positive, label);
        let s = Scores::new(&y, &p).unwrap();
        // Scores recomputed from rounded coefficients: 1e-9 covers a near-tie swapping order.
        let auc = roc(&s, true).auc;
        assert!((auc - g["roc_auc_score_train"].as_f64().unwrap()).abs() < 1e-9, "{key} auc {auc}");
        let ap = precision_recall(&s).average_precision;
        assert!((ap - g["average_precision_score_train"].as_f64().unwrap()).abs() < 1e-9, "{key} ap {ap}");
        let c = s.at(0.5);
        let m = &g["confusion_matrix_at_0.5"];
        assert_eq!([c.tn, c.fp, c.fn_, c.tp].map(|x| x as u64), ["tn", "fp", "fn", "tp"].map(|k| m[k].as_u64().unwrap()), "{key}");
    }
}
