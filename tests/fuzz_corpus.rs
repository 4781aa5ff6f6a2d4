//! Replays every fuzz corpus (fuzz/corpus/<target>/) and every crash the fuzzers found
//! (fuzz/regressions/<target>/) through the function its fuzz target calls, on stable: none
//! may panic. The functions are the fuzz crate's own (fuzz/src/lib.rs), included here.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// The inputs of `dir/<target>/`, by file name; none when the folder does not exist.
fn inputs(dir: &str, target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir).join(target);
    let Ok(entries) = std::fs::read_dir(&folder) else { return Vec::new() };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())).collect()
}

/// Runs `target` on each of its inputs and returns the files that panicked.
fn replay(dir: &str) -> Vec<String> {
    let mut panicked = Vec::new();
    for (target, run) in fuzz_targets::TARGETS {
        for (file, bytes) in inputs(dir, target) {
            if catch_unwind(AssertUnwindSafe(|| run(&bytes))).is_err() {
                panicked.push(file);
            }
        }
    }
    panicked
}

#[test]
fn every_corpus_input_runs_without_panic() {
    for (target, _) in fuzz_targets::TARGETS {
        assert!(!inputs("corpus", target).is_empty(), "fuzz/corpus/{target}/ is empty");
    }
    assert_eq!(replay("corpus"), Vec::<String>::new());
}

#[test]
fn every_crash_found_by_fuzzing_now_runs_without_panic() {
    assert_eq!(replay("regressions"), Vec::<String>::new());
}
