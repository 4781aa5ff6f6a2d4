//! Seeded random numbers for the projections' starts and sampling: uniform and normal draws
//! from a ChaCha8 stream, so the same seed gives the same numbers on every machine.

use rand_chacha::ChaCha8Rng;
use rand_core::RngCore;

/// Uniform in `[0, 1)` from the top 53 bits.
pub fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Two independent standard normals by Box–Muller.
pub fn normal_pair(rng: &mut ChaCha8Rng) -> (f64, f64) {
    let u1 = 1.0 - uniform(rng); // (0, 1], so the log is finite.
    let u2 = uniform(rng);
    // libm, not std: the same bits natively and in wasm.
    let r = (-2.0 * libm::log(u1)).sqrt();
    let angle = std::f64::consts::TAU * u2;
    (r * libm::cos(angle), r * libm::sin(angle))
}

/// One standard normal (the first of a Box–Muller pair).
pub fn normal(rng: &mut ChaCha8Rng) -> f64 {
    normal_pair(rng).0
}
