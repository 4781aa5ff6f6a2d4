//! `report.text`: what a run learnt from its text columns (each vocabulary's size and first
//! words) and, for a linear model, the words that weigh most for each side. Reads the encoder
//! and the model report's coefficients, never the data.

use serde::Serialize;

use crate::prep::features::Encoder;
use crate::prep::text::TextMode;

/// Vocabulary words the report lists per column, most frequent first.
const FIRST_WORDS: usize = 20;
/// Telling words listed per side.
const TELLING: usize = 15;

/// `report.text`, present when `spec.text` names columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextReport {
    pub columns: Vec<TextColumn>,
    /// The largest `vocabulary_size` of the columns: the `vocabulary` an embedding layer on
    /// these sequences needs (every index below it can occur).
    pub vocabulary_size: usize,
    /// For a linear model on counts or tf-idf: the words with the largest coefficients, for the
    /// positive class and against it. Filled once the model is fitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telling: Option<Telling>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextColumn {
    pub column: String,
    pub mode: &'static str,
    /// Words in the vocabulary (at most `max_words`).
    pub words: usize,
    /// `words + 2`: the indices a sequence uses (0 padding, 1 unknown, 2… the words).
    pub vocabulary_size: usize,
    /// The vocabulary's first words, most frequent first.
    pub first_words: Vec<String>,
    /// Columns of a sequence (`mode: sequence` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
}

/// The words a linear model leans on most. Coefficients are per count (or tf-idf weight):
/// text columns are never scaled, so they compare across words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Telling {
    /// The class the positive coefficients point to.
    pub positive: String,
    /// The class the negative ones point to: the other class of two, `null` for "the rest".
    pub other: Option<String>,
    /// Largest coefficients first.
    pub for_positive: Vec<Word>,
    /// Most negative coefficients first.
    pub for_other: Vec<Word>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Word {
    pub word: String,
    pub column: String,
    pub coefficient: f64,
}

impl TextReport {
    /// The encoder's text columns; `None` when it has none.
    pub fn of(encoder: &Encoder) -> Option<TextReport> {
        let texts = encoder.texts();
        let columns: Vec<TextColumn> = texts
            .iter()
            .map(|t| TextColumn {
                column: t.name.clone(),
                mode: t.mode.name(),
                words: t.words.len(),
                vocabulary_size: t.vocabulary_size(),
                first_words: t.words.iter().take(FIRST_WORDS).cloned().collect(),
                length: (t.mode == TextMode::Sequence).then_some(t.length),
            })
            .collect();
        let vocabulary_size = columns.iter().map(|c| c.vocabulary_size).max()?;
        Some(TextReport { columns, vocabulary_size, telling: None })
    }

    /// Fills `telling` from a linear model's `coefficients` on the encoder's output columns,
    /// the `classes` and the `positive` one. Without coefficients, or with no word column
    /// (sequences only), leaves it empty.
    pub fn with_telling(mut self, encoder: &Encoder, coefficients: Option<&[f64]>, classes: &[String], positive: usize) -> TextReport {
        let Some(coefficients) = coefficients else { return self };
        let mut words = Vec::new();
        for (offset, t) in encoder.word_columns() {
            let weights = coefficients.get(offset..offset + t.words.len()).unwrap_or(&[]);
            words.extend(t.words.iter().zip(weights).map(|(w, &c)| Word { word: w.clone(), column: t.name.clone(), coefficient: c }));
        }
        if words.is_empty() {
            return self;
        }
        // Ties by word, so the lists do not depend on the columns' order.
        words.sort_by(|a, b| b.coefficient.total_cmp(&a.coefficient).then_with(|| a.word.cmp(&b.word)));
        let for_positive = words.iter().take_while(|w| w.coefficient > 0.0).take(TELLING).cloned().collect();
        let for_other = words.iter().rev().take_while(|w| w.coefficient < 0.0).take(TELLING).cloned().collect();
        let other = (classes.len() == 2).then(|| classes[1 - positive.min(1)].clone());
        self.telling = Some(Telling { positive: classes.get(positive).cloned().unwrap_or_default(), other, for_positive, for_other });
        self
    }
}
