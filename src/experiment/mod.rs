//! Runs the pipeline's steps on a table: the glue between the data and the computations, so
//! the `web` boundary stays thin and everything here tests natively.

pub mod boundary;
pub mod cv;
pub mod estimate;
pub mod evaluate;
pub mod final_test;
pub mod guards;
pub mod link;
pub mod journal;
pub mod live;
pub mod production;
pub mod report;
pub mod run;
pub mod search;
pub mod search_space;
pub mod session;
pub mod spec;
pub mod text;
pub mod project;
pub mod python;
