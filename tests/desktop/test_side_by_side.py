"""A second window on the same project is told so, and each shows what the other saved."""

from __future__ import annotations

from annotations.store import Store


def test_a_second_window_is_told_who_else_has_the_project_open(qtbot, make_window, press):
    ada = make_window("Ada")
    assert ada.others_label.text() == ""
    bob = make_window("Bob")
    assert "Ada" in bob.others_label.text()
    assert "also open" in bob.windowTitle() and "Ada" in bob.windowTitle()
    assert "also open in another window" in bob.statusBar().currentMessage()
    ada.watch.poll()  # the first window learns of the second on its next look
    assert "Bob" in ada.others_label.text()
    bob.close()
    ada.watch.poll()
    assert ada.others_label.text() == ""


def test_what_another_window_saves_appears_without_reopening(qtbot, make_window, project, press):
    ada = make_window("Ada")
    span_id = ada.current_id
    Store(project, reviewer="Bob").reject(span_id)
    ada.watch.poll()
    assert ada.current_span().status.value == "rejected"
    assert ada.view.current is not None and ada.view.current.status.value == "rejected"


def test_a_reload_waits_while_the_reviewer_types_in_the_panel(qtbot, make_window, project, press):
    ada = make_window("Ada")
    figure = next(s for s in ada.spans if s.figure is not None)
    ada.set_current(figure.id)
    ada.panel.unit_edit.setFocus()
    qtbot.keyClicks(ada.panel.unit_edit, "peo")
    Store(project, reviewer="Bob").reject(figure.id)
    ada.watch.poll()
    assert ada.panel.unit_edit.text() == "peo"  # her typing is not wiped
