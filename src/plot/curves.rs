//! ROC and precision–recall curves, and the score histogram with its decision threshold. The
//! points, areas and labels come from the caller (the evaluation); this module draws only.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{axes, header, Axes, Drawn, Plot};
use super::frame::Frame;
use super::histogram::{draw_histogram, Histogram};
use super::theme::Theme;

/// Both axes of a ROC or PR chart: 0..1 with the small margin of scikit-learn's
/// `RocCurveDisplay` / `PrecisionRecallDisplay` (`xlim = ylim = (-0.01, 1.01)`), so a curve
/// running along an edge stays visible and the marker at a corner is not cut.
const UNIT: std::ops::Range<f64> = -0.01..1.01;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RocChart {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    /// False- and true-positive rates, one point per threshold, in the order to join them
    /// (as scikit-learn's `roc_curve` returns them: from (0, 0) to (1, 1)).
    pub fpr: Vec<f64>,
    pub tpr: Vec<f64>,
    pub auc: f64,
    /// The curve's legend entry, e.g. "AUC = 0,850", formatted by the caller in the page's
    /// language; when empty, "AUC = 0.850" is written from `auc` in the theme's decimal mark (nothing if
    /// `auc` is NaN).
    pub auc_label: String,
    /// (fpr, tpr) at the current threshold.
    #[serde(default)]
    pub marker: Option<[f64; 2]>,
    /// The diagonal's legend entry, e.g. "hasard".
    pub chance_label: String,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrChart {
    pub title: String,
    /// Recall.
    pub x_title: String,
    /// Precision.
    pub y_title: String,
    /// One point per threshold, as scikit-learn's `precision_recall_curve` returns them
    /// (recall falling from 1 to 0, the last point (0, 1)).
    pub recall: Vec<f64>,
    pub precision: Vec<f64>,
    pub average_precision: f64,
    /// The curve's legend entry, e.g. "AP = 0,812"; when empty, "AP = 0.812" from
    /// `average_precision` (nothing if it is NaN).
    pub ap_label: String,
    /// Share of positives: a classifier that guesses has this precision at every recall.
    pub prevalence: f64,
    /// (recall, precision) at the current threshold.
    #[serde(default)]
    pub marker: Option<[f64; 2]>,
    /// The prevalence line's legend entry, e.g. "hasard (prévalence 0,30)".
    pub chance_label: String,
}

/// The score distribution of a binary classifier: a `Histogram` (say two series, positives
/// then negatives, over the scores) and the decision threshold as a vertical line. A wrapper
/// rather than a field on `Histogram`, so every histogram and its callers stay as they are.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreHistogram {
    pub histogram: Histogram,
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Written beside the line, e.g. "seuil 0,50"; empty: the line alone.
    #[serde(default)]
    pub threshold_label: String,
}

/// The ROC curve as a polyline through the given points in their order (straight segments, as
/// `RocCurveDisplay` draws them: between two thresholds a tie moves both rates at once), over
/// the chance diagonal (dashed, muted), with the current threshold as a filled dot in a ring.
/// Points with a non-finite coordinate are left out and their neighbours joined, so the curve
/// stays one path. The plotting area is square: one unit of FPR is as long as one of TPR.
pub fn draw_roc<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &RocChart,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let label = area_label(&chart.auc_label, "AUC", chart.auc, theme);
    let body = unit_header(area, &chart.title, &label, &chart.chance_label, theme)?;
    let (mut ctx, frame) = axes(&body, &unit_axes(&chart.x_title, &chart.y_title), theme)?;
    chance_line(&mut ctx, [(0.0, 0.0), (1.0, 1.0)], theme)?;
    curve(&mut ctx, finite_points(&chart.fpr, &chart.tpr), theme)?;
    marker(&mut ctx, chart.marker, theme)?;
    Ok(frame)
}

/// The precision–recall curve as scikit-learn's `PrecisionRecallDisplay` draws it
/// (`drawstyle="steps-post"`): from each point, precision is held flat to the next point's
/// recall, then drops or rises to that point's precision. With sklearn's order (recall
/// falling) the flat step between recall `r[i + 1]` and `r[i]` is at `p[i]`, so the area under
/// the staircase is exactly the average precision `Σ (R_n − R_{n−1}) P_n`, which a straight
/// line between points would overstate. One path of 2n − 1 vertices for n finite points
/// (non-finite points are left out). The chance level is the dashed line `y = prevalence`.
pub fn draw_pr<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &PrChart,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let label = area_label(&chart.ap_label, "AP", chart.average_precision, theme);
    let chance = if chart.prevalence.is_finite() { chart.chance_label.as_str() } else { "" };
    let body = unit_header(area, &chart.title, &label, chance, theme)?;
    let (mut ctx, frame) = axes(&body, &unit_axes(&chart.x_title, &chart.y_title), theme)?;
    if chart.prevalence.is_finite() {
        chance_line(&mut ctx, [(0.0, chart.prevalence), (1.0, chart.prevalence)], theme)?;
    }
    curve(&mut ctx, staircase(&finite_points(&chart.recall, &chart.precision)), theme)?;
    marker(&mut ctx, chart.marker, theme)?;
    Ok(frame)
}

