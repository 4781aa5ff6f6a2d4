//! Delimited text (CSV, TSV, `;`-separated French exports): RFC 4180 quoting through the `csv`
//! crate, read in steps so the caller can report progress.

use std::io::Cursor;

use super::builder::{unique_names, ColumnBuilder};
use super::limits::Limits;
use super::table::{Column, Table};
use crate::error::{Error, Result};

/// Reads records in steps of the caller's choosing. Owns the decoded UTF-8 bytes.
pub struct DelimitedParser {
    reader: csv::Reader<Cursor<Vec<u8>>>,
    names: Vec<String>,
    builders: Vec<ColumnBuilder>,
    delimiter: u8,
    decimal_comma: bool,
    total: usize,
    record: csv::ByteRecord,
    done: bool,
    /// Whether the columns were sized from a sample yet.
    reserved: bool,
    /// Where the last record read starts (byte, line): an unclosed quote runs to the end of
    /// the file, so it can only be in the last record.
    last: (u64, u64),
}

impl DelimitedParser {
    /// Reads the header, refusing more than `max_columns`; `text` must be UTF-8 (see `decode`).
    pub fn new(text: Vec<u8>, delimiter: u8, decimal: u8, max_columns: usize) -> Result<Self> {
        Self::with_builders(text, delimiter, decimal, Header::Limit(max_columns))
    }

    pub fn columns(&self) -> usize {
        self.names.len()
    }

    fn with_builders(text: Vec<u8>, delimiter: u8, decimal: u8, header: Header) -> Result<Self> {
        if text.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::EmptyFile);
        }
        let total = text.len();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Cursor::new(text));
        let mut fields = csv::ByteRecord::new();
        if !reader.read_byte_record(&mut fields).map_err(|e| csv_error(&e))? {
            return Err(Error::EmptyFile);
        }
        if let Header::Limit(max) = header {
            // Before the names are made unique, which costs more the more there are.
            Limits { columns: max, ..Limits::default() }.check_columns(fields.len())?;
        }
        let names = unique_names(fields.iter().map(|f| String::from_utf8_lossy(f).trim().to_string()).collect());
        let builders = (0..names.len())
            .map(|i| match &header {
                Header::Text(t) if t[i] => ColumnBuilder::text(),
                _ => ColumnBuilder::new(),
            })
            .collect();
        Ok(DelimitedParser {
            reader,
            names,
            builders,
            delimiter,
            decimal_comma: decimal == b',',
            total,
            record: csv::ByteRecord::new(),
            done: false,
            reserved: false,
            last: (0, 1),
        })
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Reads up to `max_records` records; returns the fraction of the file read so far.
    pub fn step(&mut self, max_records: usize) -> Result<f64> {
        if !self.reserved {
            self.reserve_from_sample()?;
        }
        for _ in 0..max_records {
            if !self.next_record()? {
                self.done = true;
                return Ok(1.0);
            }
            self.push_record()?;
        }
        Ok(self.reader.position().byte() as f64 / self.total.max(1) as f64)
    }

    /// Reads a first few records, then sizes the columns for the whole file from the bytes
    /// they took: growing a million-row column by doubling costs copies and page faults.
    fn reserve_from_sample(&mut self) -> Result<()> {
        self.reserved = true;
        let start = self.reader.position().byte();
        let mut sampled = 0;
        while sampled < 1000 && self.next_record()? {
            self.push_record()?;
            sampled += 1;
        }
        let used = (self.reader.position().byte() - start) as usize;
        if sampled < 1000 {
            self.done = true;
        } else if used > 0 {
            let rows = (self.total as f64 / used as f64 * sampled as f64 * 1.05) as usize;
            self.builders.iter_mut().for_each(|b| b.reserve(rows));
        }
        Ok(())
    }

    /// Reads the next record into `self.record`; at the end of the file, refuses a quote left
    /// open (the csv crate reads the rest of the file into its field without a word).
    fn next_record(&mut self) -> Result<bool> {
        if self.reader.read_byte_record(&mut self.record).map_err(|e| csv_error(&e))? {
            if let Some(p) = self.record.position() {
                self.last = (p.byte(), p.line());
            }
            return Ok(true);
        }
        let (start, line) = self.last;
        let rest = &self.reader.get_ref().get_ref()[start as usize..];
        match open_quote(rest, self.delimiter) {
            Some(at) => Err(Error::UnclosedQuote { line: line + count_breaks(&rest[..at]) }),
            None => Ok(false),
        }
    }

    fn push_record(&mut self) -> Result<()> {
        let expected = self.names.len();
        if self.record.len() != expected {
            let line = self.record.position().map_or(0, |p| p.line());
            return Err(Error::RaggedRow { line, expected, found: self.record.len() });
        }
        for (builder, field) in self.builders.iter_mut().zip(self.record.iter()) {
            // SAFETY: `decode` hands over valid UTF-8 only, and the csv crate cuts fields at
            // ASCII bytes (delimiter, quote, newline), which never split a UTF-8 sequence.
            let field = unsafe { std::str::from_utf8_unchecked(field) };
            builder.push_field(field, self.decimal_comma);
        }
        Ok(())
    }

    /// Reads what is left and builds the table. A column where text followed numbers is read
    /// again as text, so values such as `007` keep their spelling.
    pub fn finish(mut self) -> Result<Table> {
        while !self.done {
            self.step(usize::MAX)?;
        }
        let lossy: Vec<bool> = self.builders.iter().map(ColumnBuilder::is_lossy).collect();
        if lossy.contains(&true) {
            let text = self.reader.into_inner().into_inner();
            let again = Self::with_builders(text, self.delimiter, if self.decimal_comma { b',' } else { b'.' }, Header::Text(lossy))?;
            return again.finish();
        }
        let columns: Vec<Column> = self
            .names
            .into_iter()
            .zip(self.builders)
            .map(|(name, b)| Column::new(name, b.finish()))
            .collect();
        let table = Table::new(columns);
        if table.num_rows() == 0 {
            return Err(Error::HeaderOnly);
        }
        Ok(table)
    }
}

/// What the header of a read may be: limited in width (a first read), or known with the
/// columns to read as text (the second pass over a mixed column).
enum Header {
    Limit(usize),
    Text(Vec<bool>),
}

/// Where a quoted field opens and never closes in `record` (raw bytes from a record's start to
/// the end of the file), as the csv crate quotes: a quote opens a field only at its start, and
/// a doubled quote inside one is a quote.
fn open_quote(record: &[u8], delimiter: u8) -> Option<usize> {
    let mut open = None;
    let mut at_start = true;
    let mut i = 0;
    while i < record.len() {
        let b = record[i];
        match open {
            Some(_) if b == b'"' && record.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => open = None,
            Some(_) => {}
            None if b == b'"' && at_start => open = Some(i),
            None => {}
        }
        if open.is_none() {
            at_start = matches!(b, b'\n' | b'\r') || b == delimiter;
        }
        i += 1;
    }
    open
}

/// Line breaks in `bytes` (CRLF counted once), as the csv crate counts lines.
fn count_breaks(bytes: &[u8]) -> u64 {
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = bytes.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count()
        + usize::from(bytes.ends_with(b"\r"));
    (lf + lone_cr) as u64
}

fn csv_error(e: &csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    Error::Csv { line, detail: e.to_string() }
}
