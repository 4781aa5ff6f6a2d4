//! The cleaning recipe: an ordered list of steps (drop columns, drop rows, fill missing values)
//! replayed on the loaded table. The recipe is data (serde), so later steps and the experiment
//! journal replay it; each step also reads as the pandas line that does the same.

use serde::{Deserialize, Serialize};

use crate::data::{Cell, Column, DType, Table, Values};
use crate::error::{Error, Result};
use crate::explore::quantile::median;
use crate::explore::value_counts::value_counts;
use crate::explore::Scalar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "==")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
}

impl Op {
    /// Longest first, so `>=` is not read as `>`.
    const ALL: [(&'static str, Op); 6] = [(">=", Op::Ge), ("<=", Op::Le), ("==", Op::Eq), ("!=", Op::Ne), (">", Op::Gt), ("<", Op::Lt)];

    fn symbol(self) -> &'static str {
        Op::ALL.iter().find(|(_, op)| *op == self).map_or("", |(s, _)| s)
    }

    fn holds(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Op::Gt => ordering == Greater,
            Op::Ge => ordering != Less,
            Op::Lt => ordering == Less,
            Op::Le => ordering != Greater,
            Op::Eq => ordering == Equal,
            Op::Ne => ordering != Equal,
        }
    }
}

/// `column op value`, e.g. `Age > 100`. A missing value never satisfies it (pandas' NaN
/// satisfies `!=`, so the pandas line of `!=` adds `notna()`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub column: String,
    pub op: Op,
    pub value: Scalar,
}

impl Condition {
    /// Reads `Age > 100`, `` `sepal length (cm)` <= 4.5 `` or `espèce == setosa` (quotes
    /// around a text value are optional).
    pub fn parse(text: &str) -> Result<Condition> {
        let bad = || Error::BadCondition { text: text.to_string() };
        let (at, symbol, op) = Op::ALL
            .iter()
            .filter_map(|(s, op)| text.find(s).map(|at| (at, *s, *op)))
            .min_by_key(|(at, s, _)| (*at, std::cmp::Reverse(s.len())))
            .ok_or_else(bad)?;
        let column = text[..at].trim().trim_matches('`').trim();
        let raw = text[at + symbol.len()..].trim();
        if column.is_empty() || raw.is_empty() {
            return Err(bad());
        }
        let value = match raw.parse::<f64>() {
            Ok(x) if raw.parse::<i64>().is_ok() => Scalar::Integer(x as i64),
            Ok(x) => Scalar::Float(x),
            Err(_) => Scalar::Text(raw.trim_matches(|c| c == '"' || c == '\'').to_string()),
        };
        Ok(Condition { column: column.to_string(), op, value })
    }

    /// `>`, `>=`, `<` and `<=` need a value of the column's kind (pandas raises a TypeError
    /// for text against a number); `==` and `!=` take any value.
    fn check(&self, column: &Column) -> Result<()> {
        let text = column.dtype() == DType::Text;
        let fits = match self.value {
            Scalar::Text(_) => text,
            Scalar::Integer(_) | Scalar::Float(_) => !text,
            Scalar::Missing => true,
        };
        if fits || matches!(self.op, Op::Eq | Op::Ne) {
            return Ok(());
        }
        Err(Error::Incomparable { column: self.column.clone(), op: self.op.symbol(), value: literal(&self.value) })
    }

    /// A missing value never satisfies the condition; a value that does not compare with
    /// `value` (text against a number, or NaN) is not equal to it, so it satisfies `!=` only.
    fn holds(&self, cell: Cell<'_>) -> bool {
        let ordering = match (cell, &self.value) {
            (Cell::Missing, _) => return false,
            (Cell::Integer(i), v) => (i as f64).partial_cmp(&v.number()),
            (Cell::Float(x), v) => x.partial_cmp(&v.number()),
            (Cell::Text(s), Scalar::Text(v)) => Some(s.cmp(v.as_str())),
            (Cell::Text(_), _) => None,
        };
        ordering.map_or(self.op == Op::Ne, |o| self.op.holds(o))
    }
}

/// What fills the missing values of a column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Fill {
    Constant(Scalar),
    Mean,
    Median,
    /// The most frequent value (the smallest among ties, as pandas' `mode()[0]`).
    MostFrequent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Step {
    DropColumns { columns: Vec<String> },
    /// Rows by their label in the loaded file (0-based, as pandas' default index), which
    /// earlier drops do not shift.
    DropRows { rows: Vec<usize> },
    DropWhere { condition: Condition },
    FillMissing { column: String, fill: Fill },
}

/// A cleaned table and, for each of its rows, its label in the loaded file.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    pub table: Table,
    pub index: Vec<usize>,
}