/// `draw_histogram`, then the threshold as a full-height vertical line in the text colour with
/// its label at the top (to the line's left when it sits in the right quarter). A threshold
/// that is non-finite or outside the histogram's x range is not drawn: give edges that span
/// every threshold the slider allows (0..1 for probabilities).
pub fn draw_score_histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ScoreHistogram,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let frame = draw_histogram(area, &chart.histogram, theme)?;
    let Some(t) = chart.threshold.filter(|t| t.is_finite()) else { return Ok(frame) };
    let (lo, hi) = (frame.x_min.min(frame.x_max), frame.x_min.max(frame.x_max));
    if !(lo..=hi).contains(&t) || hi <= lo {
        return Ok(frame);
    }
    let share = (t - frame.x_min) / (frame.x_max - frame.x_min);
    let x = frame.left + (share * f64::from(frame.width)).round() as i32;
    let (top, bottom) = (frame.top, frame.top + frame.height);
    let screen = area.use_screen_coord();
    screen.draw(&PathElement::new(vec![(x, top), (x, bottom)], theme.text.stroke_width(theme.px(1.5).max(1))))?;
    if !chart.threshold_label.is_empty() {
        let gap = theme.px(4.0) as i32;
        let right_side = share < 0.75;
        let (at, h) = if right_side { (x + gap, HPos::Left) } else { (x - gap, HPos::Right) };
        let font = theme.font(11.0).pos(Pos::new(h, VPos::Top));
        screen.draw(&Text::new(chart.threshold_label.clone(), (at, top + gap), font))?;
    }
    Ok(frame)
}

/// Header with the curve's and the chance line's legend entries (empty ones left out); the
/// body it leaves is for `axes` with `unit_axes`.
fn unit_header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    curve_label: &str,
    chance_label: &str,
    theme: &Theme,
) -> Drawn<DrawingArea<DB, Shift>, DB> {
    let legend: Vec<(&str, RGBColor)> =
        [(curve_label, theme.class_colour(0)), (chance_label, theme.muted())].into_iter().filter(|l| !l.0.is_empty()).collect();
    header(area, title, &legend, theme)
}

/// Square 0..1 axes (with sklearn's small margin, see `UNIT`).
pub(super) fn unit_axes<'t>(x_title: &'t str, y_title: &'t str) -> Axes<'t> {
    Axes { x: UNIT, y: UNIT, x_title, y_title, square: true, ..Default::default() }
}

/// The caller's label, else "`name` = 0.850" (or "0,850", as the theme writes numbers) from
/// `value`, else nothing.
fn area_label(label: &str, name: &str, value: f64, theme: &Theme) -> String {
    match (label.is_empty(), value.is_finite()) {
        (false, _) => label.to_string(),
        (true, true) => format!("{name} = {}", theme.number(format!("{value:.3}"))),
        (true, false) => String::new(),
    }
}

/// The pairs whose coordinates are both finite, in order (beyond the shorter slice: none).
pub(super) fn finite_points(x: &[f64], y: &[f64]) -> Vec<(f64, f64)> {
    x.iter().zip(y).filter(|(a, b)| a.is_finite() && b.is_finite()).map(|(&a, &b)| (a, b)).collect()
}

/// Steps-post: after each point but the last, a corner at (next x, this y). n points give
/// 2n − 1 vertices.
fn staircase(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity((2 * points.len()).saturating_sub(1));
    for (i, &p) in points.iter().enumerate() {
        out.push(p);
        if let Some(next) = points.get(i + 1) {
            out.push((next.0, p.1));
        }
    }
    out
}

pub(super) fn chance_line<DB: DrawingBackend>(ctx: &mut Plot<'_, DB>, ends: [(f64, f64); 2], theme: &Theme) -> Drawn<(), DB> {
    let style = theme.muted().stroke_width(theme.px(1.5).max(1));
    let (dash, gap) = (theme.px(6.0).max(1), theme.px(4.0).max(1));
    ctx.draw_series([DashedPathElement::new(ends, dash, gap, style)])?;
    Ok(())
}

