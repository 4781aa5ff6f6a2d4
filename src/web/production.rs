//! The production step seen from JavaScript: refit a spec on all rows (`Dataset.fitProduction`,
//! `fitSpec`), and a `ProductionModel` read from its JSON file that scores rows and files.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{given, js_error, lang_of, to_js, Dataset};
use crate::error::Lang;
use crate::experiment::production::{Input, Production};
use crate::experiment::run::load_spec_data;
use crate::experiment::spec::Spec;

#[wasm_bindgen]
impl Dataset {
    /// Refits `spec` (JSON text) on every labelled row of this data; the model file's JSON text.
    #[wasm_bindgen(js_name = fitProduction)]
    pub fn fit_production(&self, spec: &str) -> Result<String, JsValue> {
        let production = Spec::from_json(spec).and_then(|spec| Production::fit(&spec, &self.loaded().table)).map_err(|e| self.fail(e))?;
        Ok(production.to_json())
    }
}

/// Refits a spec naming its data (as `runSpec`) on every labelled row; the model file's text.
#[wasm_bindgen(js_name = fitSpec)]
pub fn fit_json(spec: &str, builtin: Option<Vec<u8>>, lang: Option<String>) -> Result<String, JsValue> {
    let lang = lang_of(lang.as_deref());
    let fitted = Spec::from_json(spec).and_then(|spec| Production::fit(&spec, &load_spec_data(&spec, given(builtin))?.0.table));
    Ok(fitted.map_err(|e| js_error(&e, lang))?.to_json())
}

/// A model read from its file.
#[wasm_bindgen]
pub struct ProductionModel {
    inner: Production,
    lang: Lang,
}

/// What the page shows of a model: `{ target, classes, positive, threshold, inputs }`.
#[derive(Serialize)]
struct Summary<'a> {
    target: &'a str,
    classes: &'a [String],
    positive: &'a str,
    threshold: f64,
    inputs: &'a [Input],
}

#[wasm_bindgen]
impl ProductionModel {
    /// Reads a model file; refuses another file, another version or an edited one.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str, lang: Option<String>) -> Result<ProductionModel, JsValue> {
        let lang = lang_of(lang.as_deref());
        let inner = Production::from_json(text).map_err(|e| js_error(&e, lang))?;
        Ok(ProductionModel { inner, lang })
    }

    /// `[{ name, kind: 'number' | 'category', categories? }]`
    pub fn inputs(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.inputs())
    }

    /// `{ target, classes, positive, threshold, inputs }`
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        let p = &self.inner;
        to_js(&Summary { target: p.target(), classes: p.classes(), positive: p.positive(), threshold: p.threshold(), inputs: p.inputs() })
    }

    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Scores records (JSON text `[{ feature: value }]`): `{ classes, positive, probabilities,
    /// predicted }`.
    #[wasm_bindgen(js_name = predictRows)]
    pub fn predict_rows(&self, records: &str) -> Result<JsValue, JsValue> {
        self.predict_bytes(records.as_bytes().to_vec())
    }

    /// Scores a file's rows (CSV or JSON bytes): `{ classes, positive, probabilities, predicted }`.
    #[wasm_bindgen(js_name = predictBytes)]
    pub fn predict_bytes(&self, bytes: Vec<u8>) -> Result<JsValue, JsValue> {
        to_js(&self.inner.predict_bytes(bytes).map_err(|e| js_error(&e, self.lang))?.1)
    }

    /// The file with `probability` and `predicted` columns appended: `{ csv, rows }`.
    #[wasm_bindgen(js_name = scoredCsv)]
    pub fn scored_csv(&self, bytes: Vec<u8>) -> Result<JsValue, JsValue> {
        let (table, prediction) = self.inner.predict_bytes(bytes).map_err(|e| js_error(&e, self.lang))?;
        let rows = table.num_rows();
        to_js(&serde_json::json!({ "csv": self.inner.scored_csv(&table, prediction), "rows": rows }))
    }
}
