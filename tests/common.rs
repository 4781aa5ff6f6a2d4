//! Helpers shared by the integration tests.
#![allow(dead_code)]

use atelier::data::{read, ReadOptions, Table};

/// A built-in data set's bytes (www/data holds the copies shipped with the page).
pub fn dataset_bytes(file: &str) -> Vec<u8> {
    std::fs::read(format!("{}/www/data/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

pub fn dataset(file: &str) -> Table {
    read(dataset_bytes(file), &ReadOptions::default()).unwrap().table
}

pub fn table(text: &str) -> Table {
    read(text.as_bytes().to_vec(), &ReadOptions::default()).unwrap().table
}

/// `|a − b| ≤ tol · max(|b|, 1e-300)`, treating two NaNs as equal.
pub fn assert_close(a: f64, b: f64, tol: f64, what: &str) {
    if a.is_nan() && b.is_nan() {
        return;
    }
    let scale = b.abs().max(1e-300);
    assert!((a - b).abs() <= tol * scale, "{what}: got {a}, want {b}");
}

/// Chart tests: charts drawn to SVG and looked at as text. Set CHARTS_SVG_DIR to keep them.
pub mod svg {
    use std::cell::Cell;

    use atelier::plot::{to_svg, Frame, Theme};
    use plotters::coord::Shift;
    use plotters::prelude::{DrawingArea, SVGBackend};

    /// The light theme's first class colours as the SVG backend writes them.
    pub const BLUE: &str = "fill=\"#0072B2\"";
    pub const ORANGE: &str = "fill=\"#E69F00\"";
    pub const GREEN: &str = "fill=\"#009E73\"";

    /// Draws with `draw` into a `size` SVG, keeps it under `name` if asked, and returns it with
    /// the frame.
    pub fn render(name: &str, size: (u32, u32), draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Frame) -> (String, Frame) {
        let frame = Cell::new(None);
        let svg = to_svg(size.0, size.1, |a| frame.set(Some(draw(a))));
        if let Ok(dir) = std::env::var("CHARTS_SVG_DIR") {
            std::fs::write(format!("{dir}/{name}.svg"), &svg).unwrap();
        }
        (svg, frame.get().unwrap())
    }

    pub fn light() -> Theme {
        Theme::new(false, 1.0)
    }

    pub fn has_all(svg: &str, texts: &[&str]) {
        for t in texts {
            assert!(svg.contains(t), "missing {t:?}");
        }
    }

    /// Lines of the SVG holding both `tag` and `colour` (marks of one colour).
    pub fn lines_with(svg: &str, tag: &str, colour: &str) -> usize {
        svg.lines().filter(|l| l.contains(tag) && l.contains(colour)).count()
    }
}
