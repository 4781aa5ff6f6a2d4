//! A feed-forward network as columns of units, input on the left, with each layer's size,
//! activation and parameter count under it; optionally one example's forward pass, each unit
//! coloured and labelled by its value. The caller gives the layers and values; this draws.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{header, truncate, Drawn};
use super::frame::Frame;
use super::theme::{contrast_text, diverging, Theme};

/// At most this many rows per layer: past it, the first `MAX_SHOWN - 2` units and the last,
/// with "⋮" between them standing for the rest (the true count is written under the column).
const MAX_SHOWN: usize = 10;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkDiagram {
    pub title: String,
    /// Input first, output last.
    pub layers: Vec<Layer>,
    /// Written after each layer's unit count and parameter count, e.g. "neurones" / "paramètres".
    pub units_label: String,
    pub parameters_label: String,
    /// One example's forward pass: one vector per layer (the input's features, then each
    /// layer's outputs after its activation). None: units drawn plain.
    #[serde(default)]
    pub activations: Option<Vec<Vec<f64>>>,
    /// The colour key's title, e.g. "valeur".
    #[serde(default)]
    pub value_title: String,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Layer {
    /// Above the column, e.g. "entrée", "cachée 1", "sortie".
    pub name: String,
    pub units: usize,
    /// E.g. "ReLU"; empty for the input.
    pub activation: String,
    /// Weights and biases into this layer (0 for the input).
    pub parameters: usize,
}

/// The units shown for a layer of `n`: indices, None standing for the elided middle.
fn shown(n: usize) -> Vec<Option<usize>> {
    if n <= MAX_SHOWN {
        (0..n).map(Some).collect()
    } else {
        (0..MAX_SHOWN - 2).map(Some).chain([None, Some(n - 1)]).collect()
    }
}

/// Columns share the width; units sit on `MAX_SHOWN` rows centred in each column; faint edges
/// join every shown unit to every shown unit of the next layer. With `activations`, units are
/// filled on the diverging scale over ±(largest |value|) and the value is written beside the
/// unit (2 decimals), and a key sits at the right. The frame is categorical: x over 0..layers
/// (`Math.floor(x)` the layer), y over 0..10 from the top (`Math.floor(y)` the shown unit's row
/// in that column, counting from the column's first unit as drawn: see `shown`).
pub fn draw_network<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &NetworkDiagram, theme: &Theme) -> Drawn<Frame, DB> {
    let body = header(area, &chart.title, &[], theme)?;
    let values = chart.activations.as_ref();
    let key = if values.is_some() { theme.px(80.0) as i32 } else { 0 };
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (w as i32 - key, h as i32);
    let line = theme.px(15.0) as i32;
    let (top, bottom) = (line + theme.px(6.0) as i32, h - 3 * line - theme.px(6.0) as i32);
    let n = chart.layers.len().max(1);
    let col_w = w / n as i32;
    let row_h = (bottom - top).max(1) as f64 / MAX_SHOWN as f64;
    let r = (row_h * 0.36).min(col_w as f64 * 0.12).min(f64::from(theme.px(16.0))).max(2.0) as i32;
    let centre = |layer: usize, row: usize, count: usize| {
        let x = col_w * layer as i32 + col_w / 2;
        let offset = (MAX_SHOWN - count) as f64 / 2.0;
        (x, top + ((row as f64 + offset + 0.5) * row_h) as i32)
    };
    let columns: Vec<Vec<Option<usize>>> = chart.layers.iter().map(|l| shown(l.units)).collect();
    let scale = values.map_or(1.0, |v| v.iter().flatten().filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs())));
    let scale = if scale > 0.0 { scale } else { 1.0 };

    let edge = theme.muted().mix(0.25).stroke_width(1);
    for (l, pair) in columns.windows(2).enumerate() {
        for (a, _) in pair[0].iter().enumerate().filter(|u| u.1.is_some()) {
            for (b, _) in pair[1].iter().enumerate().filter(|u| u.1.is_some()) {
                body.draw(&PathElement::new(vec![centre(l, a, pair[0].len()), centre(l + 1, b, pair[1].len())], edge))?;
            }
        }
    }
    let value_font = theme.font(10.0).pos(Pos::new(HPos::Left, VPos::Center));
    for (l, units) in columns.iter().enumerate() {
        for (row, unit) in units.iter().enumerate() {
            let at = centre(l, row, units.len());
            let Some(u) = unit else {
                body.draw(&Text::new("⋮", at, theme.font(16.0).pos(Pos::new(HPos::Center, VPos::Center))))?;
                continue;
            };
            let v = values.and_then(|v| v.get(l)).and_then(|v| v.get(*u)).copied().filter(|v| v.is_finite());
            let fill = match (values, v) {
                (Some(_), Some(v)) => diverging(v / scale),
                (Some(_), None) => theme.background,
                (None, _) => theme.class_colour(0),
            };
            body.draw(&Circle::new(at, r, fill.filled()))?;
            body.draw(&Circle::new(at, r, theme.text.stroke_width(1)))?;
            if let Some(v) = v {
                body.draw(&Text::new(theme.number(format!("{v:.2}")), (at.0 + r + theme.px(3.0) as i32, at.1), value_font.clone()))?;
            } else if values.is_some() {
                body.draw(&Text::new("—", at, theme.font(10.0).color(&contrast_text(fill)).pos(Pos::new(HPos::Center, VPos::Center))))?;
            }
        }
    }
    let font = theme.font(12.0).pos(Pos::new(HPos::Center, VPos::Top));
    let chars = ((col_w as f64 / f64::from(theme.px(7.0))) as usize).max(4);
    for (l, layer) in chart.layers.iter().enumerate() {
        let x = col_w * l as i32 + col_w / 2;
        body.draw(&Text::new(truncate(&layer.name, chars), (x, 0), theme.font(13.0).pos(Pos::new(HPos::Center, VPos::Top))))?;
        let lines = [format!("{} {}", layer.units, chart.units_label), layer.activation.clone(), format!("{} {}", layer.parameters, chart.parameters_label)];
        for (i, text) in lines.into_iter().enumerate() {
            body.draw(&Text::new(truncate(&text, chars), (x, bottom + theme.px(6.0) as i32 + i as i32 * line), font.clone()))?;
        }
    }
    if values.is_some() {
        let down = theme.px(16.0) as i32; // room for the key's title above it
        value_key(&body, (w + key / 4, top + down), bottom - top - down, scale, &chart.value_title, theme)?;
    }
    let mut frame = Frame::of(&body, 0.0..n as f64, MAX_SHOWN as f64..0.0);
    (frame.top, frame.height) = (frame.top + top, bottom - top);
    frame.width = w;
    (frame.x_categories, frame.y_categories) = (Some(n), Some(MAX_SHOWN));
    Ok(frame)
}

