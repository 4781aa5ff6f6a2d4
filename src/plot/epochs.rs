//! Learning curves of a network while it trains: loss on top, accuracy below, both over the
//! same epochs, train and validation series, with the best / early-stopping / overfitting
//! epochs as labelled vertical lines. Redrawn after every epoch, so it is deliberately plain:
//! one path per unbroken run of finite values, nothing measured per point.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{finite_range, header, tick, Drawn, Plot};
use super::frame::Frame;
use super::theme::Theme;

/// A diverging run's loss is cut at this many times the first epoch's (larger) loss, so the
/// healthy part of the curve keeps a readable scale; the cut part runs along the top edge.
const LOSS_CAP: f64 = 3.0;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LearningCurves {
    pub title: String,
    /// Written in the top-left corner of each panel, e.g. "Perte" / "Exactitude".
    pub loss_title: String,
    pub accuracy_title: String,
    /// Axis titles: the shared x axis (under the lower panel) and each panel's y axis.
    pub x_title: String,
    pub loss_y_title: String,
    pub accuracy_y_title: String,
    /// Legend entries, e.g. "entraînement" / "validation".
    pub train_label: String,
    pub validation_label: String,
    /// The epochs done so far, in order; validation values are None without a validation part.
    pub epochs: Vec<EpochPoint>,
    /// The x axis runs from 1 to this (or to the last epoch, if later), fixed from the first
    /// epoch on so the curves grow into a frame that does not move.
    pub max_epochs: usize,
    #[serde(default)]
    pub best: Option<EpochMarker>,
    #[serde(default)]
    pub early_stop: Option<EpochMarker>,
    #[serde(default)]
    pub overfitting: Option<EpochMarker>,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochPoint {
    pub epoch: f64,
    pub train_loss: f64,
    /// A share in 0..1.
    pub train_accuracy: f64,
    #[serde(default)]
    pub val_loss: Option<f64>,
    #[serde(default)]
    pub val_accuracy: Option<f64>,
}

/// A vertical line across both panels at `epoch`, `label` written at the top of the loss panel.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochMarker {
    pub epoch: f64,
    pub label: String,
}

/// Two panels stacked on one x axis (epochs `1..max_epochs`): the loss over `0..` the largest
/// finite loss (capped, see `LOSS_CAP`), the accuracy over 0..1. Train in the positive-class
/// blue, validation in orange. Non-finite values are skipped and break their curve. Returns the
/// lower (accuracy) panel's frame: both panels share its `left`/`width`, so `Math.round(x)` is
/// the epoch under the pointer in either panel.
pub fn draw_epochs<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &LearningCurves, theme: &Theme) -> Drawn<Frame, DB> {
    let (train, val) = (theme.class_colour(0), theme.class_colour(1));
    let has_val = chart.epochs.iter().any(|e| e.val_loss.is_some() || e.val_accuracy.is_some());
    let mut legend = vec![(chart.train_label.as_str(), train)];
    if has_val {
        legend.push((chart.validation_label.as_str(), val));
    }
    let body = header(area, &chart.title, &legend, theme)?;
    let last = chart.epochs.iter().map(|e| e.epoch).filter(|e| e.is_finite()).fold(1.0, f64::max);
    let x = 1.0..(chart.max_epochs as f64).max(last).max(2.0);
    let loss_y = loss_range(chart);
    let acc_y = 0.0..1.0;
    let y_area = y_label_area(&body, &[&loss_y, &acc_y], theme)?;
    let (_, h) = body.dim_in_pixel();
    let (top, bottom) = body.split_vertically(h as i32 * 45 / 100);

    let (mut loss, _) = panel(&top, &x, &loss_y, &chart.loss_y_title, None, y_area, theme)?;
    let series = |f: fn(&EpochPoint) -> Option<f64>| chart.epochs.iter().map(move |e| (e.epoch, f(e).unwrap_or(f64::NAN)));
    curve(&mut loss, series(|e| Some(e.train_loss)), &x, &loss_y, train, theme)?;
    curve(&mut loss, series(|e| e.val_loss), &x, &loss_y, val, theme)?;
    let (mut acc, frame) = panel(&bottom, &x, &acc_y, &chart.accuracy_y_title, Some(&chart.x_title), y_area, theme)?;
    curve(&mut acc, series(|e| Some(e.train_accuracy)), &x, &acc_y, train, theme)?;
    curve(&mut acc, series(|e| e.val_accuracy), &x, &acc_y, val, theme)?;

    corner_title(&loss, &chart.loss_title, theme)?;
    corner_title(&acc, &chart.accuracy_title, theme)?;
    let markers = [(&chart.best, theme.class_colour(2)), (&chart.early_stop, theme.text), (&chart.overfitting, theme.class_colour(5))];
    let mut row = 0;
    for (marker, colour) in markers {
        let Some(m) = marker.as_ref().filter(|m| x.start <= m.epoch && m.epoch <= x.end) else { continue };
        vline(&mut loss, m.epoch, &loss_y, colour, theme)?;
        vline(&mut acc, m.epoch, &acc_y, colour, theme)?;
        marker_label(&loss, m, &x, row, colour, theme)?;
        row += 1;
    }
    Ok(frame)
}

