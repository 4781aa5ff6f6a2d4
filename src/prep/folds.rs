//! Cross-validation folds as scikit-learn's `KFold` and `StratifiedKFold` draw them without
//! shuffling (`shared/golden/cv.json`): rows given in file order get the very same folds.
//! With `shuffle`, the rows (each class's rows, stratified) are first put in a seeded order of
//! our own (ChaCha8, as the split): numpy's generator cannot be matched, the sizes still are.

use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use serde::{Deserialize, Serialize};

use super::split::shuffle;
use crate::error::{Error, Need, Result};

/// `spec.cv`: `folds` (at least 2), `stratified` (each fold keeps the classes' proportions),
/// `shuffle` (a seeded order first), `seed`; `leaky_preparation` is the course's mistake, shown
/// on purpose: the imputer, encoder and scaler learnt once on every row before the folds, so
/// each scored fold has leaked into its own preparation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CvSpec {
    pub folds: usize,
    pub stratified: bool,
    pub shuffle: bool,
    pub seed: u64,
    pub leaky_preparation: bool,
}

impl Default for CvSpec {
    fn default() -> Self {
        CvSpec { folds: 5, stratified: true, shuffle: false, seed: 0, leaky_preparation: false }
    }
}

/// The test positions (into `y`, ascending) of each fold; a row's training part is every other
/// fold. `y[i]` is row `i`'s class index.
pub fn folds(y: &[usize], spec: &CvSpec) -> Result<Vec<Vec<usize>>> {
    let k = spec.folds;
    let bad = |need| Error::BadParam { field: "cv.folds".into(), value: k.to_string(), need };
    if k < 2 {
        return Err(bad(Need::AtLeast(2)));
    }
    if k > y.len() {
        return Err(bad(Need::AtMost(y.len())));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let mut assigned = vec![Vec::new(); k];
    if spec.stratified {
        let (order, members) = by_first_appearance(y);
        let smallest = members.iter().map(Vec::len).min().unwrap_or(0);
        if k > smallest {
            return Err(bad(Need::AtMost(smallest)));
        }
        let allocation = allocation(&order, members.len(), k);
        for (class, mut rows) in members.into_iter().enumerate() {
            if spec.shuffle {
                shuffle(&mut rows, &mut rng);
            }
            let targets = (0..k).flat_map(|fold| std::iter::repeat_n(fold, allocation[fold][class]));
            for (row, fold) in rows.into_iter().zip(targets) {
                assigned[fold].push(row);
            }
        }
    } else {
        let mut rows: Vec<usize> = (0..y.len()).collect();
        if spec.shuffle {
            shuffle(&mut rows, &mut rng);
        }
        let (size, extra) = (y.len() / k, y.len() % k);
        let mut start = 0;
        for (fold, slot) in assigned.iter_mut().enumerate() {
            let end = start + size + usize::from(fold < extra);
            slot.extend_from_slice(&rows[start..end]);
            start = end;
        }
    }
    assigned.iter_mut().for_each(|f| f.sort_unstable());
    Ok(assigned)
}

/// Classes renumbered by their first appearance in `y` (as `np.unique(..., return_index)`
/// orders them in `StratifiedKFold`): each row's new class, and each class's rows in order.
fn by_first_appearance(y: &[usize]) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut renumber: Vec<Option<usize>> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut encoded = Vec::with_capacity(y.len());
    for (row, &c) in y.iter().enumerate() {
        if renumber.len() <= c {
            renumber.resize(c + 1, None);
        }
        let id = *renumber[c].get_or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[id].push(row);
        encoded.push(id);
    }
    (encoded, members)
}

/// scikit-learn's allocation: with the encoded classes sorted, fold `i` takes the classes of
/// positions `i, i + k, i + 2k, …`, so each fold's class counts differ by at most one.
fn allocation(encoded: &[usize], n_classes: usize, k: usize) -> Vec<Vec<usize>> {
    let mut sorted = encoded.to_vec();
    sorted.sort_unstable();
    let mut counts = vec![vec![0usize; n_classes]; k];
    for (position, &class) in sorted.iter().enumerate() {
        counts[position % k][class] += 1;
    }
    counts
}
