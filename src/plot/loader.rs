//! The data loader as a strip: this epoch's training rows in their shuffled order, one thin
//! cell per row coloured by class, cut into batches; the batch being learnt outlined, the ones
//! already learnt dimmed; the validation rows apart, in grey, never part of a batch.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{header, Drawn};
use super::boundary::blend;
use super::frame::Frame;
use super::theme::Theme;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoaderStrip {
    pub title: String,
    /// Class index of each training row, in this epoch's shuffled order (class 0 positive).
    pub classes: Vec<u32>,
    /// Legend; a class without a name draws grey.
    pub class_names: Vec<String>,
    /// Rows per batch (the last batch may be shorter); 0 reads as all rows in one batch.
    pub batch_size: usize,
    /// The batch being learnt, from 0; the batches before it are done. None: the epoch is over.
    #[serde(default)]
    pub batch: Option<usize>,
    /// Above the band, e.g. "entraînement, ordre mélangé".
    pub train_label: String,
    /// Above the current batch, e.g. "époque 3 · lot 5 / 10".
    pub progress_label: String,
    /// At the band's end, e.g. "chaque lot vu une fois".
    pub end_label: String,
    pub validation_rows: usize,
    /// Above the grey band, e.g. "validation — jamais utilisée pour les mises à jour".
    pub validation_label: String,
}

/// Rows in batches already learnt keep this much of their colour.
const DONE: f64 = 0.3;

