//! The journal key: the canonical spec (keys sorted, defaults filled in, numbers in one
//! spelling) and the data's fingerprint (bytes and dialect), as fixed test vectors the page and
//! api.js must reproduce.

use crate::common;

use atelier::data::{read, ReadOptions};
use atelier::experiment::run::{run_spec, spec_key};
use atelier::experiment::spec::{data_fingerprint, fnv1a, Spec};
use common::dataset_bytes;

const CSV: &str = "x;y;class\n1;2;a\n2;1;b\n3;4;a\n4;3;b\n5;6;a\n6;5;b\n7;8;a\n8;7;b\n9;9;a\n10;1;b\n";

fn spec(json: &str) -> Spec {
    Spec::from_json(json).unwrap()
}

/// The key of `json` on the built-in data (from www/data, as the page fetches it).
fn key(json: &str) -> String {
    spec_key(&spec(json), |file| Ok(dataset_bytes(file))).unwrap()
}

fn fingerprint(text: &str, options: &ReadOptions) -> u64 {
    let loaded = read(text.as_bytes().to_vec(), options).unwrap();
    data_fingerprint(fnv1a(text.as_bytes()), &loaded.dialect)
}

const IRIS: &str = r#"{ "data": { "builtin": "iris" }, "target": "species", "positive": "virginica", "model": { "kind": "knn", "n_neighbors": 7 }, "split": { "seed": 1 } }"#;

#[test]
fn fnv1a_matches_the_published_vectors() {
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn a_fixed_spec_has_a_fixed_canonical_text_and_key() {
    let knn = spec(r#"{ "model": { "kind": "knn", "n_neighbors": 7 } }"#);
    assert_eq!(knn.canonical_json(), CANONICAL_KNN);
    // FNV-1a of the canonical text, "\n", and the fingerprint in 16 hex digits (worked out by hand).
    assert_eq!(knn.hash(7), "f995ce7d0e987c9e");
    assert_eq!(spec("{}").hash(0), KEY_DEFAULT_ZERO);
    assert_eq!(key(IRIS), KEY_IRIS);
}

const CANONICAL_KNN: &str = r#"{"clean":[],"features":null,"impute":"median","model":{"kind":"knn","n_neighbors":7,"weights":"uniform"},"positive":null,"resample":{"k":5,"kind":"none","seed":0},"scale":"standard","split":{"seed":42,"stratify":true,"test":0.2,"validation":0.2},"target":null,"threshold":null}"#;
const KEY_DEFAULT_ZERO: &str = "ca7f61caf966b9e6";
const KEY_IRIS: &str = "a4fe0bd183e250f5";

#[test]
fn the_key_is_the_reports_spec_hash() {
    let report = run_spec(&spec(IRIS), |file| Ok(dataset_bytes(file))).unwrap();
    assert_eq!(report.spec_hash, key(IRIS));
}

#[test]
fn reordered_keys_implicit_defaults_and_one_point_zero_give_the_same_key() {
    let reordered = r#"{ "split": { "seed": 1 }, "model": { "n_neighbors": 7, "kind": "knn" }, "positive": "virginica", "target": "species", "data": { "builtin": "iris" } }"#;
    let defaults = r#"{ "data": { "builtin": "iris" }, "target": "species", "positive": "virginica", "model": { "kind": "knn", "n_neighbors": 7 },
        "split": { "seed": 1, "test": 0.2, "validation": 0.2 }, "scale": "standard", "impute": "median", "clean": [] }"#;
    assert_eq!(key(reordered), key(IRIS));
    assert_eq!(key(defaults), key(IRIS));
    let one = r#"{ "model": { "kind": "logistic_regression", "C": 1 }, "clean": [{ "op": "drop_where", "condition": { "column": "x", "op": ">", "value": 2 } }] }"#;
    let one_point_zero = one.replace("\"C\": 1", "\"C\": 1.0").replace("\"value\": 2", "\"value\": 2.0");
    assert_eq!(spec(one).hash(5), spec(&one_point_zero).hash(5));
}

#[test]
fn a_search_space_in_another_order_is_the_same_search() {
    let a = r#"{ "search": { "method": "grid", "space": { "C": { "values": [0.1, 1] }, "penalty": { "values": ["l1", "l2"] } } } }"#;
    let b = r#"{ "search": { "method": "grid", "space": { "penalty": { "values": ["l1", "l2"] }, "C": { "values": [0.1, 1.0] } } } }"#;
    assert_eq!(spec(a).canonical_json(), spec(b).canonical_json());
    assert_eq!(spec(a).hash(3), spec(b).hash(3));
}

#[test]
fn another_seed_parameter_or_threshold_gives_another_key() {
    let k = key(IRIS);
    assert_ne!(key(&IRIS.replace("\"seed\": 1", "\"seed\": 2")), k);
    assert_ne!(key(&IRIS.replace("\"n_neighbors\": 7", "\"n_neighbors\": 8")), k);
    assert_ne!(key(&IRIS.replace("\"split\"", "\"threshold\": 0.3, \"split\"")), k);
}

#[test]
fn another_data_byte_or_delimiter_gives_another_fingerprint() {
    let base = fingerprint(CSV, &ReadOptions::default());
    assert_eq!(base, fingerprint(CSV, &ReadOptions::default()));
    assert_ne!(fingerprint(&CSV.replace("10;1;b", "10;2;b"), &ReadOptions::default()), base);
    let comma = ReadOptions { delimiter: Some(",".into()), ..ReadOptions::default() };
    assert_ne!(fingerprint(CSV, &comma), base);
    let spec = Spec::default();
    assert_ne!(spec.hash(fingerprint(CSV, &comma)), spec.hash(base));
}

#[test]
fn the_data_enters_by_its_bytes_not_by_where_it_came_from() {
    let text = String::from_utf8(dataset_bytes("iris.csv")).unwrap();
    let as_text = IRIS.replace(r#"{ "builtin": "iris" }"#, &serde_json::json!({ "text": text }).to_string());
    assert_eq!(key(&as_text), key(IRIS));
}
