-- wrk script for scripts/bench-http.sh and bench-signin.sh: sends one request over and over, as
-- a signed-in person, and prints one RESULT line. From the environment:
-- SAFEHOLD_BENCH_COOKIE (the session cookie), SAFEHOLD_BENCH_BODY (when
-- set, the request is a POST of this form body, as a server function call).

local cookie = os.getenv("SAFEHOLD_BENCH_COOKIE")
if not cookie or cookie == "" then
  error("request.lua: set SAFEHOLD_BENCH_COOKIE")
end
wrk.headers["Cookie"] = cookie
local body = os.getenv("SAFEHOLD_BENCH_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
end

not_ok = 0

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("not_ok") or 0)
  end
  local seconds = summary.duration / 1000000
  io.write(string.format(
    "RESULT requests=%d req_s=%.0f not_200=%d timeouts=%d errors=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, summary.requests / seconds, failed, summary.errors.timeout,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
