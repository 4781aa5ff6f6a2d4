//! Every chart, as a function over any plotters `DrawingBackend`: a canvas in the browser, SVG
//! in native tests. Charts take plain data and a `Theme`; they never compute statistics.

pub mod bars;
pub mod theme;

pub use bars::{draw_bars, BarChart};
pub use theme::Theme;

use plotters::prelude::*;

/// Draws a chart into an SVG string of `width` × `height` (tests and exports).
pub fn to_svg<F>(width: u32, height: u32, draw: F) -> String
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>),
{
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw(&area);
        // Only fails when the backend does; the SVG backend writes to a String.
        let _ = area.present();
    }
    svg
}
