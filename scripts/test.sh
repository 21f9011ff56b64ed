#!/usr/bin/env bash
# Runs every test: formatting and lints, unit and integration tests on SQLite
# and then on PostgreSQL (started by ensure_postgres), then the release build and the Playwright tests in headless Chromium. Exits non-zero
# if anything fails. Screenshots are kept in end2end/screenshots/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

ensure_wasm_target
ensure_wasm_bindgen
ensure_wasm_opt
ensure_chromium
ensure_playwright
ensure_postgres

say "Formatting"
cargo fmt --all --check

say "Lints (host, and the browser side for wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p policy -p frontend --target wasm32-unknown-unknown -- -D warnings

say "Unit and integration tests, on SQLite"
cargo test --workspace

say "The HTTP tests and the SQL property test again, on PostgreSQL"
SAFEHOLD_TEST_POSTGRES="$SAFEHOLD_POSTGRES_URL" cargo test -p server --test http --test list_filter_sql

bash scripts/build-site.sh

say "End-to-end tests (Playwright, headless Chromium, 768x1024)"
(cd end2end && npx playwright test)
say "All tests passed"
