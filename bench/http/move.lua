-- wrk script: a small write. Each request moves one of the 60 demo cylinders to a
-- storage position of its own thread's series, so that no two requests race for the
-- same move; the answer is 201 and one journal event (scripts/run-server-bench).
local token = os.getenv("LEUBANK_TOKEN")
local counter = 0
local ids = {}
for i = 1, 32 do ids[#ids + 1] = string.format("DEMO-OR-%02d", i) end
for i = 1, 28 do ids[#ids + 1] = string.format("DEMO-KZ-%02d", i) end

function setup(thread)
  thread:set("base", math.random(1, 1000000))
end

request = function()
  counter = counter + 1
  local n = base + counter
  local id = ids[(n % #ids) + 1]
  local body = string.format('{"to":"B%d-%d"}', n % 97, n)
  return wrk.format("POST", "/api/v1/items/" .. id .. "/moves",
                    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

local non2xx = 0
response = function(status, headers, body)
  if status ~= 201 then non2xx = non2xx + 1 end
end
