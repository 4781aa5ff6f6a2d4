//! The decision boundary of any fitted model on two axes: the model's score on a grid over a
//! plane of feature space, for the page to shade and to draw the threshold's contour, with the
//! training rows as points on the same plane.
//!
//! The plane is either
//! - two features (`Axes::Features(i, j)`): every other feature is held at its training mean.
//!   A model of `p` features lives in `p` dimensions; the grid is the slice through the data's
//!   centre parallel to features `i` and `j`. A point is a row's `(xᵢ, xⱼ)`, whatever its other
//!   features: with more than two features a point can sit on the wrong side of the slice's
//!   contour and still be classified right (its own other features differ from the means).
//! - the first two principal components (`Axes::Components`), by `reduce::pca::pca` of the
//!   training matrix as given (the prepared, scaled features the model learnt): the grid
//!   point `(z₁, z₂)` is the row `mean + z₁ v₁ + z₂ v₂`, the plane through the mean spanned by
//!   the two components, and a point is a row's projection `((x − mean)·v₁, (x − mean)·v₂)`.
//!   Rows off that plane are drawn at their projection: the same caveat, and `explained` says
//!   how much of the data the plane holds.
//!
//! Whether a point is misclassified is always decided on its own row (its full features), by
//! the model's score against the threshold: the count is the model's, not the picture's.

use ndarray::{s, Array2, ArrayView2, Axis};
use serde::{Deserialize, Serialize};

use crate::error::{check_within, Error, Need, Result};
use crate::learn::linalg::check_rows;
use crate::learn::Model;
use crate::reduce::pca::pca;

/// Grid points per axis, at least and at most.
pub const MIN_RESOLUTION: usize = 10;
pub const MAX_RESOLUTION: usize = 150;
/// Points (training rows) drawn at most: above, an evenly spaced subsample.
pub const MAX_POINTS: usize = 5_000;
/// The grid spans the points' range plus this fraction of it on each side.
pub const MARGIN: f64 = 0.05;

/// The plane of the picture. JSON: `{ "features": [i, j] }` (column indices of the prepared
/// matrix, horizontal then vertical) or `"components"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axes {
    Features(usize, usize),
    Components,
}

/// A model's scores on a grid, and the training rows on the same plane.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Boundary {
    pub axes: Axes,
    /// The grid's horizontal extent: `nx` points from `x_range[0]` to `x_range[1]`, both
    /// included, evenly spaced.
    pub x_range: [f64; 2],
    /// The vertical extent: `ny` points.
    pub y_range: [f64; 2],
    pub nx: usize,
    pub ny: usize,
    /// Row-major, one row per vertical position, bottom (`y_range[0]`) first:
    /// `scores[j * nx + i]` is the score at `(x_range[0] + i Δx, y_range[0] + j Δy)`,
    /// `Δx = (x_range[1] − x_range[0]) / (nx − 1)`. Probabilities, or the SVM's decision.
    pub scores: Vec<f64>,
    /// The contour to draw: a row is predicted positive when its score ≥ `threshold`.
    pub threshold: f64,
    /// The scores' scale for the colours: `[0, 1]` for probabilities, the grid's lowest and
    /// highest value for the SVM's decision (widened to hold the threshold).
    pub score_range: [f64; 2],
    /// The points' coordinates on the plane.
    pub points_x: Vec<f64>,
    pub points_y: Vec<f64>,
    /// The training row (0-based position in `x`) of each point.
    pub rows: Vec<usize>,
    /// The training rows there are (`rows.len()` is at most `MAX_POINTS` of them).
    pub total_rows: usize,
    /// Each point's class is the positive one.
    pub positive: Vec<bool>,
    /// The model's prediction for the point's row (score ≥ threshold) disagrees with its class.
    pub misclassified: Vec<bool>,
    /// The training mean of every feature: where the other features are held
    /// (`Features`), the plane's origin (`Components`).
    pub mean: Vec<f64>,
    /// `Components`: the share of the variance along PC1 and PC2; `None` for `Features`.
    pub explained: Option<[f64; 2]>,
    /// `Components`: PC1 and PC2, one weight per feature (unit length; the sign makes each
    /// one's largest weight positive); `None` for `Features`.
    pub components: Option<[Vec<f64>; 2]>,
}

