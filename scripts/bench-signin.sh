#!/usr/bin/env bash
# A sign-in storm: while 100 connections sign in with correct passwords for
# 15 s, does another person's client profile page still answer quickly, and
# does the server's memory stay bounded? (README, "Security": the password hashing
# budget.)
#
#   bash scripts/bench-signin.sh [path/to/safehold]
#
# Uses target/release/safehold (built with `cargo build --release -p server`
# when missing) unless a binary is given. Starts a fresh server with the demo
# data on a free port of 127.0.0.1 (plain HTTP, hence --insecure-cookie),
# signs the site administrator in with curl, loads a client's profile page
# with that cookie for 10 s (then reads the idle VmRSS), then runs the storm:
# `wrk -c100` POSTing /api/sign_in for the Active demo accounts in turn, and
# beside it `wrk -c4` reading the profile page. Prints sign-ins per second,
# the 2xx / 429 / 503 answers separately, the profile page's p50 and p99,
# idle VmRSS and peak VmHWM from /proc/PID/status, and timeouts, each beside
# its target. Environment: SAFEHOLD_BENCH_SECONDS (15), SAFEHOLD_BENCH_SIGNINS
# (connections, 100), SAFEHOLD_BENCH_TIMEOUT (wrk's per-request timeout, 2s).
set -euo pipefail
# shellcheck source=scripts/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

STORM_SECONDS=${SAFEHOLD_BENCH_SECONDS:-15}
SIGN_IN_CONNECTIONS=${SAFEHOLD_BENCH_SIGNINS:-100}
REQUEST_TIMEOUT=${SAFEHOLD_BENCH_TIMEOUT:-2s}
IDLE_SECONDS=10
LUA="$ROOT/scripts/bench-signin"
READER=avery@riverside.example
# Active demo accounts (server/src/demo.rs), not the reader: a sign-in storm on
# other people's accounts.
SIGNERS=(casey@riverside.example ira@riverside.example robin@riverside.example
  dana@riverside.example morgan@riverside.example)
PASSWORD="Riverside demo 2026"

ensure_wrk() {
  if ! command -v wrk >/dev/null; then
    say "Installing Debian's wrk"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
  fi
}

# A field (in kB) of /proc/PID/status, such as VmRSS or VmHWM.
memory_kb() {
  awk -v field="$1:" '$1 == field { print $2 }' "/proc/$server/status"
}

mb() {
  awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'
}

# The value of key=value in a wrk summary line.
field() {
  sed -n "s/.*[[:space:]]$2=\([^[:space:]]*\).*/\1/p" <<<"$1"
}

verdict() {
  if [ "$1" = 1 ]; then printf 'met'; else printf 'NOT MET'; fi
}

