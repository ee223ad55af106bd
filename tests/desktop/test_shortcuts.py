"""One table of shortcuts: no key does two things, every action exists, the help lists them all."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QKeySequence

from annotations.model import LABELS, Verdict
from desktop.help_dialog import ShortcutsDialog
from desktop.shortcuts import ADJUDICATION_SHORTCUTS, HELP_ROWS, SHORTCUTS
from desktop.window import ReviewWindow


def test_no_two_actions_share_a_key():
    keys = Counter(
        QKeySequence(sc.key).toString(QKeySequence.SequenceFormat.PortableText) for sc in SHORTCUTS
    )
    assert "" not in keys, "a key in the table does not parse"
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_shortcut_names_a_window_action():
    missing = [
        sc.action
        for sc in SHORTCUTS
        if not callable(getattr(ReviewWindow, f"do_{sc.action}", None))
    ]
    assert missing == []


def test_the_issue_s_actions_all_have_keys():
    actions = {sc.action_id for sc in SHORTCUTS}
    needed = {"next_span", "previous_span", "next_article", "previous_article", "accept", "reject",
              "nudge:start:-1", "nudge:start:1", "nudge:end:-1", "nudge:end:1", "mark", "create",
              "delete", "edit_figure", "link_source", "mark_reviewed", "undo", "redo", "help"}  # fmt: skip
    needed |= {f"label:{label}" for label in LABELS} | {f"verdict:{v.value}" for v in Verdict}
    assert needed - actions == set()


def test_help_screen_lists_every_shortcut(qtbot):
    dialog = ShortcutsDialog(SHORTCUTS)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert rows == {sc.help for sc in SHORTCUTS}
    assert dialog.table.item(0, 0).text() == "J"


def test_f1_opens_the_help_screen(window, press):
    press(window, "F1")
    assert window.help_dialog.isVisible()
    assert window.help_dialog.table.rowCount() == len(
        HELP_ROWS
    )  # the adjudication and claims keys too


def test_no_two_adjudication_actions_share_a_key_and_each_exists():
    from desktop.adjudication_view import AdjudicationView

    keys = Counter(
        QKeySequence(sc.key).toString(QKeySequence.SequenceFormat.PortableText)
        for sc in ADJUDICATION_SHORTCUTS
    )
    assert "" not in keys and [k for k, n in keys.items() if n > 1] == []
    assert [sc.action for sc in ADJUDICATION_SHORTCUTS
            if not callable(getattr(AdjudicationView, f"do_{sc.action}", None))] == []  # fmt: skip
