#!/usr/bin/env bash
# The HTTP benchmark (README, "Performance"): what staff hit first, at an agency's size.
#
#   bash scripts/bench-http.sh             # 100,000 clients (seed-scale's defaults)
#   bash scripts/bench-http.sh --million   # 1,000,000 clients, 20,000 personnel,
#                                          # 2,000 teams, 200,000 rules
#   bash scripts/bench-http.sh --postgres [--million]
#                                          # the same on PostgreSQL: a fresh database
#                                          # on ensure_postgres's cluster (fsync off)
#
# Builds the release site (scripts/build-site.sh) when the binary is missing,
# fills a fresh database with `safehold seed-scale`, starts the server on a
# free port of 127.0.0.1, signs in person 12 (a case manager), and runs
# `wrk -t2 -c16 -d20s` against: the landing list (/clients right after sign-in,
# the empty search rendered by the server), a 2-letter search and "my
# clients" (the search_clients server function), and a client's profile page;
# then the two lists again with the site setting "Visible to responsible
# user". Prints req/s, p50, p95, p99 and the answers that were not 200 for
# each, then the bytes a cold load of the sign-in page transfers (JS, WASM and
# CSS: brotli on the wire, and raw). Environment: SAFEHOLD_BENCH_SECONDS (20),
# SAFEHOLD_BENCH_CONNECTIONS (16).
set -euo pipefail
# shellcheck source=scripts/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

SECONDS_EACH=${SAFEHOLD_BENCH_SECONDS:-20}
CONNECTIONS=${SAFEHOLD_BENCH_CONNECTIONS:-16}
LUA="$ROOT/scripts/bench-http/request.lua"
PASSWORD="Scale test passphrase 2026"
CASE_MANAGER=person12@scale.example
scale=(--clients 100000)
size="100k"
engine=SQLite
for argument in "$@"; do
  case "$argument" in
    --million)
      scale=(--clients 1000000 --personnel 20000 --teams 2000 --rules 200000)
      size="1M" ;;
    --postgres) engine=PostgreSQL ;;
    *) echo "unknown argument: $argument" >&2; exit 2 ;;
  esac
done

for tool in wrk sqlite3; do
  if ! command -v "$tool" >/dev/null; then
    say "Installing Debian's $tool"
    apt_install "$tool"
  fi
done

target=${CARGO_TARGET_DIR:-target}
binary="$target/release/safehold"
if [ ! -x "$binary" ] || [ ! -f "$target/release/hash.txt" ]; then
  bash scripts/build-site.sh
fi

# shellcheck source=scripts/bench-server.sh
source "$ROOT/scripts/bench-server.sh"

database=()
set_setting() { sqlite3 "$data/safehold.db" "$1"; }
if [ "$engine" = PostgreSQL ]; then
  ensure_postgres
  bench_db="safehold_bench_$$"
  psql -q "$SAFEHOLD_POSTGRES_URL" -c "CREATE DATABASE $bench_db"
  database=(--database-url "${SAFEHOLD_POSTGRES_URL%/*}/$bench_db")
  drop_bench_db() { psql -q "$SAFEHOLD_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" || true; }
  set_setting() { psql -q "${database[1]}" -c "$1"; }
  trap 'stop_server; drop_bench_db' EXIT
fi

say "Filling a fresh $engine database ($size clients)"
"$binary" seed-scale "${scale[@]}" --data-dir "$data" "${database[@]}" --log warn

say "Starting the server on $base"
start_server "$binary" "${database[@]}"
sign_in "$CASE_MANAGER" "$PASSWORD"
client_path=$(first_client_path)
[ -n "$client_path" ] || { echo "the case manager's list shows no client" >&2; exit 1; }

# field NAME LINE: the value of NAME=value in a RESULT line.
field() {
  sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"
}

results=()
run() {
  local label=$1 path=$2 body=${3:-}
  say "$label"
  local line
  SAFEHOLD_BENCH_BODY="$body" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 5s \
    -s "$LUA" "$base$path" >"$data/wrk.out" 2>&1 || true
  line=$(grep '^RESULT ' "$data/wrk.out") || { cat "$data/wrk.out" >&2; exit 1; }
  results+=("$(printf '%-44s %8s %8s %8s %8s %8s' "$label" \
    "$(field req_s "$line")" "$(field p50_ms "$line")" "$(field p95_ms "$line")" \
    "$(field p99_ms "$line")" "$(( $(field not_200 "$line") + $(field timeouts "$line") + $(field errors "$line") ))")")
}

run "landing list (GET /clients)" /clients
run "2-letter search (search_clients \"ng\")" /api/search_clients "query=ng&mine=false&after=&before="
run "my clients (search_clients mine)" /api/search_clients "query=&mine=true&after=&before="
run "profile page (GET $client_path)" "$client_path"
set_setting "UPDATE site_settings SET client_visibility = 'responsible_user'"
run "landing list, visible to responsible user" /clients
run "2-letter search, visible to responsible user" /api/search_clients "query=ng&mine=false&after=&before="

# What a cold load of the sign-in page transfers, beside the HTML.
first_load() {
  local html wire=0 raw=0 path
  html=$(curl -fsS "$base/login")
  for path in $(grep -o '/pkg/[^"]*\.\(js\|wasm\|css\)' <<<"$html" | sort -u); do
    wire=$(( wire + $(curl -fsS -o /dev/null -H 'Accept-Encoding: br' -w '%{size_download}' "$base$path") ))
    raw=$(( raw + $(curl -fsS -o /dev/null -w '%{size_download}' "$base$path") ))
  done
  printf '%s %s\n' "$wire" "$raw"
}
read -r wire raw < <(first_load)

echo
echo "Safehold over HTTP on $engine, $size clients, $(date -u +%Y-%m-%d), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s"
printf '%-44s %8s %8s %8s %8s %8s\n' "what" "req/s" "p50 ms" "p95 ms" "p99 ms" "not 200"
printf '%s\n' "${results[@]}"
echo
printf 'First load of the sign-in page (JS, WASM, CSS): %s KB brotli on the wire, %s KB raw\n' \
  "$(( wire / 1024 ))" "$(( raw / 1024 ))"
