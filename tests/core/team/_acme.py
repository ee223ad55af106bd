"""The one-article project the team tests start from: two suggestions, Acme and Paris."""

from __future__ import annotations

from annotations.model import Article, Span
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
