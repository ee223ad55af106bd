"""The article list's "With conflicts ⚠" filter, driven in the real window: it lists exactly the
articles with a figure in conflict within its claim and marks them; a figure set so the conflict
ends takes them off the list, and Ctrl+Z brings them back, the count following each time."""

from __future__ import annotations

import pytest
from claims_view_project import build_claims_project
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from annotations.store import Store
from desktop.models import CONFLICT_MARK

CONFLICTING = ["bbc-1", "ap-1"]  # "some 1,400" (BBC) and "1,200" (AP) on the same day


@pytest.fixture
def claims_path(tmp_path):
    path = tmp_path / "claims.db"
    build_claims_project(path)
    return path


@pytest.fixture
def window(window_on, claims_path):
    return window_on(Store(claims_path, reviewer="Ada"))


def listed(window) -> list[str]:
    m = window.list_model
    return [m.article_id(r) for r in range(m.rowCount())]


def title_shown(window, article_id: str) -> str:
    m = window.list_model
    return m.index(m.row_of(article_id), 0).data()


def count_shown(window) -> str:
    return window.articles.list_count.text()


def only_conflicts(qtbot, window) -> None:
    box = window.articles.filter_bar.conflicts
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()


def test_the_filter_lists_exactly_the_conflicting_articles_marked(qtbot, window):
    assert len(listed(window)) == 11 and count_shown(window) == "11 articles"
    assert title_shown(window, "bbc-1").startswith(CONFLICT_MARK)
    assert not title_shown(window, "reuters-1").startswith(CONFLICT_MARK)  # a range that agrees
    assert not title_shown(window, "displaced-0").startswith(CONFLICT_MARK)
    m = window.list_model
    assert "conflicts" in m.index(m.row_of("ap-1"), 0).data(Qt.ItemDataRole.ToolTipRole)
    only_conflicts(qtbot, window)
    assert listed(window) == CONFLICTING
    assert count_shown(window) == "2 articles"
    window.articles.filter_bar.conflicts.click()  # off again: every article
    assert len(listed(window)) == 11


def test_a_figure_set_to_agree_leaves_the_list_and_undo_brings_it_back(
    qtbot, window, claims_path, press
):
    figure = next(s for s in window.store.spans("ap-1") if s.figure)
    window.open_article("ap-1", figure.id)
    only_conflicts(qtbot, window)
    assert listed(window) == CONFLICTING
    press(window, "E")
    value = window.panel.value_edit
    value.selectAll()
    qtbot.keyClicks(value, "1400")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert Store(claims_path).span(figure.id).figure.value == 1400
    # the conflict is over for both articles of it: neither is listed, nor marked any more
    assert listed(window) == [] and count_shown(window) == "0 articles"
    window.view.setFocus()
    press(window, "Ctrl+Z")
    assert Store(claims_path).span(figure.id).figure.value == 1200
    assert listed(window) == CONFLICTING and count_shown(window) == "2 articles"
    assert title_shown(window, "ap-1").startswith(CONFLICT_MARK)


def test_a_figure_taken_out_of_its_claim_in_the_claims_view_leaves_the_list_and_undo_returns_it(
    qtbot, window, press
):
    only_conflicts(qtbot, window)
    gaza = next(s for s in window.store.spans("bbc-1") if s.label == "GPE")
    window.open_article("bbc-1", gaza.id)
    press(window, "Shift+C")
    view = window.claims_view
    qtbot.waitUntil(view.isVisible)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)

    def keys(*sequence: str) -> None:
        for key in sequence:
            QTest.keySequence(view.focusWidget() or view, QKeySequence(key))

    keys("Return")  # into the deaths claim (conflicting: listed first), on its BBC figure
    figure = view.current_figure()
    assert figure.article_id == "bbc-1"
    keys("X")  # out of the claim: AP's 1,200 has nothing left to contradict it
    assert window.store.claim_of_span(figure.span_id) is None
    assert listed(window) == [] and count_shown(window) == "0 articles"
    keys("Ctrl+Z")
    assert window.store.claim_of_span(figure.span_id) is not None
    assert listed(window) == CONFLICTING and count_shown(window) == "2 articles"
