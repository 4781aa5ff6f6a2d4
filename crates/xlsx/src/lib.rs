//! Spreadsheets (.xlsx, and .xls / .ods through calamine), in a wasm module of their own: calamine
//! and its encoding tables weigh about 320 KB gzipped, so the page fetches this module only when
//! a workbook arrives. It turns one sheet into a JSON object of columns, which the core reads
//! like any JSON table (same type inference, same errors).

use std::io::Cursor;

use atelier::data::builder::unique_names;
use atelier::error::{Error, Result};
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use serde_json::{Map, Value};

/// Is this a workbook? Zip (xlsx, ods) or OLE (xls) magic bytes.
pub fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// One sheet as columns, with the sheet read and every sheet's name.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub sheets: Vec<String>,
    /// `{"column": [values…]}`, first row as the header.
    pub columns: Map<String, Value>,
}

/// Reads sheet `sheet` (a name, or the first sheet when `None`).
pub fn read_sheet(bytes: Vec<u8>, sheet: Option<&str>) -> Result<Sheet> {
    let xlsx_error = |e: calamine::Error| Error::Xlsx { detail: e.to_string() };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(xlsx_error)?;
    let sheets = book.sheet_names();
    let name = match sheet {
        Some(s) if sheets.iter().any(|n| n == s) => s.to_string(),
        Some(s) => return Err(Error::NoSheet { name: s.to_string(), available: sheets }),
        None => sheets.first().cloned().ok_or(Error::EmptyFile)?,
    };
    let range = book.worksheet_range(&name).map_err(xlsx_error)?;
    let mut rows = range.rows().filter(|r| r.iter().any(|c| *c != Data::Empty));
    let header = rows.next().ok_or(Error::EmptyFile)?;
    let names = unique_names(header.iter().map(|c| cell_text(c).unwrap_or_default()).collect());
    let mut values: Vec<Vec<Value>> = vec![Vec::new(); names.len()];
    for row in rows {
        for (i, column) in values.iter_mut().enumerate() {
            column.push(row.get(i).map_or(Value::Null, cell_value));
        }
    }
    let columns = names.into_iter().zip(values).map(|(n, v)| (n, Value::Array(v))).collect();
    Ok(Sheet { name, sheets, columns })
}

fn cell_value(cell: &Data) -> Value {
    match cell {
        Data::Int(i) => Value::from(*i),
        // Excel stores every number as a float: whole ones are integers, as pandas reads them.
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 9e15 => Value::from(*x as i64),
        Data::Float(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
        other => cell_text(other).map_or(Value::Null, Value::String),
    }
}

/// A cell as text; `None` for empty and error cells (`#N/A`, `#DIV/0!`), which are missing.
fn cell_text(cell: &Data) -> Option<String> {
    match cell {
        Data::Empty | Data::Error(_) => None,
        Data::DateTime(d) if d.is_datetime() => Some(excel_date(d.as_f64())),
        other => Some(other.to_string()),
    }
}

/// An Excel serial date as ISO 8601 (`2024-03-01`, with the time when there is one). Serial 1
/// is 1900-01-01; Excel counts a 29 February 1900 that never was, so later serials start a day
/// earlier.
fn excel_date(serial: f64) -> String {
    let epoch_shift = if serial < 61.0 { 25_568 } else { 25_569 }; // days to 1970-01-01
    let (y, m, d) = civil_from_days(serial.floor() as i64 - epoch_shift);
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    if seconds == 0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(target_arch = "wasm32")]
mod web {
    //! The module's one export.
    use atelier::error::{Error, Lang};
    use wasm_bindgen::prelude::*;

    fn js_error(error: &Error, lang: Lang) -> JsValue {
        let js = js_sys::Error::new(&error.message(lang));
        for (key, value) in [("fr", error.message(Lang::Fr)), ("en", error.message(Lang::En)), ("code", error.code().into())] {
            let _ = js_sys::Reflect::set(&js, &key.into(), &value.into());
        }
        js.into()
    }

    /// `{ sheet, sheets, json }`: the sheet read, every sheet's name, and the sheet as a JSON
    /// object of columns for the core's reader.
    #[wasm_bindgen(js_name = readSheet)]
    pub fn read_sheet(bytes: Vec<u8>, sheet: Option<String>, lang: Option<String>) -> Result<JsValue, JsValue> {
        let lang = lang.as_deref().map_or(Lang::En, Lang::parse);
        let s = super::read_sheet(bytes, sheet.as_deref()).map_err(|e| js_error(&e, lang))?;
        let out = js_sys::Object::new();
        let sheets: js_sys::Array = s.sheets.iter().map(|n| JsValue::from_str(n)).collect();
        let json = serde_json::Value::Object(s.columns).to_string();
        for (key, value) in [("sheet", JsValue::from_str(&s.name)), ("sheets", sheets.into()), ("json", JsValue::from_str(&json))] {
            js_sys::Reflect::set(&out, &key.into(), &value)?;
        }
        Ok(out.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_become_iso_dates() {
        assert_eq!(excel_date(1.0), "1900-01-01");
        assert_eq!(excel_date(45_352.0), "2024-03-01");
        assert_eq!(excel_date(45_352.5), "2024-03-01 12:00:00");
    }

    #[test]
    fn garbage_with_zip_magic_is_a_clear_error() {
        let err = read_sheet(b"PK\x03\x04garbage".to_vec(), None).unwrap_err();
        assert_eq!(err.code(), "xlsx");
    }
}
