"""The background work functions, run as a job runs them (a store, a report, a stop flag)."""

from __future__ import annotations

from annotations.store import Store
from desktop.jobs import import_work, progress_adapter


def test_import_work_imports_a_folder_and_reports_bytes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title A\n\n12 people came to Oslo.", encoding="utf-8")
    (folder / "b.txt").write_text("Title B\n\nNobody came.", encoding="utf-8")
    store = Store(tmp_path / "p.db", reviewer="Ada")
    reports = []
    report, origin = import_work([str(folder)], highlight=False)(
        store, lambda d, t: reports.append((d, t)), lambda: False
    )
    assert origin is None
    assert store.count_articles() == 2
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert reports and reports[-1] == (total, total)


def test_progress_adapter_takes_counts_or_a_progress_object():
    seen = []
    on_progress = progress_adapter(lambda d, t: seen.append((d, t)))
    on_progress(3, 10)

    class Progress:
        fraction = 0.25

    on_progress(Progress())
    on_progress("phase")
    assert seen == [(3, 10), (250, 1000), (0, 0)]
