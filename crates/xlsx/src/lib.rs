//! Spreadsheets (.xlsx, and .xls / .ods through calamine), in a wasm module of their own: calamine
//! and its encoding tables weigh about 320 KB gzipped, so the page fetches this module only when
//! a workbook arrives. It turns one sheet into a JSON object of columns, which the core reads
//! like any JSON table (same type inference, same errors).

use std::io::{self, Cursor, Read, Seek};

use atelier::data::builder::unique_names;
use atelier::data::Limits;
use atelier::error::{Error, Result};
use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
use serde_json::{Map, Value};
use zip::ZipArchive;

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

/// Reads sheet `sheet` (a name, or the first sheet when `None`). A file over `limits.bytes` is
/// refused from its size, as the core's reader refuses one; a zip whose parts inflate past
/// `limits.bytes` is refused before calamine inflates it, and a sheet whose table would pass the
/// memory budget or the column limit is refused as its cells arrive, before any grid is built
/// (calamine's own range is dense: one far cell such as XFD1048576 would ask for 17 billion).
pub fn read_sheet(bytes: Vec<u8>, sheet: Option<&str>, limits: &Limits) -> Result<Sheet> {
    let size = bytes.len();
    limits.check_size(size)?;
    if bytes.starts_with(b"PK\x03\x04") {
        check_inflated(&bytes, limits.bytes)?;
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(xlsx_error)?;
    let sheets = book.sheet_names();
    let name = match sheet {
        Some(s) if sheets.iter().any(|n| n == s) => s.to_string(),
        Some(s) => return Err(Error::NoSheet { name: s.to_string(), available: sheets }),
        None => sheets.first().cloned().ok_or(Error::EmptyFile)?,
    };
    let cells = used_cells(&mut book, &name, Tally::new(size, limits))?;
    Ok(Sheet { name, sheets, columns: columns_of(&cells)? })
}

fn xlsx_error(e: impl std::fmt::Display) -> Error {
    Error::Xlsx { detail: e.to_string() }
}

/// Refuses a zip (xlsx, ods) with a part that inflates past `limit` bytes: first by the sizes
/// its directory announces, then by inflating each part into nothing and stopping at the limit,
/// since a directory can lie. Inflating twice costs little next to parsing the XML.
fn check_inflated(bytes: &[u8], limit: usize) -> Result<()> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let inflated = |name: zip::result::ZipResult<std::borrow::Cow<str>>, size: u64| Error::Inflated {
        part: name.map(String::from).unwrap_or_default(),
        size: size as usize,
        limit,
    };
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(xlsx_error)?;
        if part.size() > limit as u64 {
            return Err(inflated(part.name(), part.size()));
        }
    }
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(xlsx_error)?;
        let read = io::copy(&mut (&mut part).take(limit as u64 + 1), &mut io::sink()).map_err(xlsx_error)?;
        if read > limit as u64 {
            return Err(inflated(part.name(), read));
        }
    }
    Ok(())
}

/// A sheet's cells as they arrive, held to the limits: the table they make is (rows that hold
/// a cell) × (columns from the leftmost to the rightmost cell).
struct Tally<'a> {
    limits: &'a Limits,
    size: usize,
    rows: usize,
    last_row: Option<u32>,
    columns: Option<(u32, u32)>,
    text: usize,
}

impl<'a> Tally<'a> {
    fn new(size: usize, limits: &'a Limits) -> Self {
        Tally { limits, size, rows: 0, last_row: None, columns: None, text: 0 }
    }

    fn add(&mut self, (row, column): (u32, u32), value: &Data) -> Result<()> {
        if self.last_row != Some(row) {
            self.rows += 1; // cells arrive row by row: an overcount at worst
            self.last_row = Some(row);
        }
        let (first, last) = self.columns.get_or_insert((column, column));
        (*first, *last) = ((*first).min(column), (*last).max(column));
        let width = (*last - *first) as usize + 1;
        if let Data::String(s) = value {
            self.text += s.len();
        }
        self.limits.check_columns(width)?;
        self.limits.check_table(self.size, self.rows, width, self.text)
    }
}

