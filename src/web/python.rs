//! The exported Python script across the boundary: `Dataset.exportPython(spec)` for the page's
//! data, `exportPython(spec, builtin, lang)` for the headless API, and `refitScores`, the
//! scores the script reproduces (the API's tests compare them).

use wasm_bindgen::prelude::*;

use super::dataset::Dataset;
use super::{js_error, lang_of};
use crate::data::{self, Loaded, ReadOptions};
use crate::error::Error;
use crate::experiment::python::{python_script, refit_scores, Refit};
use crate::experiment::spec::Spec;

#[wasm_bindgen]
impl Dataset {
    /// The Python script (pandas + scikit-learn) that refits `spec` (JSON text) on this data's
    /// file and prints its scores: `python3 model.py TRAIN.csv [NEW.csv]`.
    #[wasm_bindgen(js_name = exportPython)]
    pub fn export_python(&self, spec: &str) -> Result<String, JsValue> {
        Spec::from_json(spec).and_then(|spec| python_script(&spec, self.loaded())).map_err(|e| self.fail(e))
    }
}

/// The spec's data, read as every input is.
fn spec_data(spec: &Spec, builtin: Option<Vec<u8>>) -> crate::error::Result<Loaded> {
    let bytes = spec.data_bytes(|file| builtin.ok_or_else(|| Error::BadSpec { detail: format!("the bytes of {file} were not given") }))?;
    data::read(bytes, &ReadOptions::default())
}

/// The Python script for a spec (JSON text) whose `data` is text or a built-in set (`builtin`:
/// its bytes, which the caller fetched).
#[wasm_bindgen(js_name = exportPython)]
pub fn export_python_json(spec: &str, builtin: Option<Vec<u8>>, lang: Option<String>) -> Result<String, JsValue> {
    let lang = lang_of(lang.as_deref());
    Spec::from_json(spec)
        .and_then(|spec| python_script(&spec, &spec_data(&spec, builtin)?))
        .map_err(|e| js_error(&e, lang))
}

/// The scores of the pipeline refitted on every labelled row, for those rows: `{ rows, scores }`,
/// `rows` their labels in the loaded file (what the exported script prints for them).
#[wasm_bindgen(js_name = refitScores)]
pub fn refit_scores_json(spec: &str, builtin: Option<Vec<u8>>, lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = lang_of(lang.as_deref());
    let Refit { rows, scores } = Spec::from_json(spec)
        .and_then(|spec| refit_scores(&spec, &spec_data(&spec, builtin)?.table))
        .map_err(|e| js_error(&e, lang))?;
    let out = js_sys::Object::new();
    let rows: Vec<u32> = rows.into_iter().map(|r| r as u32).collect();
    js_sys::Reflect::set(&out, &"rows".into(), &js_sys::Uint32Array::from(rows.as_slice()))?;
    js_sys::Reflect::set(&out, &"scores".into(), &js_sys::Float64Array::from(scores.as_slice()))?;
    Ok(out.into())
}
