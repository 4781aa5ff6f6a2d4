//! Oversampling the training part of imbalanced.csv (1,324 / 76 rows after a stratified 0.3
//! test split, tests/fixtures/split.json), as imbalanced-learn's `RandomOverSampler` and `SMOTE`.

use crate::common;

use atelier::error::Error;
use atelier::explore::classes::classes;
use atelier::prep::features::{Encoder, Impute};
use atelier::prep::resample::{resample, ResampleKind, ResampleSpec};
use atelier::prep::split::{split, SplitSpec};
use common::dataset;
use ndarray::{Array2, Axis};

/// The training rows' features f0–f7, their classes and the class names.
fn training_part() -> (Array2<f64>, Vec<usize>, Vec<String>) {
    let t = dataset("imbalanced.csv");
    let c = classes(t.column("label").unwrap());
    let parts = split(&c.index, &c.names, &SplitSpec { test: 0.3, validation: 0.0, stratify: true, seed: 0 }).unwrap();
    let features: Vec<String> = (0..8).map(|i| format!("f{i}")).collect();
    let x = Encoder::fit(&t, &features, &parts.train, Impute::Median).unwrap().transform(&t, &parts.train);
    let y = parts.train.iter().map(|&r| c.index[r]).collect();
    (x, y, c.names)
}

fn counts(y: &[usize]) -> [usize; 2] {
    let mut c = [0; 2];
    y.iter().for_each(|&k| c[k] += 1);
    c
}

fn spec(kind: ResampleKind, k: usize) -> ResampleSpec {
    ResampleSpec { kind, k, seed: 11 }
}

#[test]
fn both_oversamplers_balance_the_training_part() {
    let (x, y, names) = training_part();
    assert_eq!(counts(&y), [1324, 76]);
    for kind in [ResampleKind::RandomOversample, ResampleKind::Smote] {
        let (xr, yr) = resample(&spec(kind, 5), x.view(), &y, &names).unwrap();
        assert_eq!(counts(&yr), [1324, 1324], "{kind:?}");
        assert_eq!(xr.nrows(), yr.len());
        assert_eq!(xr.slice(ndarray::s![..y.len(), ..]), x, "{kind:?}: originals first, unchanged");
    }
}

/// Each minority row's 5 nearest other minority rows, by brute force (no shared code with the
/// implementation's `knn`).
fn nearest(own: &Array2<f64>, k: usize) -> Vec<Vec<usize>> {
    let d2 = |i: usize, j: usize| own.row(i).iter().zip(own.row(j)).map(|(a, b)| (a - b) * (a - b)).sum::<f64>();
    (0..own.nrows())
        .map(|i| {
            let mut others: Vec<usize> = (0..own.nrows()).filter(|&j| j != i).collect();
            others.sort_by(|&a, &b| d2(i, a).total_cmp(&d2(i, b)));
            others.truncate(k);
            others
        })
        .collect()
}

/// `p = a + u (b − a)` with `u` in [0, 1]: the projection's `u` and the distance to the segment,
/// within 1e-12 (features are below 10 in size, so a few ulps are ~1e-15).
fn on_segment(p: &[f64], a: &[f64], b: &[f64]) -> bool {
    assert_eq!((p.len(), a.len()), (b.len(), b.len()));
    let d: Vec<f64> = a.iter().zip(b).map(|(a, b)| b - a).collect();
    let u = p.iter().zip(a).zip(&d).map(|((p, a), d)| (p - a) * d).sum::<f64>() / d.iter().map(|v| v * v).sum::<f64>();
    let off = p.iter().zip(a).zip(&d).map(|((p, a), d)| (a + u * d - p).abs()).fold(0.0, f64::max);
    (-1e-12..=1.0 + 1e-12).contains(&u) && off <= 1e-12
}

#[test]
fn smote_rows_lie_on_segments_to_one_of_the_k_nearest_minority_rows() {
    let (x, y, names) = training_part();
    let k = 5;
    let minority: Vec<usize> = (0..y.len()).filter(|&r| y[r] == 1).collect();
    let own = x.select(Axis(0), &minority);
    let nn = nearest(&own, k);
    let (xr, yr) = resample(&spec(ResampleKind::Smote, k), x.view(), &y, &names).unwrap();
    assert_eq!(yr[y.len()..].iter().filter(|&&c| c == 1).count(), 1324 - 76);
    for p in xr.axis_iter(Axis(0)).skip(y.len()) {
        let p = p.to_vec();
        let segment = |i: usize, j: usize| on_segment(&p, &own.row(i).to_vec(), &own.row(j).to_vec());
        let found = (0..own.nrows()).any(|i| nn[i].iter().any(|&j| segment(i, j)));
        assert!(found, "{p:?} is on no segment from a minority row to one of its {k} nearest");
    }
}

#[test]
fn same_seed_gives_the_same_rows() {
    let (x, y, names) = training_part();
    for kind in [ResampleKind::RandomOversample, ResampleKind::Smote] {
        let first = resample(&spec(kind, 5), x.view(), &y, &names).unwrap();
        assert_eq!(resample(&spec(kind, 5), x.view(), &y, &names).unwrap(), first, "{kind:?}");
        let other = resample(&ResampleSpec { seed: 12, ..spec(kind, 5) }, x.view(), &y, &names).unwrap();
        assert_ne!(other.0, first.0, "{kind:?}: another seed, other rows");
    }
}

#[test]
fn k_beyond_the_minority_rows_is_the_named_error() {
    let (x, y, names) = training_part();
    let err = resample(&spec(ResampleKind::Smote, 76), x.view(), &y, &names).unwrap_err();
    assert_eq!(err, Error::SmoteNeighbours { k: 76, class: "1".into(), rows: 76 });
    assert!(resample(&spec(ResampleKind::Smote, 75), x.view(), &y, &names).is_ok());
}
