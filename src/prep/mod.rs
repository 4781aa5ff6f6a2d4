//! Preparing data for learning: the cleaning recipe, the train / validation / test split, the
//! features matrix (imputation, one-hot encoding and text columns cut into words, learnt on the
//! training part), scalers and resamplers. Uses `data`, `explore`, and `reduce`'s neighbours
//! and seeded draws.

pub mod features;
pub mod folds;
pub mod recipe;
pub mod resample;
pub mod scale;
pub mod split;
pub mod text;
