"""Two reviewers, one project: the window never writes over what someone else changed since it
showed it, says who did, and shows every refused or failed save instead of losing the key press."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from annotations.model import Figure
from annotations.store import Store


def _figure(window):
    """Put the cursor on the first figure and return its id."""
    first = next(s for s in window.spans if s.figure is not None)
    window.set_current(first.id)
    return first.id


def _status(window) -> str:
    return window.statusBar().currentMessage()


def test_a_stale_panel_does_not_overwrite_what_another_reviewer_set(qtbot, make_window, project):
    ana = make_window("Ana")
    span_id = _figure(ana)
    bob = Store(project, reviewer="Bob")
    fig = bob.span(span_id).figure
    bob.update_figure(span_id, Figure(value=fig.value, counted="civilians"))
    # Ana's panel still shows the old figure; she edits only the value.
    field = ana.panel.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "1500")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    stored = Store(project).span(span_id).figure
    assert stored.counted == "civilians"  # Bob's work is still there
    assert stored.value == fig.value  # Ana's edit made against the old state was refused
    assert "Bob" in _status(ana) and "not saved" in _status(ana)
    assert ana.panel.counted_edit.text() == "civilians"  # reloaded: she now sees Bob's change


def test_accept_on_a_span_someone_rejected_meanwhile_is_refused_and_shown(
    qtbot, make_window, project, press
):
    ana = make_window("Ana")
    span_id = _figure(ana)
    Store(project, reviewer="Bob").reject(span_id)
    press(ana, "A")
    assert Store(project).span(span_id).status.value == "rejected"
    assert "Bob" in _status(ana)
    assert ana.current_span().status.value == "rejected"  # the window shows what is stored


def test_undo_refuses_to_erase_a_later_edit_by_someone_else(qtbot, make_window, project, press):
    ana = make_window("Ana")
    span_id = _figure(ana)
    press(ana, "A")
    assert Store(project).span(span_id).status.value == "accepted"
    Store(project, reviewer="Bob").set_verdict(span_id, "disputed")
    press(ana, "Ctrl+Z")
    stored = Store(project).span(span_id)
    assert stored.figure.verdict.value == "disputed"  # Bob's verdict survives Ana's undo
    assert stored.status.value == "accepted"
    assert "Bob" in _status(ana)


def test_a_save_that_fails_is_shown_and_the_next_key_press_works(
    qtbot, make_window, project, press
):
    ana = make_window("Ana")
    span_id = _figure(ana)
    ana.store.conn.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(project, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    press(ana, "A")
    assert "busy" in _status(ana)
    holder.execute("ROLLBACK")
    holder.close()
    assert Store(project).span(span_id).status.value == "suggested"
    assert ana.current_id == span_id  # the cursor stays on the span that was not saved
    press(ana, "A")
    assert Store(project).span(span_id).status.value == "accepted"


def test_a_read_only_project_says_so_on_the_key_press(qtbot, make_window, project, press):
    ana = make_window("Ana")
    span_id = _figure(ana)
    ana.store.conn.execute("PRAGMA query_only = 1")  # as a file that became read-only
    press(ana, "X")
    assert "read-only" in _status(ana) and "not saved" in _status(ana)
    ana.store.conn.execute("PRAGMA query_only = 0")
    assert Store(project).span(span_id).status.value == "suggested"


def test_a_bad_number_in_one_field_does_not_block_the_others(qtbot, make_window, project):
    ana = make_window("Ana")
    span_id = _figure(ana)
    value = Store(project).span(span_id).figure.value
    field = ana.panel.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "abc")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "number" in _status(ana)
    unit = ana.panel.unit_edit
    unit.setFocus()
    qtbot.keyClicks(unit, "people")
    qtbot.keyClick(unit, Qt.Key.Key_Return)
    stored = Store(project).span(span_id).figure
    assert stored.unit == "people"
    assert stored.value == value
    for text in ("nan", "inf", "1e999"):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert Store(project).span(span_id).figure.value == value, text
