//! t-SNE on the digits against scikit-learn's quality level (shared/golden/tsne_check.json).
//!
//! `cargo test --release --test core reduce_tsne:: -- --nocapture --include-ignored` also runs the
//! 5,000-row timing.

use crate::common;

use std::time::Instant;

use atelier::reduce::quality::trustworthiness;
use atelier::reduce::scale::standardize;
use atelier::reduce::tsne::{Tsne, TsneParams};
use ndarray::Array2;
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// CPU seconds used by this thread (Linux; `NaN` elsewhere): the wall clock of a loaded
/// machine says little.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else { return f64::NAN };
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |k: usize| fields.get(k).and_then(|f| f.parse::<f64>().ok()).unwrap_or(f64::NAN);
    (ticks(11) + ticks(12)) / 100.0 // USER_HZ, 100 on Linux
}

/// The 1797 × 64 pixels, standardised as sklearn's `StandardScaler`.
fn digits() -> Array2<f64> {
    let table = common::dataset("digits.csv");
    let columns: Vec<Vec<f64>> = (0..64).map(|j| table.column(&format!("p{j}")).unwrap().numbers().unwrap()).collect();
    let mut x = Array2::from_shape_fn((table.num_rows(), 64), |(i, j)| columns[j][i]);
    standardize(&mut x);
    x
}

#[test]
fn digits_are_as_trustworthy_as_with_scikit_learn() {
    let x = digits();
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let mut run = Tsne::new(x.view(), None, &TsneParams::default()).unwrap();
    let affinities = start.elapsed();
    while !run.is_done() {
        run.step(50);
    }
    let (total, cpu) = (start.elapsed(), cpu_seconds() - cpu);
    let trust = trustworthiness(x.view(), run.embedding(), 10);
    println!(
        "digits 1797 × 64: neighbours and P {affinities:.2?}, total {total:.2?} (CPU {cpu:.2} s), \
         {} iterations, \
         KL {:.4}, trustworthiness(k=10) {trust:.4}",
        run.iteration(),
        run.kl_divergence()
    );
    // sklearn TSNE(perplexity=30, init='random') reaches 0.984–0.986 (tsne_check.json); the
    // issue asks for at least 0.97.
    assert!(trust >= 0.97, "trustworthiness {trust}");
}

/// 5,000 × 64: the digits tiled with seeded noise (std 0.1 of a standardised pixel).
fn tiled_digits(n: usize) -> Array2<f64> {
    let x = digits();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut noise = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
    Array2::from_shape_fn((n, 64), |(i, j)| x[[i % x.nrows(), j]] + 0.35 * noise())
}

#[test]
#[ignore = "timing: run in release with --include-ignored --nocapture"]
fn five_thousand_rows_timing() {
    let x = tiled_digits(5000);
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let mut run = Tsne::new(x.view(), None, &TsneParams::default()).unwrap();
    let (affinities, cpu_affinities) = (start.elapsed(), cpu_seconds() - cpu);
    run.step(usize::MAX);
    let (total, cpu) = (start.elapsed(), cpu_seconds() - cpu);
    let trust = trustworthiness(x.view(), run.embedding(), 10);
    println!(
        "tiled digits 5000 × 64: neighbours and P {affinities:.2?} (CPU {cpu_affinities:.2} s), \
         total {total:.2?} (CPU {cpu:.2} s), trustworthiness(k=10) {trust:.4}"
    );
    assert!(trust >= 0.97, "trustworthiness {trust}");
}
