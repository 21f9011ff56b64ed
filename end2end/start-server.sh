#!/usr/bin/env bash
# Starts the release build for the browser tests, on the given port, with a
# database of its own that holds only the demo data. Plain HTTP on
# 127.0.0.1, hence --insecure-cookie (the session cookie is Secure by default).
set -euo pipefail
port=${1:-3100}
here=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"${CARGO_TARGET_DIR:-$here/../target}/release/safehold" serve --demo --insecure-cookie --listen "127.0.0.1:$port" \
  --data-dir "$data" --site-root "$here/../target/site" --log warn &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT INT TERM
wait $server
