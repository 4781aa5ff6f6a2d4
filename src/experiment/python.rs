//! The production pipeline as a Python script (pandas + scikit-learn) that a student can run
//! outside the page: `python3 model.py TRAIN.csv [NEW.csv]`. It reads TRAIN.csv with the
//! dialect Atelier found, replays the cleaning recipe's pandas lines, keeps the labelled rows,
//! fits `Pipeline([("prep", ColumnTransformer(…)), ("model", …)])` on all of them (the
//! production refit) and prints `probability` (or `decision_function` for the linear SVM), then
//! the positive class's score of every row of NEW.csv (default TRAIN.csv) as `repr(float)`.
//!
//! Everything Atelier decided is written as a literal (target, positive class, features in
//! order, which are text); what Atelier learns from the rows (fill values, categories, scaler,
//! model) the script learns again from TRAIN.csv. How each step matches scikit-learn:
//! - one `ColumnTransformer` entry per feature, in Atelier's order, so the columns the model
//!   sees are Atelier's (numbers, and a text column's one-hot columns in its place);
//! - a text column's categories are its sorted values in the training rows, given to
//!   `OneHotEncoder(categories=…, handle_unknown="ignore")`, so a gap or an unseen category is
//!   all zeros (`prep::features::Encoder`); with `most_frequent` a `SimpleImputer` fills it first;
//! - numbers: `SimpleImputer` (or, with `drop_rows`, the rows with a gap dropped before the fit
//!   and a new row's gap read as 0, as Atelier), then the scaler (numbers only);
//! - logistic regression (and its gradient-descent version, whose optimum it is) is solved by
//!   `newton-cholesky` to `tol=1e-10`, Atelier's Newton fit of the same objective, on the
//!   positive class against the rest; k-NN searches with a k-d tree, whose distances are
//!   Atelier's exact `√Σ(a − b)²` (the brute-force `‖a‖² + ‖b‖² − 2a·b` is not exactly 0 from a
//!   row to itself, which distance weights notice);
//! - a text column cut into words (`spec.text`) is `CountVectorizer(max_features=…,
//!   lowercase=…)` or `TfidfVectorizer(…)`, whose defaults are Atelier's tokeniser and tf-idf
//!   (`prep::text`), its gaps read as empty texts; its columns come in scikit-learn's
//!   alphabetical order instead of Atelier's by frequency, which changes no score. Only a tie
//!   in frequency at the `max_features` cut may keep another word. `sequence` has no
//!   scikit-learn equivalent: the export refuses it (`text.mode`, a `bad_param` error);
//! - trees, forests, the MLP and the samplers draw their own random numbers: the script says so,
//!   and their figures compare by accuracy, not digit for digit.

use crate::data::builder::MISSING_MARKERS;
use crate::data::{DType, Loaded, Table};
use crate::error::{Error, Need, Result};
use crate::learn::forest::MaxFeatures;
use crate::learn::knn::Weights;
use crate::learn::neural::{Activation, Solver};
use crate::learn::tree::Criterion;
use crate::learn::ModelSpec;
use crate::prep::features::Impute;
use crate::prep::recipe::{apply, fill_pandas, literal, pandas_line, quoted, Cleaned, Step};
use crate::prep::resample::ResampleKind;
use crate::prep::scale::ScaleKind;
use crate::prep::text::{TextMode, TextSpec};
use crate::explore::Scalar;

use super::run::{features, learnable, target, Preparation, Target};
use super::spec::Spec;

/// What the script writes out as literals, from the spec and the cleaned table.
struct Plan {
    cleaned: Cleaned,
    target: Target,
    features: Vec<String>,
    /// The text features cut into words (`spec.text.columns`).
    words: Vec<String>,
}

