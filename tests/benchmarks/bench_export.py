"""Export benchmark: every format over a reviewed BBC replica (100,000 articles by default).

Prints, per format, articles per second, the time relative to reading the same rows from SQLite
(articles and their spans, in this run, on this machine) and the peak memory of the process that
exported. Each export runs in its own process so its peak memory is its own.

    python tests/benchmarks/bench_export.py [--articles N] [--formats jsonl,csv]

The project is built once and cached under .bench/ (spans made by cheap patterns, not the
highlighter: this measures export, not highlighting). Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import CACHE, replicated_texts  # noqa: E402

from annotations.model import (  # noqa: E402
    Article,
    ArticleStatus,
    Figure,
    FigureKind,
    Source,
    Span,
    SpanStatus,
)
from annotations.store import Store  # noqa: E402

_FIGURE = re.compile(r"[$£€]?\d[\d,]*(?:\.\d+)?(?:%|bn|m)?")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_STATUSES = [SpanStatus.ACCEPTED] * 14 + [
    SpanStatus.CORRECTED,
    SpanStatus.REJECTED,
    SpanStatus.ADDED,
]
_VERDICTS = ["supported", "disputed", "false", "unverifiable"]


def spans_for(text: str, rng: random.Random) -> list[Span]:
    spans = []
    for m in _FIGURE.finditer(text):
        t = m.group()
        kind = (
            FigureKind.PERCENT
            if t.endswith("%")
            else FigureKind.MONEY
            if t[0] in "$£€"
            else FigureKind.COUNT
        )
        value = float(re.sub(r"[^\d.]", "", t) or 0)
        spans.append(Span(m.start(), m.end(), "FIGURE", t, status=rng.choice(_STATUSES),
                          figure=Figure(value=value, kind=kind)))  # fmt: skip
    for m in _NAME.finditer(text):
        label = ("PERSON", "ORG", "GPE")[len(m.group()) % 3]
        spans.append(Span(m.start(), m.end(), label, m.group(), status=rng.choice(_STATUSES)))
    return spans


def build(db: Path, n: int) -> None:
    """A project of n reviewed articles; a verdict on one figure per article, a source on every 5th."""
    if db.exists() and db.with_suffix(".complete").exists():
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rng = random.Random(0)
    store = Store(db, reviewer="bench")

    def judge(ids: list[str]) -> None:
        with store.transaction():
            for i, aid in enumerate(ids):
                figures = [s for s in store.spans(aid) if s.is_figure and s.status.positive]
                if not figures:
                    continue
                store.set_verdict(figures[0].id, rng.choice(_VERDICTS))
                if i % 5 == 0:
                    store.link_source(
                        figures[0].id, Source(f"https://stats.example/{aid}", title="Figures")
                    )

    texts = replicated_texts(n)
    done = 0
    while chunk := list(itertools.islice(texts, 1000)):
        with store.transaction():
            for aid, text in chunk:
                article = Article(aid, text, status=ArticleStatus.REVIEWED)
                store.insert_article(article, spans_for(text, rng))
        judge([aid for aid, _ in chunk])
        done += len(chunk)
        print(f"\rbuilding {db.name}: {done}/{n}", end="", file=sys.stderr, flush=True)
    store.close()
    db.with_suffix(".complete").touch()
    print(f"\rbuilt {db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def worker(db: Path, fmt: str, out_dir: Path) -> dict:
    store = Store(db)
    started = time.perf_counter()
    if fmt == "read":
        articles = spans = 0
        for a in store.iter_articles(status="reviewed"):
            articles += 1
            spans += len(store.spans(a.id))
        size = 0
    else:
        from annotations.exporters import FORMATS, export

        out = out_dir / f"export{FORMATS[fmt].suffix}"
        report = export(store, fmt, out)
        articles, spans = report.articles, report.spans
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before sizing the output
    if fmt != "read":
        files = [out] if out.is_file() else (p for p in out.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in files)
    return {
        "seconds": seconds,
        "articles": articles,
        "spans": spans,
        "peak_mb": peak_mb,
        "mb": size / 2**20,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--formats", help="comma-separated (default: all)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(Path(args.db), args.worker, Path(args.out))))
        return

    from annotations.exporters import FORMATS

    db = CACHE / f"export_{args.articles}.db"
    build(db, args.articles)
    out_dir = CACHE / "export_out"
    formats = args.formats.split(",") if args.formats else list(FORMATS)
    results = {}
    # "read" runs first to warm the file cache; its second run is the baseline.
    for k, fmt in enumerate(["read", "read", *formats]):
        shutil.rmtree(out_dir, ignore_errors=True)
        out_dir.mkdir(parents=True)
        run = subprocess.run(
            [sys.executable, __file__, "--worker", fmt, "--db", str(db), "--out", str(out_dir)],
            capture_output=True, text=True,
        )  # fmt: skip
        if run.returncode != 0:
            sys.exit(f"{fmt}: {run.stderr.strip().splitlines()[-1]}")
        results[fmt] = json.loads(run.stdout)
        r = results[fmt]
        if k == 0:
            continue
        print(f"{fmt:<12} {r['articles'] / r['seconds']:>9.0f} docs/s  {r['seconds']:>7.1f} s  "
              f"{r['seconds'] / results['read']['seconds']:>6.1f}x read  "
              f"peak {r['peak_mb']:>5.0f} MB  output {r['mb']:>7.1f} MB", flush=True)  # fmt: skip
    shutil.rmtree(out_dir, ignore_errors=True)
    read = results["read"]
    print(f"({read['articles']} reviewed articles, {read['spans']} spans; 'read' streams the same "
          "articles and spans from SQLite without writing)")  # fmt: skip


if __name__ == "__main__":
    main()
