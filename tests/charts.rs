//! Every chart through its SVG: titles, one mark per datum, legends, the returned `Frame`, and
//! no panic on empty, single-valued or non-finite data. Set CHARTS_SVG_DIR to keep the SVGs.

use crate::common;

use atelier::plot::*;
use common::svg::{self, has_all, light, BLUE, ORANGE};
use plotters::coord::Shift;
use plotters::prelude::*;

const W: u32 = 640;
const H: u32 = 420;

fn render(name: &str, draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Frame) -> (String, Frame) {
    svg::render(name, (W, H), draw)
}

/// The plotting area lies inside the canvas and its ranges cover `x` and `y`.
fn frame_covers(f: &Frame, x: (f64, f64), y: (f64, f64)) {
    assert!(f.left >= 0 && f.top >= 0 && f.width > 0 && f.height > 0, "{f:?}");
    assert!(f.left + f.width <= W as i32 && f.top + f.height <= H as i32, "{f:?}");
    let (xs, ys) = ((f.x_min.min(f.x_max), f.x_min.max(f.x_max)), (f.y_min.min(f.y_max), f.y_min.max(f.y_max)));
    assert!(xs.0 <= x.0 && x.1 <= xs.1, "x {x:?} outside {f:?}");
    assert!(ys.0 <= y.0 && y.1 <= ys.1, "y {y:?} outside {f:?}");
}

fn lines_with(svg: &str, tag: &str, colour: &str) -> usize {
    svg.lines().filter(|l| l.contains(tag) && l.contains(colour)).count()
}

// ---- bars ----

#[test]
fn class_balance_bars_return_a_categorical_frame() {
    let chart = BarChart {
        title: "Équilibre des classes".into(),
        x_title: "malade".into(),
        y_title: "effectif".into(),
        labels: vec!["oui".into(), "non".into(), "manquant".into()],
        values: vec![120.0, 80.0, 3.0],
        highlight: Some(2),
    };
    let (svg, f) = render("bars", |a| draw_bars(a, &chart, &light()).unwrap());
    has_all(&svg, &["Équilibre des classes", "malade", "effectif", "manquant", ">\n120\n<"]);
    assert_eq!(lines_with(&svg, "<rect", BLUE), 2);
    assert_eq!(lines_with(&svg, "<rect", ORANGE), 1);
    assert_eq!(f.x_categories, Some(3));
    frame_covers(&f, (0.0, 3.0), (0.0, 120.0));
    // The middle of the second bar reads back as category 1.
    let (x, _) = f.data_at(f64::from(f.left) + f64::from(f.width) * 0.5, f64::from(f.top + f.height));
    assert_eq!(x.floor(), 1.0);
}

// ---- histogram ----

fn two_class_histogram() -> Histogram {
    Histogram {
        title: "Âge par classe".into(),
        x_title: "âge".into(),
        y_title: "effectif".into(),
        edges: vec![20.0, 30.0, 40.0, 50.0, 60.0],
        series: vec![
            HistogramSeries { name: "malade".into(), counts: vec![1.0, 4.0, 9.0, 5.0] },
            HistogramSeries { name: "sain".into(), counts: vec![6.0, 8.0, 3.0, 0.0] },
        ],
    }
}

#[test]
fn histogram_overlaps_one_translucent_bar_per_non_empty_bin_with_a_legend() {
    let (svg, f) = render("histogram", |a| draw_histogram(a, &two_class_histogram(), &light()).unwrap());
    has_all(&svg, &["Âge par classe", "âge", "effectif", ">\nmalade\n<", ">\nsain\n<"]);
    // Bars (filled, translucent) + one legend swatch per class.
    assert_eq!(lines_with(&svg, "<rect", &format!("opacity=\"0.45\" {BLUE}")), 4);
    assert_eq!(lines_with(&svg, "<rect", &format!("opacity=\"0.45\" {ORANGE}")), 3);
    assert_eq!(lines_with(&svg, "<rect", &format!("opacity=\"1\" {BLUE}")), 1, "legend swatch");
    assert_eq!(f.x_categories, None);
    frame_covers(&f, (20.0, 60.0), (0.0, 9.0));
}

