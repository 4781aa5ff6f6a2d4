//! Text columns as features: a tokeniser, a vocabulary learnt on the training rows, and three
//! encodings of a text (word counts, tf-idf, a sequence of word indices), plus the one-hot
//! illustration of a sentence the Prepare step shows. Uses `data` and `libm` only.
//!
//! Decisions, each so the figures compare with scikit-learn's `CountVectorizer` /
//! `TfidfVectorizer` defaults (and Keras' `pad_sequences` for sequences):
//! - a token is a run of two or more word characters, scikit-learn's default `token_pattern`
//!   `(?u)\b\w\w+\b`: letters, digits and `_`; everything else separates words. So an apostrophe
//!   splits (`nation's` → `nation`, the lone `s` dropped; `don't` → `don`), a hyphen splits
//!   (`well-known` → `well`, `known`), one-letter words (`I`, `a`) are dropped, numbers are words
//!   (`1984`). `lowercase` lowers the whole text first, as scikit-learn does. A word character is
//!   Rust's `char::is_alphanumeric` or `_`; Python's `\w` also says so for every letter and digit,
//!   and differs only on a few combining marks (Rust counts those of the Unicode property
//!   `Other_Alphabetic`, Python does not), which French and English text does not meet;
//! - the vocabulary is the `max_words` words most frequent in the training rows (total count
//!   over the rows, as `max_features`), ties broken alphabetically so the same rows always give
//!   the same words (scikit-learn's cut sorts with numpy's unstable quicksort: at a tie on the
//!   boundary it may keep other words). Words are kept in that order (most frequent first), so a
//!   feature is named `text:economy` and the first features are the most common words;
//!   scikit-learn orders them alphabetically, which changes nothing a model learns;
//! - `counts`: one column per vocabulary word, how often it occurs in the row; words outside the
//!   vocabulary are ignored (no "unknown" column, as `CountVectorizer`);
//! - `tfidf`: `TfidfTransformer`'s defaults: `tf × idf` with the raw count as `tf`
//!   (`sublinear_tf=False`), `idf = ln((1 + n) / (1 + df)) + 1` (`smooth_idf=True`, `n` training
//!   rows, `df` training rows holding the word), then each row divided by its Euclidean norm
//!   (`norm='l2'`; a row without a vocabulary word stays all zeros);
//! - `sequence`: the row's words as indices, 0 = padding, 1 = unknown (a word outside the
//!   vocabulary), 2, 3, … = the vocabulary words by rank (2 is the most frequent), cut or padded
//!   to `length` columns at the front, as Keras' `pad_sequences` defaults (`padding='pre'`,
//!   `truncating='pre'`: a long text keeps its last words, a short one gets zeros before its
//!   words). An embedding layer on these columns needs `words + 2` rows (`vocabulary_size`);
//! - a missing text is an empty one (scikit-learn refuses NaN); a number in a text column is read
//!   as it is written.
//!
//! Text columns are never scaled: counts and tf-idf are on their own scale (scikit-learn's
//! `StandardScaler` refuses to centre them), and sequence columns are indices, not quantities.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::data::{Cell, Column, DType, Table};
use crate::error::{Error, Need, Result};

/// `spec.text`: which text columns are tokenised instead of one-hot encoded as categories, and
/// how. Every field has a default, so `{ "columns": ["text"] }` is enough.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TextSpec {
    /// Text features to tokenise (each must be one of the run's features and hold text).
    pub columns: Vec<String>,
    /// The vocabulary's size at most: the most frequent words of the training rows. Default
    /// 5000 (on `sotu` the 1,200 training rows hold about 6,200 distinct words: the rarest are
    /// cut, most of them seen once).
    pub max_words: usize,
    /// Lower-case the text before cutting it into words (default true, as scikit-learn).
    pub lowercase: bool,
    pub mode: TextMode,
    /// Columns of a sequence (`mode: sequence` only): words kept per text, default 100.
    pub length: usize,
}

