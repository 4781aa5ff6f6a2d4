//! Atelier's core: everything the browser workshop computes, testable natively.
//!
//! Layers (dependencies point inward): `web` → `explore` → `data`; `plot` draws results, never
//! computes them. Only `web` knows about the browser.

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