/// The diverging scale from -`scale` (bottom) to +`scale` (top), its title above.
fn value_key<DB: DrawingBackend>(body: &DrawingArea<DB, Shift>, at: (i32, i32), h: i32, scale: f64, title: &str, theme: &Theme) -> Drawn<(), DB> {
    let (x0, top) = at;
    let x1 = x0 + theme.px(12.0) as i32;
    let h = h.max(1);
    const STEPS: i32 = 40;
    for s in 0..STEPS {
        let v = 1.0 - 2.0 * (f64::from(s) + 0.5) / f64::from(STEPS);
        body.draw(&Rectangle::new([(x0, top + h * s / STEPS), (x1, top + h * (s + 1) / STEPS)], diverging(v).filled()))?;
    }
    body.draw(&Rectangle::new([(x0, top), (x1, top + h)], theme.grid.stroke_width(1)))?;
    body.draw(&Text::new(title.to_string(), (x0, top - theme.px(8.0) as i32), theme.font(11.0).pos(Pos::new(HPos::Left, VPos::Bottom))))?;
    let font = theme.font(11.0).pos(Pos::new(HPos::Left, VPos::Center));
    for (v, y) in [(scale, top), (0.0, top + h / 2), (-scale, top + h)] {
        body.draw(&Text::new(theme.number(format!("{v:.2}")), (x1 + theme.px(4.0) as i32, y), font.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_layers_show_nine_units_and_an_ellipsis() {
        assert_eq!(shown(3), vec![Some(0), Some(1), Some(2)]);
        let s = shown(64);
        assert_eq!(s.len(), MAX_SHOWN);
        assert_eq!((s[8], s[9]), (None, Some(63)));
    }
}
