//! The whole core as a wasm module: the core with its default features (`web`, `learn`), whose
//! wasm-bindgen exports (src/web) the module carries. A crate of its own so that the core stays
//! an rlib (see the core's Cargo.toml).
pub use atelier;
