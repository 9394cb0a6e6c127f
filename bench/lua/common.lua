-- Shared by the benchmark's wrk scripts: per-thread bookkeeping, answers counted by
-- class, and one machine-readable summary line (BENCH key=value ...) for bench/run.
-- wrk counts only 4xx/5xx as "Non-2xx or 3xx responses"; no case here expects a
-- redirect (an expired session redirects to /login), so 3xx counts as an error too.

local threads = {}

-- Main Lua state: called once per thread before its init().
function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

-- Thread state: the counters done() sums up.
ok, redirect, client, server, trips = 0, 0, 0, 0, 0

function count(status)
  if status < 300 then
    ok = ok + 1
  elseif status < 400 then
    redirect = redirect + 1
  elseif status < 500 then
    client = client + 1
  else
    server = server + 1
  end
end

function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then
      lines[#lines + 1] = line
    end
  end
  assert(#lines > 0, "no lines in " .. path)
  return lines
end

-- wrk.format() replaces wrk.headers (the -H headers: the session cookie) by the table
-- it is given, so every request's headers start from a copy of them.
function headers_with(extra)
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  for name, value in pairs(extra or {}) do
    headers[name] = value
  end
  return headers
end

-- Where this thread starts in a list, so that threads do not send the same requests.
function start_index(size)
  return (thread_index * 7919) % size
end

function done(summary, latency, requests)
  local totals = { ok = 0, redirect = 0, client = 0, server = 0, trips = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d ok=%d redirect=%d client=%d server=%d "
      .. "connect=%d read=%d write=%d timeout=%d trips=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    totals.ok, totals.redirect, totals.client, totals.server,
    errors.connect, errors.read, errors.write, errors.timeout, totals.trips))
end
