//! Box plots, one box per group, from quartiles, whiskers and outliers the caller computed
//! (Tukey's 1.5 IQR rule lives with the statistics, not here). Draws only.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{axes, finite_range, header, padded, Axes, Drawn};
use super::frame::Frame;
use super::theme::Theme;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BoxPlot {
    pub title: String,
    /// Under the groups, e.g. the target's name.
    pub x_title: String,
    /// Along the values, e.g. the column's name.
    pub y_title: String,
    pub groups: Vec<BoxGroup>,
    /// The groups are the classes: group `i` takes class `i`'s colour and a legend. Otherwise
    /// every box is drawn in the first colour and the names under the axis say enough.
    pub by_class: bool,
}

/// One box: quartiles, whisker ends (the most extreme values within 1.5 IQR of the box) and
/// the values beyond the whiskers.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BoxGroup {
    pub name: String,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub low: f64,
    pub high: f64,
    pub outliers: Vec<f64>,
}

/// Vertical boxes side by side: groups on a categorical x axis (0..n), values on y, so the
/// boxes share one value scale and line up with the group names. A group with a non-finite
/// quartile keeps its slot but draws no box; non-finite whiskers and outliers are skipped.
pub fn draw_boxplot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &BoxPlot,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let colour = |i: usize| if chart.by_class { theme.class_colour(i) } else { theme.class_colour(0) };
    let legend: Vec<(&str, RGBColor)> = if chart.by_class {
        chart.groups.iter().enumerate().map(|(i, g)| (g.name.as_str(), colour(i))).collect()
    } else {
        vec![]
    };
    let body = header(area, &chart.title, &legend, theme)?;
    let values = chart.groups.iter().flat_map(|g| [g.q1, g.median, g.q3, g.low, g.high].into_iter().chain(g.outliers.iter().copied()));
    let names: Vec<String> = chart.groups.iter().map(|g| g.name.clone()).collect();
    let n = names.len().max(1) as f64;
    let spec = Axes { x: 0.0..n, y: padded(finite_range(values), 0.05), x_title: &chart.x_title, y_title: &chart.y_title, x_names: Some(&names), y_names: None, ..Default::default() };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let ink = theme.text.stroke_width(theme.px(1.0).max(1));
    let thick = theme.text.stroke_width(theme.px(2.5).max(1));
    for (i, g) in chart.groups.iter().enumerate() {
        let (x, c) = (i as f64, i as f64 + 0.5);
        if [g.q1, g.median, g.q3].iter().all(|v| v.is_finite()) {
            for (end, from) in [(g.low, g.q1), (g.high, g.q3)] {
                if end.is_finite() {
                    ctx.draw_series([
                        PathElement::new(vec![(c, from), (c, end)], ink),
                        PathElement::new(vec![(x + 0.4, end), (x + 0.6, end)], ink),
                    ])?;
                }
            }
            ctx.draw_series([
                Rectangle::new([(x + 0.25, g.q1), (x + 0.75, g.q3)], colour(i).mix(0.35).filled()),
                Rectangle::new([(x + 0.25, g.q1), (x + 0.75, g.q3)], colour(i).stroke_width(theme.px(1.5).max(1))),
            ])?;
            ctx.draw_series([PathElement::new(vec![(x + 0.25, g.median), (x + 0.75, g.median)], thick)])?;
        }
        let dot = colour(i).stroke_width(theme.px(1.0).max(1));
        ctx.draw_series(g.outliers.iter().filter(|v| v.is_finite()).map(|&v| Circle::new((c, v), theme.px(2.5), dot)))?;
    }
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::to_svg;

    #[test]
    fn one_box_per_group_and_one_circle_per_finite_outlier() {
        let group = |name: &str| BoxGroup { name: name.into(), q1: 1.0, median: 2.0, q3: 3.0, low: 0.0, high: 4.0, outliers: vec![9.0, f64::NAN, -5.0] };
        let chart = BoxPlot { title: "t".into(), x_title: "classe".into(), y_title: "âge".into(), groups: vec![group("oui"), group("non")], by_class: true };
        let svg = to_svg(400, 300, |a| {
            draw_boxplot(a, &chart, &Theme::new(false, 1.0)).unwrap();
        });
        assert_eq!(svg.matches("<circle").count(), 4, "{svg}");
        assert_eq!(svg.matches("fill=\"#E69F00\"").count(), 2, "box and legend swatch of class 1");
    }
}
