//! Data in: the `Table`, the readers (delimited text, JSON) and the built-in data sets.
//! Workbooks are read by the `atelier-xlsx` module (crates/xlsx), which hands over JSON.

pub mod builder;
pub mod datasets;
pub mod decode;
pub mod delimited;
pub mod json;
pub mod limits;
pub mod matrix;
pub mod read;
pub mod sniff;
pub mod table;
pub mod write;

pub use limits::Limits;
pub use read::{read, Dialect, Loaded, Parser, ReadOptions};
pub use table::{Cell, Column, DType, Table, Values};
