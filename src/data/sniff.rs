//! Guesses a delimited file's dialect (delimiter, decimal mark) from its first lines.

/// Delimiters we recognise, in order of preference when the evidence ties.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Lines looked at.
const SAMPLE_LINES: usize = 64;

/// Splits the start of `text` into records, quote-aware (a newline inside quotes is data).
fn sample_records(text: &[u8]) -> Vec<&[u8]> {
    let mut records = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                let line = text[start..i].strip_suffix(b"\r").unwrap_or(&text[start..i]);
                if !line.iter().all(u8::is_ascii_whitespace) {
                    records.push(line);
                }
                start = i + 1;
                if records.len() == SAMPLE_LINES {
                    return records;
                }
            }
            _ => {}
        }
    }
    if start < text.len() && !text[start..].iter().all(u8::is_ascii_whitespace) {
        records.push(&text[start..]);
    }
    records
}

/// Splits one record on `delim` outside quotes (quotes kept: the sniffer only counts and peeks).
fn split(record: &[u8], delim: u8) -> Vec<&[u8]> {
    let mut fields = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, &b) in record.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delim && !quoted {
            fields.push(&record[start..i]);
            start = i + 1;
        }
    }
    fields.push(&record[start..]);
    fields
}

/// The delimiter whose field count is the same on most lines, preferring more fields; `,` when
/// nothing splits the lines (a one-column file).
pub fn sniff_delimiter(text: &[u8]) -> u8 {
    let records = sample_records(text);
    let mut best = (b',', 0usize, 0usize); // (delimiter, lines agreeing with the header, fields)
    for &d in &DELIMITERS {
        let counts: Vec<usize> = records.iter().map(|r| split(r, d).len()).collect();
        let Some(&header) = counts.first() else { continue };
        if header < 2 {
            continue;
        }
        let agreeing = counts.iter().filter(|&&c| c == header).count();
        if (agreeing, header) > (best.1, best.2) {
            best = (d, agreeing, header);
        }
    }
    best.0
}

/// `,` when numbers in the sample are written `22,5` and none `22.5` (French exports), else `.`.
/// Only meaningful when the delimiter is not a comma.
pub fn sniff_decimal(text: &[u8], delimiter: u8) -> u8 {
    if delimiter == b',' {
        return b'.';
    }
    let (mut comma, mut dot) = (0, 0);
    for record in sample_records(text).iter().skip(1) {
        for field in split(record, delimiter) {
            match decimal_mark(field) {
                Some(b',') => comma += 1,
                Some(_) => dot += 1,
                None => {}
            }
        }
    }
    if comma > 0 && dot == 0 {
        b','
    } else {
        b'.'
    }
}

/// The mark of a field shaped `-12,5` or `12.5`, if it is one.
fn decimal_mark(field: &[u8]) -> Option<u8> {
    let f = field.strip_prefix(b"-").unwrap_or(field);
    let pos = f.iter().position(|&b| b == b',' || b == b'.')?;
    let (int, frac) = (&f[..pos], &f[pos + 1..]);
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    (digits(int) && digits(frac)).then_some(f[pos])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_file_sniffs_comma() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n"), b',');
    }

    #[test]
    fn french_export_sniffs_semicolon_and_comma_decimal() {
        let text = b"ID;IMC;poids\r\n1;22,5;68\r\n2;27;72\r\n";
        assert_eq!(sniff_delimiter(text), b';');
        assert_eq!(sniff_decimal(text, b';'), b',');
    }

    #[test]
    fn tab_and_pipe_are_sniffed() {
        assert_eq!(sniff_delimiter(b"a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter(b"a|b\n1|2\n"), b'|');
    }

    #[test]
    fn delimiter_inside_quotes_does_not_count() {
        assert_eq!(sniff_delimiter(b"name;note\n\"a, b, c\";1\n\"d, e\";2\n"), b';');
    }

    #[test]
    fn semicolon_file_with_dot_decimals_keeps_dot() {
        assert_eq!(sniff_decimal(b"a;b\n1.5;2\n", b';'), b'.');
    }

    #[test]
    fn single_column_defaults_to_comma() {
        assert_eq!(sniff_delimiter(b"x\n1\n2\n"), b',');
    }
}
