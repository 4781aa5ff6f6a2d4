//! Reading files: dialects, quoting, encodings, JSON shapes, overrides. One row per case.

use crate::common;

use atelier::data::{read, Cell, DType, ReadOptions};
use common::{dataset, dataset_bytes, table};

fn cells(text: &str) -> Vec<Vec<String>> {
    let t = table(text);
    t.rows(0, usize::MAX)
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|c| match c {
                    Cell::Integer(i) => i.to_string(),
                    Cell::Float(x) => format!("{x:?}"),
                    Cell::Text(s) => format!("'{s}'"),
                    Cell::Missing => "NA".into(),
                })
                .collect()
        })
        .collect()
}

macro_rules! read_cases {
    ($($name:ident: $text:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            let want: Vec<Vec<&str>> = $want;
            assert_eq!(cells($text), want);
        }
    )*};
}

read_cases! {
    plain_csv_types_integers_floats_and_text: "a,b,c\n1,2.5,x\n2,3,y\n" => vec![vec!["1", "2.5", "'x'"], vec!["2", "3.0", "'y'"]];
    quoted_delimiter_stays_in_the_field: "a,b\n\"x, y\",1\n" => vec![vec!["'x, y'", "1"]];
    doubled_quotes_become_one: "a,b\n\"say \"\"hi\"\"\",1\n" => vec![vec!["'say \"hi\"'", "1"]];
    newline_inside_quotes_is_data: "a,b\n\"two\nlines\",1\n" => vec![vec!["'two\nlines'", "1"]];
    crlf_line_ends_are_read: "a,b\r\n1,2\r\n3,4\r\n" => vec![vec!["1", "2"], vec!["3", "4"]];
    missing_markers_are_missing: "a,b\nNA,1\nN/A,2\nNaN,3\nNULL,4\nnull,5\nNone,6\n?,7\n,8\n" => (1..=8).map(|i| vec!["NA", ["1","2","3","4","5","6","7","8"][i - 1]]).collect();
    integer_column_with_a_gap_is_float: "a,b\n1,x\n,y\n" => vec![vec!["1.0", "'x'"], vec!["NA", "'y'"]];
    blank_lines_are_skipped_as_pandas_does: "a\n1\n\n3\n" => vec![vec!["1"], vec!["3"]];
    text_after_numbers_keeps_its_spelling: "a\n007\nabc\n" => vec![vec!["'007'"], vec!["'abc'"]];
    semicolons_and_decimal_commas_are_sniffed: "a;b\n22,5;1\n3,25;2\n" => vec![vec!["22.5", "1"], vec!["3.25", "2"]];
    tabs_are_sniffed: "a\tb\n1\t2\n" => vec![vec!["1", "2"]];
    pipes_are_sniffed: "a|b\n1|x\n" => vec![vec!["1", "'x'"]];
    json_records_keep_key_order: "[{\"b\": 1, \"a\": \"x\"}, {\"a\": \"y\"}]" => vec![vec!["1.0", "'x'"], vec!["NA", "'y'"]];
    json_columns_are_read: "{\"x\": [1, 2], \"y\": [null, 2.5]}" => vec![vec!["1", "NA"], vec!["2", "2.5"]];
}

#[test]
fn french_export_reads_exactly_like_the_plain_file() {
    let loaded = read(dataset_bytes("sante_fr.csv"), &ReadOptions::default()).unwrap();
    let d = &loaded.dialect;
    assert_eq!((d.delimiter.as_deref(), d.decimal.as_deref(), d.encoding), (Some(";"), Some(","), Some("utf-8")));
    // Debug text, as NaN (missing) is not equal to itself.
    assert_eq!(format!("{:?}", loaded.table), format!("{:?}", dataset("sante.csv")));
}

#[test]
fn sante_types_match_pandas() {
    let t = dataset("sante.csv");
    let types: Vec<DType> = t.columns().iter().map(|c| c.dtype()).collect();
    use DType::*;
    assert_eq!(types, [Integer, Integer, Float, Integer, Integer, Float]);
}

#[test]
fn windows_1252_file_is_decoded_and_reported() {
    let bytes = b"nom;ville\nJos\xe9;Besan\xe7on\n".to_vec();
    let loaded = read(bytes, &ReadOptions::default()).unwrap();
    assert_eq!(loaded.dialect.encoding, Some("windows-1252"));
    assert_eq!(loaded.table.rows(0, 1)[0], vec![Cell::Text("José"), Cell::Text("Besançon")]);
}

#[test]
fn every_guess_can_be_overridden() {
    // Sniffed: ';' and a decimal comma. Told: a decimal point, so "1,5" is text.
    let options = ReadOptions { delimiter: Some(";".into()), decimal: Some(".".into()), ..Default::default() };
    let loaded = read(b"a;b\n1,5;2\n".to_vec(), &options).unwrap();
    assert_eq!(loaded.table.rows(0, 1)[0], vec![Cell::Text("1,5"), Cell::Integer(2)]);
    assert_eq!(loaded.dialect.decimal.as_deref(), Some("."));
}

#[test]
fn forced_encoding_wins_over_the_guess() {
    let options = ReadOptions { encoding: Some("windows-1252".into()), ..Default::default() };
    let loaded = read("a\nÃ©\n".as_bytes().to_vec(), &options).unwrap();
    assert_eq!(loaded.table.rows(0, 1)[0], vec![Cell::Text("ÃƒÂ©")]);
}

#[test]
fn every_built_in_dataset_reads_with_its_announced_shape_and_target() {
    for d in atelier::data::datasets::BUILT_IN {
        let t = dataset(d.file);
        assert_eq!((t.num_rows(), t.num_columns()), (d.rows, d.columns), "{}", d.id);
        assert!(t.column(d.target).is_ok(), "{}: no target {}", d.id, d.target);
    }
}
