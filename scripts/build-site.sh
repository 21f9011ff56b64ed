#!/usr/bin/env bash
# Builds the release site with plain cargo, wasm-bindgen and wasm-opt, in the
# layout `cargo leptos build --release` makes with `hash-files = true`:
#   - the server, $TARGET/release/safehold, with hash.txt beside it;
#   - target/site/pkg/safehold.<hash>.{js,wasm,css}, each file named after its
#     content, with a brotli (.br) and a gzip (.gz) copy beside it that the
#     server sends to browsers that accept them.
# $TARGET is $CARGO_TARGET_DIR, or target. The run and test commands use this
# script, so that nobody needs cargo-leptos (about 20 minutes to build on 2
# cores). LEPTOS_OUTPUT_NAME comes from .cargo/config.toml.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

# A RUSTFLAGS variable replaces .cargo/config.toml's rustflags, and a server
# and a browser side that disagree on Leptos's type erasure cannot hydrate.
if [ -n "${RUSTFLAGS+set}" ] && [[ "$RUSTFLAGS" != *erase_components* ]]; then
  echo "RUSTFLAGS is set and replaces .cargo/config.toml's '--cfg erase_components':" \
    "add that flag to it, or unset it" >&2
  exit 1
fi

ensure_wasm_target
ensure_wasm_bindgen
ensure_wasm_opt
ensure_brotli

target=${CARGO_TARGET_DIR:-target}
pkg=target/site/pkg

say "Building the server (release)"
cargo build --release -p server

say "Building the browser side (WASM, size profile)"
cargo build --profile wasm-release -p frontend --target wasm32-unknown-unknown

# A fresh folder: the files of earlier builds, under their old hashes, go.
rm -rf "$pkg"
mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name safehold \
  "$target/wasm32-unknown-unknown/wasm-release/frontend.wasm"
say "Optimising the WASM with wasm-opt -Oz"
wasm-opt -Oz "$pkg/safehold_bg.wasm" -o "$pkg/safehold.wasm"
rm "$pkg/safehold_bg.wasm"
cp style/main.css "$pkg/safehold.css"

# The first 20 hex digits (80 bits) of the file's SHA-256.
content_hash() { sha256sum "$1" | cut -c1-20; }

wasm_hash=$(content_hash "$pkg/safehold.wasm")
css_hash=$(content_hash "$pkg/safehold.css")
# The pages pass the WASM's address to the JavaScript; its own fallback names
# the file too, so that it is right as well. Hashed after this change.
sed -i "s/safehold_bg\.wasm/safehold.$wasm_hash.wasm/g" "$pkg/safehold.js"
js_hash=$(content_hash "$pkg/safehold.js")

mv "$pkg/safehold.js" "$pkg/safehold.$js_hash.js"
mv "$pkg/safehold.wasm" "$pkg/safehold.$wasm_hash.wasm"
mv "$pkg/safehold.css" "$pkg/safehold.$css_hash.css"
# Beside the binary, where Leptos looks (the server asks for hashed names
# only when this file is there).
printf 'js: %s\nwasm: %s\ncss: %s\n' "$js_hash" "$wasm_hash" "$css_hash" > "$target/release/hash.txt"

say "Compressing (brotli -q 11, gzip -9)"
size() { stat -c %s "$1"; }
for file in "$pkg/safehold.$js_hash.js" "$pkg/safehold.$wasm_hash.wasm" "$pkg/safehold.$css_hash.css"; do
  brotli --quality=11 --force --keep "$file"
  gzip -9 --no-name --force --keep "$file"
  printf '  %-40s %9s raw %9s gzip %9s brotli (bytes)\n' \
    "$(basename "$file")" "$(size "$file")" "$(size "$file.gz")" "$(size "$file.br")" >&2
done
say "Site built in $pkg; $target/release/hash.txt names its files"
