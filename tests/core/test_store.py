"""The store's promises: spans quote their article, every edit is logged and can be undone."""

from __future__ import annotations

import json
import sqlite3

import pytest

from annotations.model import Article, ArticleStatus, Figure, Source, Span, SpanStatus, Verdict
from annotations.store import InvalidSourceUrl, SpanMismatch, Store, StoreError

TEXT = "Hamas attacked on Oct. 7, killing some 1,400 people in Israel. 😀 שלום مرحبا Gaza."


def add(store, text=TEXT, aid="a1", spans=()):
    with store.transaction():
        store.insert_article(Article(id=aid, text=text, title="T"), list(spans))
    return store.spans(aid)


def span_of(text, needle, label, **kw):
    i = text.index(needle)
    return Span(i, i + len(needle), label, needle, **kw)


def figure_span():
    return span_of(
        TEXT,
        "some 1,400",
        "FIGURE",
        figure=Figure(value=1400, qualifier="approximately", counted="people"),
    )


def test_fresh_file_gets_every_table_with_wal_and_foreign_keys(tmp_path):
    s = Store(tmp_path / "p.db")
    tables = set(s.db.table_names())
    assert {"articles", "spans", "sources", "span_sources", "reviewers", "events"} <= tables
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_reopening_applies_no_migration_twice(tmp_path):
    Store(tmp_path / "p.db").close()
    s = Store(tmp_path / "p.db")
    names = [r[0] for r in s.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert names == sorted(set(names)) and "0001_initial" in names


def test_store_refuses_span_whose_text_is_not_the_article_text(store):
    add(store)
    with pytest.raises(SpanMismatch):
        with store.transaction():
            store._insert_spans("a1", [Span(0, 5, "ORG", "Hamaz")], "t")
    # and at the SQL level too, for anyone writing to the file directly
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            'INSERT INTO spans(article_id, start, "end", label, text, origin, status, created_at)'
            " VALUES ('a1', 0, 5, 'ORG', 'Hamaz', 'x', 'suggested', 'now')"
        )
    assert store.spans("a1") == []


def test_offsets_are_code_points_through_emoji_hebrew_and_arabic(store, tmp_path):
    spans = add(
        store,
        spans=[
            span_of(TEXT, "שלום", "GPE"),
            span_of(TEXT, "Gaza", "GPE"),
            span_of(TEXT, "مرحبا", "NORP"),
        ],
    )
    reopened = Store(tmp_path / "project.db")
    article = reopened.article("a1")
    for s in reopened.spans("a1"):
        assert article.text[s.start : s.end] == s.text
    assert [s.text for s in spans] == ["שלום", "مرحبا", "Gaza"]


def test_accept_logs_who_did_what_with_before_and_after(store):
    s = add(store, spans=[figure_span()])[0]
    store.accept(s.id)
    assert store.span(s.id).status is SpanStatus.ACCEPTED
    # the span's event (the operation also files the decision in the reviewer's layer)
    event = next(e for e in store.events() if e.op == "accept" and e.span_id == s.id and e.before)
    assert event.reviewer == "tester"
    assert event.before["status"] == "suggested" and event.after["status"] == "accepted"
    assert store.article("a1").status is ArticleStatus.IN_REVIEW


def test_every_operation_can_be_undone_and_redone(store):
    s = add(store, spans=[figure_span()])[0]
    ops = [
        lambda: store.reject(s.id),
        lambda: store.set_verdict(s.id, Verdict.DISPUTED),
        lambda: store.nudge(s.id, "end", +1),
        lambda: store.relabel(s.id, "ORG"),
        lambda: store.link_source(
            s.id, Source("https://ochaopt.org/report"), "contradicts", "9,000"
        ),
        lambda: store.mark_reviewed("a1"),
        lambda: store.add_span("a1", 0, 5, "ORG"),
    ]
    for op in ops:
        before = (store.spans("a1"), store.links(s.id), store.article("a1"))
        change = op()
        after = (store.spans("a1"), store.links(s.id), store.article("a1"))
        assert after != before
        undo = store.revert(change.op_id)
        assert (store.spans("a1"), store.links(s.id), store.article("a1")) == before
        store.revert(undo.op_id)
        assert (store.spans("a1"), store.links(s.id), store.article("a1")) == after