/// The decision boundary of `model`, fitted on `x` (the prepared training matrix) with class
/// indices `y`, scoring class `positive`, on a `resolution × resolution` grid (10 to 150).
///
/// Points: every training row up to `MAX_POINTS`; above, rows `⌊k n / MAX_POINTS⌋` for
/// `k = 0..MAX_POINTS` (evenly spaced through `x`, the same on every call; the grid's range
/// still covers every row).
///
/// Errors: fewer than two features `BadParam { field: "boundary.features", need: AtLeast(2) }`;
/// a feature index past the last `OutOfRange { name: "boundary.axes" }`; the same feature
/// twice `BadParam { field: "boundary.axes" }` listing the others; `resolution` outside 10..=150
/// `OutOfRange { name: "boundary.resolution" }`; a non-finite threshold `OutOfRange { name:
/// "boundary.threshold" }`; `positive` not a class of the model `OutOfRange { name: "class
/// index" }`; labels and rows of different counts, or a non-finite feature, as `check_rows`.
pub fn boundary(model: &Model, positive: usize, x: ArrayView2<f64>, y: &[usize], threshold: f64, axes: &Axes, resolution: usize) -> Result<Boundary> {
    let (n, p) = x.dim();
    check_rows(x, y.len())?;
    if p < 2 {
        return Err(Error::BadParam { field: "boundary.features".into(), value: p.to_string(), need: Need::AtLeast(2) });
    }
    if n == 0 {
        return Err(Error::TooFewRows { needed: 1, found: 0 });
    }
    check_within("boundary.resolution", resolution, MIN_RESOLUTION, MAX_RESOLUTION)?;
    if !threshold.is_finite() {
        return Err(Error::OutOfRange { name: "boundary.threshold", value: threshold, min: f64::MIN, max: f64::MAX });
    }
    check_positive(model, x, positive)?;

    // The plane: each row's coordinates on it, and the grid point `(u, v)` as the row
    // `origin + u·dx + v·dy`. Two features: the mean with both features zeroed and the unit
    // vectors of the two features (so the other features are exactly their means).
    let (coords, mean, origin, [dx, dy], explained, components) = match *axes {
        Axes::Features(i, j) => {
            for k in [i, j] {
                if k >= p {
                    return Err(Error::OutOfRange { name: "boundary.axes", value: k as f64, min: 0.0, max: (p - 1) as f64 });
                }
            }
            if i == j {
                let others = (0..p).filter(|&k| k != i).map(|k| k.to_string()).collect();
                return Err(Error::BadParam { field: "boundary.axes".into(), value: format!("[{i}, {j}]"), need: Need::OneOf(others) });
            }
            let mean = column_means(x);
            let mut origin = mean.clone();
            (origin[i], origin[j]) = (0.0, 0.0);
            let unit = |k: usize| (0..p).map(|c| f64::from(u8::from(c == k))).collect::<Vec<f64>>();
            (x.select(Axis(1), &[i, j]), mean, origin, [unit(i), unit(j)], None, None)
        }
        Axes::Components => {
            let fit = pca(x, 2)?;
            let ratio = [fit.explained_variance_ratio[0], fit.explained_variance_ratio[1]];
            let v = [fit.components.row(0).to_vec(), fit.components.row(1).to_vec()];
            (fit.projection, fit.mean.clone(), fit.mean, v.clone(), Some(ratio), Some(v))
        }
    };

    let x_range = padded(coords.column(0).iter().copied());
    let y_range = padded(coords.column(1).iter().copied());
    let (gx, gy) = (linspace(x_range, resolution), linspace(y_range, resolution));
    let mut grid = Array2::zeros((resolution * resolution, p));
    for (j, &v) in gy.iter().enumerate() {
        for (i, &u) in gx.iter().enumerate() {
            let mut row = grid.row_mut(j * resolution + i);
            for (k, cell) in row.iter_mut().enumerate() {
                *cell = origin[k] + u * dx[k] + v * dy[k];
            }
        }
    }
    let scores = model.scores(grid.view(), positive);

    let rows = sample(n);
    let own = model.scores(x.select(Axis(0), &rows).view(), positive);
    let is_positive: Vec<bool> = rows.iter().map(|&r| y[r] == positive).collect();
    let misclassified = own.iter().zip(&is_positive).map(|(&s, &pos)| (s >= threshold) != pos).collect();
    let score_range = match model {
        Model::Svm(_) => scores.iter().filter(|v| v.is_finite()).fold([threshold, threshold], |[lo, hi], &v| [lo.min(v), hi.max(v)]),
        _ => [0.0, 1.0],
    };
    Ok(Boundary {
        score_range,
        axes: *axes,
        x_range,
        y_range,
        nx: resolution,
        ny: resolution,
        scores,
        threshold,
        points_x: rows.iter().map(|&r| coords[[r, 0]]).collect(),
        points_y: rows.iter().map(|&r| coords[[r, 1]]).collect(),
        total_rows: n,
        rows,
        positive: is_positive,
        misclassified,
        mean,
        explained,
        components,
    })
}

