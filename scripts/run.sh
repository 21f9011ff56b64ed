#!/usr/bin/env bash
# Runs Safehold: installs what is missing, builds the release server and the
# site with scripts/build-site.sh (no cargo-leptos needed), creates the SQLite
# database under data/, applies the migrations, loads the demo data into an
# empty database, and serves on http://127.0.0.1:3000 (printing the address
# and the demo logins). Plain HTTP on this machine, hence --insecure-cookie;
# behind HTTPS, run the binary without it (see README, "Deploying").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

bash scripts/build-site.sh

exec "${CARGO_TARGET_DIR:-target}/release/safehold" serve --demo --insecure-cookie --data-dir "${SAFEHOLD_DATA_DIR:-data}" --site-root target/site "$@"
