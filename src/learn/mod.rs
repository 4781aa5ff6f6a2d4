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
pub mod layers;
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

use crate::error::{Error, Result};

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
    LogisticRegressionGd(neural::GdParams),
    Mlp(neural::MlpParams),
    /// A network of layers (the deep-learning chapter).
    Network(layers::NetworkParams),
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
            ModelSpec::LogisticRegressionGd(_) => "logistic_regression_gd",
            ModelSpec::Mlp(_) => "mlp",
            ModelSpec::Network(_) => "network",
        }
    }

    /// Steps of a fit: a forest's trees, a gradient-descent model's epochs (at most), else one.
    pub fn steps(&self) -> usize {
        match self {
            ModelSpec::RandomForest(p) => p.n_estimators,
            _ => self.descent().map_or(1, |c| c.max_iter),
        }
    }

    /// The training a gradient-descent model asks for; `None` for the others.
    pub fn descent(&self) -> Option<neural::Config> {
        match self {
            ModelSpec::LogisticRegressionGd(p) => Some(p.config()),
            ModelSpec::Mlp(p) => Some(p.config()),
            ModelSpec::Network(p) => Some(p.config()),
            _ => None,
        }
    }

    /// True when the score is a probability (threshold 0.5 by default); the SVM's decision
    /// function is centred on 0 instead.
    pub fn gives_probability(&self) -> bool {
        !matches!(self, ModelSpec::LinearSvm(_))
    }
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "fitted", rename_all = "snake_case")]
pub enum Model {
    Logistic(logistic::Logistic),
    Knn(knn::Knn),
    GaussianNb(naive_bayes::GaussianNb),
    Tree(tree::Tree),
    Forest(forest::Forest),
    Svm(svm::LinearSvm),
    /// Logistic regression by gradient descent, or an MLP.
    Network(neural::Network),
    /// A network of layers.
    Layered(layers::Layered),
}

impl Model {
    /// Its shape suits `inputs` features and `classes` classes, so scoring never indexes out
    /// of range: a model read from a file is checked before use.
    pub fn fits(&self, inputs: usize, classes: usize) -> bool {
        match self {
            Model::Logistic(m) | Model::Svm(m) => m.fits(inputs),
            Model::Knn(m) => m.fits(inputs, classes),
            Model::GaussianNb(m) => m.fits(inputs, classes),
            Model::Tree(m) => m.fits(inputs, classes),
            Model::Forest(m) => m.fits(inputs, classes),
            Model::Network(m) => m.fits(inputs, classes),
            Model::Layered(m) => m.fits(inputs, classes),
        }
    }

    /// Rows × classes: every class's probability, for the models that give them (k-NN, naive
    /// Bayes, trees, forests, softmax networks); None for the ones fitted positive-vs-rest.
    pub fn class_probabilities(&self, x: ArrayView2<f64>) -> Option<ndarray::Array2<f64>> {
        match self {
            Model::Knn(m) => Some(m.proba(x)),
            Model::GaussianNb(m) => Some(m.proba(x)),
            Model::Tree(m) => Some(m.proba(x)),
            Model::Forest(m) => Some(m.proba(x)),
            Model::Layered(m) => m.proba(x),
            Model::Network(m) => m.proba(x),
            Model::Logistic(_) | Model::Svm(_) => None,
        }
    }

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
            Model::Network(m) => m.scores(x),
            Model::Layered(m) => m.scores(x, positive),
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
        ModelSpec::LogisticRegressionGd(_) | ModelSpec::Mlp(_) | ModelSpec::Network(_) => {
            let mut trainer = Trainer::new(spec, data, positive)?;
            while !trainer.done() {
                trainer.step(data, None)?;
            }
            trainer.finish().ok_or(Error::BadSpec { detail: "the model is not fitted".into() })?
        }
    })
}

/// Fits a model in steps, so the worker can report progress and stop between them: a forest
/// grows one tree a step, a gradient-descent model learns one epoch; the other models fit in
/// one step.
pub struct Trainer {
    spec: ModelSpec,
    positive: usize,
    forest: Option<forest::Growing>,
    descent: Option<neural::Training>,
    model: Option<Model>,
}

impl Trainer {
    /// Checks what can be checked before fitting; `positive` is the class scored.
    pub fn new(spec: &ModelSpec, data: &Labelled, positive: usize) -> Result<Trainer> {
        let forest = match spec {
            ModelSpec::RandomForest(p) => Some(forest::Growing::new(p, data)?),
            _ => None,
        };
        let descent = match spec {
            ModelSpec::Network(p) => Some(neural::Training::layered(p, data, positive)?),
            _ => spec.descent().map(|c| neural::Training::new(&c, data, positive)).transpose()?,
        };
        Ok(Trainer { spec: spec.clone(), positive, forest, descent, model: None })
    }

    /// `(done, total)` steps.
    pub fn progress(&self) -> (usize, usize) {
        match (&self.forest, &self.descent) {
            (Some(g), _) => (g.grown(), g.total()),
            (_, Some(t)) => t.progress(),
            _ => (usize::from(self.model.is_some()), 1),
        }
    }

    /// True once every step is taken (a gradient-descent model may stop early).
    pub fn done(&self) -> bool {
        if let Some(t) = &self.descent {
            return t.done();
        }
        let (done, total) = self.progress();
        done >= total
    }

    /// The gradient-descent training under way, to read its epochs, loader and weights.
    pub fn descent(&self) -> Option<&neural::Training> {
        self.descent.as_ref()
    }

    /// Takes the next step of the fit; `validation` is measured after each epoch of a
    /// gradient-descent model (and ignored by the others). A diverged descent is an error.
    pub fn step(&mut self, data: &Labelled, validation: Option<&Labelled>) -> Result<()> {
        if let Some(g) = &mut self.forest {
            g.grow_one();
            return Ok(());
        }
        if let Some(t) = &mut self.descent {
            t.epoch(data, validation);
            return diverged(t);
        }
        if self.model.is_none() {
            self.model = Some(fit(&self.spec, data, self.positive)?);
        }
        Ok(())
    }

    /// Learns one batch of a gradient-descent model (the page's slow view of the data
    /// loader); the other models take a whole step.
    pub fn batch(&mut self, data: &Labelled, validation: Option<&Labelled>) -> Result<()> {
        match &mut self.descent {
            Some(t) => {
                t.batch(data, validation);
                diverged(t)
            }
            None => self.step(data, validation),
        }
    }

    /// The fitted model, once `done()`.
    pub fn finish(self) -> Option<Model> {
        if let Some(t) = self.descent {
            return t.done().then(|| t.finish());
        }
        match self.forest {
            Some(g) if g.grown() >= g.total() => Some(Model::Forest(g.finish())),
            Some(_) => None,
            None => self.model,
        }
    }
}

/// The error a network of layers stopped on, or `Error::Diverged` once the descent's loss
/// stopped being a number.
fn diverged(t: &neural::Training) -> Result<()> {
    if let Some(e) = t.failure() {
        return Err(e.clone());
    }
    match t.diverged() {
        Some(epoch) => Err(Error::Diverged { epoch, learning_rate: t.learning_rate() }),
        None => Ok(()),
    }
}