def test_nudge_moves_one_token_at_a_time(store):
    s = add(store, spans=[figure_span()])[0]
    store.nudge(s.id, "end", +1)
    assert store.span(s.id).text == "some 1,400 people"
    store.nudge(s.id, "start", +1)
    assert store.span(s.id).text == "1,400 people"
    store.nudge(s.id, "end", -1)
    store.nudge(s.id, "start", -1)
    assert store.span(s.id).text == "some 1,400"
    assert store.span(s.id).status is SpanStatus.CORRECTED


def test_failed_operation_leaves_nothing_half_written(store):
    s = add(store, spans=[figure_span()])[0]
    n_events = len(store.events())
    with pytest.raises(StoreError):
        store.relabel(s.id, "NOT_A_LABEL")
    with pytest.raises(StoreError):
        store.resize(s.id, 5, 5)
    assert store.span(s.id).label == "FIGURE" and len(store.events()) == n_events


def test_source_urls_must_be_http_or_https(store):
    s = add(store, spans=[figure_span()])[0]
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://x.org/a",
        "www.example.com",
        "",
    ):
        with pytest.raises(InvalidSourceUrl):
            store.link_source(s.id, Source(bad))
    assert store.links(s.id) == []


def test_sources_are_reused_by_url_and_counted_by_stance(store):
    a, b = add(store, spans=[figure_span(), span_of(TEXT, "Israel", "GPE")])
    store.link_source(a.id, Source("https://un.org/x", title="UN report"), "supports")
    store.link_source(b.id, Source("https://un.org/x"), "contradicts")
    assert store.stats()["sources"] == 1
    assert store.stance_counts(a.id) == {"supports": 1, "contradicts": 0, "context": 0}
    assert [s.title for s in store.find_sources("UN rep")] == ["UN report"]


def test_only_reviewer_added_spans_can_be_deleted(store):
    s = add(store, spans=[figure_span()])[0]
    with pytest.raises(StoreError):
        store.delete_span(s.id)
    added = store.add_span("a1", 0, 5, "ORG").created_span_id
    store.delete_span(added)
    assert [x.id for x in store.spans("a1")] == [s.id]


def test_rehighlighting_never_touches_decided_spans(store):
    fig, place = add(store, spans=[figure_span(), span_of(TEXT, "Israel", "GPE")])
    store.relabel(place.id, "LOC")
    store.replace_suggestions("a1", [span_of(TEXT, "Israel", "GPE"), span_of(TEXT, "Gaza", "GPE")])
    spans = {(s.text, s.label, s.status) for s in store.spans("a1")}
    assert ("Israel", "LOC", SpanStatus.CORRECTED) in spans
    assert ("Israel", "GPE", SpanStatus.SUGGESTED) not in spans
    assert ("Gaza", "GPE", SpanStatus.SUGGESTED) in spans
    assert fig.id not in {s.id for s in store.spans("a1")}  # the undecided figure was replaced


def test_full_text_search_matches_words_and_prefixes(store):
    add(store)
    add(store, text="Markets fell in London.", aid="a2")
    assert store.article_ids(search="killing") == ["a1"]
    assert store.article_ids(search="Lond") == ["a2"]
    assert store.article_ids(search='"; DROP TABLE articles') == []


def test_events_are_json_a_user_can_query(store):
    s = add(store, spans=[figure_span()])[0]
    store.set_verdict(s.id, "supported")
    raw = store.conn.execute("SELECT after FROM events WHERE op = 'set_verdict'").fetchone()[0]
    assert json.loads(raw)["verdict"] == "supported"
