//! Shareable links seen from JavaScript: `writeLink` stamps the page's parts with the version,
//! `readLink` checks (and migrates) a payload; the page compresses and decompresses them.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{js_error, lang_of, to_js};
use crate::error::{Error, Lang};
use crate::experiment::link::{read_link, write_link, Link};

/// A message in both languages, with its code (the note of a link whose file must be loaded).
#[derive(Serialize)]
struct Note {
    fr: String,
    en: String,
    code: &'static str,
}

impl From<Error> for Note {
    fn from(error: Error) -> Note {
        Note { fr: error.message(Lang::Fr), en: error.message(Lang::En), code: error.code() }
    }
}

/// The link read, and `note`: what the student must do before it fully applies, or null.
#[derive(Serialize)]
struct Opened<'a> {
    #[serde(flatten)]
    link: &'a Link,
    note: Option<Note>,
}

/// `{ step, spec, recipe, data }` (JSON text) → the payload's JSON text, version included.
#[wasm_bindgen(js_name = writeLink)]
pub fn write_link_json(parts: &str, lang: Option<String>) -> Result<String, JsValue> {
    write_link(parts).map_err(|e| js_error(&e, lang_of(lang.as_deref())))
}

/// A payload's JSON text → `{ v, step, spec, recipe, data, note }`, or an error saying why the
/// link does not open (damaged, newer, too old, unknown data set).
#[wasm_bindgen(js_name = readLink)]
pub fn read_link_json(text: &str, lang: Option<String>) -> Result<JsValue, JsValue> {
    let link = read_link(text).map_err(|e| js_error(&e, lang_of(lang.as_deref())))?;
    to_js(&Opened { link: &link, note: link.pending().map(Note::from) })
}