/// The curve as one path in the positive-class colour; fewer than two points draw nothing.
fn curve<DB: DrawingBackend>(ctx: &mut Plot<'_, DB>, points: Vec<(f64, f64)>, theme: &Theme) -> Drawn<(), DB> {
    if points.len() >= 2 {
        ctx.draw_series([PathElement::new(points, theme.class_colour(0).stroke_width(theme.px(2.0).max(1)))])?;
    }
    Ok(())
}

/// The current threshold: a dot in the positive-class colour inside a ring in the text colour,
/// readable over the curve on both themes. Skipped when None or non-finite.
fn marker<DB: DrawingBackend>(ctx: &mut Plot<'_, DB>, at: Option<[f64; 2]>, theme: &Theme) -> Drawn<(), DB> {
    let Some([x, y]) = at.filter(|p| p.iter().all(|v| v.is_finite())) else { return Ok(()) };
    let ring = theme.text.stroke_width(theme.px(1.5).max(1));
    ctx.draw_series([Circle::new((x, y), theme.px(7.0), ring), Circle::new((x, y), theme.px(4.0), theme.class_colour(0).filled())])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::to_svg;

    fn polyline_points(svg: &str, colour: &str) -> Vec<usize> {
        svg.lines()
            .filter(|l| l.contains("<polyline") && l.contains(colour))
            .map(|l| l.split("points=\"").nth(1).unwrap().split('"').next().unwrap().split_whitespace().count())
            .collect()
    }

    #[test]
    fn staircase_holds_each_precision_to_the_next_recall() {
        assert_eq!(staircase(&[]), vec![]);
        assert_eq!(staircase(&[(1.0, 0.5)]), vec![(1.0, 0.5)]);
        let steps = staircase(&[(1.0, 0.5), (0.5, 0.8), (0.0, 1.0)]);
        assert_eq!(steps, vec![(1.0, 0.5), (0.5, 0.5), (0.5, 0.8), (0.0, 0.8), (0.0, 1.0)]);
        // The area under the steps is sklearn's AP: 0.5 × 0.5 + 0.5 × 0.8.
        let area: f64 = steps.windows(2).map(|w| (w[0].0 - w[1].0) * w[0].1).sum();
        assert!((area - 0.65).abs() < 1e-12, "{area}"); // exact sums of halves
    }

    #[test]
    fn labels_fall_back_to_the_value() {
        let (en, fr) = (Theme::new(false, 1.0), Theme::new(false, 1.0).with_decimal_comma(true));
        assert_eq!(area_label("AUC = 0,850", "AUC", 0.85, &en), "AUC = 0,850");
        assert_eq!(area_label("", "AUC", 0.85, &en), "AUC = 0.850");
        assert_eq!(area_label("", "AUC", 0.85, &fr), "AUC = 0,850");
        assert_eq!(area_label("", "AP", f64::NAN, &en), "");
    }

    #[test]
    fn roc_skips_non_finite_points_and_draws_the_marker() {
        let chart = RocChart {
            title: "ROC".into(),
            x_title: "FPR".into(),
            y_title: "TPR".into(),
            fpr: vec![0.0, 0.1, f64::NAN, 0.5, 1.0],
            tpr: vec![0.0, 0.6, 0.7, 0.9, 1.0],
            auc: 0.85,
            auc_label: String::new(),
            marker: Some([0.1, 0.6]),
            chance_label: "hasard".into(),
        };
        let svg = to_svg(480, 400, |a| {
            draw_roc(a, &chart, &Theme::new(false, 1.0)).unwrap();
        });
        assert!(svg.contains("AUC = 0.850") && svg.contains("hasard"));
        assert_eq!(polyline_points(&svg, "#0072B2"), vec![4]);
        assert_eq!(svg.matches("<circle").count(), 2);
    }

    #[test]
    fn score_histogram_reads_from_the_page_without_a_threshold() {
        let json = r#"{"histogram": {"title": "t", "xTitle": "score", "yTitle": "n", "edges": [0, 0.5, 1],
            "series": [{"name": "oui", "counts": [1, 2]}]}}"#;
        let chart: ScoreHistogram = serde_json::from_str(json).unwrap();
        assert_eq!((chart.threshold, chart.threshold_label.as_str()), (None, ""));
        let roc: RocChart = serde_json::from_str(
            r#"{"title": "", "xTitle": "", "yTitle": "", "fpr": [], "tpr": [], "auc": 0.5, "aucLabel": "", "chanceLabel": ""}"#,
        )
        .unwrap();
        assert_eq!(roc.marker, None);
    }
}
