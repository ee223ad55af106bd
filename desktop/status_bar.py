"""The review window's status bar: other reviewers, the reviewer, project and session counts,
and the passing messages (errors and confirmations)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from PySide6.QtWidgets import QStatusBar, QWidget

from annotations.model import DONE_STATUSES
from annotations.store import Store
from desktop.plain_text import plain_label

ERROR_MS = 10_000


class ReviewStatusBar(QStatusBar):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.session_start = datetime.now(UTC).isoformat(timespec="milliseconds")
        self.session_clock = time.monotonic()
        self.others_label = plain_label()  # names other reviewers typed
        self.reviewer_label = plain_label()  # a name the reviewer typed
        self.progress_label = plain_label()
        self.session_label = plain_label()
        for w in (self.others_label, self.reviewer_label, self.progress_label, self.session_label):
            self.addPermanentWidget(w)

    def show_error(self, message: str) -> None:
        self.showMessage(message, ERROR_MS)

    def update_counts(self) -> None:
        """Reviewer, project progress and this session's pace, read from the store."""
        self.reviewer_label.setText(f"Reviewer: {self.store.reviewer or '?'}")
        queue = self.store.queue_progress()
        if queue is not None:  # the reviewer's own articles (assigned, or all in blind review)
            done, total = queue
            self.progress_label.setText(f"Yours: {done:,} of {total:,} done")
        else:
            total = self.store.count_articles()
            done = self.store.count_articles(DONE_STATUSES)  # adjudicated ones were reviewed
            pct = f" ({100 * done / total:.0f}%)" if total else ""
            self.progress_label.setText(f"Project: {done:,}/{total:,} reviewed{pct}")
        counts = self.store.session_counts(self.session_start)
        minutes = (time.monotonic() - self.session_clock) / 60
        pace = counts["spans"] / minutes if minutes >= 1 else 0.0
        self.session_label.setText(
            f"Session: {counts['articles']} articles, {counts['spans']} spans · {int(minutes)} min"
            + (f" · {pace:.1f} spans/min" if pace else "")
        )

    def show_others(self, others: list, opened: bool) -> None:
        """Who else has the project open (`others`: presence sessions); nothing when alone."""
        if not others:
            self.others_label.setText("")
            self.others_label.setToolTip("")
            return
        names = ", ".join(s.describe() for s in others)
        self.others_label.setText(f"Also open: {names}")
        self.others_label.setToolTip(
            "Every edit you make is checked against what you see: if someone else changed the "
            "span since, your edit is not saved, the span reloads and the status bar says who."
        )
        lead = "This project is also open in another window" if opened else "Also opened now"
        self.showMessage(f"{lead}: {names}. Both can review side by side.", 15_000)
