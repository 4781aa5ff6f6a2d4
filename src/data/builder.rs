//! Column type inference shared by every reader: cells arrive one by one, the column settles on
//! the narrowest type that holds them all (integer ⊂ float ⊂ text), as pandas' readers do.

use super::table::Values;

/// Missing-value markers: pandas' default `na_values`, plus `?` (the UCI convention).
pub const MISSING_MARKERS: &[&str] = &[
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null", "?",
];

/// Is this field a missing-value marker? Exact match, as pandas (after trimming spaces).
pub fn is_missing_marker(field: &str) -> bool {
    field.len() <= 8 && MISSING_MARKERS.contains(&field)
}

/// A cell as a reader sees it, before the column's type is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Raw<'a> {
    Missing,
    Int(i64),
    Float(f64),
    Text(&'a str),
}

/// Reads a text field: an integer, a float (with `,` as the decimal mark when `decimal_comma`),
/// a missing-value marker, or text. Numbers are tried first: they are most fields of most files.
pub fn classify(field: &str, decimal_comma: bool) -> Raw<'_> {
    let t = trim(field);
    if let Some(i) = parse_int(t.as_bytes()) {
        return Raw::Int(i);
    }
    if t.is_empty() {
        return Raw::Missing;
    }
    let mark = if decimal_comma { b',' } else { b'.' };
    if let Some(x) = parse_short_decimal(t.as_bytes(), mark) {
        return Raw::Float(x);
    }
    let parsed = if !decimal_comma {
        t.parse::<f64>()
    } else if t.contains('.') {
        return if is_missing_marker(t) { Raw::Missing } else { Raw::Text(field) };
    } else {
        t.replacen(',', ".", 1).parse::<f64>()
    };
    match parsed {
        // Rust also reads the words "nan" and "inf"; only the markers mean missing.
        Ok(x) if !x.is_nan() => Raw::Float(x),
        _ if is_missing_marker(t) => Raw::Missing,
        _ => Raw::Text(field),
    }
}

/// Spaces and tabs around a field do not count (as in pandas' number parser).
fn trim(field: &str) -> &str {
    let padded = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t'));
    let bytes = field.as_bytes();
    if padded(bytes.first()) || padded(bytes.last()) {
        field.trim_matches(|c: char| c == ' ' || c == '\t')
    } else {
        field
    }
}

/// Powers of ten that an f64 holds exactly.
const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// A plain decimal such as `-197.278` with at most 15 digits, by Clinger's fast path: the
/// digits make an integer below 2^53 and the power of ten is exact, so one IEEE division gives
/// the correctly rounded value, the same bits as `str::parse`. Anything else (exponents, long
/// mantissas) returns `None` and goes to the general parser.
fn parse_short_decimal(b: &[u8], mark: u8) -> Option<f64> {
    let (negative, rest) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let point = rest.iter().position(|&c| c == mark)?;
    let (int, frac) = (&rest[..point], &rest[point + 1..]);
    if int.len() + frac.len() > 15 || int.len() + frac.len() == 0 {
        return None;
    }
    let mut m = 0u64;
    for &d in int.iter().chain(frac) {
        if !d.is_ascii_digit() {
            return None;
        }
        m = m * 10 + u64::from(d - b'0');
    }
    let x = m as f64 / POW10[frac.len()];
    Some(if negative { -x } else { x })
}

