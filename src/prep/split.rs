//! The train / validation / test split of a target's rows, stratified by class as
//! scikit-learn's `train_test_split(..., stratify=y)`. Takes class indices, never tables.
//!
//! How many rows of each class go to each part matches scikit-learn exactly: the test part is
//! `train_test_split(X, y, test_size=test, stratify=y)`, then the validation part is drawn from
//! the rest in the same way with `stratify=y_rest` (its size a fraction of all rows). Deliberate
//! differences:
//! - which rows are picked cannot match numpy's RNG: each class's rows are shuffled by a
//!   ChaCha8 stream seeded with `seed`, then the test rows are taken first, the validation rows
//!   next, and the training part keeps the rest;
//! - equal remainders in `approximate_mode` are broken by the lower class index (sklearn draws
//!   among them at random), so counts never depend on the seed;
//! - sklearn refuses a class with a single row; here it only matters if it leaves the training
//!   part without that class, which is `Error::EmptyClass`, checked with or without `stratify`
//!   (sklearn's `ShuffleSplit` checks nothing).
//!
//! Classes of `classes` with no row in `y` take no part in any rule (as `np.unique(y)`).

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Need, Result};

/// `test` and `validation` are fractions of all rows (0: no such part).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SplitSpec {
    pub test: f64,
    pub validation: f64,
    pub stratify: bool,
    pub seed: u64,
}
impl Default for SplitSpec {
    fn default() -> Self { SplitSpec { test: 0.2, validation: 0.2, stratify: true, seed: 42 } }
}

/// Positions (into the `y` given to `split`) of each part, each sorted ascending.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parts {
    pub train: Vec<usize>,
    pub validation: Vec<usize>,
    pub test: Vec<usize>,
}

/// Splits rows with class indices `y` (classes named `classes`).
///
/// Sizes as sklearn's `_validate_shuffle_split`: `ceil(test × n)` test rows and
/// `ceil(validation × n)` validation rows, the products in `f64` (0.17 × 1500 = 255.00000000000003,
/// so 256 rows). Without `stratify`, one seeded permutation of all rows gives the test rows first,
/// then the validation rows, then the training rows.
pub fn split(y: &[usize], classes: &[String], spec: &SplitSpec) -> Result<Parts> {
    check_fractions(spec)?;
    let n = y.len();
    let sizes = Sizes { test: part_rows(spec.test, n), validation: part_rows(spec.validation, n) };
    if n > 0 && sizes.test + sizes.validation >= n {
        let (test, validation) = (sizes.test, sizes.validation);
        return Err(split_sum(format!("{} + {} → {test} + {validation} / {n}", spec.test, spec.validation)));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let parts = if spec.stratify { stratified(y, spec, sizes, &mut rng)? } else { shuffled(n, sizes, &mut rng) };
    check_training_classes(&parts.train, y, classes)?;
    Ok(parts)
}

/// Rows of the test and validation parts.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    test: usize,
    validation: usize,
}

/// `ceil(fraction × n)`, the product in `f64` as sklearn.
fn part_rows(fraction: f64, n: usize) -> usize {
    (fraction * n as f64).ceil() as usize
}

/// Each fraction in [0, 1) and their sum below 1.
fn check_fractions(spec: &SplitSpec) -> Result<()> {
    for (field, value) in [("split.test", spec.test), ("split.validation", spec.validation)] {
        if !(0.0..1.0).contains(&value) {
            return Err(Error::BadParam { field: field.into(), value: value.to_string(), need: Need::Fraction });
        }
    }
    if spec.test + spec.validation >= 1.0 {
        return Err(split_sum(format!("{} + {}", spec.test, spec.validation)));
    }
    Ok(())
}

/// Test and validation leave no training row (`value` says how many each takes).
fn split_sum(value: String) -> Error {
    Error::BadParam { field: "split.test + split.validation".into(), value, need: Need::SplitSum }
}

