//! The leakage checker: warnings a run's report carries, each with the course's reason. None
//! stops a run; each says what to look at.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::final_test::TestUse;
use super::report::Warning;
use super::spec::Spec;
use crate::data::{Column, DType, Table};
use crate::error::Lang;
use crate::eval::curves::roc;
use crate::eval::scores::Scores;
use crate::explore::scalar::CellKey;
use crate::prep::recipe::{Fill, Step};

/// A feature that alone ranks the classes with an AUC this high (or this low) is suspicious.
const DISGUISE_AUC: f64 = 0.99;
/// A category is "pure" when this share of its rows is one class.
const PURE: f64 = 0.95;
/// Categories this small say little about purity.
const MIN_CATEGORY: usize = 5;
/// A validation part smaller than this gives rates that move by several points per row.
const MIN_VALIDATION: usize = 30;
const MIN_VALIDATION_CLASS: usize = 5;
/// Training rows the label-in-disguise check looks at, at most.
const SCREEN_ROWS: usize = 20_000;

/// What the checks look at.
pub struct Context<'a> {
    pub table: &'a Table,
    pub spec: &'a Spec,
    pub features: &'a [String],
    pub id_column: Option<&'a str>,
    pub target_name: &'a str,
    /// Class index of every row of the cleaned table (`classes.len()` where missing).
    pub target: &'a [usize],
    pub classes: &'a [String],
    pub positive: usize,
    /// Rows of the cleaned table in the training part, and in validation + test.
    pub train: &'a [usize],
    pub held_out: Vec<usize>,
    /// Class index of each validation row.
    pub validation: &'a [usize],
    pub missing_target: usize,
}

pub fn check(c: &Context) -> Vec<Warning> {
    let mut w = Vec::new();
    w.extend(missing_target(c));
    w.extend(fills_before_split(c));
    w.extend(id_as_feature(c));
    w.extend(duplicates_across(c));
    w.extend(c.features.iter().filter_map(|f| label_in_disguise(c, f)));
    w.extend(small_validation(c));
    w
}

fn warning(code: &'static str, fr: String, en: String) -> Warning {
    Warning { code, fr, en }
}

fn missing_target(c: &Context) -> Option<Warning> {
    let n = c.missing_target;
    (n > 0).then(|| warning(
        "missing_target",
        format!("{n} ligne(s) sans étiquette dans « {} » sont laissées de côté : un modèle n'apprend que des exemples étiquetés. Si une étiquette manquante veut dire quelque chose (« NULL » = non malade), remplissez-la à l'étape Nettoyer.", c.target_name),
        format!("{n} row(s) without a label in '{}' are left out: a model only learns from labelled examples. If a missing label means something ('NULL' = not ill), fill it in the Clean step.", c.target_name),
    ))
}

/// Recipe steps that filled a feature with a statistic of every row, before the split.
fn fills_before_split(c: &Context) -> Vec<Warning> {
    if c.held_out.is_empty() {
        return Vec::new();
    }
    c.spec
        .clean
        .iter()
        .enumerate()
        .filter_map(|(i, step)| match step {
            Step::FillMissing { column, fill: Fill::Mean | Fill::Median | Fill::MostFrequent } if c.features.contains(column) => Some(warning(
                "fill_before_split",
                format!("L'étape {} de la recette remplit « {column} » avec une statistique calculée sur toutes les lignes, avant le découpage : la validation et le test fuient dans l'entraînement. Laissez plutôt l'imputation de l'étape Préparer, apprise sur la partie d'entraînement seule.", i + 1),
                format!("Recipe step {} fills '{column}' with a statistic of every row, before the split: validation and test leak into training. Let the Prepare step's imputation do it instead, learnt on the training part only.", i + 1),
            )),
            _ => None,
        })
        .collect()
}

