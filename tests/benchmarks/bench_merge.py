"""Merge benchmark: R reviewers' copies of a project of N articles merged into the team's file.

    python tests/benchmarks/bench_merge.py [--articles 2000] [--reviewers 10] [--decisions 3]

A team project of N articles (BBC texts where ../shared/data is present, else generated ones)
with suggestions from cheap patterns is copied once per reviewer; each reviewer decides on
`--decisions` spans of every article through the store's review operations (accept, reject,
relabel in turn) and adds one span every fifth article. Then every copy is merged into the team
file, and merged again (which must change nothing). Prints seconds and rows per second of each
merge and of the whole; the copies are cached under .bench/. Figures only; nothing is asserted
but the second pass.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import BBC, CACHE, replicated_texts  # noqa: E402

from annotations.model import Article, Span  # noqa: E402
from annotations.store import Store  # noqa: E402
from annotations.team.merge import Merger  # noqa: E402

PATTERN = re.compile(r"\b(?:\d[\d,.]*%?|[A-Z][a-z]{3,})\b")
LABELS = ("ORG", "GPE", "PERSON")


def texts(n: int):
    if any(BBC.glob("*/*.txt")):
        yield from replicated_texts(n)
        return
    for i in range(n):
        yield (f"g{i}", f"Article {i}: Acme hired {300 + i} people in Paris and Berlin, "
                        f"said Jane Smith on Monday. Profits rose {i % 90}% to {i}m.")  # fmt: skip


def suggestions(text: str) -> list[Span]:
    out = []
    for i, m in enumerate(PATTERN.finditer(text[:2000])):
        label = "FIGURE" if m.group()[0].isdigit() else LABELS[i % 3]
        out.append(Span(m.start(), m.end(), label, m.group(), origin="rules"))
    return out


def build(folder: Path, n: int, reviewers: int, decisions: int) -> list[Path]:
    base = folder / "team.db"
    names = [f"reviewer{r:02d}" for r in range(reviewers)]
    copies = [folder / f"{name}.db" for name in names]
    if base.exists() and all(c.exists() for c in copies):
        return copies
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    store = Store(base)
    batch = [(Article(i, t), suggestions(t), None) for i, t in texts(n)]
    for k in range(0, len(batch), 500):
        store.insert_articles(batch[k : k + 500])
    store.close()
    started = time.perf_counter()
    for r, (name, copy) in enumerate(zip(names, copies, strict=True)):
        shutil.copyfile(base, copy)
        s = Store(copy, reviewer=name)
        for a, (aid, _, _) in enumerate((x[0].id, 0, 0) for x in batch):
            spans = s.spans(aid)
            for j, span in enumerate(spans[:decisions]):
                op = (r + j + a) % 3
                if op == 0:
                    s.accept(span.id)
                elif op == 1:
                    s.reject(span.id)
                else:
                    s.relabel(span.id, "ORG" if span.label != "ORG" else "GPE")
            if a % 5 == r % 5 and spans:
                last = spans[-1]
                if last.end + 1 < len(s.article(aid).text):
                    try:
                        s.add_span(aid, last.start, last.end + 1, "DATE")
                    except Exception:  # a selection that trims to nothing
                        pass
        s.close()
        print(f"  {name}: copy reviewed ({time.perf_counter() - started:.0f} s so far)", flush=True)
    return copies


def counts(path: Path) -> dict[str, int]:
    c = sqlite3.connect(path)
    out = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in ("articles", "spans", "decisions", "events")}  # fmt: skip
    c.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--reviewers", type=int, default=10)
    ap.add_argument("--decisions", type=int, default=3, help="Decisions per article and reviewer.")
    args = ap.parse_args()
    folder = CACHE / f"merge-{args.articles}x{args.reviewers}x{args.decisions}"
    print(f"building {args.reviewers} reviewer copies of {args.articles} articles…", flush=True)
    copies = build(folder, args.articles, args.reviewers, args.decisions)
    team = folder / "merged.db"
    for p in folder.glob("merged.db*"):
        p.unlink()
    shutil.copyfile(folder / "team.db", team)
    store = Store(team, reviewer="lead")
    total = time.perf_counter()
    merger = Merger(store)
    print(f"{'copy':14} {'seconds':>8} {'decisions':>10} {'events':>8}")
    for copy in copies:
        t = time.perf_counter()
        report = merger.merge(copy)
        print(f"{copy.stem:14} {time.perf_counter() - t:8.2f} {report.decisions:10} "
              f"{report.events:8}", flush=True)  # fmt: skip
    first = time.perf_counter() - total
    after = counts(team)
    t = time.perf_counter()
    again = Merger(store)
    for copy in copies:
        report = again.merge(copy)
        assert not (report.articles or report.decisions or report.events), report
    second = time.perf_counter() - t
    assert counts(team) == after, "a second merge changed the team's file"
    store.close()
    size = sum(p.stat().st_size for p in copies) / 1e6
    print(
        f"\nmerged {len(copies)} copies ({size:.0f} MB) of {args.articles} articles in "
        f"{first:.1f} s: {after['decisions']} decisions, {after['events']} events in the team file"
    )
    print(f"merging all again (nothing to do): {second:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
