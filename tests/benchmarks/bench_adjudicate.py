"""Adjudication benchmark: the end-to-end test's flow on the seeds, timed in the core.

    python tests/benchmarks/bench_adjudicate.py

The five seed articles are imported and highlighted, two reviewers decide every suggestion on
copies (`factmark export --format project`) as the end-to-end test's reviewers do, the copies are merged, and then
every article is adjudicated through the store: its agreements taken on opening, each difference
left settled by taking the first reviewer's version. Prints the agreement figures, how long
reading an article's differences and one settling operation take, and how many places were
agreements and how many differences. Figures only; nothing is asserted.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotations.store import Store  # noqa: E402


def _flow():
    """The end-to-end test module: its reviewers and its CLI helper."""
    path = ROOT / "tests" / "desktop" / "test_team_review_end_to_end.py"
    spec = importlib.util.spec_from_file_location("team_flow", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    flow = _flow()
    tmp = Path(tempfile.mkdtemp(prefix="factmark-adjudicate-"))
    try:
        team = tmp / "team.db"
        flow._cli("--db", str(team), "import", str(flow.SEEDS))
        flow._cli("--db", str(team), "assign", "--reviewers", "ana,ben", "--per-article", "2")
        for name in ("ana", "ben"):
            flow._cli("--db", str(team), "export", "--format", "project", "--reviewer", name,
                      "-o", str(tmp / f"{name}.db"))  # fmt: skip
        flow._review(tmp / "ana.db", "ana", flow._ana)
        flow._review(tmp / "ben.db", "ben", flow._ben)
        flow._cli("merge", str(tmp / "ana.db"), str(tmp / "ben.db"), "--into", str(team))
        overall = json.loads(flow._cli("--db", str(team), "agreement", "--json"))["overall"]
        print("agreement:", json.dumps(overall))
        store = Store(team, reviewer="lead")
        ids = store.article_ids()
        started = time.perf_counter()
        places = sum(len(store.differences(a)) for a in ids)
        read_ms = (time.perf_counter() - started) / len(ids) * 1000
        settled, started = 0, time.perf_counter()
        for aid in ids:
            store.prepare_adjudication(aid)
            for d in store.differences(aid):
                if not d.settled:
                    store.take_version(aid, d.key, d.reviewers[0])
                    settled += 1
        take_ms = (time.perf_counter() - started) / max(settled, 1) * 1000
        print(f"{places} places in {len(ids)} articles: {places - settled} agreements taken, "
              f"{settled} differences settled")  # fmt: skip
        print(f"differences of an article: {read_ms:.1f} ms; one settling operation (with the "
              f"reading it needs): {take_ms:.1f} ms")  # fmt: skip
        print("statuses:", sorted({str(store.article(a).status) for a in ids}))
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