#[test]
fn histogram_survives_bad_and_missing_data() {
    let cases = [
        Histogram { edges: vec![], series: vec![], ..two_class_histogram() },
        Histogram { edges: vec![1.0], series: vec![HistogramSeries { name: String::new(), counts: vec![] }], ..two_class_histogram() },
        Histogram { edges: vec![5.0, 5.0], series: vec![HistogramSeries { name: String::new(), counts: vec![3.0] }], ..two_class_histogram() },
        Histogram {
            edges: vec![f64::NEG_INFINITY, 0.0, f64::NAN, 2.0],
            series: vec![HistogramSeries { name: "x".into(), counts: vec![1.0, f64::INFINITY, 2.0, 7.0] }],
            ..two_class_histogram()
        },
    ];
    for (i, chart) in cases.iter().enumerate() {
        let (svg, f) = render(&format!("histogram-edge-{i}"), |a| draw_histogram(a, chart, &Theme::new(true, 2.0)).unwrap());
        assert!(svg.contains("Âge par classe"));
        assert!(f.x_min.is_finite() && f.x_max > f.x_min && f.y_max > f.y_min, "{f:?}");
    }
}

// ---- box plot ----

fn boxes() -> BoxPlot {
    let group = |name: &str, shift: f64, outliers: Vec<f64>| BoxGroup {
        name: name.into(),
        q1: 40.0 + shift,
        median: 48.0 + shift,
        q3: 55.0 + shift,
        low: 25.0 + shift,
        high: 70.0 + shift,
        outliers,
    };
    BoxPlot {
        title: "Âge selon la classe".into(),
        x_title: "malade".into(),
        y_title: "âge".into(),
        groups: vec![group("oui", 5.0, vec![95.0, 120.0]), group("non", 0.0, vec![2.0])],
        by_class: true,
    }
}

#[test]
fn box_plot_draws_a_box_per_group_and_a_circle_per_outlier() {
    let (svg, f) = render("boxplot", |a| draw_boxplot(a, &boxes(), &light()).unwrap());
    has_all(&svg, &["Âge selon la classe", ">\nmalade\n<", ">\nâge\n<", ">\noui\n<", ">\nnon\n<"]);
    assert_eq!(svg.matches("<circle").count(), 3);
    // Per class: the translucent box and the legend swatch.
    assert_eq!(lines_with(&svg, "<rect", BLUE), 2);
    assert_eq!(lines_with(&svg, "<rect", ORANGE), 2);
    assert_eq!(f.x_categories, Some(2));
    frame_covers(&f, (0.0, 2.0), (2.0, 120.0));
}

#[test]
fn box_plot_survives_no_group_and_non_finite_values() {
    let nan = BoxGroup { name: "?".into(), q1: f64::NAN, median: 1.0, q3: 2.0, low: f64::NEG_INFINITY, high: 3.0, outliers: vec![f64::NAN] };
    let single = BoxGroup { name: "un".into(), q1: 4.0, median: 4.0, q3: 4.0, low: 4.0, high: 4.0, outliers: vec![] };
    for (i, groups) in [vec![], vec![nan], vec![single]].into_iter().enumerate() {
        let chart = BoxPlot { groups, by_class: false, ..boxes() };
        let (_, f) = render(&format!("boxplot-edge-{i}"), |a| draw_boxplot(a, &chart, &light()).unwrap());
        assert!(f.y_max > f.y_min, "{f:?}");
    }
}

// ---- scatter ----

