//! How faithful a projection is: trustworthiness (Venna and Kaski), as scikit-learn's
//! `sklearn.manifold.trustworthiness`.

use ndarray::ArrayView2;

use super::neighbors::knn;

/// `1 − 2 / (n k (2n − 3k − 1)) · Σᵢ Σ_{j ∈ Uᵢ} (r(i, j) − k)`, where `Uᵢ` are the `k`
/// nearest neighbours of `i` in the embedding that are not among its `k` nearest in the
/// original space, and `r(i, j)` is the rank of `j` among `i`'s neighbours in the original
/// space (1 = nearest). 1 means every embedded neighbourhood is a true one. Needs `k < n / 2`.
pub fn trustworthiness(original: ArrayView2<f64>, embedded: ArrayView2<f64>, k: usize) -> f64 {
    let n = original.nrows();
    let near = knn(embedded, k);
    let k = near.k;
    let mut penalty = 0.0;
    let mut rank = vec![0usize; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for i in 0..n {
        let xi = original.row(i);
        let d2: Vec<f64> = original.rows().into_iter().map(|xj| xi.iter().zip(xj).map(|(a, b)| (a - b) * (a - b)).sum()).collect();
        order.clear();
        order.extend((0..n).filter(|&j| j != i));
        order.sort_unstable_by(|a, b| d2[*a].total_cmp(&d2[*b]).then(a.cmp(b)));
        for (r, &j) in order.iter().enumerate() {
            rank[j] = r + 1;
        }
        penalty += near.indices.row(i).iter().map(|&j| rank[j].saturating_sub(k) as f64).sum::<f64>();
    }
    let (n, k) = (n as f64, k as f64);
    1.0 - penalty * 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array2};

    #[test]
    fn identity_embedding_is_perfectly_trustworthy() {
        // Irregular values, so no two distances tie.
        let x = Array2::from_shape_fn((30, 3), |(i, j)| ((i * 3 + j) as f64 * 12.9898).sin() * 43.758);
        assert!((trustworthiness(x.view(), x.view(), 5) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn scrambled_embedding_loses_trust() {
        let x = array![[0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0]];
        let e = array![[0.0], [7.0], [2.0], [5.0], [4.0], [3.0], [6.0], [1.0]];
        assert!(trustworthiness(x.view(), e.view(), 2) < 0.9);
    }
}
