#!/usr/bin/env bash
# Runs Safehold: installs what is missing, builds in release mode with
# cargo-leptos, creates the SQLite database under data/, applies the
# migrations, loads the demo data into an empty database, and serves on
# http://127.0.0.1:3000 (printing the address and the demo logins). Plain
# HTTP on this machine, hence --insecure-cookie; behind HTTPS, run the binary
# without it (see README, "Deploying").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

ensure_wasm_target
ensure_wasm_bindgen
ensure_wasm_opt
ensure_cargo_leptos

say "Building Safehold (release)"
cargo leptos build --release

exec target/release/safehold serve --demo --insecure-cookie --data-dir "${SAFEHOLD_DATA_DIR:-data}" --site-root target/site "$@"
