//! Scores from a table: a label column with its positive class, and a score column. Rows
//! missing either are left out and counted.

use crate::data::{Cell, Table};
use crate::error::{Error, Result};
use crate::eval::scores::Scores;
use crate::explore::classes::name;
use crate::explore::value_counts::value_counts;
use crate::explore::Scalar;

#[derive(Debug)]
pub struct Scored {
    pub scores: Scores,
    /// Table row of each scored row.
    pub rows: Vec<usize>,
    pub dropped: usize,
    pub positive: String,
}

/// `positive`: the label value counted as positive; when `None`, labels must be 0/1 (1 is
/// positive), else the error lists the values to choose from.
pub fn scored(table: &Table, label: &str, positive: Option<&Scalar>, score: &str) -> Result<Scored> {
    let labels = table.column(label)?;
    let scores = table.column(score)?;
    if scores.dtype() == crate::data::DType::Text {
        return Err(Error::NotNumeric { column: score.into() });
    }
    let values: Vec<Scalar> = value_counts(labels, true).into_iter().map(|v| v.value).collect();
    let positive = match positive {
        Some(p) => p.clone(),
        None if values.iter().all(|v| matches!(v, Scalar::Integer(0 | 1)) || *v == Scalar::Float(0.0) || *v == Scalar::Float(1.0)) => {
            values.iter().find(|v| v.number() == 1.0).cloned().unwrap_or(Scalar::Integer(1))
        }
        None => return Err(Error::NotBinary { values: values.iter().map(name).collect() }),
    };
    let (mut y, mut s, mut rows) = (Vec::new(), Vec::new(), Vec::new());
    for r in 0..table.num_rows() {
        let value = match scores.cell(r) {
            Cell::Integer(i) => i as f64,
            Cell::Float(x) => x,
            _ => continue,
        };
        let l = Scalar::from(labels.cell(r));
        if l == Scalar::Missing {
            continue;
        }
        y.push(same(&l, &positive));
        s.push(value);
        rows.push(r);
    }
    Ok(Scored { scores: Scores::new(&y, &s)?, dropped: table.num_rows() - rows.len(), rows, positive: name(&positive) })
}

/// Label equality where `1` and `1.0` are the same class.
fn same(a: &Scalar, b: &Scalar) -> bool {
    match (a, b) {
        (Scalar::Text(x), Scalar::Text(y)) => x == y,
        _ => a.number() == b.number(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{read, ReadOptions};

    fn table(text: &str) -> Table {
        read(text.as_bytes().to_vec(), &ReadOptions::default()).unwrap().table
    }

    #[test]
    fn zero_one_labels_need_no_positive_class() {
        let s = scored(&table("y,p\n0,0.1\n1,0.8\n1,0.4\n"), "y", None, "p").unwrap();
        assert_eq!((s.scores.positives(), s.positive.as_str()), (2, "1"));
    }

    #[test]
    fn text_labels_ask_for_the_positive_class() {
        let t = table("y,p\nchat,0.1\nchien,0.8\noiseau,0.4\n");
        assert_eq!(scored(&t, "y", None, "p").unwrap_err(), Error::NotBinary { values: vec!["chat".into(), "chien".into(), "oiseau".into()] });
        let s = scored(&t, "y", Some(&Scalar::Text("chien".into())), "p").unwrap();
        assert_eq!(s.scores.positives(), 1);
    }

    #[test]
    fn rows_missing_a_label_or_score_are_counted_out() {
        let s = scored(&table("y,p\n0,0.1\n1,\n,0.3\n1,0.9\n"), "y", None, "p").unwrap();
        assert_eq!((s.rows, s.dropped), (vec![0, 3], 2));
    }
}