impl Plan {
    /// Resolves target, positive class and features as a run does; learns the preparation once
    /// so a spec that cannot run (a feature with no value) fails here, not in Python.
    fn new(spec: &Spec, table: &Table) -> Result<Plan> {
        let cleaned = apply(table, &spec.clean)?;
        let target = target(&cleaned.table, spec)?;
        let features = features(&cleaned.table, spec, &target.name)?;
        let (_, rows) = learnable(&cleaned.table, spec, &features, &target)?;
        Preparation::fit(&cleaned.table, &features, &rows, spec)?;
        let words = spec.text.as_ref().map(|t| t.columns.clone()).unwrap_or_default();
        Ok(Plan { cleaned, target, features, words })
    }
}

/// The script for `spec` on the `loaded` table (the dialect it was read with, the table before
/// the recipe).
pub fn python_script(spec: &Spec, loaded: &Loaded) -> Result<String> {
    if let Some(TextSpec { mode: TextMode::Sequence, columns, .. }) = &spec.text {
        if !columns.is_empty() {
            return Err(Error::BadParam { field: "text.mode".into(), value: "sequence".into(), need: Need::PythonWords });
        }
    }
    let plan = Plan::new(spec, &loaded.table)?;
    let model = model(&spec.model, words(spec).is_some())?;
    let score = if matches!(spec.model, ModelSpec::LinearSvm(_)) { "decision_function" } else { "probability" };
    let sections = [
        header(spec, score) + "\n" + &imports(spec, &model),
        constants(&plan, loaded) + &words_constant(spec),
        clean(&spec.clean),
        preparation(spec),
        pipeline(spec, &model),
        main(spec, &model, score),
    ];
    Ok(sections.join("\n\n\n") + "\n")
}

/// How the model is written and scored.
struct Model {
    /// `(module, name)` to import.
    import: (&'static str, &'static str),
    /// The constructor call.
    call: String,
    /// Why its figures may differ from Atelier's, if they may.
    note: Option<&'static str>,
    /// Fitted on positive-vs-rest (`True` is the positive class) rather than on every class.
    binary: bool,
}

const NOT_BIT_IDENTICAL: &str = "not bit-identical across libraries: compare accuracy";

