//! The page's session: the loaded table, its cleaning recipe and the cleaned table every
//! summary, chart, projection and run reads. Rows are named by their label in the loaded file
//! (pandas' index), whatever the recipe dropped.

use serde::Serialize;

use super::evaluate::{scored, Scored};
use super::run::Experiment;
use super::spec::Spec;
use crate::data::{DType, Loaded, Table};
use crate::error::{Error, Result};
use crate::explore::classes::{classes, Classes};
use crate::explore::flags::Flag;
use crate::explore::histogram::{bins, box_stats, counts, BinRule, BoxStats};
use crate::explore::{self, FlagReport, Scalar};
use crate::prep::recipe::{apply, pandas_line, Cleaned, Step};

pub struct Session {
    loaded: Loaded,
    /// `fnv1a` of the loaded file's bytes: part of every run's key.
    fingerprint: u64,
    steps: Vec<Step>,
    cleaned: Cleaned,
}

/// One histogram series (one per class when a class column is chosen).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub name: String,
    pub counts: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub rule: BinRule,
    pub series: Vec<Series>,
}

/// One box of a box plot, named by its class (or by the column).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoxGroup {
    pub name: String,
    #[serde(flatten)]
    pub stats: BoxStats,
}

/// The identifier of each of `rows` (of the cleaned table): its ID column value, else its
/// label in the loaded file.
pub fn row_ids(cleaned: &Cleaned, rows: &[usize]) -> Vec<Scalar> {
    let id = explore::identifier_column(&cleaned.table);
    rows.iter()
        .map(|&r| match id {
            Some(c) => Scalar::from(cleaned.table.columns()[c].cell(r)),
            None => Scalar::Integer(cleaned.index[r] as i64),
        })
        .collect()
}

impl Session {
    pub fn new(loaded: Loaded, fingerprint: u64) -> Session {
        let cleaned = Cleaned { index: (0..loaded.table.num_rows()).collect(), table: loaded.table.clone() };
        Session { loaded, fingerprint, steps: Vec::new(), cleaned }
    }

    /// The cleaned table.
    pub fn table(&self) -> &Table {
        &self.cleaned.table
    }

    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// The loaded data's fingerprint (bytes and dialect): half of a run's journal key.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The label in the loaded file of each row of the cleaned table.
    pub fn labels(&self) -> &[usize] {
        &self.cleaned.index
    }

