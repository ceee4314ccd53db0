-- wrk script for scripts/load_test.sh: POST /match/default with one Person query per request,
-- cycling through names of listed and unlisted people; counts non-2xx responses.
local names = {
  "Eric Badege", "Vladimir Putin", "Kim Jong Un", "Gaston Iyamuremye", "John Smith",
  "Maria Garcia", "Ali Hassan", "Zhang Wei", "Frank Kakolele Bwambale", "Olga Petrova",
  "Mohammed Ahmed", "Hans Mueller", "Aisha Bello", "Sergei Ivanov", "Jean Dupont", "Lee Min-ho",
}
local bodies = {}
for i, n in ipairs(names) do
  bodies[i] = '{"queries":{"q1":{"schema":"Person","properties":{"name":["' .. n .. '"]}}}}'
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if os.getenv("INTERDICT_KEY") then
  wrk.headers["Authorization"] = "ApiKey " .. os.getenv("INTERDICT_KEY")
end
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, "/match/default", nil, bodies[i])
end
local bad = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
  io.write(string.format("p50_ms %.3f\np99_ms %.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("rps %.0f\n", summary.requests / (summary.duration / 1e6)))
end
