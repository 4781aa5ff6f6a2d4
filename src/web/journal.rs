//! The journal at the wasm boundary: the key of a spec, its canonical text, and the journal's
//! summaries, import, export and comparison (`experiment::journal`), for the page and api.js.

use wasm_bindgen::prelude::*;

use super::{from_js, given, js_error, lang_of, to_js, Dataset};
use crate::experiment::journal::{self, Entry};
use crate::experiment::run::spec_key;
use crate::experiment::spec::Spec;

/// The journal key of `spec` (JSON text) on its own data (`builtin`: the bytes of the built-in
/// set it names): the `spec_hash` its report will carry.
#[wasm_bindgen(js_name = specKey)]
pub fn spec_key_json(spec: &str, builtin: Option<Vec<u8>>, lang: Option<String>) -> Result<String, JsValue> {
    let lang = lang_of(lang.as_deref());
    Spec::from_json(spec).and_then(|s| spec_key(&s, given(builtin))).map_err(|e| js_error(&e, lang))
}

/// The canonical text of `spec` (JSON text): what the key hashes beside the data's fingerprint.
#[wasm_bindgen(js_name = canonicalSpec)]
pub fn canonical_spec(spec: &str, lang: Option<String>) -> Result<String, JsValue> {
    Spec::from_json(spec).map(|s| s.canonical_json()).map_err(|e| js_error(&e, lang_of(lang.as_deref())))
}

/// `{ model, params, metrics }` of a journal entry.
#[wasm_bindgen(js_name = journalSummary)]
pub fn journal_summary(entry: JsValue) -> Result<JsValue, JsValue> {
    let entry: Entry = from_js(entry)?;
    to_js(&journal::summary(&entry))
}

/// Merges the journal file `text` into `runs`: `{ runs, added, merged }`, or an error (not a
/// journal, another version) in `lang`.
#[wasm_bindgen(js_name = journalImport)]
pub fn journal_import(runs: JsValue, text: &str, lang: Option<String>) -> Result<JsValue, JsValue> {
    let runs: Vec<Entry> = from_js(runs)?;
    to_js(&journal::import(runs, text).map_err(|e| js_error(&e, lang_of(lang.as_deref())))?)
}

/// The journal file's text for `runs`.
#[wasm_bindgen(js_name = journalExport)]
pub fn journal_export(runs: JsValue) -> Result<String, JsValue> {
    let runs: Vec<Entry> = from_js(runs)?;
    Ok(journal::export(&runs))
}

/// `{ runs, params: [{ name, values, differs }], metrics: [{ name, values, best }] }`.
#[wasm_bindgen(js_name = journalCompare)]
pub fn journal_compare(entries: JsValue) -> Result<JsValue, JsValue> {
    let entries: Vec<Entry> = from_js(entries)?;
    to_js(&journal::compare(&entries))
}

#[wasm_bindgen]
impl Dataset {
    /// The journal key of `spec` (JSON text) on this data, before running it: the report's
    /// `spec_hash`.
    #[wasm_bindgen(js_name = specKey)]
    pub fn spec_key(&self, spec: &str) -> Result<String, JsValue> {
        let spec = Spec::from_json(spec).map_err(|e| self.fail(e))?;
        Ok(spec.hash(self.session().fingerprint()))
    }

    /// The data's fingerprint, 16 hex digits.
    pub fn fingerprint(&self) -> String {
        format!("{:016x}", self.session().fingerprint())
    }
}
