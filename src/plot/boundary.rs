//! Decision boundary of a two-class model over two features: the model's score on a grid as the
//! background, the threshold's contour line, the training points on top with the misclassified
//! ones ringed. The grid helpers (cells, marching squares) are shared with the loss surface.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{axes, header, tick, Axes, Drawn, Plot};
use super::frame::Frame;
use super::theme::Theme;

/// Values on a regular grid of `nx` × `ny` nodes spanning `x_range` × `y_range` (both ends
/// included), row-major with y outer: `values[j * nx + i]` is at
/// `(x0 + i (x1 − x0) / (nx − 1), y0 + j (y1 − y0) / (ny − 1))`, row 0 at the bottom. That is
/// numpy's `meshgrid(xs, ys)` (default `indexing="xy"`) raveled, as scikit-learn's
/// `DecisionBoundaryDisplay` builds it. Missing values read as NaN.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Grid {
    pub nx: usize,
    pub ny: usize,
    pub x_range: [f64; 2],
    pub y_range: [f64; 2],
    pub values: Vec<f64>,
}

impl Grid {
    pub(crate) fn at(&self, i: usize, j: usize) -> f64 {
        self.values.get(j * self.nx + i).copied().unwrap_or(f64::NAN)
    }

    /// Data coordinates of fractional node indices.
    pub(crate) fn point(&self, i: f64, j: f64) -> (f64, f64) {
        let step = |r: [f64; 2], n: usize| if n > 1 { (r[1] - r[0]) / (n - 1) as f64 } else { 0.0 };
        (self.x_range[0] + i * step(self.x_range, self.nx), self.y_range[0] + j * step(self.y_range, self.ny))
    }

    /// Both ranges finite and non-empty, else the unit square.
    pub(crate) fn ranges(&self) -> (std::ops::Range<f64>, std::ops::Range<f64>) {
        let ok = |r: [f64; 2]| if r.iter().all(|v| v.is_finite()) && r[1] > r[0] { r[0]..r[1] } else { 0.0..1.0 };
        (ok(self.x_range), ok(self.y_range))
    }

    /// Paints one rectangle per node (half a step around it, cut at the ranges' ends) in
    /// `colour(value)`; non-finite values are left to the background. One `fillRect` per cell on a
    /// canvas: 120 × 120 cells stay fast.
    pub(crate) fn paint<DB: DrawingBackend>(&self, ctx: &mut Plot<'_, DB>, colour: impl Fn(f64) -> RGBColor) -> Drawn<(), DB> {
        let (xr, yr) = self.ranges();
        let (hx, hy) = ((xr.end - xr.start) / (2.0 * (self.nx.max(2) - 1) as f64), (yr.end - yr.start) / (2.0 * (self.ny.max(2) - 1) as f64));
        let cells = (0..self.ny).flat_map(|j| (0..self.nx).map(move |i| (i, j))).filter(|&(i, j)| self.at(i, j).is_finite());
        ctx.draw_series(cells.map(|(i, j)| {
            let (x, y) = self.point(i as f64, j as f64);
            let a = ((x - hx).max(xr.start), (y - hy).max(yr.start));
            let b = ((x + hx).min(xr.end), (y + hy).min(yr.end));
            Rectangle::new([a, b], colour(self.at(i, j)).filled())
        }))?;
        Ok(())
    }