/// 0 (or the lowest loss, if negative) to a little above the largest finite loss, which is cut
/// at `LOSS_CAP` × the first epoch's loss.
fn loss_range(chart: &LearningCurves) -> Range<f64> {
    let losses = || chart.epochs.iter().flat_map(|e| [Some(e.train_loss), e.val_loss]).flatten();
    let Some((lo, hi)) = finite_range(losses()) else { return 0.0..1.0 };
    let first = chart.epochs.first().and_then(|e| finite_range([Some(e.train_loss), e.val_loss].into_iter().flatten())).map(|r| r.1);
    let hi = match first {
        Some(f) if f > 0.0 => hi.min(f * LOSS_CAP),
        _ => hi,
    };
    let lo = lo.min(0.0);
    if hi > lo { lo..hi * 1.05 } else { lo..lo + 1.0 }
}

/// The width left of both panels for tick labels and the y title: the same for both, so their
/// x axes line up.
fn y_label_area<DB: DrawingBackend>(body: &DrawingArea<DB, Shift>, ranges: &[&Range<f64>], theme: &Theme) -> Drawn<u32, DB> {
    let font = theme.font(12.0);
    let mut w = theme.px(24.0);
    for r in ranges {
        for v in [r.start, r.end, (r.start + r.end) / 2.0] {
            w = w.max(body.estimate_text_size(&theme.number(tick(&v)), &font)?.0);
        }
    }
    Ok(w + theme.px(10.0) + theme.px(22.0))
}

/// One panel's axes. The upper panel (`x_title` None) has no x tick labels: it shares the lower
/// panel's.
fn panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x: &Range<f64>,
    y: &Range<f64>,
    y_title: &str,
    x_title: Option<&str>,
    y_area: u32,
    theme: &Theme,
) -> Drawn<(Plot<'a, DB>, Frame), DB> {
    let x_area = if x_title.is_some() { theme.px(44.0) } else { 0 };
    // Room above for the panel's title, and below the upper panel so its "0" and the lower
    // panel's "1" do not touch.
    let bottom = if x_title.is_some() { 0 } else { theme.px(10.0) };
    let mut ctx = ChartBuilder::on(area)
        .margin_top(theme.px(22.0))
        .margin_bottom(bottom)
        .margin_right(theme.px(14.0))
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x.clone(), y.clone())?;
    let label = |v: &f64| theme.number(tick(v));
    let epoch = |v: &f64| if v.fract() == 0.0 { tick(v) } else { String::new() };
    ctx.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme.grid)
        .axis_style(theme.text)
        .x_label_formatter(&epoch)
        .y_label_formatter(&label)
        .x_desc(x_title.unwrap_or(""))
        .y_desc(y_title)
        .label_style(theme.font(12.0))
        .axis_desc_style(theme.font(13.0))
        .x_labels(10)
        .y_labels(5)
        .draw()?;
    let frame = Frame::of(&ctx.plotting_area().strip_coord_spec(), x.clone(), y.clone());
    Ok((ctx, frame))
}

