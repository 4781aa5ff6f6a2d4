//! Feature importances as horizontal bars, largest on top, the top few only. Takes the values
//! the model gives (e.g. `Forest::feature_importances`); sorts them for display, computes none.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{axes, header, Axes, Drawn};
use super::frame::Frame;
use super::theme::Theme;

fn default_top() -> usize {
    15
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Importances {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    /// One name per value; a missing name is written `x12`.
    pub names: Vec<String>,
    pub values: Vec<f64>,
    /// At most this many bars, the largest (15 unless said; 0 shows every one).
    #[serde(default = "default_top")]
    pub top: usize,
}

/// The `top` largest finite values in descending order (ties keep the given order) with their
/// names; non-finite values are left out.
pub fn ranked(chart: &Importances) -> Vec<(String, f64)> {
    let mut pairs: Vec<(String, f64)> = chart
        .values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_finite())
        .map(|(i, &v)| (chart.names.get(i).cloned().unwrap_or_else(|| format!("x{i}")), v))
        .collect();
    pairs.sort_by(|a, b| b.1.total_cmp(&a.1));
    if chart.top > 0 {
        pairs.truncate(chart.top);
    }
    pairs
}

/// One bar per ranked value on a categorical y axis (0..n downward, so the largest is row 0 on
/// top and the frame's `Math.floor(y)` is the rank), its value to 3 decimals at its end; x runs
/// from 0 to a little past the largest value (1 when there is none).
pub fn draw_importances<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Importances,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let body = header(area, &chart.title, &[], theme)?;
    let bars = ranked(chart);
    let names: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
    let largest = bars.iter().map(|b| b.1).fold(0.0, f64::max);
    let n = bars.len().max(1) as f64;
    // Room right of the longest bar for its value.
    let x_end = if largest > 0.0 { largest * 1.18 } else { 1.0 };
    let spec = Axes { x: 0.0..x_end, y: n..0.0, x_title: &chart.x_title, y_title: &chart.y_title, y_names: Some(&names), ..Default::default() };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let colour = theme.class_colour(0).filled();
    ctx.draw_series(bars.iter().enumerate().map(|(i, b)| Rectangle::new([(0.0, i as f64 + 0.15), (b.1.max(0.0), i as f64 + 0.85)], colour)))?;
    let font = theme.font(11.0).pos(Pos::new(HPos::Left, VPos::Center));
    let gap = x_end * 0.01;
    ctx.draw_series(bars.iter().enumerate().map(|(i, b)| Text::new(theme.number(format!("{:.3}", b.1)), (b.1.max(0.0) + gap, i as f64 + 0.5), font.clone())))?;
    Ok(frame)
}