/// How many rows of each class the training part keeps and the other part takes, when
/// `n_test` of the rows counted by `class_counts` go to the other part: sklearn's
/// `StratifiedShuffleSplit`, train counts `approximate_mode(class_counts, n − n_test)`, then
/// `approximate_mode(class_counts − train, n_test)` for the other part.
pub fn stratified_counts(class_counts: &[usize], n_test: usize) -> (Vec<usize>, Vec<usize>) {
    let n: usize = class_counts.iter().sum();
    let train = approximate_mode(class_counts, n.saturating_sub(n_test));
    let rest = minus(class_counts, &train);
    let test = approximate_mode(&rest, n_test);
    (train, test)
}

/// `a − b` per class (never below 0: `approximate_mode` never gives a class more than it has).
fn minus(a: &[usize], b: &[usize]) -> Vec<usize> {
    a.iter().zip(b).map(|(a, b)| a.saturating_sub(*b)).collect()
}

/// sklearn's `_approximate_mode`: `floor(count / total × draws)` per class (that float order),
/// then one more to the classes with the largest remainders until `draws` are given out;
/// equal remainders go to the lower class index first.
fn approximate_mode(counts: &[usize], draws: usize) -> Vec<usize> {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let continuous: Vec<f64> = counts.iter().map(|&c| c as f64 / total as f64 * draws as f64).collect();
    let mut drawn: Vec<usize> = continuous.iter().map(|c| c.floor() as usize).collect();
    let remainder = |k: usize| continuous[k] - continuous[k].floor();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| remainder(b).total_cmp(&remainder(a)).then(a.cmp(&b)));
    let missing = draws.saturating_sub(drawn.iter().sum());
    for &k in order.iter().take(missing) {
        drawn[k] += 1;
    }
    drawn
}

/// Each class's rows in a seeded random order: test rows first, then validation, then train.
fn stratified(y: &[usize], spec: &SplitSpec, sizes: Sizes, rng: &mut ChaCha8Rng) -> Result<Parts> {
    let members = members_by_class(y);
    let counts: Vec<usize> = members.iter().map(Vec::len).collect();
    let test = part_counts(&counts, sizes.test, "split.test", spec.test)?;
    let rest = minus(&counts, &test);
    let validation = part_counts(&rest, sizes.validation, "split.validation", spec.validation)?;
    let mut parts = Parts::default();
    for ((mut rows, t), v) in members.into_iter().zip(test).zip(validation) {
        shuffle(&mut rows, rng);
        let (test_rows, rest) = rows.split_at(t.min(rows.len()));
        let (validation_rows, train_rows) = rest.split_at(v.min(rest.len()));
        parts.test.extend_from_slice(test_rows);
        parts.validation.extend_from_slice(validation_rows);
        parts.train.extend_from_slice(train_rows);
    }
    Ok(sorted(parts))
}

/// The other part's class counts when `n_part` of the rows counted by `counts` go to it; as
/// sklearn, a non-empty part needs at least one row per class.
fn part_counts(counts: &[usize], n_part: usize, field: &str, fraction: f64) -> Result<Vec<usize>> {
    let classes = counts.iter().filter(|&&c| c > 0).count();
    if n_part > 0 && n_part < classes {
        let value = format!("{fraction} → {n_part}");
        return Err(Error::BadParam { field: field.into(), value, need: Need::AtLeast(classes) });
    }
    Ok(stratified_counts(counts, n_part).1)
}

/// One seeded permutation of all rows: test rows first, then validation, then train.
fn shuffled(n: usize, sizes: Sizes, rng: &mut ChaCha8Rng) -> Parts {
    let mut rows: Vec<usize> = (0..n).collect();
    shuffle(&mut rows, rng);
    let (test, rest) = rows.split_at(sizes.test.min(n));
    let (validation, train) = rest.split_at(sizes.validation.min(rest.len()));
    sorted(Parts { train: train.to_vec(), validation: validation.to_vec(), test: test.to_vec() })
}

