//! The workbook module on a real .xlsx (tests/fixtures/sante.xlsx, written by pandas'
//! `to_excel` from sante.csv, with a second sheet `autre` holding text and dates).

use atelier::data::{read, Limits, ReadOptions, Values};
use atelier::error::Error;
use atelier_xlsx::{looks_like_workbook, read_sheet};

fn fixture() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/sante.xlsx")).unwrap()
}

/// The sheet through the core's JSON reader, as the page does.
fn table_of(sheet: Option<&str>) -> atelier::data::Table {
    let s = read_sheet(fixture(), sheet, &Limits::default()).unwrap();
    let json = serde_json::Value::Object(s.columns).to_string().into_bytes();
    read(json, &ReadOptions { format: Some("json".into()), ..Default::default() }).unwrap().table
}

#[test]
fn xlsx_is_recognised_by_its_magic_bytes() {
    assert!(looks_like_workbook(&fixture()));
    assert!(!looks_like_workbook(b"a,b\n1,2\n"));
}

#[test]
fn first_sheet_is_read_by_default_and_every_sheet_is_named() {
    let s = read_sheet(fixture(), None, &Limits::default()).unwrap();
    assert_eq!(s.name, "patients");
    assert_eq!(s.sheets, ["patients", "autre"]);
}

#[test]
fn sante_sheet_reads_like_the_csv() {
    let t = table_of(None);
    let csv = read(std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/sante.csv")).unwrap(), &ReadOptions::default()).unwrap().table;
    // Debug text, as NaN (missing) is not equal to itself.
    assert_eq!(format!("{t:?}"), format!("{csv:?}"));
}

#[test]
fn chosen_sheet_keeps_text_and_writes_dates_in_iso() {
    let t = table_of(Some("autre"));
    assert_eq!(t.columns()[1].values, Values::Text(vec![Some("2024-03-01".into()), Some("2024-03-02".into())]));
}

#[test]
fn unknown_sheet_lists_the_sheets() {
    let err = read_sheet(fixture(), Some("nope"), &Limits::default()).unwrap_err();
    assert_eq!(err, Error::NoSheet { name: "nope".into(), available: vec!["patients".into(), "autre".into()] });
}
