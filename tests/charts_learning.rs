//! The charts of the neural-network cards through their SVG: learning curves, the network,
//! the data loader, the decision boundary and the loss surface. Set CHARTS_SVG_DIR to keep
//! the SVGs.

use crate::common;

use atelier::plot::*;
use common::svg::{self, has_all, light, lines_with, BLUE, ORANGE};
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

// ---- decision boundary ----

/// A logistic score σ(2(x + y)) on a 60 × 40 grid over -3..3 × -2..2, and 40 points: class 0
/// (positive) where x + y > 0, the 4 nearest the line given the wrong class.
fn boundary() -> DecisionBoundary {
    let (nx, ny) = (60, 40);
    let mut values = Vec::new();
    for j in 0..ny {
        for i in 0..nx {
            let (x, y) = (-3.0 + 6.0 * i as f64 / (nx - 1) as f64, -2.0 + 4.0 * j as f64 / (ny - 1) as f64);
            values.push(1.0 / (1.0 + (-2.0 * (x + y)).exp()));
        }
    }
    let (mut x, mut y, mut classes, mut misclassified) = (vec![], vec![], vec![], vec![]);
    for k in 0..40 {
        let (px, py) = (-2.8 + 0.14 * k as f64, 1.8 * ((k * 7 % 40) as f64 / 20.0 - 1.0));
        let wrong = (px + py).abs() < 0.2;
        x.push(px);
        y.push(py);
        classes.push(u32::from((px + py > 0.0) == wrong));
        misclassified.push(wrong);
    }
    DecisionBoundary {
        title: "Frontière de décision".into(),
        x_title: "longueur du pétale".into(),
        y_title: "largeur du pétale".into(),
        class_names: vec!["virginica".into(), "autre".into()],
        scores: Grid { nx, ny, x_range: [-3.0, 3.0], y_range: [-2.0, 2.0], values },
        score_range: [0.0, 1.0],
        threshold: 0.5,
        x,
        y,
        classes,
        misclassified,
        misclassified_label: "mal classé".into(),
        threshold_label: "seuil 0,5".into(),
    }
}

#[test]
fn decision_boundary_draws_the_points_the_rings_and_the_threshold_line() {
    let chart = boundary();
    let (svg, f) = render("boundary", |a| draw_boundary(a, &chart, &light()).unwrap());
    has_all(&svg, &["Frontière de décision", "longueur du pétale", "largeur du pétale", "virginica", "autre", "mal classé", "seuil 0,5"]);
    let positives = chart.classes.iter().filter(|&&c| c == 0).count();
    assert_eq!(lines_with(&svg, "<circle", BLUE), positives);
    assert_eq!(lines_with(&svg, "<circle", ORANGE), 40 - positives);
    let wrong = chart.misclassified.iter().filter(|&&w| w).count();
    assert!(wrong > 0);
    // Dots, their outlines, and one ring per misclassified point.
    assert_eq!(svg.matches("<circle").count(), 80 + wrong);
    // The line x + y = 0 crosses the grid: one contour segment per crossed cell.
    assert!(lines_with(&svg, "<polyline", "stroke=\"#222222\"") > 40);
    assert_eq!((f.x_min, f.x_max, f.y_min, f.y_max), (-3.0, 3.0, -2.0, 2.0));
    small("boundary-small", |a| draw_boundary(a, &chart, &french()).unwrap());
}

#[test]
fn a_decision_function_colour_key_writes_its_range_and_threshold_with_a_comma() {
    let mut chart = boundary();
    for v in &mut chart.scores.values {
        *v = 4.0 * *v - 2.0;
    }
    (chart.score_range, chart.threshold) = ([-2.0, 2.0], 0.5);
    let (svg, _) = render("boundary-svm", |a| draw_boundary(a, &chart, &french()).unwrap());
    has_all(&svg, &[">\n-2\n<", ">\n2\n<", ">\n0,5\n<"]);
}