/// The sheet's cells that hold something (error cells included), in (row, column) order.
fn used_cells<RS: Read + Seek>(book: &mut Sheets<RS>, name: &str, mut tally: Tally) -> Result<Vec<((u32, u32), Data)>> {
    let mut cells = Vec::new();
    let mut keep = |position, value: Data| -> Result<()> {
        if value != Data::Empty {
            tally.add(position, &value)?;
            cells.push((position, value));
        }
        Ok(())
    };
    match book {
        // Streamed, so the limits stop the read as soon as they are passed.
        Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx.worksheet_cells_reader(name).map_err(xlsx_error)?;
            while let Some(cell) = reader.next_cell().map_err(xlsx_error)? {
                keep(cell.get_position(), cell.get_value().clone().into())?;
            }
        }
        other => {
            let range = other.worksheet_range(name).map_err(xlsx_error)?;
            let (top, left) = range.start().unwrap_or_default();
            for (r, c, value) in range.used_cells() {
                keep((top + r as u32, left + c as u32), value.clone())?;
            }
        }
    }
    cells.sort_by_key(|(position, _)| *position);
    Ok(cells)
}

/// Sorted cells as JSON columns: the first row that holds a cell is the header, every later
/// row that holds one is a record, blanks are `null`.
fn columns_of(cells: &[((u32, u32), Data)]) -> Result<Map<String, Value>> {
    let ((header_row, _), _) = cells.first().ok_or(Error::EmptyFile)?;
    let left = cells.iter().map(|((_, c), _)| *c).min().unwrap_or_default();
    let right = cells.iter().map(|((_, c), _)| *c).max().unwrap_or_default();
    let width = (right - left) as usize + 1;
    let mut header = vec![String::new(); width];
    let mut values: Vec<Vec<Value>> = vec![Vec::new(); width];
    let mut record = None;
    for ((r, c), cell) in cells {
        let i = (c - left) as usize;
        if r == header_row {
            header[i] = cell_text(cell).unwrap_or_default();
            continue;
        }
        if record != Some(r) {
            record = Some(r);
            values.iter_mut().for_each(|v| v.push(Value::Null));
        }
        if let Some(slot) = values[i].last_mut() {
            *slot = cell_value(cell);
        }
    }
    Ok(unique_names(header).into_iter().zip(values).map(|(n, v)| (n, Value::Array(v))).collect())
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
    use atelier::data::ReadOptions;
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
    /// object of columns for the core's reader. `max_bytes`, `max_memory` and `max_columns`
    /// lower the limits as the core's reading options do; none, the page's limits. (Numbers,
    /// not an options object: deserialising one cost this module 74 KB.)
    #[wasm_bindgen(js_name = readSheet)]
    pub fn read_sheet(bytes: Vec<u8>, sheet: Option<String>, lang: Option<String>, max_bytes: Option<u32>, max_memory: Option<u32>, max_columns: Option<u32>) -> Result<JsValue, JsValue> {
        let lang = lang.as_deref().map_or(Lang::En, Lang::parse);
        let at_most = |n: Option<u32>| n.map(|n| n as usize);
        let options = ReadOptions { max_bytes: at_most(max_bytes), max_memory: at_most(max_memory), max_columns: at_most(max_columns), ..ReadOptions::default() };
        let s = super::read_sheet(bytes, sheet.as_deref(), &options.limits()).map_err(|e| js_error(&e, lang))?;
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
        let err = read_sheet(b"PK\x03\x04garbage".to_vec(), None, &Limits::default()).unwrap_err();
        assert_eq!(err.code(), "xlsx");
    }

    #[test]
    fn a_workbook_over_the_size_limit_is_refused_from_its_size() {
        let limits = Limits { bytes: 8, ..Limits::default() };
        let err = read_sheet(b"PK\x03\x04garbage".to_vec(), None, &limits).unwrap_err();
        assert_eq!((err.code(), err.message(atelier::error::Lang::En).contains("limit")), ("too_large", true));
    }
}
