//! Colours and sizes shared by every chart: light and dark themes, the Okabe–Ito palette
//! (colour-blind safe), and a scale for high-DPI screens.

use plotters::style::{IntoFont, RGBColor, TextStyle};

/// The page's font stack (UI.md: no web-font download); the canvas measures it itself.
const FONT: &str = "system-ui, sans-serif";

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
    /// Numbers written with a decimal comma (`0,5`), as in French.
    pub decimal_comma: bool,
}

impl Theme {
    pub fn new(dark: bool, scale: f64) -> Theme {
        let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
        if dark {
            Theme { background: RGBColor(30, 32, 36), text: RGBColor(230, 230, 230), grid: RGBColor(70, 74, 80), scale, decimal_comma: false }
        } else {
            Theme { background: RGBColor(255, 255, 255), text: RGBColor(34, 34, 34), grid: RGBColor(225, 225, 225), scale, decimal_comma: false }
        }
    }

    /// The same theme, writing numbers the French way (`0,5`) when `comma`.
    pub fn with_decimal_comma(self, comma: bool) -> Theme {
        Theme { decimal_comma: comma, ..self }
    }

    /// A number already written with a point, in the theme's convention.
    pub fn number(&self, text: String) -> String {
        if self.decimal_comma { text.replace('.', ",") } else { text }
    }

    /// A length in device pixels.
    pub fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round() as u32
    }

    /// Class `i`'s colour; class 0 is the positive class, the same blue in every chart. Past
    /// Okabe–Ito's eight, two more from Paul Tol's muted scheme, so the ten digits of `digits`
    /// get ten colours.
    pub fn class_colour(&self, i: usize) -> RGBColor {
        const EXTRA: [RGBColor; 2] = [RGBColor(136, 34, 85), RGBColor(68, 170, 153)];
        let n = OKABE_ITO.len() + EXTRA.len();
        match i % n {
            k if k < OKABE_ITO.len() => OKABE_ITO[k],
            k => EXTRA[k - OKABE_ITO.len()],
        }
    }

    /// For points and bars with no class (missing label): steps back from the class colours.
    pub fn muted(&self) -> RGBColor {
        RGBColor(150, 150, 150)
    }

    /// Text of `css_pixels` size in the theme's text colour.
    pub fn font(&self, css_pixels: f64) -> TextStyle<'static> {
        (FONT, self.px(css_pixels)).into_font().color(&self.text)
    }
}

/// Viridis (matplotlib), `t` in 0..1 (clamped; NaN gives the low end): perceptually uniform
/// and readable in grey and by colour-blind readers, so sequential values keep their order.
pub fn viridis(t: f64) -> RGBColor {
    // viridis(9) as published by matplotlib / R's viridisLite, interpolated linearly.
    const STOPS: [(u8, u8, u8); 9] = [
        (68, 1, 84),
        (71, 45, 123),
        (59, 82, 139),
        (44, 114, 142),
        (33, 144, 140),
        (39, 173, 129),
        (93, 200, 99),
        (170, 220, 50),
        (253, 231, 37),
    ];
    interpolate(&STOPS, t)
}

/// Diverging blue–white–red for correlations, `v` in -1..1 (clamped): 0 is the light neutral
/// centre, -1 dark blue, +1 dark red (ColorBrewer RdBu reversed, as seaborn's `RdBu_r`). Both
/// ends stay dark enough to read on a dark page, and the centre on a light one with an outline.
pub fn diverging(v: f64) -> RGBColor {
    const STOPS: [(u8, u8, u8); 11] = [
        (5, 48, 97),
        (33, 102, 172),
        (67, 147, 195),
        (146, 197, 222),
        (209, 229, 240),
        (247, 247, 247),
        (253, 219, 199),
        (244, 165, 130),
        (214, 96, 77),
        (178, 24, 43),
        (103, 0, 31),
    ];
    interpolate(&STOPS, (v + 1.0) / 2.0)
}

/// Black or white, whichever reads better on `background` (WCAG relative luminance).
pub fn contrast_text(background: RGBColor) -> RGBColor {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let RGBColor(r, g, b) = background;
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    // The luminance where black and white text have the same contrast ratio.
    if luminance > 0.179 { RGBColor(0, 0, 0) } else { RGBColor(255, 255, 255) }
}

fn interpolate(stops: &[(u8, u8, u8)], t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let x = t * (stops.len() - 1) as f64;
    let i = (x.floor() as usize).min(stops.len() - 2);
    let f = x - i as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (stops[i], stops[i + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_classes_get_ten_colours() {
        let t = Theme::new(false, 1.0);
        let colours: Vec<RGBColor> = (0..10).map(|i| t.class_colour(i)).collect();
        assert!(colours.iter().enumerate().all(|(i, c)| !colours[..i].contains(c)));
        assert_eq!(t.class_colour(10), t.class_colour(0));
    }

    #[test]
    fn scales_hit_their_ends_and_centre() {
        assert_eq!(viridis(0.0), RGBColor(68, 1, 84));
        assert_eq!(viridis(1.0), RGBColor(253, 231, 37));
        assert_eq!(viridis(f64::NAN), viridis(0.0));
        assert_eq!(diverging(0.0), RGBColor(247, 247, 247));
        assert_eq!(diverging(-1.0), RGBColor(5, 48, 97));
        assert_eq!(diverging(1.0), RGBColor(103, 0, 31));
        assert_eq!(diverging(7.0), diverging(1.0));
    }

    #[test]
    fn contrast_picks_white_on_dark_and_black_on_light() {
        assert_eq!(contrast_text(diverging(1.0)), RGBColor(255, 255, 255));
        assert_eq!(contrast_text(diverging(0.0)), RGBColor(0, 0, 0));
        assert_eq!(contrast_text(viridis(1.0)), RGBColor(0, 0, 0));
    }
}
