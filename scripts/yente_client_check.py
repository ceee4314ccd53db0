"""Check Interdict's yente-compatible API with a real yente client: nomenklatura's
YenteEnricher (nomenklatura 4.17.4) matches example entities against a running
`interdict serve` and expands the matches through /entities/{id}. Every response must
parse and every query must find its expected entity among the matches.

Usage: python scripts/yente_client_check.py --api http://127.0.0.1:8000/ [--dataset default]
       [--api-key KEY]
Exit status 0 when every check passes, 1 otherwise.
"""

import argparse
import sys

from followthemoney import Dataset, StatementEntity
from nomenklatura.enrich.yente import YenteEnricher

# (schema, properties, expected caption of a match) — UN Security Council listings.
CASES = [
    ("Person", {"name": ["Eric Badege"], "nationality": ["cd"]}, "ERIC BADEGE"),
    ("Person", {"name": ["Iyamuremye Gaston"], "birthDate": ["1948"]}, "GASTON IYAMUREMYE"),
    ("Person", {"name": ["Frank Kakolele Bwambale"], "gender": ["male"]}, "FRANK KAKOLELE BWAMBALE"),
    ("Organization", {"name": ["Butembo Airlines"]}, "BUTEMBO AIRLINES (BAL)"),
    ("LegalEntity", {"name": ["ADF"]}, "ADF"),
]


class NoCache:
    """The enricher's cache, disabled: every call goes to the service."""

    def get(self, key, max_age=None, min_timestamp=None):
        return None

    def get_json(self, key, max_age=None):
        return None

    def set(self, key, value):
        pass

    def set_json(self, key, value):
        pass

    def delete(self, key):
        pass


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--api", required=True, help="base URL ending in /")
    ap.add_argument("--dataset", default="default")
    ap.add_argument("--api-key", default="")
    args = ap.parse_args()
    api = args.api if args.api.endswith("/") else args.api + "/"

    dataset = Dataset.make({"name": "interdict_check", "title": "Interdict check"})
    config = {
        "type": "nomenklatura.enrich.yente:YenteEnricher",
        "api": api,
        "dataset": args.dataset,
        "api_key": args.api_key,
        "cache_days": 0,
        "expand_nested": False,
    }
    config.pop("type")
    enricher = YenteEnricher(dataset, NoCache(), config)
    failures = 0
    for i, (schema, props, expected) in enumerate(CASES):
        entity = StatementEntity(dataset, {"id": f"q{i}", "schema": schema})
        for prop, values in props.items():
            for v in values:
                entity.add(prop, v)
        matches = list(enricher.match(entity))
        captions = [m.caption.upper() for m in matches]
        found = [m for m in matches if m.caption.upper() == expected]
        if not found:
            print(f"FAIL {schema} {props}: expected {expected!r}, got {captions}")
            failures += 1
            continue
        match = found[0]
        expanded = list(enricher.expand(entity, match))
        if not expanded or expanded[0].id != match.id:
            print(f"FAIL expand {match.id}: got {[e.id for e in expanded]}")
            failures += 1
            continue
        names = expanded[0].get("name")
        print(f"ok   {schema} {props} -> {match.id} {expected!r} ({len(matches)} candidates; names {names[:3]})")
    print(f"{len(CASES) - failures} of {len(CASES)} queries found their entity")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
