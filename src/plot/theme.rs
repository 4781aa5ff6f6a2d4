//! Colours and sizes shared by every chart: light and dark themes, the Okabe–Ito palette
//! (colour-blind safe), and a scale for high-DPI screens.

use plotters::style::RGBColor;

/// Okabe–Ito: distinguishable with every common colour-vision deficiency. The first colour is
/// the positive class everywhere.
pub const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(240, 228, 66),  // yellow
    RGBColor(0, 0, 0),       // black
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    /// Device pixels per CSS pixel: sizes are multiplied by it so the chart stays crisp.
    pub scale: f64,
}

impl Theme {
    pub fn new(dark: bool, scale: f64) -> Theme {
        let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
        if dark {
            Theme { background: RGBColor(30, 32, 36), text: RGBColor(230, 230, 230), grid: RGBColor(70, 74, 80), scale }
        } else {
            Theme { background: RGBColor(255, 255, 255), text: RGBColor(34, 34, 34), grid: RGBColor(225, 225, 225), scale }
        }
    }

    /// A length in device pixels.
    pub fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round() as u32
    }

    pub fn class_colour(&self, i: usize) -> RGBColor {
        OKABE_ITO[i % OKABE_ITO.len()]
    }
}
