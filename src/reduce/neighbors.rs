//! Exact k nearest neighbours (Euclidean), shared by t-SNE, UMAP and the quality measures.

use ndarray::{s, Array2, ArrayView2, Axis};

/// For each row, its `k` nearest other rows, nearest first (ties broken by index, so results
/// are deterministic), with their Euclidean distances.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbors {
    pub k: usize,
    /// `n × k` row indices.
    pub indices: Array2<usize>,
    /// `n × k` distances, matching `indices`.
    pub distances: Array2<f64>,
}

/// Rows compared per block: the block's distances to every row are one matrix product.
const BLOCK: usize = 256;

/// Brute force by blocks, `‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b`, with the products done by
/// `ndarray`'s blocked matrix multiply: O(n² d) work but cache-friendly, and exact (no
/// approximate index whose misses would change the picture a student sees).
pub fn knn(x: ArrayView2<f64>, k: usize) -> Neighbors {
    let n = x.nrows();
    let k = k.min(n.saturating_sub(1));
    let norms: Vec<f64> = x.rows().into_iter().map(|r| r.dot(&r)).collect();
    let mut indices = Array2::zeros((n, k));
    let mut distances = Array2::zeros((n, k));
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for start in (0..n).step_by(BLOCK) {
        let end = (start + BLOCK).min(n);
        let products = x.slice(s![start..end, ..]).dot(&x.t());
        for (offset, row) in products.axis_iter(Axis(0)).enumerate() {
            let i = start + offset;
            let d2 = |j: usize| (norms[i] + norms[j] - 2.0 * row[j]).max(0.0);
            order.clear();
            order.extend((0..n).filter(|&j| j != i));
            let cmp = |a: &usize, b: &usize| d2(*a).total_cmp(&d2(*b)).then(a.cmp(b));
            if k < order.len() {
                order.select_nth_unstable_by(k, cmp);
                order.truncate(k);
            }
            order.sort_unstable_by(cmp);
            for (slot, &j) in order.iter().enumerate() {
                indices[[i, slot]] = j;
                distances[[i, slot]] = d2(j).sqrt();
            }
        }
    }
    Neighbors { k, indices, distances }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn nearest_points_come_first_with_their_distances() {
        let x = array![[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [0.0, 2.0]];
        let nn = knn(x.view(), 2);
        assert_eq!(nn.indices.row(0).to_vec(), vec![1, 3]);
        assert_eq!(nn.distances.row(0).to_vec(), vec![1.0, 2.0]);
        assert_eq!(nn.indices.row(2).to_vec(), vec![1, 0]);
    }

    #[test]
    fn ties_are_broken_by_index() {
        let x = array![[0.0], [1.0], [-1.0]];
        assert_eq!(knn(x.view(), 2).indices.row(0).to_vec(), vec![1, 2]);
    }

    #[test]
    fn k_is_capped_at_the_other_rows() {
        let x = array![[0.0], [1.0]];
        assert_eq!(knn(x.view(), 5).k, 1);
    }
}