/// Bands across the whole width: the training band, its batch ticks and end mark, then the
/// validation band, as long as its share of the training rows (so the split's proportion shows)
/// and written with its row count. When there are more rows than pixels each pixel column stacks
/// its rows' class shares (so a 70/30 mix still reads 70/30 at 50,000 rows). The frame spans the
/// training band: x in rows 0..n (`Math.floor(x)` is the position in the shuffled order), y 0..1.
pub fn draw_loader<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &LoaderStrip, theme: &Theme) -> Drawn<Frame, DB> {
    let legend: Vec<(&str, RGBColor)> = chart.class_names.iter().enumerate().map(|(i, s)| (s.as_str(), theme.class_colour(i))).collect();
    let body = header(area, &chart.title, &legend, theme)?;
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let n = chart.classes.len();
    let (left, right) = (theme.px(8.0) as i32, w - theme.px(8.0) as i32);
    let text = theme.px(16.0) as i32;
    let band_h = (h / 5).clamp(theme.px(20.0) as i32, theme.px(64.0) as i32);
    let top = text * 2 + theme.px(6.0) as i32;
    let (x0, x1, y0, y1) = (left, right.max(left + 1), top, top + band_h);
    let mut frame = Frame::of(&body, 0.0..n.max(1) as f64, 0.0..1.0);
    let (ox, oy) = (frame.left, frame.top);
    (frame.left, frame.top, frame.width, frame.height) = (ox + x0, oy + y0, x1 - x0, band_h);

    let size = if chart.batch_size == 0 { n.max(1) } else { chart.batch_size };
    let batches = n.div_ceil(size);
    let current = chart.batch.unwrap_or(batches);
    let x_of = |row: usize| x0 + ((x1 - x0) as f64 * row as f64 / n.max(1) as f64).round() as i32;
    let colour = |k: u32, row: usize| {
        let c = if (k as usize) < chart.class_names.len() { theme.class_colour(k as usize) } else { theme.muted() };
        if row / size < current { blend(theme.background, c, DONE) } else { c }
    };
    // One rectangle per row, or per pixel column stacking its rows' classes.
    if n <= (x1 - x0) as usize {
        for (row, &k) in chart.classes.iter().enumerate() {
            body.draw(&Rectangle::new([(x_of(row), y0), (x_of(row + 1), y1)], colour(k, row).filled()))?;
        }
    } else {
        let columns = (x1 - x0) as usize;
        let mut counts = vec![0usize; chart.class_names.len() + 1];
        for c in 0..columns {
            let (a, b) = (c * n / columns, (c + 1) * n / columns);
            counts.iter_mut().for_each(|k| *k = 0);
            for &k in &chart.classes[a..b] {
                counts[(k as usize).min(chart.class_names.len())] += 1;
            }
            let (mut y, mut seen) = (y0, 0);
            for (k, &m) in counts.iter().enumerate().filter(|(_, &m)| m > 0) {
                seen += m;
                let next = y0 + ((y1 - y0) as usize * seen / (b - a).max(1)) as i32;
                body.draw(&Rectangle::new([(x0 + c as i32, y), (x0 + c as i32 + 1, next)], colour(k as u32, a).filled()))?;
                y = next;
            }
        }
    }
    body.draw(&Rectangle::new([(x0, y0), (x1, y1)], theme.grid.stroke_width(1)))?;

    // Batch boundaries as ticks under the band, when at least 3 px apart.
    let tick = theme.px(6.0) as i32;
    if batches > 1 && (x1 - x0) as usize / batches >= 3 {
        for b in 1..batches {
            let x = x_of(b * size);
            body.draw(&PathElement::new(vec![(x, y1), (x, y1 + tick)], theme.text.stroke_width(1)))?;
        }
    }
    let font = theme.font(12.0);
    let label = format!("{} · n = {n}", chart.train_label);
    body.draw(&Text::new(label, (x0, top - text - theme.px(4.0) as i32), font.pos(Pos::new(HPos::Left, VPos::Bottom))))?;
    // The current batch: outlined, with the progress label above it (kept on the canvas).
    if let Some(b) = chart.batch.filter(|&b| b < batches) {
        let (a, z) = (x_of(b * size), x_of(((b + 1) * size).min(n)).max(x_of(b * size) + 2));
        let out = theme.px(3.0) as i32;
        body.draw(&Rectangle::new([(a - 1, y0 - out), (z + 1, y1 + out)], theme.text.stroke_width(theme.px(2.0).max(1))))?;
        let (tw, _) = body.estimate_text_size(&chart.progress_label, &font)?;
        let cx = ((a + z) / 2).clamp(x0 + tw as i32 / 2, (x1 - tw as i32 / 2).max(x0 + tw as i32 / 2));
        body.draw(&Text::new(chart.progress_label.clone(), (cx, y0 - out - theme.px(4.0) as i32), font.pos(Pos::new(HPos::Center, VPos::Bottom))))?;
    } else {
        body.draw(&Text::new(chart.progress_label.clone(), (x1, y0 - theme.px(7.0) as i32), font.pos(Pos::new(HPos::Right, VPos::Bottom))))?;
    }
    // The end of the epoch: a bar past the band's end, the end label under it.
    let mark = theme.text.stroke_width(theme.px(2.0).max(1));
    body.draw(&PathElement::new(vec![(x1, y0 - theme.px(3.0) as i32), (x1, y1 + tick * 2)], mark))?;
    body.draw(&Text::new(chart.end_label.clone(), (x1, y1 + tick * 2 + theme.px(2.0) as i32), theme.font(11.0).pos(Pos::new(HPos::Right, VPos::Top))))?;

    // The validation rows, apart: grey, scaled to their share of the training rows.
    let v0 = y1 + tick * 2 + text * 3;
    let share = if n == 0 { 1.0 } else { (chart.validation_rows as f64 / n as f64).min(1.0) };
    let vx1 = x0 + (((x1 - x0) as f64 * share).round() as i32).max(2);
    let label = format!("{} · n = {}", chart.validation_label, chart.validation_rows);
    body.draw(&Text::new(label, (x0, v0 - theme.px(4.0) as i32), font.pos(Pos::new(HPos::Left, VPos::Bottom))))?;
    body.draw(&Rectangle::new([(x0, v0), (vx1, v0 + band_h / 2)], theme.muted().filled()))?;
    Ok(frame)
}