/// `positive` must be a column of the model's class scores: the binary models (logistic
/// regression, linear SVM, a network) score their own positive class whatever it is; the others give one
/// column per class, counted on the first row.
fn check_positive(model: &Model, x: ArrayView2<f64>, positive: usize) -> Result<()> {
    let first = x.slice(s![..1, ..]);
    let classes = match model {
        Model::Logistic(_) | Model::Svm(_) | Model::Network(_) | Model::Layered(_) => return Ok(()),
        Model::Knn(m) => m.proba(first).ncols(),
        Model::GaussianNb(m) => m.proba(first).ncols(),
        Model::Tree(m) => m.proba(first).ncols(),
        Model::Forest(m) => m.proba(first).ncols(),
    };
    if positive < classes {
        Ok(())
    } else {
        Err(Error::OutOfRange { name: "class index", value: positive as f64, min: 0.0, max: classes as f64 - 1.0 })
    }
}

/// Every column's mean, summed in row order.
fn column_means(x: ArrayView2<f64>) -> Vec<f64> {
    let n = x.nrows() as f64;
    (0..x.ncols()).map(|k| x.column(k).iter().fold(0.0, |s, v| s + v) / n).collect()
}

/// The values' range widened by `MARGIN` of it on each side; a constant axis (no range) gets
/// ±0.5 around its value.
fn padded(values: impl Iterator<Item = f64>) -> [f64; 2] {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = if hi > lo { MARGIN * (hi - lo) } else { 0.5 };
    [lo - pad, hi + pad]
}

/// `count ≥ 2` evenly spaced values from `lo` to `hi`, both ends exact.
fn linspace([lo, hi]: [f64; 2], count: usize) -> Vec<f64> {
    let last = (count - 1) as f64;
    (0..count).map(|i| if i + 1 == count { hi } else { lo + (hi - lo) * (i as f64 / last) }).collect()
}

/// The rows drawn: all of them up to `MAX_POINTS`, else `⌊k n / MAX_POINTS⌋`.
fn sample(n: usize) -> Vec<usize> {
    if n <= MAX_POINTS {
        return (0..n).collect();
    }
    (0..MAX_POINTS).map(|k| (k as u64 * n as u64 / MAX_POINTS as u64) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_evenly_spaced_and_distinct() {
        assert_eq!(sample(3), vec![0, 1, 2]);
        let rows = sample(12_345);
        assert_eq!(rows.len(), MAX_POINTS);
        assert!(rows.windows(2).all(|w| w[1] > w[0]) && rows[0] == 0 && *rows.last().unwrap() < 12_345);
    }

    #[test]
    fn padding_widens_by_the_margin_and_a_constant_gets_a_unit_span() {
        assert_eq!(padded([0.0, 10.0].into_iter()), [-0.5, 10.5]);
        assert_eq!(padded([2.0, 2.0].into_iter()), [1.5, 2.5]);
    }
}
