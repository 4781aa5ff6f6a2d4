//! What the search page needs around `search.rs`: a sensible space to start from for each model,
//! a space's names checked against the model, and the best trial's parameters put back into a
//! spec for the Train step. Reads model specs and trials; runs nothing.

use serde_json::{json, Map, Value};

use super::search::{Range, Trial};
use super::spec::Spec;
use crate::error::{Error, Result};
use crate::learn::ModelSpec;

/// A first space per model: the parameters the course tunes, over ranges wide enough to show a
/// peak and small enough to run in a minute on the built-in data (a forest's trees are kept to
/// [10, 100], the hidden layers to three small shapes). Names as the model spec spells them.
pub fn default_space(model: &ModelSpec) -> Map<String, Value> {
    let log = |lo: f64, hi: f64| json!({ "log": [lo, hi] });
    let int = |lo: i64, hi: i64| json!({ "int": [lo, hi] });
    let entries: Vec<(&str, Value)> = match model {
        ModelSpec::LogisticRegression(_) | ModelSpec::LinearSvm(_) => vec![("C", log(1e-3, 1e3))],
        ModelSpec::Knn(_) => vec![("n_neighbors", int(1, 30)), ("weights", json!({ "values": ["uniform", "distance"] }))],
        ModelSpec::GaussianNb(_) => vec![("var_smoothing", log(1e-12, 1e-3))],
        ModelSpec::DecisionTree(_) => vec![("max_depth", int(1, 12)), ("min_samples_leaf", int(1, 20))],
        ModelSpec::RandomForest(_) => vec![("n_estimators", int(10, 100)), ("max_depth", int(2, 12))],
        ModelSpec::LogisticRegressionGd(_) => vec![("learning_rate", log(1e-3, 1.0)), ("C", log(1e-3, 1e3))],
        ModelSpec::Mlp(_) => vec![
            ("alpha", log(1e-5, 1e-1)),
            ("learning_rate_init", log(1e-4, 1e-1)),
            ("hidden_layer_sizes", json!({ "values": [[16], [64], [32, 16]] })),
        ],
        ModelSpec::Network(_) => vec![("learning_rate_init", log(1e-4, 1e-1)), ("batch_size", json!({ "values": [32, 64, 128] }))],
    };
    entries.into_iter().map(|(name, range)| (name.to_string(), range)).collect()
}

/// `model` with `params` set, as a search trial sets them (the model's JSON object, the
/// parameters written over it): an unknown name or a value of the wrong type is a `bad_spec`
/// error naming `search.space`. `kind` is refused: a trial changes parameters, not the model.
pub fn with_params(model: &ModelSpec, params: &Map<String, Value>) -> Result<ModelSpec> {
    if params.contains_key("kind") {
        return Err(Error::BadSpec { detail: "search.space.kind: the search tunes the model's parameters, not its kind".into() });
    }
    let mut value = serde_json::to_value(model).map_err(|e| Error::BadSpec { detail: e.to_string() })?;
    if let Value::Object(m) = &mut value {
        m.extend(params.clone());
    }
    serde_json::from_value(value).map_err(|e| Error::BadSpec { detail: format!("search.space: {e}") })
}

/// Checks each parameter of `space` against `model` before anything runs: its range reads as
/// one of the four kinds, and the model takes its values (the ends of a numeric range, every
/// category). The error names the parameter (`search.space.<name>`), so the page shows it on
/// that row. Whether the ends are in order is `Search::new`'s check, at the start of a run.
pub fn check_space(model: &ModelSpec, space: &Map<String, Value>) -> Result<()> {
    for (name, value) in space {
        let named = |e: &dyn std::fmt::Display| Error::BadSpec { detail: format!("search.space.{name}: {e}") };
        let range: Range = serde_json::from_value(value.clone()).map_err(|e| named(&e))?;
        let samples: Vec<Value> = match range {
            Range::Log(ends) | Range::Uniform(ends) => ends.iter().map(|&x| json!(x)).collect(),
            Range::Int(ends) => ends.iter().map(|&x| json!(x)).collect(),
            Range::Values(values) => values,
        };
        for sample in samples {
            let params = Map::from_iter([(name.clone(), sample)]);
            with_params(model, &params).map_err(|e| match e {
                Error::BadSpec { detail } => named(&detail.trim_start_matches("search.space: ")),
                other => other,
            })?;
        }
    }
    Ok(())
}

