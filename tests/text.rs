//! Text columns: the tokeniser against scikit-learn's `CountVectorizer` rules, tf-idf against
//! values derived by hand, the vocabulary learnt on the training rows only, sequences, the
//! errors of a bad `spec.text`, and the bag-of-words baseline on `sotu`.

use std::time::Instant;

use crate::common::{self, assert_close, dataset, dataset_bytes};

use atelier::experiment::production::{InputKind, Production};
use atelier::experiment::report::Report;
use atelier::experiment::run::{run, run_spec, start_spec};
use atelier::experiment::spec::Spec;
use atelier::prep::features::{Encoder, Impute};
use atelier::prep::text::{first_sentence, one_hot_example, tokens, TextFeature, TextMode, TextSpec};
use atelier::Lang;

fn spec(json: &str) -> Spec {
    Spec::from_json(json).unwrap()
}

fn sotu(json: &str) -> Report {
    run_spec(&spec(json), |file| Ok(dataset_bytes(file))).unwrap()
}

fn words(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Each row: text, lowercase, the words scikit-learn's `CountVectorizer().build_analyzer()`
/// gives by its documented rules (`(?u)\b\w\w+\b` after lower-casing).
#[test]
fn tokens_follow_scikit_learns_default_token_pattern() {
    let cases: [(&str, bool, &[&str]); 8] = [
        // An apostrophe splits and the lone `s` is dropped; a hyphen splits; `I` and `2` are too short.
        ("The nation's well-known 2 cities, I think.", true, &["the", "nation", "well", "known", "cities", "think"]),
        // `22.5` → `22` (the `5` alone is too short); `_` is a word character; accents are letters.
        ("Don't stop: 22.5% of U.S. jobs_now ÉCOLE été", true, &["don", "stop", "22", "of", "jobs_now", "école", "été"]),
        ("naïve café—Straße x1 a b 3", true, &["naïve", "café", "straße", "x1"]),
        ("Keep The Case", false, &["Keep", "The", "Case"]),
        ("", true, &[]),
        ("a b c ! ?", true, &[]),
        ("tab\tand\nnewline", true, &["tab", "and", "newline"]),
        ("1984 and 2021", true, &["1984", "and", "2021"]),
    ];
    for (text, lowercase, want) in cases {
        assert_eq!(tokens(text, lowercase), words(want), "{text:?}");
    }
}

/// `TfidfVectorizer()` on three documents, derived by hand: n = 3, `the` and `cat` in two
/// documents (idf a = ln(4/3) + 1), `sat`, `dog`, `birds` in one (idf b = ln 2 + 1); rows are
/// `count × idf` divided by their norm. scikit-learn 1.9 prints the same (0.51785612,
/// 0.68091856 for the first row).
#[test]
fn tfidf_matches_values_derived_by_hand() {
    let t = common::table("text,y\nthe cat sat,0\nthe cat the dog,1\nbirds,0\n");
    let text = TextSpec { columns: words(&["text"]), mode: TextMode::Tfidf, ..TextSpec::default() };
    let e = Encoder::fit_with_text(&t, &words(&["text"]), &[0, 1, 2], Impute::Median, Some(&text)).unwrap();
    // Most frequent first: `the` (3), `cat` (2), then `birds`, `dog`, `sat` (1 each) alphabetically.
    assert_eq!(e.names(), words(&["text:the", "text:cat", "text:birds", "text:dog", "text:sat"]));
    let x = e.transform(&t, &[0, 1, 2]);
    let (a, b) = ((4.0f64 / 3.0).ln() + 1.0, 2.0f64.ln() + 1.0);
    let n1 = (2.0 * a * a + b * b).sqrt();
    let n2 = (5.0 * a * a + b * b).sqrt();
    let want = [[a / n1, a / n1, 0.0, 0.0, b / n1], [2.0 * a / n2, a / n2, 0.0, b / n2, 0.0], [0.0, 0.0, 1.0, 0.0, 0.0]];
    for (i, row) in want.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            assert!((x[[i, j]] - v).abs() <= 1e-15, "[{i}, {j}]: {} vs {v}", x[[i, j]]);
        }
    }
    assert_close(x[[0, 0]], 0.51785612, 1e-7, "sklearn's printed value");
}

#[test]
fn counts_use_the_vocabulary_of_the_training_rows_only() {
    let t = common::table("text,y\nred red blue,0\nblue green,1\nzebra zebra zebra red,0\n");
    let text = TextSpec { columns: words(&["text"]), max_words: 2, ..TextSpec::default() };
    // Trained on rows 0 and 1: `zebra` is never seen; `red` and `blue` tie at 2, `green` is cut.
    let e = Encoder::fit_with_text(&t, &words(&["text"]), &[0, 1], Impute::Median, Some(&text)).unwrap();
    assert_eq!(e.names(), words(&["text:blue", "text:red"]));
    let x = e.transform(&t, &[0, 1, 2]);
    assert_eq!(x.as_slice().unwrap(), &[1.0, 2.0, 1.0, 0.0, 0.0, 1.0]);
    // Text columns are never scaled.
    assert_eq!(e.numeric(), vec![false, false]);
}

