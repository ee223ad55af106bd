"""Keys go where the reviewer looks: typing into a panel field never fires a review shortcut."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotations.store import Store


def _decisions(project) -> list[str]:
    return [e.op for e in Store(project).events() if e.op not in ("import",)]


def test_letters_typed_into_the_drop_downs_decide_nothing(qtbot, window, project, press):
    press(window, "E")
    figure_id = window.current_id
    before = _decisions(project)
    for box in (window.panel.qualifier_box, window.panel.kind_box):
        box.setFocus()
        assert box.hasFocus()
        qtbot.keyClicks(box, "axhostages1")  # A accept, X reject, 1 relabel, J/K move …
    assert window.current_id == figure_id  # the cursor did not jump
    after = _decisions(project)
    assert [op for op in after if op in ("accept", "reject", "relabel")] == [
        op for op in before if op in ("accept", "reject", "relabel")
    ]
    span = Store(project).span(figure_id)  # the drop-downs may change: that is the field's job
    assert span.status.value not in ("accepted", "rejected") and span.label == "FIGURE"


def test_typing_a_word_into_a_field_writes_only_the_field(qtbot, window, project, press):
    press(window, "E")
    figure_id = window.current_id
    field = window.panel.counted_edit
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, "hostages")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    span = Store(project).span(figure_id)
    assert span.figure.counted == "hostages"
    assert span.status.value in ("suggested", "corrected")
    assert window.current_id == figure_id


def test_escape_in_a_field_gives_the_keys_back_to_the_article(qtbot, window, project, press):
    press(window, "E")
    box = window.panel.kind_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert window.view.hasFocus()
    figure_id = window.current_id
    press(window, "A")  # now a shortcut again
    assert Store(project).span(figure_id).status.value == "accepted"
