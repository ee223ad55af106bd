"""A new span's label is asked, not taken silently: number keys while marking, or the picker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotations.store import Store


def added(project, aid="gaza") -> list[tuple[str, str]]:
    return [(s.text, s.label) for s in Store(project).spans(aid) if s.status.value == "added"]


def test_m_twice_asks_the_label_and_a_number_key_in_the_picker_chooses_it(
    qtbot, window, project, press, shown
):
    press(window, "K")  # back to the first span, "some 1,400 people"
    press(window, "M")  # marks "were", the token after it
    press(window, "Shift+Right")  # "were killed"
    press(window, "M")
    picker = shown(window, "label_picker")
    assert picker.activeAction().text().endswith("Person")  # the last label, ready for Return
    QTest.keyClick(picker, Qt.Key.Key_9)
    assert added(project) == [("were killed", "EVENT")]
    assert window.current_span().text == "were killed"


def test_return_in_the_picker_takes_a_figure_for_digits_and_escape_creates_nothing(
    qtbot, window, project, press, shown
):
    press(window, "M", "Right", "Right")  # "were", "killed", "in" ... a token with no digit
    press(window, "M")
    QTest.keyClick(shown(window, "label_picker"), Qt.Key.Key_Escape)
    assert added(project) == []
    start = window.article.text.index("1,400")
    window.marking.set((start, start + len("1,400")))
    window.label_picker = None
    press(window, "C")
    QTest.keyClick(shown(window, "label_picker"), Qt.Key.Key_Return)
    assert ("1,400", "FIGURE") in added(project)


def test_a_number_key_while_marking_creates_with_that_label_at_once(window, project, press):
    press(window, "M", "Shift+Right", "3")
    assert added(project) == [("were killed", "ORG")]
    assert getattr(window, "label_picker", None) is None


def test_the_picker_offers_the_label_of_a_span_the_mark_overlaps(qtbot, window, press, shown):
    start = window.article.text.index("on Monday")
    window.marking.set((start, start + len("on Monday")))
    press(window, "M")
    assert shown(window, "label_picker").activeAction().text().endswith("Date")
