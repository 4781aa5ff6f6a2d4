//! The one error type: each variant says what was wrong and where, in French and in English.

use std::fmt;

/// The language of the interface: French first, the course is French.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// Reads `"fr"` / `"en"`; anything else falls back to English (the API's default).
    pub fn parse(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }
}

/// Everything that can go wrong in the core. Never a panic: a panic kills the wasm instance.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    EmptyFile,
    HeaderOnly,
    /// A record whose number of fields differs from the header's.
    RaggedRow { line: u64, expected: usize, found: usize },
    /// Bytes that are not text (NUL or control bytes), `offset` is the first suspicious byte.
    Binary { offset: usize },
    TooLarge { size: usize, limit: usize },
    /// A table whose estimated memory (`rows` × `columns` × 8 bytes plus its text) would pass
    /// the budget, refused before it is built; `size` is the file's.
    TooMuchMemory { size: usize, rows: usize, columns: usize, estimate: usize, limit: usize },
    /// A JSON file whose values, parsed, would pass the memory budget (its rows and columns are
    /// only known once it is parsed, so the estimate counts values).
    TooManyValues { size: usize, values: usize, estimate: usize, limit: usize },
    /// A header with more columns than the page can show and summarise.
    TooManyColumns { found: usize, limit: usize },
    /// A quoted field still open at the end of the file; `line` is where its quote opened.
    UnclosedQuote { line: u64 },
    /// A file that stops in the middle of a character (cut short), at byte `offset`.
    Truncated { offset: usize, encoding: &'static str },
    /// A workbook part (`part`, its path in the zip) that inflates past `limit` bytes: its
    /// announced size, or where inflating was stopped when the zip's directory lied.
    Inflated { part: String, size: usize, limit: usize },
    /// JSON that does not parse, with its position.
    JsonSyntax { line: usize, column: usize, detail: String },
    /// JSON that parses but is not a table.
    NotATable(Shape),
    /// A JSON cell that is an object or an array.
    NestedValue { row: usize, column: String },
    Xlsx { detail: String },
    /// A workbook handed to the core, which reads workbooks only through the workbook module.
    Workbook,
    NoSheet { name: String, available: Vec<String> },
    /// A CSV the parser cannot read at `line`.
    Csv { line: u64, detail: String },
    UnknownColumn { name: String },
    /// A cleaning condition that does not read as `column operator value`.
    BadCondition { text: String },
    /// An ordered comparison (`>`, `>=`, `<`, `<=`) of a column with a value of the other kind
    /// (text against a number), which pandas refuses with a TypeError.
    Incomparable { column: String, op: &'static str, value: String },
    /// A row label (pandas' index) not in the table: never there, or dropped by an earlier step.
    UnknownRow { label: usize },
    /// A fill value whose type does not fit the column (text into a numeric column).
    FillType { column: String, value: String },
    /// A recipe step (1-based) that cannot apply, and why.
    InStep { step: usize, error: Box<Error> },
    /// Labels and scores of different lengths.
    LengthMismatch { labels: usize, scores: usize },
    /// A score that is not a number, at `row` (1-based).
    NotANumber { row: usize },
    /// Labels of one class only: curves and most rates need both.
    OneClass { positive: bool },
    /// Labels other than 0/1 with no positive class chosen: which one is positive must be said.
    NotBinary { values: Vec<String> },
    /// A text column where numbers are needed.
    NotNumeric { column: String },
    /// A computation that needs more rows than it was given (a projection of 2 rows, say).
    TooFewRows { needed: usize, found: usize },
    /// A numeric parameter outside its range, e.g. a perplexity too large for the data.
    OutOfRange { name: &'static str, value: f64, min: f64, max: f64 },
    /// An option with a value we do not know, e.g. `delimiter: "x"`.
    BadOption { option: String, value: String },
    /// A spec field whose value cannot be used: `field` as the spec names it (`model.C`,
    /// `split.test`), `value` as given, `need` what it must be.
    BadParam { field: String, value: String, need: Need },
    /// A target column with a single class: there is nothing to learn.
    OneClassTarget { column: String, class: String },
    /// A split part (`train`, `validation`) left without any row of `class`.
    EmptyClass { part: &'static str, class: String },
    /// SMOTE's `k` neighbours need more rows than the smallest class has in the training part.
    SmoteNeighbours { k: usize, class: String, rows: usize },
    /// No feature left to learn from (every column is the target, the ID or unticked).
    NoFeatures,
    /// A spec that does not read (JSON syntax, an unknown field, a wrong type), as serde says.
    BadSpec { detail: String },
    /// A file handed to the journal's import that is not an Atelier journal.
    NotAJournal { detail: String },
    /// An Atelier journal of a version this page does not read.
    JournalVersion { found: String },
    /// A numeric feature with no value at all in the training part: nothing to impute from.
    NoTrainingValue { column: String },
    /// An infinite value (`inf`, `1e999`) in a feature's training rows, at `row` (1-based).
    Infinite { column: String, row: usize },
    /// Gradient descent whose loss stopped being a number at `epoch`: the steps grew instead
    /// of shrinking.
    Diverged { epoch: usize, learning_rate: f64 },
    /// A model file that cannot be used (production step).
    BadModel(ModelFile),
    /// A value missing in a row to predict, where the model was fitted with `impute: drop_rows`
    /// (it learnt no fill value); `row` is 1-based.
    MissingValue { row: usize, column: String },
    /// A shareable link that cannot be opened as it is (`experiment::link`).
    BadLink(LinkProblem),
    /// A network's layer (1-based `layer`, its `kind` as the spec writes it) that cannot be
    /// built or run, and why (`LayerInput`, `BadParam`, `OutOfRange`).
    InLayer { layer: usize, kind: &'static str, error: Box<Error> },
    /// A layer given a shape (`input`, what the layer before it gives) it cannot take.
    LayerInput { input: Vec<usize>, need: LayerNeed },
    /// The file the final test runs on (`spec.test_data`) cannot be used, and why.
    InTestFile { error: Box<Error> },
    /// A label in `column` that is none of the classes learnt (`known`), at `row` (1-based).
    UnknownClass { column: String, class: String, row: usize, known: Vec<String> },
}

/// What shape a layer needs, for `Error::LayerInput`.
#[derive(Debug, Clone, PartialEq)]
pub enum LayerNeed {
    /// `[height, width, channels]` (conv2d, maxpool).
    Image,
    /// `[features]` (dense): an image or a sequence needs a flatten first.
    Vector,
    /// `[time, features]` (lstm, gru): word indices need an embedding first.
    Sequence,
    /// `[time]` word indices (embedding).
    Indices,
    /// Height and width of at least `size`: a window that large with valid padding.
    Window { size: usize },
    /// Smaller sizes: its parameters, its values per row, or the network's parameters up to
    /// it, would not fit one buffer (`isize::MAX` bytes of `f64`s).
    Smaller,
    /// The output layer: `classes` units with softmax, or one sigmoid unit for two classes.
    Output { classes: usize },
}

impl LayerNeed {
    fn texts(&self) -> (String, String) {
        match self {
            LayerNeed::Image => ("une image [hauteur, largeur, canaux]".into(), "an image [height, width, channels]".into()),
            LayerNeed::Vector => (
                "un vecteur [variables] : ajoutez une couche flatten avant elle".into(),
                "a vector [features]: add a flatten layer before it".into(),
            ),
            LayerNeed::Sequence => (
                "une séquence [temps, variables] : des indices de mots passent d'abord par une couche embedding".into(),
                "a sequence [time, features]: word indices go through an embedding layer first".into(),
            ),
            LayerNeed::Indices => ("une séquence d'indices de mots [temps]".into(), "a sequence of word indices [time]".into()),
            LayerNeed::Window { size } => (
                format!("une hauteur et une largeur d'au moins {size} : sa fenêtre de {size} × {size} dépasse l'entrée en padding valid ; prenez une fenêtre plus petite ou padding same"),
                format!("a height and width of at least {size}: its {size} × {size} window is larger than the input with valid padding; take a smaller window or padding same"),
            ),
            LayerNeed::Output { classes } => (
                format!("la forme d'une sortie : une couche dense de {classes} unités en softmax (une probabilité par classe){}", if *classes == 2 { ", ou d'une unité en sigmoid" } else { "" }),
                format!("the shape of an output: a dense layer of {classes} units with softmax (one probability per class){}", if *classes == 2 { ", or one unit with sigmoid" } else { "" }),
            ),
            LayerNeed::Smaller => (
                "des tailles plus petites : ses paramètres ou ses valeurs sont trop nombreux pour être comptés".into(),
                "smaller sizes: its parameters or values are too many to count".into(),
            ),
        }
    }
}

/// Why a shareable link does not open as it is.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkProblem {
    /// Not a link's payload: cut short, edited, or not from Atelier.
    Damaged,
    /// Written by a newer version of Atelier than this one.
    Newer { found: u64, current: u64 },
    /// Written by a version older than any this one still reads.
    TooOld { found: u64, oldest: u64 },
    /// A built-in data set this version does not have.
    UnknownData { id: String },
    /// The data was too big to travel in the link: the student loads it (a note, not a failure).
    NeedsFile { name: String, rows: usize, columns: usize },
}

/// Why a model file is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelFile {
    /// Not JSON, or JSON without `"format": "atelier-model"`.
    NotAModel,
    /// Another version of the format than this one reads (`found` as written).
    Version { found: String, expected: u32 },
    /// Its checksum does not match its content, or its content does not hold together.
    Modified,
}

/// What a spec field must be, for `Error::BadParam`.
#[derive(Debug, Clone, PartialEq)]
pub enum Need {
    /// Greater than 0.
    Positive,
    /// At least this whole number.
    AtLeast(usize),
    /// A fraction in [0, 1).
    Fraction,
    /// `split.test + split.validation` below 1, so training keeps rows.
    SplitSum,
    /// One of these words.
    OneOf(Vec<String>),
    /// A column other than the target.
    NotTarget,
    /// One rate in [0, 1) per hidden layer (this many), or none.
    Rates(usize),
    /// At most this whole number (e.g. folds: the rows of the smallest class).
    AtMost(usize),
    /// A validation part to measure on (`split.validation` above 0).
    ValidationPart,
    /// A test part to score once (`split.test` above 0).
    TestPart,
    /// Exactly this many (a batch's values: rows × values per row).
    Exactly(usize),
    /// A chosen feature holding text (`spec.text.columns`: numbers are not cut into words).
    TextColumn,
    /// A text mode scikit-learn has (the Python export: `counts` or `tfidf`).
    PythonWords,
}

impl Need {
    fn texts(&self) -> (String, String) {
        match self {
            Need::Positive => ("un nombre strictement positif".into(), "a number greater than 0".into()),
            Need::AtLeast(n) => (format!("un entier au moins égal à {n}"), format!("a whole number of at least {n}")),
            Need::Fraction => ("une fraction entre 0 (inclus) et 1 (exclu)".into(), "a fraction from 0 (included) to 1 (excluded)".into()),
            Need::SplitSum => (
                "test + validation sous 1, pour garder des lignes d'entraînement".into(),
                "test + validation below 1, to keep training rows".into(),
            ),
            Need::NotTarget => ("une colonne autre que la cible".into(), "a column other than the target".into()),
            Need::AtMost(n) => (format!("un entier au plus égal à {n}"), format!("a whole number of at most {n}")),
            Need::Rates(n) => (
                format!("un taux entre 0 (inclus) et 1 (exclu) par couche cachée ({n}), ou aucun"),
                format!("one rate from 0 (included) to 1 (excluded) per hidden layer ({n}), or none"),
            ),
            Need::TestPart => (
                "une partie de test à évaluer une fois (split.test au-dessus de 0)".into(),
                "a test part to score once (split.test above 0)".into(),
            ),
            Need::ValidationPart => (
                "une partie de validation pour mesurer (split.validation au-dessus de 0)".into(),
                "a validation part to measure on (split.validation above 0)".into(),
            ),
            Need::Exactly(n) => (format!("exactement {n}"), format!("exactly {n}")),
            Need::PythonWords => (
                "counts ou tfidf pour le script Python : scikit-learn n'a pas de séquences d'indices de mots (c'est la couche TextVectorization de Keras)".into(),
                "counts or tfidf for the Python script: scikit-learn has no word-index sequences (Keras' TextVectorization layer does that)".into(),
            ),
            Need::TextColumn => (
                "une variable choisie qui contient du texte (une colonne de nombres ne se découpe pas en mots)".into(),
                "a chosen feature that holds text (a column of numbers is not cut into words)".into(),
            ),
            Need::OneOf(words) => (format!("l'un de : {}", words.join(", ")), format!("one of: {}", words.join(", "))),
        }
    }
}

/// `Error::OutOfRange` named `name` unless `min ≤ value ≤ max`.
pub fn check_within(name: &'static str, value: usize, min: usize, max: usize) -> Result<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::OutOfRange { name, value: value as f64, min: min as f64, max: max as f64 })
    }
}

impl Error {
    /// The message a student reads, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let (fr, en) = self.texts();
        match lang {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// A stable identifier for programs (tests, the UI).
    pub fn code(&self) -> &'static str {
        match self {
            Error::EmptyFile => "empty_file",
            Error::HeaderOnly => "header_only",
            Error::RaggedRow { .. } => "ragged_row",
            Error::Binary { .. } => "binary",
            Error::TooLarge { .. } => "too_large",
            Error::TooMuchMemory { .. } | Error::TooManyValues { .. } => "too_much_memory",
            Error::TooManyColumns { .. } => "too_many_columns",
            Error::UnclosedQuote { .. } => "unclosed_quote",
            Error::Truncated { .. } => "truncated",
            Error::Inflated { .. } => "inflated",
            Error::JsonSyntax { .. } => "json_syntax",
            Error::NotATable(_) => "not_a_table",
            Error::NestedValue { .. } => "nested_value",
            Error::Xlsx { .. } => "xlsx",
            Error::Workbook => "workbook",
            Error::NoSheet { .. } => "no_sheet",
            Error::Csv { .. } => "csv",
            Error::UnknownColumn { .. } => "unknown_column",
            Error::BadOption { .. } => "bad_option",
            Error::TooFewRows { .. } => "too_few_rows",
            Error::NotNumeric { .. } => "not_numeric",
            Error::LengthMismatch { .. } => "length_mismatch",
            Error::NotANumber { .. } => "not_a_number",
            Error::OneClass { .. } => "one_class",
            Error::NotBinary { .. } => "not_binary",
            Error::BadCondition { .. } => "bad_condition",
            Error::Incomparable { .. } => "incomparable",
            Error::UnknownRow { .. } => "unknown_row",
            Error::FillType { .. } => "fill_type",
            Error::InStep { error, .. } => error.code(),
            Error::OutOfRange { .. } => "out_of_range",
            Error::BadParam { .. } => "bad_param",
            Error::OneClassTarget { .. } => "one_class_target",
            Error::EmptyClass { .. } => "empty_class",
            Error::SmoteNeighbours { .. } => "smote_neighbours",
            Error::NoFeatures => "no_features",
            Error::BadSpec { .. } => "bad_spec",
            Error::NotAJournal { .. } => "not_a_journal",
            Error::JournalVersion { .. } => "journal_version",
            Error::NoTrainingValue { .. } => "no_training_value",
            Error::Infinite { .. } => "infinite",
            Error::Diverged { .. } => "diverged",
            Error::BadModel(ModelFile::NotAModel) => "not_a_model",
            Error::BadModel(ModelFile::Version { .. }) => "model_version",
            Error::BadModel(ModelFile::Modified) => "model_modified",
            Error::MissingValue { .. } => "missing_value",
            Error::BadLink(problem) => problem.code(),
            Error::InLayer { error, .. } => error.code(),
            Error::LayerInput { .. } => "layer_input",
            Error::InTestFile { error } => error.code(),
            Error::UnknownClass { .. } => "unknown_class",
        }
    }

    fn texts(&self) -> (String, String) {
        match self {
            Error::EmptyFile => (
                "Le fichier est vide : il n'y a rien à lire.".into(),
                "The file is empty: there is nothing to read.".into(),
            ),
            Error::HeaderOnly => (
                "Le fichier n'a qu'une ligne d'en-tête et aucune ligne de données.".into(),
                "The file has a header line but no data rows.".into(),
            ),
            Error::RaggedRow { line, expected, found } => (
                format!("Ligne {line} : {found} champs au lieu de {expected} (comme l'en-tête). Vérifiez le séparateur ou un guillemet non fermé."),
                format!("Line {line}: {found} fields instead of {expected} (as in the header). Check the delimiter or an unclosed quote."),
            ),
            Error::Binary { offset } => (
                format!("Ce fichier n'est pas du texte (octet {offset}) : choisissez un CSV, un JSON ou un classeur .xlsx."),
                format!("This file is not text (byte {offset}): choose a CSV, JSON or .xlsx workbook."),
            ),
            Error::TooLarge { size, limit } => (
                format!("Le fichier fait {} Mo ; la limite est de {} Mo.", mb_fr(*size), mb_fr(*limit)),
                format!("The file is {} MB; the limit is {} MB.", mb(*size), mb(*limit)),
            ),
            Error::TooMuchMemory { size, rows, columns, estimate, limit } => (
                format!("Le fichier ({} Mo) donnerait un tableau d'environ {} Mo en mémoire ({rows} lignes × {columns} colonnes) ; la limite est de {} Mo. Retirez des lignes ou des colonnes.", mb_fr(*size), mb_fr(*estimate), mb_fr(*limit)),
                format!("The file ({} MB) would make a table of about {} MB in memory ({rows} rows × {columns} columns); the limit is {} MB. Remove rows or columns.", mb(*size), mb(*estimate), mb(*limit)),
            ),
            Error::TooManyValues { size, values, estimate, limit } => (
                format!("Le fichier JSON ({} Mo) compte environ {values} valeurs : une fois lues, environ {} Mo en mémoire ; la limite est de {} Mo. Retirez des lignes ou des colonnes.", mb_fr(*size), mb_fr(*estimate), mb_fr(*limit)),
                format!("The JSON file ({} MB) holds about {values} values: about {} MB in memory once read; the limit is {} MB. Remove rows or columns.", mb(*size), mb(*estimate), mb(*limit)),
            ),
            Error::TooManyColumns { found, limit } => (
                format!("Ligne 1 : {found} colonnes ; la limite est de {limit}. Vérifiez le séparateur, ou retirez des colonnes."),
                format!("Line 1: {found} columns; the limit is {limit}. Check the delimiter, or remove columns."),
            ),
            Error::UnclosedQuote { line } => (
                format!("Ligne {line} : un guillemet s'ouvre et n'est jamais fermé ; la suite du fichier serait lue comme une seule valeur. Fermez-le ou retirez-le."),
                format!("Line {line}: a quote opens and is never closed; the rest of the file would read as one value. Close it or remove it."),
            ),
            Error::Truncated { offset, encoding } => (
                format!("Le fichier s'arrête au milieu d'un caractère {encoding} (octet {offset}) : il a sans doute été coupé. Enregistrez-le à nouveau en entier."),
                format!("The file stops in the middle of a {encoding} character (byte {offset}): it was probably cut short. Save it again in full."),
            ),
            Error::Inflated { part, size, limit } => (
                format!("Classeur refusé : sa partie « {part} » fait au moins {} Mo une fois décompressée ; la limite est de {} Mo.", mb_fr(*size), mb_fr(*limit)),
                format!("Workbook refused: its part '{part}' takes at least {} MB once unzipped; the limit is {} MB.", mb(*size), mb(*limit)),
            ),
            Error::JsonSyntax { line, column, detail } => (
                format!("JSON invalide ligne {line}, colonne {column} : {detail}."),
                format!("Invalid JSON at line {line}, column {column}: {detail}."),
            ),
            Error::NotATable(shape) => {
                let (fr, en) = shape.texts();
                (
                    format!("Ce JSON n'est pas un tableau : {fr}. Attendu : une liste d'objets [{{\"a\": 1}}, …] ou un objet de colonnes {{\"a\": [1, 2]}}."),
                    format!("This JSON is not a table: {en}. Expected a list of records [{{\"a\": 1}}, …] or an object of columns {{\"a\": [1, 2]}}."),
                )
            }
            Error::NestedValue { row, column } => (
                format!("Ligne {row}, colonne « {column} » : la valeur est un objet ou une liste, pas une valeur simple."),
                format!("Row {row}, column '{column}': the value is an object or a list, not a plain value."),
            ),
            Error::Xlsx { detail } => (
                format!("Classeur illisible : {detail}."),
                format!("Unreadable workbook: {detail}."),
            ),
            Error::Workbook => (
                "C'est un classeur : il se lit par le module des classeurs (api.js le charge pour vous).".into(),
                "This is a workbook: it is read by the workbook module (api.js loads it for you).".into(),
            ),
            Error::NoSheet { name, available } => (
                format!("Pas de feuille « {name} » ; feuilles : {}.", available.join(", ")),
                format!("No sheet '{name}'; sheets: {}.", available.join(", ")),
            ),
            Error::Csv { line, detail } => (
                format!("CSV illisible ligne {line} : {detail}."),
                format!("Unreadable CSV at line {line}: {detail}."),
            ),
            Error::UnknownColumn { name } => (
                format!("Pas de colonne « {name} »."),
                format!("No column '{name}'."),
            ),
            Error::BadCondition { text } => (
                format!("Condition « {text} » illisible : écrivez colonne, opérateur (>, >=, <, <=, ==, !=) et valeur, par exemple Age > 100."),
                format!("Cannot read the condition '{text}': write a column, an operator (>, >=, <, <=, ==, !=) and a value, e.g. Age > 100."),
            ),
            Error::Incomparable { column, op, value } => (
                format!("La colonne « {column} » ne se compare pas à {value} par {op} : texte et nombres ne se rangent pas ensemble (== et != restent possibles)."),
                format!("Column '{column}' cannot be compared with {value} by {op}: text and numbers do not order together (== and != still work)."),
            ),
            Error::UnknownRow { label } => (
                format!("Pas de ligne d'étiquette {label} : elle n'est pas dans le tableau, ou une étape précédente l'a retirée."),
                format!("No row labelled {label}: it is not in the table, or an earlier step dropped it."),
            ),
            Error::FillType { column, value } => (
                format!("La colonne « {column} » est numérique : « {value} » n'est pas un nombre."),
                format!("Column '{column}' is numeric: '{value}' is not a number."),
            ),
            Error::InStep { step, error } => (
                format!("Étape {step} de la recette : {}", error.message(Lang::Fr)),
                format!("Recipe step {step}: {}", error.message(Lang::En)),
            ),
            Error::LengthMismatch { labels, scores } => (
                format!("{labels} étiquettes pour {scores} scores : il en faut autant."),
                format!("{labels} labels for {scores} scores: they must be as many."),
            ),
            Error::NotANumber { row } => (
                format!("Ligne {row} : le score n'est pas un nombre."),
                format!("Row {row}: the score is not a number."),
            ),
            Error::OneClass { positive } => {
                let (fr, en) = if *positive { ("positifs", "positive") } else { ("négatifs", "negative") };
                (
                    format!("Toutes les étiquettes sont des {fr} : il faut les deux classes pour évaluer."),
                    format!("Every label is {en}: evaluating needs both classes."),
                )
            }
            Error::NotBinary { values } => (
                format!("Les étiquettes valent {} : choisissez la classe positive.", values.join(", ")),
                format!("The labels are {}: choose the positive class.", values.join(", ")),
            ),
            Error::NotNumeric { column } => (
                format!("La colonne « {column} » contient du texte : choisissez des colonnes numériques."),
                format!("Column '{column}' holds text: choose numeric columns."),
            ),
            Error::TooFewRows { needed, found } => (
                format!("Il faut au moins {needed} lignes ; il y en a {found}."),
                format!("At least {needed} rows are needed; there are {found}."),
            ),
            Error::OutOfRange { name, value, min, max } => (
                format!("Paramètre « {name} » = {value} : il doit être entre {min} et {max}."),
                format!("Parameter '{name}' = {value}: it must be between {min} and {max}."),
            ),
            Error::BadOption { option, value } => (
                format!("Option « {option} » : valeur « {value} » inconnue."),
                format!("Option '{option}': unknown value '{value}'."),
            ),
            Error::BadParam { field, value, need } => {
                let (fr, en) = need.texts();
                (format!("« {field} » = {value} : il faut {fr}."), format!("'{field}' = {value}: it must be {en}."))
            }
            Error::OneClassTarget { column, class } => (
                format!("La cible « {column} » n'a qu'une classe ({class}) : il n'y a rien à apprendre. Choisissez une autre cible ou complétez les étiquettes manquantes."),
                format!("The target '{column}' has one class only ({class}): there is nothing to learn. Choose another target or fill in the missing labels."),
            ),
            Error::EmptyClass { part, class } => {
                let fr_part = match *part { "train" => "d'entraînement", "validation" => "de validation", _ => "de test" };
                (
                    format!("Ce découpage laisse la partie {fr_part} sans aucune ligne de la classe « {class} » : réduisez test et validation, ou stratifiez."),
                    format!("This split leaves the {part} part without any row of class '{class}': make test and validation smaller, or stratify."),
                )
            }
            Error::SmoteNeighbours { k, class, rows } => (
                format!("SMOTE avec k = {k} voisins : la classe « {class} » n'a que {rows} lignes d'entraînement ; prenez k ≤ {}.", rows.saturating_sub(1)),
                format!("SMOTE with k = {k} neighbours: class '{class}' has only {rows} training rows; choose k ≤ {}.", rows.saturating_sub(1)),
            ),
            Error::NoFeatures => (
                "Aucune variable explicative : cochez au moins une colonne autre que la cible.".into(),
                "No feature to learn from: tick at least one column other than the target.".into(),
            ),
            Error::NoTrainingValue { column } => (
                format!("La variable « {column} » n'a aucune valeur dans la partie d'entraînement : rien pour compléter ses valeurs manquantes. Décochez-la, ou nettoyez-la d'abord."),
                format!("Feature '{column}' has no value in the training part: nothing to impute its missing values from. Untick it, or clean it first."),
            ),
            Error::BadSpec { detail } => (format!("Spécification illisible : {detail}."), format!("Unreadable spec: {detail}.")),
            Error::NotAJournal { detail } => (
                format!("Ce fichier n'est pas un journal d'Atelier ({detail}) : exportez-en un depuis le panneau Journal."),
                format!("This file is not an Atelier journal ({detail}): export one from the Journal panel."),
            ),
            Error::JournalVersion { found } => (
                format!("Journal d'Atelier en version {found} : cette page lit la version 1."),
                format!("Atelier journal version {found}: this page reads version 1."),
            ),
            Error::Infinite { column, row } => (
                format!("Ligne {row}, colonne « {column} » : valeur infinie ; aucun modèle n'apprend d'un infini. Retirez ces lignes à l'étape Nettoyer ou décochez la colonne."),
                format!("Row {row}, column '{column}': infinite value; no model learns from infinity. Drop these rows in the Clean step or untick the column."),
            ),
            Error::Diverged { epoch, learning_rate } => (
                format!("L'apprentissage diverge à l'époque {epoch} : la perte n'est plus un nombre, les pas grandissent au lieu de se réduire. Baissez le taux d'apprentissage ({learning_rate})."),
                format!("Training diverged at epoch {epoch}: the loss is no longer a number, the steps grow instead of shrinking. Lower the learning rate ({learning_rate})."),
            ),
            Error::BadModel(ModelFile::NotAModel) => (
                "Ce fichier n'est pas un modèle Atelier : choisissez un fichier JSON téléchargé à l'étape Production.".into(),
                "This file is not an Atelier model: choose a JSON file downloaded from the Production step.".into(),
            ),
            Error::BadModel(ModelFile::Version { found, expected }) => (
                format!("Ce modèle est au format version {found} ; cette version d'Atelier lit la version {expected}. Réentraînez-le ici."),
                format!("This model is in format version {found}; this version of Atelier reads version {expected}. Refit it here."),
            ),
            Error::BadModel(ModelFile::Modified) => (
                "Le fichier du modèle a été modifié (ou abîmé) : son contenu ne correspond plus à sa somme de contrôle. Téléchargez-le à nouveau.".into(),
                "The model file was modified (or damaged): its content no longer matches its checksum. Download it again.".into(),
            ),
            Error::MissingValue { row, column } => (
                format!("Ligne {row}, colonne « {column} » : valeur manquante. Le modèle a été entraîné en retirant les lignes incomplètes (impute: drop_rows), il ne sait pas la compléter."),
                format!("Row {row}, column '{column}': missing value. The model was fitted dropping incomplete rows (impute: drop_rows), so it cannot fill it in."),
            ),
            Error::BadLink(problem) => problem.texts(),
            Error::InLayer { layer, kind, error } => (
                format!("Couche {layer} ({kind}) : {}", error.message(Lang::Fr)),
                format!("Layer {layer} ({kind}): {}", error.message(Lang::En)),
            ),
            Error::LayerInput { input, need } => {
                let (fr, en) = need.texts();
                (format!("elle reçoit la forme {input:?} ; il lui faut {fr}."), format!("it receives shape {input:?} but needs {en}."))
            }
            Error::InTestFile { error } => (
                format!("Fichier de test : {}", error.message(Lang::Fr)),
                format!("Test file: {}", error.message(Lang::En)),
            ),
            Error::UnknownClass { column, class, row, known } => (
                format!("Ligne {row}, colonne « {column} » : la classe « {class} » n'est pas l'une de celles apprises ({}).", known.join(", ")),
                format!("Row {row}, column '{column}': class '{class}' is not one of those learnt ({}).", known.join(", ")),
            ),
        }
    }
}

/// Why a JSON document is not a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// The top level is a number, a string… (`kind` is the JSON type name).
    TopLevel { kind: &'static str },
    EmptyList,
    /// Item `row` (1-based) of the list is not an object.
    RecordNotObject { row: usize },
    ColumnNotList { column: String },
    LengthMismatch { column: String, found: usize, expected: usize },
}

impl Shape {
    fn texts(&self) -> (String, String) {
        match self {
            Shape::TopLevel { kind } => (format!("le document est un(e) {kind}"), format!("the document is a {kind}")),
            Shape::EmptyList => ("la liste est vide".into(), "the list is empty".into()),
            Shape::RecordNotObject { row } => (
                format!("l'élément {row} de la liste n'est pas un objet"),
                format!("item {row} of the list is not an object"),
            ),
            Shape::ColumnNotList { column } => (
                format!("la colonne « {column} » n'est pas une liste"),
                format!("column '{column}' is not a list"),
            ),
            Shape::LengthMismatch { column, found, expected } => (
                format!("la colonne « {column} » a {found} valeurs au lieu de {expected}"),
                format!("column '{column}' has {found} values instead of {expected}"),
            ),
        }
    }
}

/// Megabytes with one decimal, for size messages.
fn mb(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// `mb` written the French way, with a decimal comma (`300,0 Mo`).
fn mb_fr(bytes: usize) -> String {
    mb(bytes).replace('.', ",")
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

impl LinkProblem {
    fn code(&self) -> &'static str {
        match self {
            LinkProblem::Damaged => "link_damaged",
            LinkProblem::Newer { .. } => "link_newer",
            LinkProblem::TooOld { .. } => "link_too_old",
            LinkProblem::UnknownData { .. } => "link_unknown_data",
            LinkProblem::NeedsFile { .. } => "link_needs_file",
        }
    }

    fn texts(&self) -> (String, String) {
        match self {
            LinkProblem::Damaged => (
                "Ce lien est abîmé (coupé ou modifié) : il ne se lit pas. Demandez-le à nouveau.".into(),
                "This link is damaged (cut short or edited): it cannot be read. Ask for it again.".into(),
            ),
            LinkProblem::Newer { found, current } => (
                format!("Ce lien vient d'une version plus récente d'Atelier (format {found} ; celle-ci lit jusqu'au format {current}). Rechargez la page pour obtenir la dernière version."),
                format!("This link comes from a newer version of Atelier (format {found}; this one reads up to format {current}). Reload the page to get the latest version."),
            ),
            LinkProblem::TooOld { found, oldest } => (
                format!("Ce lien vient d'une ancienne version d'Atelier (format {found}) que celle-ci ne lit plus (format {oldest} au moins). Refaites les réglages et partagez un nouveau lien."),
                format!("This link comes from an old version of Atelier (format {found}) that this one no longer reads (format {oldest} or later). Make the settings again and share a new link."),
            ),
            LinkProblem::UnknownData { id } => (
                format!("Ce lien nomme un jeu de données intégré que cette version n'a pas : « {id} »."),
                format!("This link names a built-in data set this version does not have: '{id}'."),
            ),
            LinkProblem::NeedsFile { name, rows, columns } => (
                format!("Chargez le fichier « {name} » ({rows} lignes × {columns} colonnes) pour continuer : il était trop gros pour voyager dans le lien."),
                format!("Load the file '{name}' ({rows} rows × {columns} columns) to continue: it was too big to travel in the link."),
            ),
        }
    }
}
