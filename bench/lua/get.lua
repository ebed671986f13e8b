-- wrk script: GETs the paths in BENCH_PATHS (one per line), cycling, or the URL given to wrk
-- when BENCH_PATHS is unset, with an auth header from BENCH_AUTH ("Name: value" lines, taken
-- round robin). Prints the same JSON summary as post.lua.
local threads = {}
local counter = 0

local function lines(path)
  local out = {}
  if path == nil or path == "" then return out end
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

function setup(thread)
  thread:set("tid", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  paths = lines(os.getenv("BENCH_PATHS"))
  auth = lines(os.getenv("BENCH_AUTH"))
  statuses = {}
  samples = {}
  counter = tid * 7919
end

function request()
  counter = counter + 1
  local headers = {}
  if #auth > 0 then
    local name, value = auth[(counter % #auth) + 1]:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  local path = nil  -- the URL given to wrk
  if #paths > 0 then path = paths[(counter % #paths) + 1] end
  return wrk.format("GET", path, headers, nil)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 300 and samples[status] == nil then
    samples[status] = string.sub(body or "", 1, 300)
  end
end

local function encode(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', ' ') .. '"'
end

function done(summary, latency, requests)
  local counts, errs = {}, {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do counts[status] = (counts[status] or 0) + n end
    for status, body in pairs(t:get("samples")) do errs[status] = body end
  end
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = string.format('"%d": %d', status, n) end
  local eparts = {}
  for status, body in pairs(errs) do eparts[#eparts + 1] = string.format('"%d": %s', status, encode(body)) end
  io.write("BENCH_JSON ")
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
    '"non_2xx_3xx": %d, "latency_us": {"p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}, ' ..
    '"statuses": {%s}, "error_samples": {%s}}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean, table.concat(parts, ", "), table.concat(eparts, ", ")))
end
