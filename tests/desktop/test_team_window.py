"""Blind review and queues in the window: a reviewer sees their assigned articles and their own
progress, and in blind review nothing of another reviewer's work — spans, counts, status,
tooltips, the span panel's sources, filters and search — while their keys still write their
own layer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotations.model import Source
from annotations.store import Store
from desktop.article_view import span_tip


def _team_project(project) -> None:
    """Blind review on; ana has gaza and kyiv, ben gaza and oslo; ben has been through gaza."""
    lead = Store(project, reviewer="lead")
    lead.set_blind(True)
    lead.assign([("gaza", "ana"), ("kyiv", "ana"), ("gaza", "ben"), ("oslo", "ben")])
    lead.close()
    ben = Store(project, reviewer="ben")
    by_text = {s.text: s for s in ben.spans("gaza")}
    ben.reject(by_text["Gaza"].id)
    ben.relabel(by_text["Health Ministry"].id, "PERSON")
    ben.set_verdict(by_text["some 1,400 people"].id, "false")
    ben.set_note(by_text["Monday"].id, "ben's private hunch")
    ben.link_source(by_text["20 trucks"].id, Source(url="https://ben.example/trucks"))
    ben.add_span("gaza", 0, 15, "PERSON")  # "Dr Ahmed Khalil"
    ben.mark_reviewed("gaza")
    ben.close()


def _listed(window) -> list[str]:
    m = window.list_model
    return [m.article_id(r) for r in range(m.rowCount())]


def _cells(window) -> list[str]:
    m = window.list_model
    return [str(m.index(r, c).data()) for r in range(m.rowCount()) for c in range(m.columnCount())]


def test_blind_window_shows_ana_her_queue_and_nothing_of_bens_work(
    qtbot, project, window_on, press
):
    _team_project(project)
    w = window_on(Store(project, reviewer="ana"))
    assert _listed(w) == ["gaza", "kyiv"]  # her queue, not oslo
    assert "Your queue: 0 of 2 done" in w.list_count.text()
    assert w.progress_label.text() == "Yours: 0 of 2 done"

    w.open_article("gaza")
    seen = {s.text: (s.label, s.status.value) for s in w.spans}
    assert seen == {
        "some 1,400 people": ("FIGURE", "suggested"), "Gaza": ("GPE", "suggested"),
        "Monday": ("DATE", "suggested"), "more than 9,000": ("FIGURE", "suggested"),
        "Health Ministry": ("ORG", "suggested"), "20 trucks": ("FIGURE", "suggested"),
    }  # fmt: skip
    fig = next(s for s in w.spans if s.text == "some 1,400 people")
    assert fig.figure.verdict.value == "unverified"
    tips = " ".join(span_tip(s) for s in w.spans)
    assert "hunch" not in tips and "PERSON" not in tips
    # The list row: her status and counts, not ben's "reviewed" and 6 decided.
    assert "reviewed" not in _cells(w)[:5] and "0/6" in _cells(w)
    trucks = next(s for s in w.spans if s.text == "20 trucks")
    w.set_current(trucks.id)
    assert w.panel.link_model.rowCount() == 0  # ben's source is not shown

    # Filters and search look at what she sees.
    w.verdict_filter.setCurrentIndex(w.verdict_filter.findData("false"))
    qtbot.waitUntil(lambda: _listed(w) == [])
    w.verdict_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(_listed(w)) == 2)
    qtbot.keyClicks(w.search_edit, "hunch")
    qtbot.waitUntil(lambda: _listed(w) == [], timeout=2000)
    w.search_edit.clear()
    qtbot.waitUntil(lambda: len(_listed(w)) == 2)

    # Her keys decide the suggestion as she sees it, into her layer.
    w.open_article("gaza")
    ministry = next(s for s in w.spans if s.text == "Health Ministry")
    w.set_current(ministry.id)
    w.view.setFocus()
    press(w, "A")
    check = Store(project)
    mine = {d.span.text: (d.span.label, d.span.status.value) for d in check.decisions("ana")}
    assert mine == {"Health Ministry": ("ORG", "accepted")}
    bens = {d.span.text: d.span.label for d in check.decisions("ben")}
    assert bens["Health Ministry"] == "PERSON"  # his layer untouched
    press(w, "Shift+A", "Ctrl+Return")  # accept the rest, mark reviewed
    assert "gaza" in check.done_by("ana")
    assert {d.span.text for d in check.decisions("ana")} == {
        "some 1,400 people", "Gaza", "Monday", "more than 9,000", "Health Ministry", "20 trucks"
    }  # fmt: skip
    assert "Your queue: 1 of 2 done" in w.list_count.text()
    w.update_status()
    assert w.progress_label.text() == "Yours: 1 of 2 done"
    assert w.article.id == "kyiv"  # on to the next of her queue
    check.close()


def test_with_blind_review_off_the_queue_still_lists_only_her_articles(project, window_on):
    lead = Store(project, reviewer="lead")
    lead.assign([("kyiv", "ana"), ("oslo", "ben")])
    Store(project, reviewer="ben").reject(lead.spans("oslo")[0].id)
    lead.close()
    w = window_on(Store(project, reviewer="ana"))
    assert _listed(w) == ["kyiv"]
    ben = Store(project, reviewer="ben")
    w.set_reviewer("ben")
    assert _listed(w) == ["oslo"]
    assert w.article.id == "oslo"  # his first article, not hers
    assert w.spans[0].status.value == "rejected"  # not blind: the final version
    ben.close()


def test_without_assignments_or_blind_review_the_window_lists_every_article(window):
    assert _listed(window) == ["gaza", "kyiv", "oslo"]
    assert window.progress_label.text().startswith("Project: ")
    assert window.list_count.text() == "3 articles"
    assert window.list_model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)


def test_the_window_reopens_in_her_queue_not_on_an_article_she_was_not_given(
    project, window_on, prefs
):
    import hashlib
    from pathlib import Path

    lead = Store(project, reviewer="lead")
    lead.assign([("kyiv", "ana"), ("oslo", "ana"), ("gaza", "ben")])
    lead.close()
    key = hashlib.sha1(str(Path(project).resolve()).encode()).hexdigest()[:12]
    prefs.setValue(f"last/{key}/article", "gaza")  # last opened before she had a queue
    w = window_on(Store(project, reviewer="ana"))
    assert w.article.id == "kyiv"
