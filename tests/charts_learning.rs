//! The charts of the neural-network cards through their SVG: learning curves, the network,
//! the data loader, the decision boundary and the loss surface. Set CHARTS_SVG_DIR to keep
//! the SVGs.

mod common;

use atelier::plot::*;
use common::svg::{self, has_all, light, lines_with};
use plotters::coord::Shift;
use plotters::prelude::*;

const W: u32 = 960;
const H: u32 = 540;

fn render(name: &str, draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Frame) -> (String, Frame) {
    svg::render(name, (W, H), draw)
}

fn small(name: &str, draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Frame) -> (String, Frame) {
    svg::render(name, (640, 400), draw)
}

fn french() -> Theme {
    light().with_decimal_comma(true)
}

/// Strokes of one colour (polylines, as the SVG backend writes paths).
const BLUE_LINE: &str = "stroke=\"#0072B2\"";
const ORANGE_LINE: &str = "stroke=\"#E69F00\"";

// ---- learning curves ----

fn curves(n: usize, max_epochs: usize) -> LearningCurves {
    let epochs = (1..=n)
        .map(|e| {
            let t = e as f64;
            EpochPoint {
                epoch: t,
                train_loss: 0.7 / t.sqrt(),
                train_accuracy: 1.0 - 0.4 / t.sqrt(),
                val_loss: Some(0.7 / t.sqrt() + 0.002 * t),
                val_accuracy: Some(0.95 - 0.4 / t.sqrt()),
            }
        })
        .collect();
    LearningCurves {
        title: "Courbes d’apprentissage".into(),
        loss_title: "Perte".into(),
        accuracy_title: "Exactitude".into(),
        x_title: "époque".into(),
        loss_y_title: "entropie croisée".into(),
        accuracy_y_title: "part correcte".into(),
        train_label: "entraînement".into(),
        validation_label: "validation".into(),
        epochs,
        max_epochs,
        best: Some(EpochMarker { epoch: 18.0, label: "meilleure époque (18)".into() }),
        early_stop: Some(EpochMarker { epoch: 23.0, label: "arrêt précoce (23)".into() }),
        overfitting: Some(EpochMarker { epoch: 12.0, label: "surapprentissage".into() }),
    }
}

#[test]
fn learning_curves_draw_two_panels_four_series_and_the_markers() {
    let (svg, f) = render("epochs", |a| draw_epochs(a, &curves(30, 50), &light()).unwrap());
    has_all(&svg, &["Courbes d’apprentissage", "Perte", "Exactitude", "époque", "entropie croisée", "part correcte"]);
    has_all(&svg, &["entraînement", "validation", "meilleure époque (18)", "arrêt précoce (23)", "surapprentissage"]);
    // Train and validation: one path in each panel.
    assert_eq!(lines_with(&svg, "<polyline", BLUE_LINE), 2);
    assert_eq!(lines_with(&svg, "<polyline", ORANGE_LINE), 2);
    assert_eq!((f.x_min, f.x_max, f.y_min, f.y_max), (1.0, 50.0, 0.0, 1.0), "x fixed to 1..maxEpochs");
    let (x, _) = f.data_at(f64::from(f.left + f.width), f64::from(f.top));
    assert_eq!(x.round(), 50.0);
    small("epochs-small", |a| draw_epochs(a, &curves(500, 500), &french()).unwrap());
}

#[test]
fn learning_curves_without_validation_have_one_legend_entry() {
    let mut chart = curves(5, 20);
    for e in &mut chart.epochs {
        (e.val_loss, e.val_accuracy) = (None, None);
    }
    chart.best = None;
    let (svg, _) = render("epochs-train-only", |a| draw_epochs(a, &chart, &light()).unwrap());
    assert!(!svg.contains(">\nvalidation\n<"));
    assert_eq!(lines_with(&svg, "<polyline", ORANGE_LINE), 0);
    assert!(!svg.contains("meilleure"));
}

#[test]
fn a_diverging_run_keeps_its_axes_and_breaks_its_curve() {
    let mut chart = curves(12, 20);
    chart.epochs[6].train_loss = 1e30;
    chart.epochs[8].train_loss = f64::NAN;
    chart.epochs[9].train_loss = f64::INFINITY;
    chart.epochs[9].val_accuracy = Some(f64::NAN);
    let (svg, _) = render("epochs-diverged", |a| draw_epochs(a, &chart, &french()).unwrap());
    // The loss axis stays at the scale of the first epochs (0,7 × 3 at most).
    assert!(!svg.contains("e29") && !svg.contains("e30"), "axis blown up by the 1e30 loss");
    has_all(&svg, &[">\n0,5\n<"]);
    // Train loss: epochs 1–8 (the 1e30 one clamped to the top), then 11–12.
    assert_eq!(lines_with(&svg, "<polyline", BLUE_LINE), 3);
}

#[test]
fn learning_curves_survive_no_epoch() {
    for (i, chart) in [curves(0, 0), curves(1, 1), LearningCurves { early_stop: Some(EpochMarker { epoch: f64::NAN, label: "x".into() }), ..curves(0, 10) }].iter().enumerate() {
        let (svg, f) = render(&format!("epochs-empty-{i}"), |a| draw_epochs(a, chart, &light()).unwrap());
        assert!(svg.contains("Perte"));
        assert!(f.width > 0 && f.x_max > f.x_min, "{f:?}");
    }
}
