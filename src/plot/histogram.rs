//! Histogram from bin edges and counts computed by the caller (who also names the bin rule),
//! optionally one series per class. Draws only.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{axes, finite_range, header, padded, Axes, Drawn};
use super::frame::Frame;
use super::theme::Theme;

/// Bins `edges[j]..edges[j + 1]` with one count per bin in each series (counts or densities:
/// the y title says which). Series `i` is class `i`, drawn in `theme.class_colour(i)`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Histogram {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    pub edges: Vec<f64>,
    pub series: Vec<HistogramSeries>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistogramSeries {
    /// The class name in the legend; a single series with an empty name gets no legend.
    pub name: String,
    pub counts: Vec<f64>,
}

/// Several classes are drawn overlapping and translucent, each with an opaque outline, not
/// stacked: the point of a per-class histogram is to compare the shapes of the classes, and a
/// stacked bar hides every class but the bottom one behind a moving baseline.
/// Bins with a non-finite edge or count, or a width ≤ 0, are skipped.
pub fn draw_histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Histogram,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let named = chart.series.len() > 1 || chart.series.iter().any(|s| !s.name.is_empty());
    let legend: Vec<(&str, RGBColor)> = if named {
        chart.series.iter().enumerate().map(|(i, s)| (s.name.as_str(), theme.class_colour(i))).collect()
    } else {
        vec![]
    };
    let body = header(area, &chart.title, &legend, theme)?;
    let x = padded(finite_range(chart.edges.iter().copied()), 0.02);
    let top = finite_range(chart.series.iter().flat_map(|s| bins(&chart.edges, &s.counts).map(|b| b.2))).map_or(1.0, |r| r.1);
    let y = 0.0..if top > 0.0 { top * 1.05 } else { 1.0 };
    let spec = Axes { x, y, x_title: &chart.x_title, y_title: &chart.y_title, x_names: None, y_names: None, ..Default::default() };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let alpha = if chart.series.len() > 1 { 0.45 } else { 1.0 };
    for (i, s) in chart.series.iter().enumerate() {
        let colour = theme.class_colour(i);
        let fill = colour.mix(alpha).filled();
        ctx.draw_series(bins(&chart.edges, &s.counts).map(|(a, b, c)| Rectangle::new([(a, 0.0), (b, c)], fill)))?;
        if alpha < 1.0 {
            let line = colour.stroke_width(theme.px(1.0).max(1));
            ctx.draw_series(bins(&chart.edges, &s.counts).map(|(a, b, c)| Rectangle::new([(a, 0.0), (b, c)], line)))?;
        } else {
            // Separate adjacent bars of one series with a hairline in the background colour.
            let line = theme.background.stroke_width(1);
            ctx.draw_series(bins(&chart.edges, &s.counts).map(|(a, b, c)| Rectangle::new([(a, 0.0), (b, c)], line)))?;
        }
    }
    Ok(frame)
}

/// The drawable bins of one series: (left edge, right edge, count), count > 0.
fn bins<'a>(edges: &'a [f64], counts: &'a [f64]) -> impl Iterator<Item = (f64, f64, f64)> + 'a {
    edges.windows(2).zip(counts).filter_map(|(e, &c)| {
        let ok = e[0].is_finite() && e[1].is_finite() && e[1] > e[0] && c.is_finite() && c > 0.0;
        ok.then_some((e[0], e[1], c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::to_svg;

    #[test]
    fn one_bar_per_non_empty_bin_and_bad_bins_skipped() {
        let counts = [3.0, 0.0, f64::NAN, 5.0];
        let edges = [0.0, 1.0, 2.0, 3.0, f64::INFINITY];
        assert_eq!(bins(&edges, &counts).count(), 1);
        let chart = Histogram {
            title: "âge".into(),
            x_title: "x".into(),
            y_title: "n".into(),
            edges: vec![0.0, 1.0, 2.0],
            series: vec![HistogramSeries { name: String::new(), counts: vec![2.0, 4.0] }],
        };
        let svg = to_svg(400, 300, |a| {
            draw_histogram(a, &chart, &Theme::new(false, 1.0)).unwrap();
        });
        assert_eq!(svg.matches("fill=\"#0072B2\"").count(), 2, "{svg}");
    }
}
