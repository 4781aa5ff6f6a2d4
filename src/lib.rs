//! Atelier's core: everything the browser workshop computes, testable natively.
//!
//! Layers (dependencies point inward): `web` → `experiment` → (`eval`, `learn`, `prep`,
//! `reduce`, `explore`) → `data`; `plot` draws results, never computes them. Only `web` knows
//! about the browser, and it holds no state or logic of its own: the page's session and every
//! run live in `experiment`.

pub mod data;
pub mod error;
// Everything past reading a table, behind the `analysis` feature: the workbook module only reads
// a sheet into a table, and without these its build compiles `data` and `error` alone.
#[cfg(feature = "analysis")]
pub mod eval;
#[cfg(feature = "analysis")]
pub mod experiment;
#[cfg(feature = "analysis")]
pub mod explore;
#[cfg(feature = "analysis")]
pub mod learn;
#[cfg(feature = "analysis")]
pub mod plot;
#[cfg(feature = "analysis")]
pub mod prep;
#[cfg(feature = "analysis")]
pub mod reduce;
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod web;

pub use error::{Error, Lang};