fn id_as_feature(c: &Context) -> Option<Warning> {
    let id = c.id_column?;
    c.features.iter().any(|f| f == id).then(|| warning(
        "id_feature",
        format!("L'identifiant « {id} » est utilisé comme variable : un numéro de ligne n'explique rien, le modèle peut seulement y apprendre l'ordre du fichier."),
        format!("The identifier '{id}' is used as a feature: a row number explains nothing; the model can only learn the file's order from it."),
    ))
}

/// Held-out rows whose features equal a training row's: the model has seen their answer.
/// Rows are compared by a hash of their cells first, sorted once, so 100,000 rows cost a sort
/// and no allocation per row.
fn duplicates_across(c: &Context) -> Option<Warning> {
    if c.held_out.is_empty() {
        return None;
    }
    let columns: Vec<&Column> = c.features.iter().filter_map(|f| c.table.column(f).ok()).collect();
    let hash = |r: usize| {
        let mut h = DefaultHasher::new();
        columns.iter().for_each(|col| CellKey::from(col.cell(r)).hash(&mut h));
        h.finish()
    };
    let same = |a: usize, b: usize| columns.iter().all(|col| CellKey::from(col.cell(a)) == CellKey::from(col.cell(b)));
    let mut seen: Vec<(u64, usize)> = c.train.iter().map(|&r| (hash(r), r)).collect();
    seen.sort_unstable();
    let n = c
        .held_out
        .iter()
        .filter(|&&r| {
            let h = hash(r);
            let from = seen.partition_point(|&(x, _)| x < h);
            seen[from..].iter().take_while(|&&(x, _)| x == h).any(|&(_, t)| same(t, r))
        })
        .count();
    (n > 0).then(|| warning(
        "duplicates_across_splits",
        format!("{n} ligne(s) de validation ou de test ont les mêmes valeurs qu'une ligne d'entraînement : le modèle a déjà vu leur réponse, et les scores seront trop beaux. Supprimez les doublons à l'étape Nettoyer."),
        format!("{n} validation or test row(s) have the same values as a training row: the model has seen their answer, and the scores will look too good. Drop the duplicates in the Clean step."),
    ))
}

/// A feature that alone separates the classes almost perfectly on the training part.
fn label_in_disguise(c: &Context, feature: &str) -> Option<Warning> {
    let column = c.table.column(feature).ok()?;
    let suspicious = if column.dtype() == DType::Text { pure_categories(c, column) } else { separates(c, column) };
    suspicious.then(|| warning(
        "label_in_disguise",
        format!("« {feature} » sépare presque parfaitement les classes à elle seule : l'étiquette déguisée ? Une variable connue seulement après coup (ou qui encode la réponse) donne un modèle parfait ici et inutile en vrai."),
        format!("'{feature}' alone separates the classes almost perfectly: the label in disguise? A feature known only afterwards (or that encodes the answer) makes a model perfect here and useless for real."),
    ))
}

/// A numeric feature's AUC for the positive class, alone, is ≥ 0.99 or ≤ 0.01 (on a sample of
/// the training part).
fn separates(c: &Context, column: &Column) -> bool {
    let values = column.numbers_with_nan();
    let rows: Vec<usize> = screened(c.train).filter(|&r| !values[r].is_nan()).collect();
    let labels: Vec<bool> = rows.iter().map(|&r| c.target[r] == c.positive).collect();
    let scores: Vec<f64> = rows.iter().map(|&r| values[r]).collect();
    Scores::new(&labels, &scores).is_ok_and(|s| {
        let auc = roc(&s, true).auc;
        auc >= DISGUISE_AUC || auc <= 1.0 - DISGUISE_AUC
    })
}