/// `words`: the features include a bag of words (thousands of columns), where logistic
/// regression is solved by `newton-cg`, as Atelier does on wide data (`newton-cholesky` would
/// form a Hessian of a column squared). A network of layers is `Error::BadParam` on
/// `model.kind`: scikit-learn has no convolutions or recurrent layers, and the script keeps to
/// scikit-learn.
fn model(spec: &ModelSpec, words: bool) -> Result<Model> {
    let solver = if words { "newton-cg" } else { "newton-cholesky" };
    let logistic = |c: f64| format!("LogisticRegression(C={}, solver=\"{solver}\", tol=1e-10, max_iter=100)", float(c));
    Ok(match spec {
        ModelSpec::Network(_) => {
            let kinds = ["logistic_regression", "logistic_regression_gd", "knn", "gaussian_nb", "decision_tree", "random_forest", "linear_svm", "mlp"];
            return Err(Error::BadParam { field: "model.kind".into(), value: "network".into(), need: Need::OneOf(kinds.map(String::from).to_vec()) });
        }
        ModelSpec::LogisticRegression(p) => Model {
            import: ("sklearn.linear_model", "LogisticRegression"),
            call: logistic(p.c),
            note: Some("Newton's method to round-off, as Atelier: probabilities agree to about 1e-9."),
            binary: true,
        },
        ModelSpec::LogisticRegressionGd(p) => Model {
            import: ("sklearn.linear_model", "LogisticRegression"),
            call: logistic(p.c),
            note: Some(
                "Atelier descends to this same optimum by mini-batch gradient descent (learning rate, \
                 batch size, epochs); this solves it exactly, so the two agree as far as the descent converged.",
            ),
            binary: true,
        },
        ModelSpec::Knn(p) => Model {
            import: ("sklearn.neighbors", "KNeighborsClassifier"),
            call: format!(
                "KNeighborsClassifier(n_neighbors={}, weights=\"{}\", algorithm=\"kd_tree\")",
                p.n_neighbors,
                match p.weights {
                    Weights::Uniform => "uniform",
                    Weights::Distance => "distance",
                }
            ),
            note: Some("A k-d tree measures exact distances, as Atelier; rows at equal distance may rank differently."),
            binary: false,
        },
        ModelSpec::GaussianNb(p) => Model {
            import: ("sklearn.naive_bayes", "GaussianNB"),
            call: format!("GaussianNB(var_smoothing={})", float(p.var_smoothing)),
            note: None,
            binary: false,
        },
        ModelSpec::DecisionTree(p) => Model {
            import: ("sklearn.tree", "DecisionTreeClassifier"),
            call: format!(
                "DecisionTreeClassifier(criterion=\"{}\", max_depth={}, min_samples_split={}, min_samples_leaf={}, random_state=0)",
                match p.criterion {
                    Criterion::Gini => "gini",
                    Criterion::Entropy => "entropy",
                },
                optional(p.max_depth),
                p.min_samples_split,
                p.min_samples_leaf
            ),
            note: Some(NOT_BIT_IDENTICAL),
            binary: false,
        },
        ModelSpec::RandomForest(p) => Model {
            import: ("sklearn.ensemble", "RandomForestClassifier"),
            call: format!(
                "RandomForestClassifier(n_estimators={}, max_depth={}, max_features={}, random_state={})",
                p.n_estimators,
                optional(p.max_depth),
                match p.max_features {
                    MaxFeatures::Sqrt => "\"sqrt\"",
                    MaxFeatures::Log2 => "\"log2\"",
                    MaxFeatures::All => "None",
                },
                p.seed
            ),
            note: Some(NOT_BIT_IDENTICAL),
            binary: false,
        },
        ModelSpec::LinearSvm(p) => Model {
            import: ("sklearn.svm", "LinearSVC"),
            call: format!("LinearSVC(C={}, loss=\"hinge\", dual=True, intercept_scaling=1, tol=1e-4, max_iter=1000)", float(p.c)),
            note: Some("liblinear's dual solver, as Atelier's, but it visits the rows in another random order: decisions agree to about the tolerance."),
            binary: true,
        },
        ModelSpec::Mlp(p) => Model {
            import: ("sklearn.neural_network", "MLPClassifier"),
            call: format!(
                "MLPClassifier(hidden_layer_sizes={}, activation=\"{}\", solver=\"{}\", momentum={}, nesterovs_momentum=False, \
                 learning_rate_init={}, alpha={}, batch_size={}, max_iter={}, early_stopping={}, n_iter_no_change={}, tol={}, random_state={})",
                tuple(&p.hidden_layer_sizes),
                match p.activation {
                    Activation::Relu => "relu",
                    Activation::Tanh => "tanh",
                    Activation::Logistic => "logistic",
                    Activation::Identity => "identity",
                },
                match p.solver {
                    Solver::Sgd => "sgd",
                    Solver::Adam => "adam",
                },
                float(p.momentum),
                float(p.learning_rate_init),
                float(p.alpha),
                p.batch_size.map_or("\"auto\"".to_string(), |b| b.to_string()),
                p.max_iter,
                if p.early_stopping { "True" } else { "False" },
                p.n_iter_no_change,
                float(p.tol),
                p.seed
            ),
            note: Some(
                "not bit-identical across libraries: compare accuracy. Atelier starts ReLU layers from He's \
                 initialisation, divides the L2 term by the training rows (scikit-learn: by the batch's), \
                 stops early on its validation part and may use dropout, which scikit-learn has not.",
            ),
            binary: false,
        },
    })
}

/// A Python float literal (`1.0`, `1e-09`).
fn float(x: f64) -> String {
    literal(&Scalar::Float(x))
}

fn optional(v: Option<usize>) -> String {
    v.map_or("None".into(), |d| d.to_string())
}

/// `(100,)`, `(64, 32)`.
fn tuple(sizes: &[usize]) -> String {
    match sizes {
        [one] => format!("({one},)"),
        _ => format!("({})", sizes.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")),
    }
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", "))
}

