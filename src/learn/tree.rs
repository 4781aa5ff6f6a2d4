//! CART classification trees, as scikit-learn's `DecisionTreeClassifier`, and the grower the
//! random forest reuses. Uses `ndarray`, `libm`, `rand_chacha` and `error` only.
//!
//! How a tree grows (scikit-learn's `BestSplitter` under its `DepthFirstTreeBuilder`):
//! - a node is a leaf when its depth is `max_depth`, it holds fewer than `min_samples_split` or
//!   `2 · min_samples_leaf` rows, or its impurity is at most `f64::EPSILON` (pure);
//! - otherwise each candidate feature's values in the node are sorted, and every boundary
//!   between consecutive distinct values that leaves at least `min_samples_leaf` rows on each
//!   side is scored by the proxy `−(w_L · i_L + w_R · i_R)` (weights `w`, impurities `i`): the
//!   split that maximises it maximises the impurity decrease. The highest proxy wins; a tie goes
//!   to the first found (lowest feature, then lowest threshold);
//! - values closer than `1e-7` count as equal (sklearn's `FEATURE_THRESHOLD`), so a feature whose
//!   values span less is constant in the node and never split on;
//! - the threshold is the midpoint `a/2 + b/2` of the two values around the boundary (halves,
//!   as sklearn, so it cannot overflow), or `a` when that rounds up to `b` or is infinite; rows
//!   with `x ≤ threshold` go left;
//! - nodes are numbered depth-first, left subtree before right, as in sklearn's `tree_`.
//!
//! Deliberate differences from scikit-learn:
//! - Feature order. sklearn visits a node's features in a random order (`random_state`) and
//!   keeps the first best split in that order; a single tree here visits them in index order.
//!   Only exact ties can differ, and they are common: in breast_cancer a node of 247 rows with 4
//!   malignant ones is split equally well by several features (tests/fixtures/gen/trees.py).
//! - Precision. sklearn casts the features to float32 before growing; here they stay f64, so
//!   thresholds agree to float32 precision, and values equal in float32 may still be split.
//! - No missing values: the recipe imputes before training (sklearn ≥ 1.3 routes NaN to a side).
//!   A NaN cannot panic: a feature with a NaN among a node's rows counts as constant there, and
//!   at prediction a NaN (or a missing column) goes right.
//! - Entropy uses `libm::log2` (sklearn: `ln x / ln 2`): equal to the last bit or two.
//! - No `max_features` for a single tree, no `class_weight`, `min_weight_fraction_leaf`,
//!   `max_leaf_nodes`, `min_impurity_decrease` nor pruning (`ccp_alpha`).

use ndarray::{Array2, ArrayView1, ArrayView2};
use rand_chacha::ChaCha8Rng;
use rand_core::RngCore;
use serde::{Deserialize, Serialize};

use super::Labelled;
use crate::error::{Error, Need, Result};

/// sklearn's `FEATURE_THRESHOLD`: feature values closer than this are not split apart.
const FEATURE_THRESHOLD: f64 = 1e-7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// `1 − Σ p_k²`.
    #[default]
    Gini,
    /// `−Σ p_k log₂ p_k`, in bits.
    Entropy,
}

