-- wrk script: every request carries the bearer token from $LEUBANK_TOKEN.
-- Used by scripts/run-server-bench for the read benchmarks.
local token = os.getenv("LEUBANK_TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