/// A text feature whose categories (of at least 5 training rows, two or more of them) are each
/// nearly one class, and cover most of the training part.
fn pure_categories(c: &Context, column: &Column) -> bool {
    let mut by_category: HashMap<CellKey, Vec<usize>> = HashMap::new();
    for &r in c.train {
        by_category.entry(CellKey::from(column.cell(r))).or_insert_with(|| vec![0; c.classes.len()])[c.target[r]] += 1;
    }
    let big: Vec<&Vec<usize>> = by_category.values().filter(|n| n.iter().sum::<usize>() >= MIN_CATEGORY).collect();
    let covered: usize = big.iter().map(|n| n.iter().sum::<usize>()).sum();
    let pure = |n: &&Vec<usize>| *n.iter().max().unwrap_or(&0) as f64 >= PURE * n.iter().sum::<usize>() as f64;
    big.len() >= 2 && big.iter().all(pure) && covered as f64 >= 0.8 * c.train.len() as f64
}

/// At most `SCREEN_ROWS` of `rows`, at an even stride: a feature that separates the classes
/// does so on any large sample, and 20 sorts of 100,000 rows would cost a tenth of a second.
fn screened(rows: &[usize]) -> impl Iterator<Item = usize> + '_ {
    rows.iter().copied().step_by(rows.len().div_ceil(SCREEN_ROWS).max(1))
}

fn small_validation(c: &Context) -> Option<Warning> {
    let n = c.validation.len();
    if n == 0 {
        return None;
    }
    let mut per_class = vec![0usize; c.classes.len()];
    c.validation.iter().for_each(|&k| per_class[k] += 1);
    let smallest = per_class.iter().copied().min().unwrap_or(0);
    (n < MIN_VALIDATION || smallest < MIN_VALIDATION_CLASS).then(|| warning(
        "small_validation",
        format!("La partie de validation n'a que {n} ligne(s) (la plus petite classe : {smallest}) : une seule ligne de plus ou de moins y change les taux de plusieurs points. Préférez la validation croisée, ou plus de données."),
        format!("The validation part has only {n} row(s) (smallest class: {smallest}): one row more or less moves its rates by several points. Prefer cross-validation, or more data."),
    ))
}

/// The final test asked again with another spec than an earlier use: the test rows were seen,
/// so choosing between the two by their test scores makes the test a second validation part.
/// Names every earlier use of another spec (its date, spec hash, model and AUC).
pub fn test_reused(spec: &Spec, hash: &str) -> Option<Warning> {
    let others: Vec<&TestUse> = spec.test_uses.iter().filter(|u| u.spec_hash != hash).collect();
    if !spec.evaluate_test || others.is_empty() {
        return None;
    }
    let list = |lang: Lang| others.iter().map(|u| use_text(u, lang)).collect::<Vec<_>>().join(" ; ");
    Some(warning(
        "test_reused",
        format!("Le jeu de test a déjà servi : {}. L'évaluer de nouveau avec une autre spécification, c'est choisir sur le test : il ne mesure plus honnêtement. Les deux usages sont consignés ; la première mesure reste celle à annoncer.", list(Lang::Fr)),
        format!("The test set was already used: {}. Evaluating it again with another spec means choosing on the test: it no longer measures honestly. Both uses are recorded; the first figure is still the one to report.", list(Lang::En)),
    ))
}

/// "le 2025-03-04 10:12, spécification 1a2b…, logistic_regression, AUC 0,991"
fn use_text(u: &TestUse, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let when = match (&u.at, fr) {
        (Some(at), true) => format!("le {at}"),
        (Some(at), false) => format!("on {at}"),
        (None, true) => "à une date non notée".into(),
        (None, false) => "on an unrecorded date".into(),
    };
    let model = u.model.as_deref().map(|m| format!(", {m}")).unwrap_or_default();
    let auc = match u.metrics.roc_auc {
        Some(a) if fr => format!("{a:.3}").replace('.', ","),
        Some(a) => format!("{a:.3}"),
        None => "—".into(),
    };
    let spec_word = if fr { "spécification" } else { "spec" };
    format!("{when}, {spec_word} {}{model}, AUC {auc}", u.spec_hash)
}
