//! The cross-validation chart: one horizontal row per metric on a 0..1 axis, every fold a dot,
//! the mean a tick with a bar of ± one standard deviation, the mean ± std written right of the
//! row (in the text colour: the orange of a second series reads poorly as text). A second series (the same cross-validation with the preparation learnt on every row, the
//! leak) is drawn just below the first, in the next colour, with a legend. Takes the figures a
//! run reports (`report.cv`); computes nothing but where to draw them.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{axes, header, Axes, Drawn};
use super::frame::Frame;
use super::theme::Theme;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CvChart {
    pub title: String,
    pub x_title: String,
    /// The metrics' names, from the top row down (the page translates them).
    pub metrics: Vec<String>,
    /// One or two series (more are drawn, squeezed); series `s` in `theme.class_colour(s)`.
    pub series: Vec<CvSeries>,
}

/// One cross-validation's figures, per metric in `metrics` order. A `null` (or non-finite)
/// value, such as the ROC AUC of a fold holding one class, is skipped.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CvSeries {
    /// The legend's name; the legend shows when there are two series or more.
    pub name: String,
    /// `folds[m]`: metric `m` on each fold.
    pub folds: Vec<Vec<Option<f64>>>,
    pub mean: Vec<Option<f64>>,
    pub std: Vec<Option<f64>>,
}

fn finite(v: Option<&Option<f64>>) -> Option<f64> {
    v.copied().flatten().filter(|x| x.is_finite())
}

impl CvSeries {
    fn mean_of(&self, m: usize) -> Option<f64> {
        finite(self.mean.get(m))
    }

    fn std_of(&self, m: usize) -> Option<f64> {
        finite(self.std.get(m)).map(f64::abs)
    }

    /// "0.953 ± 0.012" (std left out when missing), or nothing without a mean.
    fn label(&self, m: usize, theme: &Theme) -> Option<String> {
        let mean = self.mean_of(m)?;
        Some(match self.std_of(m) {
            Some(s) => theme.number(format!("{mean:.3} ± {s:.3}")),
            None => theme.number(format!("{mean:.3}")),
        })
    }
}

/// The y axis is categorical, metric 0 on top (the frame's y runs from `metrics.len()` at the
/// bottom to 0 at the top, so `Math.floor(y)` is the metric); x runs over 0..1. Within a row,
/// series `s` sits on its own line, and folds are spread a little up and down so equal scores
/// stay countable.
pub fn draw_cv<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &CvChart, theme: &Theme) -> Drawn<Frame, DB> {
    let colour = |s: usize| theme.class_colour(s);
    let mut body = header(area, &chart.title, &[], theme)?;
    if chart.series.len() > 1 {
        body = legend(body, chart, theme)?;
    }
    let n = chart.metrics.len();
    let font = theme.font(11.0);
    let mut room = 0;
    for series in &chart.series {
        for m in 0..n {
            if let Some(text) = series.label(m, theme) {
                room = room.max(body.estimate_text_size(&text, &font)?.0);
            }
        }
    }
    let spec = Axes {
        x: 0.0..1.0,
        y: n.max(1) as f64..0.0,
        x_title: &chart.x_title,
        y_title: "",
        y_names: Some(&chart.metrics),
        reserve_right: room + theme.px(10.0),
        ..Default::default()
    };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;

    // Each series gets a band of the row: one series in the middle, two at 0.33 and 0.67.
    let k = chart.series.len().max(1) as f64;
    let band = 0.8 / k;
    let centre = |m: usize, s: usize| m as f64 + 0.1 + band * (s as f64 + 0.5);
    let radius = theme.px(4.0).max(2);
    let bar = |c: RGBColor| c.stroke_width(theme.px(2.0).max(1));
    let screen = area.use_screen_coord();
    let beside = font.pos(Pos::new(HPos::Left, VPos::Center));
    for (s, series) in chart.series.iter().enumerate() {
        let c = colour(s);
        for m in 0..n {
            let y = centre(m, s);
            if let (Some(mean), Some(sd)) = (series.mean_of(m), series.std_of(m)) {
                let (lo, hi) = ((mean - sd).max(0.0), (mean + sd).min(1.0));
                ctx.draw_series([PathElement::new(vec![(lo, y), (hi, y)], bar(c))])?;
            }
            if let Some(mean) = series.mean_of(m) {
                let half = band * 0.42;
                ctx.draw_series([PathElement::new(vec![(mean.clamp(0.0, 1.0), y - half), (mean.clamp(0.0, 1.0), y + half)], c.stroke_width(theme.px(3.0).max(1)))])?;
            }
            let values: Vec<f64> = series.folds.get(m).map(|v| v.iter().filter_map(|x| x.filter(|x| x.is_finite())).collect()).unwrap_or_default();
            let spread = band * 0.5;
            let count = values.len();
            ctx.draw_series(values.iter().enumerate().map(|(j, &v)| {
                let dy = if count > 1 { spread * (j as f64 / (count - 1) as f64 - 0.5) } else { 0.0 };
                Circle::new((v.clamp(0.0, 1.0), y + dy), radius, c.mix(0.75).filled())
            }))?;
            if let Some(text) = series.label(m, theme) {
                let (_, py) = ctx.plotting_area().map_coordinate(&(1.0, y));
                screen.draw(&Text::new(text, (frame.left + frame.width + theme.px(8.0) as i32, py), beside.clone()))?;
            }
        }
    }
    Ok(frame)
}

/// The series' names with their colours above the plot, in full (the shared legend cuts names
/// at 24 characters, and "préparation sur toutes les lignes (fuite)" must read whole); an
/// entry that does not fit beside the previous one starts a new row. Returns the area left.
fn legend<DB: DrawingBackend>(body: DrawingArea<DB, Shift>, chart: &CvChart, theme: &Theme) -> Drawn<DrawingArea<DB, Shift>, DB> {
    let font = theme.font(12.0);
    let (swatch, gap, row_h) = (theme.px(10.0) as i32, theme.px(6.0) as i32, theme.px(18.0) as i32);
    let width = body.dim_in_pixel().0 as i32;
    let (mut x, mut row, mut places) = (0, 0, Vec::with_capacity(chart.series.len()));
    for series in &chart.series {
        let w = swatch + gap + body.estimate_text_size(&series.name, &font)?.0 as i32;
        if x > 0 && x + w > width {
            row += 1;
            x = 0;
        }
        places.push((x, row));
        x += w + 3 * gap;
    }
    let (strip, rest) = body.split_vertically((row + 1) * row_h + theme.px(4.0) as i32);
    for (s, (series, (x, row))) in chart.series.iter().zip(places).enumerate() {
        let y = row * row_h + row_h / 2;
        let half = swatch / 2;
        strip.draw(&Rectangle::new([(x, y - half), (x + swatch, y + half)], theme.class_colour(s).filled()))?;
        strip.draw(&Text::new(series.name.clone(), (x + swatch + gap, y), font.clone().pos(Pos::new(HPos::Left, VPos::Center))))?;
    }
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_skip_what_is_missing() {
        let s = CvSeries { name: String::new(), folds: vec![], mean: vec![Some(0.9531), None], std: vec![None, Some(0.1)] };
        let theme = Theme::new(false, 1.0);
        assert_eq!(s.label(0, &theme).as_deref(), Some("0.953"));
        assert_eq!(s.label(1, &theme), None);
        assert_eq!(s.label(5, &theme), None);
    }
}