#[test]
fn scatter_draws_every_finite_point_in_its_class_colour() {
    let x: Vec<f64> = (0..50).map(|i| i as f64).collect();
    let y: Vec<f64> = x.iter().map(|v| v * v - 100.0).collect();
    let classes: Vec<usize> = (0..50).map(|i| i % 2).collect();
    let chart = Scatter {
        title: "Poids et taille".into(),
        x_title: "taille".into(),
        y_title: "poids".into(),
        x: &x,
        y: &y,
        classes: Some(&classes),
        class_names: vec!["malade".into(), "sain".into()],
    };
    let (svg, f) = render("scatter", |a| draw_scatter(a, &chart, &light()).unwrap());
    has_all(&svg, &["Poids et taille", ">\ntaille\n<", ">\npoids\n<", ">\nmalade\n<", ">\nsain\n<"]);
    assert_eq!(lines_with(&svg, "<rect", &format!("opacity=\"0.7\" {BLUE}")), 25);
    assert_eq!(lines_with(&svg, "<rect", &format!("opacity=\"0.7\" {ORANGE}")), 25);
    frame_covers(&f, (0.0, 49.0), (-100.0, 49.0 * 49.0 - 100.0));
}

#[test]
fn scatter_survives_empty_single_non_finite_and_classless_data() {
    type Case<'a> = (&'a [f64], &'a [f64], Option<&'a [usize]>);
    let cases: [Case; 5] = [
        (&[], &[], None),
        (&[3.0], &[3.0], Some(&[0])),
        (&[f64::NAN, 1.0, f64::INFINITY], &[1.0, f64::NAN, 2.0], None),
        (&[1.0, 2.0, 3.0], &[1.0, 2.0], Some(&[7])),
        (&[1e300, -1e300], &[0.0, 1.0], None),
    ];
    for (i, (x, y, classes)) in cases.into_iter().enumerate() {
        let chart = Scatter { title: "s".into(), x_title: "x".into(), y_title: "y".into(), x, y, classes, class_names: vec![] };
        let (_, f) = render(&format!("scatter-edge-{i}"), |a| draw_scatter(a, &chart, &light()).unwrap());
        assert!(f.x_max > f.x_min && f.y_max > f.y_min, "{f:?}");
    }
}

#[test]
fn scatter_of_100_000_points_draws_one_rectangle_each() {
    let n = 100_000;
    let x: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1000) as f64).collect();
    let y: Vec<f64> = (0..n).map(|i| ((i * 104_729) % 977) as f64 / 3.0).collect();
    let classes: Vec<usize> = (0..n).map(|i| i % 3).collect();
    let names = vec!["a".into(), "b".into(), "c".into()];
    let chart = Scatter { title: "s".into(), x_title: "x".into(), y_title: "y".into(), x: &x, y: &y, classes: Some(&classes), class_names: names };
    let svg = to_svg(W, H, |a| {
        draw_scatter(a, &chart, &Theme::new(false, 2.0)).unwrap();
    });
    assert_eq!(svg.matches("opacity=\"0.7\"").count(), n);
}

// ---- correlation heat map ----

fn correlations() -> HeatMap {
    HeatMap {
        title: "Corrélations".into(),
        x_title: "colonne".into(),
        y_title: "colonne".into(),
        names: vec!["âge".into(), "cholestérol total mesuré à jeun".into(), "constante".into(), "poids".into()],
        values: vec![
            vec![Some(1.0), Some(0.42), None, Some(-0.31)],
            vec![Some(0.42), Some(1.0), None, Some(0.05)],
            vec![None, None, None, None],
            vec![Some(-0.31), Some(0.05), None, Some(1.0)],
        ],
    }
}

#[test]
fn heat_map_prints_every_cell_and_marks_undefined_ones() {
    let (svg, f) = render("heatmap", |a| draw_heatmap(a, &correlations(), &light()).unwrap());
    has_all(&svg, &["Corrélations", ">\ncolonne\n<", ">\nâge\n<", "cholestérol t…", ">\n-0.31\n<", ">\n0.42\n<"]);
    assert!(!svg.contains("mesuré à jeun"), "long names are cut");
    assert_eq!(svg.matches("\n—\n").count(), 7);
    assert_eq!(svg.matches("\n1.00\n").count(), 3);
    // Colour bar ticks.
    has_all(&svg, &[">\n-1\n<", ">\n0\n<", ">\n1\n<"]);
    assert_eq!((f.x_categories, f.y_categories), (Some(4), Some(4)));
    assert_eq!((f.y_min, f.y_max), (4.0, 0.0), "row 0 on top");
    frame_covers(&f, (0.0, 4.0), (0.0, 4.0));
    // The top-left corner is row 0, column 0.
    let (c, r) = f.data_at(f64::from(f.left) + 1.0, f64::from(f.top) + 1.0);
    assert_eq!((c.floor(), r.floor()), (0.0, 0.0));
}

