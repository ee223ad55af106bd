"""Undo and redo on the core's operation ids: a command is a few lines that call Store.revert."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotations.model import Change


class OperationCommand(QUndoCommand):
    """An operation already done by the core. Undo reverts it; redo reverts the revert."""

    def __init__(self, text: str, op_id: int, revert: Callable[[int], Change | None]):
        super().__init__(text)
        self._done_op = op_id  # the operation whose effect is in place
        self._undo_op: int | None = None
        self._revert = revert
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo; the core already ran it
            self._pushed = True
            return
        if self._undo_op is not None:
            change = self._revert(self._undo_op)
            if change is not None:
                self._done_op = change.op_id

    def undo(self) -> None:
        change = self._revert(self._done_op)
        if change is not None:
            self._undo_op = change.op_id