/// Replays `steps` on `table`; a step that cannot apply is an error naming it (1-based).
pub fn apply(table: &Table, steps: &[Step]) -> Result<Cleaned> {
    let mut cleaned = Cleaned { table: table.clone(), index: (0..table.num_rows()).collect() };
    for (i, step) in steps.iter().enumerate() {
        cleaned = apply_step(cleaned, step).map_err(|e| Error::InStep { step: i + 1, error: Box::new(e) })?;
    }
    Ok(cleaned)
}

fn apply_step(c: Cleaned, step: &Step) -> Result<Cleaned> {
    match step {
        Step::DropColumns { columns } => {
            for name in columns {
                c.table.column(name)?;
            }
            Ok(Cleaned { table: c.table.without_columns(columns), index: c.index })
        }
        Step::DropRows { rows } => drop_rows(c, rows),
        Step::DropWhere { condition } => drop_where(c, condition),
        Step::FillMissing { column, fill } => {
            let mut c = c;
            let filled = fill_missing(c.table.column(column)?, fill)?;
            c.table.replace_column(filled);
            Ok(c)
        }
    }
}

/// Drops the rows labelled `rows`; a label not in the table is an error, as in pandas.
fn drop_rows(c: Cleaned, rows: &[usize]) -> Result<Cleaned> {
    if let Some(&label) = rows.iter().find(|label| !c.index.contains(label)) {
        return Err(Error::UnknownRow { label });
    }
    Ok(keep(c, |_, label| !rows.contains(&label)))
}

fn drop_where(c: Cleaned, condition: &Condition) -> Result<Cleaned> {
    let column = c.table.column(&condition.column)?.clone();
    condition.check(&column)?;
    Ok(keep(c, |r, _| !condition.holds(column.cell(r))))
}

/// Keeps the rows where `keep(row, label)` holds.
fn keep(c: Cleaned, keep: impl Fn(usize, usize) -> bool) -> Cleaned {
    let rows: Vec<usize> = (0..c.table.num_rows()).filter(|&r| keep(r, c.index[r])).collect();
    Cleaned { index: rows.iter().map(|&r| c.index[r]).collect(), table: c.table.take_rows(&rows) }
}

fn fill_missing(column: &Column, fill: &Fill) -> Result<Column> {
    match fill_value(column, fill)? {
        Some(value) => fill_with(column, &value),
        None => Ok(column.clone()),
    }
}

/// The value `fill` puts in `column`'s gaps; None when the column has no value to take a
/// statistic from (it is left as it is).
fn fill_value(column: &Column, fill: &Fill) -> Result<Option<Scalar>> {
    Ok(match fill {
        Fill::Constant(v) => Some(v.clone()),
        Fill::Mean | Fill::Median => {
            let Some(mut x) = column.numbers() else {
                return Err(Error::NotNumeric { column: column.name.clone() });
            };
            if x.is_empty() {
                return Ok(None);
            }
            let v = if *fill == Fill::Mean { x.iter().sum::<f64>() / x.len() as f64 } else { median(&mut x) };
            Some(Scalar::Float(v))
        }
        Fill::MostFrequent => most_frequent(column),
    })
}

/// The recipe's fills as constants, each worth what it was when `steps` were replayed on
/// `table`: replayed on other rows (a file to predict), a median or mean step then fills
/// with the training file's value, not a statistic of the new rows. Only the fills: the
/// other steps choose columns or rows, which prediction does not replay.
pub fn frozen_fills(table: &Table, steps: &[Step]) -> Result<Vec<Step>> {
    let mut cleaned = Cleaned { table: table.clone(), index: (0..table.num_rows()).collect() };
    let mut fills = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let in_step = |e: Error| Error::InStep { step: i + 1, error: Box::new(e) };
        if let Step::FillMissing { column, fill } = step {
            if let Some(value) = fill_value(cleaned.table.column(column).map_err(in_step)?, fill).map_err(in_step)? {
                fills.push(Step::FillMissing { column: column.clone(), fill: Fill::Constant(value) });
            }
        }
        cleaned = apply_step(cleaned, step).map_err(in_step)?;
    }
    Ok(fills)
}

/// `column` with its missing values set to `value` (an integer column has none).
fn fill_with(column: &Column, value: &Scalar) -> Result<Column> {
    let values = match (&column.values, &value) {
        (Values::Integer(_), _) | (_, Scalar::Missing) => column.values.clone(),
        (Values::Float(v), Scalar::Integer(i)) => Values::Float(v.iter().map(|x| if x.is_nan() { *i as f64 } else { *x }).collect()),
        (Values::Float(v), Scalar::Float(f)) => Values::Float(v.iter().map(|x| if x.is_nan() { *f } else { *x }).collect()),
        (Values::Float(_), Scalar::Text(t)) => {
            return Err(Error::FillType { column: column.name.clone(), value: t.clone() });
        }
        (Values::Text(v), fill) => {
            let text = match fill {
                Scalar::Integer(i) => i.to_string(),
                Scalar::Float(f) => f.to_string(),
                Scalar::Text(t) => t.clone(),
                Scalar::Missing => String::new(),
            };
            Values::Text(v.iter().map(|s| Some(s.clone().unwrap_or_else(|| text.clone()))).collect())
        }
    };
    Ok(Column::new(column.name.clone(), values))
}

