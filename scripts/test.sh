#!/usr/bin/env bash
# npm test: every test, from a fresh machine or a warm one. The browser and the Python modules
# install in the background while the build and `cargo test` compile (apt and pip wait on the
# network and the disk, the compilers on the 2 cores); the API and end-to-end tests wait for them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
mkdir -p target
extras_log=target/setup-extras.log
bash scripts/setup.sh --extras --browser --python >"$extras_log" 2>&1 &
extras=$!

bash scripts/build.sh
cargo test --workspace

if ! wait "$extras"; then
  cat "$extras_log" >&2
  echo "test: installing the browser or the Python modules failed (above)" >&2
  exit 1
fi
cat "$extras_log"
node --test tests/api/
node --test --test-concurrency=1 tests/e2e/