ensure_wrk
binary=${1:-"$ROOT/target/release/safehold"}
if [ ! -x "$binary" ]; then
  if [ $# -gt 0 ]; then
    echo "no executable at $binary" >&2
    exit 1
  fi
  say "Building the server (release)"
  cargo build --release -p server
fi

# shellcheck source=scripts/bench-server.sh
source "$ROOT/scripts/bench-server.sh"

say "Starting $binary on $base with the demo data"
start_server "$binary" --demo

say "Signing $READER in"
sign_in "$READER" "$PASSWORD"

# The first client in the reader's list.
client_path=$(first_client_path)
client_path=${client_path:-/clients/1}
status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $SAFEHOLD_BENCH_COOKIE" "$base$client_path")
[ "$status" = 200 ] || { echo "$client_path answered $status" >&2; exit 1; }

say "Reading $client_path for ${IDLE_SECONDS} s (no sign-ins)"
idle=$(wrk -t1 -c4 -d"${IDLE_SECONDS}s" --timeout "$REQUEST_TIMEOUT" -s "$ROOT/scripts/bench-http/request.lua" \
  "$base$client_path" | grep '^RESULT ')
idle_rss=$(memory_kb VmRSS)

say "Storm: $SIGN_IN_CONNECTIONS connections signing in for ${STORM_SECONDS} s, 4 reading $client_path"
wrk -t1 -c4 -d"${STORM_SECONDS}s" --timeout "$REQUEST_TIMEOUT" -s "$ROOT/scripts/bench-http/request.lua" \
  "$base$client_path" >"$data/profile.out" &
reader=$!
peak_rss=$idle_rss
(
  while kill -0 "$reader" 2>/dev/null; do
    memory_kb VmRSS
    sleep 0.5
  done
) >"$data/rss.samples" &
sampler=$!
storm=$(wrk -t2 -c"$SIGN_IN_CONNECTIONS" -d"${STORM_SECONDS}s" --timeout "$REQUEST_TIMEOUT" \
  -s "$LUA/sign-in.lua" "$base" -- "${SIGNERS[@]}" | grep '^SIGNIN ')
wait "$reader"
wait "$sampler" || true
during=$(grep '^RESULT ' "$data/profile.out")
while read -r sample; do
  if [ -n "$sample" ] && [ "$sample" -gt "$peak_rss" ]; then
    peak_rss=$sample
  fi
done <"$data/rss.samples"
peak_hwm=$(memory_kb VmHWM)
sleep 2
after_rss=$(memory_kb VmRSS)
kill -0 "$server" 2>/dev/null || { echo "the server stopped during the storm" >&2; cat "$data/server.log" >&2; exit 1; }

p99=$(field "$during" p99_ms)
timeouts=$(( $(field "$storm" timeouts) + $(field "$during" timeouts) ))
growth_kb=$(( peak_hwm - idle_rss ))
p99_met=$(awk -v p="$p99" 'BEGIN { print (p < 50) ? 1 : 0 }')
memory_met=$(( growth_kb < 300 * 1024 ? 1 : 0 ))
timeouts_met=$(( timeouts == 0 ? 1 : 0 ))

echo
echo "Sign-in storm: $SIGN_IN_CONNECTIONS connections for $(field "$storm" seconds) s on $(nproc) cores (wrk timeout $REQUEST_TIMEOUT)"
printf '  %-42s %s\n' \
  "sign-ins per second" "$(field "$storm" sign_ins_per_s)" \
  "sign-in answers 2xx" "$(field "$storm" ok)" \
  "sign-in answers 429" "$(field "$storm" status429)" \
  "sign-in answers 503 (busy)" "$(field "$storm" status503)" \
  "sign-in answers, other" "$(field "$storm" other)" \
  "sign-in latency p50 / p99" "$(field "$storm" p50_ms) ms / $(field "$storm" p99_ms) ms"
echo "Profile page ($client_path, 4 connections)"
printf '  %-42s %s\n' \
  "before the storm p50 / p99" "$(field "$idle" p50_ms) ms / $(field "$idle" p99_ms) ms" \
  "during the storm p50" "$(field "$during" p50_ms) ms" \
  "during the storm p99" "$p99 ms   (target < 50 ms: $(verdict "$p99_met"))" \
  "answers not 200 during the storm" "$(field "$during" not_200)"
echo "Memory (/proc/$server/status)"
printf '  %-42s %s\n' \
  "idle VmRSS (after ${IDLE_SECONDS} s of profile reads)" "$(mb "$idle_rss") MB" \
  "peak VmRSS sampled in the storm" "$(mb "$peak_rss") MB" \
  "peak VmHWM" "$(mb "$peak_hwm") MB   (+$(mb "$growth_kb") MB over idle; target < 300 MB: $(verdict "$memory_met"))" \
  "VmRSS 2 s after the storm" "$(mb "$after_rss") MB"
echo "Timeouts"
printf '  %-42s %s\n' \
  "sign-ins / profile reads" "$(field "$storm" timeouts) / $(field "$during" timeouts)   (target 0: $(verdict "$timeouts_met"))" \
  "connection errors (sign-ins / reads)" "$(field "$storm" errors) / $(field "$during" errors)"
