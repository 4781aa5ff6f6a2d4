//! Every bad file gets a clear error that says what and where, in French and English, and no
//! input makes the reader panic (a panic kills the wasm instance).

use atelier::data::{read, ReadOptions};
use atelier::error::{Error, Lang, Shape};

fn error_of(bytes: &[u8]) -> Error {
    read(bytes.to_vec(), &ReadOptions::default()).unwrap_err()
}

macro_rules! bad_cases {
    ($($name:ident: $bytes:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(error_of($bytes), $want);
        }
    )*};
}

bad_cases! {
    empty_file: b"" => Error::EmptyFile;
    blank_file: b"  \n\n" => Error::EmptyFile;
    header_only: b"a,b,c\n" => Error::HeaderOnly;
    too_many_fields: b"a,b\n1,2\n3,4,5\n" => Error::RaggedRow { line: 3, expected: 2, found: 3 };
    too_few_fields: b"a,b,c\n1,2,3\n4,5\n" => Error::RaggedRow { line: 3, expected: 3, found: 2 };
    binary_data: b"\x7fELF\x02\x01\x01\x00\x00" => Error::Binary { offset: 7 };
    json_syntax: b"[{\"a\": 1,}]" => Error::JsonSyntax { line: 1, column: 10, detail: "trailing comma".into() };
    json_scalar: b"[1, 2]" => Error::NotATable(Shape::RecordNotObject { row: 1 });
    json_empty_list: b"[]" => Error::NotATable(Shape::EmptyList);
    json_ragged_columns: b"{\"a\": [1, 2], \"b\": [1]}" => Error::NotATable(Shape::LengthMismatch { column: "b".into(), found: 1, expected: 2 });
    json_column_not_list: b"{\"a\": 1}" => Error::NotATable(Shape::ColumnNotList { column: "a".into() });
    json_nested_value: b"[{\"a\": {\"b\": 1}}]" => Error::NestedValue { row: 1, column: "a".into() };
    workbook_without_module: b"PK\x03\x04rest" => Error::Workbook;
}

#[test]
fn unknown_options_are_named() {
    let bad = |o: ReadOptions| read(b"a\n1\n".to_vec(), &o).unwrap_err();
    assert_eq!(bad(ReadOptions { delimiter: Some("x".into()), ..Default::default() }), Error::BadOption { option: "delimiter".into(), value: "x".into() });
    assert_eq!(bad(ReadOptions { decimal: Some(";".into()), ..Default::default() }).code(), "bad_option");
    assert_eq!(bad(ReadOptions { encoding: Some("ebcdic".into()), ..Default::default() }).code(), "bad_option");
    assert_eq!(bad(ReadOptions { format: Some("parquet".into()), ..Default::default() }).code(), "bad_option");
}

#[test]
fn file_over_the_limit_states_the_limit_in_each_language_s_numbers() {
    let err = atelier::data::Limits::default().check_size(300 << 20).unwrap_err();
    assert!(err.message(Lang::En).contains("the limit is 256.0 MB"), "{}", err.message(Lang::En));
    assert!(err.message(Lang::Fr).contains("la limite est de 256,0 Mo"), "{}", err.message(Lang::Fr));
}

#[test]
fn ragged_row_message_gives_the_line_in_both_languages() {
    let err = error_of(b"a,b\n1,2\n3,4,5\n");
    assert!(err.message(Lang::Fr).starts_with("Ligne 3 : 3 champs au lieu de 2"), "{}", err.message(Lang::Fr));
    assert!(err.message(Lang::En).starts_with("Line 3: 3 fields instead of 2"));
}

#[test]
fn unclosed_quote_is_reported_as_a_ragged_row_at_its_line() {
    let err = error_of(b"a,b\n1,2\n\"open,3\n4,5\n");
    assert!(matches!(err, Error::RaggedRow { line: 3, .. }), "{err:?}");
}

/// A small deterministic generator, so the test needs no dependency.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn random_bytes_and_mangled_csv_never_panic() {
    let alphabet = b",;\t|\"\n\r 0123456789.-eNA?{}[]:ab\xc3\xa9\xff";
    let mut seed = 0x9E37_79B9_7F4A_7C15;
    for case in 0..3000 {
        let len = (xorshift(&mut seed) % 64) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = xorshift(&mut seed);
                if case % 3 == 0 { r as u8 } else { alphabet[(r % alphabet.len() as u64) as usize] }
            })
            .collect();
        let result = std::panic::catch_unwind(|| {
            if let Ok(loaded) = read(bytes.clone(), &ReadOptions::default()) {
                let t = &loaded.table;
                atelier::explore::describe(t);
                atelier::explore::info(t);
                atelier::explore::flags(t, atelier::explore::guess_target(t).as_deref());
            }
        });
        assert!(result.is_ok(), "panicked on {:?}", String::from_utf8_lossy(&bytes));
    }
}
