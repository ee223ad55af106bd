"""The one-article project the team tests start from: two suggestions, Acme and Paris; and
the same reviewed by two reviewers who differ (the adjudication tests)."""

from __future__ import annotations

from annotations.model import Article, Figure, Span
from annotations.store import Store

TEXT = "Acme hired 300 people in Paris."


def acme_project(path, reviewer: str) -> Store:
    """A project at `path` holding article a1 with its two suggestions, opened as `reviewer`."""
    store = Store(path, reviewer=reviewer)
    store.insert_article(
        Article("a1", TEXT),
        [Span(0, 4, "ORG", "Acme", origin="rules"), Span(25, 30, "GPE", "Paris", origin="rules")],
    )
    return store


def two_reviewers(tmp_path) -> tuple[Store, dict[str, int]]:
    """ana and ben in one project file: Acme alike, 300 and Paris differently, ben adds one."""
    path = tmp_path / "p.db"
    ana = acme_project(path, "ana")
    with ana.transaction():
        ana._insert_spans("a1", [Span(11, 14, "FIGURE", "300", figure=Figure(value=300))], "t")
    ids = {s.text: s.id for s in ana.spans("a1")}
    ana.accept(ids["Acme"])
    ana.set_verdict(ids["300"], "supported")
    ana.relabel(ids["Paris"], "LOC")
    ben = Store(path, reviewer="ben")
    ben.accept(ids["Acme"])
    # one file: ben sees the span rows as ana left them, and changes them back his way
    ben.update_figure(ids["300"], Figure(value=300, qualifier="approximately"))
    ben.set_verdict(ids["300"], "unverified")
    ben.relabel(ids["Paris"], "GPE")
    ids["people"] = ben.add_span("a1", 15, 21, "NORP").created_span_id
    ben.close()
    ana.close()
    return Store(path, reviewer="lead"), ids
