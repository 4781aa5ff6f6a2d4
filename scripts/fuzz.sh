#!/usr/bin/env bash
# Runs each fuzz target (fuzz/fuzz_targets/) for FUZZ_SECONDS (default 60) on its corpus
# (fuzz/corpus/<target>/), one after the other. A panic, an input taking over 1 s or an
# allocation over 1 GB is a crash: libFuzzer stops, writes the input to
# fuzz/artifacts/<target>/ and the script fails. New inputs that widen coverage land in the
# corpus folder; `cargo +nightly fuzz cmin <target>` shrinks it again before committing.
# Usage: FUZZ_SECONDS=600 bash scripts/fuzz.sh [target…]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv json workbook condition spec model experiment)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

for target in "${targets[@]}"; do
  echo "== fuzz $target for ${seconds}s"
  cargo +nightly fuzz run -O "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=1024 -malloc_limit_mb=1024 -timeout=1 -print_final_stats=1
done
