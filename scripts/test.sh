#!/usr/bin/env bash
# npm test: every test, from a fresh machine or a warm one, within 15 minutes on 2 cores.
# Two things run in the background, where they cost little:
# - the browser and the Python modules install while the wasm build compiles (apt and pip wait
#   on the network and the disk, the compiler on the cores);
# - `cargo test` compiles at the lowest priority from the start: it takes the moments the wasm
#   build leaves a core idle (rustc's single-threaded front end, one wasm-opt) and those the
#   API and browser tests leave while they wait on a page; it runs once they are done. Started
#   after the build, it got so little of the browser tests' cores that it still had three
#   minutes to go when they ended.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT # a failure stops the background work too
mkdir -p target

bash scripts/setup.sh
bash scripts/setup.sh --extras --browser --python >target/setup-extras.log 2>&1 &
extras=$!

# A first build has no incremental state to reuse, and writing it costs: 212 s against 278 s
# for this compile from scratch on 2 cores. Later builds keep cargo's default.
if [[ ! -d target/debug ]]; then export CARGO_INCREMENTAL=0; fi
nice -n 19 cargo test --workspace --no-run >target/cargo-test-build.log 2>&1 &
compiling=$! # cargo itself, so that a failure's `kill` above stops it

bash scripts/build.sh

if ! wait "$extras"; then
  cat target/setup-extras.log >&2
  echo "test: installing the browser or the Python modules failed (above)" >&2
  exit 1
fi
cat target/setup-extras.log
node --test tests/api/
# Two browser test files at a time: a test mostly waits on its page (a worker, a timer, the next
# frame), so one file alone left a core idle (533 s against 380 s); three took longer again
# beside the native compile (394 s against 321 s). Each test keeps its own browser and profile.
node --test --test-concurrency=2 tests/e2e/

if ! wait "$compiling"; then
  cat target/cargo-test-build.log >&2
  echo "test: cargo test did not compile (above)" >&2
  exit 1
fi
cargo test --workspace
