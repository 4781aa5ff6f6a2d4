//! From a table to the numeric matrix that projections and models take.

use ndarray::Array2;

use super::table::Table;
use crate::error::{Error, Result};

/// Chosen numeric columns as an `n × p` matrix, with the rows kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Numeric {
    pub matrix: Array2<f64>,
    /// Table row of each matrix row: rows with a missing value in a chosen column are left out
    /// (the caller says how many: `dropped`).
    pub rows: Vec<usize>,
    pub dropped: usize,
}

/// The `columns` of `table` (every numeric column when empty) as numbers. A text column is an
/// error naming it; rows with a missing value are dropped and counted, never filled silently.
pub fn numeric_matrix(table: &Table, columns: &[String]) -> Result<Numeric> {
    let chosen: Vec<&super::Column> = if columns.is_empty() {
        table.columns().iter().filter(|c| c.dtype() != super::DType::Text).collect()
    } else {
        columns.iter().map(|name| table.column(name)).collect::<Result<_>>()?
    };
    if let Some(text) = chosen.iter().find(|c| c.dtype() == super::DType::Text) {
        return Err(Error::NotNumeric { column: text.name.clone() });
    }
    // Column by column (contiguous reads), NaN for missing, then the complete rows in row-major
    // order: the matrix of a 100,000-row table is built in one pass per column.
    let columns: Vec<Vec<f64>> = chosen.iter().map(|c| c.numbers_with_nan()).collect();
    let rows: Vec<usize> = (0..table.num_rows()).filter(|&r| columns.iter().all(|c| !c[r].is_nan())).collect();
    let mut data = Vec::with_capacity(rows.len() * columns.len());
    for &r in &rows {
        data.extend(columns.iter().map(|c| c[r]));
    }
    let matrix = Array2::from_shape_vec((rows.len(), columns.len()), data).unwrap_or_default();
    Ok(Numeric { dropped: table.num_rows() - rows.len(), matrix, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{read, ReadOptions};

    fn table(text: &str) -> Table {
        read(text.as_bytes().to_vec(), &ReadOptions::default()).unwrap().table
    }

    #[test]
    fn rows_with_missing_values_are_dropped_and_counted() {
        let n = numeric_matrix(&table("a,b,c\n1,2,x\n3,,y\n5,6,z\n"), &[]).unwrap();
        assert_eq!((n.matrix.dim(), n.rows, n.dropped), ((2, 2), vec![0, 2], 1));
    }

    #[test]
    fn text_column_is_named_in_the_error() {
        let err = numeric_matrix(&table("a,b\n1,x\n"), &["a".into(), "b".into()]).unwrap_err();
        assert_eq!(err, Error::NotNumeric { column: "b".into() });
    }
}