/// `spec.text` when it names columns.
fn words(spec: &Spec) -> Option<&TextSpec> {
    spec.text.as_ref().filter(|t| !t.columns.is_empty())
}

/// `WORDS`, the text features cut into words, when there are some.
fn words_constant(spec: &Spec) -> String {
    match words(spec) {
        Some(t) => format!("\n# Text features cut into words (bag of words), not one-hot encoded.\nWORDS = {}", list(&t.columns)),
        None => String::new(),
    }
}

fn header(spec: &Spec, score: &str) -> String {
    let resample = match spec.resample.kind {
        ResampleKind::None => "no resampling",
        ResampleKind::RandomOversample => "random oversampling",
        ResampleKind::Smote => "SMOTE",
    };
    format!(
        "#!/usr/bin/env python3\n\"\"\"Atelier's pipeline, reproduced with pandas and scikit-learn.\n\n    \
         python3 model.py TRAIN.csv [NEW.csv]\n\n\
         Fits the whole pipeline on every labelled row of TRAIN.csv, as Atelier's production model,\n\
         then prints `{score}` and one line per row of NEW.csv (default: TRAIN.csv): the positive\n\
         class's score, at full precision.\n\n\
         Model: {}; imputer: {}; scaler: {}; {resample}.\n\"\"\"",
        spec.model.kind(),
        snake(&spec.impute),
        snake(&spec.scale),
    )
}

/// A serde enum's name as the spec writes it (`median`, `drop_rows`).
fn snake<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

fn imports(spec: &Spec, model: &Model) -> String {
    let mut from: Vec<(&str, &str)> = vec![
        ("sklearn.compose", "ColumnTransformer"),
        ("sklearn.preprocessing", "OneHotEncoder"),
        (if spec.resample.kind == ResampleKind::None { "sklearn.pipeline" } else { "imblearn.pipeline" }, "Pipeline"),
        model.import,
    ];
    from.push(("sklearn.impute", "SimpleImputer"));
    match spec.scale {
        ScaleKind::Standard => from.push(("sklearn.preprocessing", "StandardScaler")),
        ScaleKind::Robust => from.push(("sklearn.preprocessing", "RobustScaler")),
        ScaleKind::Minmax => from.push(("sklearn.preprocessing", "MinMaxScaler")),
        ScaleKind::None => {}
    }
    match words(spec) {
        Some(TextSpec { mode: TextMode::Tfidf, .. }) => from.push(("sklearn.feature_extraction.text", "TfidfVectorizer")),
        Some(_) => from.push(("sklearn.feature_extraction.text", "CountVectorizer")),
        None => {}
    }
    match spec.resample.kind {
        ResampleKind::None => {}
        ResampleKind::RandomOversample => from.push(("imblearn.over_sampling", "RandomOverSampler")),
        ResampleKind::Smote => from.push(("imblearn.over_sampling", "SMOTE")),
    }
    from.sort_unstable();
    from.dedup();
    let mut lines = vec!["import sys".to_string(), String::new(), "import pandas as pd".to_string()];
    let mut modules: Vec<&str> = from.iter().map(|(m, _)| *m).collect();
    modules.dedup();
    for m in modules {
        let names: Vec<&str> = from.iter().filter(|(n, _)| *n == m).map(|(_, name)| *name).collect();
        lines.push(format!("from {m} import {}", names.join(", ")));
    }
    lines.join("\n")
}

