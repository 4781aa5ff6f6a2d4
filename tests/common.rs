//! Helpers shared by the integration tests.
#![allow(dead_code)]

use atelier::data::{read, ReadOptions, Table};

/// A built-in data set's bytes (www/data holds the copies shipped with the page).
pub fn dataset_bytes(file: &str) -> Vec<u8> {
    std::fs::read(format!("{}/www/data/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

pub fn dataset(file: &str) -> Table {
    read(dataset_bytes(file), &ReadOptions::default()).unwrap().table
}

pub fn table(text: &str) -> Table {
    read(text.as_bytes().to_vec(), &ReadOptions::default()).unwrap().table
}

/// `|a − b| ≤ tol · max(|b|, 1e-300)`, treating two NaNs as equal.
pub fn assert_close(a: f64, b: f64, tol: f64, what: &str) {
    if a.is_nan() && b.is_nan() {
        return;
    }
    let scale = b.abs().max(1e-300);
    assert!((a - b).abs() <= tol * scale, "{what}: got {a}, want {b}");
}
