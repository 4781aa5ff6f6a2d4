//! UMAP on the course's digits: the layout keeps neighbourhoods as umap-learn's does.

use crate::common;

use atelier::reduce::quality::trustworthiness;
use atelier::reduce::scale::standardize;
use atelier::reduce::umap::{umap, Umap, UmapParams};
use common::dataset;
use ndarray::Array2;

/// The 1797 × 64 pixels of digits.csv, standardised (StandardScaler).
fn digits() -> Array2<f64> {
    let table = dataset("digits.csv");
    let pixels: Vec<Vec<f64>> = (0..64).map(|j| table.column(&format!("p{j}")).unwrap().numbers().unwrap()).collect();
    let mut x = Array2::from_shape_fn((table.num_rows(), 64), |(i, j)| pixels[j][i]);
    standardize(&mut x);
    x
}

#[test]
fn digits_layout_is_as_trustworthy_as_umap_learns() {
    let x = digits();
    let e = umap(x.view(), None, &UmapParams::default()).unwrap();
    assert_eq!(e.dim(), (1797, 2));
    let t = trustworthiness(x.view(), e.view(), 10);
    // umap-learn 0.5.12, UMAP(random_state=0..3) on the same standardised pixels:
    // 0.9746, 0.9753, 0.9775, 0.9778 (sklearn trustworthiness, n_neighbors=10). Ours, seeds
    // 0..3: 0.9788, 0.9766, 0.9775, 0.9774. The issue asks for at least 0.97.
    assert!(t >= 0.97, "trustworthiness {t}");
}

#[test]
fn the_page_can_run_it_in_steps() {
    let x = digits().slice_move(ndarray::s![..300, ..]);
    let params = UmapParams { epochs: Some(20), ..UmapParams::default() };
    let mut model = Umap::new(x.view(), None, &params).unwrap();
    let mut frames = 0;
    while !model.is_done() {
        model.step(5);
        frames += 1;
        assert!(model.embedding().iter().all(|v| v.is_finite()));
    }
    assert_eq!((frames, model.epoch(), model.total_epochs()), (4, 20, 20));
}
