"""Keys go where the reviewer looks: while a field, drop-down or spin box has focus, the review
shortcuts (single keys such as A, X, 1…9, J/K) do not fire; the key goes to the field.

Qt asks the focus widget first with a ShortcutOverride event; a QLineEdit claims printable keys
but a QComboBox or QSpinBox does not, so "a" in the Qualifier drop-down used to accept the span.
The guard claims every key without Ctrl/Alt/Meta for the field, and Escape hands the focus back
to the article view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

FIELD_TYPES = (QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class FieldKeyGuard(QObject):
    """Event filter for the input fields of a window."""

    def __init__(self, parent: QObject, give_back_focus: Callable[[], None]):
        super().__init__(parent)
        self._give_back_focus = give_back_focus

    def guard(self, root: QWidget) -> None:
        """Install the guard on every input field under `root`."""
        for field in root.findChildren(QWidget):
            if isinstance(field, FIELD_TYPES):
                field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ShortcutOverride:
            if event.key() == Qt.Key.Key_F1 or event.modifiers() & _COMMAND_MODIFIERS:
                return False  # Ctrl+Z, Ctrl+Return, F1 … still work from a field
            event.accept()  # the field gets the key, no shortcut fires
            return False
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self._give_back_focus()
            return True
        return False
