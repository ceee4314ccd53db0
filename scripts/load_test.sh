#!/usr/bin/env bash
# Load test of `interdict serve` on loopback (run by hand; the figures go in the README):
#  - single-query latency: 2,000 sequential /match requests for one Person, server-side time
#    from the Server-Timing header and the client's round trip (p50 / p99);
#  - wrk (Debian package `wrk`): DURATION (default 60 s) at CONNECTIONS (default 64), POST
#    /match/default cycling 16 names; requests per second, p50, p99; fails on any error.
# Data: the current corpus (7 lists) from $INTERDICT_DATA or ../shared/data, imported into a
# temporary folder. Usage: scripts/load_test.sh [DURATION_S] [CONNECTIONS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data_root="${INTERDICT_DATA:-$root/../shared/data}"
bin="${CARGO_TARGET_DIR:-$root/target}/release/interdict"
duration="${1:-60}"
conns="${2:-64}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 2; }
[ -x "$bin" ] || cargo build --release -p interdict-cli

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

lists=(ofac-sdn-2024-05-03 ofac-cons-csv-2025-12-19 un-sc-2026-02-27 eu-journal-csv-2026-08
       uk-derived-csv-2026-05 us-bis-dpl-2023-11 cn-mfa-csv-2026-08)
"$bin" --data-dir "$work/data" import "${lists[@]/#/$data_root/lists/}" >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$bin" --data-dir "$work/data" serve --listen "127.0.0.1:$port" --log-level warn \
    --max-queries 1000 >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
started=$(date +%s.%N)
until curl -fsS "$base/readyz" >/dev/null 2>&1; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done
echo "index ready after $(python3 -c "print(round($(date +%s.%N) - $started, 1))") s: $(curl -fsS "$base/readyz")"

python3 - "$base" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
names = ["Eric Badege", "Vladimir Putin", "Kim Jong Un", "John Smith", "Maria Garcia", "Ali Hassan",
         "Zhang Wei", "Olga Petrova", "Mohammed Ahmed", "Hans Mueller"]
server, client = [], []
for i in range(2000):
    body = json.dumps({"queries": {"q1": {"schema": "Person", "properties": {"name": [names[i % len(names)]]}}}}).encode()
    req = urllib.request.Request(base + "/match/default", data=body, headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        r.read()
        timing = r.headers.get("server-timing", "app;dur=nan")
    client.append((time.perf_counter() - t) * 1000)
    server.append(float(timing.split("dur=")[1]))
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(len(xs) * p / 100))]
print(f"single query (/match, one Person, sequential, 2000): server p50 {pct(server, 50):.3f} ms, "
      f"p99 {pct(server, 99):.3f} ms; round trip p50 {pct(client, 50):.3f} ms, p99 {pct(client, 99):.3f} ms")
PY

echo "wrk: ${duration}s at ${conns} connections, 2 threads"
out="$(wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s --latency -s scripts/wrk_match.lua "$base")"
echo "$out"
non2xx=$(echo "$out" | awk '/^non2xx/ {print $2}')
sockerr=$(echo "$out" | grep -c "Socket errors" || true)
if [ "${non2xx:-1}" != "0" ] || [ "$sockerr" != "0" ]; then
    echo "load test had errors" >&2
    exit 1
fi
echo "load test passed: zero errors"
