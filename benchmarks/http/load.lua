-- wrk script for one kind of request of the HTTP benchmark (benchmarks/http.sh).
-- KIND (env): board | matter | event. TOKENS: the API tokens by unit index,
-- comma-separated (the office's first); MATTERS, UNITS: how many of each.
-- Matter i belongs to unit (i - 1) % UNITS; an event request acknowledges
-- the next matter in this thread's own stripe, so each is sent once.
-- THINK_MS: each client waits that long between its requests, as a person
-- does (0: none, every client sends as fast as it is answered).
local kind = os.getenv("KIND")
local tokens = {}
for t in string.gmatch(os.getenv("TOKENS"), "[^,]+") do tokens[#tokens + 1] = t end
local matters = tonumber(os.getenv("MATTERS"))
local units = tonumber(os.getenv("UNITS"))
local threads = tonumber(os.getenv("THREADS"))
local think = tonumber(os.getenv("THINK_MS") or "0")
local counter = 0
-- Set per thread by setup(): its stripe of matter ids.
stripe = 0
next_id = 1

function setup(thread)
  thread:set("stripe", counter)
  counter = counter + 1
end

function init(args)
  next_id = stripe + 1
end

local function unit_token(id)
  return tokens[2 + (id - 1) % units]
end

function delay()
  return think
end

function request()
  if kind == "board" then
    return wrk.format("GET", "/api/v1/board", { ["Authorization"] = "Bearer " .. tokens[1] })
  end
  local id = next_id
  next_id = next_id + threads
  if next_id > matters then next_id = stripe + 1 end
  if kind == "matter" then
    return wrk.format("GET", "/api/v1/matters/" .. id, { ["Authorization"] = "Bearer " .. unit_token(id) })
  end
  return wrk.format("POST", "/api/v1/matters/" .. id .. "/events/acknowledge",
                    { ["Authorization"] = "Bearer " .. unit_token(id), ["Content-Length"] = "0" })
end

function done(summary, latency, requests)
  io.write(string.format('{"kind":"%s","requests":%d,"errors":%d,"non2xx":%d,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"rps":%.1f}\n',
    kind, summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
end
