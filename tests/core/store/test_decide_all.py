"""Deciding the rest of an article at once: one operation, an event per span, one undo."""

from __future__ import annotations

from annotations.model import Article, ArticleStatus, Span, SpanStatus
from annotations.store import Store

TEXT = "In Gaza on Monday 1,400 people died, Reuters said, and 20 trucks crossed from Egypt."


def project(tmp_path) -> tuple[Store, list[Span]]:
    store = Store(tmp_path / "p.db", reviewer="Ada")
    spans = []
    for needle, label in (("Gaza", "GPE"), ("Monday", "DATE"), ("1,400 people", "FIGURE"),
                          ("Reuters", "ORG"), ("20 trucks", "FIGURE"), ("Egypt", "GPE")):  # fmt: skip
        i = TEXT.index(needle)
        spans.append(Span(i, i + len(needle), label, needle))
    store.insert_article(Article("a", TEXT), spans)
    return store, store.spans("a")


def statuses(store: Store) -> list[str]:
    return [s.status.value for s in store.spans("a")]


def test_accept_all_accepts_only_the_undecided_in_one_undoable_operation(tmp_path):
    store, spans = project(tmp_path)
    store.reject(spans[1].id)
    change = store.accept_all("a")
    assert statuses(store) == [
        "accepted",
        "rejected",
        "accepted",
        "accepted",
        "accepted",
        "accepted",
    ]
    assert change.span_ids == {s.id for i, s in enumerate(spans) if i != 1}
    events = [e for e in store.events("a") if e.op == "accept_all"]
    # one per span, and one per span in the reviewer's layer
    assert len([e for e in events if e.span_id is not None and "origin" in e.after]) == 5
    assert len([e for e in events if e.after and "anchor_start" in e.after]) == 5
    assert store.article("a").status is ArticleStatus.IN_REVIEW
    store.revert(change.op_id)
    assert statuses(store) == ["suggested", "rejected", *["suggested"] * 4]


def test_only_the_suggestions_the_reviewer_saw_are_decided(tmp_path):
    store, spans = project(tmp_path)
    seen = [s.id for s in spans[:3]]
    store.reject_all("a", expected_ids=seen)
    assert statuses(store) == ["rejected"] * 3 + ["suggested"] * 3


def test_nothing_undecided_is_no_operation(tmp_path):
    store, _ = project(tmp_path)
    store.accept_all("a")
    again = store.accept_all("a")
    assert again.op_id is None and not again.span_ids


def test_deciding_the_rest_and_marking_reviewed_is_one_undo(tmp_path):
    store, spans = project(tmp_path)
    store.accept(spans[0].id)
    change = store.decide_undecided("a", SpanStatus.REJECTED, mark_reviewed=True)
    assert store.article("a").status is ArticleStatus.REVIEWED
    assert statuses(store) == ["accepted"] + ["rejected"] * 5
    store.revert(change.op_id)
    assert store.article("a").status is ArticleStatus.IN_REVIEW
    assert statuses(store) == ["accepted"] + ["suggested"] * 5
