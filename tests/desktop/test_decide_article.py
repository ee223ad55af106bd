"""A whole article decided in a key: Shift+A accepts the rest; Ctrl+Return asks about it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotations.model import ArticleStatus
from annotations.store import Store
from desktop.undecided_dialog import ACCEPT, ASK, SETTING


def statuses(project, aid="gaza") -> list[str]:
    return [s.status.value for s in Store(project).spans(aid)]


def test_shift_a_accepts_every_undecided_suggestion_and_one_undo_restores_them(
    window, project, press
):
    assert window.article.id == "gaza"
    press(window, "X")  # the first span rejected by hand stays rejected
    press(window, "Shift+A")
    assert statuses(project) == ["rejected"] + ["accepted"] * 5
    assert "Accepted 5 suggestions" in window.statusBar().currentMessage()
    assert all(s.status.decided for s in window.spans)  # the view shows it too
    press(window, "Ctrl+Z")
    assert statuses(project) == ["rejected"] + ["suggested"] * 5
    press(window, "Ctrl+Z")
    assert statuses(project) == ["suggested"] * 6


@pytest.fixture
def open_dialog(shown):
    def open_dialog(qtbot, window, press):
        press(window, "Ctrl+Return")
        return shown(window, "undecided_dialog")

    return open_dialog


def test_ctrl_return_with_undecided_asks_and_return_accepts_them_in_one_undo(
    qtbot, window, project, press, open_dialog
):
    press(window, "A")  # one decided, five left
    dialog = open_dialog(qtbot, window, press)
    assert dialog.text().startswith("5 suggestions in this article are undecided")
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    assert statuses(project) == ["accepted"] * 6
    assert Store(project).article("gaza").status is ArticleStatus.REVIEWED
    assert window.article.id == "kyiv"  # on to the next unreviewed
    press(window, "Ctrl+Z")
    assert statuses(project) == ["accepted"] + ["suggested"] * 5
    assert Store(project).article("gaza").status is ArticleStatus.IN_REVIEW


def test_rejecting_the_rest_leaves_them_out_and_escape_goes_back(
    qtbot, window, project, press, open_dialog
):
    dialog = open_dialog(qtbot, window, press)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert statuses(project) == ["suggested"] * 6
    assert Store(project).article("gaza").status is ArticleStatus.NEW
    assert window.article.id == "gaza"
    dialog = open_dialog(qtbot, window, press)
    dialog.reject_button.click()
    assert statuses(project) == ["rejected"] * 6
    assert Store(project).article("gaza").status is ArticleStatus.REVIEWED


def test_always_do_this_is_remembered_and_the_menu_changes_it_back(
    qtbot, window, project, prefs, press, open_dialog
):
    dialog = open_dialog(qtbot, window, press)
    dialog.remember_box.setChecked(True)
    dialog.accept_button.click()
    assert prefs.value(SETTING) == ACCEPT
    assert window.undecided_actions[ACCEPT].isChecked()
    assert window.article.id == "kyiv"
    window.undecided_dialog = None
    press(window, "Ctrl+Return")  # no question this time
    assert window.undecided_dialog is None
    assert statuses(project, "kyiv") == ["accepted"] * 3
    assert "Accepted 3 suggestions and marked" in window.statusBar().currentMessage()
    window.undecided_actions[ASK].trigger()
    assert prefs.value(SETTING) == ASK
    assert window.article.id == "oslo"
    open_dialog(qtbot, window, press)


def test_an_article_with_nothing_undecided_is_marked_without_a_question(window, project, press):
    press(window, "Shift+A", "Ctrl+Return")
    assert getattr(window, "undecided_dialog", None) is None
    assert Store(project).article("gaza").status is ArticleStatus.REVIEWED
