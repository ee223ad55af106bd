"""Claim suggestion benchmark: `factmark claims suggest` over a BBC replica (10,000 articles by
default; `--articles 10000,100000` for how it grows). Figures only; nothing is asserted.

    nice -n 10 python tests/benchmarks/bench_claims.py [--articles 10000,100000]

Per size: figures read, claims suggested, seconds to read the figures and group them, to save
the run (one operation with its events), to list every claim conflicts first
(`Store.claim_summaries`, what a claims list shows), and the peak memory of the process that did it (each size in its own
process). The last line gives each phase's growth against the first size: 10× the articles at
about 10× the time is linear.

The project is built once per size and cached under .bench/: the 2,225 BBC articles with figures
by the project's own figure finder (counted words, qualifiers and units as an import finds them)
and entity spans by a cheap pattern (capitalised names, as places), then copied by SQL as the
other benchmarks' replicas (a marker line appended); the published date moves on a day every 50
articles, so copies of one story lie 44 days apart, as a story's follow-ups would.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import CACHE, bbc_files, replicated_texts  # noqa: E402

from annotations.model import FIGURE, Article, Span  # noqa: E402
from annotations.store import Store  # noqa: E402

_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?: [A-Z][a-z]+)*")
START = date(2004, 1, 1)
PER_DAY = 50


def _spans(text: str) -> tuple[Span, ...]:
    """Figures as the importer's finder sees them and names as GPE entities."""
    from annotations.highlight.figures import find_figures

    spans = [Span(f.start, f.end, FIGURE, text[f.start : f.end], figure=f.figure)
             for f in find_figures(text)]  # fmt: skip
    spans += [Span(m.start(), m.end(), "GPE", m.group()) for m in _NAME.finditer(text)]
    return tuple(spans)


def build(db: Path, n: int) -> None:
    """The BBC articles once through the importer's fast path, then copied by SQL up to n (the
    copies' events and full-text index are left out: the benchmark reads neither)."""
    if db.exists() and db.with_suffix(".complete").exists():
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    store = Store(db, reviewer="bench")
    texts = replicated_texts(min(n, len(bbc_files())))
    done = 0
    while chunk := list(itertools.islice(texts, 2000)):
        items = []
        for aid, text in chunk:
            published = (START + timedelta(days=done // PER_DAY)).isoformat()
            items.append((Article(aid, text, published=published), list(_spans(text)), None))
            done += 1
        store.insert_articles(items)
    base = done
    span_cols = ", ".join(f'"{c}"' for c in _SPAN_COLUMNS)
    for r in range(1, -(-n // base)):
        k = min(base, n - r * base)
        with store.transaction(bulk=True):
            c = store.conn
            c.execute("UPDATE fts_bulk SET active = 1")
            c.execute(
                "INSERT INTO articles(id, title, text, published, status, content_hash,"
                " imported_at) SELECT substr(id, 1, length(id) - 3) || '-r' || ?1, title,"
                " text || ?2, date(?3, '+' || ((?4 + rowid - 1) / ?5) || ' days'), status,"
                " content_hash || ?1, imported_at FROM articles WHERE rowid <= ?6 ORDER BY rowid",
                (r, f"\n\n(replica {r})", START.isoformat(), r * base, PER_DAY, k),
            )
            c.execute(
                f"INSERT INTO spans(article_id, {span_cols}) SELECT"
                f" substr(article_id, 1, length(article_id) - 3) || '-r' || ?, {span_cols}"
                " FROM spans WHERE article_id IN (SELECT id FROM articles WHERE rowid <= ?)"
                " ORDER BY id",
                (r, k),
            )
            c.execute("UPDATE fts_bulk SET active = 0")
        print(f"\rbuilding {db.name}: {r * base + k}/{n}", end="", file=sys.stderr, flush=True)
    store.close()
    db.with_suffix(".complete").touch()
    print(f"\rbuilt {db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


_SPAN_COLUMNS = ("start", "end", "label", "text", "origin", "status", "confidence", "note",
                 "value", "low", "high", "qualifier", "unit", "counted", "kind", "verdict",
                 "created_at")  # fmt: skip


def worker(db: Path) -> dict:
    from annotations.claims.suggest import group_figures, store_features

    store = Store(db, reviewer="bench")
    figures = [0]

    def counted(it):
        for f in it:
            figures[0] += 1
            yield f

    t0, c0 = time.perf_counter(), time.process_time()
    suggested = list(group_figures(counted(store_features(store))))
    t1, c1 = time.perf_counter(), time.process_time()
    group_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    change = store.save_suggestions(suggested)
    t2 = time.perf_counter()
    claims = store.claim_summaries()
    t3 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.revert(change.op_id)  # leave the cached project as it was
    return {
        "figures": figures[0],
        "claims": len(claims),
        "members": sum(c.figures for c in claims),
        "conflicting": sum(c.has_conflict for c in claims),
        "group_s": t1 - t0,
        "group_cpu_s": c1 - c0,
        "save_s": t2 - t1,
        "list_s": t3 - t2,
        "peak_mb": peak,
        "group_peak_mb": group_peak,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", default="10000", help="Sizes, comma-separated (at most 100,000).")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return
    sizes = [int(s) for s in args.articles.replace("_", "").split(",")]
    if max(sizes) > 100_000:
        sys.exit("at most 100,000 articles (the machine is shared)")
    results = {}
    for n in sizes:
        db = CACHE / f"claims_{n}.db"
        build(db, n)
        out = subprocess.run([sys.executable, __file__, "--worker", str(db)], check=True,
                             capture_output=True, text=True).stdout  # fmt: skip
        r = results[n] = json.loads(out)
        print(f"{n:>7} articles: {r['figures']:,} figures → {r['claims']:,} claims "
              f"({r['members']:,} figures, {r['conflicting']:,} with conflicts); "
              f"read+group {r['group_s']:.1f} s ({r['group_cpu_s']:.1f} s CPU), save {r['save_s']:.1f} s, "
              f"list {r['list_s']:.1f} s; peak {r['group_peak_mb']:.0f} MB grouping, "
              f"{r['peak_mb']:.0f} MB with the list", flush=True)  # fmt: skip
    if len(sizes) > 1:
        a, b = results[sizes[0]], results[sizes[-1]]
        k = sizes[-1] / sizes[0]
        print(f"growth ×{k:g} articles: read+group ×{b['group_s'] / a['group_s']:.1f} "
              f"(CPU ×{b['group_cpu_s'] / a['group_cpu_s']:.1f}), "
              f"save ×{b['save_s'] / a['save_s']:.1f}, list ×{b['list_s'] / a['list_s']:.1f}, "
              f"peak memory ×{b['peak_mb'] / a['peak_mb']:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
