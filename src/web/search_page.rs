//! The search page's questions to the core that need no data: the default space of a model, a
//! space checked against the model, and the spec Train runs with the best trial.

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use super::{from_js, js_error, lang_of, to_js};
use crate::error::Error;
use crate::experiment::search::Trial;
use crate::experiment::search_space::{best_spec, check_space, default_space};
use crate::experiment::spec::Spec;
use crate::learn::ModelSpec;

/// A model as the page holds it (`{ kind, …parameters }`); a malformed one is the page's mistake.
fn model_of(model: JsValue) -> Result<ModelSpec, JsValue> {
    from_js(model)
}

/// `{ name: { log | uniform | int | values: … } }`: the space a search of `model` starts from.
#[wasm_bindgen(js_name = defaultSearchSpace)]
pub fn default_search_space(model: JsValue) -> Result<JsValue, JsValue> {
    to_js(&default_space(&model_of(model)?))
}

/// Throws the core's error (in `lang`, naming `search.space.<name>`) when a parameter of `space`
/// is unknown to `model`, its range unreadable, or a value of the wrong type.
#[wasm_bindgen(js_name = checkSearchSpace)]
pub fn check_search_space(model: JsValue, space: JsValue, lang: Option<String>) -> Result<(), JsValue> {
    let space: Map<String, Value> = from_js(space)?;
    check_space(&model_of(model)?, &space).map_err(|e| js_error(&e, lang_of(lang.as_deref())))
}

/// `spec` (as the worker takes it) with `trial`'s parameters in its model and no search: what
/// "Use in Train" puts into the page.
#[wasm_bindgen(js_name = bestSpec)]
pub fn best_spec_js(spec: JsValue, trial: JsValue, lang: Option<String>) -> Result<JsValue, JsValue> {
    let spec: Spec = from_js(spec)?;
    let trial: TrialIn = from_js(trial)?;
    let trial = Trial { params: trial.params, score: trial.score.unwrap_or(f64::NAN), std: trial.std.unwrap_or(f64::NAN) };
    let best = best_spec(&spec, &trial).map_err(|e: Error| js_error(&e, lang_of(lang.as_deref())))?;
    to_js(&best)
}

/// A trial as the report gives it back (a missing score is `null` in JSON).
#[derive(serde::Deserialize)]
struct TrialIn {
    params: Map<String, Value>,
    #[serde(default)]
    score: Option<f64>,
    #[serde(default)]
    std: Option<f64>,
}
