//! First-look summaries of a `Table`: info, describe, value counts and flags on the data.
//! Uses `data` only.

pub mod classes;
pub mod correlation;
pub mod describe;
pub mod flags;
pub mod histogram;
pub mod quantile;
pub mod scalar;
pub mod value_counts;

pub use describe::{describe, info, Describe, Info};
pub use flags::{flags, guess_target, identifier_column, FlagReport};
pub use scalar::Scalar;
pub use value_counts::{value_counts, ValueCount};
