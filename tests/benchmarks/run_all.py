"""`make bench`: run every tests/benchmarks/bench_*.py in turn; each prints its own figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

failed = []
for bench in sorted(Path(__file__).resolve().parent.glob("bench_*.py")):
    print(f"\n=== {bench.name}", flush=True)
    if subprocess.run([sys.executable, str(bench)]).returncode != 0:
        failed.append(bench.name)
if failed:
    sys.exit(f"failed: {', '.join(failed)}")
