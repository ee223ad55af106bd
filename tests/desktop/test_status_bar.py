"""The status bar: project progress and the session's pace from the store, other reviewers."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.store import Store
from desktop.status_bar import ReviewStatusBar


@dataclass
class Session:
    reviewer: str

    def describe(self) -> str:
        return f"{self.reviewer} (since 10:00)"


def test_counts_follow_the_project(qtbot, project):
    store = Store(project, reviewer="Ada")
    bar = ReviewStatusBar(store)
    qtbot.addWidget(bar)
    bar.update_counts()
    assert bar.progress_label.text() == "Project: 0/3 reviewed (0%)"
    assert bar.reviewer_label.text() == "Reviewer: Ada"
    store.accept(store.spans("oslo")[0].id)
    store.mark_reviewed("oslo")
    bar.update_counts()
    assert bar.progress_label.text() == "Project: 1/3 reviewed (33%)"
    assert bar.session_label.text().startswith("Session: 1 articles, 1 spans")


def test_other_reviewers_are_named_and_gone_when_they_leave(qtbot, project):
    bar = ReviewStatusBar(Store(project, reviewer="Ada"))
    qtbot.addWidget(bar)
    bar.show_others([Session("Bo")], opened=True)
    assert bar.others_label.text() == "Also open: Bo (since 10:00)"
    assert "also open in another window: Bo" in bar.currentMessage()
    bar.show_others([], opened=False)
    assert bar.others_label.text() == ""


def test_the_window_shows_its_errors_in_its_status_bar(window, press):
    press(window, "Delete")  # a suggestion, not a span the reviewer added
    assert window.statusBar() is window.status_bar
    assert window.statusBar().currentMessage()
