//! Bar chart of counts, such as the class balance of a column.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::Theme;

/// What a bar chart shows; `highlight` draws one bar in the accent colour.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    pub labels: Vec<String>,
    pub values: Vec<f64>,
    pub highlight: Option<usize>,
}

pub fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &BarChart,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&theme.background)?;
    let n = chart.values.len().max(1);
    let top = chart.values.iter().copied().fold(0.0, f64::max);
    let y_max = if top > 0.0 { top * 1.12 } else { 1.0 };
    let font = |size: f64| ("sans-serif", theme.px(size)).into_font().color(&theme.text);
    let mut ctx = ChartBuilder::on(area)
        .caption(&chart.title, font(15.0))
        .margin(theme.px(10.0))
        .x_label_area_size(theme.px(44.0))
        .y_label_area_size(theme.px(56.0))
        .build_cartesian_2d((0..n as u32).into_segmented(), 0.0..y_max)?;
    let labels = &chart.labels;
    ctx.configure_mesh()
        .disable_x_mesh()
        .light_line_style(theme.grid)
        .bold_line_style(theme.grid)
        .axis_style(theme.text)
        .x_labels(n)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_label_formatter(&|v| format!("{v}"))
        .x_desc(&chart.x_title)
        .y_desc(&chart.y_title)
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .draw()?;
    let bars = chart.values.iter().enumerate().map(|(i, &v)| {
        let colour = if chart.highlight == Some(i) { theme.class_colour(1) } else { theme.class_colour(0) };
        let mut bar = Rectangle::new(
            [(SegmentValue::Exact(i as u32), 0.0), (SegmentValue::Exact(i as u32 + 1), v)],
            colour.filled(),
        );
        bar.set_margin(0, 0, theme.px(8.0), theme.px(8.0));
        bar
    });
    ctx.draw_series(bars)?;
    let counts = chart.values.iter().enumerate().map(|(i, &v)| {
        Text::new(format!("{v}"), (SegmentValue::CenterOf(i as u32), v + y_max * 0.02), font(12.0).pos(Pos::new(HPos::Center, VPos::Bottom)))
    });
    ctx.draw_series(counts)?;
    Ok(())
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
        let svg = to_svg(480, 320, |a| draw_bars(a, &chart(), &Theme::new(false, 1.0)).unwrap());
        for text in ["Classes", "malade", "effectif", "manquant"] {
            assert!(svg.contains(text), "missing {text}");
        }
        let blue = svg.matches("fill=\"#0072B2\"").count();
        assert_eq!(blue, 2, "{svg}");
    }

    #[test]
    fn empty_chart_draws_without_error() {
        let empty = BarChart { labels: vec![], values: vec![], ..chart() };
        let svg = to_svg(200, 100, |a| draw_bars(a, &empty, &Theme::new(true, 2.0)).unwrap());
        assert!(svg.contains("Classes"));
    }
}
