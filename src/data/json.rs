//! JSON tables: a list of records `[{"a": 1}, …]` or an object of columns `{"a": [1, 2]}`.

use serde_json::{Map, Value};

use super::builder::{ColumnBuilder, Raw};
use super::limits::{json_values, Limits};
use super::table::{Column, Table};
use crate::error::{Error, Result, Shape};

/// Reads a JSON table of at most `limits.columns` columns, refused before parsing when its
/// values would pass `limits.memory` (serde_json builds the whole tree before the table).
/// `size` is the file's, for the message.
pub fn read_json(text: &[u8], size: usize, limits: &Limits) -> Result<Table> {
    limits.check_values(size, json_values(text), std::mem::size_of::<Value>(), text.len())?;
    let value: Value = serde_json::from_slice(text).map_err(|e| Error::JsonSyntax {
        line: e.line(),
        column: e.column(),
        detail: e.to_string().split(" at line").next().unwrap_or_default().to_string(),
    })?;
    match value {
        Value::Array(items) => records(&items, limits),
        Value::Object(map) => {
            limits.check_columns(map.len())?;
            columns(&map)
        }
        other => Err(Error::NotATable(Shape::TopLevel { kind: kind(&other) })),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A JSON value as a cell; objects and arrays are not cells.
fn raw<'a>(v: &'a Value, row: usize, column: &str) -> Result<Raw<'a>> {
    Ok(match v {
        Value::Null => Raw::Missing,
        Value::Bool(true) => Raw::Text("true"),
        Value::Bool(false) => Raw::Text("false"),
        Value::Number(n) => n.as_i64().map_or_else(|| Raw::Float(n.as_f64().unwrap_or(f64::NAN)), Raw::Int),
        Value::String(s) => Raw::Text(s),
        Value::Array(_) | Value::Object(_) => {
            return Err(Error::NestedValue { row, column: column.to_string() })
        }
    })
}

fn records(items: &[Value], limits: &Limits) -> Result<Table> {
    if items.is_empty() {
        return Err(Error::NotATable(Shape::EmptyList));
    }
    let objects = items
        .iter()
        .enumerate()
        .map(|(i, item)| item.as_object().ok_or(Error::NotATable(Shape::RecordNotObject { row: i + 1 })))
        .collect::<Result<Vec<_>>>()?;
    // Keys in order of first appearance; the set keeps a wide record from costing n².
    let mut names: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for record in &objects {
        for key in record.keys() {
            if seen.insert(key.as_str()) {
                names.push(key);
            }
        }
        limits.check_columns(names.len())?;
    }
    let mut builders: Vec<ColumnBuilder> = names.iter().map(|_| ColumnBuilder::new()).collect();
    for (i, record) in objects.iter().enumerate() {
        for (name, builder) in names.iter().zip(&mut builders) {
            builder.push(record.get(*name).map_or(Ok(Raw::Missing), |v| raw(v, i + 1, name))?);
        }
    }
    Ok(build(names.iter().map(|s| s.to_string()), builders))
}

fn columns(map: &Map<String, Value>) -> Result<Table> {
    let mut expected = None;
    let mut builders = Vec::with_capacity(map.len());
    for (name, values) in map {
        let list = values.as_array().ok_or_else(|| Error::NotATable(Shape::ColumnNotList { column: name.clone() }))?;
        let want = *expected.get_or_insert(list.len());
        if list.len() != want {
            return Err(Error::NotATable(Shape::LengthMismatch { column: name.clone(), found: list.len(), expected: want }));
        }
        let mut builder = ColumnBuilder::new();
        for (i, v) in list.iter().enumerate() {
            builder.push(raw(v, i + 1, name)?);
        }
        builders.push(builder);
    }
    match expected {
        None => Err(Error::NotATable(Shape::EmptyList)),
        Some(0) => Err(Error::HeaderOnly),
        Some(_) => Ok(build(map.keys().cloned(), builders)),
    }
}

fn build(names: impl Iterator<Item = String>, builders: Vec<ColumnBuilder>) -> Table {
    Table::new(names.zip(builders).map(|(n, b)| Column::new(n, b.finish())).collect())
}
