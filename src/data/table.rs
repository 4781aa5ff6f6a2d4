//! `Table`: named, typed columns with missing values kept as missing. Uses nothing else.

/// The type of a column, as the student sees it (and as pandas would read it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    /// Whole numbers with no missing value (pandas `int64`).
    Integer,
    /// Numbers, missing values as NaN (pandas `float64`; integers with gaps land here too).
    Float,
    /// Anything else (pandas `str`/`object`).
    Text,
}

impl DType {
    pub fn name(self) -> &'static str {
        match self {
            DType::Integer => "integer",
            DType::Float => "float",
            DType::Text => "text",
        }
    }
}

/// A column's values. Integers cannot be missing (as in pandas: a gap makes the column float).
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    Integer(Vec<i64>),
    /// NaN = missing.
    Float(Vec<f64>),
    Text(Vec<Option<String>>),
}

/// One cell, borrowed from its column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Integer(i64),
    Float(f64),
    Text(&'a str),
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub values: Values,
}

impl Column {
    pub fn new(name: impl Into<String>, values: Values) -> Column {
        Column { name: name.into(), values }
    }

    pub fn dtype(&self) -> DType {
        match self.values {
            Values::Integer(_) => DType::Integer,
            Values::Float(_) => DType::Float,
            Values::Text(_) => DType::Text,
        }
    }

    pub fn len(&self) -> usize {
        match &self.values {
            Values::Integer(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::Text(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn cell(&self, row: usize) -> Cell<'_> {
        match &self.values {
            Values::Integer(v) => Cell::Integer(v[row]),
            Values::Float(v) if v[row].is_nan() => Cell::Missing,
            Values::Float(v) => Cell::Float(v[row]),
            Values::Text(v) => v[row].as_deref().map_or(Cell::Missing, Cell::Text),
        }
    }

    pub fn is_missing(&self, row: usize) -> bool {
        matches!(self.cell(row), Cell::Missing)
    }

    /// The non-missing values as numbers, in row order; `None` for a text column.
    pub fn numbers(&self) -> Option<Vec<f64>> {
        match &self.values {
            Values::Integer(v) => Some(v.iter().map(|&x| x as f64).collect()),
            Values::Float(v) => Some(v.iter().copied().filter(|x| !x.is_nan()).collect()),
            Values::Text(_) => None,
        }
    }

    /// The values at `rows`, in that order.
    pub fn take(&self, rows: &[usize]) -> Column {
        let values = match &self.values {
            Values::Integer(v) => Values::Integer(rows.iter().map(|&r| v[r]).collect()),
            Values::Float(v) => Values::Float(rows.iter().map(|&r| v[r]).collect()),
            Values::Text(v) => Values::Text(rows.iter().map(|&r| v[r].clone()).collect()),
        };
        Column::new(self.name.clone(), values)
    }

    /// Every row's number, NaN where missing (and everywhere for a text column): the form
    /// matrices, correlations and charts take.
    pub fn numbers_with_nan(&self) -> Vec<f64> {
        match &self.values {
            Values::Integer(v) => v.iter().map(|&i| i as f64).collect(),
            Values::Float(v) => v.clone(),
            Values::Text(v) => vec![f64::NAN; v.len()],
        }
    }

    /// Bytes the values take in memory (strings count their heap bytes), as `info` reports.
    pub fn memory(&self) -> usize {
        match &self.values {
            Values::Integer(v) => v.len() * 8,
            Values::Float(v) => v.len() * 8,
            Values::Text(v) => v.iter().map(|s| 24 + s.as_ref().map_or(0, String::len)).sum(),
        }
    }
}

/// A data set: columns of equal length.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    columns: Vec<Column>,
}

impl Table {
    /// Builds a table; callers guarantee equal lengths (the readers do).
    pub fn new(columns: Vec<Column>) -> Table {
        debug_assert!(columns.windows(2).all(|w| w[0].len() == w[1].len()));
        Table { columns }
    }

    pub fn num_rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }

    pub fn num_columns(&self) -> usize {
        self.columns.len()
    }

    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    pub fn column(&self, name: &str) -> crate::error::Result<&Column> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| crate::Error::UnknownColumn { name: name.to_string() })
    }

    /// The rows at `rows`, in that order.
    pub fn take_rows(&self, rows: &[usize]) -> Table {
        Table::new(self.columns.iter().map(|c| c.take(rows)).collect())
    }

    /// Every column but those named.
    pub fn without_columns(&self, names: &[String]) -> Table {
        Table::new(self.columns.iter().filter(|c| !names.contains(&c.name)).cloned().collect())
    }

    /// Replaces the column of the same name (a no-op when there is none).
    pub fn replace_column(&mut self, column: Column) {
        if let Some(slot) = self.columns.iter_mut().find(|c| c.name == column.name) {
            *slot = column;
        }
    }

    /// Rows `start .. start + n` (clamped), each a vector of cells in column order.
    pub fn rows(&self, start: usize, n: usize) -> Vec<Vec<Cell<'_>>> {
        let end = start.saturating_add(n).min(self.num_rows());
        (start.min(end)..end)
            .map(|r| self.columns.iter().map(|c| c.cell(r)).collect())
            .collect()
    }
}
