"""Killing the app right after a keypress loses nothing: the decision is on disk already."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from PySide6.QtCore import QSettings

from annotations.model import SpanStatus
from annotations.store import Store
from desktop.window import ReviewWindow


def test_sigkill_right_after_a_keypress_keeps_the_decision(qtbot, tmp_path, project):
    settings = tmp_path / "settings.ini"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FACTMARK_SETTINGS=str(settings),
               FACTMARK_TEST_KEYS="A X")  # fmt: skip
    code = f"import sys; from desktop.app import run; sys.exit(run({str(project)!r}, 'Ada'))"
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    try:
        for line in proc.stdout:
            if line.strip() == "FACTMARK_KEYS_SENT":
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    store = Store(project)
    first, second, third = store.spans("gaza")[:3]
    assert (first.text, first.status) == ("some 1,400 people", SpanStatus.ACCEPTED)
    assert (second.text, second.status) == ("Gaza", SpanStatus.REJECTED)
    assert third.status is SpanStatus.SUGGESTED
    assert store.integrity_check() == "ok"
    # Reopening after the kill lands in the same article; the exact span is saved within half a
    # second (test_reopening_returns_to_the_last_article_and_span covers that on a clean close).
    prefs = QSettings(str(settings), QSettings.Format.IniFormat)
    assert prefs.value("reviewer") == "Ada"
    window = ReviewWindow(store, prefs)
    qtbot.addWidget(window)
    window.restore_last()
    assert window.article.id == "gaza"
    window.close()
    store.close()
