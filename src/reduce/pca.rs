//! Principal component analysis by eigendecomposition of the covariance matrix, as
//! scikit-learn's `PCA(svd_solver="covariance_eigh")` (the solver it picks for tall data).

use nalgebra::{DMatrix, SymmetricEigen};
use ndarray::{Array2, ArrayView2};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    /// `k × p`: one row per component, unit length. Sign convention: each row's entry of
    /// largest absolute value is positive (eigenvectors have no sign of their own; fixing one
    /// keeps a re-run from flipping the picture).
    pub components: Array2<f64>,
    /// Variance along each component (covariance eigenvalues, divisor n − 1).
    pub explained_variance: Vec<f64>,
    /// `explained_variance` over the total variance (all components).
    pub explained_variance_ratio: Vec<f64>,
    /// The ratio of every component, for the scree plot.
    pub all_explained_variance_ratio: Vec<f64>,
    /// Column means removed before projecting.
    pub mean: Vec<f64>,
    /// `n × k`: the rows in component coordinates.
    pub projection: Array2<f64>,
}

/// The first `k` principal components of `x` (rows = samples). `x` is centred here; scale it
/// first (`scale::standardize`) when columns have different units.
pub fn pca(x: ArrayView2<f64>, k: usize) -> Result<Pca> {
    let (n, p) = x.dim();
    if n < 2 {
        return Err(Error::TooFewRows { needed: 2, found: n });
    }
    let max_k = n.min(p);
    if k == 0 || k > max_k {
        return Err(Error::OutOfRange { name: "components", value: k as f64, min: 1.0, max: max_k as f64 });
    }
    let mut centred = x.to_owned();
    let mean = super::scale::center(&mut centred);
    let covariance = covariance(&centred);
    let eigen = SymmetricEigen::new(DMatrix::from_fn(p, p, |i, j| covariance[[i, j]]));
    let mut order: Vec<usize> = (0..p).collect();
    order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]).then(a.cmp(&b)));
    // Rounding can leave tiny negative eigenvalues for rank-deficient data: they are zeros.
    let variances: Vec<f64> = order.iter().map(|&i| eigen.eigenvalues[i].max(0.0)).collect();
    let total: f64 = variances.iter().sum();
    let mut components = Array2::zeros((k, p));
    for (row, &i) in order.iter().take(k).enumerate() {
        let v = eigen.eigenvectors.column(i);
        let largest = v.iter().copied().fold(0.0f64, |m, c| if c.abs() > m.abs() { c } else { m });
        let sign = if largest < 0.0 { -1.0 } else { 1.0 };
        for j in 0..p {
            components[[row, j]] = sign * v[j];
        }
    }
    let ratio = |v: &f64| if total > 0.0 { v / total } else { 0.0 };
    Ok(Pca {
        projection: project(&centred, &components),
        explained_variance: variances[..k].to_vec(),
        explained_variance_ratio: variances[..k].iter().map(ratio).collect(),
        all_explained_variance_ratio: variances.iter().map(ratio).collect(),
        components,
        mean,
    })
}

/// The rows of `x` in component coordinates, `x · componentsᵀ`, a row at a time: with only a
/// few components, a general matrix product spends more time packing `x` than multiplying.
fn project(x: &Array2<f64>, components: &Array2<f64>) -> Array2<f64> {
    let mut out = Array2::zeros((x.nrows(), components.nrows()));
    for (row, mut target) in x.rows().into_iter().zip(out.rows_mut()) {
        for (t, c) in target.iter_mut().zip(components.rows()) {
            *t = row.dot(&c);
        }
    }
    out
}

/// `XᵀX / (n − 1)` of centred `x`. Rows are taken four at a time: each entry of the upper
/// triangle gets four products per load and store of the accumulator, and the inner loop runs
/// over contiguous memory, so the compiler vectorises it (SIMD in the browser too).
fn covariance(x: &Array2<f64>) -> Array2<f64> {
    let (n, p) = x.dim();
    let mut c = vec![0.0; p * p];
    let data = x.as_standard_layout();
    let data = data.as_slice().unwrap_or_default();
    let mut blocks = data.chunks_exact(4 * p);
    for block in &mut blocks {
        let (r0, rest) = block.split_at(p);
        let (r1, rest) = rest.split_at(p);
        let (r2, r3) = rest.split_at(p);
        for i in 0..p {
            let (a0, a1, a2, a3) = (r0[i], r1[i], r2[i], r3[i]);
            let target = &mut c[i * p + i..(i + 1) * p];
            for (k, t) in target.iter_mut().enumerate() {
                let j = i + k;
                *t += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
            }
        }
    }
    for row in blocks.remainder().chunks_exact(p) {
        for (i, &xi) in row.iter().enumerate() {
            let target = &mut c[i * p + i..(i + 1) * p];
            for (t, &xj) in target.iter_mut().zip(&row[i..]) {
                *t += xi * xj;
            }
        }
    }
    let scale = 1.0 / (n as f64 - 1.0);
    Array2::from_shape_fn((p, p), |(i, j)| c[i.min(j) * p + i.max(j)] * scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn line_of_points_has_one_component_with_all_the_variance() {
        let x = array![[0.0, 0.0], [1.0, 2.0], [2.0, 4.0], [3.0, 6.0]];
        let p = pca(x.view(), 2).unwrap();
        assert!((p.explained_variance_ratio[0] - 1.0).abs() < 1e-12);
        let c = p.components.row(0);
        assert!((c[0] - 1.0 / 5f64.sqrt()).abs() < 1e-12 && (c[1] - 2.0 / 5f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn too_many_components_is_an_error_naming_the_maximum() {
        let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]];
        assert_eq!(pca(x.view(), 3), Err(Error::OutOfRange { name: "components", value: 3.0, min: 1.0, max: 2.0 }));
    }

    #[test]
    fn one_row_is_too_few() {
        assert_eq!(pca(array![[1.0, 2.0]].view(), 1), Err(Error::TooFewRows { needed: 2, found: 1 }));
    }

    #[test]
    fn constant_data_explains_nothing_without_nan() {
        let p = pca(array![[1.0, 1.0], [1.0, 1.0]].view(), 1).unwrap();
        assert_eq!(p.explained_variance_ratio, vec![0.0]);
    }
}
