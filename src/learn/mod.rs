//! Classifiers: each fits on a matrix of prepared features (imputed, encoded, scaled) and class
//! indices, and gives every row a score for the positive class. Uses `ndarray` and `error`
//! only: no tables, no specs, no browser.
//!
//! Transcendental functions come from `libm`, not `std`: `std`'s `exp`/`ln` call the
//! platform's maths library, which rounds differently natively and in wasm, and a run must give
//! the same bytes in both.

pub mod descent;
pub mod forest;
pub mod knn;
pub mod linalg;
pub mod logistic;
pub mod naive_bayes;
pub mod neural;
pub mod svm;
pub mod tree;

use ndarray::ArrayView2;

/// Training data: `x` is rows × features, `y[i]` the class index of row `i` (`0..n_classes`).
#[derive(Debug, Clone, Copy)]
pub struct Labelled<'a> {
    pub x: ArrayView2<'a, f64>,
    pub y: &'a [usize],
    pub n_classes: usize,
}

use ndarray::Axis;
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// A model and its parameters, as scikit-learn names them: `{ "kind": "knn", "n_neighbors": 5 }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelSpec {
    LogisticRegression(logistic::Params),
    Knn(knn::Params),
    GaussianNb(naive_bayes::Params),
    DecisionTree(tree::Params),
    RandomForest(forest::Params),
    LinearSvm(svm::Params),
}

impl Default for ModelSpec {
    fn default() -> Self {
        ModelSpec::LogisticRegression(logistic::Params::default())
    }
}

impl ModelSpec {
    /// The `kind` as the spec writes it.
    pub fn kind(&self) -> &'static str {
        match self {
            ModelSpec::LogisticRegression(_) => "logistic_regression",
            ModelSpec::Knn(_) => "knn",
            ModelSpec::GaussianNb(_) => "gaussian_nb",
            ModelSpec::DecisionTree(_) => "decision_tree",
            ModelSpec::RandomForest(_) => "random_forest",
            ModelSpec::LinearSvm(_) => "linear_svm",
        }
    }

    /// Steps of a fit: a forest's trees, else one.
    pub fn steps(&self) -> usize {
        match self {
            ModelSpec::RandomForest(p) => p.n_estimators,
            _ => 1,
        }
    }

    /// True when the score is a probability (threshold 0.5 by default); the SVM's decision
    /// function is centred on 0 instead.
    pub fn gives_probability(&self) -> bool {
        !matches!(self, ModelSpec::LinearSvm(_))
    }
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq)]
pub enum Model {
    Logistic(logistic::Logistic),
    Knn(knn::Knn),
    GaussianNb(naive_bayes::GaussianNb),
    Tree(tree::Tree),
    Forest(forest::Forest),
    Svm(svm::LinearSvm),
}

impl Model {
    /// Each row's score for class `positive`: its probability, or the SVM's decision function.
    /// The binary models were fitted positive-vs-rest, so they score that class already.
    pub fn scores(&self, x: ArrayView2<f64>, positive: usize) -> Vec<f64> {
        let column = |p: ndarray::Array2<f64>| p.index_axis(Axis(1), positive).to_vec();
        match self {
            Model::Logistic(m) => m.proba(x),
            Model::Svm(m) => m.decision(x),
            Model::Knn(m) => column(m.proba(x)),
            Model::GaussianNb(m) => column(m.proba(x)),
            Model::Tree(m) => column(m.proba(x)),
            Model::Forest(m) => column(m.proba(x)),
        }
    }
}

/// Fits a model at once. `positive` is the class scored: the binary models (logistic
/// regression, linear SVM) learn it against the rest (one-vs-rest for that class); the others
/// learn every class.
pub fn fit(spec: &ModelSpec, data: &Labelled, positive: usize) -> Result<Model> {
    let binary: Vec<bool> = data.y.iter().map(|&c| c == positive).collect();
    Ok(match spec {
        ModelSpec::LogisticRegression(p) => Model::Logistic(logistic::fit(p, data.x, &binary)?),
        ModelSpec::LinearSvm(p) => Model::Svm(svm::fit(p, data.x, &binary)?),
        ModelSpec::Knn(p) => Model::Knn(knn::fit(p, data)?),
        ModelSpec::GaussianNb(p) => Model::GaussianNb(naive_bayes::fit(p, data)?),
        ModelSpec::DecisionTree(p) => Model::Tree(tree::fit(p, data)?),
        ModelSpec::RandomForest(p) => {
            let mut growing = forest::Growing::new(p, data)?;
            for _ in 0..growing.total() {
                growing.grow_one();
            }
            Model::Forest(growing.finish())
        }
    })
}

/// Fits a model in steps, so the worker can report progress and stop between them: a forest
/// grows one tree a step; the other models fit in one step.
pub struct Trainer {
    spec: ModelSpec,
    positive: usize,
    forest: Option<forest::Growing>,
    model: Option<Model>,
}

impl Trainer {
    /// Checks what can be checked before fitting; `positive` is the class scored.
    pub fn new(spec: &ModelSpec, data: &Labelled, positive: usize) -> Result<Trainer> {
        let forest = match spec {
            ModelSpec::RandomForest(p) => Some(forest::Growing::new(p, data)?),
            _ => None,
        };
        Ok(Trainer { spec: spec.clone(), positive, forest, model: None })
    }

    /// `(done, total)` steps.
    pub fn progress(&self) -> (usize, usize) {
        match &self.forest {
            Some(g) => (g.grown(), g.total()),
            None => (usize::from(self.model.is_some()), 1),
        }
    }

    pub fn done(&self) -> bool {
        let (done, total) = self.progress();
        done >= total
    }

    /// Takes the next step of the fit.
    pub fn step(&mut self, data: &Labelled) -> Result<()> {
        if let Some(g) = &mut self.forest {
            g.grow_one();
            return Ok(());
        }
        if self.model.is_none() {
            self.model = Some(fit(&self.spec, data, self.positive)?);
        }
        Ok(())
    }

    /// The fitted model, once `done()`.
    pub fn finish(self) -> Option<Model> {
        match self.forest {
            Some(g) if g.grown() >= g.total() => Some(Model::Forest(g.finish())),
            Some(_) => None,
            None => self.model,
        }
    }
}
