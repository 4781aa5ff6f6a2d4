//! The split chart through its SVG: one segment per class and part in the class colours (the
//! positive class first, in blue), counts in the segments that fit, each bar's size beside it,
//! a legend and axis title, the categorical `Frame`, and no panic on empty or bad counts.
//! Set CHARTS_SVG_DIR to keep the SVGs.

use crate::common;

use atelier::plot::*;
use common::svg::{self, lines_with, BLUE, GREEN, ORANGE};

const W: u32 = 640;
const H: u32 = 300;

fn render(name: &str, chart: &SplitChart, theme: &Theme) -> (String, Frame) {
    svg::render(name, (W, H), |a| draw_split(a, chart, theme).unwrap())
}

fn part(name: &str, counts: &[f64]) -> SplitPart {
    SplitPart { name: name.into(), counts: counts.to_vec() }
}

/// breast_cancer split 60/20/20, stratified, with SMOTE on the training part.
fn breast_cancer() -> SplitChart {
    SplitChart {
        title: "Classes par partie".into(),
        x_title: "Part des lignes (%)".into(),
        classes: vec!["malignant".into(), "benign".into()],
        parts: vec![
            part("Entraînement", &[127.0, 214.0]),
            part("Après SMOTE", &[214.0, 214.0]),
            part("Validation", &[42.0, 72.0]),
            part("Test", &[43.0, 71.0]),
        ],
    }
}

#[test]
fn one_segment_per_class_and_part_with_counts_sizes_and_legend() {
    let (svg, f) = render("split", &breast_cancer(), &Theme::new(false, 1.0));
    for text in ["Classes par partie", "Part des lignes (%)", ">\nmalignant\n<", ">\nbenign\n<", "Entraînement", "Après SMOTE", "Validation", ">\nTest\n<"] {
        assert!(svg.contains(text), "missing {text:?}");
    }
    // Four segments and one legend swatch per class.
    assert_eq!(lines_with(&svg, "<rect", BLUE), 5);
    assert_eq!(lines_with(&svg, "<rect", ORANGE), 5);
    for count in ["127", "214", "42", "72", "43", "71"] {
        assert!(svg.contains(&format!(">\n{count}\n<")), "count {count} not written");
    }
    for size in ["n = 341", "n = 428", "n = 114"] {
        assert!(svg.contains(size), "size {size} not written");
    }
    assert_eq!((f.x_min, f.x_max), (0.0, 100.0));
    assert_eq!(f.y_categories, Some(4));
    assert!(f.left >= 0 && f.top >= 0 && f.left + f.width <= W as i32 && f.top + f.height <= H as i32, "{f:?}");
    // The top row reads back as part 0, the bottom one as part 3 (as the page's readout does).
    let (_, y) = f.data_at(f64::from(f.left), f64::from(f.top) + 1.0);
    assert_eq!(y.floor(), 0.0);
    let (_, y) = f.data_at(f64::from(f.left), f64::from(f.top + f.height) - 1.0);
    assert_eq!(y.floor(), 3.0);
}

#[test]
fn more_classes_take_the_next_colours_and_small_segments_keep_quiet() {
    let chart = SplitChart {
        title: "iris".into(),
        x_title: "%".into(),
        classes: vec!["virginica".into(), "setosa".into(), "versicolor".into()],
        parts: vec![part("Entraînement", &[30.0, 30.0, 30.0]), part("Validation", &[1.0, 400.0, 10.0])],
    };
    let (svg, _) = render("split-three", &chart, &Theme::new(false, 1.0));
    assert_eq!(lines_with(&svg, "<rect", GREEN), 3, "two segments and a swatch");
    // A segment of 1 in 411 (0.2 % of the bar, under 2 px) is drawn but says nothing.
    assert!(!svg.contains(">\n1\n<"), "{svg}");
    assert!(svg.contains(">\n400\n<"));
}

#[test]
fn empty_parts_bad_counts_and_no_classes_draw_without_error() {
    let cases = [
        SplitChart { parts: vec![], ..breast_cancer() },
        SplitChart { classes: vec![], ..breast_cancer() },
        SplitChart { parts: vec![part("Test", &[]), part("Validation", &[0.0, 0.0])], ..breast_cancer() },
        SplitChart { parts: vec![part("x", &[f64::NAN, -3.0, f64::INFINITY]), part("y", &[2.0])], ..breast_cancer() },
    ];
    for (i, chart) in cases.iter().enumerate() {
        let (svg, f) = render(&format!("split-edge-{i}"), chart, &Theme::new(true, 2.0));
        assert!(svg.contains("Classes par partie"));
        assert!(f.width > 0 && f.height > 0, "{f:?}");
    }
    let (svg, _) = render("split-empty", &cases[2], &Theme::new(false, 1.0));
    assert_eq!(svg.matches("n = 0").count(), 2);
    assert_eq!(lines_with(&svg, "<rect", BLUE), 1, "only the legend swatch");
}

#[test]
fn french_numbers_keep_whole_counts_whole() {
    let chart = SplitChart { parts: vec![part("Entraînement", &[1.0, 2.5])], ..breast_cancer() };
    let (svg, _) = render("split-fr", &chart, &Theme::new(false, 1.0).with_decimal_comma(true));
    assert!(svg.contains(">\n2,5\n<"), "{svg}");
}