    /// Replaces the recipe. One that cannot apply is an error, and the previous recipe stays:
    /// nothing the student did is lost.
    pub fn set_recipe(&mut self, steps: Vec<Step>) -> Result<()> {
        self.cleaned = apply(&self.loaded.table, &steps)?;
        self.steps = steps;
        Ok(())
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The pandas line of each recipe step.
    pub fn pandas(&self) -> Vec<String> {
        self.steps.iter().map(pandas_line).collect()
    }

    /// The flags on the cleaned table, rows named by their labels (so a recipe step can drop
    /// them), and by their labels too where there is no identifier column.
    pub fn flags(&self, class: Option<&str>) -> Result<Vec<FlagReport>> {
        if let Some(name) = class {
            self.table().column(name)?;
        }
        let has_id = explore::identifier_column(self.table()).is_some();
        let mut reports = explore::flags(self.table(), class);
        for r in &mut reports {
            r.rows.iter_mut().for_each(|row| *row = self.cleaned.index[*row]);
            if let Flag::DuplicateRows { first } = &mut r.flag {
                first.iter_mut().for_each(|row| *row = self.cleaned.index[*row]);
            }
            if !has_id {
                r.ids = r.rows.iter().map(|&l| Scalar::Integer(l as i64)).collect();
            }
        }
        Ok(reports)
    }

    /// A column's numbers, NaN where missing; an error for a text column.
    pub fn numbers(&self, name: &str) -> Result<Vec<f64>> {
        let c = self.table().column(name)?;
        if c.dtype() == DType::Text {
            return Err(Error::NotNumeric { column: name.into() });
        }
        Ok(c.numbers_with_nan())
    }

    /// Class index per row and class names, from a class column.
    pub fn classes(&self, column: &str) -> Result<Classes> {
        Ok(classes(self.table().column(column)?))
    }

    /// The values of `column` split by the classes of `class` (or whole, named `whole`).
    fn groups(&self, values: Vec<f64>, class: Option<&str>, whole: &str) -> Result<Vec<(String, Vec<f64>)>> {
        Ok(match class {
            None => vec![(whole.to_string(), values)],
            Some(name) => {
                let c = self.classes(name)?;
                c.names.iter().enumerate().map(|(k, n)| (n.clone(), values.iter().zip(&c.index).filter(|(_, i)| **i == k).map(|(v, _)| *v).collect())).collect()
            }
        })
    }

    /// A histogram of `column`, one series per class of `class`.
    pub fn histogram(&self, column: &str, bin_count: Option<usize>, class: Option<&str>) -> Result<Histogram> {
        let values = self.numbers(column)?;
        let present: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let b = bins(&present, bin_count);
        let series = self.groups(values, class, "")?.into_iter().map(|(name, v)| Series { name, counts: counts(&v, &b.edges) }).collect();
        Ok(Histogram { edges: b.edges, rule: b.rule, series })
    }

    /// Box plot statistics of `column`, one box per class of `class`.
    pub fn box_plot(&self, column: &str, class: Option<&str>) -> Result<Vec<BoxGroup>> {
        let values = self.numbers(column)?;
        Ok(self
            .groups(values, class, column)?
            .into_iter()
            .filter_map(|(name, v)| {
                let present: Vec<f64> = v.into_iter().filter(|x| x.is_finite()).collect();
                box_stats(&present).map(|stats| BoxGroup { name, stats })
            })
            .collect())
    }

    /// A score column against a label column, with each scored row's identifier (its ID
    /// column value, else its label in the loaded file).
    pub fn evaluation(&self, label: &str, positive: Option<&Scalar>, score: &str) -> Result<(Scored, Vec<Scalar>)> {
        let s = scored(self.table(), label, positive, score)?;
        let ids = row_ids(&self.cleaned, &s.rows);
        Ok((s, ids))
    }

    /// Prepares a run of `spec` on the loaded table (its `clean` steps are the recipe it
    /// replays; its `data`, if any, is ignored: the session holds the data).
    pub fn experiment(&self, spec: &Spec) -> Result<Experiment> {
        Experiment::new(spec, &self.loaded.table, self.fingerprint)
    }

    /// `experiment`, with its final test on another built-in file whose bytes `test_builtin`
    /// gives by file name (the caller fetched them).
    pub fn experiment_with(&self, spec: &Spec, test_builtin: impl FnOnce(&str) -> Result<Vec<u8>>) -> Result<Experiment> {
        Experiment::with_test_file(spec, &self.loaded.table, self.fingerprint, spec.test_data_bytes(test_builtin)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{read, ReadOptions};
    use crate::prep::recipe::Condition;

    fn session(text: &str) -> Session {
        Session::new(read(text.as_bytes().to_vec(), &ReadOptions::default()).unwrap(), 0)
    }

    #[test]
    fn flags_name_rows_by_their_label_after_rows_were_dropped() {
        let mut s = session("a,b\n1,x\n2,y\n3,\n1,x\n");
        s.set_recipe(vec![Step::DropRows { rows: vec![1] }]).unwrap();
        let flags = s.flags(None).unwrap();
        let missing = flags.iter().find(|f| matches!(f.flag, Flag::Missing { .. })).unwrap();
        assert_eq!((missing.rows.clone(), missing.ids.clone()), (vec![2], vec![Scalar::Integer(2)]));
        let dup = flags.iter().find(|f| matches!(f.flag, Flag::DuplicateRows { .. })).unwrap();
        assert_eq!((dup.rows.clone(), dup.flag.clone()), (vec![3], Flag::DuplicateRows { first: vec![0] }));
    }

    #[test]
    fn evaluation_names_rows_by_their_label_without_an_id_column() {
        let mut s = session("y,p\n0,0.1\n1,0.8\n0,0.3\n1,0.9\n");
        s.set_recipe(vec![Step::DropWhere { condition: Condition::parse("p == 0.1").unwrap() }]).unwrap();
        let (_, ids) = s.evaluation("y", None, "p").unwrap();
        assert_eq!(ids, [1, 2, 3].map(Scalar::Integer));
    }

    #[test]
    fn a_recipe_that_cannot_apply_keeps_the_previous_one() {
        let mut s = session("a,b\n1,2\n3,4\n");
        s.set_recipe(vec![Step::DropColumns { columns: vec!["b".into()] }]).unwrap();
        assert!(s.set_recipe(vec![Step::DropColumns { columns: vec!["zz".into()] }]).is_err());
        assert_eq!((s.steps().len(), s.table().num_columns()), (1, 1));
    }

    #[test]
    fn histogram_splits_counts_by_class() {
        let s = session("x,c\n1,a\n2,b\n3,a\n4,b\n");
        let h = s.histogram("x", Some(2), Some("c")).unwrap();
        assert_eq!(h.series.iter().map(|s| s.counts.iter().sum::<usize>()).collect::<Vec<_>>(), vec![2, 2]);
        assert_eq!(s.box_plot("x", None).unwrap()[0].name, "x");
    }
}