/// One path per run of finite points inside the x range, y clamped into the panel.
fn curve<DB: DrawingBackend>(
    ctx: &mut Plot<'_, DB>,
    points: impl Iterator<Item = (f64, f64)>,
    x: &Range<f64>,
    y: &Range<f64>,
    colour: RGBColor,
    theme: &Theme,
) -> Drawn<(), DB> {
    let style = colour.stroke_width(theme.px(2.0).max(1));
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut runs = Vec::new();
    for (e, v) in points {
        if e.is_finite() && v.is_finite() && x.start <= e && e <= x.end {
            run.push((e, v.clamp(y.start, y.end)));
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.push(run);
    for run in runs.into_iter().filter(|r| !r.is_empty()) {
        if run.len() == 1 {
            ctx.draw_series([Circle::new(run[0], theme.px(2.5), colour.filled())])?;
        } else {
            ctx.draw_series([PathElement::new(run, style)])?;
        }
    }
    Ok(())
}

/// The panel's title just above its top-left corner.
fn corner_title<DB: DrawingBackend>(ctx: &Plot<'_, DB>, text: &str, theme: &Theme) -> Drawn<(), DB> {
    let (px, py) = ctx.plotting_area().get_pixel_range();
    let at = (px.start, py.start - theme.px(6.0) as i32);
    let font = theme.font(13.0).pos(Pos::new(HPos::Left, VPos::Bottom));
    ctx.plotting_area().use_screen_coord().draw(&Text::new(text.to_string(), at, font))
}

fn vline<DB: DrawingBackend>(ctx: &mut Plot<'_, DB>, epoch: f64, y: &Range<f64>, colour: RGBColor, theme: &Theme) -> Drawn<(), DB> {
    let style = colour.stroke_width(theme.px(1.5).max(1));
    ctx.draw_series([DashedPathElement::new([(epoch, y.start), (epoch, y.end)], theme.px(5.0).max(1), theme.px(3.0).max(1), style)])?;
    Ok(())
}

/// The marker's label at the top of the loss panel, one text row per marker (so the best and
/// the early-stopping epochs, a few epochs apart, never overlap), right of its line, or left
/// of it in the right third; on a background patch so curves do not cross it.
fn marker_label<DB: DrawingBackend>(ctx: &Plot<'_, DB>, m: &EpochMarker, x: &Range<f64>, row: i32, colour: RGBColor, theme: &Theme) -> Drawn<(), DB> {
    let plot = ctx.plotting_area();
    let (px, py) = plot.get_pixel_range();
    let (lx, _) = plot.map_coordinate(&(m.epoch, 0.0));
    let font = theme.font(11.0).color(&colour);
    let (w, h) = plot.estimate_text_size(&m.label, &font)?;
    let (w, h, gap) = (w as i32, h as i32, theme.px(4.0) as i32);
    let right = (m.epoch - x.start) / (x.end - x.start) < 0.66;
    let left = if right { lx + gap } else { lx - gap - w };
    let left = left.clamp(px.start, (px.end - w).max(px.start));
    let top = py.start + theme.px(4.0) as i32 + row * (h + gap);
    let screen = plot.use_screen_coord();
    screen.draw(&Rectangle::new([(left - 2, top - 1), (left + w + 2, top + h + 1)], theme.background.mix(0.85).filled()))?;
    screen.draw(&Text::new(m.label.clone(), (left, top), font.pos(Pos::new(HPos::Left, VPos::Top))))
}
