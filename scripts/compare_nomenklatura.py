#!/usr/bin/env python3
"""Score the nomenklatura name bench (cases.csv) and entity bench (checks.yml) with
nomenklatura's logic-v2, logic-v1 and name-based algorithms and with `interdict eval`, and
print one table.

Run it through scripts/compare_nomenklatura.sh, which prepares the virtualenv (.venv,
nomenklatura==4.17.4) and builds the interdict binary.

Definitions (the same as `interdict eval`):
* a pair/check is predicted a match when its score >= the threshold (default 0.7);
* best F1 sweeps thresholds 0.01..0.99 in steps of 0.01; ties keep the highest threshold;
* dev/test split: an item is `dev` when FNV-1a-64 of its key is even, else `test`. The key of a
  pair is name1 + U+001F + name2; the key of a check is side(query) + U+001F + side(candidate),
  where side joins `property=value` for every value in file order with U+001E;
* nomenklatura speed: wall time of `Algorithm.compare` (which includes its name analysis) on
  entities built beforehand, with fresh entity ids in every run (its name analysis is cached by
  entity id), fastest of N runs, after a warm-up. Interdict's: prepare query + prepare entity +
  score, fastest of 3 runs (`interdict eval`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import yaml
from followthemoney import model
from nomenklatura.matching import get_algorithm

ALGORITHMS = ["logic-v2", "logic-v1", "name-based"]
MASK64 = 0xFFFFFFFFFFFFFFFF


def fnv1a64(text: str) -> int:
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & MASK64
    return h


def is_dev(key: str) -> bool:
    return fnv1a64(key) % 2 == 0


def scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def side_values(side: dict) -> list[tuple[str, str]]:
    out = []
    for prop, v in side.items():
        if v is None:
            continue
        for x in v if isinstance(v, list) else [v]:
            out.append((prop, scalar(x)))
    return out


def side_key(side: dict) -> str:
    return "\u001e".join(f"{p}={v}" for p, v in side_values(side))


# ---------------------------------------------------------------------------------------------
# Items: (schema, query props, candidate props, truth, dev)


def load_pairs(path: Path) -> list[dict]:
    items = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            items.append(
                {
                    "schema": row["schema"],
                    "query": {"name": row["name1"]},
                    "candidate": {"name": row["name2"]},
                    "truth": row["is_match"].strip().lower() == "true",
                    "dev": is_dev(row["name1"] + "\u001f" + row["name2"]),
                }
            )
    return items


def load_checks(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    items = []
    for c in doc["checks"]:
        items.append(
            {
                "schema": c["schema"],
                "query": c["query"],
                "candidate": c["candidate"],
                "truth": bool(c["match"]),
                "dev": is_dev(side_key(c["query"]) + "\u001f" + side_key(c["candidate"])),
            }
        )
    return items


def make(schema: str, props: dict, ident: str):
    e = model.make_entity(schema)
    e.id = ident
    for prop, value in side_values(props):
        e.add(prop, value, quiet=True)
    return e


# ---------------------------------------------------------------------------------------------
# Metrics


def counts(scored: list[tuple[float, bool]], t: float) -> tuple[int, int, int, int]:
    tp = fp = fn = tn = 0
    for s, truth in scored:
        if s >= t:
            if truth:
                tp += 1
            else:
                fp += 1
        elif truth:
            fn += 1
        else:
            tn += 1
    return tp, fp, fn, tn


def metrics(scored: list[tuple[float, bool]], t: float) -> dict:
    def prf(c):
        tp, fp, fn, tn = c
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        acc = (tp + tn) / len(scored) if scored else 0.0
        return p, r, f1, acc

    p, r, f1, acc = prf(counts(scored, t))
    best = (-1.0, 0.0)
    for i in range(1, 100):
        th = i / 100
        f = prf(counts(scored, th))[2]
        if f >= best[0]:
            best = (f, th)
    return {
        "rows": len(scored),
        "precision": p,
        "recall": r,
        "f1": f1,
        "accuracy": acc,
        "best_f1": {"f1": best[0], "threshold": best[1]},
    }


def slices(items: list[dict], scores: list[float], t: float) -> dict:
    out = {}
    for name, keep in [("all", lambda i: True), ("dev", lambda i: i["dev"]), ("test", lambda i: not i["dev"])]:
        scored = [(s, it["truth"]) for it, s in zip(items, scores) if keep(it)]
        out[name] = metrics(scored, t)
    return out


# ---------------------------------------------------------------------------------------------
# Runs


def run_nomenklatura(algo_name: str, items: list[dict], runs: int, tag: str) -> tuple[list[float], float]:
    algo = get_algorithm(algo_name)
    if algo is None:
        raise SystemExit(f"nomenklatura has no algorithm {algo_name}")
    config = algo.default_config()
    # Warm-up: loads the reference data used by the name analysis.
    for i, it in enumerate(items[:20]):
        algo.compare(
            make(it["schema"], it["query"], f"w{tag}q{i}"),
            make(it["schema"], it["candidate"], f"w{tag}c{i}"),
            config,
        )
    best = float("inf")
    scores: list[float] = []
    for run in range(runs):
        pairs = [
            (
                make(it["schema"], it["query"], f"{tag}r{run}q{i}"),
                make(it["schema"], it["candidate"], f"{tag}r{run}c{i}"),
            )
            for i, it in enumerate(items)
        ]
        out = []
        start = time.perf_counter()
        for q, c in pairs:
            out.append(algo.compare(q, c, config).score)
        ms = (time.perf_counter() - start) * 1000 / max(1, len(items))
        best = min(best, ms)
        if run == 0:
            scores = out
    return scores, best


def run_interdict(binary: Path, kind: str, path: Path, threshold: float) -> dict:
    cmd = [str(binary), "eval", kind, str(path), "--threshold", str(threshold), "--json"]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stderr}")
    return json.loads(res.stdout)


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    data = Path(os.environ.get("INTERDICT_DATA", root.parent / "shared" / "data"))
    target = Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, default=data / "eval/nomenklatura_name_bench/cases.csv")
    ap.add_argument("--entities", type=Path, default=data / "eval/nomenklatura_entity_bench/checks.yml")
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--runs", type=int, default=3, help="timing runs per algorithm (fastest counts)")
    ap.add_argument("--interdict", type=Path, default=target / "release/interdict")
    args = ap.parse_args()
    if not args.interdict.is_file():
        raise SystemExit(f"{args.interdict} not found: cargo build --release -p interdict-cli")

    import nomenklatura  # noqa: F401  (version for the header)
    from importlib.metadata import version

    print(
        f"nomenklatura {version('nomenklatura')}, followthemoney {version('followthemoney')}, "
        f"rigour {version('rigour')}; interdict {args.interdict}; threshold {args.threshold}"
    )
    print("dev/test: FNV-1a-64 of the item key even = dev (pairs: name1 U+001F name2)")
    print(
        "speed: nomenklatura = Algorithm.compare only (entities built beforehand, fresh ids), "
        "interdict = prepare query + prepare entity + score; fastest of "
        f"{args.runs} / 3 runs, one thread"
    )

    header = (
        f"{'file':<9} {'slice':<5} {'scorer':<11} {'rows':>5} {'prec':>6} {'recall':>6} "
        f"{'F1':>6} {'acc':>6} {'best F1 @t':>12} {'per pair':>10} {'interdict faster':>16}"
    )
    for kind, path, loader in [("pairs", args.pairs, load_pairs), ("entities", args.entities, load_checks)]:
        items = loader(path)
        ours = run_interdict(args.interdict, kind, path, args.threshold)
        our_us = ours["us_per_item"]
        results = {}
        timing = {}
        for name in ALGORITHMS:
            scores, ms = run_nomenklatura(name, items, args.runs, f"{kind}-{name}")
            results[name] = slices(items, scores, args.threshold)
            timing[name] = ms
        dev_rows = sum(1 for it in items if it["dev"])
        split_ok = ours["slices"]["dev"]["rows"] == dev_rows and ours["rows"] == len(items)
        print()
        print(
            f"{kind}: {path} ({len(items)} items, {dev_rows} dev / {len(items) - dev_rows} test; "
            f"split {'agrees with' if split_ok else 'DIFFERS FROM'} interdict's)"
        )
        print(header)
        for sl in ["all", "dev", "test"]:
            for name in ALGORITHMS + ["interdict"]:
                if name == "interdict":
                    m = ours["slices"][sl]
                    per = f"{our_us:.1f} µs" if sl == "all" else ""
                    ratio = ""
                else:
                    m = results[name][sl]
                    per = f"{timing[name]:.3f} ms" if sl == "all" else ""
                    ratio = f"{timing[name] * 1000 / our_us:.1f}x" if sl == "all" and our_us > 0 else ""
                best = f"{m['best_f1']['f1']:.3f} @{m['best_f1']['threshold']:.2f}"
                print(
                    f"{kind:<9} {sl:<5} {name:<11} {m['rows']:>5} {m['precision']:>6.3f} "
                    f"{m['recall']:>6.3f} {m['f1']:>6.3f} {m['accuracy']:>6.3f} {best:>12} "
                    f"{per:>10} {ratio:>16}"
                )
        print(f"interdict algorithm: {ours['algorithm']}")
        if ours.get("us_per_score_value", 0) > 0:
            v2 = timing.get("logic-v2")
            prepared = ours["us_per_score_value"]
            explained = ours.get("us_per_explained_score", 0.0)
            line = f"interdict on prepared sides: {prepared:.2f} µs per score"
            if explained:
                line += f", {explained:.2f} µs with explanations"
            if v2:
                line += f"; logic-v2 / interdict score: {v2 * 1000 / prepared:.0f}x"
                if explained:
                    line += f" ({v2 * 1000 / explained:.0f}x with explanations)"
            print(line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