    /// Marching squares: the segments where the grid crosses `level`, in data coordinates,
    /// linearly interpolated along the cell edges. A saddle cell is resolved by its centre's
    /// mean; cells with a non-finite corner are skipped.
    pub(crate) fn contour(&self, level: f64) -> Vec<[(f64, f64); 2]> {
        let mut out = Vec::new();
        for j in 0..self.ny.saturating_sub(1) {
            for i in 0..self.nx.saturating_sub(1) {
                // Corners counter-clockwise from the bottom-left, and their node indices.
                let c = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
                let v = c.map(|(a, b)| self.at(a, b));
                if !v.iter().all(|v| v.is_finite()) {
                    continue;
                }
                // Where the level crosses each edge k (corner k to k + 1).
                let cross: Vec<(f64, f64)> = (0..4)
                    .filter_map(|k| {
                        let (a, b) = (v[k], v[(k + 1) % 4]);
                        if (a >= level) == (b >= level) {
                            return None;
                        }
                        let t = (level - a) / (b - a);
                        let (p, q) = (c[k], c[(k + 1) % 4]);
                        Some(self.point(p.0 as f64 + t * (q.0 as f64 - p.0 as f64), p.1 as f64 + t * (q.1 as f64 - p.1 as f64)))
                    })
                    .collect();
                match cross.len() {
                    2 => out.push([cross[0], cross[1]]),
                    4 => {
                        // Saddle: the crossings are on edges 0, 1, 2, 3. Pair the edges around
                        // the corners on the centre's side.
                        let centre_above = v.iter().sum::<f64>() / 4.0 >= level;
                        if centre_above == (v[0] >= level) {
                            out.push([cross[0], cross[1]]);
                            out.push([cross[2], cross[3]]);
                        } else {
                            out.push([cross[3], cross[0]]);
                            out.push([cross[1], cross[2]]);
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionBoundary {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    /// Class 0 first: the positive class, blue as in every chart; scores above the threshold
    /// lean to it. Class 1 is the negative class.
    pub class_names: Vec<String>,
    /// The model's score on the grid (a probability, or e.g. an SVM's decision function).
    pub scores: Grid,
    /// The score range the colours span, e.g. [0, 1] for a probability, [-3, 3] for a decision
    /// function (beyond it the colour saturates).
    pub score_range: [f64; 2],
    pub threshold: f64,
    /// The training points: coordinates, class index, and whether the model gets them wrong.
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub classes: Vec<u32>,
    #[serde(default)]
    pub misclassified: Vec<bool>,
    /// Legend entries, e.g. "mal classé" and "seuil 0,5".
    pub misclassified_label: String,
    pub threshold_label: String,
}

/// How far the background goes from the page colour toward a class colour at the end of the
/// score range: light enough that the points on top stay readable.
const SHADE: f64 = 0.55;

/// The background shades from the negative class's colour (low scores) through the page colour
/// at the threshold to the positive class's colour (high scores); the threshold's contour in
/// the text colour; one dot per point with finite coordinates in its class colour, a ring in the
/// text colour around the misclassified ones; a colour key of the score on the right. The frame
/// is the axes' (`x_range` × `y_range`).
pub fn draw_boundary<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &DecisionBoundary, theme: &Theme) -> Drawn<Frame, DB> {
    let mut legend: Vec<(&str, RGBColor)> = chart.class_names.iter().enumerate().map(|(i, s)| (s.as_str(), theme.class_colour(i))).collect();
    legend.extend([(chart.misclassified_label.as_str(), theme.text), (chart.threshold_label.as_str(), theme.text)]);
    legend.retain(|l| !l.0.is_empty());
    let body = header(area, &chart.title, &legend, theme)?;
    let (xr, yr) = chart.scores.ranges();
    let key = theme.px(64.0);
    let spec = Axes { x: xr.clone(), y: yr.clone(), x_title: &chart.x_title, y_title: &chart.y_title, reserve_right: key, ..Default::default() };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let shade = |s: f64| shade(chart, s, theme);
    chart.scores.paint(&mut ctx, shade)?;
    if chart.threshold.is_finite() {
        let line = theme.text.stroke_width(theme.px(2.0).max(1));
        ctx.draw_series(chart.scores.contour(chart.threshold).into_iter().map(|s| PathElement::new(s, line)))?;
    }
    let inside = |i: &usize| {
        let (x, y) = (chart.x[*i], chart.y[*i]);
        (xr.start..=xr.end).contains(&x) && (yr.start..=yr.end).contains(&y)
    };
    let n = chart.x.len().min(chart.y.len());
    let r = theme.px(if n > 1000 { 2.5 } else { 3.5 });
    let outline = theme.background.stroke_width(1);
    ctx.draw_series((0..n).filter(inside).map(|i| {
        let k = chart.classes.get(i).map_or(usize::MAX, |&c| c as usize);
        let colour = if k < chart.class_names.len() { theme.class_colour(k) } else { theme.muted() };
        Circle::new((chart.x[i], chart.y[i]), r, colour.filled())
    }))?;
    ctx.draw_series((0..n).filter(inside).map(|i| Circle::new((chart.x[i], chart.y[i]), r, outline)))?;
    let ring = theme.text.stroke_width(theme.px(1.5).max(1));
    let wrong = (0..n).filter(inside).filter(|&i| chart.misclassified.get(i).copied().unwrap_or(false));
    ctx.draw_series(wrong.map(|i| Circle::new((chart.x[i], chart.y[i]), r + theme.px(2.5), ring)))?;
    score_key(area, &frame, key, chart, theme)?;
    Ok(frame)
}

/// Page colour at the threshold, toward the positive class's colour above it (reaching `SHADE`
/// at the top of the score range) and toward the negative class's below.
fn shade(chart: &DecisionBoundary, s: f64, theme: &Theme) -> RGBColor {
    let [lo, hi] = chart.score_range;
    let t = chart.threshold;
    let (share, class) = if s >= t { ((s - t) / (hi - t), 0) } else { ((t - s) / (t - lo), 1) };
    let share = if share.is_finite() { share.clamp(0.0, 1.0) } else { 1.0 };
    blend(theme.background, theme.class_colour(class), share * SHADE)
}

/// `a` moved `t` of the way to `b`.
pub(crate) fn blend(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The score scale right of the plot, `score_range` from the bottom up, with its ends and the
/// threshold written.
fn score_key<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, frame: &Frame, room: u32, chart: &DecisionBoundary, theme: &Theme) -> Drawn<(), DB> {
    let [lo, hi] = chart.score_range;
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Ok(());
    }
    let screen = area.use_screen_coord();
    let x0 = frame.left + frame.width + (room as i32 / 4);
    let x1 = x0 + theme.px(12.0) as i32;
    let (top, h) = (frame.top, frame.height.max(1));
    const STEPS: i32 = 48;
    for s in 0..STEPS {
        let v = hi - (hi - lo) * (f64::from(s) + 0.5) / f64::from(STEPS);
        screen.draw(&Rectangle::new([(x0, top + h * s / STEPS), (x1, top + h * (s + 1) / STEPS)], shade(chart, v, theme).filled()))?;
    }
    screen.draw(&Rectangle::new([(x0, top), (x1, top + h)], theme.grid.stroke_width(1)))?;
    let font = theme.font(11.0).pos(Pos::new(HPos::Left, VPos::Center));
    let t = chart.threshold;
    let mut ticks = vec![lo, hi];
    if t.is_finite() && lo < t && t < hi {
        ticks.push(t);
    }
    for v in ticks {
        let y = top + ((hi - v) / (hi - lo) * f64::from(h)).round() as i32;
        screen.draw(&PathElement::new(vec![(x1, y), (x1 + theme.px(4.0) as i32, y)], theme.text))?;
        screen.draw(&Text::new(theme.number(tick(&v)), (x1 + theme.px(6.0) as i32, y), font.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_straight_boundary_crosses_each_cell_once() {
        // s = x on a 3 × 2 grid over 0..2 × 0..1: the level 0.5 crosses one column of cells.
        let g = Grid { nx: 3, ny: 2, x_range: [0.0, 2.0], y_range: [0.0, 1.0], values: vec![0.0, 1.0, 2.0, 0.0, 1.0, 2.0] };
        assert_eq!(g.contour(0.5), vec![[(0.5, 0.0), (0.5, 1.0)]]);
        assert!(g.contour(5.0).is_empty());
        let short = Grid { values: vec![0.0], ..g };
        assert!(short.contour(0.5).is_empty());
    }
}