/// `pd.read_csv`'s arguments for the file as Atelier read it.
fn read_options(loaded: &Loaded) -> String {
    let d = &loaded.dialect;
    let encoding = match d.encoding {
        Some("utf-16") => "utf-16",
        Some("windows-1252") => "cp1252",
        _ => "utf-8-sig",
    };
    let markers: Vec<String> = MISSING_MARKERS.iter().map(|m| m.to_string()).collect();
    let note = if d.format == "csv" {
        "# TRAIN.csv as Atelier read it: delimiter, decimal mark, encoding, and its missing-value\n\
         # markers (pandas' own, plus \"?\"), nothing else."
            .to_string()
    } else {
        format!("# Atelier read a {} file: give this script a CSV export of it (comma, dot, UTF-8).", d.format)
    };
    format!(
        "{note}\nREAD_CSV = dict(\n    sep={}, decimal={}, encoding=\"{encoding}\", keep_default_na=False,\n    na_values={},\n)",
        quoted(d.delimiter.as_deref().unwrap_or(",")),
        quoted(d.decimal.as_deref().unwrap_or(".")),
        list(&markers),
    )
}

fn constants(plan: &Plan, loaded: &Loaded) -> String {
    let table = &plan.cleaned.table;
    let positive_name = &plan.target.classes[plan.target.positive];
    let text_target = table.column(&plan.target.name).map(|c| c.dtype() == DType::Text).unwrap_or(true);
    let positive = match positive_name.parse::<f64>() {
        Ok(x) if !text_target && x.fract() == 0.0 && x.abs() < 9.0e15 => (x as i64).to_string(),
        Ok(x) if !text_target => float(x),
        _ => quoted(positive_name),
    };
    let is_category = |f: &&String| table.column(f).map(|c| c.dtype() == DType::Text).unwrap_or(false) && !plan.words.contains(f);
    let text: Vec<String> = plan.features.iter().filter(is_category).cloned().collect();
    format!(
        "{}\n\nTARGET = {}\nPOSITIVE = {positive}  # the class scored\n\
         # The features in Atelier's order; the text ones are one-hot encoded, the others are numbers.\n\
         FEATURES = {}\nTEXT = {}",
        read_options(loaded),
        quoted(&plan.target.name),
        list(&plan.features),
        list(&text),
    )
}

/// The recipe as a function: each step's pandas line; a fill also records its value, so the
/// new rows' gaps get the same.
fn clean(steps: &[Step]) -> String {
    let mut lines = vec![
        "def clean(df, fills):".to_string(),
        "    \"\"\"Atelier's cleaning recipe, one pandas line per step; `fills` keeps what each gap was".to_string(),
        "    filled with, for the new rows.\"\"\"".to_string(),
    ];
    for step in steps {
        if let Step::FillMissing { column, fill } = step {
            lines.push(format!("    fills[{}] = {}", quoted(column), fill_pandas(column, fill)));
        }
        lines.push(format!("    {}", pandas_line(step)));
    }
    lines.push("    return df".into());
    lines.join("\n")
}

/// One feature's preparation: the function the script calls per column.
fn preparation(spec: &Spec) -> String {
    let strategy = match spec.impute {
        Impute::Median => "SimpleImputer(strategy=\"median\")",
        Impute::Mean => "SimpleImputer(strategy=\"mean\")",
        Impute::MostFrequent => "SimpleImputer(strategy=\"most_frequent\")",
        // The rows with a gap were dropped before the fit; a new row's gap counts as 0, as in Atelier.
        Impute::DropRows => "SimpleImputer(strategy=\"constant\", fill_value=0)",
    };
    let scaler = match spec.scale {
        ScaleKind::Standard => Some("StandardScaler()"),
        ScaleKind::Robust => Some("RobustScaler()"),
        ScaleKind::Minmax => Some("MinMaxScaler()"),
        ScaleKind::None => None,
    };
    let mut numbers = vec![format!("(\"impute\", {strategy})")];
    numbers.extend(scaler.map(|s| format!("(\"scale\", {s})")));
    let text_steps = if spec.impute == Impute::MostFrequent {
        "Pipeline([(\"impute\", SimpleImputer(strategy=\"most_frequent\")), (\"one_hot\", encoder)])"
    } else {
        "encoder"
    };
    let vectorizer = match words(spec) {
        Some(t) => format!(
            "if name in WORDS:\n        \
             # Cut into words as Atelier: scikit-learn's default tokeniser; never scaled.\n        \
             return {}(max_features={}, lowercase={})\n    ",
            if t.mode == TextMode::Tfidf { "TfidfVectorizer" } else { "CountVectorizer" },
            t.max_words,
            if t.lowercase { "True" } else { "False" }
        ),
        None => String::new(),
    };
    format!(
        "def column(name, train):\n    \
         \"\"\"One feature's preparation, learnt on the training rows.\"\"\"\n    \
         {vectorizer}if name in TEXT:\n        \
         # Categories sorted as Atelier's; a gap or a category unseen in training is all zeros.\n        \
         categories = sorted(train[name].dropna().unique())\n        \
         encoder = OneHotEncoder(categories=[categories], handle_unknown=\"ignore\", sparse_output=False)\n        \
         return {text_steps}\n    \
         # Numbers: the gaps filled{}.\n    \
         return Pipeline([{}])",
        if scaler.is_some() { ", then scaled (numbers only, as Atelier)" } else { "" },
        numbers.join(", ")
    )
}

