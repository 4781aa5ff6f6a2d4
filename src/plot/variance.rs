//! Explained variance of the principal components: one bar per component and the running
//! total as a line, both given by the caller (the PCA). Draws only.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{axes, finite_range, header, Axes, Drawn};
use super::frame::Frame;
use super::theme::Theme;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplainedVariance {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    /// Share of the variance of component `i` (PC`i+1`), 0..1.
    pub ratios: Vec<f64>,
    /// Running total of `ratios`, as the PCA reports it.
    pub cumulative: Vec<f64>,
    /// Legend names of the bars and of the line, e.g. "par composante" and "cumulée".
    pub ratio_name: String,
    pub cumulative_name: String,
}

/// Bars on a categorical axis labelled PC1, PC2…, the cumulative share as a path with a dot
/// per component over them, on one 0..1 scale (higher if the caller's values go above 1).
/// Non-finite values leave a gap in the bars and break the line.
pub fn draw_variance<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ExplainedVariance,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let (bar, line) = (theme.class_colour(0), theme.class_colour(1));
    let legend = [(chart.ratio_name.as_str(), bar), (chart.cumulative_name.as_str(), line)];
    let legend = if legend.iter().all(|l| l.0.is_empty()) { &legend[..0] } else { &legend[..] };
    let body = header(area, &chart.title, legend, theme)?;
    let n = chart.ratios.len().max(chart.cumulative.len());
    let names: Vec<String> = (1..=n).map(|i| format!("PC{i}")).collect();
    let top = finite_range(chart.ratios.iter().chain(&chart.cumulative).copied()).map_or(1.0, |r| r.1.max(1.0));
    let spec = Axes { x: 0.0..n.max(1) as f64, y: 0.0..top * 1.05, x_title: &chart.x_title, y_title: &chart.y_title, x_names: Some(&names), ..Default::default() };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let finite = |values: &'_ [f64]| values.iter().enumerate().filter(|(_, v)| v.is_finite()).map(|(i, &v)| (i as f64 + 0.5, v)).collect::<Vec<_>>();
    ctx.draw_series(finite(&chart.ratios).into_iter().map(|(c, v)| Rectangle::new([(c - 0.35, 0.0), (c + 0.35, v)], bar.filled())))?;
    let stroke = line.stroke_width(theme.px(2.0).max(1));
    // One path per unbroken run, so a missing value shows as a gap rather than a false slope.
    let mut run = Vec::new();
    for (i, &v) in chart.cumulative.iter().enumerate().chain([(n, &f64::NAN)]) {
        if v.is_finite() {
            run.push((i as f64 + 0.5, v));
        } else if !run.is_empty() {
            ctx.draw_series([PathElement::new(std::mem::take(&mut run), stroke)])?;
        }
    }
    ctx.draw_series(finite(&chart.cumulative).into_iter().map(|p| Circle::new(p, theme.px(3.0), line.filled())))?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::to_svg;

    #[test]
    fn one_bar_and_one_dot_per_component() {
        let chart = ExplainedVariance {
            title: "Variance expliquée".into(),
            x_title: "composante".into(),
            y_title: "part".into(),
            ratios: vec![0.6, 0.3, 0.1],
            cumulative: vec![0.6, 0.9, 1.0],
            ratio_name: "par composante".into(),
            cumulative_name: "cumulée".into(),
        };
        let svg = to_svg(480, 320, |a| {
            draw_variance(a, &chart, &Theme::new(false, 1.0)).unwrap();
        });
        for text in ["PC1", "PC3", "cumulée", "composante"] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert_eq!(svg.matches("fill=\"#0072B2\"").count(), 4, "3 bars and a swatch");
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(svg.lines().filter(|l| l.contains("<polyline") && l.contains("#E69F00")).count(), 1);
    }
}