impl Default for TextSpec {
    fn default() -> Self {
        TextSpec { columns: Vec::new(), max_words: 5000, lowercase: true, mode: TextMode::Counts, length: 100 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextMode {
    /// Bag of words: one column per vocabulary word, its count in the text.
    #[default]
    Counts,
    /// Counts weighted by inverse document frequency, each row of unit length.
    Tfidf,
    /// Word indices, `length` columns, for a network that starts with an embedding layer.
    Sequence,
}

impl TextMode {
    pub fn name(self) -> &'static str {
        match self {
            TextMode::Counts => "counts",
            TextMode::Tfidf => "tfidf",
            TextMode::Sequence => "sequence",
        }
    }
}

/// Index of the padding in a sequence.
pub const PAD: usize = 0;
/// Index of a word outside the vocabulary in a sequence.
pub const UNKNOWN: usize = 1;
/// Index of the most frequent word in a sequence: the vocabulary starts after padding and unknown.
pub const FIRST_WORD: usize = 2;

impl TextSpec {
    /// Checks the spec against the run's `features` of `table`: `max_words` and `length` at least
    /// 1, every column a feature holding text. Errors name the field (`text.columns`,
    /// `text.max_words`, `text.length`).
    pub fn check(&self, table: &Table, features: &[String]) -> Result<()> {
        if self.max_words == 0 {
            return Err(Error::BadParam { field: "text.max_words".into(), value: "0".into(), need: Need::AtLeast(1) });
        }
        if self.length == 0 {
            return Err(Error::BadParam { field: "text.length".into(), value: "0".into(), need: Need::AtLeast(1) });
        }
        let is_text = |name: &str| table.column(name).is_ok_and(|c| c.dtype() == DType::Text);
        for name in &self.columns {
            if features.contains(name) && !is_text(name) {
                return Err(Error::BadParam { field: "text.columns".into(), value: name.clone(), need: Need::TextColumn });
            }
            if !features.contains(name) {
                let text_features: Vec<String> = features.iter().filter(|f| is_text(f)).cloned().collect();
                let need = if text_features.is_empty() { Need::TextColumn } else { Need::OneOf(text_features) };
                return Err(Error::BadParam { field: "text.columns".into(), value: name.clone(), need });
            }
        }
        Ok(())
    }
}

/// A word character: a letter, a digit or `_` (Python's `\w`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The words of `text` as scikit-learn's default tokeniser finds them: runs of two or more word
/// characters, after lower-casing the whole text if asked.
///
/// ```
/// use atelier::prep::text::tokens;
/// assert_eq!(tokens("The nation's well-known 2 cities, I think.", true), ["the", "nation", "well", "known", "cities", "think"]);
/// ```
pub fn tokens(text: &str, lowercase: bool) -> Vec<String> {
    let lowered;
    let text = if lowercase {
        lowered = text.to_lowercase();
        lowered.as_str()
    } else {
        text
    };
    text.split(|c: char| !is_word_char(c)).filter(|w| w.chars().nth(1).is_some()).map(String::from).collect()
}

/// A cell as the text it holds: a number as written, a missing value as nothing.
fn cell_text(cell: Cell<'_>) -> String {
    match cell {
        Cell::Text(s) => s.to_string(),
        Cell::Integer(i) => i.to_string(),
        Cell::Float(x) => x.to_string(),
        Cell::Missing => String::new(),
    }
}

/// One text column, learnt on the training rows: its vocabulary and how it encodes a text.
/// Serde: the production model file holds it, so new rows use the frozen vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextFeature {
    pub name: String,
    pub mode: TextMode,
    pub lowercase: bool,
    /// Columns of a sequence (`mode: sequence`); unused otherwise.
    pub length: usize,
    /// The vocabulary, most frequent first (ties alphabetical).
    pub words: Vec<String>,
    /// Each word's inverse document frequency (`mode: tfidf`; empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub idf: Vec<f64>,
}

impl TextFeature {
    /// Learns the vocabulary (and the idf) of `column` on its training `rows`. A vocabulary
    /// with no word in counts or tf-idf mode (every training text empty or one-letter words)
    /// would give the feature no column: `NoTrainingValue` naming the column.
    pub fn fit(column: &Column, rows: &[usize], spec: &TextSpec) -> Result<TextFeature> {
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        for &r in rows.iter().filter(|&&r| r < column.len()) {
            let mut words = tokens(&cell_text(column.cell(r)), spec.lowercase);
            for w in &words {
                seen.entry(w.clone()).or_default().0 += 1;
            }
            words.sort_unstable();
            words.dedup();
            for w in words {
                seen.entry(w).or_default().1 += 1;
            }
        }
        let mut ranked: Vec<(String, (usize, usize))> = seen.into_iter().collect();
        ranked.sort_unstable_by(|(a, (na, _)), (b, (nb, _))| nb.cmp(na).then_with(|| a.cmp(b)));
        ranked.truncate(spec.max_words);
        if ranked.is_empty() && spec.mode != TextMode::Sequence {
            return Err(Error::NoTrainingValue { column: column.name.clone() });
        }
        let n = rows.iter().filter(|&&r| r < column.len()).count() as f64;
        let idf = match spec.mode {
            TextMode::Tfidf => ranked.iter().map(|(_, (_, df))| libm::log((1.0 + n) / (1.0 + *df as f64)) + 1.0).collect(),
            TextMode::Counts | TextMode::Sequence => Vec::new(),
        };
        Ok(TextFeature {
            name: column.name.clone(),
            mode: spec.mode,
            lowercase: spec.lowercase,
            length: spec.length,
            words: ranked.into_iter().map(|(w, _)| w).collect(),
            idf,
        })
    }

