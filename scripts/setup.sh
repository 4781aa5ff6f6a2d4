#!/usr/bin/env bash
# Install whatever the build, tests or bench need and is missing. Idempotent; a few seconds
# when everything is present. Usage: bash scripts/setup.sh [--extras] [--browser] [--python] [--bench]
#   (always)   wasm32 target, node_modules (npm ci); the wasm-bindgen step is crates/bindgen,
#              which scripts/build.sh builds with the workspace
#   --extras   only the options named, not the build's tools (scripts/test.sh installs them
#              in the background while the build runs)
#   --browser  Debian's Chromium (/usr/bin/chromium) for the e2e tests and the bench, and its
#              Firefox ESR (/usr/bin/firefox-esr) for tests/e2e/firefox.test.mjs
#   --python   Python pandas, scikit-learn and imbalanced-learn: the exported script's test
#   --bench    --python and umap-learn, the native peers in bench/
set -euo pipefail
cd "$(dirname "$0")/.."

base=1 browser=0 python=0 bench=0
for arg in "$@"; do
  case "$arg" in
    --extras) base=0 ;;
    --browser) browser=1 ;;
    --python) python=1 ;;
    --bench) bench=1 python=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { echo "setup: $*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if (( base )); then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  # npm ci when node_modules is missing or older than the lock file.
  if [[ ! -d node_modules || package-lock.json -nt node_modules ]]; then
    say "npm ci"
    npm ci --no-audit --no-fund
    touch node_modules
  fi
fi

# Debian's Chromium for Playwright, and its Firefox ESR for the one Firefox test (driven by
# puppeteer-core over WebDriver BiDi: Playwright needs its own patched Firefox builds).
if (( browser )) && [[ ! -x /usr/bin/chromium || ! -x /usr/bin/firefox-esr ]]; then
  say "installing Debian's chromium and firefox-esr"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium firefox-esr
fi

# Python modules as import:package pairs: pandas and scikit-learn run the exported script
# (imbalanced-learn its samplers); the bench adds umap-learn (scikit-learn also gives its
# t-SNE, PCA and trustworthiness).
modules=()
if (( python )); then modules+=(pandas:pandas sklearn:scikit-learn imblearn:imbalanced-learn); fi
if (( bench )); then modules+=(umap:umap-learn); fi
missing=()
for mod in "${modules[@]}"; do
  python3 -c "import ${mod%%:*}" 2>/dev/null || missing+=("${mod#*:}")
done
if (( ${#missing[@]} )); then
  say "installing python ${missing[*]}"
  # Debian's Python is "externally managed" (PEP 668); allow a system-wide pip install.
  python3 -m pip install --quiet --root-user-action=ignore "${missing[@]}" 2>/dev/null \
    || python3 -m pip install --quiet --root-user-action=ignore --break-system-packages "${missing[@]}" \
    || say "warning: could not install ${missing[*]}; the tests and the bench that need them will fail or report without them"
fi

say "ok"
