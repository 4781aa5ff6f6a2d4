//! describe, info and value_counts against pandas 3.1.1 (tests/fixtures/describe.json, copied
//! from shared/golden: its "how" string gives the exact calls).

use crate::common;

use atelier::explore::{describe, info, value_counts, Scalar};
use common::{assert_close, dataset};
use serde_json::Value;

fn golden() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/describe.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[test]
fn describe_matches_pandas_to_1e9_on_every_golden_dataset() {
    let golden = golden();
    for (name, g) in golden["datasets"].as_object().unwrap() {
        let table = dataset(g["file"].as_str().unwrap());
        let d = describe(&table);
        assert_eq!(d.rows as u64, g["n_rows"].as_u64().unwrap(), "{name} rows");
        for column in g["describe_columns"].as_array().unwrap() {
            let column = column.as_str().unwrap();
            let want = &g["describe"][column];
            let got = d.columns.iter().find(|c| c.name == column).unwrap();
            let what = |stat: &str| format!("{name}.{column}.{stat}");
            assert_eq!(got.count as f64, num(&want["count"]), "{}", what("count"));
            // 1e-9 relative: the contract for closed forms (DESIGN.md).
            for (stat, value) in [("mean", got.mean), ("std", got.std), ("min", got.min), ("25%", got.q25), ("50%", got.q50), ("75%", got.q75), ("max", got.max)] {
                assert_close(value.unwrap_or(f64::NAN), num(&want[stat]), 1e-9, &what(stat));
            }
        }
    }
}

#[test]
fn info_types_and_missing_counts_match_pandas() {
    let golden = golden();
    for (name, g) in golden["datasets"].as_object().unwrap() {
        let got = info(&dataset(g["file"].as_str().unwrap()));
        for (col, want) in got.columns.iter().zip(g["columns"].as_array().unwrap()) {
            assert_eq!(col.name, want["name"].as_str().unwrap(), "{name}");
            // The golden file names text columns "string"; the API calls them "text".
            let kind = if want["kind"] == "string" { "text" } else { want["kind"].as_str().unwrap() };
            assert_eq!(col.dtype, kind, "{name}.{}", col.name);
            assert_eq!(col.missing as u64, want["missing"].as_u64().unwrap(), "{name}.{}", col.name);
            assert_eq!(col.non_null as u64, want["non_null"].as_u64().unwrap(), "{name}.{}", col.name);
        }
    }
}

#[test]
fn value_counts_match_pandas_with_and_without_dropna() {
    let golden = golden();
    for (name, g) in golden["datasets"].as_object().unwrap() {
        let table = dataset(g["file"].as_str().unwrap());
        let column = table.column(g["target"].as_str().unwrap()).unwrap();
        for (dropna, key) in [(true, "value_counts"), (false, "value_counts_dropna_false")] {
            let got = value_counts(column, dropna);
            let want = g[key].as_array().unwrap();
            assert_eq!(got.len(), want.len(), "{name} {key}");
            for (vc, w) in got.iter().zip(want) {
                let value_ok = match (&vc.value, &w[0]) {
                    (Scalar::Text(s), Value::String(t)) => s == t,
                    (Scalar::Integer(i), v) => Some(*i as f64) == v.as_f64(),
                    (Scalar::Float(x), v) => Some(*x) == v.as_f64(),
                    (Scalar::Missing, Value::Null) => true,
                    _ => false,
                };
                assert!(value_ok, "{name} {key}: {:?} vs {}", vc.value, w[0]);
                assert_eq!(vc.count as u64, w[1].as_u64().unwrap(), "{name} {key}");
            }
        }
    }
}
