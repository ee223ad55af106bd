"""Every file dialog of the window is one that cannot open the project's database file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from annotations.store import Store
from desktop.file_dialogs import NoReadIconProvider


def _inspect_and_cancel(qtbot, seen: list) -> None:
    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        qtbot.wait(300)  # let the listing of the folder fill in
        model = dialog.proxyModel()
        root = model.mapFromSource(dialog.findChild(type(model.sourceModel())).index(
            dialog.directory().absolutePath()))  # fmt: skip
        names = [model.index(r, 0, root).data() for r in range(model.rowCount(root))]
        seen.append((dialog.testOption(QFileDialog.Option.DontUseNativeDialog),
                     isinstance(dialog.iconProvider(), NoReadIconProvider), names))  # fmt: skip
        dialog.reject()

    QTimer.singleShot(20, look)


@pytest.mark.parametrize("action", ["do_import_files", "do_import_folder", "do_export", "do_train"])
def test_file_dialogs_never_list_or_sniff_the_project_database(
    qtbot, window, project, monkeypatch, action
):
    folder = Path(project).parent
    (folder / "notes.txt").write_text("a file the dialog may list")
    os.chdir(folder)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    seen: list = []
    _inspect_and_cancel(qtbot, seen)
    getattr(window, action)()
    assert seen, "no file dialog was shown"
    native_off, safe_icons, names = seen[0]
    assert native_off and safe_icons
    assert not any(n and n.startswith(Path(project).name) for n in names)


def test_after_a_dialog_another_process_cannot_take_the_windows_decisions(qtbot, window, project):
    folder = Path(project).parent
    seen: list = []
    os.chdir(folder)
    _inspect_and_cancel(qtbot, seen)
    window.do_import_files()
    # Another connection opens and closes the file (as `factmark stats` would).
    subprocess.run([sys.executable, "-c", f"import sqlite3; sqlite3.connect({str(project)!r})"
                    ".execute('select count(*) from spans').fetchall()"], check=True)  # fmt: skip
    span_id = window.current_id
    window.do_accept()
    assert (folder / (Path(project).name + "-wal")).exists()
    fresh = sqlite3.connect(project)
    assert fresh.execute("SELECT status FROM spans WHERE id = ?", (span_id,)).fetchone()[0] == (
        "accepted"
    )
    assert Store(project).span(span_id).status.value == "accepted"
