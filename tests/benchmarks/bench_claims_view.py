"""Claims view benchmark: the view on a BBC replica with its claims suggested (10,000 articles by
default). Prints figures; asserts nothing.

    QT_QPA_PLATFORM=offscreen nice -n 10 python tests/benchmarks/bench_claims_view.py [--articles N]

The project is bench_claims.py's (built once and cached under .bench/), copied to a temporary
folder so the cache is never written. Times: the first Shift+C (pyqtgraph imported, every claim
listed as light rows, the first claim read with its figures, table and plot drawn), Shift+C again,
J to the next claim, and A (confirm: one operation, the claim read again in its row) — medians of
several presses.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import CACHE  # noqa: E402
from bench_claims import build  # noqa: E402


def timed(app, fn) -> float:
    t = time.perf_counter()
    fn()
    app.processEvents()
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    cached = CACHE / f"claims_{args.articles}.db"
    build(cached, args.articles)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from annotations.claims.suggest import suggest_for_store
    from annotations.store import Store
    from desktop.window import ReviewWindow

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "claims.db"
        shutil.copy(cached, db)
        store = Store(db, reviewer="bench")
        if not sum(store.claim_count().values()):
            suggest_for_store(store)
        counts = store.claim_count()
        read = timed(app, store.claim_summaries)
        window = ReviewWindow(
            store, QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        )
        window.show()
        window.restore_last()
        first = timed(app, window.do_claims)
        view = window.claims_view
        again = []
        for _ in range(3):
            view.do_close_view()
            again.append(timed(app, window.do_claims))
        steps = [timed(app, view.do_next) for _ in range(10)]
        confirms = []
        for _ in range(5):
            confirms.append(timed(app, view.do_confirm))
            view.do_next()
        print(f"{args.articles:,} articles, {sum(counts.values()):,} claims "
              f"({sum(c.has_conflict for c in view.claim_model.rows):,} with a conflict)")  # fmt: skip
        print(f"store.claim_summaries()   {read:6.2f} s (the list's light rows)")
        print(f"Shift+C, first time       {first:6.2f} s (pyqtgraph imported, the list read)")
        print(f"Shift+C again             {statistics.median(again):6.3f} s")
        print(f"J, next claim             {statistics.median(steps):6.3f} s")
        print(f"A, confirm the claim      {statistics.median(confirms):6.3f} s")
        window.close()
        store.close()


if __name__ == "__main__":
    main()
