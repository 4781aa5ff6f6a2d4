//! Projections of a table's numeric columns: choose the columns, drop incomplete rows (and say
//! how many), standardise by default, then PCA (or t-SNE / UMAP, which run in steps).

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::data::matrix::numeric_matrix;
use crate::data::Table;
use crate::error::{Error, Result};
use crate::reduce::pca::{pca, Pca};
use crate::reduce::scale::standardize;
use crate::reduce::tsne::{Tsne, TsneParams};
use crate::reduce::umap::{default_epochs, Umap, UmapParams};

use super::estimate::{self, Estimate};

/// Fewer rows than this cannot be projected meaningfully (t-SNE needs neighbours).
pub const MIN_ROWS: usize = 3;

/// Which columns to project and whether to standardise them first.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Selection {
    /// Empty: every numeric column.
    pub columns: Vec<String>,
    pub standardize: bool,
}

impl Default for Selection {
    fn default() -> Self {
        Selection { columns: Vec::new(), standardize: true }
    }
}

/// The matrix a projection works on, and where its rows come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub matrix: Array2<f64>,
    pub columns: Vec<String>,
    /// Table row of each matrix row.
    pub rows: Vec<usize>,
    /// Rows left out because a chosen column was missing there.
    pub dropped: usize,
}

pub fn input(table: &Table, selection: &Selection) -> Result<Input> {
    let numeric = numeric_matrix(table, &selection.columns)?;
    let columns = if selection.columns.is_empty() {
        table.columns().iter().filter(|c| c.dtype() != crate::data::DType::Text).map(|c| c.name.clone()).collect()
    } else {
        selection.columns.clone()
    };
    if columns.is_empty() {
        return Err(Error::NotNumeric { column: table.columns().first().map_or(String::new(), |c| c.name.clone()) });
    }
    if numeric.rows.len() < MIN_ROWS {
        return Err(Error::TooFewRows { needed: MIN_ROWS, found: numeric.rows.len() });
    }
    let mut matrix = numeric.matrix;
    if selection.standardize {
        standardize(&mut matrix);
    }
    Ok(Input { matrix, columns, rows: numeric.rows, dropped: numeric.dropped })
}

/// A PCA of a table, with its rows' provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PcaReport {
    /// Components kept.
    pub k: usize,
    pub columns: Vec<String>,
    pub explained_variance: Vec<f64>,
    pub explained_variance_ratio: Vec<f64>,
    pub all_explained_variance_ratio: Vec<f64>,
    /// One row per component, one entry per column (the loadings).
    pub components: Vec<Vec<f64>>,
    /// `[pc1, pc2, …]` of each kept row, row after row (`k` values a row): flat, so that
    /// 100,000 rows cross into JavaScript as one typed array.
    pub projection: Vec<f64>,
    pub rows: Vec<usize>,
    pub dropped: usize,
}

pub fn pca_report(table: &Table, selection: &Selection, components: usize) -> Result<PcaReport> {
    let input = input(table, selection)?;
    let Pca { components: c, explained_variance, explained_variance_ratio, all_explained_variance_ratio, projection, .. } =
        pca(input.matrix.view(), components)?;
    Ok(PcaReport {
        k: c.nrows(),
        columns: input.columns,
        explained_variance,
        explained_variance_ratio,
        all_explained_variance_ratio,
        components: c.rows().into_iter().map(|r| r.to_vec()).collect(),
        projection: projection.iter().copied().collect(),
        rows: input.rows,
        dropped: input.dropped,
    })
}

/// How t-SNE starts. `Random` (the default here) makes the seed matter, so a re-run with
/// another seed moves the points, as the course warns; `Pca` starts from the first two
/// principal components (scikit-learn's default), which the seed does not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TsneInit {
    #[default]
    Random,
    Pca,
}

