"""What phrase search costs: the same import with the full-text index at detail=none (words and
prefixes only) and detail=full (phrases too), in fresh processes, with the database size.

    python tests/benchmarks/bench_fts_detail.py [--articles 5000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import replicated_folder  # noqa: E402


def phase(detail: str, folder: str, db: str) -> dict:
    from annotations import schema
    from annotations.importers import import_paths
    from annotations.store import Store

    schema.FTS_DETAIL = detail
    store = Store(db)
    t = time.perf_counter()
    report = import_paths(store, [folder])
    seconds = time.perf_counter() - t
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    fts = store.conn.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
    ).fetchone()[0]
    store.close()
    return {"seconds": seconds, "imported": report.imported, "bytes": Path(db).stat().st_size,
            "fts_bytes": fts}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--phase", nargs=3)
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(phase(*args.phase)))
        return
    folder = replicated_folder(args.articles)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for detail in ("none", "full", "none", "full"):  # twice each, alternating: the best counts
            db = Path(tmp) / f"{detail}-{time.monotonic_ns()}.db"
            out = subprocess.run([sys.executable, __file__, "--phase", detail, str(folder), str(db)],
                                 check=True, capture_output=True, text=True)  # fmt: skip
            r = json.loads(out.stdout.strip().splitlines()[-1])
            best = results.get(detail)
            if best is None or r["seconds"] < best["seconds"]:
                results[detail] = r
    none, full = results["none"], results["full"]
    print(f"{none['imported']} articles (import without highlighting)")
    for name, r in results.items():
        print(f"detail={name:<4}  {r['seconds']:6.2f} s  {r['imported'] / r['seconds']:7.0f} articles/s"
              f"  db {r['bytes'] / 1e6:6.1f} MB  index {r['fts_bytes'] / 1e6:5.1f} MB")  # fmt: skip
    print(
        f"detail=full / none: time x{full['seconds'] / none['seconds']:.2f}, "
        f"database x{full['bytes'] / none['bytes']:.2f}"
    )


if __name__ == "__main__":
    main()
