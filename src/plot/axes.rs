//! What every chart shares: background, title and legend strip, data ranges that survive empty
//! or non-finite data, axes with titles, category labels and the returned `Frame`.

use std::ops::Range;

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::frame::Frame;
use super::theme::Theme;

/// A chart whose content is drawn in plain f64 data coordinates; categorical axes run 0..n.
pub type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;
/// What every draw function returns: the backend's error, nothing else can fail.
pub type Drawn<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Longest category name shown in full; longer ones are cut with "…" (the table shows them all).
const MAX_LABEL_CHARS: usize = 14;
/// At most this many legend rows, so 40 classes cannot push the chart off the canvas.
const MAX_LEGEND_ROWS: usize = 3;

/// Paints the background, the title and a legend row (wrapping) for `legend`, and returns the
/// area left for the chart. The legend sits above the plot so it never hides data.
pub fn header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    legend: &[(&str, RGBColor)],
    theme: &Theme,
) -> Drawn<DrawingArea<DB, Shift>, DB> {
    area.fill(&theme.background)?;
    let body = area.titled(title, theme.font(15.0))?.margin(0, 0, theme.px(10.0), theme.px(10.0));
    if legend.is_empty() {
        return Ok(body);
    }
    let font = theme.font(12.0);
    let (swatch, gap, row_h) = (theme.px(10.0) as i32, theme.px(6.0) as i32, theme.px(18.0) as i32);
    let width = body.dim_in_pixel().0 as i32;
    let (mut x, mut row, mut places) = (0, 0, Vec::with_capacity(legend.len()));
    for (i, (name, _)) in legend.iter().enumerate() {
        let name = truncate(name, 24);
        let w = swatch + gap + body.estimate_text_size(&name, &font)?.0 as i32;
        if x > 0 && x + w > width {
            row += 1;
            x = 0;
        }
        if row == MAX_LEGEND_ROWS {
            places.push((x.min(width - 20), row - 1, "…".to_string(), None));
            break;
        }
        places.push((x, row, name, Some(i)));
        x += w + 2 * gap + swatch;
    }
    let rows = places.iter().map(|p| p.1 + 1).max().unwrap_or(1) as i32;
    let (strip, rest) = body.split_vertically(rows * row_h + theme.px(4.0) as i32);
    for (x, row, name, i) in places {
        let y = row as i32 * row_h + row_h / 2;
        if let Some(i) = i {
            let half = swatch / 2;
            strip.draw(&Rectangle::new([(x, y - half), (x + swatch, y + half)], legend[i].1.filled()))?;
        }
        strip.draw(&Text::new(name, (x + swatch + gap, y), font.pos(Pos::new(HPos::Left, VPos::Center))))?;
    }
    Ok(rest)
}

/// The axes of one chart: data ranges (a categorical axis is 0..n with its names), titles.
#[derive(Default)]
pub struct Axes<'t> {
    pub x: Range<f64>,
    pub y: Range<f64>,
    pub x_title: &'t str,
    pub y_title: &'t str,
    pub x_names: Option<&'t [String]>,
    pub y_names: Option<&'t [String]>,
    /// Make the plotting area square (the heat map), leaving the spare room on the right.
    pub square: bool,
    /// Device pixels kept free right of the plot, e.g. for a colour bar.
    pub reserve_right: u32,
}