/// Starts a t-SNE of the table (the affinities are computed here; `Tsne::step` optimises).
pub fn tsne_run(table: &Table, selection: &Selection, params: &TsneParams, init: TsneInit) -> Result<(Tsne, Input)> {
    let input = input(table, selection)?;
    let start = match init {
        TsneInit::Random => None,
        TsneInit::Pca => Some(pca_start(&input.matrix)?),
    };
    Ok((Tsne::new(input.matrix.view(), start, params)?, input))
}

/// How long `tsne_run` with these settings would take (`estimate::tsne`), before it starts.
pub fn tsne_estimate(table: &Table, selection: &Selection, params: &TsneParams) -> Result<Estimate> {
    let (rows, columns) = input(table, selection)?.matrix.dim();
    Ok(estimate::tsne(rows, columns, params.iterations))
}

/// How long `umap_run` with these settings would take (`estimate::umap`), before it starts.
pub fn umap_estimate(table: &Table, selection: &Selection, params: &UmapParams) -> Result<Estimate> {
    let (rows, columns) = input(table, selection)?.matrix.dim();
    Ok(estimate::umap(rows, columns, params.n_neighbors, params.epochs.unwrap_or(default_epochs(rows))))
}

/// scikit-learn's PCA start: the first two components, scaled so the first has std 1e-4.
fn pca_start(x: &Array2<f64>) -> Result<Array2<f64>> {
    let projection = pca(x.view(), 2.min(x.ncols()))?.projection;
    let first = projection.column(0);
    let std = first.std(0.0);
    let scale = if std > 0.0 { 1e-4 / std } else { 1.0 };
    let mut start = Array2::zeros((x.nrows(), 2));
    for (i, row) in projection.rows().into_iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            start[[i, j]] = v * scale;
        }
    }
    Ok(start)
}

/// Starts a UMAP of the table (the fuzzy graph is built here; `Umap::step` optimises).
pub fn umap_run(table: &Table, selection: &Selection, params: &UmapParams) -> Result<(Umap, Input)> {
    let input = input(table, selection)?;
    Ok((Umap::new(input.matrix.view(), None, params)?, input))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{read, ReadOptions};

    fn table(text: &str) -> Table {
        read(text.as_bytes().to_vec(), &ReadOptions::default()).unwrap().table
    }

    #[test]
    fn two_rows_are_too_few_to_project() {
        let err = pca_report(&table("a,b\n1,2\n3,4\n"), &Selection::default(), 2).unwrap_err();
        assert_eq!(err, Error::TooFewRows { needed: 3, found: 2 });
    }

    #[test]
    fn incomplete_rows_are_dropped_and_counted() {
        let r = pca_report(&table("a,b\n1,2\n3,\n5,7\n2,2\n"), &Selection::default(), 1).unwrap();
        assert_eq!((r.rows.clone(), r.dropped), (vec![0, 2, 3], 1));
    }

    #[test]
    fn text_only_table_cannot_be_projected() {
        assert_eq!(pca_report(&table("a\nx\ny\nz\n"), &Selection::default(), 1).unwrap_err().code(), "not_numeric");
    }

    #[test]
    fn tsne_seed_moves_a_random_start_but_not_a_pca_start() {
        let t = table("a,b,c\n1,2,3\n2,1,0\n5,5,4\n7,8,9\n3,3,1\n9,1,2\n4,6,5\n8,2,7\n");
        let params = |seed| TsneParams { perplexity: 2.0, iterations: 50, seed, theta: 0.0 };
        let layout = |seed, init| {
            let (mut run, _) = tsne_run(&t, &Selection::default(), &params(seed), init).unwrap();
            run.step(50);
            run.embedding().to_owned()
        };
        assert_ne!(layout(1, TsneInit::Random), layout(2, TsneInit::Random));
        assert_eq!(layout(1, TsneInit::Pca), layout(2, TsneInit::Pca));
    }

    #[test]
    fn constant_column_gives_zero_variance_not_nan() {
        let r = pca_report(&table("a,b\n1,5\n2,5\n3,5\n"), &Selection::default(), 2).unwrap();
        assert!(r.explained_variance_ratio.iter().all(|v| v.is_finite()));
        assert_eq!(r.explained_variance_ratio[1], 0.0);
    }
}
