//! The hyperparameter search chart through its SVG: a dot per scored trial in the first colour,
//! the running best as one step line in the second, both named in the legend, axis titles, a
//! frame over the trials 1..n that does not move as trials arrive, and no panic on missing
//! scores or no trial at all. Set CHARTS_SVG_DIR to keep the SVGs.

use crate::common;

use atelier::plot::*;
use common::svg::{self, has_all, light, lines_with, BLUE, ORANGE};

const W: u32 = 720;
const H: u32 = 320;

fn chart(scores: Vec<Option<f64>>, max_trials: usize) -> SearchChart {
    SearchChart {
        title: "Recherche : score de chaque essai".into(),
        x_title: "essai".into(),
        y_title: "AUC ROC (moyenne des plis)".into(),
        trial_label: "essai".into(),
        best_label: "meilleur jusqu'ici".into(),
        scores,
        max_trials,
    }
}

fn render(name: &str, chart: &SearchChart) -> (String, Frame) {
    svg::render(name, (W, H), |a| draw_search(a, chart, &light()).unwrap())
}

#[test]
fn a_dot_per_trial_and_one_best_line_with_titles_and_legend() {
    let scores = vec![Some(0.91), Some(0.95), Some(0.93), Some(0.97), Some(0.96), Some(0.94)];
    let (svg, f) = render("search", &chart(scores, 6));
    has_all(&svg, &["Recherche : score de chaque essai", "AUC ROC (moyenne des plis)", "meilleur jusqu"]);
    assert_eq!(lines_with(&svg, "<circle", BLUE), 6, "a dot per trial");
    // The legend's two swatches, and the step line: one polyline in the second colour.
    assert_eq!(lines_with(&svg, "<rect", BLUE), 1);
    assert_eq!(lines_with(&svg, "<rect", ORANGE), 1);
    assert_eq!(svg.lines().filter(|l| l.contains("<polyline") && l.contains("#E69F00")).count(), 1, "one running-best line");
    assert_eq!((f.x_min, f.x_max), (0.5, 6.5));
    assert!(f.y_min <= 0.91 && f.y_max >= 0.97 && f.y_max <= 1.0, "y spans the scores within 0..1: {f:?}");
}

#[test]
fn the_frame_is_fixed_by_the_budget_while_trials_arrive() {
    let (_, early) = render("search-early", &chart(vec![Some(0.8), Some(0.85)], 20));
    assert_eq!((early.x_min, early.x_max), (0.5, 20.5));
}

#[test]
fn missing_scores_are_skipped_and_nothing_panics() {
    let (svg, _) = render("search-missing", &chart(vec![None, Some(0.7), Some(f64::NAN), Some(0.8)], 4));
    assert_eq!(lines_with(&svg, "<circle", BLUE), 2);
    let (svg, f) = render("search-none", &chart(vec![], 0));
    assert_eq!(lines_with(&svg, "<circle", BLUE), 0);
    assert!(f.x_max > f.x_min && f.y_max > f.y_min);
    render("search-one", &chart(vec![Some(1.0)], 1));
}