/// Builds the chart on `body`, draws grid, ticks, axis titles and category names, and returns
/// the chart with its `Frame`. Category names are drawn here rather than by plotters' mesh so a
/// category sits on 0..n exactly like the data, and long names can be cut or turned upright.
pub fn axes<'a, DB: DrawingBackend>(
    body: &'a DrawingArea<DB, Shift>,
    spec: &Axes<'_>,
    theme: &Theme,
) -> Drawn<(Plot<'a, DB>, Frame), DB> {
    let font = theme.font(12.0);
    let (width, _) = body.dim_in_pixel();
    let width = width.saturating_sub(spec.reserve_right);
    let text_h = theme.px(14.0);
    let desc = theme.px(22.0);
    // Category names along x turn upright when they would not fit side by side.
    let x_upright = match spec.x_names {
        Some(names) if !names.is_empty() => {
            let slot = width as f64 * 0.8 / names.len() as f64;
            widest(body, names, &font)? as f64 + f64::from(theme.px(6.0)) > slot
        }
        _ => false,
    };
    let x_area = match spec.x_names {
        Some(names) if x_upright => widest(body, names, &font)? + theme.px(8.0) + desc,
        _ => text_h + theme.px(8.0) + desc,
    };
    let y_area = match spec.y_names {
        Some(names) => widest(body, names, &font)? + theme.px(8.0) + desc,
        None => {
            let ends = [spec.y.start, spec.y.end, (spec.y.start + spec.y.end) / 2.0].map(|v| theme.number(tick(&v)));
            let w = ends.iter().map(|s| body.estimate_text_size(s, &font).map(|(w, _)| w)).try_fold(0, |m, w| w.map(|w| m.max(w)))?;
            w.max(theme.px(24.0)) + theme.px(10.0) + desc
        }
    };
    let (top, mut right, mut bottom) = (theme.px(6.0), theme.px(6.0) + spec.reserve_right, 0);
    if spec.square {
        let (w, h) = body.dim_in_pixel();
        let free_w = w.saturating_sub(y_area + right);
        let free_h = h.saturating_sub(x_area + top);
        let side = free_w.min(free_h);
        right += free_w - side;
        bottom += free_h - side;
    }
    let mut ctx = ChartBuilder::on(body)
        .margin_top(top)
        .margin_right(right)
        .margin_bottom(bottom)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(spec.x.clone(), spec.y.clone())?;
    let label = |v: &f64| theme.number(tick(v));
    let mut mesh = ctx.configure_mesh();
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(theme.grid)
        .axis_style(theme.text)
        .x_label_formatter(&label)
        .y_label_formatter(&label)
        .x_desc(spec.x_title)
        .y_desc(spec.y_title)
        .label_style(font.clone())
        .axis_desc_style(theme.font(13.0));
    if spec.x_names.is_some() {
        mesh.disable_x_mesh().x_labels(0);
    } else {
        mesh.x_labels(8);
    }
    if spec.y_names.is_some() {
        mesh.disable_y_mesh().y_labels(0);
    } else {
        mesh.y_labels(8);
    }
    mesh.draw()?;
    let mut frame = Frame::of(&ctx.plotting_area().strip_coord_spec(), spec.x.clone(), spec.y.clone());
    if let Some(names) = spec.x_names {
        frame.x_categories = Some(names.len());
        category_labels(&ctx, names, true, x_upright, theme)?;
    }
    if let Some(names) = spec.y_names {
        frame.y_categories = Some(names.len());
        category_labels(&ctx, names, false, false, theme)?;
    }
    Ok((ctx, frame))
}

/// Names under the x axis (upright if `upright`) or left of the y axis, one per unit of 0..n;
/// when they are denser than the text is tall, only every k-th is written.
fn category_labels<DB: DrawingBackend>(
    ctx: &Plot<'_, DB>,
    names: &[String],
    along_x: bool,
    upright: bool,
    theme: &Theme,
) -> Drawn<(), DB> {
    let plot = ctx.plotting_area();
    let screen = plot.use_screen_coord();
    let (px, py) = plot.get_pixel_range();
    let n = names.len().max(1);
    let span = if along_x { px.end - px.start } else { py.end - py.start };
    let slot = f64::from(span) / n as f64;
    let need = if along_x && !upright { slot.max(1.0) } else { f64::from(theme.px(14.0)) };
    let step = if slot >= need { 1 } else { (need / slot.max(1e-9)).ceil() as usize };
    let gap = theme.px(6.0) as i32;
    let mut font = theme.font(12.0);
    if upright {
        font = font.transform(FontTransform::Rotate270);
    }
    for (i, name) in names.iter().enumerate().step_by(step) {
        let c = i as f64 + 0.5;
        let (text, style, at) = if along_x {
            let (x, _) = plot.map_coordinate(&(c, ctx.y_range().start));
            let anchor = if upright { Pos::new(HPos::Right, VPos::Center) } else { Pos::new(HPos::Center, VPos::Top) };
            (truncate(name, MAX_LABEL_CHARS), font.pos(anchor), (x, py.end + gap))
        } else {
            let (_, y) = plot.map_coordinate(&(ctx.x_range().start, c));
            (truncate(name, MAX_LABEL_CHARS), font.pos(Pos::new(HPos::Right, VPos::Center)), (px.start - gap, y))
        };
        screen.draw(&Text::new(text, at, style))?;
    }
    Ok(())
}

