"""Claim suggestion quality on the project's own fixture corpus: pairwise precision and recall.

``python -m annotations.quality.claims [--fixtures DIR] [--threshold T] [--show]`` imports
``tests/fixtures/claims/articles.jsonl`` into a scratch project with the rules highlighter,
runs the claim suggestions and compares them with ``groups.json``:

- grouping: every pair of figures put in one claim is a true positive when the gold puts them in
  one group, else a false positive; every gold pair the claims miss is a false negative;
- conflicts: the article pairs flagged as conflicting against the gold's list.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from annotations.quality.figures import Score

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "claims"


def score_pairs(predicted: Iterable[frozenset], gold: Iterable[frozenset]) -> Score:
    """Pairwise scores of `predicted` pairs (sets of 2) against `gold` pairs; `extras` and
    `misses` list the pairs wrongly made and missed."""
    predicted, gold = set(predicted), set(gold)
    s = Score(len(predicted & gold), len(predicted - gold), len(gold - predicted))
    s.extras = sorted(tuple(sorted(p)) for p in predicted - gold)
    s.misses = sorted(tuple(sorted(p)) for p in gold - predicted)
    return s


def pairs_of(groups: Iterable[Iterable]) -> set[frozenset]:
    return {frozenset(p) for g in groups for p in combinations(sorted(set(g)), 2)}


def gold_groups(store, groups: dict[str, list]) -> dict[str, set[int]]:
    """The gold groups as span ids of the project the fixtures were imported into."""
    out: dict[str, set[int]] = {}
    for name, members in groups.items():
        ids = out.setdefault(name, set())
        for article_id, number in members:
            found = [s.id for s in store.spans(article_id) if s.is_figure and number in s.text]
            if not found:
                raise SystemExit(f"groups.json: {name}: no figure {number!r} in {article_id}")
            ids.update(found)
    return out


def build_project(path: Path, fixtures: Path = FIXTURES):
    """A project holding the fixture articles, highlighted by the rules."""
    from annotations.highlight import load_highlighter
    from annotations.importers import import_paths
    from annotations.store import Store

    store = Store(path, reviewer="quality")
    import_paths(store, [fixtures / "articles.jsonl"], load_highlighter("rules"),
                 near_duplicates=False)  # fmt: skip
    return store


def evaluate(store, fixtures: Path = FIXTURES) -> tuple[Score, Score]:
    """(grouping, conflicts) scores of the project's current claims against the fixture gold."""
    gold = json.loads((fixtures / "groups.json").read_text(encoding="utf-8"))
    claims = store.claims(conflicts_first=False)
    grouping = score_pairs(
        pairs_of([m.span_id for m in c.members] for c in claims),
        pairs_of(gold_groups(store, gold["groups"]).values()),
    )
    flagged = {frozenset((store.span(a).article_id, store.span(b).article_id))
               for c in claims for a, b in c.conflicts}  # fmt: skip
    conflicts = score_pairs(flagged, {frozenset(p) for p in gold["conflicts"]})
    return grouping, conflicts


def main(argv: list[str] | None = None) -> int:
    from annotations.claims.suggest import THRESHOLD, suggest_for_store

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixtures", type=Path, default=FIXTURES)
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--show", action="store_true", help="List wrong and missed pairs.")
    args = ap.parse_args(argv)
    if not (args.fixtures / "articles.jsonl").is_file():
        print(f"{args.fixtures}: no articles.jsonl here; give --fixtures DIR", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        store = build_project(Path(tmp) / "claims.db", args.fixtures)
        suggest_for_store(store, threshold=args.threshold)
        grouping, conflicts = evaluate(store, args.fixtures)
        n = len(store.claims())
        print(f"claims suggested: {n} (threshold {args.threshold})")
        for name, s in (
            ("grouping (figure pairs)", grouping),
            ("conflicts (article pairs)", conflicts),
        ):
            print(f"{name}: precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}"
                  f"  (tp {s.tp}, fp {s.fp}, fn {s.fn})")  # fmt: skip
        if args.show:
            describe = _describer(store)
            for name, s in (("grouping", grouping), ("conflicts", conflicts)):
                for pair in s.extras:
                    print(f"  {name} extra: {describe(pair)}")
                for pair in s.misses:
                    print(f"  {name} missed: {describe(pair)}")
        store.close()
    return 0


def _describer(store):
    def one(x) -> str:
        if isinstance(x, int):
            s = store.span(x)
            return f"{s.article_id}:{s.text!r}"
        return str(x)

    return lambda pair: " + ".join(one(x) for x in pair)


if __name__ == "__main__":
    sys.exit(main())
