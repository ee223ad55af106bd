"""Keeps the window honest about other reviewers: announces this window beside the project, tells
who else has it open, and notices when someone else's changes have been saved to it."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from annotations.presence import Presence, Session
from annotations.store import Store


class ProjectWatch(QObject):
    others_changed = Signal(list)  # [Session], the other windows open on the project now
    changed_elsewhere = Signal()  # another connection committed to the project

    def __init__(self, store: Store, parent: QObject | None = None, interval_ms: int = 1500):
        super().__init__(parent)
        self.store = store
        self.presence = Presence(store.path, store.reviewer)
        self.presence.join()
        self.others: list[Session] = self.presence.others()
        store.changed_elsewhere()  # start counting from now
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        self._timer.start(interval_ms)

    def poll(self) -> None:
        others = self.presence.others()
        if others != self.others:
            self.others = others
            self.others_changed.emit(others)
        if self.store.changed_elsewhere():
            self.changed_elsewhere.emit()

    def rename(self, reviewer: str) -> None:
        """The reviewer changed their name: announce this window under the new one."""
        self.presence.leave()
        self.presence.reviewer = reviewer
        self.presence.join()

    def stop(self) -> None:
        self._timer.stop()
        self.presence.leave()