fn widest<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, names: &[String], font: &TextStyle) -> Drawn<u32, DB> {
    let mut w = 0;
    for name in names {
        w = w.max(area.estimate_text_size(&truncate(name, MAX_LABEL_CHARS), font)?.0);
    }
    Ok(w)
}

/// At most `max` characters, the last one "…" when cut.
pub fn truncate(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        name.chars().take(max.saturating_sub(1)).chain(std::iter::once('…')).collect()
    }
}

/// A tick value without float noise (0.30000000000000004 → 0.3); large or tiny ones in e-notation.
pub fn tick(v: &f64) -> String {
    let v = *v;
    if v == 0.0 || !v.is_finite() {
        return if v.is_finite() { "0".into() } else { String::new() };
    }
    let a = v.abs();
    if !(1e-3..1e6).contains(&a) {
        return format!("{v:.1e}");
    }
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The smallest and largest finite values, if any: NaN and ±∞ are skipped, never drawn.
pub fn finite_range(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values.into_iter().filter(|v| v.is_finite()).fold(None, |r, v| match r {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// A drawable axis range around `range`: widened by `pad` of its span on each side, a single
/// value gets ±0.5 (or ±10 %), and no data gives 0..1.
pub fn padded(range: Option<(f64, f64)>, pad: f64) -> Range<f64> {
    match range {
        None => 0.0..1.0,
        Some((lo, hi)) if hi - lo > 0.0 && (hi - lo).is_finite() => {
            let d = (hi - lo) * pad;
            (lo - d)..(hi + d)
        }
        Some((lo, _)) => {
            let d = if lo.abs() > 1.0 { lo.abs() * 0.1 } else { 0.5 };
            (lo - d)..(lo + d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_lose_float_noise() {
        assert_eq!(tick(&(0.1 + 0.2)), "0.3");
        assert_eq!(tick(&-2.0), "-2");
        assert_eq!(tick(&1250.5), "1250.5");
        assert_eq!(tick(&2.5e7), "2.5e7");
        assert_eq!(tick(&0.0), "0");
    }

    #[test]
    fn ranges_skip_non_finite_values_and_survive_empty_data() {
        assert_eq!(finite_range([f64::NAN, 2.0, f64::INFINITY, -1.0]), Some((-1.0, 2.0)));
        assert_eq!(finite_range([f64::NAN]), None);
        assert_eq!(padded(None, 0.05), 0.0..1.0);
        assert_eq!(padded(Some((0.5, 0.5)), 0.05), 0.0..1.0);
        let r = padded(Some((30.0, 30.0)), 0.05);
        assert!((r.start - 27.0).abs() < 1e-12 && (r.end - 33.0).abs() < 1e-12, "{r:?}"); // ±10 %
        assert_eq!(padded(Some((0.0, 10.0)), 0.1), -1.0..11.0);
    }

    #[test]
    fn long_names_are_cut() {
        assert_eq!(truncate("abc", 14), "abc");
        assert_eq!(truncate("une très longue colonne", 8), "une trè…");
    }
}
