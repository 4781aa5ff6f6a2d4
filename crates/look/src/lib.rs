//! The first-look module: the core built without its `learn` feature, so its wasm-bindgen
//! exports (src/web), and the code they reach, are those of steps 1 to 4. The page loads it
//! first, and the whole core (crates/web) once its first step shows.
pub use atelier;
