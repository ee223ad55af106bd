"""The review window's new states rendered to PNG for a person to look at (in $FACTMARK_SHOTS,
else the test's temporary folder): the undecided-suggestions question, a figure field refused
in red, the label menu of a new span, a note."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtTest import QTest


def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("FACTMARK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def colours(image) -> set[str]:
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }


def test_render_the_review_states(qtbot, window, tmp_path, press, shown):
    out = shots(tmp_path)
    panel = window.panel
    panel.value_edit.setFocus()
    panel.value_edit.selectAll()
    qtbot.keyClicks(panel.value_edit, "abc")
    QTest.keyClick(panel.value_edit, Qt.Key.Key_Return)
    panel.note_edit.setText("Ministry toll disputed by OCHA")
    image = window.grab().toImage()
    assert image.save(str(out / "invalid-figure-field.png"))
    assert "#d93025" in colours(image)  # the refused field is red on screen

    QTest.keyClick(panel.value_edit, Qt.Key.Key_Escape)
    press(window, "M", "Shift+Right", "M")
    picker = shown(window, "label_picker")
    shot = window.grab()
    painter = QPainter(shot)  # a popup is its own window: draw it where it stands
    painter.drawPixmap(window.mapFromGlobal(picker.pos()), picker.grab())
    painter.end()
    assert shot.save(str(out / "label-picker.png"))
    QTest.keyClick(picker, Qt.Key.Key_Escape)

    press(window, "Ctrl+Return")
    dialog = shown(window, "undecided_dialog")
    assert dialog.grab().save(str(out / "undecided-question.png"))
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
