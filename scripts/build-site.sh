#!/usr/bin/env bash
# Builds the release site the way `cargo leptos build --release` does, with
# plain cargo, wasm-bindgen and wasm-opt: the server binary
# (target/release/safehold) and target/site/pkg/safehold.{js,wasm,css}.
# The test command uses it so that CI need not build cargo-leptos (about 20
# minutes on 2 cores); the run command uses cargo-leptos itself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

pkg=target/site/pkg
# The same name cargo-leptos passes, so that the server asks for safehold.wasm.
export LEPTOS_OUTPUT_NAME=safehold

say "Building the server (release)"
cargo build --release -p server

say "Building the browser side (WASM, size profile)"
cargo build --profile wasm-release -p frontend --target wasm32-unknown-unknown

mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name safehold \
  target/wasm32-unknown-unknown/wasm-release/frontend.wasm
mv "$pkg/safehold_bg.wasm" "$pkg/safehold.wasm"
say "Optimising the WASM with wasm-opt -Oz"
wasm-opt -Oz "$pkg/safehold.wasm" -o "$pkg/safehold.wasm"
cp style/main.css "$pkg/safehold.css"
say "Site built: $(du -h "$pkg/safehold.wasm" | cut -f1) of WASM in $pkg"
