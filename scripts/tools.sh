# Installs the tools Safehold builds and tests with, each only when the right
# version is missing. Sourced by scripts/run.sh and scripts/test.sh.
#
# Cargo tools go to ~/.cargo/bin so that they outlive any one clone; npm tools
# go to tools/node_modules (git-ignored). See ../README.md, "Toolchain".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CARGO_LEPTOS_VERSION=0.3.11
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$ROOT/tools/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# Unpacks a crate's source from the cargo cache into a scratch folder, so that
# its lock file can be adjusted before `cargo install --path`. A failed
# `cargo install --locked` is what puts the .crate into the cache.
unpack_crate() {
  local name=$1 version=$2 dest=$3
  local crate
  crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$name-$version.crate" 2>/dev/null | head -n 1 || true)
  if [ -z "$crate" ]; then
    cargo install "$name" --version "=$version" --locked --root "$dest/unused" >/dev/null 2>&1 || true
    crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$name-$version.crate" 2>/dev/null | head -n 1 || true)
  fi
  [ -n "$crate" ] || { echo "could not download $name $version" >&2; return 1; }
  tar -xzf "$crate" -C "$dest"
  # Keep it out of any enclosing workspace.
  printf '\n[workspace]\n' >> "$dest/$name-$version/Cargo.toml"
}

ensure_wasm_bindgen() {
  local want have=""
  want=$(wasm_bindgen_version)
  command -v wasm-bindgen >/dev/null && have=$(wasm-bindgen --version | awk '{print $2}')
  [ "$have" = "$want" ] && return 0
  say "Installing wasm-bindgen-cli $want (about 8 minutes on 2 cores)"
  local tmp; tmp=$(mktemp -d)
  unpack_crate wasm-bindgen-cli "$want" "$tmp"
  # Its lock file names a webpki-roots release the registry does not serve.
  (cd "$tmp/wasm-bindgen-cli-$want" \
    && { cargo update -p webpki-roots --precise 1.0.10 || true; } \
    && cargo install --path . --locked --root "${CARGO_HOME:-$HOME/.cargo}")
  rm -rf "$tmp"
}

ensure_cargo_leptos() {
  local have=""
  command -v cargo-leptos >/dev/null && have=$(cargo-leptos --version | awk '{print $2}')
  [ "$have" = "$CARGO_LEPTOS_VERSION" ] && return 0
  say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes on 2 cores, once)"
  local tmp; tmp=$(mktemp -d)
  unpack_crate cargo-leptos "$CARGO_LEPTOS_VERSION" "$tmp"
  # Its lock file needs a newer rustc than 1.95 through cargo-util-schemas;
  # `no_downloads` makes it use the tools on PATH instead of fetching its own.
  (cd "$tmp/cargo-leptos-$CARGO_LEPTOS_VERSION" \
    && cargo update -p cargo-util-schemas --precise 0.14.1 \
    && cargo install --path . --locked --features no_downloads --root "${CARGO_HOME:-$HOME/.cargo}")
  rm -rf "$tmp"
}

# wasm-opt from npm's binaryen (Debian's 108 produces a WASM that fails).
ensure_wasm_opt() {
  if [ ! -x "$ROOT/tools/node_modules/.bin/wasm-opt" ]; then
    say "Installing wasm-opt (npm binaryen)"
    (cd "$ROOT/tools" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Installs Debian packages (as root, or through sudo).
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    say "Installing Debian's chromium"
    apt_install chromium
  fi
}

# Debian's brotli, for the build's .br copies of the site's files.
ensure_brotli() {
  if ! command -v brotli >/dev/null; then
    say "Installing Debian's brotli"
    apt_install brotli
  fi
}

ensure_playwright() {
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] || [ ! -d "$ROOT/end2end/node_modules/@axe-core/playwright" ]; then
    say "Installing Playwright (npm; the browser is Debian's chromium)"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# A PostgreSQL server for the tests on the second engine: Debian's packages
# when no PostgreSQL is installed, then a cluster of Safehold's own (not
# Debian's "main"), started when it is not already answering. It listens on
# 127.0.0.1 only, with trust authentication, and trades durability for speed
# (fsync off): it holds throwaway test databases and nothing else. PostgreSQL
# refuses to run as root, so as root the cluster belongs to the "postgres"
# user the package creates. Exports SAFEHOLD_POSTGRES_URL, the cluster's
# maintenance database: the tests (as SAFEHOLD_TEST_POSTGRES) and the
# benchmark create their databases through it.
SAFEHOLD_PG_PORT=${SAFEHOLD_PG_PORT:-55432}
SAFEHOLD_PG_DATA=${SAFEHOLD_PG_DATA:-/var/tmp/safehold-test-postgres}

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_cluster_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_postgres() {
  if [ -z "$(postgres_bin)" ]; then
    say "Installing Debian's PostgreSQL"
    apt_install postgresql
  fi
  local bin; bin=$(postgres_bin)
  export SAFEHOLD_POSTGRES_URL="postgres://postgres@127.0.0.1:$SAFEHOLD_PG_PORT/postgres"
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$SAFEHOLD_PG_PORT"; then
    return 0
  fi
  if [ ! -f "$SAFEHOLD_PG_DATA/PG_VERSION" ]; then
    say "Creating a PostgreSQL cluster for the tests in $SAFEHOLD_PG_DATA"
    mkdir -p "$SAFEHOLD_PG_DATA"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$SAFEHOLD_PG_DATA"
    chmod 700 "$SAFEHOLD_PG_DATA"
    as_cluster_owner "$bin/initdb" -D "$SAFEHOLD_PG_DATA" -U postgres --auth=trust \
      --encoding=UTF8 --no-locale >/dev/null
  fi
  say "Starting PostgreSQL for the tests on 127.0.0.1:$SAFEHOLD_PG_PORT"
  as_cluster_owner "$bin/pg_ctl" -D "$SAFEHOLD_PG_DATA" -l "$SAFEHOLD_PG_DATA/server.log" -w -t 60 \
    -o "-p $SAFEHOLD_PG_PORT -k $SAFEHOLD_PG_DATA -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$SAFEHOLD_PG_PORT"
}

# cargo-fuzz, for policy/fuzz (not used by the test command).
ensure_cargo_fuzz() {
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    say "Installing cargo-fuzz"
    cargo install cargo-fuzz --version 0.13.2 --locked
  fi
}
