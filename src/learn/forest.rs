//! Random forests, as scikit-learn's `RandomForestClassifier`: CART trees (Gini) grown one by
//! one on seeded bootstrap samples. Uses `tree`'s grower, `ndarray`, `rand_chacha` and `error`.
//!
//! Each tree draws `n` rows with replacement and grows on the distinct rows drawn, each weighing
//! its number of draws (sklearn passes the same multiplicities as `sample_weight`); at every node
//! it tries `max_features` features drawn at random, more while all drawn are constant there.
//! `proba` is the mean of the trees' leaf class shares; `feature_importances` the mean of the
//! trees' normalised importances (single-leaf trees left out, as sklearn), renormalised.
//!
//! Deliberate differences from scikit-learn:
//! - Randomness: tree `i` draws its bootstrap sample and its features from a ChaCha8 stream `i`
//!   of `seed`, so a tree depends only on the seed and its index, and the forest grows one tree
//!   per call with the same result as all at once. sklearn's NumPy streams give other samples:
//!   the same seed gives a different (equally good) forest.
//! - The trees differ from sklearn's as `tree`'s do (f64 features, no missing values).
//! - Only `n_estimators`, `max_depth`, `max_features` and `seed`: always bootstrap, Gini, no
//!   out-of-bag score, `min_samples_*` at sklearn's defaults (2 and 1).
//! - With no single split anywhere in the forest, the importances are all zeros (sklearn divides
//!   0 by 0 and returns NaN).

use ndarray::{Array2, ArrayView2};
use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use serde::{Deserialize, Serialize};

use super::tree::{self, at_least, below, normalise, Candidates, Training, Tree};
use super::Labelled;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaxFeatures {
    /// `⌊√p⌋` of the `p` features (at least 1), sklearn's default for classification.
    #[default]
    Sqrt,
    /// `⌊log₂ p⌋` (at least 1).
    Log2,
    /// All `p`: bagged trees, no feature sampling.
    All,
}

impl MaxFeatures {
    /// How many of `p ≥ 1` features a node tries; integer roots, so no float rounding.
    pub fn count(self, p: usize) -> usize {
        match self {
            MaxFeatures::Sqrt => p.isqrt().max(1),
            MaxFeatures::Log2 => p.checked_ilog2().map_or(1, |l| (l as usize).max(1)),
            MaxFeatures::All => p,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub n_estimators: usize,
    pub max_depth: Option<usize>,
    pub max_features: MaxFeatures,
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params { n_estimators: 100, max_depth: None, max_features: MaxFeatures::Sqrt, seed: 0 }
    }
}

impl Params {
    /// `n_estimators ≥ 1`, `max_depth ≥ 1`.
    pub fn check(&self) -> Result<()> {
        at_least("model.n_estimators", self.n_estimators, 1)?;
        self.tree().check()
    }

    /// Every tree's parameters: Gini, sklearn's default sample limits, this depth.
    fn tree(&self) -> tree::Params {
        tree::Params { max_depth: self.max_depth, ..tree::Params::default() }
    }
}

/// A forest being grown, one tree per `grow_one` call, so the worker can report progress and
/// stop between trees.
pub struct Growing {
    params: Params,
    /// The training data as `new` checked and laid out, kept so every tree grows on the same
    /// rows without laying them out again.
    training: Training,
    trees: Vec<Tree>,
}

impl Growing {
    /// Checks the parameters and the data, and lays the data out once for every tree.
    pub fn new(params: &Params, data: &Labelled) -> Result<Growing> {
        params.check()?;
        let training = Training::new(data)?;
        Ok(Growing { params: params.clone(), training, trees: Vec::with_capacity(params.n_estimators) })
    }

    /// Grows the next tree on its bootstrap sample of the data given to `new` (kept from
    /// there, column by column); nothing once `total` trees are grown.
    pub fn grow_one(&mut self) {
        if self.grown() >= self.total() {
            return;
        }
        let mut rng = ChaCha8Rng::seed_from_u64(self.params.seed);
        rng.set_stream(self.trees.len() as u64);
        let draws = bootstrap(self.training.n_rows(), &mut rng);
        let count = self.params.max_features.count(self.training.n_features());
        let tree = tree::grow(&self.params.tree(), &self.training, &draws, Candidates::Drawn { count, rng: &mut rng });
        self.trees.push(tree);
    }

    pub fn grown(&self) -> usize {
        self.trees.len()
    }

    pub fn total(&self) -> usize {
        self.params.n_estimators
    }

    /// The forest of the trees grown so far (all of them, or fewer when stopped early).
    pub fn finish(self) -> Forest {
        let feature_importances = mean_importances(&self.trees, self.training.n_features());
        Forest { n_classes: self.training.n_classes(), feature_importances, trees: self.trees }
    }
}

/// How many times each of `n` rows is drawn in `n` draws with replacement.
fn bootstrap(n: usize, rng: &mut ChaCha8Rng) -> Vec<u32> {
    let mut draws = vec![0u32; n];
    for _ in 0..n {
        draws[below(rng, n)] += 1;
    }
    draws
}

/// The mean of the normalised importances of the trees that split at least once, normalised.
fn mean_importances(trees: &[Tree], n_features: usize) -> Vec<f64> {
    let mut sum = vec![0.0; n_features];
    let split: Vec<&Tree> = trees.iter().filter(|t| t.nodes.len() > 1).collect();
    for tree in &split {
        sum.iter_mut().zip(tree.feature_importances(n_features)).for_each(|(s, v)| *s += v);
    }
    sum.iter_mut().for_each(|s| *s /= split.len().max(1) as f64);
    normalise(&mut sum);
    sum
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forest {
    n_classes: usize,
    pub feature_importances: Vec<f64>,
    trees: Vec<Tree>,
}

impl Forest {
    /// Its shape suits `inputs` features and `classes` classes.
    pub fn fits(&self, inputs: usize, classes: usize) -> bool {
        self.n_classes == classes && self.feature_importances.len() == inputs && self.trees.iter().all(|t| t.fits(inputs, classes))
    }

    /// Rows × classes: the mean of the trees' class shares (zeros for a forest of no tree).
    pub fn proba(&self, x: ArrayView2<f64>) -> Array2<f64> {
        let mut out = Array2::zeros((x.nrows(), self.n_classes));
        for tree in &self.trees {
            tree.add_proba(x, &mut out);
        }
        out /= self.trees.len().max(1) as f64;
        out
    }

    /// The trees, in the order grown: one can be drawn as a diagram.
    pub fn trees(&self) -> &[Tree] {
        &self.trees
    }
}
