"""The label of a new span, asked when it is created: a menu of the labels with their number keys,
the likeliest one (a figure when the text holds a digit) ready for Return."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from desktop.style import label_styles


class LabelPicker(QMenu):
    """`label_chosen(label)` when the reviewer picks one (a number key, ↑/↓ and Return, or a
    click); nothing when they press Escape."""

    label_chosen = Signal(str)

    def __init__(self, default: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Label of the new span")
        self.label_actions = {}
        for style in label_styles().values():
            key = f"&{style.key} " if style.key else ""
            action = self.addAction(f"{key}{style.name}")
            action.setToolTip(style.label)
            action.triggered.connect(
                lambda _c=False, label=style.label: self.label_chosen.emit(label)
            )
            self.label_actions[style.label] = action
        if default in self.label_actions:
            self.setActiveAction(self.label_actions[default])
            self.setDefaultAction(self.label_actions[default])
