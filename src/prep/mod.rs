//! Preparing data for learning: the cleaning recipe (and, later, scalers, splits, resampling).
//! Uses `data` and `explore`.

pub mod recipe;
