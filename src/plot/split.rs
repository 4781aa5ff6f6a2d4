//! The split chart: one horizontal 100 % stacked bar per part of a run (train, train after
//! oversampling, validation, test), one segment per class, so the class proportions of the
//! parts read side by side. Takes the counts a run reports; computes nothing but the shares.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{axes, header, tick, Axes, Drawn};
use super::frame::Frame;
use super::theme::{contrast_text, Theme};

/// Class `i` of `classes` is drawn in `theme.class_colour(i)`: the caller puts the positive
/// class first, so it has the positive colour it has in every chart.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitChart {
    pub title: String,
    pub x_title: String,
    pub classes: Vec<String>,
    /// From the top bar down.
    pub parts: Vec<SplitPart>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitPart {
    /// The bar's name left of it ("Validation"); cut at 14 characters like every axis name.
    pub name: String,
    /// Rows of each class, in `classes` order; a missing, negative or non-finite count is 0.
    pub counts: Vec<f64>,
}

impl SplitPart {
    fn count(&self, class: usize) -> f64 {
        self.counts.get(class).copied().filter(|c| c.is_finite() && *c > 0.0).unwrap_or(0.0)
    }

    fn total(&self, classes: usize) -> f64 {
        (0..classes).map(|k| self.count(k)).sum()
    }
}

/// The x axis runs over 0..100 (% of the part's rows); the y axis is categorical, part 0 on
/// top (the frame's y runs from `parts.len()` at the bottom to 0 at the top, so `Math.floor(y)`
/// is the part, as in the heat map). Each segment prints its count when it fits, in black or
/// white, whichever contrasts; each bar's size (`n = 341`) is written right of it. An empty part
/// shows its empty track and `n = 0`.
pub fn draw_split<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &SplitChart, theme: &Theme) -> Drawn<Frame, DB> {
    let legend: Vec<(&str, RGBColor)> = chart.classes.iter().enumerate().map(|(i, c)| (c.as_str(), theme.class_colour(i))).collect();
    let body = header(area, &chart.title, &legend, theme)?;
    let n = chart.parts.len();
    let names: Vec<String> = chart.parts.iter().map(|p| p.name.clone()).collect();
    let k = chart.classes.len();
    let totals: Vec<String> = chart.parts.iter().map(|p| format!("n = {}", theme.number(whole(p.total(k))))).collect();
    let font = theme.font(12.0);
    let mut room = 0;
    for t in &totals {
        room = room.max(body.estimate_text_size(t, &font)?.0);
    }
    let spec = Axes {
        x: 0.0..100.0,
        y: n.max(1) as f64..0.0,
        x_title: &chart.x_title,
        y_title: "",
        x_names: None,
        y_names: Some(&names),
        square: false,
        reserve_right: room + theme.px(10.0),
    };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let (top, bottom) = (0.2, 0.8); // each bar fills the middle 60 % of its row
    ctx.draw_series((0..n).map(|r| Rectangle::new([(0.0, r as f64 + top), (100.0, r as f64 + bottom)], theme.grid.stroke_width(1))))?;

    let px_per_unit = f64::from(frame.width) / 100.0;
    let pad = f64::from(theme.px(6.0));
    for (r, part) in chart.parts.iter().enumerate() {
        let total = part.total(k);
        if total <= 0.0 {
            continue;
        }
        let mut start = 0.0;
        for class in 0..k {
            let count = part.count(class);
            if count <= 0.0 {
                continue;
            }
            let end = start + 100.0 * count / total;
            let colour = theme.class_colour(class);
            let (y0, y1) = (r as f64 + top, r as f64 + bottom);
            ctx.draw_series([Rectangle::new([(start, y0), (end, y1)], colour.filled())])?;
            // A hairline in the page colour between neighbouring segments.
            ctx.draw_series([Rectangle::new([(start, y0), (end, y1)], theme.background.stroke_width(1))])?;
            let text = theme.number(whole(count));
            let (w, _) = body.estimate_text_size(&text, &font)?;
            if f64::from(w) + pad <= (end - start) * px_per_unit {
                let ink = contrast_text(colour);
                let style = font.clone().color(&ink).pos(Pos::new(HPos::Center, VPos::Center));
                ctx.draw_series([Text::new(text, ((start + end) / 2.0, r as f64 + 0.5), style)])?;
            }
            start = end;
        }
    }
    let screen = area.use_screen_coord();
    let beside = font.pos(Pos::new(HPos::Left, VPos::Center));
    for (r, total) in totals.into_iter().enumerate() {
        let (_, y) = ctx.plotting_area().map_coordinate(&(100.0, r as f64 + 0.5));
        screen.draw(&Text::new(total, (frame.left + frame.width + theme.px(8.0) as i32, y), beside.clone()))?;
    }
    Ok(frame)
}

/// A count as a whole number when it is one ("341", not "341.0"); otherwise as an axis tick.
fn whole(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        tick(&v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_print_as_whole_numbers() {
        assert_eq!(whole(341.0), "341");
        assert_eq!(whole(0.0), "0");
        assert_eq!(whole(2.5), "2.5");
    }

    #[test]
    fn bad_counts_read_as_zero() {
        let p = SplitPart { name: "x".into(), counts: vec![3.0, f64::NAN, -2.0, f64::INFINITY] };
        assert_eq!(p.total(5), 3.0);
    }
}
