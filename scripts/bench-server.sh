# What the HTTP benchmarks share (sourced by bench-http.sh and
# bench-signin.sh after tools.sh): a free port, a server started on it with
# its own data folder and stopped on exit, a signed-in session, and the first
# client a person's list shows. Sets $server, $data and $base.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

data=$(mktemp -d)
base="http://127.0.0.1:$(free_port)"
server=""
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# start_server BINARY [ARGUMENTS...]: `BINARY serve` on $base with $data,
# plus the ARGUMENTS; returns once /healthz answers.
start_server() {
  local binary=$1
  shift
  "$binary" serve --insecure-cookie --listen "${base#http://}" --data-dir "$data" \
    --site-root "$ROOT/target/site" --log warn "$@" >"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server" 2>/dev/null || { cat "$data/server.log" >&2; exit 1; }
    sleep 0.1
  done
  curl -fsS "$base/healthz" >/dev/null
}

# sign_in EMAIL PASSWORD: signs in and exports the session cookie as
# SAFEHOLD_BENCH_COOKIE for the wrk scripts.
sign_in() {
  curl -fsS -o /dev/null -c "$data/cookies" \
    --data-urlencode "email=$1" --data-urlencode "password=$2" "$base/api/sign_in"
  local token
  token=$(awk '$6 == "safehold_session" { print $7 }' "$data/cookies")
  [ -n "$token" ] || { echo "the sign-in set no session cookie" >&2; exit 1; }
  export SAFEHOLD_BENCH_COOKIE="safehold_session=$token"
}

# The path of the first client the signed-in person's list shows (empty if
# none).
first_client_path() {
  curl -fsS -H "Cookie: $SAFEHOLD_BENCH_COOKIE" "$base/clients" \
    | grep -o 'href="/clients/[0-9][0-9]*"' | head -n 1 | sed 's/href="\(.*\)"/\1/' || true
}
