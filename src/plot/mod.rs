//! Every chart, as a function over any plotters `DrawingBackend`: a canvas in the browser, SVG
//! in native tests. Charts take plain data and a `Theme`; they never compute statistics. Each
//! returns a `Frame` so the page can read the value under the pointer.

pub mod axes;
pub mod bars;
pub mod boundary;
pub mod boxplot;
pub mod curves;
pub mod cv;
pub mod descent;
pub mod epochs;
pub mod frame;
pub mod heatmap;
pub mod histogram;
pub mod images;
pub mod importances;
pub mod loader;
pub mod network;
pub mod scatter;
pub mod search;
pub mod journal;
pub mod split;
pub mod theme;
pub mod tree;
pub mod variance;

pub use bars::{draw_bars, BarChart};
pub use boundary::{draw_boundary, DecisionBoundary, Grid};
pub use boxplot::{draw_boxplot, BoxGroup, BoxPlot};
pub use curves::{draw_pr, draw_roc, draw_score_histogram, PrChart, RocChart, ScoreHistogram};
pub use cv::{draw_cv, CvChart, CvSeries};
pub use descent::{draw_descent, DescentPath, LossSurface};
pub use epochs::{draw_epochs, EpochMarker, EpochPoint, LearningCurves};
pub use frame::Frame;
pub use heatmap::{draw_heatmap, HeatMap};
pub use histogram::{draw_histogram, Histogram, HistogramSeries};
pub use images::{draw_images, Image, ImageGrid};
pub use importances::{draw_importances, Importances};
pub use loader::{draw_loader, LoaderStrip};
pub use network::{draw_network, Layer, NetworkDiagram};
pub use scatter::{draw_scatter, Scatter};
pub use search::{draw_search, SearchChart};
pub use journal::{draw_journal, draw_journal_roc, JournalChart, JournalRocChart, RunCurve};
pub use split::{draw_split, SplitChart, SplitPart};
pub use theme::{diverging, viridis, Theme};
pub use tree::{draw_tree, TreeDiagram};
pub use variance::{draw_variance, ExplainedVariance};

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
