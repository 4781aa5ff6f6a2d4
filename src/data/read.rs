//! One entry point for every file: detects the format, guesses the dialect unless told, and
//! reports what it guessed so the student can override it.

use serde::{Deserialize, Serialize};

use super::decode::{decode, Encoding};
use super::delimited::DelimitedParser;
use super::json::read_json;
use super::limits::{count_lines, Limits};
use super::sniff::{sniff_decimal, sniff_delimiter, DELIMITERS};
use super::table::Table;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Workbook,
}

/// Options as they arrive from JavaScript or a test: every field optional, all strings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReadOptions {
    /// `csv`, `json` or `xlsx`.
    pub format: Option<String>,
    /// `,` `;` `\t` (or `tab`) `|`.
    pub delimiter: Option<String>,
    /// `.` or `,`.
    pub decimal: Option<String>,
    /// `utf-8`, `windows-1252`, `utf-16`.
    pub encoding: Option<String>,
    /// A sheet's name (workbooks).
    pub sheet: Option<String>,
    /// Lower limits than the page's (`data::limits`), for tests: bytes of the file, estimated
    /// bytes of the table, columns.
    pub max_bytes: Option<usize>,
    pub max_memory: Option<usize>,
    pub max_columns: Option<usize>,
}

impl ReadOptions {
    /// The limits this read works under: the defaults unless lowered.
    pub fn limits(&self) -> Limits {
        let d = Limits::default();
        Limits {
            bytes: self.max_bytes.unwrap_or(d.bytes),
            memory: self.max_memory.unwrap_or(d.memory),
            columns: self.max_columns.unwrap_or(d.columns),
        }
    }
}

/// What the reader used, guessed or given: shown in the parse report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dialect {
    pub format: &'static str,
    pub delimiter: Option<String>,
    pub decimal: Option<String>,
    pub encoding: Option<&'static str>,
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
}

/// A table and how it was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub table: Table,
    pub dialect: Dialect,
}

/// Reads a file in steps (delimited text) or at once (JSON). Workbooks go through the
/// `atelier-xlsx` module first, which turns a sheet into JSON.
pub struct Parser {
    state: State,
    dialect: Dialect,
}

enum State {
    Reading(Box<DelimitedParser>),
    Read(Table),
}

impl Parser {
    pub fn new(bytes: Vec<u8>, options: &ReadOptions) -> Result<Parser> {
        let limits = options.limits();
        let size = bytes.len();
        limits.check_size(size)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::EmptyFile);
        }
        match format(&bytes, options.format.as_deref())? {
            Format::Workbook => Err(Error::Workbook),
            Format::Json => {
                let (text, encoding) = decode(bytes, encoding(options)?)?;
                // A workbook's sheet arrives as JSON with its name, which the data's fingerprint needs.
                let dialect = Dialect { format: "json", delimiter: None, decimal: None, encoding: Some(encoding.name()), sheet: options.sheet.clone(), sheets: vec![] };
                Ok(Parser { state: State::Read(read_json(&text, size, &limits)?), dialect })
            }
            Format::Csv => {
                let (text, encoding) = decode(bytes, encoding(options)?)?;
                let delimiter = match options.delimiter.as_deref() {
                    Some(d) => delimiter_byte(d)?,
                    None => sniff_delimiter(&text),
                };
                let decimal = match options.decimal.as_deref() {
                    Some(".") => b'.',
                    Some(",") => b',',
                    Some(other) => return Err(bad("decimal", other)),
                    None => sniff_decimal(&text, delimiter),
                };
                let dialect = Dialect {
                    format: "csv",
                    delimiter: Some((delimiter as char).to_string()),
                    decimal: Some((decimal as char).to_string()),
                    encoding: Some(encoding.name()),
                    sheet: None,
                    sheets: vec![],
                };
                let lines = count_lines(&text);
                let text_bytes = text.len();
                let parser = DelimitedParser::new(text, delimiter, decimal, limits.columns)?;
                limits.check_table(size, lines.saturating_sub(1), parser.columns(), text_bytes)?;
                Ok(Parser { state: State::Reading(Box::new(parser)), dialect })
            }
        }
    }

    pub fn dialect(&self) -> &Dialect {
        &self.dialect
    }

    pub fn is_done(&self) -> bool {
        match &self.state {
            State::Reading(p) => p.is_done(),
            State::Read(_) => true,
        }
    }

    /// Reads up to `max_records` more records; returns the fraction read so far.
    pub fn step(&mut self, max_records: usize) -> Result<f64> {
        match &mut self.state {
            State::Reading(p) => p.step(max_records),
            State::Read(_) => Ok(1.0),
        }
    }

    pub fn finish(self) -> Result<Loaded> {
        let table = match self.state {
            State::Reading(p) => p.finish()?,
            State::Read(t) => t,
        };
        Ok(Loaded { table, dialect: self.dialect })
    }
}

/// Reads a whole file at once.
pub fn read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Loaded> {
    Parser::new(bytes, options)?.finish()
}

fn bad(option: &str, value: &str) -> Error {
    Error::BadOption { option: option.into(), value: value.into() }
}

fn format(bytes: &[u8], forced: Option<&str>) -> Result<Format> {
    match forced {
        Some("csv") | Some("tsv") | Some("txt") => Ok(Format::Csv),
        Some("json") => Ok(Format::Json),
        Some("xlsx") | Some("xls") | Some("ods") => Ok(Format::Workbook),
        Some(other) => Err(bad("format", other)),
        None if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => {
            Ok(Format::Workbook)
        }
        None => {
            let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let first = text.iter().find(|b| !b.is_ascii_whitespace());
            Ok(if matches!(first, Some(b'[') | Some(b'{')) { Format::Json } else { Format::Csv })
        }
    }
}

fn encoding(options: &ReadOptions) -> Result<Option<Encoding>> {
    options.encoding.as_deref().map(Encoding::parse).transpose()
}

fn delimiter_byte(d: &str) -> Result<u8> {
    let byte = match d {
        "tab" | "\\t" => b'\t',
        _ if d.len() == 1 => d.as_bytes()[0],
        _ => return Err(bad("delimiter", d)),
    };
    if DELIMITERS.contains(&byte) {
        Ok(byte)
    } else {
        Err(bad("delimiter", d))
    }
}
