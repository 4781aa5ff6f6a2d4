//! Shareable links: a payload written by the page reads back to the same link; damaged, newer,
//! too old and unknown-data links are refused with a message that says why, in both languages.

use atelier::error::{Error, Lang, LinkProblem};
use atelier::experiment::link::{read_link, write_link, Source, LINK_VERSION};
use serde_json::json;

fn parts(data: serde_json::Value) -> String {
    json!({
        "step": "validate",
        "spec": { "model": { "kind": "knn", "n_neighbors": 7 }, "cv": { "folds": 3 } },
        "recipe": [{ "step": { "op": "drop_columns", "columns": ["id"] } }],
        "data": data,
    })
    .to_string()
}

fn problem(text: &str) -> LinkProblem {
    match read_link(text) {
        Err(Error::BadLink(p)) => p,
        other => panic!("expected a link problem, got {other:?}"),
    }
}

#[test]
fn a_written_link_reads_back_to_the_same_parts_with_the_version() {
    let text = write_link(&parts(json!({ "builtin": "breast_cancer" }))).unwrap();
    let link = read_link(&text).unwrap();
    assert_eq!(link.v, LINK_VERSION);
    assert_eq!(link.step, "validate");
    assert_eq!(link.spec["model"]["n_neighbors"], 7);
    assert_eq!(link.spec["cv"]["folds"], 3);
    assert_eq!(link.recipe.len(), 1);
    assert_eq!(link.data.source().unwrap(), Source::Builtin("breast_cancer"));
    assert!(link.pending().is_none());
}

#[test]
fn inline_text_and_bytes_travel_with_their_name_and_options() {
    let text = write_link(&parts(json!({ "name": "notes.csv", "text": "a;b\n1;2\n", "options": { "delimiter": ";" } }))).unwrap();
    let link = read_link(&text).unwrap();
    assert_eq!(link.data.source().unwrap(), Source::Inline);
    assert_eq!(link.data.text.as_deref(), Some("a;b\n1;2\n"));
    assert_eq!(link.data.options.unwrap()["delimiter"], ";");
    let bytes = read_link(&write_link(&parts(json!({ "name": "book.xlsx", "base64": "UEsDBA==" }))).unwrap()).unwrap();
    assert_eq!(bytes.data.base64.as_deref(), Some("UEsDBA=="));
}

#[test]
fn a_file_too_big_to_carry_opens_with_a_note_naming_it_and_its_size() {
    let link = read_link(&write_link(&parts(json!({ "name": "big.csv", "missing": true, "rows": 120000, "columns": 12 }))).unwrap()).unwrap();
    let note = link.pending().expect("a note");
    assert_eq!(note.code(), "link_needs_file");
    assert!(note.message(Lang::En).contains("Load the file 'big.csv' (120000 rows × 12 columns)"), "{}", note.message(Lang::En));
    assert!(note.message(Lang::Fr).contains("Chargez le fichier « big.csv »"));
}

#[test]
fn garbage_or_a_payload_missing_its_parts_is_a_damaged_link() {
    for text in ["", "not json", "[1,2]", r#"{"step":"data"}"#, r#"{"v":"1"}"#, r#"{"v":1,"step":"data","spec":{}}"#] {
        assert_eq!(problem(text), LinkProblem::Damaged, "{text:?}");
    }
    let unknown_field = parts(json!({ "builtin": "iris" })).replace("\"step\"", "\"v\":1,\"extra\":0,\"step\"");
    assert_eq!(problem(&unknown_field), LinkProblem::Damaged);
    for data in [json!({}), json!({ "builtin": "iris", "text": "a\n1" }), json!({ "text": "a\n1" }), json!({ "name": "x", "base64": "not base64!" }), json!({ "name": "x", "missing": true })] {
        assert!(matches!(write_link(&parts(data.clone())), Err(Error::BadLink(LinkProblem::Damaged))), "{data}");
    }
    let err = read_link("%%%").unwrap_err();
    assert_eq!(err.code(), "link_damaged");
    assert!(err.message(Lang::En).contains("This link is damaged"));
    assert!(err.message(Lang::Fr).contains("Ce lien est abîmé"));
}

#[test]
fn a_link_from_a_newer_version_says_so_and_an_older_unreadable_one_says_why() {
    let newer = write_link(&parts(json!({ "builtin": "iris" }))).unwrap().replace("\"v\":1", "\"v\":7");
    let err = read_link(&newer).unwrap_err();
    assert_eq!(err, Error::BadLink(LinkProblem::Newer { found: 7, current: LINK_VERSION }));
    assert!(err.message(Lang::En).contains("comes from a newer version"));
    assert!(err.message(Lang::Fr).contains("version plus récente"));
    let older = newer.replace("\"v\":7", "\"v\":0");
    let err = read_link(&older).unwrap_err();
    assert_eq!(err.code(), "link_too_old");
    assert!(err.message(Lang::En).contains("no longer reads"));
}

#[test]
fn an_unknown_built_in_data_set_is_named_and_an_unknown_step_opens_the_first() {
    let err = write_link(&parts(json!({ "builtin": "titanic" }))).unwrap_err();
    assert_eq!(err, Error::BadLink(LinkProblem::UnknownData { id: "titanic".into() }));
    assert!(err.message(Lang::En).contains("'titanic'"));
    let text = write_link(&parts(json!({ "builtin": "iris" }))).unwrap().replace("\"validate\"", "\"nowhere\"");
    assert_eq!(read_link(&text).unwrap().step, "data");
}
