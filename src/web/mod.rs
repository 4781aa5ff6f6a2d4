//! The wasm-bindgen boundary, and nothing else: thin functions that convert JavaScript values,
//! call the core and turn its errors into JS `Error`s (message in the asked language, with
//! `fr`, `en` and `code` attached).

// Steps 1 to 4: in both builds.
mod canvas;
mod charts;
mod dataset;
// Steps 5 to 11: only with the `learn` feature (the first-look module leaves them out).
#[cfg(feature = "learn")]
mod evaluation;
#[cfg(feature = "learn")]
mod journal;
#[cfg(feature = "learn")]
mod link;
#[cfg(feature = "learn")]
mod modelling;
#[cfg(feature = "learn")]
mod parallel;
#[cfg(feature = "learn")]
mod production;
#[cfg(feature = "learn")]
mod python;
#[cfg(feature = "learn")]
mod runs;
#[cfg(feature = "learn")]
mod search_page;
#[cfg(feature = "learn")]
mod text;

pub use dataset::Dataset;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::data::{self, datasets::BUILT_IN, ReadOptions};
use crate::error::{Error, Lang};
#[cfg(feature = "learn")]
use crate::experiment::run::{run_spec, start_spec};
#[cfg(feature = "learn")]
use crate::experiment::spec::Spec;
use crate::experiment::spec::{data_fingerprint, fnv1a};
use crate::prep::recipe::Condition;

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// Reads a JS value into `T`; a malformed value is a plain JS error (a programming mistake in
/// the page, not something a student did).
fn from_js<T: for<'de> Deserialize<'de>>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

fn js_error(error: &Error, lang: Lang) -> JsValue {
    let js = js_sys::Error::new(&error.message(lang));
    for (key, value) in [("fr", error.message(Lang::Fr)), ("en", error.message(Lang::En)), ("code", error.code().into())] {
        let _ = js_sys::Reflect::set(&js, &key.into(), &value.into());
    }
    js.into()
}

fn lang_of(code: Option<&str>) -> Lang {
    code.map_or(Lang::En, Lang::parse)
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
    let o: JsOptions = from_js(value)?;
    Ok((o.read, lang_of(o.lang.as_deref())))
}

/// Reads a file in steps so a worker can report progress between them.
#[wasm_bindgen]
pub struct Parser {
    inner: Option<data::Parser>,
    /// FNV-1a of the bytes; the dialect joins it at `finish`.
    fingerprint: u64,
    lang: Lang,
}

#[wasm_bindgen]
impl Parser {
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>, options_value: JsValue) -> Result<Parser, JsValue> {
        let (read, lang) = options(options_value)?;
        let fingerprint = fnv1a(&bytes);
        let inner = data::Parser::new(bytes, &read).map_err(|e| js_error(&e, lang))?;
        Ok(Parser { inner: Some(inner), fingerprint, lang })
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
        let fingerprint = data_fingerprint(self.fingerprint, &loaded.dialect);
        Ok(Dataset::new(loaded, fingerprint, lang))
    }
}

/// Reads a whole file at once.
#[wasm_bindgen(js_name = readTable)]
pub fn read_table(bytes: Vec<u8>, options_value: JsValue) -> Result<Dataset, JsValue> {
    let (read, lang) = options(options_value)?;
    let bytes_hash = fnv1a(&bytes);
    let loaded = data::read(bytes, &read).map_err(|e| js_error(&e, lang))?;
    let fingerprint = data_fingerprint(bytes_hash, &loaded.dialect);
    Ok(Dataset::new(loaded, fingerprint, lang))
}

/// Refuses a file over the size limit from its size alone, before the page reads its bytes (a
/// 300 MB file never enters the tab): the reader's own `too_large` error.
#[wasm_bindgen(js_name = checkFileSize)]
pub fn check_file_size(size: f64, lang: Option<String>) -> Result<(), JsValue> {
    data::Limits::default().check_size(size as usize).map_err(|e| js_error(&e, lang_of(lang.as_deref())))
}

/// The built-in data sets: `[{ id, file, target, rows, columns, title: {fr, en}, about: {fr, en}, licence }]`.
#[wasm_bindgen]
pub fn datasets() -> Result<JsValue, JsValue> {
    to_js(BUILT_IN)
}

