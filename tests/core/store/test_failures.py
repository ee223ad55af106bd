"""What the environment breaks (read-only file, full disk, missing table) comes out of the store as
one StoreUnavailable saying nothing was saved, and leaves the project as it was."""

from __future__ import annotations

import sqlite3

import pytest

from annotations.model import Article, Source, Span
from annotations.store import Store, StoreUnavailable


@pytest.fixture
def one_span(store):
    text = "Some 1,400 people were killed."
    with store.transaction():
        store.insert_article(Article("a", text), [Span(0, 10, "FIGURE", "Some 1,400")])
    return store.spans("a")[0].id


def test_a_read_only_project_refuses_with_one_line_and_writes_nothing(store, one_span):
    events = len(store.events())
    store.conn.execute("PRAGMA query_only = 1")
    with pytest.raises(StoreUnavailable, match="read-only: the change was not saved"):
        store.accept(one_span)
    store.conn.execute("PRAGMA query_only = 0")
    assert store.span(one_span).status.value == "suggested"
    assert len(store.events()) == events


def test_a_full_disk_mid_operation_rolls_back_the_whole_operation(store, one_span, tmp_path):
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    long_article = Article("b", "x " * 200_000)
    with pytest.raises(StoreUnavailable, match="disk is full"):
        with store.transaction():
            store.insert_article(long_article, [])
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.article_ids() == ["a"]


def test_a_dropped_table_is_reported_as_a_damaged_project(store, one_span):
    other = sqlite3.connect(store.path)
    other.execute("DROP TABLE span_sources")
    other.commit()
    other.close()
    # The window that had it open: its next write says so and changes nothing.
    with pytest.raises(StoreUnavailable, match="damaged"):
        store.link_source(one_span, Source("https://example.org/report"))
    assert store.span(one_span).status.value == "suggested"
    # Opening it again refuses, naming the file and the table, and leaves it as it is.
    with pytest.raises(StoreUnavailable, match=r"project\.db: .*damaged: table span_sources"):
        Store(store.path)
    names = {r[0] for r in sqlite3.connect(store.path).execute("SELECT name FROM sqlite_master")}
    assert "span_sources" not in names  # not silently recreated empty over the loss
