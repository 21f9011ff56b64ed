-- wrk script for scripts/bench-signin.sh: POSTs the sign_in server function
-- (form-urlencoded, as the browser sends it) with the correct password of the
-- demo accounts in turn, and counts the answers by status.
-- The e-mails are passed after `--`: wrk ... -s sign-in.lua URL -- a@x b@x

local emails = {}
local next_email = 0

-- The counters of this thread (wrk gives each thread its own Lua state;
-- done() reads them through thread:get).
ok, too_many, busy, other = 0, 0, 0, 0

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for _, email in ipairs(args) do
    table.insert(emails, email)
  end
  if #emails == 0 then
    error("sign-in.lua: pass the e-mails after --")
  end
end

local function form_encode(text)
  return (text:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local password = form_encode(os.getenv("SAFEHOLD_BENCH_PASSWORD") or "Riverside demo 2026")

function request()
  next_email = next_email % #emails + 1
  local body = "email=" .. form_encode(emails[next_email]) .. "&password=" .. password
  return wrk.format("POST", "/api/sign_in", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 429 then
    too_many = too_many + 1
  elseif status == 503 then
    busy = busy + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local totals = { ok = 0, too_many = 0, busy = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  local seconds = summary.duration / 1e6
  -- One line of key=value for bench-signin.sh to read.
  io.write(string.format(
    "SIGNIN seconds=%.1f requests=%d ok=%d status429=%d status503=%d other=%d sign_ins_per_s=%.1f timeouts=%d errors=%d p50_ms=%.1f p99_ms=%.1f\n",
    seconds, summary.requests, totals.ok, totals.too_many, totals.busy, totals.other,
    totals.ok / seconds, summary.errors.timeout,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
