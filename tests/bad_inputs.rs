//! The bad-input corpus: every case of tests/bad/expected.json goes through the page's reading
//! path (a workbook through the workbook module, then the core's reader, in steps as the
//! worker reads) and, for the training cases, through `run(spec)`. Each must give the code and
//! the position the manifest says, in French and in English, or the documented table; none may
//! panic (a panic kills the wasm instance). The big cases are generated here, not stored.

use std::io::Write;

use atelier::data::{Loaded, Parser, ReadOptions};
use atelier::error::{Error, Lang, Shape};
use atelier::experiment::run::run;
use atelier::experiment::spec::Spec;
use atelier_xlsx::{looks_like_workbook, read_sheet};
use serde::Deserialize;
use serde_json::{json, Value};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// A file of tests/bad/, or the name of a generator below.
    file: Option<String>,
    generate: Option<String>,
    #[serde(default)]
    options: ReadOptions,
    /// A spec to run on the table read (the training cases).
    run: Option<Value>,
    /// The error's code, or none when the file reads.
    code: Option<String>,
    /// The error's position, as its fields name it.
    #[serde(default)]
    at: Value,
    /// What a file that reads gives.
    reads: Option<Reads>,
    /// The decision, for the README's table.
    #[allow(dead_code)]
    why: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Reads {
    rows: usize,
    columns: usize,
    names: Option<Vec<String>>,
    encoding: Option<String>,
}

