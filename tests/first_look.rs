//! Flags on the course's `sante` table and on small tables built for one flag each.

use crate::common;

use atelier::explore::flags::Flag;
use atelier::explore::{flags, guess_target, identifier_column, FlagReport, Scalar};
use common::{dataset, table};

fn find<'a>(reports: &'a [FlagReport], kind: &str, column: &str) -> Option<&'a FlagReport> {
    reports.iter().find(|r| {
        let json = serde_json::to_value(r).unwrap();
        json["kind"] == kind && (column.is_empty() || json["column"] == column)
    })
}

#[test]
fn sante_flags_the_typo_as_implausible_and_age_120_as_an_outlier() {
    let t = dataset("sante.csv");
    let reports = flags(&t, Some("malade"));
    let typo = find(&reports, "implausible", "cholesterol").expect("cholesterol 242300 is implausible");
    assert_eq!(typo.ids, [Scalar::Integer(5)]);
    let age = find(&reports, "outliers", "Age").expect("age 120 is an outlier");
    assert_eq!(age.ids, [Scalar::Integer(10)]);
    assert!(find(&reports, "implausible", "Age").is_none(), "120 is unusual, not a typo");
}

#[test]
fn sante_flags_the_null_labels_by_id() {
    let reports = flags(&dataset("sante.csv"), Some("malade"));
    let missing = find(&reports, "missing", "malade").unwrap();
    let ids: Vec<Scalar> = [1, 2, 3, 9].map(Scalar::Integer).to_vec();
    assert_eq!((missing.count, &missing.ids), (4, &ids));
}

#[test]
fn identifier_and_class_are_recognised_on_sante() {
    let t = dataset("sante.csv");
    assert_eq!(identifier_column(&t), Some(0));
    assert_eq!(guess_target(&t).as_deref(), Some("malade"));
    assert_eq!(guess_target(&dataset("seuil.csv")).as_deref(), Some("y"));
    assert_eq!(guess_target(&dataset("iris.csv")).as_deref(), Some("species"));
}

#[test]
fn outlier_fences_are_one_and_a_half_iqr_beyond_the_quartiles() {
    let t = table("x\n1\n2\n3\n4\n5\n6\n7\n8\n100\n");
    let r = flags(&t, None);
    let o = find(&r, "outliers", "x").unwrap();
    // q25 = 3, q75 = 7 (numpy linear), IQR 4: fences -3 and 13.
    assert_eq!(o.flag, Flag::Outliers { column: "x".into(), low: -3.0, high: 13.0 });
    assert_eq!(o.rows, [8]);
}

#[test]
fn duplicated_rows_ignore_the_identifier() {
    let t = table("id,a,b\n1,x,2\n2,y,3\n3,x,2\n");
    let r = flags(&t, None);
    let d = find(&r, "duplicate_rows", "").unwrap();
    assert_eq!((d.rows.clone(), d.flag.clone()), (vec![2], Flag::DuplicateRows { first: vec![0] }));
    assert_eq!(d.ids, [Scalar::Integer(3)]);
}

#[test]
fn constant_column_is_flagged_with_its_value() {
    let r = flags(&table("a,b\n1,k\n2,k\n3,k\n"), None);
    assert_eq!(find(&r, "constant", "b").unwrap().flag, Flag::Constant { column: "b".into(), value: Scalar::Text("k".into()) });
}

#[test]
fn rare_class_is_flagged_as_imbalance() {
    let r = flags(&dataset("imbalanced.csv"), Some("label"));
    match &find(&r, "imbalance", "label").unwrap().flag {
        Flag::Imbalance { minority, ratio, .. } => {
            assert_eq!(minority, &Scalar::Integer(1));
            assert!((ratio - 108.0 / 2000.0).abs() < 1e-12);
        }
        other => panic!("{other:?}"),
    }
    assert!(find(&flags(&dataset("iris.csv"), Some("species")), "imbalance", "").is_none());
}

#[test]
fn rows_without_identifier_are_named_by_their_label() {
    let m = flags(&table("a,b\n1,\n2,3\n"), None);
    assert_eq!(find(&m, "missing", "b").unwrap().ids, [Scalar::Integer(0)]);
}
