//! The worker pool's units of work, seen from JavaScript: a cross-validation's folds one at a
//! time (`CvRun`, `Dataset.cvFold`), their summary (`cvSummary`), and a search's coordinator
//! and folds (`SearchRun`: ask, fold, tell, report, stop). Each worker of the pool holds its own
//! runs of the same spec on the same data; the core makes the results independent of which
//! worker ran what, and in which order.

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use super::{from_js, js_error, to_js, Dataset};
use crate::error::{Error, Lang};
use crate::experiment::cv::{CrossValidation, CvReport, FoldRecord};
use crate::experiment::search::Search;
use crate::experiment::spec::Spec;
use crate::prep::folds::CvSpec;

/// A cross-validation whose folds are run one call each, in any order.
#[wasm_bindgen]
pub struct CvRun {
    cv: CrossValidation,
    lang: Lang,
}

#[wasm_bindgen]
impl CvRun {
    /// The number of folds.
    pub fn folds(&self) -> usize {
        self.cv.len()
    }

    /// Fold `i` (0-based): `{ fold, test_indices, train_rows, accuracy, precision, recall, f1,
    /// roc_auc, average_precision }`, as a fold of `report.cv`.
    pub fn fold(&self, i: usize) -> Result<JsValue, JsValue> {
        to_js(&self.cv.fold(i).map_err(|e| js_error(&e, self.lang))?)
    }
}

/// A search: the coordinator's `ask`, `tell`, `report` and `stop`, and any worker's `fold`.
#[wasm_bindgen]
pub struct SearchRun {
    search: Search,
    lang: Lang,
}

#[wasm_bindgen]
impl SearchRun {
    /// `{ folds, done, total }`: folds per trial, trials told and trials at most.
    pub fn progress(&self) -> Result<JsValue, JsValue> {
        let (done, total) = self.search.progress();
        to_js(&serde_json::json!({ "folds": self.search.folds(), "done": done, "total": total }))
    }

    /// The next trial `{ trial, params }`, or null: none now (TPE waits for the trials out) or
    /// none left.
    pub fn ask(&mut self) -> Result<JsValue, JsValue> {
        match self.search.ask() {
            Some(ask) => to_js(&ask),
            None => Ok(JsValue::NULL),
        }
    }

    /// Fold `i` of the model with `params` (an object), as `CvRun.fold`.
    pub fn fold(&self, params: JsValue, i: usize) -> Result<JsValue, JsValue> {
        let params: Map<String, Value> = from_js(params)?;
        to_js(&self.search.fold(&params, i).map_err(|e| js_error(&e, self.lang))?)
    }

    /// Gives back trial `trial`'s folds (an array of fold records); answers the trial
    /// `{ params, score, std }`.
    pub fn tell(&mut self, trial: usize, folds: JsValue) -> Result<JsValue, JsValue> {
        let folds: Vec<FoldRecord> = from_js(folds)?;
        to_js(&self.search.tell(trial, folds).map_err(|e| js_error(&e, self.lang))?)
    }

    pub fn done(&self) -> bool {
        self.search.done()
    }

    /// Asks no more trials; the report keeps the told ones.
    pub fn stop(&mut self) {
        self.search.stop();
    }

    /// `report.search`: `{ method, metric, trials, best }`.
    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.search.report())
    }
}

/// `report.cv` (`{ folds, mean, std }`) of fold records computed anywhere, in any order.
#[wasm_bindgen(js_name = cvSummary)]
pub fn cv_summary(folds: JsValue) -> Result<JsValue, JsValue> {
    let folds: Vec<FoldRecord> = from_js(folds)?;
    to_js(&CvReport::from_folds(folds))
}

#[wasm_bindgen]
impl Dataset {
    /// The cross-validation of `spec` (JSON text; its `cv`, or 5 stratified folds) on this data,
    /// to be run a fold at a time.
    #[wasm_bindgen(js_name = cvRun)]
    pub fn cv_run(&self, spec: &str) -> Result<CvRun, JsValue> {
        let lang = self.lang();
        let fail = |e: Error| js_error(&e, lang);
        let spec = Spec::from_json(spec).map_err(fail)?;
        let cv = CrossValidation::new(&spec, spec.cv.as_ref().unwrap_or(&CvSpec::default()), &self.loaded().table).map_err(fail)?;
        Ok(CvRun { cv, lang })
    }

    /// Fold `fold` (0-based) of `spec`'s cross-validation, at once (`cvRun` keeps the folds
    /// for several calls).
    #[wasm_bindgen(js_name = cvFold)]
    pub fn cv_fold(&self, spec: &str, fold: usize) -> Result<JsValue, JsValue> {
        self.cv_run(spec)?.fold(fold)
    }

    /// The search of `spec` (JSON text with `search`) on this data.
    #[wasm_bindgen(js_name = searchRun)]
    pub fn search_run(&self, spec: &str) -> Result<SearchRun, JsValue> {
        let lang = self.lang();
        let fail = |e: Error| js_error(&e, lang);
        let spec = Spec::from_json(spec).map_err(fail)?;
        let Some(search) = &spec.search else { return Err(fail(Error::BadSpec { detail: "the spec has no search".into() })) };
        let search = Search::new(&spec, search, &self.loaded().table).map_err(fail)?;
        Ok(SearchRun { search, lang })
    }
}
