//! Each recipe operation against pandas 3.1.1: a case of tests/fixtures/recipe_pandas.json
//! (written by tests/fixtures/gen/recipe_pandas.py) is a CSV, one step and the pandas line
//! Atelier shows for it; pandas ran the line, Atelier replays the step, and the tables agree
//! (or both refuse).

use crate::common;

use std::collections::BTreeSet;

use atelier::data::Cell;
use atelier::error::Lang;
use atelier::prep::recipe::{apply, pandas_line, Cleaned, Step};
use common::{assert_close, table};
use serde_json::Value;

const REGENERATE: &str = "run python3 tests/fixtures/gen/recipe_pandas.py";

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/recipe_pandas.json")).unwrap();
    let golden: Value = serde_json::from_str(&text).unwrap();
    golden["cases"].as_array().unwrap().clone()
}

fn step(case: &Value) -> Step {
    serde_json::from_value(case["step"].clone()).unwrap()
}

/// What a case exercises: the operation, with its operator or fill kind.
fn exercises(case: &Value) -> String {
    let s = &case["step"];
    let detail = s["condition"]["op"].as_str().or(s["fill"]["kind"].as_str()).unwrap_or("");
    format!("{} {detail}", s["op"].as_str().unwrap()).trim().to_string()
}

#[test]
fn cases_cover_every_operation_operator_and_fill() {
    let covered: BTreeSet<String> = cases().iter().map(exercises).collect();
    let ops = [">", ">=", "<", "<=", "==", "!="].map(|op| format!("drop_where {op}"));
    let fills = ["constant", "mean", "median", "most_frequent"].map(|kind| format!("fill_missing {kind}"));
    for want in ["drop_columns".to_string(), "drop_rows".to_string()].iter().chain(&ops).chain(&fills) {
        assert!(covered.contains(want), "no pandas case for {want}");
    }
}

#[test]
fn each_case_holds_the_pandas_line_atelier_shows_today() {
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        assert_eq!(pandas_line(&step(&case)), case["line"].as_str().unwrap(), "{name}: the line changed, {REGENERATE}");
    }
}

#[test]
fn each_step_gives_the_table_its_pandas_line_gives() {
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let cleaned = apply(&table(case["csv"].as_str().unwrap()), &[step(&case)]);
        match (&case["error"], cleaned) {
            (Value::String(_), Err(_)) => {}
            (Value::String(raised), Ok(_)) => panic!("{name}: pandas raised {raised}, Atelier applied the step"),
            (_, Err(e)) => panic!("{name}: pandas applied the line, Atelier refused: {}", e.message(Lang::En)),
            (_, Ok(cleaned)) => assert_same_table(name, &cleaned, &case["table"]),
        }
    }
}

/// Same columns, index labels and values; dtypes may differ where the values do not (pandas'
/// 1.0 after `fillna` of an integer, Atelier's 1).
fn assert_same_table(name: &str, got: &Cleaned, want: &Value) {
    let columns: Vec<&str> = got.table.columns().iter().map(|c| c.name.as_str()).collect();
    let want_columns: Vec<&str> = want["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(columns, want_columns, "{name}: columns");
    let want_index: Vec<usize> = want["index"].as_array().unwrap().iter().map(|i| i.as_u64().unwrap() as usize).collect();
    assert_eq!(got.index, want_index, "{name}: index labels");
    let rows = want["rows"].as_array().unwrap();
    assert_eq!(got.table.num_rows(), rows.len(), "{name}: rows");
    for (r, row) in rows.iter().enumerate() {
        let row = row.as_array().unwrap();
        assert_eq!(row.len(), columns.len(), "{name}: row {r} width");
        for (column, want) in got.table.columns().iter().zip(row) {
            assert_same_cell(column.cell(r), want, &format!("{name}: row {r}, column {}", column.name));
        }
    }
}

/// Missing as missing, text as text, numbers by value.
fn assert_same_cell(got: Cell<'_>, want: &Value, what: &str) {
    match (got, want) {
        (Cell::Missing, Value::Null) => {}
        (Cell::Text(s), Value::String(w)) => assert_eq!(s, w, "{what}"),
        // 1e-12: a mean summed in another order (numpy's pairwise sum) may differ in the last bit.
        (Cell::Integer(i), Value::Number(w)) => assert_close(i as f64, w.as_f64().unwrap(), 1e-12, what),
        (Cell::Float(x), Value::Number(w)) => assert_close(x, w.as_f64().unwrap(), 1e-12, what),
        (got, want) => panic!("{what}: got {got:?}, pandas has {want}"),
    }
}