#[test]
fn heat_map_survives_no_column_one_column_and_ragged_rows() {
    let cases = [
        HeatMap { names: vec![], values: vec![], ..correlations() },
        HeatMap { names: vec!["seule".into()], values: vec![vec![Some(1.0)]], ..correlations() },
        HeatMap { names: vec!["a".into(), "b".into()], values: vec![vec![Some(f64::INFINITY)]], ..correlations() },
    ];
    for (i, chart) in cases.iter().enumerate() {
        let (svg, f) = render(&format!("heatmap-edge-{i}"), |a| draw_heatmap(a, chart, &Theme::new(true, 1.5)).unwrap());
        assert!(svg.contains("Corrélations"));
        assert!(f.width > 0 && f.height > 0);
    }
    let (svg, _) = render("heatmap-edge-2", |a| draw_heatmap(a, &cases[2], &light()).unwrap());
    assert_eq!(svg.matches("\n—\n").count(), 4, "∞ and the missing cells are undefined");
}

#[test]
fn heat_map_of_many_columns_leaves_values_to_the_pointer() {
    let n = 60;
    let chart = HeatMap {
        names: (0..n).map(|i| format!("colonne_{i}")).collect(),
        values: (0..n).map(|r| (0..n).map(|c| Some(((r * c) % 7) as f64 / 7.0 - 0.5)).collect()).collect(),
        ..correlations()
    };
    let (svg, f) = render("heatmap-60", |a| draw_heatmap(a, &chart, &light()).unwrap());
    assert!(!svg.contains(">\n-0.50\n<"));
    assert_eq!(f.x_categories, Some(n));
}

// ---- explained variance ----

fn variance() -> ExplainedVariance {
    ExplainedVariance {
        title: "Variance expliquée".into(),
        x_title: "composante".into(),
        y_title: "part de la variance".into(),
        ratios: vec![0.55, 0.25, 0.12, 0.08],
        cumulative: vec![0.55, 0.80, 0.92, 1.0],
        ratio_name: "par composante".into(),
        cumulative_name: "cumulée".into(),
    }
}

#[test]
fn explained_variance_has_a_bar_per_component_and_the_cumulative_line() {
    let (svg, f) = render("variance", |a| draw_variance(a, &variance(), &light()).unwrap());
    has_all(&svg, &["Variance expliquée", ">\ncomposante\n<", "part de la variance", ">\nPC1\n<", ">\nPC4\n<", "cumulée"]);
    assert_eq!(lines_with(&svg, "<rect", BLUE), 5, "4 bars and the legend swatch");
    assert_eq!(svg.matches("<circle").count(), 4);
    assert_eq!(lines_with(&svg, "<polyline", "#E69F00"), 1);
    frame_covers(&f, (0.0, 4.0), (0.0, 1.0));
}

#[test]
fn explained_variance_survives_empty_and_broken_values() {
    let cases = [
        ExplainedVariance { ratios: vec![], cumulative: vec![], ..variance() },
        ExplainedVariance { ratios: vec![1.0], cumulative: vec![1.0], ..variance() },
        ExplainedVariance { ratios: vec![0.5, f64::NAN, 0.2], cumulative: vec![0.5, f64::NAN, 0.9], ..variance() },
    ];
    for (i, chart) in cases.iter().enumerate() {
        let (svg, f) = render(&format!("variance-edge-{i}"), |a| draw_variance(a, chart, &light()).unwrap());
        assert!(f.y_max >= 1.0, "{f:?}");
        if i == 2 {
            assert_eq!(lines_with(&svg, "<polyline", "#E69F00"), 2, "a gap, not a false slope");
        }
    }
}