#[test]
fn decision_boundary_survives_empty_short_and_non_finite_data() {
    let mut bad = boundary();
    bad.scores.values[100] = f64::NAN;
    bad.scores.values.truncate(500);
    bad.x[3] = f64::INFINITY;
    bad.x[4] = 99.0;
    bad.classes.truncate(10);
    bad.misclassified.clear();
    bad.threshold = f64::NAN;
    let empty = DecisionBoundary {
        scores: Grid { nx: 0, ny: 0, x_range: [f64::NAN, 1.0], y_range: [1.0, 1.0], values: vec![] },
        score_range: [1.0, 0.0],
        x: vec![],
        y: vec![],
        classes: vec![],
        misclassified: vec![],
        ..boundary()
    };
    for (i, chart) in [bad, empty].iter().enumerate() {
        let (svg, f) = render(&format!("boundary-edge-{i}"), |a| draw_boundary(a, chart, &light()).unwrap());
        assert!(svg.contains("Frontière de décision"));
        assert!(f.width > 0 && f.x_max > f.x_min, "{f:?}");
    }
}

// ---- loss surface ----

/// L(w, b) = (w − 1)² + 4 (b + 0.5)² + 0.01 on 80 × 80 nodes over -2..3 × -3..2, and gradient
/// descent from (-1.5, 1.5) with a small step (converges) and a large one (diverges).
fn surface() -> LossSurface {
    let loss = |w: f64, b: f64| (w - 1.0).powi(2) + 4.0 * (b + 0.5).powi(2) + 0.01;
    let n = 80;
    let values = (0..n).flat_map(|j| (0..n).map(move |i| loss(-2.0 + 5.0 * i as f64 / 79.0, -3.0 + 5.0 * j as f64 / 79.0))).collect();
    let descend = |rate: f64, steps: usize| {
        let mut p = [-1.5, 1.5];
        let mut points = vec![p];
        for _ in 0..steps {
            p = [p[0] - rate * 2.0 * (p[0] - 1.0), p[1] - rate * 8.0 * (p[1] + 0.5)];
            points.push(p);
        }
        points
    };
    LossSurface {
        title: "Surface de perte".into(),
        x_title: "poids w".into(),
        y_title: "biais b".into(),
        loss: Grid { nx: n, ny: n, x_range: [-2.0, 3.0], y_range: [-3.0, 2.0], values },
        levels: 10,
        paths: vec![
            DescentPath { label: "taux 0,05".into(), points: descend(0.05, 40), diverged: false },
            DescentPath { label: "taux 0,3".into(), points: descend(0.3, 12), diverged: true },
        ],
        diverged_label: "diverge".into(),
        minimum: Some([1.0, -0.5]),
        minimum_label: "minimum".into(),
    }
}

#[test]
fn loss_surface_draws_bands_iso_lines_paths_and_their_markers() {
    let chart = surface();
    let (svg, f) = render("descent", |a| draw_descent(a, &chart, &light()).unwrap());
    has_all(&svg, &["Surface de perte", "poids w", "biais b", "taux 0,05", "taux 0,3", "diverge", "minimum"]);
    // Path 0 (vermillion): one polyline, a start ring, an end dot. Path 1 (blue) zigzags in b
    // and leaves the window a few times: clipped pieces, a start ring, no end dot, a cross
    // where it leaves for good.
    assert_eq!(lines_with(&svg, "<polyline", "stroke=\"#D55E00\""), 1);
    assert_eq!(lines_with(&svg, "<circle", "stroke=\"#D55E00\""), 1);
    assert_eq!(lines_with(&svg, "<circle", "fill=\"#D55E00\""), 1);
    assert!(lines_with(&svg, "<polyline", BLUE_LINE) >= 2 + 2, "pieces of the path and the cross's two strokes");
    assert_eq!(lines_with(&svg, "<circle", BLUE_LINE), 1);
    assert_eq!(lines_with(&svg, "<circle", BLUE), 0);
    assert_eq!((f.x_min, f.x_max, f.y_min, f.y_max), (-2.0, 3.0, -3.0, 2.0));
    small("descent-small", |a| draw_descent(a, &chart, &french()).unwrap());
}

