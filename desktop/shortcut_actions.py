"""A shortcut table installed on a window: one QAction per action of the table (rows with the
same action and arg share it, holding every key they give), calling the window's `do_<action>`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.shortcuts import Shortcut


def install_shortcuts(window: QWidget, table: list[Shortcut]) -> dict[str, QAction]:
    """Add the table's actions to `window`; returns each key's action."""
    by_key: dict[str, QAction] = {}
    by_action: dict[str, QAction] = {}
    for sc in table:
        action = by_action.get(sc.action_id)
        if action is None:
            action = by_action[sc.action_id] = QAction(sc.help, window)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            handler = getattr(window, f"do_{sc.action}")
            if sc.arg is None:
                action.triggered.connect(lambda _checked=False, h=handler: h())
            else:
                action.triggered.connect(lambda _checked=False, h=handler, a=sc.arg: h(a))
            window.addAction(action)
        action.setShortcuts([*action.shortcuts(), QKeySequence(sc.key)])
        by_key[sc.key] = action
    return by_key