#[test]
fn french_charts_write_numbers_with_a_decimal_comma() {
    use atelier::plot::{draw_heatmap, HeatMap};
    let map = HeatMap { title: "r".into(), x_title: String::new(), y_title: String::new(), names: vec!["a".into(), "b".into()], values: vec![vec![Some(1.0), Some(0.25)], vec![Some(0.25), Some(1.0)]] };
    let svg = atelier::plot::to_svg(400, 400, |a| { draw_heatmap(a, &map, &light().with_decimal_comma(true)).unwrap(); });
    assert!(svg.contains("0,25") && !svg.contains("0.25"), "{svg}");
}

// ---- ROC, precision–recall and the score histogram ----

/// The device pixel of data point (`x`, `y`) by the page's formula, inverted.
fn pixel_of(f: &Frame, x: f64, y: f64) -> (f64, f64) {
    let px = f64::from(f.left) + (x - f.x_min) / (f.x_max - f.x_min) * f64::from(f.width);
    let py = f64::from(f.top + f.height) - (y - f.y_min) / (f.y_max - f.y_min) * f64::from(f.height);
    (px, py)
}

/// (0, 0) and (1, 1) land inside the canvas and read back as themselves.
fn unit_square_inside(f: &Frame) {
    for (x, y) in [(0.0, 0.0), (1.0, 1.0)] {
        let (px, py) = pixel_of(f, x, y);
        assert!((0.0..f64::from(W)).contains(&px) && (0.0..f64::from(H)).contains(&py), "({x}, {y}) at ({px}, {py}): {f:?}");
        let (bx, by) = f.data_at(px, py);
        assert!((bx - x).abs() < 1e-9 && (by - y).abs() < 1e-9, "({x}, {y}) reads back as ({bx}, {by})"); // float round trip
    }
}

/// Vertex counts of the polylines stroked in `colour`.
fn paths_in(svg: &str, colour: &str) -> Vec<usize> {
    let stroke = format!("stroke=\"{colour}\"");
    svg.lines()
        .filter(|l| l.contains("<polyline") && l.contains(&stroke))
        .map(|l| l.split("points=\"").nth(1).unwrap().split('"').next().unwrap().split_whitespace().count())
        .collect()
}

fn roc() -> RocChart {
    RocChart {
        title: "Courbe ROC".into(),
        x_title: "taux de faux positifs".into(),
        y_title: "taux de vrais positifs".into(),
        fpr: vec![0.0, 0.0, 0.1, 0.1, 0.3, 0.6, 1.0],
        tpr: vec![0.0, 0.3, 0.5, 0.7, 0.85, 0.95, 1.0],
        auc: 0.85,
        auc_label: "AUC = 0,850".into(),
        marker: Some([0.1, 0.7]),
        chance_label: "hasard".into(),
    }
}

fn pr() -> PrChart {
    PrChart {
        title: "Précision–rappel".into(),
        x_title: "rappel".into(),
        y_title: "précision".into(),
        recall: vec![1.0, 0.8, 0.8, 0.5, 0.2, 0.0],
        precision: vec![0.3, 0.45, 0.6, 0.7, 0.9, 1.0],
        average_precision: 0.7,
        ap_label: "AP = 0,700".into(),
        prevalence: 0.3,
        marker: Some([0.5, 0.7]),
        chance_label: "hasard (prévalence 0,30)".into(),
    }
}