impl Criterion {
    /// The impurity of a node whose class weights are `counts` (summing to `total`), with
    /// sklearn's operations in sklearn's order (`1 − Σc² / w²` for Gini), so equal splits tie
    /// in the same bits. An empty node is pure.
    fn impurity(self, counts: impl Iterator<Item = f64>, total: f64) -> f64 {
        if total <= 0.0 {
            return 0.0;
        }
        match self {
            Criterion::Gini => 1.0 - counts.map(|c| c * c).sum::<f64>() / (total * total),
            Criterion::Entropy => counts.filter(|&c| c > 0.0).map(|c| c / total).fold(0.0, |e, p| e - p * libm::log2(p)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub criterion: Criterion,
    /// None: grow until pure (or until the sample limits stop it).
    pub max_depth: Option<usize>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params { criterion: Criterion::Gini, max_depth: None, min_samples_split: 2, min_samples_leaf: 1 }
    }
}

impl Params {
    /// sklearn's bounds: `min_samples_split ≥ 2`, `min_samples_leaf ≥ 1`, `max_depth ≥ 1`.
    pub fn check(&self) -> Result<()> {
        at_least("model.min_samples_split", self.min_samples_split, 2)?;
        at_least("model.min_samples_leaf", self.min_samples_leaf, 1)?;
        self.max_depth.map_or(Ok(()), |d| at_least("model.max_depth", d, 1))
    }
}

/// `Error::BadParam` for `field` unless `value ≥ min`.
pub(crate) fn at_least(field: &str, value: usize, min: usize) -> Result<()> {
    if value >= min {
        Ok(())
    } else {
        Err(Error::BadParam { field: field.into(), value: value.to_string(), need: Need::AtLeast(min) })
    }
}

/// One node; the root is `nodes[0]`. Deserialize too, so a tree can travel to the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The split (`x[feature] <= threshold` goes left); None for a leaf.
    pub feature: Option<usize>,
    /// 0 for a leaf, as are `left` and `right`.
    pub threshold: f64,
    pub left: usize,
    pub right: usize,
    pub impurity: f64,
    /// Distinct training rows that reached the node (sklearn's `n_node_samples`): a row drawn
    /// three times into a bootstrap sample counts once here and weighs 3 in `counts`.
    pub samples: usize,
    /// Training rows of each class that reached the node, weighted by their draws.
    pub counts: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub n_classes: usize,
}

/// Fits a tree on every row of `data`, features in index order (see the module doc).
pub fn fit(params: &Params, data: &Labelled) -> Result<Tree> {
    params.check()?;
    let training = Training::new(data)?;
    let draws = vec![1; training.n_rows];
    Ok(grow(params, &training, &draws, Candidates::InOrder))
}

/// Training data checked once and laid out for growing: feature-major, so sorting a node by one
/// feature reads a single contiguous column instead of striding across rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    columns: Vec<f64>,
    classes: Vec<u32>,
    n_rows: usize,
    n_features: usize,
    n_classes: usize,
}

impl Training {
    /// Checks that there are rows and features, one label per row and every label below
    /// `n_classes`.
    pub fn new(data: &Labelled) -> Result<Training> {
        let (n_rows, n_features) = data.x.dim();
        if n_rows == 0 {
            return Err(Error::TooFewRows { needed: 1, found: 0 });
        }
        if n_features == 0 {
            return Err(Error::NoFeatures);
        }
        if data.y.len() != n_rows {
            return Err(Error::LengthMismatch { labels: data.y.len(), scores: n_rows });
        }
        let classes = data.y.iter().map(|&c| class_index(c, data.n_classes)).collect::<Result<Vec<u32>>>()?;
        let columns = data.x.t().iter().copied().collect();
        Ok(Training { columns, classes, n_rows, n_features, n_classes: data.n_classes })
    }

    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    fn column(&self, feature: usize) -> &[f64] {
        &self.columns[feature * self.n_rows..(feature + 1) * self.n_rows]
    }
}

fn class_index(class: usize, n_classes: usize) -> Result<u32> {
    match u32::try_from(class) {
        Ok(c) if class < n_classes => Ok(c),
        _ => Err(Error::OutOfRange { name: "y", value: class as f64, min: 0.0, max: n_classes.saturating_sub(1) as f64 }),
    }
}

/// Which features a node tries.
pub enum Candidates<'r> {
    /// All of them, in index order: a single tree.
    InOrder,
    /// `count` drawn without replacement from `rng`, then more while every one drawn is
    /// constant in the node (sklearn's `max_features`, which the forest uses).
    Drawn { count: usize, rng: &'r mut ChaCha8Rng },
}

impl Candidates<'_> {
    /// How many features to try before stopping at the first non-constant one.
    fn count(&self, n_features: usize) -> usize {
        match self {
            Candidates::InOrder => n_features,
            Candidates::Drawn { count, .. } => *count,
        }
    }

    /// The `drawn`-th feature tried at this node: a partial Fisher–Yates over `order`, a
    /// permutation of the features that carries over from node to node, as sklearn's.
    fn pick(&mut self, drawn: usize, order: &mut [usize]) -> usize {
        match self {
            Candidates::InOrder => drawn,
            Candidates::Drawn { rng, .. } => {
                order.swap(drawn, drawn + below(rng, order.len() - drawn));
                order[drawn]
            }
        }
    }
}

