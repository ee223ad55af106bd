"""Who else has the project open: seen while their window lives, gone when it closes or dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from annotations.presence import Presence


def test_two_windows_see_each_other_and_not_after_one_leaves(tmp_path):
    db = tmp_path / "project.db"
    ana, bob = Presence(db, "Ana"), Presence(db, "Bob")
    ana.join()
    assert ana.others() == []
    bob.join()
    assert [s.reviewer for s in ana.others()] == ["Bob"]
    assert [s.reviewer for s in bob.others()] == ["Ana"]
    assert bob.others()[0].pid == os.getpid()
    bob.leave()
    assert ana.others() == []
    ana.leave()
    assert not (tmp_path / "project.db-open").exists()  # nothing left beside the project


def test_a_killed_window_is_not_reported_as_open(tmp_path):
    db = tmp_path / "project.db"
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from annotations.presence import Presence
            Presence({str(db)!r}, "Bob").join()
            print("joined", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout.readline().strip() == "joined"
        ana = Presence(db, "Ana")
        assert [s.reviewer for s in ana.others()] == ["Bob"]  # alive in another process
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert ana.others() == []  # its lock died with it
    assert list((tmp_path / "project.db-open").glob("*.json")) == []  # and its file is cleared


def test_a_folder_that_cannot_be_written_does_not_stop_the_window(tmp_path):
    blocker = tmp_path / "project.db-open"
    blocker.write_text("not a folder")
    p = Presence(tmp_path / "project.db", "Ana")
    p.join()  # no exception: presence is a courtesy, never a reason not to open
    assert p.others() == []
    p.leave()