#[test]
fn roc_draws_one_path_through_every_point_the_diagonal_and_the_marker() {
    let (svg, f) = render("roc", |a| draw_roc(a, &roc(), &light()).unwrap());
    has_all(&svg, &["Courbe ROC", ">\ntaux de faux positifs\n<", ">\ntaux de vrais positifs\n<", ">\nAUC = 0,850\n<", ">\nhasard\n<"]);
    assert_eq!(paths_in(&svg, "#0072B2"), vec![7], "one path, one vertex per point");
    assert!(!paths_in(&svg, "#969696").is_empty(), "the dashed diagonal");
    assert_eq!(lines_with(&svg, "<rect", "fill=\"#969696\""), 1, "the diagonal's legend swatch");
    assert_eq!(svg.matches("<circle").count(), 2, "dot and ring");
    assert_eq!(lines_with(&svg, "<circle", BLUE), 1);
    frame_covers(&f, (0.0, 1.0), (0.0, 1.0));
    unit_square_inside(&f);
    assert!((f.width - f.height).abs() <= 1, "square: {f:?}");
    let (x, y) = pixel_of(&f, 0.1, 0.7);
    assert!(svg.contains(&format!("cx=\"{}\" cy=\"{}\"", x.round(), y.round())), "marker at its point");
}

#[test]
fn roc_without_a_marker_draws_no_circle() {
    let (svg, _) = render("roc-no-marker", |a| draw_roc(a, &RocChart { marker: None, ..roc() }, &light()).unwrap());
    assert_eq!(svg.matches("<circle").count(), 0);
    assert_eq!(paths_in(&svg, "#0072B2"), vec![7]);
}

#[test]
fn pr_draws_the_staircase_the_prevalence_line_and_the_marker() {
    let (svg, f) = render("pr", |a| draw_pr(a, &pr(), &light()).unwrap());
    has_all(&svg, &["Précision–rappel", ">\nrappel\n<", ">\nprécision\n<", ">\nAP = 0,700\n<", "hasard (prévalence 0,30)"]);
    assert_eq!(paths_in(&svg, "#0072B2"), vec![2 * 6 - 1], "steps-post: 2n − 1 vertices");
    // The chance line is horizontal, at y = prevalence.
    let (_, y) = pixel_of(&f, 0.0, 0.3);
    let dashes = paths_in(&svg, "#969696").len();
    assert!(dashes > 1, "dashed");
    let ys: Vec<f64> = svg
        .lines()
        .filter(|l| l.contains("<polyline") && l.contains("stroke=\"#969696\""))
        .flat_map(|l| l.split("points=\"").nth(1).unwrap().split('"').next().unwrap().split_whitespace().map(|p| p.split(',').nth(1).unwrap().parse::<f64>().unwrap()).collect::<Vec<_>>())
        .collect();
    assert!(ys.iter().all(|&v| (v - y).abs() <= 1.0), "chance line at {y}: {ys:?}"); // plotters rounds to whole pixels
    assert_eq!(svg.matches("<circle").count(), 2);
    frame_covers(&f, (0.0, 1.0), (0.0, 1.0));
    unit_square_inside(&f);
    let (svg, _) = render("pr-no-marker", |a| draw_pr(a, &PrChart { marker: None, ..pr() }, &light()).unwrap());
    assert_eq!(svg.matches("<circle").count(), 0);
}

