#!/usr/bin/env bash
# Checks `interdict serve` against real clients (run by .ci/run after the Rust tests):
#  1. nomenklatura 4.17.4's YenteEnricher matches and expands UN-listed entities through the
#     yente-compatible API (scripts/yente_client_check.py); every response must parse;
#  2. schemathesis runs against /openapi.json with no failures (bounded by --max-time).
# Imports the UN list (small) into a temporary data folder, starts the service with an API key
# on a free loopback port, and stops it on exit. Uses .venv (made by compare_nomenklatura.sh's
# recipe: nomenklatura 4.17.4) plus schemathesis. Data: $INTERDICT_DATA or ../shared/data.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data_root="${INTERDICT_DATA:-$root/../shared/data}"
bin="${CARGO_TARGET_DIR:-$root/target}/release/interdict"
venv="$root/.venv"
nk_version="4.17.4"
st_version="4.32.5"
st_seconds="${SCHEMATHESIS_SECONDS:-120}"
st_examples="${SCHEMATHESIS_EXAMPLES:-50}"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('nomenklatura') != '$nk_version' or m.version('schemathesis') != '$st_version')" 2>/dev/null; then
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet "nomenklatura==$nk_version" pyyaml "schemathesis==$st_version"
fi
if [ ! -x "$bin" ]; then
    cargo build --release -p interdict-cli
fi

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

"$bin" --data-dir "$work/data" import "$data_root/lists/un-sc-2026-02-27" >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
key="ci-$(date +%s%N)"
INTERDICT_API_KEYS="$key" "$bin" --data-dir "$work/data" serve --listen "127.0.0.1:$port" \
    --log-level warn >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
    if curl -fsS "$base/readyz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
    sleep 0.1
done
curl -fsS "$base/readyz" >/dev/null || { echo "service not ready" >&2; cat "$work/server.log" >&2; exit 1; }

echo "== nomenklatura $nk_version YenteEnricher against $base"
"$venv/bin/python" scripts/yente_client_check.py --api "$base/" --api-key "$key"

echo "== schemathesis $st_version against $base/openapi.json (${st_seconds} s budget)"
# Run from the temporary folder: schemathesis keeps its example database in ./.schemathesis.
(cd "$work" && "$venv/bin/schemathesis" run "$base/openapi.json" \
    --header "Authorization: ApiKey $key" \
    --checks all \
    --max-time "$st_seconds" \
    --max-examples "$st_examples" \
    --suppress-health-check all \
    --workers 1 \
    --exclude-path /admin/update)

if grep -q '"level":"ERROR"\|ERROR' "$work/server.log"; then
    echo "server logged errors:" >&2
    cat "$work/server.log" >&2
    exit 1
fi
echo "service check passed"