/// A uniform integer in `0..n` by Lemire's multiply-shift: one draw, no division. Its bias,
/// below `n / 2⁶⁴`, is far under anything a forest could show.
pub(crate) fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize
}

/// Grows a tree on the rows with `draws[row] > 0`, each weighing `draws[row]` in the class
/// counts: a bootstrap sample's multiplicities, as sklearn's forest passes them as
/// `sample_weight`. The row limits (`min_samples_*`) count distinct rows, as sklearn's do.
/// `params` should have passed `check`; any other value still gives a tree.
pub fn grow(params: &Params, training: &Training, draws: &[u32], candidates: Candidates) -> Tree {
    let samples: Vec<usize> = draws.iter().enumerate().take(training.n_rows).filter(|(_, &d)| d > 0).map(|(row, _)| row).collect();
    let mut grower = Grower {
        params,
        training,
        draws,
        entries: Vec::with_capacity(samples.len()),
        order: (0..training.n_features).collect(),
        left: vec![0.0; training.n_classes],
        nodes: Vec::new(),
        samples,
        candidates,
    };
    grower.run();
    Tree { nodes: grower.nodes, n_classes: training.n_classes }
}

/// One row of a node sorted by one feature: its value, class and weight side by side, so the
/// boundary scan reads memory in order.
#[derive(Clone, Copy)]
struct Entry {
    value: f64,
    class: u32,
    weight: u32,
}

/// A node waiting to be built: its rows are `samples[start..end]`.
struct Pending {
    start: usize,
    end: usize,
    depth: usize,
    /// The parent's id and whether this is its left child.
    parent: Option<(usize, bool)>,
}

#[derive(Clone, Copy)]
struct Split {
    feature: usize,
    threshold: f64,
    proxy: f64,
}

/// The growing state; every buffer lives as long as the tree, none is allocated per node
/// (but each node's `counts`, which the tree keeps).
struct Grower<'a, 'r> {
    params: &'a Params,
    training: &'a Training,
    draws: &'a [u32],
    /// The sampled rows, partitioned in place so each node's rows are contiguous.
    samples: Vec<usize>,
    entries: Vec<Entry>,
    order: Vec<usize>,
    /// Class weights left of the boundary being scored.
    left: Vec<f64>,
    nodes: Vec<Node>,
    candidates: Candidates<'r>,
}

impl Grower<'_, '_> {
    /// Builds the nodes depth-first from a stack (no recursion: a tree may be thousands of
    /// levels deep on sorted data, and wasm's stack is small).
    fn run(&mut self) {
        let mut stack = vec![Pending { start: 0, end: self.samples.len(), depth: 0, parent: None }];
        while let Some(p) = stack.pop() {
            let id = self.nodes.len();
            let mut node = self.leaf(p.start, p.end);
            if self.may_split(&node, p.depth) {
                if let Some(split) = self.best_split(p.start, p.end, &node.counts) {
                    node.feature = Some(split.feature);
                    node.threshold = split.threshold;
                    let mid = self.partition(p.start, p.end, &split);
                    stack.push(Pending { start: mid, end: p.end, depth: p.depth + 1, parent: Some((id, false)) });
                    stack.push(Pending { start: p.start, end: mid, depth: p.depth + 1, parent: Some((id, true)) });
                }
            }
            self.link(p.parent, id);
            self.nodes.push(node);
        }
    }

    /// Points the parent's `left` or `right` at its new child `id`.
    fn link(&mut self, parent: Option<(usize, bool)>, id: usize) {
        if let Some((parent, is_left)) = parent {
            if let Some(parent) = self.nodes.get_mut(parent) {
                *(if is_left { &mut parent.left } else { &mut parent.right }) = id;
            }
        }
    }

    /// The node of `samples[start..end]` as a leaf: its class weights and impurity.
    fn leaf(&self, start: usize, end: usize) -> Node {
        let mut counts = vec![0.0; self.training.n_classes];
        for &row in &self.samples[start..end] {
            counts[self.training.classes[row] as usize] += f64::from(self.draws[row]);
        }
        let total = counts.iter().sum();
        let impurity = self.params.criterion.impurity(counts.iter().copied(), total);
        Node { feature: None, threshold: 0.0, left: 0, right: 0, impurity, samples: end - start, counts }
    }