/// The most frequent value; among ties the smallest, as pandas' `mode()[0]`.
pub(crate) fn most_frequent(column: &Column) -> Option<Scalar> {
    let counts = value_counts(column, true);
    let top = counts.first()?.count;
    counts.into_iter().take_while(|v| v.count == top).map(|v| v.value).min_by(Scalar::compare)
}

/// A string as a Python literal (JSON's escapes are Python's).
pub(crate) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A value as a Python literal.
pub(crate) fn literal(v: &Scalar) -> String {
    match v {
        Scalar::Integer(i) => i.to_string(),
        Scalar::Float(x) => format!("{x:?}"),
        Scalar::Text(t) => quoted(t),
        Scalar::Missing => "None".into(),
    }
}

/// The pandas line that does what `step` does, for the student to read and reuse; run on the
/// same table, it gives the same table (tests/recipe_pandas.rs checks each operation).
pub fn pandas_line(step: &Step) -> String {
    match step {
        Step::DropColumns { columns } => {
            format!("df = df.drop(columns=[{}])", columns.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", "))
        }
        Step::DropRows { rows } => {
            format!("df = df.drop(index=[{}])", rows.iter().map(usize::to_string).collect::<Vec<_>>().join(", "))
        }
        Step::DropWhere { condition: c } => {
            let col = format!("df[{}]", quoted(&c.column));
            let test = format!("{col} {} {}", c.op.symbol(), literal(&c.value));
            // In pandas NaN != v is True; here a missing value satisfies no condition.
            if c.op == Op::Ne {
                format!("df = df[~(({test}) & {col}.notna())]")
            } else {
                format!("df = df[~({test})]")
            }
        }
        Step::FillMissing { column, fill } => {
            let col = format!("df[{}]", quoted(column));
            format!("{col} = {col}.fillna({})", fill_pandas(column, fill))
        }
    }
}

/// The pandas expression of what fills `column`'s gaps (`df["x"].median()`, `0`).
pub(crate) fn fill_pandas(column: &str, fill: &Fill) -> String {
    let col = format!("df[{}]", quoted(column));
    match fill {
        Fill::Constant(v) => literal(v),
        Fill::Mean => format!("{col}.mean()"),
        Fill::Median => format!("{col}.median()"),
        Fill::MostFrequent => format!("{col}.mode()[0]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_read_column_operator_value() {
        let c = Condition::parse("Age >= 100").unwrap();
        assert_eq!(c, Condition { column: "Age".into(), op: Op::Ge, value: Scalar::Integer(100) });
        let c = Condition::parse("`sepal length (cm)` < 4.5").unwrap();
        assert_eq!((c.column.as_str(), c.op, c.value), ("sepal length (cm)", Op::Lt, Scalar::Float(4.5)));
        assert_eq!(Condition::parse("species == 'setosa'").unwrap().value, Scalar::Text("setosa".into()));
    }

    #[test]
    fn condition_without_operator_is_a_clear_error() {
        assert_eq!(Condition::parse("Age 100"), Err(Error::BadCondition { text: "Age 100".into() }));
        assert_eq!(Condition::parse("> 3").unwrap_err().code(), "bad_condition");
    }

    #[test]
    fn steps_read_as_pandas() {
        let drop = Step::DropWhere { condition: Condition::parse("Age > 100").unwrap() };
        assert_eq!(pandas_line(&drop), "df = df[~(df[\"Age\"] > 100)]");
        let other = Step::DropWhere { condition: Condition::parse("espèce != setosa").unwrap() };
        assert_eq!(pandas_line(&other), "df = df[~((df[\"espèce\"] != \"setosa\") & df[\"espèce\"].notna())]");
        let fill = Step::FillMissing { column: "malade".into(), fill: Fill::Constant(Scalar::Integer(0)) };
        assert_eq!(pandas_line(&fill), "df[\"malade\"] = df[\"malade\"].fillna(0)");
        assert_eq!(pandas_line(&Step::DropRows { rows: vec![9] }), "df = df.drop(index=[9])");
    }

    #[test]
    fn step_is_serialised_as_tagged_data() {
        let s = Step::FillMissing { column: "x".into(), fill: Fill::Mean };
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"{"op":"fill_missing","column":"x","fill":{"kind":"mean"}}"#);
        assert_eq!(serde_json::from_str::<Step>(&json).unwrap(), s);
    }
}
