"""Hovering a span says what it is and shows the reviewer's note, as plain text."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from annotations.store import Store


def _hover(view, span):
    rect = view.range_rects(span.start, span.end)[0]
    pos = rect.center().toPoint()
    QApplication.sendEvent(
        view.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    )
    return QToolTip.text()


def test_hovering_a_span_shows_its_label_state_and_note(qtbot, window, project):
    figure = next(s for s in window.spans if s.figure is not None)
    Store(project, reviewer="Bob").set_note(figure.id, "Ministry <b>figure</b> & UN disagree")
    window.reload_article()
    tip = _hover(window.view, window.current_span() if window.current_id == figure.id else
                 next(s for s in window.spans if s.id == figure.id))  # fmt: skip
    assert "Figure · suggested" in tip
    assert "Note: Ministry &lt;b&gt;figure&lt;/b&gt; &amp; UN disagree" in tip  # escaped, not bold
    QToolTip.hideText()