    /// Output columns: one per word (counts, tf-idf), or `length` (sequence).
    pub fn width(&self) -> usize {
        match self.mode {
            TextMode::Counts | TextMode::Tfidf => self.words.len(),
            TextMode::Sequence => self.length,
        }
    }

    /// Output column names: `text:economy` per word, `text[1]` … `text[100]` for a sequence.
    pub fn names(&self) -> Vec<String> {
        match self.mode {
            TextMode::Counts | TextMode::Tfidf => self.words.iter().map(|w| format!("{}:{w}", self.name)).collect(),
            TextMode::Sequence => (1..=self.length).map(|i| format!("{}[{i}]", self.name)).collect(),
        }
    }

    /// Inputs an embedding layer on this column's sequence takes: the words, padding and unknown.
    pub fn vocabulary_size(&self) -> usize {
        self.words.len() + FIRST_WORD
    }

    /// Each word's position in `words`, for `encode`: built once per matrix.
    pub fn lookup(&self) -> HashMap<&str, usize> {
        self.words.iter().enumerate().map(|(k, w)| (w.as_str(), k)).collect()
    }

    /// Writes `cell`'s encoding into `out` (`width()` values, all zeros on entry).
    pub fn encode(&self, cell: Cell<'_>, lookup: &HashMap<&str, usize>, out: &mut [f64]) {
        let words = tokens(&cell_text(cell), self.lowercase);
        match self.mode {
            TextMode::Counts | TextMode::Tfidf => {
                for k in words.iter().filter_map(|w| lookup.get(w.as_str())) {
                    out[*k] += 1.0;
                }
                if self.mode == TextMode::Tfidf {
                    out.iter_mut().zip(&self.idf).for_each(|(v, idf)| *v *= idf);
                    let norm = libm::sqrt(out.iter().map(|v| v * v).sum::<f64>());
                    if norm > 0.0 {
                        out.iter_mut().for_each(|v| *v /= norm);
                    }
                }
            }
            TextMode::Sequence => {
                let kept = &words[words.len().saturating_sub(self.length)..];
                let start = self.length - kept.len();
                for (slot, w) in out[start..].iter_mut().zip(kept) {
                    *slot = lookup.get(w.as_str()).map_or(UNKNOWN, |k| k + FIRST_WORD) as f64;
                }
            }
        }
    }
}

/// The text columns of `table` that hold free text rather than categories: text columns whose
/// values have three words or more at the median (the tokeniser's words), among their first
/// 200 values. The Prepare step offers to tokenise these.
pub fn free_text_columns(table: &Table) -> Vec<String> {
    let free = |c: &Column| {
        let mut lengths: Vec<usize> = (0..c.len().min(200)).filter(|&r| !c.is_missing(r)).map(|r| tokens(&cell_text(c.cell(r)), false).len()).collect();
        lengths.sort_unstable();
        !lengths.is_empty() && lengths[lengths.len() / 2] >= 3
    };
    table.columns().iter().filter(|c| c.dtype() == DType::Text && free(c)).map(|c| c.name.clone()).collect()
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bilingual {
    pub fr: String,
    pub en: String,
}

/// One-hot encoding of a sentence, for the course: its words, each word's column in the
/// sentence's own vocabulary, the one-hot rows, their sum (the bag of words), and why words
/// get a column each rather than a number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneHotExample {
    /// The sentence shown (the text's first sentence).
    pub sentence: String,
    /// Its words, in order (at most `max_tokens`).
    pub tokens: Vec<String>,
    /// Whether the sentence had more words than shown.
    pub truncated: bool,
    /// The distinct words, sorted: the columns of the one-hot rows.
    pub vocabulary: Vec<String>,
    /// Each token's column in `vocabulary` (from 0).
    pub indices: Vec<usize>,
    /// One row per token: 1 in its column, 0 elsewhere.
    pub rows: Vec<Vec<u8>>,
    /// The rows summed: how often each vocabulary word occurs (the bag of words).
    pub bag: Vec<usize>,
    pub note: Bilingual,
}

/// The first sentence of `text`: up to the first `.`, `!` or `?` followed by a space or the end
/// (the whole text if there is none), trimmed.
pub fn first_sentence(text: &str) -> &str {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|(_, next)| next.is_whitespace()) {
            return text[..i + c.len_utf8()].trim();
        }
    }
    text.trim()
}

