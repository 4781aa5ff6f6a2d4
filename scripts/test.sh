#!/usr/bin/env bash
# npm test: every test, from a fresh machine or a warm one, within 15 minutes on 2 cores.
# Two things run in the background, where they cost little:
# - the browser and the Python modules install while the wasm build compiles (apt and pip wait
#   on the network and the disk, the compiler on the cores);
# - `cargo test` compiles at the lowest priority while the API and browser tests run (those
#   leave more than a core idle, waiting on the page), then runs once they are done.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT # a failure stops the background work too
mkdir -p target

bash scripts/setup.sh
bash scripts/setup.sh --extras --browser --python >target/setup-extras.log 2>&1 &
extras=$!

bash scripts/build.sh

nice -n 19 cargo test --workspace --no-run >target/cargo-test-build.log 2>&1 &
compiling=$!

if ! wait "$extras"; then
  cat target/setup-extras.log >&2
  echo "test: installing the browser or the Python modules failed (above)" >&2
  exit 1
fi
cat target/setup-extras.log
node --test tests/api/
# Two browser test files at a time: a test mostly waits on its page (a worker, a timer, the next
# frame), so one file alone left a core idle; each test keeps its own browser and profile.
node --test --test-concurrency=2 tests/e2e/

if ! wait "$compiling"; then
  cat target/cargo-test-build.log >&2
  echo "test: cargo test did not compile (above)" >&2
  exit 1
fi
cargo test --workspace
