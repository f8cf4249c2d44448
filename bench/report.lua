-- wrk script: optional request headers from the environment, and one JSON line of results.
-- Used by bench/pages.py; the JSON line starts with "BENCH_JSON " so it is easy to find.

local accept_encoding = os.getenv("BENCH_ACCEPT_ENCODING") or ""

function init(args)
  wrk.headers["Accept-Language"] = "id"
  if accept_encoding ~= "" then
    wrk.headers["Accept-Encoding"] = accept_encoding
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, '
      .. '"errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
