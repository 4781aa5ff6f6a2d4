//! The features matrix (`prep::features`): one-hot columns and fills learnt on the training rows
//! only, as scikit-learn's `SimpleImputer` + `OneHotEncoder(handle_unknown='ignore')`.

use crate::common;

use atelier::error::Error;
use atelier::prep::features::{complete_rows, Encoder, Impute};
use common::table;
use ndarray::array;

/// Rows 0–3 train; row 4 holds a category (`Z`) and an age (1000) seen nowhere else.
const PEOPLE: &str = "age,sexe,ville\n30,F,Lyon\n,M,Paris\n50,F,\n20,,Lyon\n1000,Z,Nice\n";

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn fit(impute: Impute) -> Encoder {
    Encoder::fit(&table(PEOPLE), &names(&["age", "sexe"]), &[0, 1, 2, 3], impute).unwrap()
}

#[test]
fn text_columns_become_sorted_one_hot_columns() {
    let e = fit(Impute::Median);
    assert_eq!(e.names(), names(&["age", "sexe=F", "sexe=M"]));
    assert_eq!(e.numeric(), vec![true, false, false]);
    assert_eq!(e.categories(), vec![("sexe".to_string(), names(&["F", "M"]))]);
    assert_eq!(e.transform(&table(PEOPLE), &[0, 1]), array![[30.0, 1.0, 0.0], [30.0, 0.0, 1.0]]);
}

#[test]
fn an_unseen_or_missing_category_is_all_zeros() {
    let x = fit(Impute::Median).transform(&table(PEOPLE), &[4, 3]);
    assert_eq!(x, array![[1000.0, 0.0, 0.0], [20.0, 0.0, 0.0]]);
}

#[test]
fn fills_come_from_the_training_rows_only() {
    // Training ages 30, 50, 20: median 30, mean 33.33…; row 4's 1000 must not count.
    assert_eq!(fit(Impute::Median).fills(), vec![("age".to_string(), 30.0)]);
    assert_eq!(fit(Impute::Mean).fills(), vec![("age".to_string(), 100.0 / 3.0)]);
    let all_rows = Encoder::fit(&table(PEOPLE), &names(&["age"]), &[0, 1, 2, 3, 4], Impute::Median).unwrap();
    assert_eq!(all_rows.fills(), vec![("age".to_string(), 40.0)], "the check above would see a leak");
}

#[test]
fn most_frequent_takes_the_smallest_of_tied_values() {
    // Ages 30, 50, 20 each once: the smallest, 20. Sexe F twice: a missing sexe becomes F.
    let e = fit(Impute::MostFrequent);
    assert_eq!(e.fills(), vec![("age".to_string(), 20.0)]);
    assert_eq!(e.category_fills(), vec![("sexe".to_string(), "F".to_string())]);
    assert_eq!(e.transform(&table(PEOPLE), &[3]), array![[20.0, 1.0, 0.0]]);
}

#[test]
fn drop_rows_keeps_complete_rows_and_learns_no_fill() {
    let t = table(PEOPLE);
    let features = names(&["age", "sexe"]);
    let rows = complete_rows(&t, &features, &[0, 1, 2, 3, 4]).unwrap();
    assert_eq!(rows, vec![0, 2, 4]);
    let e = Encoder::fit(&t, &features, &rows, Impute::DropRows).unwrap();
    assert!(e.fills().is_empty());
    assert_eq!(e.names(), names(&["age", "sexe=F", "sexe=Z"]));
    assert_eq!(e.transform(&t, &[1]), array![[0.0, 0.0, 0.0]], "a missing age there is a caller's bug: 0");
}

#[test]
fn a_numeric_feature_with_no_training_value_is_named() {
    let err = Encoder::fit(&table(PEOPLE), &names(&["age"]), &[1], Impute::Median).unwrap_err();
    assert_eq!(err, Error::NoTrainingValue { column: "age".into() });
}

#[test]
fn unknown_features_are_named() {
    let err = Encoder::fit(&table(PEOPLE), &names(&["taille"]), &[0], Impute::Median).unwrap_err();
    assert_eq!(err, Error::UnknownColumn { name: "taille".into() });
    assert!(complete_rows(&table(PEOPLE), &names(&["taille"]), &[0]).is_err());
}
