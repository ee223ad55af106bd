"""Import benchmark: the BBC corpus replicated to 100,000 articles into a fresh database.

Prints articles/s, the time of a plain sqlite3 executemany of the same rows into a bare table
measured in the same run, their ratio (target <= 2.0), the database size and peak memory
(target <= 300 MB). Each phase runs in its own process so its peak memory is its own.

    python tests/benchmarks/bench_import.py [--articles 100000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import replicated_folder  # noqa: E402


def files_in(folder: Path):
    return sorted(folder.rglob("*.txt"))


def phase_baseline(folder: str, db: str) -> dict:
    """Read every file and executemany its row into a bare table: the floor for any importer."""
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, text TEXT)")
    t = time.perf_counter()

    def rows():
        for f in files_in(Path(folder)):
            yield f.stem, f.read_bytes().decode("utf-8", errors="replace")

    with conn:
        conn.executemany("INSERT INTO articles VALUES (?, ?)", rows())
    return {"seconds": time.perf_counter() - t}


def phase_import(folder: str, db: str) -> dict:
    from annotations.importers import import_paths
    from annotations.store import Store

    store = Store(db)
    t = time.perf_counter()
    report = import_paths(store, [folder])
    seconds = time.perf_counter() - t
    store.close()
    return {"seconds": seconds, "imported": report.imported, "duplicates": report.duplicates,
            "skipped": report.skipped}  # fmt: skip


def run_phase(name: str, folder: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--phase", name, str(folder), str(db)],
                         check=True, capture_output=True, text=True)  # fmt: skip
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--phase", nargs=3, metavar=("NAME", "FOLDER", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        name, folder, db = args.phase
        result = {"baseline": phase_baseline, "import": phase_import}[name](folder, db)
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    print(f"preparing {args.articles:,} articles (cached under .bench/) ...", flush=True)
    folder = replicated_folder(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        base = run_phase("baseline", folder, Path(tmp) / "bare.db")
        ours = run_phase("import", folder, Path(tmp) / "factmark.db")
        size = sum(p.stat().st_size for p in Path(tmp).glob("factmark.db*"))
    n = ours["imported"]
    print(f"import benchmark: {args.articles:,} articles (BBC corpus replicated), no highlighting")
    print(
        f"  factmark import      {ours['seconds']:8.1f} s   {n / ours['seconds']:9,.0f} articles/s"
        f"   peak memory {ours['peak_mb']:.0f} MB (target <= 300)"
    )
    print(
        f"  sqlite3 executemany  {base['seconds']:8.1f} s   {args.articles / base['seconds']:9,.0f} rows/s"
        f"       peak memory {base['peak_mb']:.0f} MB"
    )
    print(
        f"  ratio (factmark / executemany): {ours['seconds'] / base['seconds']:.2f} (target <= 2.0)"
    )
    print(
        f"  database size: {size / 1e6:.0f} MB; imported {n:,}, duplicates {ours['duplicates']:,}, "
        f"skipped {ours['skipped']}"
    )


if __name__ == "__main__":
    main()