fn sorted(mut parts: Parts) -> Parts {
    for part in [&mut parts.train, &mut parts.validation, &mut parts.test] {
        part.sort_unstable();
    }
    parts
}

/// The positions of each class index `0..=max(y)`, in order.
pub(crate) fn members_by_class(y: &[usize]) -> Vec<Vec<usize>> {
    let mut members = vec![Vec::new(); y.iter().max().map_or(0, |m| m + 1)];
    for (row, &class) in y.iter().enumerate() {
        members[class].push(row);
    }
    members
}

/// Every class present in `y` must keep a training row.
fn check_training_classes(train: &[usize], y: &[usize], classes: &[String]) -> Result<()> {
    let members = members_by_class(y);
    let mut kept = vec![false; members.len()];
    for &row in train {
        kept[y[row]] = true;
    }
    let missing = members.iter().zip(&kept).position(|(rows, &kept)| !rows.is_empty() && !kept);
    match missing {
        Some(class) => Err(Error::EmptyClass { part: "train", class: class_name(classes, class) }),
        None => Ok(()),
    }
}

/// The class's name, or its index when `classes` is too short to name it.
pub(crate) fn class_name(classes: &[String], class: usize) -> String {
    classes.get(class).cloned().unwrap_or_else(|| class.to_string())
}

/// A seeded draw in `0..n` (`n > 0`) by Lemire's multiply-shift: the bias, at most `n / 2⁶⁴`,
/// is far below anything a split or a resampling could show.
pub(crate) fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize
}