/// The one-hot illustration of `text`'s first sentence, at most `max_tokens` words of it.
pub fn one_hot_example(text: &str, lowercase: bool, max_tokens: usize) -> OneHotExample {
    let sentence = first_sentence(text).to_string();
    let mut words = tokens(&sentence, lowercase);
    let truncated = words.len() > max_tokens;
    words.truncate(max_tokens);
    let mut vocabulary = words.clone();
    vocabulary.sort_unstable();
    vocabulary.dedup();
    let indices: Vec<usize> = words.iter().map(|w| vocabulary.binary_search(w).unwrap_or(0)).collect();
    let rows: Vec<Vec<u8>> = indices.iter().map(|&k| (0..vocabulary.len()).map(|j| u8::from(j == k)).collect()).collect();
    let mut bag = vec![0usize; vocabulary.len()];
    indices.iter().for_each(|&k| bag[k] += 1);
    let note = Bilingual {
        fr: "Chaque mot reçoit sa propre colonne, avec un 1 là où il se trouve et des 0 ailleurs. Numéroter les mots 1, 2, 3… dans une seule colonne inventerait un ordre : le modèle croirait que « économie » (3) est plus proche de « emplois » (2) que de « impôts » (9), ou qu'un mot vaut trois fois un autre. Les colonnes one-hot sont toutes à la même distance les unes des autres. Additionner les lignes donne le sac de mots : combien de fois chaque mot apparaît, l'ordre des mots oublié.".into(),
        en: "Each word gets a column of its own, with a 1 where it stands and 0 elsewhere. Numbering the words 1, 2, 3… in a single column would invent an order: the model would believe 'economy' (3) is closer to 'jobs' (2) than to 'taxes' (9), or that one word is worth three of another. One-hot columns are all the same distance apart. Adding the rows up gives the bag of words: how often each word occurs, their order forgotten.".into(),
    };
    OneHotExample { sentence, tokens: words, truncated, vocabulary, indices, rows, bag, note }
}
