"""The reviewer moves an article's body bounds: one operation with its event, undone by revert;
an older project (before 0012) opens with every article all body."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from annotations.model import Article, Body, Span
from annotations.schema import migrations
from annotations.store import BadBody, Store

TEXT = "Site name\nSeparator\n\nThe headline\nBy STAFF\n\nThe story is told here in full.\n\nOther story"


def _article(store) -> None:
    byline = TEXT.index("By STAFF")
    body = Body(TEXT.index("The headline"), TEXT.index("\n\nOther"), ((byline, byline + 8),))
    store.insert_article(Article("a", TEXT, body=body))


def test_moving_the_body_start_is_an_operation_undo_restores(store):
    _article(store)
    before = store.article("a").body
    change = store.set_body("a", start=0)
    assert change.op == "set_body" and change.op_id is not None
    assert store.article("a").body == Body(0, before.end, before.furniture)
    [event] = [e for e in store.events("a") if e.op == "set_body"]
    assert event.before["body_start"] == before.start and event.after["body_start"] == 0
    assert event.reviewer == "tester"
    undo = store.revert(change.op_id)
    assert store.article("a").body == before
    store.revert(undo.op_id)  # redo
    assert store.article("a").body.start == 0


def test_moving_the_end_past_furniture_leaves_the_text_and_spans_alone(store):
    _article(store)
    store.add_span("a", TEXT.index("Other"), len(TEXT), "ORG")
    store.set_body("a", end=len(TEXT))
    a = store.article("a")
    assert a.text == TEXT and a.holds(TEXT.index("Other"), len(TEXT))
    assert [s.text for s in store.spans("a")] == ["Other story"]
    store.set_body("a", start=TEXT.index("The story"))  # the byline falls outside: no hole now
    assert store.article("a").body.furniture == ()


def test_a_body_ending_before_it_starts_is_refused_with_a_reason(store):
    _article(store)
    with pytest.raises(BadBody, match="its start must come before its end"):
        store.set_body("a", end=3)
    assert store.article("a").body.end == TEXT.index("\n\nOther")
    with pytest.raises(BadBody, match="within the text"):
        store.set_body("a", end=len(TEXT) + 5)


def test_setting_the_bounds_they_have_is_no_operation(store):
    _article(store)
    body = store.article("a").body
    assert store.set_body("a", start=body.start).op_id is None


def test_an_old_project_opens_with_each_article_all_body(tmp_path):
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0012_article_body")
    db.conn.execute(
        "INSERT INTO articles(id, title, text, content_hash, imported_at)"
        " VALUES ('old', 'Old', ?, 'x', '2024-01-01')",
        (TEXT,),
    )
    db.conn.commit()
    db.close()
    store = Store(path, reviewer="tester")
    a = store.article("old")
    assert a.text == TEXT and a.body is None and a.furniture_ranges() == []
    assert a.holds(0, len(TEXT))
    store.add_span("old", 0, 9, "ORG")
    assert [s.text for s in store.spans("old")] == ["Site name"]
    change = store.set_body("old", start=TEXT.index("The headline"))  # from the whole text
    assert store.article("old").body == Body(TEXT.index("The headline"), len(TEXT))
    store.revert(change.op_id)
    assert store.article("old").body is None
    store.close()


def test_insert_refuses_a_body_outside_the_text(store):
    with pytest.raises(BadBody):
        store.insert_article(Article("b", "short", body=Body(2, 50)), [Span(0, 1, "ORG", "s")])
    assert not store.has_article("b")
