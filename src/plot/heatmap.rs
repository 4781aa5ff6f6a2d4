//! Correlation heat map: a square matrix of given coefficients (None where undefined, e.g. a
//! constant column), coloured on a diverging scale centred on 0, with a colour bar. Draws only.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{axes, header, tick, Axes, Drawn};
use super::frame::Frame;
use super::theme::{contrast_text, diverging, Theme};

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeatMap {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    /// The columns, in the order of the rows and columns of `values`.
    pub names: Vec<String>,
    /// `values[row][col]` in -1..1; None (or a non-finite value) is undefined. A short or
    /// missing row reads as undefined cells.
    pub values: Vec<Vec<Option<f64>>>,
}

/// Cells are square, row 0 at the top (so the frame's y runs from `n` at the bottom to 0 at
/// the top and `Math.floor(y)` is the row); names cut at 14 characters, upright under the
/// matrix when they do not fit. Each cell prints its value to 2 decimals in black or white,
/// whichever contrasts; when cells are too small for legible text (under 7 CSS px) the values
/// are left to the pointer readout. Undefined cells are hatched and print "—", so they never
/// pass for a correlation of 0.
pub fn draw_heatmap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &HeatMap,
    theme: &Theme,
) -> Drawn<Frame, DB> {
    let body = header(area, &chart.title, &[], theme)?;
    let n = chart.names.len();
    let side = n.max(1) as f64;
    let bar = theme.px(70.0);
    let spec = Axes {
        x: 0.0..side,
        y: side..0.0,
        x_title: &chart.x_title,
        y_title: &chart.y_title,
        x_names: Some(&chart.names),
        y_names: Some(&chart.names),
        square: true,
        reserve_right: bar,
    };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let cell_px = f64::from(frame.width) / side;
    let size = (cell_px / 2.8).min(f64::from(theme.px(12.0)));
    let legible = size >= 7.0 * theme.scale;
    let cell = |r: usize, c: usize| chart.values.get(r).and_then(|row| row.get(c)).copied().flatten().filter(|v| v.is_finite());
    let cells = || (0..n).flat_map(|r| (0..n).map(move |c| (r, c)));
    let at = |r: usize, c: usize| [(c as f64, r as f64), (c as f64 + 1.0, r as f64 + 1.0)];
    ctx.draw_series(cells().map(|(r, c)| {
        let fill = cell(r, c).map_or(theme.background, diverging);
        Rectangle::new(at(r, c), fill.filled())
    }))?;
    let hatch = theme.grid.stroke_width(theme.px(1.0).max(1));
    for (r, c) in cells().filter(|&(r, c)| cell(r, c).is_none()) {
        let (x, y) = (c as f64, r as f64);
        for k in [0.25, 0.5, 0.75] {
            ctx.draw_series([PathElement::new(vec![(x, y + k), (x + k, y)], hatch), PathElement::new(vec![(x + k, y + 1.0), (x + 1.0, y + k)], hatch)])?;
        }
    }
    // Thin gaps between cells, in the page colour, keep neighbouring similar cells apart (not
    // when cells are so small the gaps would be all one sees).
    if cell_px >= 8.0 * theme.scale {
        ctx.draw_series(cells().map(|(r, c)| Rectangle::new(at(r, c), theme.background.stroke_width(1))))?;
    }
    if legible {
        let font = |colour: RGBColor| ("system-ui, sans-serif", size).into_font().color(&colour).pos(Pos::new(HPos::Center, VPos::Center));
        ctx.draw_series(cells().map(|(r, c)| {
            let centre = (c as f64 + 0.5, r as f64 + 0.5);
            match cell(r, c) {
                Some(v) => Text::new(theme.number(two_decimals(v)), centre, font(contrast_text(diverging(v)))),
                None => Text::new("—".to_string(), centre, font(theme.text)),
            }
        }))?;
    }
    colour_bar(area, &frame, bar, theme)?;
    Ok(frame)
}

/// The scale from -1 (bottom) to +1 (top) right of the matrix, with ticks every 0.5.
fn colour_bar<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, frame: &Frame, room: u32, theme: &Theme) -> Drawn<(), DB> {
    let screen = area.use_screen_coord();
    let x0 = frame.left + frame.width + (room as i32 / 4);
    let x1 = x0 + theme.px(14.0) as i32;
    let (top, h) = (frame.top, frame.height.max(1));
    const STEPS: i32 = 64;
    for s in 0..STEPS {
        let (a, b) = (top + h * s / STEPS, top + h * (s + 1) / STEPS);
        let v = 1.0 - 2.0 * (f64::from(s) + 0.5) / f64::from(STEPS);
        screen.draw(&Rectangle::new([(x0, a), (x1, b)], diverging(v).filled()))?;
    }
    screen.draw(&Rectangle::new([(x0, top), (x1, top + h)], theme.grid.stroke_width(1)))?;
    let font = theme.font(11.0).pos(Pos::new(HPos::Left, VPos::Center));
    for v in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        let y = top + ((1.0 - v) / 2.0 * f64::from(h)).round() as i32;
        screen.draw(&PathElement::new(vec![(x1, y), (x1 + theme.px(4.0) as i32, y)], theme.text))?;
        screen.draw(&Text::new(theme.number(tick(&v)), (x1 + theme.px(6.0) as i32, y), font.clone()))?;
    }
    Ok(())
}

/// "0.25", never "-0.00".
fn two_decimals(v: f64) -> String {
    let s = format!("{v:.2}");
    if s == "-0.00" { "0.00".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::to_svg;

    #[test]
    fn values_print_to_two_decimals_and_undefined_cells_say_so() {
        assert_eq!(two_decimals(-0.001), "0.00");
        assert_eq!(two_decimals(0.456), "0.46");
        let chart = HeatMap {
            title: "Corrélations".into(),
            x_title: String::new(),
            y_title: String::new(),
            names: vec!["a".into(), "b".into(), "constante".into()],
            values: vec![
                vec![Some(1.0), Some(-0.5), None],
                vec![Some(-0.5), Some(1.0), None],
                vec![None, None, Some(f64::NAN)],
            ],
        };
        let mut frame = None;
        let svg = to_svg(500, 400, |a| frame = Some(draw_heatmap(a, &chart, &Theme::new(true, 1.0)).unwrap()));
        assert_eq!(svg.matches("\n—\n").count(), 5, "{svg}");
        assert_eq!(svg.matches("-0.50").count(), 2);
        let f = frame.unwrap();
        assert_eq!((f.x_categories, f.y_categories), (Some(3), Some(3)));
        assert!((f.width - f.height).abs() <= 1, "square cells: {f:?}");
    }
}
