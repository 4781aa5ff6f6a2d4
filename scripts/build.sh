#!/usr/bin/env bash
# Build the self-contained static site in dist/:
#   dist/index.html, dist/*.js|css (from www/), dist/data/, dist/pkg/ (wasm modules + JS glue),
#   then scripts/bundle.mjs: the hosted page's bundles (app.<hash>.js, worker.<hash>.js, hashed
#   wasm and css), dist/sw.js, the one-file dist/atelier.html, precompressed .gz/.br copies.
# Every cdylib crate of the workspace becomes one module: crates/web (the whole core) →
# pkg/atelier.js + pkg/atelier_bg.wasm, crates/look (its first-look part, steps 1 to 4, which the
# page loads first: www/core.js) → pkg/atelier_look.js + pkg/atelier_look_bg.wasm, crates/xlsx →
# pkg/atelier_xlsx.js + pkg/atelier_xlsx_bg.wasm.
# Run scripts/setup.sh first (npm start/build/test do).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { echo "build: $*"; }

# "package lib_name module_name" of every workspace member with a cdylib target; the module is
# named after the lib unless the package's `[package.metadata.atelier] module` says otherwise.
mapfile -t modules < <(cargo metadata --no-deps --format-version 1 | node -e '
  const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
  for (const p of m.packages)
    for (const t of p.targets)
      if (t.kind.includes("cdylib")) {
        const lib = t.name.replaceAll("-", "_");
        console.log(p.name, lib, p.metadata?.atelier?.module ?? lib);
      }')

# The wasm-bindgen step is crates/bindgen (wasm-bindgen-cli's library, pinned to Cargo.lock's
# wasm-bindgen): a workspace of its own, compiled once in about a minute, in the background
# while the core compiles (whose single-threaded front end leaves a core idle).
mkdir -p target
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT # a failure stops the background work too
say "atelier-bindgen: cargo build (in the background)"
cargo build --quiet --manifest-path crates/bindgen/Cargo.toml --target-dir target/bindgen \
  >target/bindgen-build.log 2>&1 &
bindgen_build=$!
bindgen=target/bindgen/debug/atelier-bindgen
bindgen_ready() {
  if [[ -n "$bindgen_build" ]]; then
    wait "$bindgen_build" || { cat target/bindgen-build.log >&2; say "atelier-bindgen did not compile (above)"; exit 1; }
    bindgen_build=
  fi
}

# wasm-opt -O1, not -Oz: on the whole core -Oz took 104 s against 21 s (the npm binaryen runs on
# one core; 170 s against 36 s for the three modules), and -O1's output is 4 % larger but 5 %
# smaller once gzipped (986 against 1,038 KB), with no run measurably slower (a CNN, a forest, an
# MLP, k-NN through the API). Rustc has optimised the code already (opt-level 3). Cache its
# output keyed by the hash of its input, and run it in the background while cargo builds the
# next module. The npm binaryen (132), not Debian's wasm-opt 108, whose output fails to load.
# Features: those in the module's target_features section (rustc's wasm32 defaults plus
# simd128 from RUSTFLAGS); `wasm-opt --print-features X.wasm` lists them.
OPT=-O1
optimise() {
  local module=$1 wasm="$stage/$1_bg.wasm" cache="target/wasm-opt-cache/$1$OPT" sum
  sum=$(sha256sum "$wasm" | cut -c1-16)
  if [[ ! -f "$cache/$sum.wasm" ]]; then
    say "$module: wasm-opt $OPT"
    rm -rf "$cache" && mkdir -p "$cache"
    node_modules/.bin/wasm-opt "$OPT" \
      --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-reference-types --enable-multivalue --enable-mutable-globals \
      --enable-bulk-memory-opt --enable-call-indirect-overlong \
      "$wasm" -o "$cache/$sum.tmp"
    mv "$cache/$sum.tmp" "$cache/$sum.wasm"
    say "$module: wasm-opt done"
  else
    say "$module: wasm-opt: unchanged, using cached output"
  fi
  cp "$cache/$sum.wasm" "$wasm"
}

stage=target/atelier-pkg
rm -rf "$stage" && mkdir -p "$stage"
optimising=()
for entry in "${modules[@]}"; do
  read -r package lib module <<<"$entry"
  say "$module: cargo build (wasm32, release, simd128)"
  # One cargo call per crate: built together, cargo would unify the core's features across
  # them (the whole core wants `learn`, the first-look module not, the workbook module not even
  # `web`); built apart in one target dir, each feature set of the core is an rlib of its own
  # and the dependencies are compiled once. RUSTFLAGS reach only the wasm32 target (build
  # scripts are built for the host without them), so they do not invalidate the native build
  # that `cargo test` uses.
  RUSTFLAGS="-C target-feature=+simd128" \
    cargo build --release --target wasm32-unknown-unknown --lib -p "$package"

  bindgen_ready
  say "$module: wasm-bindgen"
  "$bindgen" "target/wasm32-unknown-unknown/release/$lib.wasm" "$stage" "$module"
  optimise "$module" &
  optimising+=($!)
done
for pid in "${optimising[@]}"; do wait "$pid"; done
echo '{ "type": "module" }' > "$stage/package.json"

say "assembling dist/"
rm -rf dist && mkdir -p dist
cp index.html dist/index.html 2>/dev/null || say "warning: no index.html yet"
if [[ -d www ]]; then cp -R www/. dist/; fi
cp -R "$stage" dist/pkg

# Every optimised module must still instantiate (catches wasm-opt breaking a module).
for entry in "${modules[@]}"; do
  read -r _ _ lib <<<"$entry"
  node --input-type=module -e "
    import { readFileSync } from 'node:fs';
    const m = await import('./dist/pkg/$lib.js');
    m.initSync({ module: readFileSync('dist/pkg/${lib}_bg.wasm') });
  "
  say "ok: dist/pkg/${lib}_bg.wasm $(stat -c %s "dist/pkg/${lib}_bg.wasm") bytes"
done
say "bundling (scripts/bundle.mjs)"
node scripts/bundle.mjs
say "ok: dist/ ($(du -sh dist | cut -f1))"
