//! The hyperparameter search chart: each trial's score as a dot (x = the trial's number, in the
//! order it ran), the best score so far as a step line, so the student sees the search climb and
//! then level off. Takes the scores a search reports (`report.search.trials`); finding the
//! running best is the only thing it works out, and only to draw it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{axes, finite_range, header, padded, Axes, Drawn};
use super::frame::Frame;
use super::theme::Theme;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchChart {
    pub title: String,
    pub x_title: String,
    /// The metric's name, e.g. "AUC ROC (moyenne des plis)".
    pub y_title: String,
    /// Legend entries: the dots ("essai") and the step line ("meilleur jusqu'ici").
    pub trial_label: String,
    pub best_label: String,
    /// Each trial's score in the order they ran; `null` (or non-finite) for a trial without one.
    pub scores: Vec<Option<f64>>,
    /// The x axis runs from 1 to this (or to the last trial, if later), fixed from the first
    /// trial on so the dots grow into a frame that does not move.
    #[serde(default)]
    pub max_trials: usize,
}

/// `(trial number, best score up to it)` at every trial from the first finite score on.
fn running_best(scores: &[Option<f64>]) -> Vec<(f64, f64)> {
    let mut best: Option<f64> = None;
    scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            if let Some(s) = s.filter(|s| s.is_finite()) {
                best = Some(best.map_or(s, |b| b.max(s)));
            }
            best.map(|b| ((i + 1) as f64, b))
        })
        .collect()
}

/// The step line through the running best: flat until a trial beats it, then up.
fn steps(best: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut path = Vec::with_capacity(best.len() * 2);
    for (i, &(x, y)) in best.iter().enumerate() {
        if i > 0 && best[i - 1].1 != y {
            path.push((x, best[i - 1].1));
        }
        path.push((x, y));
    }
    path
}

/// Dots in the first colour, the running best in the second, both in the legend; y spans the
/// finite scores (padded, clipped to 0..1 as every metric is a share), x the trials 1..n.
pub fn draw_search<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &SearchChart, theme: &Theme) -> Drawn<Frame, DB> {
    let (dot, line) = (theme.class_colour(0), theme.class_colour(1));
    let body = header(area, &chart.title, &[(chart.trial_label.as_str(), dot), (chart.best_label.as_str(), line)], theme)?;
    let n = chart.scores.len().max(chart.max_trials).max(1);
    let y = padded(finite_range(chart.scores.iter().flatten().copied()), 0.08);
    let spec = Axes {
        x: 0.5..n as f64 + 0.5,
        y: y.start.max(0.0)..y.end.min(1.0).max(y.start.max(0.0) + 1e-3),
        x_title: &chart.x_title,
        y_title: &chart.y_title,
        ..Default::default()
    };
    let (mut ctx, frame) = axes(&body, &spec, theme)?;
    let best = running_best(&chart.scores);
    ctx.draw_series([PathElement::new(steps(&best), line.stroke_width(theme.px(2.0).max(1)))])?;
    let radius = theme.px(4.0).max(2);
    ctx.draw_series(chart.scores.iter().enumerate().filter_map(|(i, s)| {
        s.filter(|s| s.is_finite()).map(|s| Circle::new(((i + 1) as f64, s), radius, dot.mix(0.8).filled()))
    }))?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_best_only_climbs_and_skips_missing_scores() {
        let best = running_best(&[None, Some(0.7), Some(0.6), Some(f64::NAN), Some(0.9), Some(0.8)]);
        assert_eq!(best, vec![(2.0, 0.7), (3.0, 0.7), (4.0, 0.7), (5.0, 0.9), (6.0, 0.9)]);
    }

    #[test]
    fn the_step_line_rises_at_the_trial_that_beat_the_best() {
        let path = steps(&[(1.0, 0.7), (2.0, 0.7), (3.0, 0.9)]);
        assert_eq!(path, vec![(1.0, 0.7), (2.0, 0.7), (3.0, 0.7), (3.0, 0.9)]);
    }
}
