//! The wasm-bindgen boundary, and nothing else: thin functions that convert JavaScript values,
//! call the core and turn its errors into JS `Error`s (message in the asked language, with
//! `fr`, `en` and `code` attached).

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::data::{self, datasets::BUILT_IN, Loaded, ReadOptions};
use crate::error::{Error, Lang};
use crate::explore;
use crate::plot::{draw_bars, BarChart, Theme};

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

fn js_error(error: &Error, lang: Lang) -> JsValue {
    let js = js_sys::Error::new(&error.message(lang));
    for (key, value) in [("fr", error.message(Lang::Fr)), ("en", error.message(Lang::En)), ("code", error.code().into())] {
        let _ = js_sys::Reflect::set(&js, &key.into(), &value.into());
    }
    js.into()
}

/// Reading options plus the language of error messages (`"fr"` or `"en"`, default English).
#[derive(Deserialize, Default)]
#[serde(default)]
struct JsOptions {
    #[serde(flatten)]
    read: ReadOptions,
    lang: Option<String>,
}

fn options(value: JsValue) -> Result<(ReadOptions, Lang), JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok((ReadOptions::default(), Lang::En));
    }
    let o: JsOptions = serde_wasm_bindgen::from_value(value).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    Ok((o.read, o.lang.as_deref().map_or(Lang::En, Lang::parse)))
}

/// Reads a file in steps so a worker can report progress between them.
#[wasm_bindgen]
pub struct Parser {
    inner: Option<data::Parser>,
    lang: Lang,
}

#[wasm_bindgen]
impl Parser {
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>, options_value: JsValue) -> Result<Parser, JsValue> {
        let (read, lang) = options(options_value)?;
        let inner = data::Parser::new(bytes, &read).map_err(|e| js_error(&e, lang))?;
        Ok(Parser { inner: Some(inner), lang })
    }

    /// Reads up to `max_records` records; returns the fraction of the file read.
    pub fn step(&mut self, max_records: usize) -> Result<f64, JsValue> {
        match &mut self.inner {
            Some(p) => p.step(max_records).map_err(|e| js_error(&e, self.lang)),
            None => Ok(1.0),
        }
    }

    pub fn done(&self) -> bool {
        self.inner.as_ref().is_none_or(data::Parser::is_done)
    }

    /// The table; the parser is spent afterwards.
    pub fn finish(&mut self) -> Result<Dataset, JsValue> {
        let lang = self.lang;
        let parser = self.inner.take().ok_or_else(|| js_sys::Error::new("Parser.finish called twice"))?;
        let loaded = parser.finish().map_err(|e| js_error(&e, lang))?;
        Ok(Dataset { loaded, lang })
    }
}

/// Reads a whole file at once.
#[wasm_bindgen(js_name = readTable)]
pub fn read_table(bytes: Vec<u8>, options_value: JsValue) -> Result<Dataset, JsValue> {
    let (read, lang) = options(options_value)?;
    let loaded = data::read(bytes, &read).map_err(|e| js_error(&e, lang))?;
    Ok(Dataset { loaded, lang })
}

/// A loaded table and how it was read; every summary of the first look.
#[wasm_bindgen]
pub struct Dataset {
    loaded: Loaded,
    lang: Lang,
}

#[wasm_bindgen]
impl Dataset {
    #[wasm_bindgen(js_name = numRows)]
    pub fn num_rows(&self) -> usize {
        self.loaded.table.num_rows()
    }

    #[wasm_bindgen(js_name = numColumns)]
    pub fn num_columns(&self) -> usize {
        self.loaded.table.num_columns()
    }

