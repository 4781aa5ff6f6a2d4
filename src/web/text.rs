//! Text columns at the boundary: which columns hold free text, and the one-hot illustration of a
//! sentence (`prep::text`).

use wasm_bindgen::prelude::*;

use super::{to_js, Dataset};
use crate::data::Cell;
use crate::prep::text::{free_text_columns, one_hot_example};

/// Words the illustration shows at most: its table stays readable.
const EXAMPLE_WORDS: usize = 12;

/// The one-hot encoding of `text`'s first sentence (at most `max_tokens` words, default 12):
/// `{ sentence, tokens, truncated, vocabulary, indices, rows, bag, note: { fr, en } }`.
#[wasm_bindgen(js_name = oneHotExample)]
pub fn one_hot_example_js(text: &str, lowercase: Option<bool>, max_tokens: Option<usize>) -> Result<JsValue, JsValue> {
    to_js(&one_hot_example(text, lowercase.unwrap_or(true), max_tokens.unwrap_or(EXAMPLE_WORDS)))
}

#[wasm_bindgen]
impl Dataset {
    /// The text columns holding free text (three words or more at the median), which the
    /// Prepare step offers to cut into words.
    #[wasm_bindgen(js_name = textColumns)]
    pub fn text_columns(&self) -> Vec<String> {
        free_text_columns(self.table())
    }

    /// The one-hot illustration of the first non-empty text of `column` (null when it has
    /// none); an unknown column is an error.
    #[wasm_bindgen(js_name = textExample)]
    pub fn text_example(&self, column: &str, lowercase: Option<bool>) -> Result<JsValue, JsValue> {
        let c = self.table().column(column).map_err(|e| self.fail(e))?;
        let first = (0..c.len()).find_map(|r| match c.cell(r) {
            Cell::Text(s) if !s.trim().is_empty() => Some(s),
            _ => None,
        });
        match first {
            Some(text) => to_js(&one_hot_example(text, lowercase.unwrap_or(true), EXAMPLE_WORDS)),
            None => Ok(JsValue::NULL),
        }
    }
}