    fn may_split(&self, node: &Node, depth: usize) -> bool {
        let p = self.params;
        p.max_depth.is_none_or(|d| depth < d)
            && node.samples >= p.min_samples_split
            && node.samples >= 2 * p.min_samples_leaf
            && node.impurity > f64::EPSILON
    }

    /// The best split of `samples[start..end]` over the candidate features, if any boundary
    /// is allowed. `total` holds the node's class weights.
    fn best_split(&mut self, start: usize, end: usize, total: &[f64]) -> Option<Split> {
        let n_features = self.training.n_features;
        let wanted = self.candidates.count(n_features);
        let (mut best, mut useful) = (None, false);
        for drawn in 0..n_features {
            if drawn >= wanted && useful {
                break;
            }
            let feature = self.candidates.pick(drawn, &mut self.order);
            if self.sort_by(feature, start, end) {
                useful = true;
                self.scan(feature, total, &mut best);
            }
        }
        best
    }

    /// Fills `entries` with the node's rows sorted by `feature`; false when the feature is
    /// constant there. `total_cmp` sorts NaN to the ends, where it fails the comparison, so a
    /// feature with a NaN in the node counts as constant and `scan` never meets one.
    fn sort_by(&mut self, feature: usize, start: usize, end: usize) -> bool {
        let (column, classes) = (self.training.column(feature), &self.training.classes);
        self.entries.clear();
        self.entries.extend(self.samples[start..end].iter().map(|&row| Entry { value: column[row], class: classes[row], weight: self.draws[row] }));
        self.entries.sort_unstable_by(|a, b| a.value.total_cmp(&b.value));
        match (self.entries.first(), self.entries.last()) {
            (Some(lo), Some(hi)) => hi.value > lo.value + FEATURE_THRESHOLD,
            _ => false,
        }
    }

    /// Scores every allowed boundary of the sorted `entries`, keeping in `best` the first
    /// highest proxy so far.
    fn scan(&mut self, feature: usize, total: &[f64], best: &mut Option<Split>) {
        let (criterion, min_leaf) = (self.params.criterion, self.params.min_samples_leaf);
        let (n, w_total) = (self.entries.len(), total.iter().sum::<f64>());
        self.left.fill(0.0);
        let mut w_left = 0.0;
        for (i, pair) in self.entries.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            self.left[a.class as usize] += f64::from(a.weight);
            w_left += f64::from(a.weight);
            let n_left = i + 1;
            if b.value <= a.value + FEATURE_THRESHOLD || n_left < min_leaf || n - n_left < min_leaf {
                continue;
            }
            let w_right = w_total - w_left;
            let i_left = criterion.impurity(self.left.iter().copied(), w_left);
            let i_right = criterion.impurity(total.iter().zip(&self.left).map(|(t, l)| t - l), w_right);
            let proxy = -w_right * i_right - w_left * i_left;
            if best.is_none_or(|s| proxy > s.proxy) {
                *best = Some(Split { feature, threshold: midpoint(a.value, b.value), proxy });
            }
        }
    }

    /// Moves the rows going left (`x ≤ threshold`) to the front of `samples[start..end]` and
    /// returns where the right ones begin. The threshold separates the same rows the scan
    /// counted, because it lies between the two values around the boundary.
    fn partition(&mut self, start: usize, end: usize, split: &Split) -> usize {
        let column = self.training.column(split.feature);
        let rows = &mut self.samples[start..end];
        let (mut i, mut j) = (0, rows.len());
        while i < j {
            if column[rows[i]] <= split.threshold {
                i += 1;
            } else {
                j -= 1;
                rows.swap(i, j);
            }
        }
        start + i
    }
}

/// sklearn's threshold between neighbouring values `a < b`: `a/2 + b/2`, or `a` when that
/// rounds up to `b` or is infinite (so `a ≤ t < b` holds and `x ≤ t` sends `a` left).
fn midpoint(a: f64, b: f64) -> f64 {
    let t = a / 2.0 + b / 2.0;
    if t < b && t.is_finite() {
        t
    } else {
        a
    }
}

