//! The cleaning recipe on the course's `sante` table, as the course does it.

use crate::common;

use atelier::data::write::to_csv;
use atelier::error::{Error, Lang};
use atelier::explore::correlation::{correlation, Method};
use atelier::explore::{describe, Scalar};
use atelier::prep::recipe::{apply, Condition, Fill, Step};
use common::dataset;

fn course_recipe() -> Vec<Step> {
    vec![
        Step::DropColumns { columns: vec!["IMC".into()] },
        Step::DropWhere { condition: Condition::parse("Age > 100").unwrap() },
        Step::FillMissing { column: "malade".into(), fill: Fill::Constant(Scalar::Integer(0)) },
    ]
}

#[test]
fn course_cleaning_drops_imc_and_the_age_120_row_and_fills_the_labels() {
    let cleaned = apply(&dataset("sante.csv"), &course_recipe()).unwrap();
    let d = describe(&cleaned.table);
    assert_eq!(d.rows, 9);
    assert!(d.columns.iter().all(|c| c.name != "IMC"));
    let age = d.columns.iter().find(|c| c.name == "Age").unwrap();
    assert_eq!(age.max, Some(52.0));
    let malade = d.columns.iter().find(|c| c.name == "malade").unwrap();
    assert_eq!((malade.missing, malade.count), (0, 9));
    assert_eq!(cleaned.index, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
}

#[test]
fn dropped_rows_are_named_by_their_label_in_the_loaded_file() {
    let steps = [Step::DropRows { rows: vec![0] }, Step::DropRows { rows: vec![9] }];
    let cleaned = apply(&dataset("sante.csv"), &steps).unwrap();
    assert_eq!(cleaned.index, [1, 2, 3, 4, 5, 6, 7, 8]);
}

#[test]
fn fillna_0_correlation_matches_pandas() {
    // shared/golden/correlation.json, pearson.sante_malade_fillna0.
    let golden: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/correlation.json")).unwrap()).unwrap();
    let g = &golden["pearson"]["sante_malade_fillna0"];
    let fill = [Step::FillMissing { column: "malade".into(), fill: Fill::Constant(Scalar::Integer(0)) }];
    let table = apply(&dataset("sante.csv"), &fill).unwrap().table;
    let columns: Vec<String> = g["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().into()).collect();
    let got = correlation(&table, &columns, Method::Pearson).unwrap();
    for (i, row) in g["matrix"].as_array().unwrap().iter().enumerate() {
        for (j, want) in row.as_array().unwrap().iter().enumerate() {
            let (got, want) = (got.matrix[i][j].unwrap(), want.as_f64().unwrap());
            assert!((got - want).abs() <= 1e-9 * want.abs().max(1e-3), "[{i}][{j}] {got} vs {want}");
        }
    }
}

#[test]
fn mean_median_and_most_frequent_fills_follow_pandas() {
    let t = common::table("x,c\n1,a\n,b\n3,b\n10,\n");
    let fill = |column: &str, fill: Fill| to_csv(&apply(&t, &[Step::FillMissing { column: column.into(), fill }]).unwrap().table);
    assert_eq!(fill("x", Fill::Mean), "x,c\n1.0,a\n4.666666666666667,b\n3.0,b\n10.0,\n");
    assert_eq!(fill("x", Fill::Median), "x,c\n1.0,a\n3.0,b\n3.0,b\n10.0,\n");
    assert_eq!(fill("c", Fill::MostFrequent), "x,c\n1.0,a\n,b\n3.0,b\n10.0,b\n");
}

#[test]
fn a_step_on_a_dropped_column_names_the_step() {
    let steps = [Step::DropColumns { columns: vec!["IMC".into()] }, Step::FillMissing { column: "IMC".into(), fill: Fill::Mean }];
    let err = apply(&dataset("sante.csv"), &steps).unwrap_err();
    assert_eq!(err, Error::InStep { step: 2, error: Box::new(Error::UnknownColumn { name: "IMC".into() }) });
    assert_eq!(err.message(Lang::En), "Recipe step 2: No column 'IMC'.");
}

#[test]
fn text_into_a_numeric_column_is_refused() {
    let steps = [Step::FillMissing { column: "malade".into(), fill: Fill::Constant(Scalar::Text("non".into())) }];
    assert_eq!(apply(&dataset("sante.csv"), &steps).unwrap_err().code(), "fill_type");
}
