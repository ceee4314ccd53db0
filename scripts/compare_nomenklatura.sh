#!/usr/bin/env bash
# Compare Interdict with nomenklatura's logic-v2, logic-v1 and name-based scorers on the
# nomenklatura name bench (cases.csv) and entity bench (checks.yml): precision, recall, F1,
# best F1 and its threshold, speed; same dev/test split as `interdict eval`.
#
# Creates .venv in the repo root (ignored by git) with nomenklatura 4.17.4 from PyPI, builds
# target/release/interdict when missing (honours CARGO_TARGET_DIR), then runs
# scripts/compare_nomenklatura.py. Extra arguments go to the Python script
# (--pairs FILE, --entities FILE, --threshold T, --runs N). Data: $INTERDICT_DATA or
# ../shared/data beside the checkout.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

venv="$root/.venv"
nk_version="4.17.4"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import importlib.metadata as m, yaml, sys; sys.exit(m.version('nomenklatura') != '$nk_version')" 2>/dev/null; then
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet "nomenklatura==$nk_version" pyyaml
fi

bin="${CARGO_TARGET_DIR:-$root/target}/release/interdict"
if [ ! -x "$bin" ]; then
    cargo build --release -p interdict-cli
fi

exec "$venv/bin/python" "$root/scripts/compare_nomenklatura.py" --interdict "$bin" "$@"
