"""A figure field with text that is not a number: red with the reason under it, not saved, the
other fields still saved; Escape brings back the stored value."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotations.store import Store


def type_into(qtbot, field, text: str, key=Qt.Key.Key_Return) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, key)


def is_red(field) -> bool:
    return "border" in field.styleSheet()


def test_a_bad_value_stays_red_with_its_reason_and_the_other_fields_still_save(
    qtbot, window, project, press
):
    span_id = window.current_id
    stored = Store(project).span(span_id).figure.value
    panel = window.panel
    press(window, "E")
    type_into(qtbot, panel.value_edit, "abc")
    assert panel.value_edit.text() == "abc" and is_red(panel.value_edit)
    assert panel.value_error.isVisibleTo(panel)
    assert panel.value_error.text() == "Value must be a number, like 1400 or 2.5; got 'abc'"
    assert panel.value_edit.hasFocus()  # Return does not leave a bad entry behind
    assert Store(project).span(span_id).figure.value == stored
    type_into(qtbot, panel.unit_edit, "people")
    assert Store(project).span(span_id).figure.unit == "people"  # saved despite the bad value
    assert Store(project).span(span_id).figure.value == stored
    assert panel.value_edit.text() == "abc" and is_red(panel.value_edit)  # still in sight
    type_into(qtbot, panel.value_edit, "1500")
    assert Store(project).span(span_id).figure.value == 1500
    assert not is_red(panel.value_edit) and not panel.value_error.isVisibleTo(panel)


def test_escape_restores_the_stored_value_and_clears_the_error(qtbot, window, project, press):
    panel = window.panel
    press(window, "E")
    type_into(qtbot, panel.high_edit, "inf")
    assert is_red(panel.high_edit) and "Range end must be a number" in panel.range_error.text()
    qtbot.keyClick(panel.high_edit, Qt.Key.Key_Escape)
    assert panel.high_edit.text() == "" and not is_red(panel.high_edit)
    assert not panel.range_error.isVisibleTo(panel)
    assert window.view.hasFocus()
    assert Store(project).span(window.current_id).figure.high is None


def test_escape_drops_an_unsaved_edit_of_a_good_value_too(qtbot, window, project, press):
    panel = window.panel
    press(window, "E")
    before = panel.value_edit.text()
    panel.value_edit.selectAll()
    qtbot.keyClicks(panel.value_edit, "99")
    qtbot.keyClick(panel.value_edit, Qt.Key.Key_Escape)
    assert panel.value_edit.text() == before
    assert Store(project).span(window.current_id).figure.value == 1400


def test_another_span_shows_no_stale_error(qtbot, window, press):
    panel = window.panel
    press(window, "E")
    type_into(qtbot, panel.value_edit, "lots")
    window.view.setFocus()
    press(window, "J", "J", "J")  # on to the next figure
    assert window.current_span().figure is not None
    assert not is_red(panel.value_edit) and not panel.value_error.isVisibleTo(panel)
