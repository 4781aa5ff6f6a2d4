//! The loss surface of a two-parameter model (w, b) as a contour map, with optimiser paths
//! walked on it. The caller evaluates the loss on the grid and records the paths; this module
//! only picks the contour levels and draws.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{axes, finite_range, header, Axes, Drawn, Plot};
use super::boundary::{blend, Grid};
use super::frame::Frame;
use super::theme::{viridis, Theme};

fn default_levels() -> usize {
    10
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LossSurface {
    pub title: String,
    /// E.g. "poids w" and "biais b".
    pub x_title: String,
    pub y_title: String,
    /// The loss on the (w, b) grid, laid out as `Grid` says (y outer, row 0 at the bottom).
    pub loss: Grid,
    /// Number of filled bands (10 unless said, at least 2).
    #[serde(default = "default_levels")]
    pub levels: usize,
    pub paths: Vec<DescentPath>,
    /// Written where a diverged path leaves the window, e.g. "diverge".
    pub diverged_label: String,
    #[serde(default)]
    pub minimum: Option<[f64; 2]>,
    /// Written beside the minimum, e.g. "minimum".
    #[serde(default)]
    pub minimum_label: String,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DescentPath {
    /// Legend entry, e.g. "SGD, taux 0,1".
    pub label: String,
    /// The (w, b) visited, in order, from the start.
    pub points: Vec<[f64; 2]>,
    #[serde(default)]
    pub diverged: bool,
}

/// Filled bands between the levels (pale viridis: low loss dark, so the minimum's basin stands
/// out), iso-lines at each level, a colour key, then each path: a line in its own colour over a
/// halo in the page colour, a ring at its start, a dot at its end, and for a diverged path a
/// cross and `diverged_label` where it leaves the window. Segments are clipped to the window; a
/// non-finite point ends the path. The frame is the axes' (the grid's ranges).
pub fn draw_descent<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &LossSurface, theme: &Theme) -> Drawn<Frame, DB> {
    let colour = |i: usize| theme.class_colour(if i == 0 { 5 } else { i - 1 });
    let legend: Vec<(&str, RGBColor)> = chart.paths.iter().enumerate().map(|(i, p)| (p.label.as_str(), colour(i))).collect();
    let body = header(area, &chart.title, &legend, theme)?;
    let (xr, yr) = chart.loss.ranges();
    let key = theme.px(72.0);
    let spec = Axes { x: xr.clone(), y: yr.clone(), x_title: &chart.x_title, y_title: &chart.y_title, reserve_right: key, ..Default::default() };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let levels = levels(&chart.loss.values, chart.levels.max(2));
    let band_colour = |v: f64| band_colour(band(&levels, v), levels.len(), theme);
    chart.loss.paint(&mut ctx, band_colour)?;
    let iso = theme.text.mix(0.35).stroke_width(1);
    for &level in levels.iter().skip(1).take(levels.len().saturating_sub(2)) {
        ctx.draw_series(chart.loss.contour(level).into_iter().map(|s| PathElement::new(s, iso)))?;
    }
    let window = ((xr.start, yr.start), (xr.end, yr.end));
    for (i, path) in chart.paths.iter().enumerate() {
        draw_path(&mut ctx, path, window, colour(i), &chart.diverged_label, theme)?;
    }
    if let Some([x, y]) = chart.minimum.filter(|&[x, y]| xr.contains(&x) && yr.contains(&y)) {
        let style = theme.text.stroke_width(theme.px(2.0).max(1));
        ctx.draw_series([Cross::new((x, y), theme.px(6.0), style)])?;
        let font = theme.font(12.0).pos(Pos::new(HPos::Left, VPos::Center));
        let (px, py) = ctx.plotting_area().map_coordinate(&(x, y));
        area.use_screen_coord().draw(&Text::new(chart.minimum_label.clone(), (px + theme.px(10.0) as i32, py), font))?;
    }
    level_key(area, &frame, key, &levels, theme)?;
    Ok(frame)
}

/// `n + 1` level edges from the lowest to the highest finite loss: log-spaced when all losses
/// are positive and span more than a factor 10 (a quadratic loss's bowl then shows many rings,
/// not one dark blot), evenly spaced otherwise. Empty when no loss is finite.
fn levels(values: &[f64], n: usize) -> Vec<f64> {
    let Some((lo, hi)) = finite_range(values.iter().copied()) else { return vec![] };
    if hi <= lo {
        return vec![lo, lo + 1.0];
    }
    let log = lo > 0.0 && hi / lo > 10.0;
    (0..=n)
        .map(|k| {
            let t = k as f64 / n as f64;
            if log { lo * (hi / lo).powf(t) } else { lo + (hi - lo) * t }
        })
        .collect()
}

/// The band `v` falls in, 0 for the lowest.
fn band(levels: &[f64], v: f64) -> usize {
    levels.iter().skip(1).take(levels.len().saturating_sub(2)).filter(|&&l| v >= l).count()
}

fn band_colour(band: usize, edges: usize, theme: &Theme) -> RGBColor {
    let bands = edges.saturating_sub(1).max(2);
    blend(theme.background, viridis(band as f64 / (bands - 1) as f64), 0.6)
}

/// The path as clipped polylines, its start and end markers, and where a diverged path leaves.
fn draw_path<DB: DrawingBackend>(
    ctx: &mut Plot<'_, DB>,
    path: &DescentPath,
    window: ((f64, f64), (f64, f64)),
    colour: RGBColor,
    diverged_label: &str,
    theme: &Theme,
) -> Drawn<(), DB> {
    let points: Vec<(f64, f64)> = path.points.iter().take_while(|p| p.iter().all(|v| v.is_finite())).map(|p| (p[0], p[1])).collect();
    let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
    for w in points.windows(2) {
        let Some((a, b)) = clip(w[0], w[1], window) else { continue };
        match lines.last_mut() {
            Some(line) if line.last() == Some(&a) => line.push(b),
            _ => lines.push(vec![a, b]),
        }
    }
    let (halo, line) = (theme.background.stroke_width(theme.px(4.5).max(1)), colour.stroke_width(theme.px(2.0).max(1)));
    ctx.draw_series(lines.iter().map(|l| PathElement::new(l.clone(), halo)))?;
    ctx.draw_series(lines.iter().map(|l| PathElement::new(l.clone(), line)))?;
    let inside = |p: &&(f64, f64)| (window.0 .0..=window.1 .0).contains(&p.0) && (window.0 .1..=window.1 .1).contains(&p.1);
    let r = theme.px(5.0);
    if let Some(&start) = points.first().filter(inside) {
        ctx.draw_series([Circle::new(start, r, theme.background.filled()), Circle::new(start, r, colour.stroke_width(theme.px(2.0).max(1)))])?;
    }
    if path.diverged {
        let Some(&exit) = lines.last().and_then(|l| l.last()) else { return Ok(()) };
        ctx.draw_series([Cross::new(exit, theme.px(6.0), colour.stroke_width(theme.px(2.5).max(1)))])?;
        let (x0, x1) = (window.0 .0, window.1 .0);
        let (y0, y1) = (window.0 .1, window.1 .1);
        // Written inward from the exit, so it stays inside the window.
        let (right, high) = (exit.0 > (x0 + x1) / 2.0, exit.1 > (y0 + y1) / 2.0);
        let (px, py) = ctx.plotting_area().map_coordinate(&exit);
        let gap = theme.px(9.0) as i32;
        let (h, x) = if right { (HPos::Right, px - gap) } else { (HPos::Left, px + gap) };
        let (v, y) = if high { (VPos::Top, py + gap) } else { (VPos::Bottom, py - gap) };
        let at = (x, y);
        let font = theme.font(12.0).color(&colour).pos(Pos::new(h, v));
        ctx.plotting_area().use_screen_coord().draw(&Text::new(diverged_label.to_string(), at, font))?;
    } else if let Some(&end) = points.last().filter(inside) {
        ctx.draw_series([Circle::new(end, r, colour.filled())])?;
    }
    Ok(())
}

/// The part of segment `a`–`b` inside `window` (Liang–Barsky), None when it misses it.
fn clip(a: (f64, f64), b: (f64, f64), window: ((f64, f64), (f64, f64))) -> Option<((f64, f64), (f64, f64))> {
    let ((x0, y0), (x1, y1)) = window;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0 - x0), (dx, x1 - a.0), (-dy, a.1 - y0), (dy, y1 - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 { t0 = t0.max(t) } else { t1 = t1.min(t) }
        }
    }
    let at = |t: f64| if t == 0.0 { a } else if t == 1.0 { b } else { (a.0 + t * dx, a.1 + t * dy) };
    (t0 <= t1 && t0.is_finite() && t1.is_finite()).then(|| (at(t0), at(t1)))
}