#[test]
fn curves_survive_empty_non_finite_and_ragged_input() {
    let nan = f64::NAN;
    let rocs = [
        RocChart { fpr: vec![], tpr: vec![], auc: nan, auc_label: String::new(), marker: None, ..roc() },
        RocChart { fpr: vec![0.0, nan, 1.0, f64::INFINITY], tpr: vec![0.0, 0.5, 1.0, 1.0], marker: Some([nan, 0.5]), ..roc() },
        RocChart { fpr: vec![0.0, 0.5, 1.0], tpr: vec![0.0], marker: None, ..roc() },
    ];
    let theme = Theme::new(true, 2.0);
    for (i, chart) in rocs.iter().enumerate() {
        let (svg, f) = render(&format!("roc-edge-{i}"), |a| draw_roc(a, chart, &theme).unwrap());
        assert!(svg.contains("Courbe ROC") && svg.contains(">\ntaux de faux positifs\n<"));
        assert_eq!(svg.matches("<circle").count(), 0, "no marker at NaN");
        assert_eq!(paths_in(&svg, "#0072B2"), if i == 1 { vec![2] } else { vec![] }, "case {i}");
        unit_square_inside(&f);
    }
    let prs = [
        PrChart { recall: vec![], precision: vec![], average_precision: nan, ap_label: String::new(), prevalence: nan, marker: None, ..pr() },
        PrChart { recall: vec![1.0, nan, 0.5, 0.0], precision: vec![0.4, 0.5, f64::NEG_INFINITY, 1.0], ..pr() },
    ];
    for (i, chart) in prs.iter().enumerate() {
        let (svg, f) = render(&format!("pr-edge-{i}"), |a| draw_pr(a, chart, &theme).unwrap());
        assert!(svg.contains("Précision–rappel"));
        assert_eq!(paths_in(&svg, "#0072B2"), if i == 1 { vec![3] } else { vec![] }, "case {i}");
        if i == 0 {
            assert!(!svg.contains("hasard") && !svg.contains("AP"), "no chance line, no value: no legend");
        }
        unit_square_inside(&f);
    }
}

fn scores() -> ScoreHistogram {
    ScoreHistogram {
        histogram: Histogram {
            title: "Scores par classe".into(),
            x_title: "score".into(),
            y_title: "effectif".into(),
            edges: vec![0.0, 0.25, 0.5, 0.75, 1.0],
            series: vec![
                HistogramSeries { name: "malade".into(), counts: vec![1.0, 2.0, 3.0, 4.0] },
                HistogramSeries { name: "sain".into(), counts: vec![4.0, 3.0, 2.0, 1.0] },
            ],
        },
        threshold: Some(0.4),
        threshold_label: "seuil 0,40".into(),
    }
}

/// The threshold line: the only 2-pixel-wide stroke in the text colour (axes are 1 pixel).
fn threshold_lines(svg: &str) -> Vec<String> {
    svg.lines().filter(|l| l.contains("<polyline") && l.contains("stroke=\"#222222\" stroke-width=\"2\"")).map(String::from).collect()
}

#[test]
fn score_histogram_draws_the_threshold_as_a_labelled_vertical_line() {
    let (svg, f) = render("scores", |a| draw_score_histogram(a, &scores(), &light()).unwrap());
    has_all(&svg, &["Scores par classe", ">\nscore\n<", ">\nmalade\n<", ">\nsain\n<", ">\nseuil 0,40\n<"]);
    assert_eq!(lines_with(&svg, "<rect", &format!("opacity=\"0.45\" {BLUE}")), 4, "the histogram as before");
    let lines = threshold_lines(&svg);
    assert_eq!(lines.len(), 1);
    let x = pixel_of(&f, 0.4, 0.0).0.round();
    assert!(lines[0].contains(&format!("points=\"{x},{} {x},{} \"", f.top, f.top + f.height)), "{}", lines[0]);
    frame_covers(&f, (0.0, 1.0), (0.0, 4.0));
}

#[test]
fn score_histogram_without_or_outside_a_threshold_is_the_plain_histogram() {
    let plain = render("scores-plain", |a| draw_histogram(a, &scores().histogram, &light()).unwrap());
    for threshold in [None, Some(f64::NAN), Some(3.0)] {
        let chart = ScoreHistogram { threshold, ..scores() };
        let (svg, f) = render("scores-none", |a| draw_score_histogram(a, &chart, &light()).unwrap());
        assert!(threshold_lines(&svg).is_empty() && !svg.contains("seuil"), "{threshold:?}");
        assert_eq!((&svg, f), (&plain.0, plain.1));
    }
    let empty = ScoreHistogram { histogram: Histogram { edges: vec![], series: vec![], ..scores().histogram }, ..scores() };
    let (_, f) = render("scores-empty", |a| draw_score_histogram(a, &empty, &Theme::new(true, 2.0)).unwrap());
    assert!(f.x_max > f.x_min);
}