/// Fisher–Yates with the seeded draw [`below`]: the one shuffle of the crate (splits, a
/// network's batches, the loss-surface card's mini-batches).
pub(crate) fn shuffle<T>(items: &mut [T], rng: &mut ChaCha8Rng) {
    for i in (1..items.len()).rev() {
        items.swap(i, below(rng, i + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n0` rows of class 0 then `n1` of class 1 (then `n2` of class 2).
    fn labels(counts: &[usize]) -> Vec<usize> {
        counts.iter().enumerate().flat_map(|(k, &c)| std::iter::repeat_n(k, c)).collect()
    }

    fn names(n: usize) -> Vec<String> {
        ["a", "b", "c"].iter().take(n).map(|s| s.to_string()).collect()
    }

    fn spec(test: f64, validation: f64, seed: u64) -> SplitSpec {
        SplitSpec { test, validation, stratify: true, seed }
    }

    fn class_counts(rows: &[usize], y: &[usize]) -> Vec<usize> {
        let mut counts = vec![0; y.iter().max().map_or(0, |m| m + 1)];
        rows.iter().for_each(|&r| counts[y[r]] += 1);
        counts
    }

    #[test]
    fn test_size_is_the_ceiling_of_the_float_product() {
        // 0.17 × 1500 = 255.00000000000003 in f64, so sklearn takes 256 rows.
        let y = labels(&[1000, 500]);
        let parts = split(&y, &names(2), &spec(0.17, 0.0, 0)).unwrap();
        assert_eq!(parts.test.len(), 256);
        assert_eq!(parts.train.len(), 1244);
    }

    #[test]
    fn equal_remainders_go_to_the_lower_class_index() {
        // 5 × 9/10 = 4.5 and 5 × 1/10 = 0.5: one unit to hand out, class 0 takes it.
        assert_eq!(approximate_mode(&[9, 1], 5), vec![5, 0]);
        assert_eq!(approximate_mode(&[1, 9], 5), vec![1, 4]);
    }

    #[test]
    fn every_row_lands_in_exactly_one_part() {
        let y = labels(&[60, 30, 10]);
        let parts = split(&y, &names(3), &spec(0.2, 0.25, 7)).unwrap();
        let mut all: Vec<usize> = [&parts.train[..], &parts.validation[..], &parts.test[..]].concat();
        all.sort_unstable();
        assert_eq!(all, (0..100).collect::<Vec<_>>());
        assert!(parts.test.windows(2).all(|w| w[0] < w[1]), "positions sorted ascending");
    }

    #[test]
    fn validation_is_stratified_on_the_rest() {
        let y = labels(&[60, 30, 10]);
        let parts = split(&y, &names(3), &spec(0.2, 0.2, 7)).unwrap();
        assert_eq!(class_counts(&parts.test, &y), vec![12, 6, 2]);
        assert_eq!(class_counts(&parts.validation, &y), vec![12, 6, 2]);
        assert_eq!(class_counts(&parts.train, &y), vec![36, 18, 6]);
    }

    #[test]
    fn same_seed_gives_the_same_parts_and_another_seed_other_rows() {
        let y = labels(&[60, 40]);
        let first = split(&y, &names(2), &spec(0.3, 0.2, 1)).unwrap();
        assert_eq!(split(&y, &names(2), &spec(0.3, 0.2, 1)).unwrap(), first);
        let other = split(&y, &names(2), &spec(0.3, 0.2, 2)).unwrap();
        assert_ne!(other.test, first.test);
        assert_eq!(class_counts(&other.test, &y), class_counts(&first.test, &y));
    }

    #[test]
    fn unstratified_split_keeps_the_sizes() {
        let y = labels(&[60, 40]);
        let parts = split(&y, &names(2), &SplitSpec { stratify: false, ..spec(0.17, 0.2, 3) }).unwrap();
        assert_eq!([parts.test.len(), parts.validation.len(), parts.train.len()], [17, 20, 63]);
        let again = split(&y, &names(2), &SplitSpec { stratify: false, ..spec(0.17, 0.2, 3) }).unwrap();
        assert_eq!(again, parts);
    }

    #[test]
    fn zero_means_no_such_part() {
        let y = labels(&[6, 4]);
        let parts = split(&y, &names(2), &spec(0.0, 0.0, 0)).unwrap();
        assert_eq!((parts.train.len(), parts.validation.len(), parts.test.len()), (10, 0, 0));
    }

    #[test]
    fn a_class_left_without_training_rows_is_named() {
        // approximate_mode([9, 1], 5) gives class b no training row.
        let err = split(&labels(&[9, 1]), &names(2), &spec(0.5, 0.0, 0)).unwrap_err();
        assert_eq!(err, Error::EmptyClass { part: "train", class: "b".into() });
    }

    #[test]
    fn unstratified_split_also_checks_training_classes() {
        let err = split(&labels(&[9, 1]), &names(2), &SplitSpec { stratify: false, ..spec(0.9, 0.0, 0) }).unwrap_err();
        assert!(matches!(err, Error::EmptyClass { part: "train", .. }), "{err:?}");
    }

    #[test]
    fn a_stratified_part_needs_a_row_per_class() {
        let err = split(&labels(&[50, 30, 20]), &names(3), &spec(0.3, 0.01, 0)).unwrap_err();
        let want = Error::BadParam { field: "split.validation".into(), value: "0.01 → 1".into(), need: Need::AtLeast(3) };
        assert_eq!(err, want);
    }

    #[test]
    fn fractions_out_of_range_name_their_field() {
        let y = labels(&[5, 5]);
        for (test, validation, field, need) in [
            (1.0, 0.0, "split.test", Need::Fraction),
            (f64::NAN, 0.0, "split.test", Need::Fraction),
            (0.2, -0.1, "split.validation", Need::Fraction),
            (0.6, 0.4, "split.test + split.validation", Need::SplitSum),
            (0.45, 0.45, "split.test + split.validation", Need::SplitSum), // 5 + 5 rows of 10
        ] {
            match split(&y, &names(2), &spec(test, validation, 0)) {
                Err(Error::BadParam { field: f, need: n, .. }) => assert_eq!((f.as_str(), n), (field, need)),
                other => panic!("{test} + {validation}: {other:?}"),
            }
        }
    }
}