    /// `[{ name, dtype }]`.
    pub fn columns(&self) -> Result<JsValue, JsValue> {
        #[derive(Serialize)]
        struct Col<'a> {
            name: &'a str,
            dtype: &'static str,
        }
        let cols: Vec<Col> = self.loaded.table.columns().iter().map(|c| Col { name: &c.name, dtype: c.dtype().name() }).collect();
        to_js(&cols)
    }

    pub fn dialect(&self) -> Result<JsValue, JsValue> {
        to_js(&self.loaded.dialect)
    }

    pub fn info(&self) -> Result<JsValue, JsValue> {
        to_js(&explore::info(&self.loaded.table))
    }

    pub fn describe(&self) -> Result<JsValue, JsValue> {
        to_js(&explore::describe(&self.loaded.table))
    }

    /// Rows `start .. start + n`, each an array of numbers, strings and nulls (missing).
    pub fn head(&self, start: usize, n: usize) -> Result<JsValue, JsValue> {
        let rows: Vec<Vec<explore::Scalar>> = self
            .loaded
            .table
            .rows(start, n)
            .into_iter()
            .map(|r| r.into_iter().map(explore::Scalar::from).collect())
            .collect();
        to_js(&rows)
    }

    #[wasm_bindgen(js_name = valueCounts)]
    pub fn value_counts(&self, column: &str, dropna: bool) -> Result<JsValue, JsValue> {
        let col = self.loaded.table.column(column).map_err(|e| js_error(&e, self.lang))?;
        to_js(&explore::value_counts(col, dropna))
    }

    /// The flags on the data; `class` names the class column (or null).
    pub fn flags(&self, class: Option<String>) -> Result<JsValue, JsValue> {
        if let Some(name) = &class {
            self.loaded.table.column(name).map_err(|e| js_error(&e, self.lang))?;
        }
        to_js(&explore::flags(&self.loaded.table, class.as_deref()))
    }

    #[wasm_bindgen(js_name = guessTarget)]
    pub fn guess_target(&self) -> Option<String> {
        explore::guess_target(&self.loaded.table)
    }

    /// The identifier column's name, if the table has one.
    #[wasm_bindgen(js_name = idColumn)]
    pub fn id_column(&self) -> Option<String> {
        explore::identifier_column(&self.loaded.table).map(|i| self.loaded.table.columns()[i].name.clone())
    }
}

/// The built-in data sets: `[{ id, file, target, rows, columns, title: {fr, en}, about: {fr, en}, licence }]`.
#[wasm_bindgen]
pub fn datasets() -> Result<JsValue, JsValue> {
    to_js(BUILT_IN)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BarSpec {
    title: String,
    #[serde(default)]
    x_title: String,
    #[serde(default)]
    y_title: String,
    labels: Vec<String>,
    values: Vec<f64>,
    #[serde(default)]
    dpr: Option<f64>,
    #[serde(default)]
    dark: bool,
    #[serde(default)]
    highlight: Option<usize>,
}

/// Draws a bar chart on `canvas`, whose width and height are in device pixels (CSS size ×
/// `dpr`): fonts and margins are scaled by `dpr`, so the chart stays crisp. Returns the chart's
/// frame (plotting area in device pixels and axis ranges) for the pointer readout.
#[wasm_bindgen(js_name = drawBars)]
pub fn draw_bars_on(canvas: web_sys::HtmlCanvasElement, spec: JsValue) -> Result<JsValue, JsValue> {
    let s: BarSpec = serde_wasm_bindgen::from_value(spec).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    let chart = BarChart { title: s.title, x_title: s.x_title, y_title: s.y_title, labels: s.labels, values: s.values, highlight: s.highlight };
    let backend = plotters_canvas::CanvasBackend::with_canvas_object(canvas).ok_or_else(|| js_sys::Error::new("no 2d context on this canvas"))?;
    let area = plotters::prelude::IntoDrawingArea::into_drawing_area(backend);
    let frame = draw_bars(&area, &chart, &Theme::new(s.dark, s.dpr.unwrap_or(1.0))).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    area.present().map_err(|e| js_sys::Error::new(&e.to_string()))?;
    to_js(&frame)
}
