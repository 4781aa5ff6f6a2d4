//! How much a browser tab is asked to hold: the file's size, the table's estimated memory and
//! its number of columns, each checked before parsing, so a file that would take the tab down
//! is refused with the limit and its size instead of being half read. Uses nothing else.

use crate::error::{Error, Result};

/// The largest file read: the page holds its bytes while the table is built beside them.
pub const MAX_BYTES: usize = 256 << 20;
/// The largest table (estimated): wasm32 addresses 4 GB, and the explorations, the splits and
/// the models need their own copies of the numbers.
pub const MAX_MEMORY: usize = 1 << 30;
/// The most columns: the correlation matrix of 2,000 columns is already 4 million cells, and
/// a wide header is more often a wrong delimiter than data.
pub const MAX_COLUMNS: usize = 2_000;

/// The limits one read works under; tests set them low.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the file, and of each part of a workbook once inflated.
    pub bytes: usize,
    /// Estimated bytes of the table: rows × columns × 8 plus its text.
    pub memory: usize,
    pub columns: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { bytes: MAX_BYTES, memory: MAX_MEMORY, columns: MAX_COLUMNS }
    }
}

impl Limits {
    pub fn check_size(&self, size: usize) -> Result<()> {
        if size > self.bytes {
            return Err(Error::TooLarge { size, limit: self.bytes });
        }
        Ok(())
    }

    pub fn check_columns(&self, found: usize) -> Result<()> {
        if found > self.columns {
            return Err(Error::TooManyColumns { found, limit: self.columns });
        }
        Ok(())
    }

    /// Refuses a table of `rows` × `columns` numbers plus `text` bytes of text that would pass
    /// the memory budget; `size` is the file's, for the message.
    pub fn check_table(&self, size: usize, rows: usize, columns: usize, text: usize) -> Result<()> {
        let estimate = rows.saturating_mul(columns).saturating_mul(8).saturating_add(text);
        if estimate > self.memory {
            return Err(Error::TooMuchMemory { size, rows, columns, estimate, limit: self.memory });
        }
        Ok(())
    }
}

impl Limits {
    /// Refuses a JSON text of about `values` values (`json_values`) that would pass the memory
    /// budget: each is a parsed node (`node` bytes) before it becomes an 8-byte cell, beside
    /// the text; `size` is the file's, for the message.
    pub fn check_values(&self, size: usize, values: usize, node: usize, text: usize) -> Result<()> {
        let estimate = values.saturating_mul(node.saturating_add(8)).saturating_add(text);
        if estimate > self.memory {
            return Err(Error::TooManyValues { size, values, estimate, limit: self.memory });
        }
        Ok(())
    }
}

/// Values in a JSON text, at least as many as it holds: one per comma and per opening bracket
/// or brace outside strings, plus one (`[{"a":1,"b":2}]` counts 4 for its 2 numbers, an
/// object and a list). One pass, no parsing: it runs before the parser builds anything.
pub fn json_values(text: &[u8]) -> usize {
    let (mut values, mut in_string, mut escaped) = (1usize, false, false);
    for &b in text {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b',' | b'[' | b'{' => values += 1,
                _ => {}
            }
        }
    }
    values
}

/// Records in delimited text, at most: one per line break (LF, or CR in old Mac files), plus
/// a last line without one. Quoted line breaks make it an overestimate, the safe side.
pub fn count_lines(text: &[u8]) -> usize {
    let count = |byte: u8| text.iter().filter(|&&b| b == byte).count();
    count(b'\n').max(count(b'\r')) + usize::from(!text.ends_with(b"\n") && !text.ends_with(b"\r"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_count_separators_and_openings_outside_strings() {
        assert_eq!(json_values(br#"[{"a":1,"b":2}]"#), 4);
        assert_eq!(json_values(br#"{"a":[1,2],"b":[3,4]}"#), 7);
        assert_eq!(json_values(br#"[{"a":"x,[{\",y"}]"#), 3, "commas, brackets and escaped quotes inside a string do not count");
    }

    #[test]
    fn json_estimate_counts_a_node_and_a_cell_per_value_plus_text() {
        let limits = Limits { memory: 100, ..Limits::default() };
        assert!(limits.check_values(0, 4, 17, 0).is_ok()); // 4 × 25
        let err = limits.check_values(9, 4, 17, 1).unwrap_err();
        assert_eq!(err.code(), "too_much_memory");
        let message = err.message(crate::error::Lang::En);
        assert!(message.contains("about 4 values"), "{message}");
    }

    #[test]
    fn lines_count_a_last_line_without_a_break() {
        assert_eq!((count_lines(b"a\n1\n"), count_lines(b"a\n1"), count_lines(b"a\r1\r2")), (2, 2, 3));
    }

    #[test]
    fn table_estimate_is_eight_bytes_a_cell_plus_text() {
        let limits = Limits { memory: 1000, ..Limits::default() };
        assert!(limits.check_table(0, 10, 12, 40).is_ok()); // 960 + 40
        assert_eq!(limits.check_table(5, 10, 12, 41).unwrap_err().code(), "too_much_memory");
    }
}