fn manifest() -> Vec<Case> {
    let text = std::fs::read_to_string(format!("{DIR}/expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// What api.js does with a file: a workbook's sheet becomes JSON (`readable`), then the core's
/// Parser reads it in steps (`parse`).
fn page_read(bytes: Vec<u8>, options: &ReadOptions) -> Result<Loaded, Error> {
    if options.format.is_none() && looks_like_workbook(&bytes) {
        let sheet = read_sheet(bytes, options.sheet.as_deref(), &options.limits())?;
        let json = Value::Object(sheet.columns).to_string().into_bytes();
        let options = ReadOptions { format: Some("json".into()), sheet: Some(sheet.name), ..options.clone() };
        return page_read(json, &options);
    }
    let mut parser = Parser::new(bytes, options)?;
    while !parser.is_done() {
        parser.step(50_000)?;
    }
    parser.finish()
}

/// The position an error carries, named as in its fields.
fn position(e: &Error) -> Value {
    match e {
        Error::RaggedRow { line, expected, found } => json!({ "line": line, "expected": expected, "found": found }),
        Error::Binary { offset } | Error::Truncated { offset, .. } => json!({ "byte": offset }),
        Error::TooLarge { size, limit } => json!({ "size": size, "limit": limit }),
        Error::TooMuchMemory { rows, columns, .. } => json!({ "rows": rows, "columns": columns }),
        Error::TooManyValues { values, .. } => json!({ "values": values }),
        Error::TooManyColumns { found, .. } => json!({ "columns": found }),
        Error::UnclosedQuote { line } | Error::Csv { line, .. } => json!({ "line": line }),
        Error::JsonSyntax { line, column, detail } => json!({ "line": line, "column": column, "detail": detail }),
        Error::NotATable(Shape::RecordNotObject { row }) => json!({ "row": row }),
        Error::NotATable(Shape::LengthMismatch { column, found, expected }) => json!({ "column": column, "found": found, "expected": expected }),
        Error::NotATable(Shape::TopLevel { kind }) => json!({ "kind": kind }),
        Error::NestedValue { row, column } => json!({ "row": row, "column": column }),
        Error::Inflated { part, .. } => json!({ "part": part }),
        Error::OneClassTarget { column, class } => json!({ "column": column, "class": class }),
        Error::NoTrainingValue { column } => json!({ "column": column }),
        Error::Infinite { column, row } => json!({ "column": column, "row": row }),
        _ => json!({}),
    }
}

/// The case's outcome: the error of reading (or of running its spec), or the table read.
fn outcome(case: &Case) -> Result<Loaded, Error> {
    let bytes = match (&case.file, &case.generate) {
        (Some(file), None) => std::fs::read(format!("{DIR}/{file}")).unwrap(),
        (None, Some(name)) => generate(name),
        _ => panic!("a case names a file or a generator"),
    };
    let loaded = page_read(bytes, &case.options)?;
    if let Some(spec) = &case.run {
        let spec = Spec::from_json(&spec.to_string()).unwrap();
        run(&spec, &loaded.table, 0)?;
    }
    Ok(loaded)
}

fn check(case: &Case) -> Result<(), String> {
    let name = case.file.as_deref().or(case.generate.as_deref()).unwrap_or_default();
    let result = std::panic::catch_unwind(|| outcome(case)).map_err(|_| format!("{name}: panicked"))?;
    match (result, &case.code, &case.reads) {
        (Err(e), Some(code), None) => {
            let (fr, en) = (e.message(Lang::Fr), e.message(Lang::En));
            let mut problems = vec![];
            if e.code() != code {
                problems.push(format!("code {} instead of {code} ({en})", e.code()));
            }
            if position(&e) != case.at {
                problems.push(format!("at {} instead of {}", position(&e), case.at));
            }
            if fr == en || fr.is_empty() || en.is_empty() {
                problems.push(format!("not in two languages: {fr} / {en}"));
            }
            // Where, in both languages: each line, row, byte, column and part the error carries.
            for key in ["line", "row", "byte", "part", "columns"] {
                if let Some(v) = position(&e).get(key) {
                    let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                    if !fr.contains(&v) || !en.contains(&v) {
                        problems.push(format!("{key} {v} not in both messages: {fr} / {en}"));
                    }
                }
            }
            if problems.is_empty() { Ok(()) } else { Err(format!("{name}: {}", problems.join("; "))) }
        }
        (Ok(loaded), None, Some(want)) => {
            let t = &loaded.table;
            let names: Vec<String> = t.columns().iter().map(|c| c.name.clone()).collect();
            let same = t.num_rows() == want.rows
                && names.len() == want.columns
                && want.names.as_ref().is_none_or(|n| *n == names)
                && want.encoding.as_deref().is_none_or(|e| loaded.dialect.encoding == Some(e));
            if same { Ok(()) } else { Err(format!("{name}: read {} × {} {names:?} ({:?}), expected {want:?}", t.num_rows(), names.len(), loaded.dialect.encoding)) }
        }
        (Err(e), _, _) => Err(format!("{name}: {} ({}) at {}, expected {:?}", e.code(), e.message(Lang::En), position(&e), case.reads)),
        (Ok(loaded), _, _) => Err(format!("{name}: read {} × {}, expected {:?}", loaded.table.num_rows(), loaded.table.num_columns(), case.code)),
    }
}

#[test]
fn every_bad_input_gives_its_code_and_position_in_both_languages() {
    let cases = manifest();
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn the_corpus_holds_sixty_cases_and_every_stored_file_is_in_it() {
    let cases = manifest();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let named: std::collections::HashSet<String> = cases.iter().filter_map(|c| c.file.clone()).collect();
    for entry in std::fs::read_dir(DIR).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if !matches!(file.as_str(), "make.py" | "expected.json") {
            assert!(named.contains(&file), "{file} is not in expected.json");
        }
    }
}

/// The big inputs, made at test time so the repository stays small.
fn generate(name: &str) -> Vec<u8> {
    match name {
        "columns_100000" => {
            let header: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
            format!("{}\n{}\n", header.join(","), vec!["1"; 100_000].join(",")).into_bytes()
        }
        "field_10mb" => [&b"id,texte\n1,\""[..], &vec![b'x'; 10 << 20], b"\"\n2,court\n"].concat(),
        "field_10mb_unclosed" => [&b"id,texte\n1,court\n2,\""[..], &vec![b'x'; 10 << 20], b"\n3,court\n"].concat(),
        "empty_rows_1048576_csv" => [&b"a,b\n1,2\n"[..], &b",\n".repeat(1_048_576)].concat(),
        "empty_rows_1048576_xlsx" => {
            let empty: String = (3..=1_048_576).map(|r| format!("<row r=\"{r}\"/>")).collect();
            workbook(&format!(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>{empty}"#))
        }
        "zip_bomb_300mb" => {
            let rows = "<row><c><v>1</v></c></row>".repeat(40_000); // 1 MB
            let mut sheet = String::with_capacity(301 << 20);
            sheet.push_str(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>"#);
            (0..300).for_each(|_| sheet.push_str(&rows));
            workbook(&sheet)
        }
        "json_nested_100000_arrays" => ["[".repeat(100_000), "]".repeat(100_000)].concat().into_bytes(),
        "json_nested_100000_objects" => ["{\"a\":".repeat(100_000), "1".into(), "}".repeat(100_000)].concat().into_bytes(),
        "nul_after_64k" => [&b"a,b\n"[..], &b"1,2\n".repeat(20_000), b"3,\0\n"].concat(),
        "file_300mb" => vec![b'1'; 300 << 20],
        "sparse_2000_columns" => {
            let row = [&",".repeat(1_999)[..], "\n"].concat();
            let header: Vec<String> = (0..2_000).map(|i| format!("c{i}")).collect();
            [header.join(",") + "\n", row.repeat(65_536)].concat().into_bytes()
        }
        other => panic!("no generator {other}"),
    }
}

/// A one-sheet workbook around `rows` (the XML inside `<sheetData>`).
fn workbook(rows: &str) -> Vec<u8> {
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="donnees" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_level(Some(1)).large_file(true);
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
