//! Charts on a canvas: each takes the canvas (sized in device pixels), the chart's data as a
//! plain object and the look (`dpr`, `dark`), and returns the chart's frame for the pointer
//! readout.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::canvas::MeasuredCanvas;
use super::{from_js, to_js};
use crate::plot::{self, Frame, Theme};

#[derive(Deserialize)]
struct Look {
    #[serde(default)]
    dpr: Option<f64>,
    #[serde(default)]
    dark: bool,
    /// `fr` writes numbers with a decimal comma.
    #[serde(default)]
    lang: Option<String>,
}

/// Draws with `draw` on `canvas`, themed by the `dpr`, `dark` and `lang` fields of `spec`.
fn on_canvas<F>(canvas: web_sys::HtmlCanvasElement, spec: &JsValue, draw: F) -> Result<JsValue, JsValue>
where
    F: FnOnce(&DrawingArea<MeasuredCanvas, Shift>, &Theme) -> Result<Frame, String>,
{
    let look: Look = from_js(spec.clone())?;
    let backend = MeasuredCanvas::new(canvas).ok_or_else(|| js_sys::Error::new("no 2d context on this canvas"))?;
    let area = backend.into_drawing_area();
    let theme = Theme::new(look.dark, look.dpr.unwrap_or(1.0)).with_decimal_comma(look.lang.as_deref() == Some("fr"));
    let frame = draw(&area, &theme).map_err(|e| js_sys::Error::new(&e))?;
    area.present().map_err(|e| js_sys::Error::new(&e.to_string()))?;
    to_js(&frame)
}

macro_rules! chart_export {
    ($($js:literal => $fn:ident($ty:ty, $draw:path);)*) => {$(
        #[wasm_bindgen(js_name = $js)]
        pub fn $fn(canvas: web_sys::HtmlCanvasElement, spec: JsValue) -> Result<JsValue, JsValue> {
            let chart: $ty = from_js(spec.clone())?;
            on_canvas(canvas, &spec, |area, theme| $draw(area, &chart, theme).map_err(|e| e.to_string()))
        }
    )*};
}

// Steps 1 to 4 (and the scatter plot below): in both builds.
chart_export! {
    "drawBars" => draw_bars(plot::BarChart, plot::draw_bars);
    "drawHistogram" => draw_histogram(plot::Histogram, plot::draw_histogram);
    "drawBoxPlot" => draw_box_plot(plot::BoxPlot, plot::draw_boxplot);
    "drawHeatMap" => draw_heat_map(plot::HeatMap, plot::draw_heatmap);
}

// Steps 5 to 11.
#[cfg(feature = "learn")]
chart_export! {
    "drawVariance" => draw_variance(plot::ExplainedVariance, plot::draw_variance);
    "drawRoc" => draw_roc(plot::RocChart, plot::draw_roc);
    "drawPr" => draw_pr(plot::PrChart, plot::draw_pr);
    "drawScoreHistogram" => draw_score_histogram(plot::ScoreHistogram, plot::draw_score_histogram);
    "drawSplit" => draw_split(plot::SplitChart, plot::draw_split);
    "drawTree" => draw_tree(plot::TreeDiagram, plot::draw_tree);
    "drawImportances" => draw_importances(plot::Importances, plot::draw_importances);
    "drawEpochs" => draw_epochs(plot::LearningCurves, plot::draw_epochs);
    "drawBoundary" => draw_boundary(plot::DecisionBoundary, plot::draw_boundary);
    "drawDescent" => draw_descent(plot::LossSurface, plot::draw_descent);
    "drawLoader" => draw_loader(plot::LoaderStrip, plot::draw_loader);
    "drawNetwork" => draw_network(plot::NetworkDiagram, plot::draw_network);
    "drawImages" => draw_images(plot::ImageGrid, plot::draw_images);
    "drawCv" => draw_cv(plot::CvChart, plot::draw_cv);
    "drawSearch" => draw_search(plot::SearchChart, plot::draw_search);
    "drawJournal" => draw_journal(plot::JournalChart, plot::draw_journal);
    "drawJournalRoc" => draw_journal_roc(plot::JournalRocChart, plot::draw_journal_roc);
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ScatterSpec {
    title: String,
    x_title: String,
    y_title: String,
    #[serde(default)]
    class_names: Vec<String>,
}

/// Scatter plot: `x`, `y` (Float64Array) and `classes` (Uint32Array, empty for one colour)
/// travel as typed arrays, not through JSON: 100,000 points stay fast.
#[wasm_bindgen(js_name = drawScatter)]
pub fn draw_scatter(canvas: web_sys::HtmlCanvasElement, spec: JsValue, x: &[f64], y: &[f64], classes: &[u32]) -> Result<JsValue, JsValue> {
    let s: ScatterSpec = from_js(spec.clone())?;
    let classes: Vec<usize> = classes.iter().map(|&c| c as usize).collect();
    let chart = plot::Scatter {
        title: s.title,
        x_title: s.x_title,
        y_title: s.y_title,
        x,
        y,
        classes: (!classes.is_empty()).then_some(classes.as_slice()),
        class_names: s.class_names,
    };
    on_canvas(canvas, &spec, |area, theme| plot::draw_scatter(area, &chart, theme).map_err(|e| e.to_string()))
}
