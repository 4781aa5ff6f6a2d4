//! The cross-validation chart through its SVG: a row per metric with its name, one dot per
//! fold and metric in the series' colour (nulls skipped), the mean ± std written beside each
//! row (with a decimal comma in French), a legend for two series only, the categorical `Frame`,
//! and no panic on empty or bad figures. Set CHARTS_SVG_DIR to keep the SVGs.

use crate::common;

use atelier::plot::*;
use common::svg::{self, has_all, light, lines_with, BLUE, ORANGE};

const W: u32 = 760;
const H: u32 = 360;

fn render(name: &str, chart: &CvChart, theme: &Theme) -> (String, Frame) {
    svg::render(name, (W, H), |a| draw_cv(a, chart, theme).unwrap())
}

/// The page’s short names (the axis cuts names past 14 characters; the table has the long ones).
const METRICS: [&str; 6] = ["Justesse", "Précision", "Rappel", "F1", "AUC ROC", "Précision moy."];

/// `k` folds of six metrics around `base`; the AUC and average precision of `null_fold` (if any)
/// are null, as on a fold holding one class.
fn series(name: &str, k: usize, base: f64, null_fold: Option<usize>) -> CvSeries {
    let folds: Vec<Vec<Option<f64>>> = (0..METRICS.len())
        .map(|m| {
            (0..k)
                .map(|f| if m >= 4 && Some(f) == null_fold { None } else { Some(base - 0.01 * m as f64 + 0.005 * f as f64) })
                .collect()
        })
        .collect();
    let stat = |values: &[Option<f64>], f: fn(&[f64]) -> f64| {
        let v: Vec<f64> = values.iter().flatten().copied().collect();
        (!v.is_empty()).then(|| f(&v))
    };
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let std = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len() as f64).sqrt()
    };
    CvSeries {
        name: name.into(),
        mean: folds.iter().map(|f| stat(f, mean)).collect(),
        std: folds.iter().map(|f| stat(f, std)).collect(),
        folds,
    }
}

fn chart(series: Vec<CvSeries>) -> CvChart {
    CvChart {
        title: "Validation croisée : les scores de chaque pli".into(),
        x_title: "score (0 à 1)".into(),
        metrics: METRICS.iter().map(|m| m.to_string()).collect(),
        series,
    }
}

#[test]
fn one_dot_per_fold_and_metric_with_names_and_no_legend_for_one_series() {
    let (svg, f) = render("cv", &chart(vec![series("préparation par pli", 5, 0.95, None)]), &light());
    has_all(&svg, &["Validation croisée : les scores de chaque pli", "score (0 à 1)"]);
    for m in METRICS {
        assert!(svg.contains(&format!(">\n{m}\n<")), "metric {m} not named");
    }
    assert_eq!(lines_with(&svg, "<circle", BLUE), 5 * 6, "a dot per fold and metric");
    assert_eq!(lines_with(&svg, "<circle", ORANGE), 0);
    assert!(!svg.contains("préparation par pli"), "no legend for one series");
    // Each row's mean ± std beside it: accuracy's folds are 0.95 … 0.97.
    assert!(svg.contains("0.960 ± 0.007"), "accuracy's mean ± std");
    assert_eq!((f.x_min, f.x_max), (0.0, 1.0));
    assert_eq!(f.y_categories, Some(6));
    assert!(f.left >= 0 && f.top >= 0 && f.left + f.width <= W as i32 && f.top + f.height <= H as i32, "{f:?}");
    // The top row reads back as metric 0, the bottom one as metric 5 (the page's readout).
    let (_, y) = f.data_at(f64::from(f.left), f64::from(f.top) + 1.0);
    assert_eq!(y.floor(), 0.0);
    let (_, y) = f.data_at(f64::from(f.left), f64::from(f.top + f.height) - 1.0);
    assert_eq!(y.floor(), 5.0);
}

#[test]
fn two_series_each_in_its_colour_with_a_legend() {
    let honest = series("préparation par pli", 5, 0.93, None);
    let leaky = series("préparation sur toutes les lignes (fuite)", 5, 0.96, None);
    let (svg, _) = render("cv-leak", &chart(vec![honest, leaky]), &light());
    has_all(&svg, &["préparation par pli", "préparation sur toutes les lignes (fuite)"]);
    assert_eq!(lines_with(&svg, "<circle", BLUE), 30);
    assert_eq!(lines_with(&svg, "<circle", ORANGE), 30);
    // The legend's swatches, the long name whole.
    assert_eq!(lines_with(&svg, "<rect", BLUE), 1);
    assert_eq!(lines_with(&svg, "<rect", ORANGE), 1);
}

#[test]
fn null_scores_are_skipped() {
    // Fold 3 holds one class: no ROC AUC, no average precision there.
    let (svg, _) = render("cv-null", &chart(vec![series("", 4, 0.9, Some(2))]), &light());
    assert_eq!(lines_with(&svg, "<circle", BLUE), 4 * 6 - 2);
    // A metric with no value at all: no dot, no label, no panic.
    let mut s = series("", 3, 0.9, None);
    s.folds[4] = vec![None; 3];
    s.mean[4] = None;
    s.std[4] = None;
    s.folds[0][1] = Some(f64::NAN);
    let (svg, _) = render("cv-empty-metric", &chart(vec![s]), &light());
    assert_eq!(lines_with(&svg, "<circle", BLUE), 3 * 6 - 3 - 1);
}

#[test]
fn french_numbers_take_a_decimal_comma() {
    let (svg, _) = render("cv-fr", &chart(vec![series("", 5, 0.95, None)]), &light().with_decimal_comma(true));
    assert!(svg.contains("0,960 ± 0,007"), "mean ± std with a comma");
    assert!(svg.contains(">\n0,2\n<"), "axis tick with a comma");
    assert!(!svg.contains("0.960"));
}

#[test]
fn empty_or_ragged_charts_do_not_panic() {
    render("cv-nothing", &chart(vec![]), &light());
    let ragged = CvSeries { name: "x".into(), folds: vec![vec![Some(0.5)]], mean: vec![], std: vec![Some(0.1); 9] };
    let (svg, _) = render("cv-ragged", &chart(vec![ragged]), &light());
    assert_eq!(lines_with(&svg, "<circle", BLUE), 1);
    let none = CvChart { metrics: vec![], ..chart(vec![series("", 2, 0.5, None)]) };
    render("cv-no-metrics", &none, &light());
}