/// Reads a cleaning condition such as `Age > 100` into `{ column, op, value }`.
#[wasm_bindgen(js_name = parseCondition)]
pub fn parse_condition(text: &str, lang: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&Condition::parse(text).map_err(|e| js_error(&e, lang_of(lang.as_deref())))?)
}

#[cfg(feature = "learn")]
/// Runs a spec (JSON text) to its report (JSON text: the same bytes as natively). `builtin`:
/// the bytes of the built-in data set the spec names, which the caller fetched; `test_builtin`:
/// those of the built-in file its final test runs on (`spec.test_data`).
#[wasm_bindgen(js_name = runSpec)]
pub fn run_spec_json(spec: &str, builtin: Option<Vec<u8>>, lang: Option<String>, test_builtin: Option<Vec<u8>>) -> Result<String, JsValue> {
    let lang = lang_of(lang.as_deref());
    let report = Spec::from_json(spec)
        .and_then(|spec| run_spec(&spec, given_both(&spec, builtin, test_builtin)))
        .map_err(|e| js_error(&e, lang))?;
    Ok(report_json(&report))
}

#[cfg(feature = "learn")]
/// Prepares a spec's run (as `runSpec`) to be stepped by the caller: the API's `run(spec, {
/// onEpoch })` steps it epoch by epoch.
#[wasm_bindgen(js_name = startSpec)]
pub fn start_spec_json(spec: &str, builtin: Option<Vec<u8>>, lang: Option<String>, test_builtin: Option<Vec<u8>>) -> Result<runs::TrainRun, JsValue> {
    let lang = lang_of(lang.as_deref());
    let experiment = Spec::from_json(spec)
        .and_then(|spec| start_spec(&spec, given_both(&spec, builtin, test_builtin)))
        .map_err(|e| js_error(&e, lang))?;
    Ok(runs::TrainRun::new(experiment, lang))
}

#[cfg(feature = "learn")]
/// A network's summary before it trains (the builder's table): `model` is the spec's
/// `{ kind: "network", input_shape, layers, … }`, `features` the prepared features, `vocabulary`
/// the words an embedding without one takes. `[{ kind, output, parameters }]`, or the error
/// naming the first layer that cannot take what it receives.
#[wasm_bindgen(js_name = networkSummary)]
pub fn network_summary(model: JsValue, features: usize, vocabulary: usize, lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = lang_of(lang.as_deref());
    let model: serde_json::Value = from_js(model)?;
    let params = match serde_json::from_value(model) {
        Ok(crate::learn::ModelSpec::Network(p)) => p,
        Ok(other) => return Err(js_error(&Error::BadParam { field: "model.kind".into(), value: other.kind().into(), need: crate::error::Need::OneOf(vec!["network".into()]) }, lang)),
        Err(e) => return Err(js_error(&Error::BadSpec { detail: e.to_string() }, lang)),
    };
    to_js(&params.summary(features, vocabulary).map_err(|e| js_error(&e, lang))?)
}

#[cfg(feature = "learn")]
/// The spec's data as `builtin` gives it: the bytes of the built-in set the spec names, which
/// the caller fetched.
pub(super) fn given(builtin: Option<Vec<u8>>) -> impl FnOnce(&str) -> crate::error::Result<Vec<u8>> {
    move |file| builtin.ok_or_else(|| Error::BadSpec { detail: format!("the bytes of {file} were not given") })
}

#[cfg(feature = "learn")]
/// `given` for a spec that names two built-in files: its data's (`builtin`) and the one its
/// final test runs on (`test_builtin`), told apart by file name.
fn given_both(spec: &Spec, builtin: Option<Vec<u8>>, test_builtin: Option<Vec<u8>>) -> impl Fn(&str) -> crate::error::Result<Vec<u8>> {
    use crate::experiment::spec::DataRef;
    let test_file = match &spec.test_data {
        Some(DataRef::Builtin(id)) => data::datasets::built_in(id).map(|d| d.file),
        _ => None,
    };
    move |file| {
        let bytes = if Some(file) == test_file { &test_builtin } else { &builtin };
        bytes.clone().ok_or_else(|| Error::BadSpec { detail: format!("the bytes of {file} were not given") })
    }
}

#[cfg(feature = "learn")]
/// A report as JSON text; serde_json writes every f64 the same way on every platform.
fn report_json<T: Serialize>(report: &T) -> String {
    serde_json::to_string(report).unwrap_or_default()
}
