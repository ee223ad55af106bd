"""The File menu's background work: an import adds rows to the list and opens the first article
of an empty project; a failed job says why in the status bar."""

from __future__ import annotations

from annotations.store import Store


def test_an_import_into_an_empty_project_lists_and_opens_what_came(qtbot, tmp_path, window_on):
    window = window_on(Store(tmp_path / "empty.db", reviewer="Ada"))
    (tmp_path / "one.txt").write_text("Flood in Dhaka\n\n300 homes were lost.", encoding="utf-8")
    job = window.project_work.import_paths([str(tmp_path / "one.txt")], highlight=False)
    with qtbot.waitSignal(job.done, timeout=20_000):
        pass
    assert window.list_count.text() == "1 articles"
    assert window.article is not None and window.article.title == "Flood in Dhaka"
    assert window.statusBar().currentMessage().startswith("Import:")
    assert window.jobs == []  # a finished job is forgotten


def test_a_failed_job_says_why_in_the_status_bar(qtbot, window):
    def work(store, report, should_stop):
        raise ValueError("the folder is gone")

    job = window.project_work.start_job("Exporting", work, lambda _r: None)
    with qtbot.waitSignal(job.failed, timeout=20_000):
        pass
    assert window.statusBar().currentMessage() == "Exporting: the folder is gone"