/// The bands' colours right of the plot, lowest at the bottom, each level's loss written.
fn level_key<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, frame: &Frame, room: u32, levels: &[f64], theme: &Theme) -> Drawn<(), DB> {
    if levels.len() < 2 {
        return Ok(());
    }
    let screen = area.use_screen_coord();
    let x0 = frame.left + frame.width + (room as i32 / 5);
    let x1 = x0 + theme.px(12.0) as i32;
    let (top, h, bands) = (frame.top, frame.height.max(1), levels.len() as i32 - 1);
    let font = theme.font(11.0).pos(Pos::new(HPos::Left, VPos::Center));
    // Write every k-th level so the numbers stay at least 14 CSS px apart.
    let every = ((theme.px(14.0) as i32 * bands) / h + 1) as usize;
    for (k, level) in levels.iter().enumerate() {
        let y = top + h - h * k as i32 / bands;
        if (k as i32) < bands {
            let next = top + h - h * (k as i32 + 1) / bands;
            screen.draw(&Rectangle::new([(x0, next), (x1, y)], band_colour(k, levels.len(), theme).filled()))?;
        }
        if k % every == 0 || k + 1 == levels.len() {
            screen.draw(&Text::new(theme.number(two_figures(*level)), (x1 + theme.px(5.0) as i32, y), font.clone()))?;
        }
    }
    screen.draw(&Rectangle::new([(x0, top), (x1, top + h)], theme.grid.stroke_width(1)))
}