fn pipeline(spec: &Spec, model: &Model) -> String {
    let resample = match spec.resample.kind {
        ResampleKind::None => None,
        ResampleKind::RandomOversample => Some(format!("RandomOverSampler(random_state={})", spec.resample.seed)),
        ResampleKind::Smote => Some(format!("SMOTE(k_neighbors={}, random_state={})", spec.resample.k, spec.resample.seed)),
    };
    let mut lines = vec![
        "def pipeline(train):".to_string(),
        "    \"\"\"The preparation (one entry per feature, in Atelier's order) and the model.\"\"\"".to_string(),
        if words(spec).is_some() {
            // A vectorizer takes one column of texts, not a table of one column.
            "    prep = ColumnTransformer([(str(i), column(name, train), name if name in WORDS else [name]) for i, name in enumerate(FEATURES)])"
        } else {
            "    prep = ColumnTransformer([(str(i), column(name, train), [name]) for i, name in enumerate(FEATURES)])"
        }
        .to_string(),
        "    steps = [(\"prep\", prep)]".to_string(),
    ];
    if let Some(r) = resample {
        lines.push("    # The sampler's random draws differ from Atelier's: the rows it adds are others.".into());
        if model.binary {
            lines.push("    # It balances the positive class against the rest; Atelier balances every class.".into());
        }
        lines.push(format!("    steps.append((\"resample\", {r}))"));
    }
    if let Some(note) = model.note {
        lines.extend(wrap(note, "    # "));
    }
    lines.push(format!("    steps.append((\"model\", {}))", model.call));
    lines.push("    return Pipeline(steps)".into());
    lines.join("\n")
}

