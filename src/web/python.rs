//! The exported Python script across the boundary: `Dataset.exportPython(spec)` for the page's
//! data, and `exportPython(spec, builtin, lang)` for the headless API.

use wasm_bindgen::prelude::*;

use super::dataset::Dataset;
use super::{given, js_error, lang_of};
use crate::experiment::python::python_script;
use crate::experiment::run::load_spec_data;
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

/// The Python script for a spec (JSON text) whose `data` is text or a built-in set (`builtin`:
/// its bytes, which the caller fetched).
#[wasm_bindgen(js_name = exportPython)]
pub fn export_python_json(spec: &str, builtin: Option<Vec<u8>>, lang: Option<String>) -> Result<String, JsValue> {
    let lang = lang_of(lang.as_deref());
    Spec::from_json(spec)
        .and_then(|spec| python_script(&spec, &load_spec_data(&spec, given(builtin))?.0))
        .map_err(|e| js_error(&e, lang))
}
