-- wrk script: a mixed load. Nine requests in ten read (the inventory, one cylinder,
-- the balances), one in ten writes (a move of one of the 60 demo cylinders).
-- Counts answers that are not 2xx; scripts/run-server-load prints them.
local token = os.getenv("LEUBANK_TOKEN")
local ids = {}
for i = 1, 32 do ids[#ids + 1] = string.format("DEMO-OR-%02d", i) end
for i = 1, 28 do ids[#ids + 1] = string.format("DEMO-KZ-%02d", i) end
local counter = 0
local threads = {}

function setup(thread)
  thread:set("base", math.random(1, 1000000))
  table.insert(threads, thread)
end

function init(args)
  failures = 0
end

request = function()
  counter = counter + 1
  local n = base + counter
  local auth = {["Authorization"] = "Bearer " .. token}
  local kind = n % 10
  if kind == 0 then
    auth["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/items/" .. ids[(n % #ids) + 1] .. "/moves", auth,
                      string.format('{"to":"L%d-%d"}', n % 89, n))
  elseif kind < 4 then
    return wrk.format("GET", "/api/v1/inventory", auth)
  elseif kind < 7 then
    return wrk.format("GET", "/api/v1/items/" .. ids[(n % #ids) + 1], auth)
  end
  return wrk.format("GET", "/api/v1/balances", auth)
end

response = function(status, headers, body)
  if status >= 300 then failures = failures + 1 end
end

done = function(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  io.write(string.format("answers not 2xx: %d\n", failed))
end