/// `text` as comment lines of at most about 100 characters.
fn wrap(text: &str, prefix: &str) -> Vec<String> {
    let mut lines = vec![prefix.to_string()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("one line at least");
        if last.len() + word.len() > 100 && last.len() > prefix.len() {
            lines.push(format!("{prefix}{word}"));
        } else {
            if last.len() > prefix.len() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

fn main(spec: &Spec, model: &Model, score: &str) -> String {
    let (labels, scores) = match (model.binary, score) {
        (true, "decision_function") => ("train[TARGET] == POSITIVE", "model.decision_function(new[FEATURES])"),
        (true, _) => ("train[TARGET] == POSITIVE", "model.predict_proba(new[FEATURES])[:, 1]"),
        (false, _) => ("train[TARGET]", "model.predict_proba(new[FEATURES])[:, list(model.classes_).index(POSITIVE)]"),
    };
    let what = if model.binary { "the positive class against the rest" } else { "every class" };
    format!(
        "def main(train_path, new_path):\n    \
         fills = {{}}\n    \
         train = clean(pd.read_csv(train_path, **READ_CSV), fills)\n    \
         train = train[train[TARGET].notna()]  # rows without a label teach nothing\n\
         {}    \
         model = pipeline(train)\n    \
         model.fit(train[FEATURES], {labels})  # {what}\n    \
         new = pd.read_csv(new_path, **READ_CSV)\n    \
         new = new.fillna({{c: v for c, v in fills.items() if c in new.columns}})\n\
         {}    \
         print(\"{score}\")\n    \
         for s in {scores}:\n        \
         print(repr(float(s)))\n\n\n\
         if __name__ == \"__main__\":\n    \
         if len(sys.argv) not in (2, 3):\n        \
         sys.exit(\"usage: python3 model.py TRAIN.csv [NEW.csv]\")\n    \
         main(sys.argv[1], sys.argv[-1])",
        if spec.impute == Impute::DropRows { "    train = train.dropna(subset=FEATURES)  # impute: drop_rows\n" } else { "" }.to_string()
            + if words(spec).is_some() {
                "    # A missing text is an empty one, as in Atelier (scikit-learn refuses NaN).\n    \
                 train[WORDS] = train[WORDS].fillna(\"\").astype(str)\n"
            } else {
                ""
            },
        if words(spec).is_some() { "    new[WORDS] = new[WORDS].fillna(\"\").astype(str)\n" } else { "" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{read, ReadOptions};

    fn loaded(text: &str) -> Loaded {
        read(text.as_bytes().to_vec(), &ReadOptions::default()).unwrap()
    }

    fn script(spec: &str, text: &str) -> String {
        python_script(&Spec::from_json(spec).unwrap(), &loaded(text)).unwrap()
    }

    /// A small table with an ID, a text column, gaps and an unlabelled row.
    const MIXED: &str = "ID;âge;sexe;y\n1;25,5;F;1\n2;30;H;0\n3;;F;1\n4;41;;0\n5;38;H;\n6;29;F;0\n";

    #[test]
    fn the_dialect_atelier_found_is_read_csvs() {
        let s = script("{}", MIXED);
        assert!(s.contains("sep=\";\", decimal=\",\", encoding=\"utf-8-sig\", keep_default_na=False"), "{s}");
        assert!(s.contains("\"NULL\"") && s.contains("\"?\"") && s.contains("\"\""), "{s}");
        let cp1252 = read(b"a,b,y\ncaf\xe9,1,0\nth\xe9,2,1\n".to_vec(), &ReadOptions::default()).unwrap();
        assert!(python_script(&Spec::default(), &cp1252).unwrap().contains("encoding=\"cp1252\""));
    }

    #[test]
    fn target_positive_and_features_are_literals_without_the_id_column() {
        let s = script("{}", MIXED);
        assert!(s.contains("TARGET = \"y\"\nPOSITIVE = 1  #"), "{s}");
        assert!(s.contains("FEATURES = [\"âge\", \"sexe\"]\nTEXT = [\"sexe\"]"), "{s}");
        let s = script(r#"{ "target": "sexe", "positive": "H", "features": ["âge"] }"#, MIXED);
        assert!(s.contains("TARGET = \"sexe\"\nPOSITIVE = \"H\""), "{s}");
        assert!(s.contains("FEATURES = [\"âge\"]\nTEXT = []"), "{s}");
    }

    #[test]
    fn the_recipe_lines_are_replayed_and_fills_are_kept_for_new_rows() {
        let spec = r#"{ "clean": [{ "op": "drop_rows", "rows": [1] }, { "op": "fill_missing", "column": "âge", "fill": { "kind": "median" } }] }"#;
        let s = script(spec, MIXED);
        assert!(s.contains("    df = df.drop(index=[1])\n    fills[\"âge\"] = df[\"âge\"].median()\n    df[\"âge\"] = df[\"âge\"].fillna(df[\"âge\"].median())\n"), "{s}");
        assert!(s.contains("new = new.fillna({c: v for c, v in fills.items() if c in new.columns})"), "{s}");
    }

    #[test]
    fn imputer_encoder_and_scaler_follow_the_spec() {
        let s = script(r#"{ "impute": "mean", "scale": "robust" }"#, MIXED);
        assert!(s.contains("(\"impute\", SimpleImputer(strategy=\"mean\")), (\"scale\", RobustScaler())"), "{s}");
        assert!(s.contains("OneHotEncoder(categories=[categories], handle_unknown=\"ignore\", sparse_output=False)"), "{s}");
        assert!(s.contains("return encoder\n"), "{s}");
        let s = script(r#"{ "impute": "most_frequent", "scale": "none" }"#, MIXED);
        assert!(s.contains("(\"impute\", SimpleImputer(strategy=\"most_frequent\")), (\"one_hot\", encoder)"), "{s}");
        assert!(!s.contains("Scaler"), "{s}");
        let s = script(r#"{ "impute": "drop_rows" }"#, MIXED);
        assert!(s.contains("train = train.dropna(subset=FEATURES)"), "{s}");
    }

    #[test]
    fn each_model_is_written_with_its_parameters() {
        let cases = [
            (r#"{ "kind": "logistic_regression", "C": 0.25 }"#, "LogisticRegression(C=0.25, solver=\"newton-cholesky\", tol=1e-10"),
            (r#"{ "kind": "knn", "n_neighbors": 7, "weights": "distance" }"#, "KNeighborsClassifier(n_neighbors=7, weights=\"distance\", algorithm=\"kd_tree\")"),
            (r#"{ "kind": "gaussian_nb", "var_smoothing": 1e-6 }"#, "GaussianNB(var_smoothing=1e-6)"),
            (r#"{ "kind": "decision_tree", "max_depth": 3 }"#, "DecisionTreeClassifier(criterion=\"gini\", max_depth=3, min_samples_split=2"),
            (r#"{ "kind": "random_forest", "n_estimators": 20, "seed": 4 }"#, "RandomForestClassifier(n_estimators=20, max_depth=None, max_features=\"sqrt\", random_state=4)"),
            (r#"{ "kind": "linear_svm", "C": 2 }"#, "LinearSVC(C=2.0, loss=\"hinge\""),
            (r#"{ "kind": "mlp", "hidden_layer_sizes": [8, 4], "solver": "sgd" }"#, "MLPClassifier(hidden_layer_sizes=(8, 4), activation=\"relu\", solver=\"sgd\""),
        ];
        for (model, want) in cases {
            let s = script(&format!(r#"{{ "model": {model} }}"#), MIXED);
            assert!(s.contains(want), "{model}: {s}");
        }
        let forest = script(r#"{ "model": { "kind": "random_forest" } }"#, MIXED);
        assert!(forest.contains("not bit-identical across libraries: compare accuracy"), "{forest}");
        assert!(forest.contains("list(model.classes_).index(POSITIVE)"), "{forest}");
        let svm = script(r#"{ "model": { "kind": "linear_svm" } }"#, MIXED);
        assert!(svm.contains("print(\"decision_function\")") && svm.contains("model.decision_function(new[FEATURES])"), "{svm}");
    }

    #[test]
    fn a_resampler_uses_imbalanced_learn_and_says_its_draws_differ() {
        let s = script(r#"{ "resample": { "kind": "smote", "k": 1, "seed": 3 } }"#, MIXED);
        assert!(s.contains("from imblearn.pipeline import Pipeline") && s.contains("SMOTE(k_neighbors=1, random_state=3)"), "{s}");
        assert!(s.contains("random draws differ from Atelier's"), "{s}");
        assert!(!script("{}", MIXED).contains("imblearn"));
    }

    #[test]
    fn a_spec_that_cannot_run_is_an_error_not_a_script() {
        let e = python_script(&Spec::from_json(r#"{ "target": "nope" }"#).unwrap(), &loaded(MIXED)).unwrap_err();
        assert_eq!(e.code(), "unknown_column");
        let e = python_script(&Spec::from_json(r#"{ "features": ["sexe"], "target": "sexe" }"#).unwrap(), &loaded(MIXED)).unwrap_err();
        assert_eq!(e.code(), "bad_param");
    }
}
