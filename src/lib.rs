//! Atelier's core: everything the browser workshop computes, testable natively.
//!
//! Layers (dependencies point inward): `web` → `experiment` → (`eval`, `learn`, `prep`,
//! `reduce`, `explore`) → `data`; `plot` draws results, never computes them. Only `web` knows
//! about the browser, and it holds no state or logic of its own: the page's session and every
//! run live in `experiment`.

pub mod data;
pub mod error;
pub mod eval;
pub mod experiment;
pub mod explore;
pub mod learn;
pub mod plot;
pub mod prep;
pub mod reduce;
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod web;

pub use error::{Error, Lang};