#[test]
fn sequences_pad_and_truncate_at_the_front_with_zero_and_one_reserved() {
    let t = common::table("text,y\nthe cat sat,0\nthe dog,1\nthe big cat ran to the dog,0\n,1\n");
    let text = TextSpec { columns: words(&["text"]), mode: TextMode::Sequence, length: 4, ..TextSpec::default() };
    let e = Encoder::fit_with_text(&t, &words(&["text"]), &[0, 1], Impute::Median, Some(&text)).unwrap();
    // Vocabulary: the (2), cat, dog, sat → indices 2, 3, 4, 5; unknown 1, padding 0.
    assert_eq!(e.names(), words(&["text[1]", "text[2]", "text[3]", "text[4]"]));
    let x = e.transform(&t, &[0, 1, 2, 3]);
    let rows: Vec<Vec<f64>> = x.outer_iter().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0], [0.0, 2.0, 3.0, 5.0]); // padded before
    assert_eq!(rows[1], [0.0, 0.0, 2.0, 4.0]);
    assert_eq!(rows[2], [1.0, 1.0, 2.0, 4.0]); // the last four words: to the dog ← ran to the dog
    assert_eq!(rows[3], [0.0, 0.0, 0.0, 0.0]); // a missing text is empty
    let feature = TextFeature::fit(t.column("text").unwrap(), &[0, 1], &text).unwrap();
    assert_eq!(feature.vocabulary_size(), 6);
}

#[test]
fn sequence_columns_are_not_scaled_and_the_report_gives_the_vocabulary_size() {
    let r = sotu(r#"{ "data": { "builtin": "sotu" }, "features": ["text"], "text": { "columns": ["text"], "mode": "sequence", "length": 20, "max_words": 300 },
        "model": { "kind": "gaussian_nb" } }"#);
    assert!(r.prepared.scaled.iter().all(|s| !s));
    assert_eq!(r.prepared.features.len(), 20);
    let text = r.prepared.text.as_ref().unwrap();
    assert_eq!((text.vocabulary_size, text.columns[0].words, text.columns[0].length), (302, 300, Some(20)));
    assert_eq!(&text.columns[0].first_words[..3], ["the", "and", "to"]);
    assert!(text.telling.is_none());
}

