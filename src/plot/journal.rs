//! The journal's chart: one metric across the chosen runs, a dot per run joined by a line in
//! the order the runs are given (the page gives them oldest first), each run named under the
//! x axis. Takes the figures the journal's summaries give; computes nothing but where to draw.
//! And the runs' validation ROC curves overlaid, one colour per run, to compare their shapes.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{axes, finite_range, header, padded, Axes, Drawn};
use super::curves::{chance_line, finite_points, unit_axes};
use super::frame::Frame;
use super::theme::Theme;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalChart {
    pub title: String,
    pub x_title: String,
    /// The metric's name, e.g. "AUC ROC".
    pub y_title: String,
    /// Each run's name under the x axis ("#3 knn").
    pub runs: Vec<String>,
    /// The metric per run; `null` (or non-finite) for a run without it, which is skipped.
    pub values: Vec<Option<f64>>,
}

/// The finite values as `(x, y)` with run `i` centred on `i + 0.5` of the categorical axis.
fn points(values: &[Option<f64>]) -> Vec<(f64, f64)> {
    values.iter().enumerate().filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i as f64 + 0.5, v))).collect()
}

/// y spans the finite values (padded, clipped to 0..1 as every metric is a share).
pub fn draw_journal<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &JournalChart, theme: &Theme) -> Drawn<Frame, DB> {
    let colour = theme.class_colour(0);
    let body = header(area, &chart.title, &[], theme)?;
    let n = chart.runs.len().max(chart.values.len()).max(1);
    let y = padded(finite_range(chart.values.iter().flatten().copied()), 0.08);
    let bottom = y.start.max(0.0);
    let spec = Axes {
        x: 0.0..n as f64,
        y: bottom..y.end.min(1.0).max(bottom + 1e-3),
        x_title: &chart.x_title,
        y_title: &chart.y_title,
        x_names: Some(&chart.runs),
        ..Default::default()
    };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let points = points(&chart.values);
    ctx.draw_series([PathElement::new(points.clone(), colour.mix(0.6).stroke_width(theme.px(1.5).max(1)))])?;
    let radius = theme.px(5.0).max(2);
    ctx.draw_series(points.into_iter().map(|p| Circle::new(p, radius, colour.filled())))?;
    Ok(frame)
}

/// One run's ROC curve: its legend entry (e.g. "#2 knn, n_neighbors = 9 (AUC 0,93)") and its
/// points as scikit-learn's `roc_curve` returns them.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct RunCurve {
    pub name: String,
    pub fpr: Vec<f64>,
    pub tpr: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalRocChart {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    /// The diagonal's legend entry, e.g. "hasard".
    pub chance_label: String,
    pub curves: Vec<RunCurve>,
}

/// The curves over the chance diagonal on square 0..1 axes (as `draw_roc`), run `i` in the
/// `i`-th class colour so the legend tells them apart; a curve of fewer than two finite points
/// keeps its legend entry but draws nothing.
pub fn draw_journal_roc<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &JournalRocChart, theme: &Theme) -> Drawn<Frame, DB> {
    let mut legend: Vec<(&str, RGBColor)> = chart.curves.iter().enumerate().map(|(i, c)| (c.name.as_str(), theme.class_colour(i))).collect();
    if !chart.chance_label.is_empty() {
        legend.push((&chart.chance_label, theme.muted()));
    }
    let body = header(area, &chart.title, &legend, theme)?;
    let (mut ctx, frame) = axes(&body, &unit_axes(&chart.x_title, &chart.y_title), theme)?;
    chance_line(&mut ctx, [(0.0, 0.0), (1.0, 1.0)], theme)?;
    for (i, c) in chart.curves.iter().enumerate() {
        let points = finite_points(&c.fpr, &c.tpr);
        if points.len() >= 2 {
            ctx.draw_series([PathElement::new(points, theme.class_colour(i).stroke_width(theme.px(2.0).max(1)))])?;
        }
    }
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_without_the_metric_are_skipped_in_place() {
        assert_eq!(points(&[Some(0.5), None, Some(f64::NAN), Some(0.9)]), vec![(0.5, 0.5), (3.5, 0.9)]);
    }
}
