//! Column type inference shared by every reader: cells arrive one by one, the column settles on
//! the narrowest type that holds them all (integer ⊂ float ⊂ text), as pandas' readers do.

use super::table::Values;

/// Missing-value markers: pandas' default `na_values`, plus `?` (the UCI convention).
const MISSING_MARKERS: &[&str] = &[
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

/// Reads a text field: a missing marker, an integer, a float (with `,` as the decimal mark when
/// `decimal_comma`), or text.
pub fn classify(field: &str, decimal_comma: bool) -> Raw<'_> {
    let t = field.trim_matches(|c: char| c == ' ' || c == '\t');
    if is_missing_marker(t) {
        return Raw::Missing;
    }
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = t.parse::<i64>() {
            return Raw::Int(i);
        }
    }
    let parsed = if decimal_comma {
        if t.contains('.') {
            return Raw::Text(field);
        }
        t.replacen(',', ".", 1).parse::<f64>()
    } else {
        t.parse::<f64>()
    };
    match parsed {
        // Rust also reads "nan"/"inf" words; only the markers above mean missing.
        Ok(x) if !x.is_nan() => Raw::Float(x),
        _ => Raw::Text(field),
    }
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

    /// Adds a field read from a text file: once the column is text, no number is parsed.
    pub fn push_field(&mut self, field: &str, decimal_comma: bool) {
        if let State::Text(v) = &mut self.state {
            let t = field.trim_matches(|c: char| c == ' ' || c == '\t');
            v.push((!is_missing_marker(t)).then(|| field.to_string()));
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
    let mut names: Vec<String> = Vec::with_capacity(raw.len());
    for (i, name) in raw.into_iter().enumerate() {
        let base = if name.trim().is_empty() { format!("Unnamed: {i}") } else { name };
        let mut candidate = base.clone();
        let mut k = 1;
        while names.contains(&candidate) {
            candidate = format!("{base}.{k}");
            k += 1;
        }
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
