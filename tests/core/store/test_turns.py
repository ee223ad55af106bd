"""Reviewers before machines: an import's next chunk waits while a reviewer is writing, so a key
press beside an import waits for one short chunk at most, never for a run of them."""

from __future__ import annotations

import threading

from annotations.store import turns
from annotations.store.turns import WriteTurns


def test_a_bulk_chunk_waits_until_the_reviewer_has_written(tmp_path):
    path = str(tmp_path / "project.db")
    (tmp_path / "project.db-open").mkdir()  # a window is open on the project
    reviewer, importer = WriteTurns(path), WriteTurns(path)  # two connections' turns
    order: list[str] = []
    inside, release = threading.Event(), threading.Event()

    def review():
        with reviewer.interactive():
            inside.set()
            release.wait(5)
            order.append("reviewer wrote")

    def bulk():
        inside.wait(5)
        importer.wait_for_reviewers()
        order.append("import chunk")

    threads = [threading.Thread(target=review), threading.Thread(target=bulk)]
    for t in threads:
        t.start()
    inside.wait(5)
    threading.Timer(0.2, release.set).start()
    for t in threads:
        t.join(10)
    assert order == ["reviewer wrote", "import chunk"]


def test_a_thread_holding_the_turn_never_waits_for_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(turns, "MAX_WAIT", 60.0)  # no giving up: waiting on itself would hang
    path = str(tmp_path / "project.db")
    (tmp_path / "project.db-open").mkdir()
    one, two = WriteTurns(path), WriteTurns(path)
    done = []

    def nested():
        with one.interactive():
            with two.interactive():  # another Store in the same thread
                two.wait_for_reviewers()
                done.append(True)

    t = threading.Thread(target=nested, daemon=True)
    t.start()
    t.join(5)
    assert done == [True]
