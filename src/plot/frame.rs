//! Where a chart's plotting area sits on the canvas and which data it spans, so the page can
//! turn a pointer position into data coordinates without asking Rust again. Plotters types only.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use serde::Serialize;

/// The plotting area in device pixels (canvas pixels, already × `dpr`) and the data at its edges.
///
/// `left`/`top` is the pixel of (`x_min`, `y_max`); `left + width` is the pixel of `x_max` and
/// `top + height` the pixel of `y_min`. So, in JavaScript, with `px`, `py` in device pixels:
/// `x = x_min + (px - left) / width * (x_max - x_min)` and
/// `y = y_min + (top + height - py) / height * (y_max - y_min)`.
///
/// A categorical axis runs over 0..n (category `i` covers `i..i+1`, so `Math.floor(x)` is the
/// category) and says `n` in `x_categories` / `y_categories`; `null` means a continuous axis.
/// An axis may run downward: the heat map has `y_min = n` at the bottom and `y_max = 0` at the
/// top, so row 0 is on top and the same formula still gives the row.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Frame {
    pub left: i32,
    pub top: i32,
    pub width: i32,
    pub height: i32,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub x_categories: Option<usize>,
    pub y_categories: Option<usize>,
}

impl Frame {
    /// The frame of a plotting area built by `ChartBuilder` over `x` × `y`; the builder maps the
    /// ends of each range onto the first and last pixel of the area, which this mirrors.
    pub fn of<DB: DrawingBackend>(plot: &DrawingArea<DB, Shift>, x: Range<f64>, y: Range<f64>) -> Frame {
        let (px, py) = plot.get_pixel_range();
        Frame {
            left: px.start,
            top: py.start,
            width: (px.end - 1 - px.start).max(0),
            height: (py.end - 1 - py.start).max(0),
            x_min: x.start,
            x_max: x.end,
            y_min: y.start,
            y_max: y.end,
            x_categories: None,
            y_categories: None,
        }
    }

    /// The data coordinates under device pixel (`px`, `py`): the JavaScript formula, for tests.
    pub fn data_at(&self, px: f64, py: f64) -> (f64, f64) {
        let (w, h) = (f64::from(self.width.max(1)), f64::from(self.height.max(1)));
        let x = self.x_min + (px - f64::from(self.left)) / w * (self.x_max - self.x_min);
        let y = self.y_min + (f64::from(self.top + self.height) - py) / h * (self.y_max - self.y_min);
        (x, y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corners_invert_to_the_range_ends() {
        let f = Frame {
            left: 50, top: 20, width: 400, height: 200,
            x_min: -1.0, x_max: 3.0, y_min: 0.0, y_max: 10.0,
            x_categories: None, y_categories: None,
        };
        assert_eq!(f.data_at(50.0, 220.0), (-1.0, 0.0));
        assert_eq!(f.data_at(450.0, 20.0), (3.0, 10.0));
        let json = serde_json::to_string(&f).unwrap();
        assert!(json.contains("\"x_categories\":null"), "{json}");
    }
}
