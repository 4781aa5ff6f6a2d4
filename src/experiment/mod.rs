//! Runs the pipeline's steps on a table: the glue between the data and the computations, so
//! the `web` boundary stays thin and everything here tests natively.

pub mod evaluate;
pub mod project;