/// The spec the Train step runs with the search's choice: the model with `trial`'s parameters,
/// and no search (it is done; running the spec again must not redo it).
pub fn best_spec(spec: &Spec, trial: &Trial) -> Result<Spec> {
    Ok(Spec { model: with_params(&spec.model, &trial.params)?, search: None, ..spec.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::{forest, knn, logistic, neural, svm, tree, naive_bayes};

    fn every_model() -> Vec<ModelSpec> {
        vec![
            ModelSpec::LogisticRegression(logistic::Params::default()),
            ModelSpec::Knn(knn::Params::default()),
            ModelSpec::GaussianNb(naive_bayes::Params::default()),
            ModelSpec::DecisionTree(tree::Params::default()),
            ModelSpec::RandomForest(forest::Params::default()),
            ModelSpec::LinearSvm(svm::Params::default()),
            ModelSpec::LogisticRegressionGd(neural::GdParams::default()),
            ModelSpec::Mlp(neural::MlpParams::default()),
        ]
    }

    #[test]
    fn every_default_space_is_accepted_by_its_model() {
        for model in every_model() {
            let space = default_space(&model);
            assert!(!space.is_empty(), "{} has no space", model.kind());
            check_space(&model, &space).unwrap_or_else(|e| panic!("{}: {e:?}", model.kind()));
        }
    }

    #[test]
    fn logistic_regression_tunes_c_over_six_decades() {
        let space = default_space(&ModelSpec::default());
        assert_eq!(Value::Object(space), json!({ "C": { "log": [0.001, 1000.0] } }));
    }

    #[test]
    fn an_unknown_name_or_a_wrong_type_names_the_parameter() {
        let model = ModelSpec::Knn(knn::Params::default());
        let unknown = Map::from_iter([("k".to_string(), json!({ "int": [1, 5] }))]);
        let Err(Error::BadSpec { detail }) = check_space(&model, &unknown) else { panic!("accepted an unknown name") };
        assert!(detail.starts_with("search.space.k:"), "{detail}");
        let wrong = Map::from_iter([("weights".to_string(), json!({ "values": ["uniform", "closest"] }))]);
        let Err(Error::BadSpec { detail }) = check_space(&model, &wrong) else { panic!("accepted a wrong category") };
        assert!(detail.starts_with("search.space.weights:"), "{detail}");
        let garbled = Map::from_iter([("n_neighbors".to_string(), json!({ "between": [1, 5] }))]);
        assert!(matches!(check_space(&model, &garbled), Err(Error::BadSpec { .. })));
    }

    #[test]
    fn the_kind_cannot_be_searched() {
        let space = Map::from_iter([("kind".to_string(), json!({ "values": ["knn"] }))]);
        assert!(check_space(&ModelSpec::default(), &space).is_err());
    }

    #[test]
    fn the_best_spec_takes_the_trials_parameters_and_drops_the_search() {
        let spec = Spec::from_json(r#"{ "model": { "kind": "knn", "n_neighbors": 5 }, "search": { "trials": 3 }, "cv": { "folds": 3 } }"#).unwrap();
        let trial = Trial { params: Map::from_iter([("n_neighbors".to_string(), json!(11)), ("weights".to_string(), json!("distance"))]), score: 0.9, std: 0.01 };
        let best = best_spec(&spec, &trial).unwrap();
        assert_eq!(best.model, ModelSpec::Knn(knn::Params { n_neighbors: 11, weights: knn::Weights::Distance }));
        assert_eq!(best.search, None);
        assert_eq!(best.cv, spec.cv, "the cross-validation settings stay");
    }
}