/// Two significant figures, e.g. 0.0034, 0.12, 3.4, 120, 4.5e6.
fn two_figures(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return if v == 0.0 { "0".into() } else { String::new() };
    }
    let magnitude = v.abs().log10().floor() as i32;
    if !(-4..6).contains(&magnitude) {
        return format!("{v:.1e}");
    }
    format!("{v:.*}", (1 - magnitude).max(0) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_log_spaced_over_wide_positive_ranges() {
        let l = levels(&[0.01, 1.0, f64::NAN, 100.0], 4);
        let want = [0.01, 0.1, 1.0, 10.0, 100.0];
        assert!(l.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-9 * b), "{l:?}");
        assert_eq!(levels(&[-1.0, 1.0], 2), vec![-1.0, 0.0, 1.0]);
        assert_eq!(levels(&[f64::NAN], 3), Vec::<f64>::new());
        assert_eq!((band(&want, 0.05), band(&want, 50.0), band(&want, 1e9)), (0, 3, 3));
    }

    #[test]
    fn segments_are_clipped_to_the_window() {
        let w = ((0.0, 0.0), (1.0, 1.0));
        assert_eq!(clip((0.5, 0.5), (2.0, 0.5), w), Some(((0.5, 0.5), (1.0, 0.5))));
        assert_eq!(clip((2.0, 2.0), (3.0, 3.0), w), None);
        assert_eq!(clip((-1.0, 0.5), (2.0, 0.5), w), Some(((0.0, 0.5), (1.0, 0.5))));
        assert_eq!(two_figures(0.003456), "0.0035");
        assert_eq!(two_figures(123.4), "123");
    }
}
