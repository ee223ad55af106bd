"""Start the review window (`run`) or render it to a PNG (`snapshot`)."""

from __future__ import annotations

import errno
import getpass
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from annotations.store import Store
from desktop.theme import SETTING as DARK_SETTING
from desktop.theme import apply_theme, dark_mode_setting
from desktop.window import ReviewWindow


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("factmark")
        app.setOrganizationName("factmark")
    return app


def settings() -> QSettings:
    """The user's settings; FACTMARK_SETTINGS points them at an .ini file (tests, portable use)."""
    path = os.environ.get("FACTMARK_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("factmark", "factmark")


def ask_reviewer(prefs: QSettings, given: str | None) -> str | None:
    """The reviewer's name: given on the command line, remembered, or asked once."""
    if given:
        prefs.setValue("reviewer", given)
        return given
    name = prefs.value("reviewer")
    if name:
        return str(name)
    name, ok = QInputDialog.getText(
        None, "factmark", "Your name (written on every decision you make):", text=getpass.getuser()
    )
    if not ok or not name.strip():
        return None
    prefs.setValue("reviewer", name.strip())
    prefs.sync()
    return name.strip()


def open_window(db_path: str, reviewer: str | None, prefs: QSettings) -> ReviewWindow:
    apply_theme(dark_mode_setting(prefs))
    window = ReviewWindow(Store(db_path, reviewer=reviewer), prefs)
    window.resize(1440, 900)
    window.restore_last()
    return window


def run(db_path: str, reviewer: str | None = None) -> int:
    app = application()
    prefs = settings()
    name = ask_reviewer(prefs, reviewer)
    if name is None:
        print(
            "factmark: a reviewer name is needed (it is written on every decision).",
            file=sys.stderr,
        )
        return 1
    window = open_window(db_path, name, prefs)
    window.show()
    keys = os.environ.get("FACTMARK_TEST_KEYS")
    if keys:  # test hook: press keys as a reviewer would, then say so (the test kills us)
        QTimer.singleShot(0, lambda: _press(window, keys.split()))
    return app.exec()


def _press(window: ReviewWindow, keys: list[str], tries: int = 250) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    if QApplication.activeWindow() is not window and tries > 0:  # shortcuts need an active window
        window.activateWindow()
        QTimer.singleShot(20, lambda: _press(window, keys, tries - 1))
        return

    for key in keys:
        QTest.keySequence(window, QKeySequence(key))
    print("FACTMARK_KEYS_SENT", flush=True)


def snapshot(db_path: str, output: str | Path, article_id: str | None = None,
             size: tuple[int, int] = (1440, 900), reviewer: str | None = None,
             dark: bool = False) -> Path:  # fmt: skip
    """Render the window offscreen to a PNG, as a reviewer would see it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    prefs = QSettings(str(Path(output).with_suffix(".snapshot.ini")), QSettings.Format.IniFormat)
    prefs.setValue(DARK_SETTING, dark)
    apply_theme(dark)
    window = ReviewWindow(Store(db_path, reviewer=reviewer), prefs)
    window.resize(*size)
    if article_id:
        window.open_article(article_id)
    else:
        window.restore_last()
    window.show()
    for _ in range(3):
        app.processEvents()
    out = Path(output)
    saved = window.grab().save(str(out), "PNG")
    window.close()
    window.store.close()
    apply_theme(False)
    Path(prefs.fileName()).unlink(missing_ok=True)
    if not saved:
        raise OSError(errno.EIO, "the image could not be written", str(out))
    return out
