-- Mixed load for FactLedger: 4 reads (figure views and timelines of the seed story) to 1 write (a new claim with a
-- unique id). Counts acknowledged writes per thread so run.sh can compare them with what was stored.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local paths = {
  "/api/figures/kz-2022-unrest.security-forces.killed",
  "/api/figures/kz-2022-unrest.csto-withdrawal.start/timeline",
  "/api/figures?story=kz-2022-unrest",
  "/api/figures/kz-2022-unrest.all.detained",
}

function init(args)
  key = os.getenv("LOAD_KEY")
  -- Each acknowledged claim id goes to a file of this thread's, so run.sh can check each one was stored.
  acked = io.open(string.format("%s/acked-%d.txt", os.getenv("LOAD_OUT"), tid), "w")
  counter = 0
  writes_ok = 0
  reads_ok = 0
  failures = 0
  statuses = {}
end

function request()
  counter = counter + 1
  if counter % 5 == 0 then
    local body = string.format(
      '{"id":"load-%d-%d","figure":"load-test.all.detained","source":"load-src","value":{"qualifier":"exact","value":%d},"quote":"officials said 100 people were detained"}',
      tid, counter, counter % 1000)
    return wrk.format("POST", "/api/claims", { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
  end
  return wrk.format("GET", paths[counter % #paths + 1])
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    -- Only a claim write answers with "created".
    if body:find('"created":', 1, true) then
      writes_ok = writes_ok + 1
      acked:write((body:match('"id":"([%w%-]+)"') or "?") .. "\n")
      acked:flush()
    else
      reads_ok = reads_ok + 1
    end
  else
    failures = failures + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local writes, reads, failed = 0, 0, 0
  for _, t in ipairs(threads) do
    writes = writes + t:get("writes_ok")
    reads = reads + t:get("reads_ok")
    failed = failed + t:get("failures")
  end
  io.write(string.format("requests: %d in %.1f s (%.0f req/s); socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("reads ok: %d; writes acknowledged (2xx): %d; non-2xx answers: %d\n", reads, writes, failed))
  io.write(string.format("ACKNOWLEDGED_WRITES=%d\nFAILED_ANSWERS=%d\n", writes, failed))
end