#[test]
fn bad_text_specs_are_errors_naming_the_field() {
    let csv = "year,text,y\n1990,the cat sat,0\n1991,the dog,1\n1992,a cat,0\n1993,the dog ran,1\n1994,cats,0\n1995,dogs run,1\n";
    let cases = [
        (r#"{ "columns": ["nope"] }"#, "text.columns", "nope"),
        (r#"{ "columns": ["year"] }"#, "text.columns", "year"),
        (r#"{ "columns": ["text"], "max_words": 0 }"#, "text.max_words", "0"),
        (r#"{ "columns": ["text"], "mode": "sequence", "length": 0 }"#, "text.length", "0"),
    ];
    for (text, field, value) in cases {
        let s = spec(&format!(r#"{{ "target": "y", "split": {{ "test": 0, "validation": 0 }}, "text": {text} }}"#));
        let e = run(&s, &common::table(csv), 0).unwrap_err();
        assert_eq!(e.code(), "bad_param", "{text}");
        let (fr, en) = (e.message(Lang::Fr), e.message(Lang::En));
        assert!(en.contains(&format!("'{field}' = {value}")) && fr.contains(&format!("« {field} » = {value}")), "{en} / {fr}");
    }
    let numeric = run(&spec(r#"{ "target": "y", "text": { "columns": ["year"] } }"#), &common::table(csv), 0).unwrap_err();
    assert!(numeric.message(Lang::En).contains("a chosen feature that holds text"), "{}", numeric.message(Lang::En));
    let e = Spec::from_json(r#"{ "text": { "columns": ["text"], "maxwords": 10 } }"#).unwrap_err();
    assert!(e.message(Lang::En).contains("maxwords"), "{}", e.message(Lang::En));
    let e = Spec::from_json(r#"{ "text": { "mode": "bag" } }"#).unwrap_err();
    assert_eq!(e.code(), "bad_spec");
}

/// scikit-learn's `CountVectorizer()` + `LogisticRegression()` scores 0.73–0.77 on this data
/// (three seeds of `train_test_split`, 1,200 training rows); the same pipeline here, with the
/// default split, must beat 72 %. Also times the fit (printed with `--nocapture`).
#[test]
fn the_bag_of_words_baseline_on_sotu_beats_72_percent() {
    let json = r#"{ "data": { "builtin": "sotu" }, "features": ["text"], "text": { "columns": ["text"] }, "model": { "kind": "logistic_regression" } }"#;
    let start = Instant::now();
    let mut experiment = start_spec(&spec(json), |file| Ok(dataset_bytes(file))).unwrap();
    let prepared = start.elapsed().as_secs_f64();
    while !experiment.done() {
        experiment.step().unwrap();
    }
    let fitted = start.elapsed().as_secs_f64() - prepared;
    let r = experiment.report().unwrap();
    let accuracy = r.validation.as_ref().unwrap().scoring.metrics.accuracy;
    let text = r.prepared.text.as_ref().unwrap();
    eprintln!("sotu counts + logistic regression: {} words, validation accuracy {accuracy:.4}; read and prepared in {prepared:.2} s, fitted in {fitted:.2} s", text.columns[0].words);
    assert!(accuracy > 0.72, "validation accuracy {accuracy}");
    let telling = text.telling.as_ref().unwrap();
    assert_eq!((telling.for_positive.len(), telling.for_other.len()), (15, 15));
    assert_eq!((telling.positive.as_str(), telling.other.as_deref()), ("Democratic", Some("Republican")));
    assert!(telling.for_positive.windows(2).all(|w| w[0].coefficient >= w[1].coefficient && w[1].coefficient > 0.0));
    assert!(telling.for_other.windows(2).all(|w| w[0].coefficient <= w[1].coefficient && w[1].coefficient < 0.0));
    assert!(r.prepared.features.iter().all(|f| f.starts_with("text:")));
}

#[test]
fn tfidf_and_the_linear_svm_also_learn_sotu() {
    let r = sotu(r#"{ "data": { "builtin": "sotu" }, "features": ["text"], "text": { "columns": ["text"], "mode": "tfidf" }, "model": { "kind": "linear_svm" } }"#);
    let accuracy = r.validation.as_ref().unwrap().scoring.metrics.accuracy;
    assert!(accuracy > 0.70, "validation accuracy {accuracy}");
    assert!(r.prepared.text.as_ref().unwrap().telling.is_some());
}

#[test]
fn president_is_flagged_as_the_label_in_disguise() {
    let r = sotu(r#"{ "data": { "builtin": "sotu" }, "features": ["president", "text"], "text": { "columns": ["text"], "max_words": 200 } }"#);
    let flagged: Vec<&str> = r.prepared.warnings.iter().filter(|w| w.code == "label_in_disguise").map(|w| w.en.as_str()).collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].contains("'president'"), "{flagged:?}");
}

#[test]
fn cross_validation_learns_the_vocabulary_in_each_fold() {
    let r = sotu(r#"{ "data": { "builtin": "sotu" }, "features": ["text"], "text": { "columns": ["text"], "max_words": 500 },
        "model": { "kind": "gaussian_nb" }, "cv": { "folds": 3 } }"#);
    let cv = r.cv.unwrap();
    assert_eq!(cv.folds.len(), 3);
    assert!(cv.mean.accuracy > 0.55, "{}", cv.mean.accuracy);
}

#[test]
fn a_production_model_tokenises_new_rows_with_its_frozen_vocabulary() {
    let data = dataset("sotu.csv");
    let s = spec(r#"{ "features": ["text"], "text": { "columns": ["text"], "max_words": 1000 }, "model": { "kind": "logistic_regression" } }"#);
    let p = Production::fit(&s, &data).unwrap();
    assert_eq!(p.inputs()[0].kind, InputKind::Text);
    let back = Production::from_json(&p.to_json()).unwrap();
    assert_eq!(back, p);
    let new = common::table("text\n\"We will cut taxes, cut regulation and defend freedom.\"\n\"Health care for every family, and a raise for working families.\"\n");
    let (a, b) = (p.predict(&new).unwrap(), back.predict(&new).unwrap());
    assert_eq!(a.probabilities, b.probabilities);
    assert_eq!(a.probabilities.len(), 2);
    // A text of words never seen scores as the empty text: the intercept alone.
    let unseen = p.predict(&common::table("text\nzzzz qqqq\n\"\"\n")).unwrap();
    assert_eq!(unseen.probabilities[0], unseen.probabilities[1]);
}

#[test]
fn the_one_hot_example_gives_one_column_per_distinct_word() {
    assert_eq!(first_sentence("We act. Then more. "), "We act.");
    assert_eq!(first_sentence("U.S.A is big"), "U.S.A is big");
    let e = one_hot_example("The jobs, the economy and the taxes. The rest.", true, 12);
    assert_eq!(e.sentence, "The jobs, the economy and the taxes.");
    assert_eq!(e.tokens, words(&["the", "jobs", "the", "economy", "and", "the", "taxes"]));
    assert_eq!(e.vocabulary, words(&["and", "economy", "jobs", "taxes", "the"]));
    assert_eq!(e.indices, [4, 2, 4, 1, 0, 4, 3]);
    assert_eq!(e.rows[1], [0, 0, 1, 0, 0]);
    assert_eq!(e.bag, [1, 1, 1, 1, 3]);
    assert!(!e.truncated && e.note.en.contains("invent an order") && e.note.fr.contains("inventerait un ordre"));
    assert!(one_hot_example("one two three four", true, 2).truncated);
}