#[test]
fn loss_surface_key_writes_levels_with_a_decimal_comma() {
    let (svg, _) = render("descent-fr", |a| draw_descent(a, &surface(), &french()).unwrap());
    has_all(&svg, &[">\n0,015\n<", ">\n0,71\n<"]);
}

#[test]
fn loss_surface_survives_non_finite_paths_and_an_empty_grid() {
    let mut bad = surface();
    bad.paths[0].points.insert(3, [f64::NAN, 0.0]);
    bad.paths[1].points = vec![[1e300, -1e300], [f64::INFINITY, 0.0]];
    bad.paths.push(DescentPath { label: "vide".into(), points: vec![], diverged: true });
    bad.loss.values[5] = f64::NAN;
    bad.minimum = Some([f64::NAN, 0.0]);
    let empty = LossSurface { loss: Grid { nx: 3, ny: 0, x_range: [0.0, 0.0], y_range: [0.0, 1.0], values: vec![] }, levels: 0, ..surface() };
    for (i, chart) in [bad, empty].iter().enumerate() {
        let (svg, f) = render(&format!("descent-edge-{i}"), |a| draw_descent(a, chart, &light()).unwrap());
        assert!(svg.contains("Surface de perte"));
        assert!(f.width > 0 && f.x_max > f.x_min, "{f:?}");
    }
}

// ---- data loader ----

/// `n` shuffled rows, every third one of class 1; batches of `size`; batch 4 being learnt.
fn loader(n: usize, size: usize) -> LoaderStrip {
    LoaderStrip {
        title: "Chargeur de données".into(),
        classes: (0..n).map(|i| u32::from((i * 7919) % 3 == 0)).collect(),
        class_names: vec!["oui".into(), "non".into()],
        batch_size: size,
        batch: Some(4),
        train_label: "entraînement, ordre mélangé".into(),
        progress_label: "époque 3 · lot 5 / 10".into(),
        end_label: "chaque lot vu une fois".into(),
        validation_rows: n / 4,
        validation_label: "validation — jamais utilisée pour les mises à jour".into(),
    }
}

#[test]
fn loader_strip_draws_one_cell_per_row_dims_done_batches_and_ticks_boundaries() {
    let chart = loader(100, 10);
    let (svg, f) = render("loader", |a| draw_loader(a, &chart, &light()).unwrap());
    has_all(&svg, &["Chargeur de données", "oui", "non", "entraînement, ordre mélangé · n = 100", "époque 3 · lot 5 / 10", "chaque lot vu une fois"]);
    has_all(&svg, &["validation — jamais utilisée pour les mises à jour · n = 25"]);
    // Rows of batches 4..9 keep their colour (60 rows), batches 0..3 are dimmed; plus legend.
    let bright = |class: u32| (40..100).filter(|&i| chart.classes[i] == class).count();
    assert_eq!(lines_with(&svg, "<rect", BLUE), bright(0) + 1);
    assert_eq!(lines_with(&svg, "<rect", ORANGE), bright(1) + 1);
    // Nine batch boundaries, plus the end-of-epoch bar.
    assert_eq!(svg.matches("<polyline").count(), 9 + 1);
    assert_eq!((f.x_min, f.x_max), (0.0, 100.0));
    let (x, _) = f.data_at(f64::from(f.left) + f64::from(f.width) * 0.455, f64::from(f.top));
    assert_eq!(x.floor(), 45.0);
    small("loader-small", |a| draw_loader(a, &chart, &french()).unwrap());
}