impl Tree {
    /// Its shape suits `inputs` features and `classes` classes.
    pub fn fits(&self, inputs: usize, classes: usize) -> bool {
        self.n_classes == classes && self.nodes.iter().all(|n| n.counts.len() == classes && n.feature.is_none_or(|f| f < inputs))
    }

    /// Rows × classes: the class shares of the leaf each row falls in.
    pub fn proba(&self, x: ArrayView2<f64>) -> Array2<f64> {
        let mut out = Array2::zeros((x.nrows(), self.n_classes));
        self.add_proba(x, &mut out);
        out
    }

    /// Adds each row's leaf class shares to `out` (rows × classes), the forest's running sum.
    pub(crate) fn add_proba(&self, x: ArrayView2<f64>, out: &mut Array2<f64>) {
        for (row, mut sums) in x.outer_iter().zip(out.outer_iter_mut()) {
            if let Some(leaf) = self.leaf_of(row) {
                let total: f64 = leaf.counts.iter().sum();
                if total > 0.0 {
                    sums.iter_mut().zip(&leaf.counts).for_each(|(s, c)| *s += c / total);
                }
            }
        }
    }

    /// The leaf `row` falls in; None for a tree without nodes or whose links do not end in a
    /// leaf (a hand-made tree can hold anything, so this never loops nor indexes blindly).
    pub fn leaf_of(&self, row: ArrayView1<f64>) -> Option<&Node> {
        let mut node = self.nodes.first()?;
        for _ in 0..self.nodes.len() {
            let Some(feature) = node.feature else { return Some(node) };
            let value = row.get(feature).copied().unwrap_or(f64::NAN);
            node = self.nodes.get(if value <= node.threshold { node.left } else { node.right })?;
        }
        None
    }

    /// `(depth, leaves)`: the levels below the root (0 for a single leaf) and the leaves, as
    /// scikit-learn's `get_depth()` and `get_n_leaves()`.
    pub fn shape(&self) -> (usize, usize) {
        let (mut depth, mut leaves) = (0, 0);
        let mut stack: Vec<(usize, usize)> = if self.nodes.is_empty() { Vec::new() } else { vec![(0, 0)] };
        // A hand-made tree can hold anything: each node is visited once at most.
        let mut seen = vec![false; self.nodes.len()];
        while let Some((id, level)) = stack.pop() {
            let Some(node) = self.nodes.get(id).filter(|_| !std::mem::replace(&mut seen[id], true)) else { continue };
            depth = depth.max(level);
            match node.feature {
                None => leaves += 1,
                Some(_) => stack.extend([(node.left, level + 1), (node.right, level + 1)]),
            }
        }
        (depth, leaves)
    }

    /// Mean decrease in impurity per feature, normalised to sum 1 (scikit-learn's
    /// `feature_importances_`): each split adds `w·i − w_L·i_L − w_R·i_R` (weights are the
    /// nodes' summed class weights) to its feature. All zeros for a single leaf. sklearn first
    /// divides by the root's weight, which the normalisation cancels; kept for the same bits.
    pub fn feature_importances(&self, n_features: usize) -> Vec<f64> {
        let weighted = |id: usize| self.nodes.get(id).map_or(0.0, |n| n.counts.iter().sum::<f64>() * n.impurity);
        let mut importances = vec![0.0; n_features];
        for (id, node) in self.nodes.iter().enumerate() {
            if let Some(slot) = node.feature.and_then(|f| importances.get_mut(f)) {
                *slot += weighted(id) - weighted(node.left) - weighted(node.right);
            }
        }
        let root = self.nodes.first().map_or(0.0, |n| n.counts.iter().sum::<f64>());
        if root > 0.0 {
            importances.iter_mut().for_each(|v| *v /= root);
        }
        normalise(&mut importances);
        importances
    }
}

/// Divides by the sum, unless it is zero (then leaves the zeros as they are).
pub(crate) fn normalise(values: &mut [f64]) {
    let sum: f64 = values.iter().sum();
    if sum > 0.0 {
        values.iter_mut().for_each(|v| *v /= sum);
    }
}
