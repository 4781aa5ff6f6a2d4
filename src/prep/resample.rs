//! Oversampling of the training part's smaller classes: random copies or SMOTE. Takes a numeric
//! matrix and class indices; the caller hands it the training rows only.
//!
//! As imbalanced-learn with `sampling_strategy='auto'`: every class but the majority is brought
//! up to the majority's count (a tie for the majority changes nothing: tied classes need no new
//! row). The output keeps the original rows first, in order, then the new rows grouped by class
//! in class order, as imblearn stacks them. Deliberate differences:
//! - draws come from a ChaCha8 stream seeded with `seed`, so the rows picked differ from numpy's;
//!   SMOTE draws a (row, neighbour) index and its step per new row, where imblearn draws all
//!   indices then all steps;
//! - a row's neighbours exclude the row itself by position (`reduce::neighbors::knn`, ties by
//!   index); sklearn drops the first neighbour returned, which for exact duplicates may be the
//!   duplicate rather than the row, leaving the row among its own neighbours.
//!
//! Cost: SMOTE's neighbours are exact, O(m² d) per resampled class of m rows.

use ndarray::{s, Array1, Array2, ArrayView2, Axis};
use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use serde::{Deserialize, Serialize};

use super::split::{below, class_name, members_by_class};
use crate::error::{Error, Need, Result};
use crate::reduce::neighbors::knn;
use crate::reduce::random::uniform;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResampleKind { #[default] None, RandomOversample, Smote }

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResampleSpec {
    pub kind: ResampleKind,
    /// SMOTE's neighbours.
    pub k: usize,
    pub seed: u64,
}
impl Default for ResampleSpec {
    fn default() -> Self { ResampleSpec { kind: ResampleKind::None, k: 5, seed: 0 } }
}

/// The class counts after oversampling (`None` without it): every class present grows to the
/// majority's count. Makes the checks `resample` makes, so the Prepare step shows the counts and
/// the errors without drawing a row (SMOTE on 100,000 rows takes a while).
///
/// Errors: SMOTE with `k` = 0 (`BadParam` on `resample.k`), or a class to oversample with fewer
/// than `k + 1` rows (`SmoteNeighbours`).
pub fn planned_counts(spec: &ResampleSpec, counts: &[usize], classes: &[String]) -> Result<Option<Vec<usize>>> {
    if spec.kind == ResampleKind::None {
        return Ok(None);
    }
    if spec.kind == ResampleKind::Smote && spec.k < 1 {
        return Err(Error::BadParam { field: "resample.k".into(), value: spec.k.to_string(), need: Need::AtLeast(1) });
    }
    let majority = counts.iter().copied().max().unwrap_or(0);
    if spec.kind == ResampleKind::Smote {
        if let Some(class) = (0..counts.len()).find(|&c| counts[c] > 0 && counts[c] < majority && counts[c] < spec.k + 1) {
            return Err(Error::SmoteNeighbours { k: spec.k, class: class_name(classes, class), rows: counts[class] });
        }
    }
    Ok(Some(counts.iter().map(|&n| if n == 0 { 0 } else { majority }).collect()))
}

/// The training rows after oversampling: the originals first, in order, then the new ones.
///
/// Errors: `x` and `y` of different lengths (`LengthMismatch`, labels then rows), and those of
/// `planned_counts`.
pub fn resample(
    spec: &ResampleSpec,
    x: ArrayView2<f64>,
    y: &[usize],
    classes: &[String],
) -> Result<(Array2<f64>, Vec<usize>)> {
    if y.len() != x.nrows() {
        return Err(Error::LengthMismatch { labels: y.len(), scores: x.nrows() });
    }
    let members = members_by_class(y);
    let Some(planned) = planned_counts(spec, &members.iter().map(Vec::len).collect::<Vec<_>>(), classes)? else {
        return Ok((x.to_owned(), y.to_vec()));
    };
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let mut new = Vec::new();
    for (class, rows) in members.iter().enumerate() {
        let needed = planned[class] - rows.len();
        if needed == 0 {
            continue;
        }
        let own = x.select(Axis(0), rows);
        let grown = match spec.kind {
            ResampleKind::Smote => smote(own.view(), needed, spec.k, &mut rng).ok_or_else(|| {
                Error::SmoteNeighbours { k: spec.k, class: class_name(classes, class), rows: rows.len() }
            })?,
            ResampleKind::RandomOversample | ResampleKind::None => copies(own.view(), needed, &mut rng),
        };
        new.push((class, grown));
    }
    Ok(stack(x, y, new))
}

/// `needed` rows of `own` drawn with replacement (imblearn's `RandomOverSampler`).
fn copies(own: ArrayView2<f64>, needed: usize, rng: &mut ChaCha8Rng) -> Array2<f64> {
    let picks: Vec<usize> = (0..needed).map(|_| below(rng, own.nrows())).collect();
    own.select(Axis(0), &picks)
}

/// `needed` SMOTE rows `x_i + u·(x_nn − x_i)`: `x_i` a random row of `own`, `x_nn` one of its
/// `k` nearest rows (Euclidean) at random, `u` uniform in [0, 1). `None` when `own` has fewer
/// than `k + 1` rows.
fn smote(own: ArrayView2<f64>, needed: usize, k: usize, rng: &mut ChaCha8Rng) -> Option<Array2<f64>> {
    if own.nrows() < k + 1 {
        return None;
    }
    let neighbours = knn(own, k);
    let mut out = Array2::zeros((needed, own.ncols()));
    for mut row in out.axis_iter_mut(Axis(0)) {
        let pick = below(rng, own.nrows() * k);
        let (i, nn) = (pick / k, neighbours.indices[[pick / k, pick % k]]);
        let step = uniform(rng);
        let point: Array1<f64> = &own.row(i) + &((&own.row(nn) - &own.row(i)) * step);
        row.assign(&point);
    }
    Some(out)
}

/// The original rows, then each class's new rows.
fn stack(x: ArrayView2<f64>, y: &[usize], new: Vec<(usize, Array2<f64>)>) -> (Array2<f64>, Vec<usize>) {
    let total = x.nrows() + new.iter().map(|(_, rows)| rows.nrows()).sum::<usize>();
    let mut out = Array2::zeros((total, x.ncols()));
    out.slice_mut(s![..x.nrows(), ..]).assign(&x);
    let mut labels = y.to_vec();
    let mut start = x.nrows();
    for (class, rows) in new {
        out.slice_mut(s![start..start + rows.nrows(), ..]).assign(&rows);
        start += rows.nrows();
        labels.extend(std::iter::repeat_n(class, rows.nrows()));
    }
    (out, labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn classes() -> Vec<String> {
        ["a", "b", "c"].map(String::from).to_vec()
    }

    fn spec(kind: ResampleKind, k: usize, seed: u64) -> ResampleSpec {
        ResampleSpec { kind, k, seed }
    }

    /// Six rows of class 0, two of class 1, three of class 2.
    fn three_classes() -> (Array2<f64>, Vec<usize>) {
        let x = array![
            [0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [4.0, 0.0], [5.0, 0.0],
            [0.0, 5.0], [1.0, 6.0],
            [9.0, 9.0], [9.0, 8.0], [8.0, 9.0],
        ];
        (x, vec![0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2])
    }

    #[test]
    fn originals_come_first_then_new_rows_by_class() {
        let (x, y) = three_classes();
        let (xr, yr) = resample(&spec(ResampleKind::RandomOversample, 1, 0), x.view(), &y, &classes()).unwrap();
        assert_eq!(xr.slice(s![..11, ..]), x);
        assert_eq!(yr[11..], [1, 1, 1, 1, 2, 2, 2]);
    }

    #[test]
    fn random_copies_are_rows_of_their_class() {
        let (x, y) = three_classes();
        let (xr, yr) = resample(&spec(ResampleKind::RandomOversample, 1, 3), x.view(), &y, &classes()).unwrap();
        assert_eq!(xr.nrows(), yr.len());
        for (row, &class) in xr.axis_iter(Axis(0)).zip(&yr).skip(11) {
            assert!(x.axis_iter(Axis(0)).zip(&y).any(|(orig, &c)| c == class && orig == row), "{row} not a row of {class}");
        }
    }

    #[test]
    fn same_seed_gives_the_same_rows_and_another_seed_other_rows() {
        let (x, y) = three_classes();
        let run = |seed| resample(&spec(ResampleKind::Smote, 1, seed), x.view(), &y, &classes()).unwrap();
        assert_eq!(run(4), run(4));
        assert_ne!(run(4).0, run(5).0);
    }

    #[test]
    fn smote_needs_k_plus_one_rows_in_each_class_it_grows() {
        let (x, y) = three_classes();
        let err = resample(&spec(ResampleKind::Smote, 2, 0), x.view(), &y, &classes()).unwrap_err();
        assert_eq!(err, Error::SmoteNeighbours { k: 2, class: "b".into(), rows: 2 });
    }

    #[test]
    fn smote_k_zero_is_a_bad_param() {
        let (x, y) = three_classes();
        let err = resample(&spec(ResampleKind::Smote, 0, 0), x.view(), &y, &classes()).unwrap_err();
        assert_eq!(err, Error::BadParam { field: "resample.k".into(), value: "0".into(), need: Need::AtLeast(1) });
    }

    #[test]
    fn none_returns_the_input() {
        let (x, y) = three_classes();
        assert_eq!(resample(&spec(ResampleKind::None, 5, 0), x.view(), &y, &classes()).unwrap(), (x, y));
    }

    #[test]
    fn labels_and_rows_of_different_lengths_are_refused() {
        let (x, y) = three_classes();
        let err = resample(&ResampleSpec::default(), x.view(), &y[1..], &classes()).unwrap_err();
        assert_eq!(err, Error::LengthMismatch { labels: 10, scores: 11 });
    }
}