#[test]
fn fifty_thousand_rows_aggregate_into_pixel_columns() {
    let chart = LoaderStrip { batch: None, ..loader(50_000, 64) };
    let (svg, f) = render("loader-large", |a| draw_loader(a, &chart, &light()).unwrap());
    // At most two classes per pixel column, not 50,000 rectangles.
    assert!(svg.matches("<rect").count() <= 2 * f.width as usize + 10, "{}", svg.matches("<rect").count());
    // Epoch over: every batch done, so no bright cell is left (the legend swatches only).
    assert_eq!(lines_with(&svg, "<rect", BLUE), 1);
    has_all(&svg, &["n = 50000"]);
}

#[test]
fn loader_strip_survives_no_row_and_odd_batches() {
    let cases = [loader(0, 10), LoaderStrip { batch_size: 0, batch: Some(99), ..loader(7, 0) }, LoaderStrip { classes: vec![0, 5, 1], ..loader(3, 2) }];
    for (i, chart) in cases.iter().enumerate() {
        let (svg, f) = render(&format!("loader-edge-{i}"), |a| draw_loader(a, chart, &light()).unwrap());
        assert!(svg.contains("Chargeur de données"));
        assert!(f.width > 0 && f.x_max > f.x_min, "{f:?}");
    }
}

// ---- network ----

/// 4 inputs → 16 ReLU → 8 ReLU → 3 softmax.
fn network() -> NetworkDiagram {
    let layer = |name: &str, units, activation: &str, parameters| Layer { name: name.into(), units, activation: activation.into(), parameters };
    NetworkDiagram {
        title: "Réseau".into(),
        layers: vec![layer("entrée", 4, "", 0), layer("cachée 1", 16, "ReLU", 80), layer("cachée 2", 8, "ReLU", 136), layer("sortie", 3, "softmax", 27)],
        units_label: "neurones".into(),
        parameters_label: "paramètres".into(),
        activations: None,
        value_title: "valeur".into(),
    }
}

#[test]
fn network_draws_each_layer_with_at_most_ten_rows_and_its_figures() {
    let (svg, f) = render("network", |a| draw_network(a, &network(), &light()).unwrap());
    has_all(&svg, &["Réseau", "entrée", "cachée 1", "sortie", "16 neurones", "ReLU", "softmax", "136 paramètres", "⋮"]);
    // 4 + 9 (16 elided) + 8 + 3 units, each a fill and an outline.
    assert_eq!(lines_with(&svg, "<circle", BLUE), 24);
    assert_eq!(svg.matches("<circle").count(), 48);
    // Edges between shown units: 4·9 + 9·8 + 8·3.
    assert_eq!(svg.matches("<polyline").count(), 36 + 72 + 24);
    assert_eq!((f.x_categories, f.y_categories), (Some(4), Some(10)));
}

#[test]
fn a_forward_pass_colours_the_units_and_writes_their_values_with_a_comma() {
    let mut chart = network();
    chart.activations = Some(vec![vec![0.5, -1.25, 2.0, 0.0], (0..16).map(|i| i as f64 / 4.0).collect(), vec![f64::NAN; 8], vec![0.1, 0.7, 0.2]]);
    let (svg, _) = render("network-values", |a| draw_network(a, &chart, &french()).unwrap());
    has_all(&svg, &[">\n0,50\n<", ">\n-1,25\n<", ">\n3,75\n<", ">\n0,70\n<", "valeur", ">\n—\n<"]);
    assert_eq!(lines_with(&svg, "<circle", BLUE), 0, "coloured by value, not by class");
    small("network-small", |a| draw_network(a, &chart, &light()).unwrap());
}

#[test]
fn network_survives_no_layer_and_short_activations() {
    let cases = [NetworkDiagram { layers: vec![], ..network() }, NetworkDiagram { activations: Some(vec![vec![f64::INFINITY]]), ..network() }];
    for (i, chart) in cases.iter().enumerate() {
        let (svg, f) = render(&format!("network-edge-{i}"), |a| draw_network(a, chart, &light()).unwrap());
        assert!(svg.contains("Réseau"));
        assert!(f.width > 0, "{f:?}");
    }
}
