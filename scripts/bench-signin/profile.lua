-- wrk script for scripts/bench-signin.sh: GETs a client's profile page with a
-- signed-in person's session cookie and reports the latency percentiles and
-- how many answers were not 200. The cookie comes from SAFEHOLD_BENCH_COOKIE.

local cookie = os.getenv("SAFEHOLD_BENCH_COOKIE")
if not cookie or cookie == "" then
  error("profile.lua: set SAFEHOLD_BENCH_COOKIE")
end
wrk.headers["Cookie"] = cookie

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
  io.write(string.format(
    "PROFILE requests=%d not_200=%d timeouts=%d errors=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, failed, summary.errors.timeout,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
