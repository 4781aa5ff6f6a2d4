//! Bar chart of counts, such as the class balance of a column.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{axes, finite_range, header, padded, tick, Axes, Drawn};
use super::frame::Frame;
use super::theme::Theme;

/// What a bar chart shows; `highlight` draws one bar in the accent colour.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BarChart {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    pub labels: Vec<String>,
    pub values: Vec<f64>,
    pub highlight: Option<usize>,
}

/// One bar per value on a categorical x axis (0..n, `x_categories = n` in the frame), its
/// value written above it; non-finite values leave their slot empty.
pub fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &BarChart,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let body = header(area, &chart.title, &[], theme)?;
    let n = chart.values.len();
    let mut names = chart.labels.clone();
    names.resize(n, String::new());
    let (lo, hi) = finite_range(chart.values.iter().copied().chain([0.0])).unwrap_or((0.0, 1.0));
    // Headroom above the tallest bar for its count; bars start at 0, so the low end stays 0.
    let y = padded(Some((lo, hi)), 0.08);
    let y = if lo >= 0.0 { 0.0..y.end } else { y };
    let spec = Axes { x: 0.0..n.max(1) as f64, y, x_title: &chart.x_title, y_title: &chart.y_title, x_names: Some(&names), y_names: None, ..Default::default() };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let finite = || chart.values.iter().enumerate().filter(|(_, v)| v.is_finite());
    ctx.draw_series(finite().map(|(i, &v)| {
        let colour = if chart.highlight == Some(i) { theme.class_colour(1) } else { theme.class_colour(0) };
        Rectangle::new([(i as f64 + 0.15, 0.0), (i as f64 + 0.85, v)], colour.filled())
    }))?;
    let above = theme.font(12.0).pos(Pos::new(HPos::Center, VPos::Bottom));
    let lift = (spec.y.end - spec.y.start) * 0.01;
    ctx.draw_series(finite().map(|(i, &v)| Text::new(theme.number(tick(&v)), (i as f64 + 0.5, v.max(0.0) + lift), above.clone())))?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::to_svg;

    fn chart() -> BarChart {
        BarChart {
            title: "Classes".into(),
            x_title: "malade".into(),
            y_title: "effectif".into(),
            labels: vec!["1".into(), "manquant".into()],
            values: vec![6.0, 4.0],
            highlight: None,
        }
    }

    #[test]
    fn bar_chart_has_title_axis_titles_and_one_bar_per_value() {
        let mut frame = None;
        let svg = to_svg(480, 320, |a| frame = Some(draw_bars(a, &chart(), &Theme::new(false, 1.0)).unwrap()));
        let frame = frame.unwrap();
        assert_eq!(frame.x_categories, Some(2));
        assert!(frame.y_min <= 0.0 && frame.y_max >= 6.0, "{frame:?}");
        for text in ["Classes", "malade", "effectif", "manquant"] {
            assert!(svg.contains(text), "missing {text}");
        }
        let blue = svg.matches("fill=\"#0072B2\"").count();
        assert_eq!(blue, 2, "{svg}");
    }

    #[test]
    fn empty_chart_draws_without_error() {
        let empty = BarChart { labels: vec![], values: vec![], ..chart() };
        let svg = to_svg(200, 100, |a| {
            draw_bars(a, &empty, &Theme::new(true, 2.0)).unwrap();
        });
        assert!(svg.contains("Classes"));
    }
}
