//! Small images side by side: a convolution's filters, a layer's feature maps, digits. Each
//! panel is a grid of cells coloured on its own scale (viridis from 0 to its largest value, or
//! blue–white–red around 0 when it holds negative values, as weights do), its label under it.
//! Draws only.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{header, Drawn};
use super::frame::Frame;
use super::theme::{diverging, viridis, Theme};

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageGrid {
    pub title: String,
    pub images: Vec<Image>,
    /// What the colours mean, written under the panels ("light: large values").
    pub note: String,
}

/// `values` row-major, `height` × `width` (missing or non-finite cells are left blank).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Image {
    pub label: String,
    pub height: usize,
    pub width: usize,
    pub values: Vec<f64>,
}

/// The columns that make the panels largest in `width` × `height` device pixels, with `gap`
/// between panels and `label` under each; and that size.
fn layout(n: usize, width: f64, height: f64, gap: f64, label: f64) -> (usize, f64) {
    (1..=n.max(1))
        .map(|cols| {
            let rows = n.div_ceil(cols).max(1) as f64;
            let across = (width - gap * (cols as f64 - 1.0)) / cols as f64;
            let down = (height - rows * (label + gap)) / rows;
            (cols, across.min(down).max(1.0))
        })
        .fold((1, 0.0), |best, c| if c.1 > best.1 { c } else { best })
}

/// How a panel colours a value: viridis over `0..max`, or diverging over `±max|v|` when it
/// holds a clearly negative value (pixels unscaled back may come out at −1e-16: not signed).
fn colouring(values: &[f64]) -> impl Fn(f64) -> RGBColor {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (low, high) = finite.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let signed = low < -1e-9 * high.max(1.0);
    let top = if signed { high.max(-low) } else { high };
    move |v: f64| {
        let t = if top > 0.0 { v / top } else { 0.0 };
        if signed { diverging(t) } else { viridis(t) }
    }
}

/// The panels in rows, largest first fitting the area; the frame spans columns × rows of
/// panels (`Math.floor(x)`, `Math.floor(y)` give the panel under the pointer).
pub fn draw_images<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &ImageGrid, theme: &Theme) -> Drawn<Frame, DB> {
    let body = header(area, &chart.title, &[], theme)?;
    let (w, h) = body.dim_in_pixel();
    let (gap, label, note) = (f64::from(theme.px(10.0)), f64::from(theme.px(16.0)), f64::from(theme.px(20.0)));
    let n = chart.images.len();
    let (cols, side) = layout(n, f64::from(w), f64::from(h) - note, gap, label);
    let rows = n.div_ceil(cols).max(1);
    let screen = body.use_screen_coord();
    let (x0, y0) = body.get_base_pixel();
    let font = theme.font(12.0).pos(Pos::new(HPos::Center, VPos::Top));
    for (i, image) in chart.images.iter().enumerate() {
        let left = f64::from(x0) + (i % cols) as f64 * (side + gap);
        let top = f64::from(y0) + (i / cols) as f64 * (side + label + gap);
        let cell = side / image.height.max(image.width).max(1) as f64;
        let colour = colouring(&image.values);
        for (k, &v) in image.values.iter().enumerate().take(image.height * image.width).filter(|(_, v)| v.is_finite()) {
            let (r, c) = ((k / image.width) as f64, (k % image.width) as f64);
            let a = ((left + c * cell).round() as i32, (top + r * cell).round() as i32);
            let b = ((left + (c + 1.0) * cell).round() as i32, (top + (r + 1.0) * cell).round() as i32);
            screen.draw(&Rectangle::new([a, b], colour(v).filled()))?;
        }
        let (right, bottom) = ((left + cell * image.width as f64).round() as i32, (top + cell * image.height as f64).round() as i32);
        screen.draw(&Rectangle::new([(left.round() as i32, top.round() as i32), (right, bottom)], theme.grid.stroke_width(1)))?;
        let centre = ((left + cell * image.width as f64 / 2.0).round() as i32, bottom + theme.px(3.0) as i32);
        screen.draw(&Text::new(image.label.clone(), centre, font.clone()))?;
    }
    let bottom = f64::from(y0) + rows as f64 * (side + label + gap);
    screen.draw(&Text::new(chart.note.clone(), (x0, bottom.round() as i32), theme.font(12.0).color(&theme.muted())))?;
    let width = (cols as f64 * (side + gap)).round() as i32;
    let height = (rows as f64 * (side + label + gap)).round() as i32;
    Ok(Frame {
        left: x0,
        top: y0,
        width,
        height,
        x_min: 0.0,
        x_max: cols as f64,
        y_min: rows as f64,
        y_max: 0.0,
        x_categories: Some(cols),
        y_categories: Some(rows),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::to_svg;

    fn image(label: &str, values: Vec<f64>) -> Image {
        Image { label: label.into(), height: 2, width: 2, values }
    }

    #[test]
    fn every_finite_cell_is_drawn_and_every_panel_labelled() {
        let chart = ImageGrid {
            title: "Filtres".into(),
            images: vec![image("filtre 1", vec![-1.0, 0.5, 0.0, 1.0]), image("filtre 2", vec![0.0, 2.0, f64::NAN, 4.0])],
            note: "bleu : négatif, rouge : positif".into(),
        };
        let mut frame = None;
        let svg = to_svg(400, 300, |a| frame = Some(draw_images(a, &chart, &Theme::new(false, 1.0)).unwrap()));
        assert!(svg.contains("filtre 1") && svg.contains("filtre 2") && svg.contains("bleu : négatif"));
        // 7 finite cells, 2 outlines, and the background.
        assert_eq!(svg.matches("<rect").count(), 7 + 2 + 1, "{svg}");
        assert_eq!(frame.unwrap().x_categories, Some(2));
    }

    #[test]
    fn the_layout_picks_the_columns_that_make_panels_largest() {
        assert_eq!(layout(8, 800.0, 200.0, 10.0, 16.0).0, 8);
        assert_eq!(layout(8, 200.0, 800.0, 10.0, 16.0).0, 2);
        assert_eq!(layout(0, 100.0, 100.0, 10.0, 16.0).0, 1);
    }

    #[test]
    fn signed_panels_are_diverging_and_others_sequential() {
        assert_eq!(colouring(&[-2.0, 1.0])(0.0), diverging(0.0));
        assert_eq!(colouring(&[0.0, 4.0])(4.0), viridis(1.0));
        assert_eq!(colouring(&[-1e-16, 4.0])(4.0), viridis(1.0));
    }
}