/// An optionally signed run of decimal digits that fits an `i64`.
fn parse_int(b: &[u8]) -> Option<i64> {
    let (negative, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if digits.len() > 18 {
        // May overflow: let the standard parser decide.
        return std::str::from_utf8(b).ok()?.parse().ok();
    }
    let value = digits.iter().fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
    Some(if negative { -value } else { value })
}

#[derive(Debug)]
enum State {
    /// Only missing values so far: how many.
    Empty(usize),
    Int(Vec<i64>),
    Float(Vec<f64>),
    Text(Vec<Option<String>>),
}

/// Collects one column's cells and settles its type.
#[derive(Debug)]
pub struct ColumnBuilder {
    state: State,
    /// Numbers were turned back into text: their original spelling may be lost.
    lossy: bool,
}

impl ColumnBuilder {
    pub fn new() -> Self {
        ColumnBuilder { state: State::Empty(0), lossy: false }
    }

    /// A builder that keeps every cell as text (used to re-read a column that turned out mixed).
    pub fn text() -> Self {
        ColumnBuilder { state: State::Text(Vec::new()), lossy: false }
    }

    pub fn is_text(&self) -> bool {
        matches!(self.state, State::Text(_))
    }

    /// Numbers had to be written back as text (the CSV reader then re-reads the column as text).
    pub fn is_lossy(&self) -> bool {
        self.lossy
    }

    /// Makes room for `additional` more cells.
    pub fn reserve(&mut self, additional: usize) {
        match &mut self.state {
            State::Empty(_) => {}
            State::Int(v) => v.reserve(additional),
            State::Float(v) => v.reserve(additional),
            State::Text(v) => v.reserve(additional),
        }
    }

    /// Adds a field read from a text file: once the column is text, no number is parsed.
    pub fn push_field(&mut self, field: &str, decimal_comma: bool) {
        if let State::Text(v) = &mut self.state {
            v.push((!is_missing_marker(trim(field))).then(|| field.to_string()));
        } else {
            self.push(classify(field, decimal_comma));
        }
    }

    pub fn push(&mut self, raw: Raw<'_>) {
        match (&mut self.state, raw) {
            (State::Empty(n), Raw::Missing) => *n += 1,
            (State::Empty(0), Raw::Int(i)) => self.state = State::Int(vec![i]),
            (State::Empty(n), Raw::Int(i)) => self.state = State::Float(nan_then(*n, i as f64)),
            (State::Empty(n), Raw::Float(x)) => self.state = State::Float(nan_then(*n, x)),
            (State::Empty(n), Raw::Text(s)) => {
                let mut v = vec![None; *n];
                v.push(Some(s.to_string()));
                self.state = State::Text(v);
            }
            (State::Int(v), Raw::Int(i)) => v.push(i),
            (State::Int(v), Raw::Missing) => {
                let mut f: Vec<f64> = v.iter().map(|&i| i as f64).collect();
                f.push(f64::NAN);
                self.state = State::Float(f);
            }
            (State::Int(v), Raw::Float(x)) => {
                let mut f: Vec<f64> = v.iter().map(|&i| i as f64).collect();
                f.push(x);
                self.state = State::Float(f);
            }
            (State::Float(v), Raw::Missing) => v.push(f64::NAN),
            (State::Float(v), Raw::Int(i)) => v.push(i as f64),
            (State::Float(v), Raw::Float(x)) => v.push(x),
            (State::Int(_) | State::Float(_), Raw::Text(s)) => {
                self.lossy = true;
                let mut v = self.numbers_as_text();
                v.push(Some(s.to_string()));
                self.state = State::Text(v);
            }
            (State::Text(v), Raw::Missing) => v.push(None),
            (State::Text(v), Raw::Int(i)) => v.push(Some(i.to_string())),
            (State::Text(v), Raw::Float(x)) => v.push(Some(x.to_string())),
            (State::Text(v), Raw::Text(s)) => v.push(Some(s.to_string())),
        }
    }

    fn numbers_as_text(&self) -> Vec<Option<String>> {
        match &self.state {
            State::Int(v) => v.iter().map(|i| Some(i.to_string())).collect(),
            State::Float(v) => v.iter().map(|x| (!x.is_nan()).then(|| x.to_string())).collect(),
            _ => Vec::new(),
        }
    }

    /// The column's values; an all-missing column is float, as in pandas.
    pub fn finish(self) -> Values {
        match self.state {
            State::Empty(n) => Values::Float(vec![f64::NAN; n]),
            State::Int(v) => Values::Integer(v),
            State::Float(v) => Values::Float(v),
            State::Text(v) => Values::Text(v),
        }
    }
}

impl Default for ColumnBuilder {
    fn default() -> Self {
        Self::new()
    }
}

fn nan_then(n: usize, x: f64) -> Vec<f64> {
    let mut v = vec![f64::NAN; n];
    v.push(x);
    v
}

/// Column names as pandas makes them: blanks become `Unnamed: i`, repeats get `.1`, `.2`…
pub fn unique_names(raw: Vec<String>) -> Vec<String> {
    let mut taken = std::collections::HashSet::with_capacity(raw.len());
    let mut names: Vec<String> = Vec::with_capacity(raw.len());
    for (i, name) in raw.into_iter().enumerate() {
        let base = if name.trim().is_empty() { format!("Unnamed: {i}") } else { name };
        let mut candidate = base.clone();
        let mut k = 1;
        while taken.contains(&candidate) {
            candidate = format!("{base}.{k}");
            k += 1;
        }
        taken.insert(candidate.clone());
        names.push(candidate);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! classify_cases {
        ($($name:ident: $field:expr, $comma:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(classify($field, $comma), $want);
            }
        )*};
    }

    classify_cases! {
        integer_is_int: "42", false => Raw::Int(42);
        signed_integer_is_int: "-7", false => Raw::Int(-7);
        padded_integer_is_int: " 5 ", false => Raw::Int(5);
        float_is_float: "22.5", false => Raw::Float(22.5);
        exponent_is_float: "1e-3", false => Raw::Float(0.001);
        comma_decimal_is_float_when_asked: "22,5", true => Raw::Float(22.5);
        comma_decimal_is_text_otherwise: "22,5", false => Raw::Text("22,5");
        dot_is_text_with_comma_decimal: "1.234,5", true => Raw::Text("1.234,5");
        null_is_missing: "NULL", false => Raw::Missing;
        question_mark_is_missing: "?", false => Raw::Missing;
        empty_is_missing: "", false => Raw::Missing;
        word_is_text: "malade", false => Raw::Text("malade");
        huge_integer_is_float: "99999999999999999999", false => Raw::Float(1e20);
        leading_point_is_float: ".5", false => Raw::Float(0.5);
        trailing_point_is_float: "5.", false => Raw::Float(5.0);
        lone_point_is_text: ".", false => Raw::Text(".");
        lone_sign_is_text: "-", false => Raw::Text("-");
    }

    #[test]
    fn fast_decimal_path_gives_the_same_bits_as_the_standard_parser() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = state % 1_000_000_000_000_000;
            let point = (state >> 50) as usize % 16;
            let mut text = format!("{digits:015}");
            text.insert(point, '.');
            let want: f64 = text.parse().unwrap();
            assert_eq!(parse_short_decimal(text.as_bytes(), b'.').map(f64::to_bits), Some(want.to_bits()), "{text}");
        }
    }

    #[test]
    fn integers_with_a_gap_become_float() {
        let mut b = ColumnBuilder::new();
        for f in ["1", "NULL", "3"] {
            b.push_field(f, false);
        }
        match b.finish() {
            Values::Float(v) => assert!(v[0] == 1.0 && v[1].is_nan() && v[2] == 3.0),
            other => panic!("expected floats, got {other:?}"),
        }
    }

    #[test]
    fn text_after_numbers_makes_a_lossy_text_column() {
        let mut b = ColumnBuilder::new();
        b.push_field("007", false);
        b.push_field("abc", false);
        assert!(b.is_lossy());
        assert_eq!(b.finish(), Values::Text(vec![Some("7".into()), Some("abc".into())]));
    }

    #[test]
    fn all_missing_column_is_float() {
        let mut b = ColumnBuilder::new();
        b.push(Raw::Missing);
        assert!(matches!(b.finish(), Values::Float(v) if v.len() == 1 && v[0].is_nan()));
    }

    #[test]
    fn repeated_and_blank_names_are_made_unique_like_pandas() {
        let names = unique_names(vec!["a".into(), "a".into(), "".into(), "a".into()]);
        assert_eq!(names, ["a", "a.1", "Unnamed: 2", "a.2"]);
    }
}
