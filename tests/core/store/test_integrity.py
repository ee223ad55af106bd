"""Issue 10: no decision is lost or overwritten — two writers, undo and redo, stale panels,
stable row ids, text that cannot drift from its spans, projects from a newer factmark."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time

import pytest

from annotations.errors import FactmarkError
from annotations.model import Article, Figure, Source, Span
from annotations.schema import migrations
from annotations.store import (
    NewerSchema,
    RevertConflict,
    StaleSpan,
    Store,
    StoreError,
    open_database,
)

TEXT = "Officials said some 1,400 civilians died in Gaza City, according to Ana Diaz of the UN."


def _span(needle: str, label: str, **kw) -> Span:
    i = TEXT.index(needle)
    return Span(i, i + len(needle), label, needle, **kw)


def _project(path, reviewer="ana") -> Store:
    s = Store(path, reviewer=reviewer)
    with s.transaction():
        s.insert_article(
            Article(id="a1", text=TEXT, title="T"),
            [_span("some 1,400", "FIGURE", figure=Figure(value=1400, counted="civilians")),
             _span("Gaza City", "GPE"), _span("Ana Diaz", "PERSON")],
        )  # fmt: skip
    return s


def _id(store: Store, text: str) -> int:
    return next(s.id for s in store.spans("a1") if s.text == text)


@pytest.fixture
def two(tmp_path):
    ana = _project(tmp_path / "p.db", "ana")
    ben = Store(tmp_path / "p.db", reviewer="ben")
    yield ana, ben
    ana.close()
    ben.close()


# ------------------------------------------------------------------ writers wait their turn
def test_a_write_waits_for_another_connections_write_and_then_succeeds(two):
    ana, ben = two
    sid = _id(ana, "Gaza City")
    done = {}

    def ben_accepts():
        done["change"] = ben.accept(sid)

    with ana.transaction():
        ana.set_note(sid, "checked the map")
        t = threading.Thread(target=ben_accepts)
        t.start()
        time.sleep(0.3)  # ben is waiting on the lock, not failing
        assert t.is_alive()
    t.join(10)
    assert done["change"].op_id is not None
    s = ana.span(sid)
    assert (str(s.status), s.note) == ("accepted", "checked the map")


def test_two_writers_setting_notes_300_times_each_lose_nothing(tmp_path):
    _project(tmp_path / "p.db").close()
    failures: list[str] = []

    def writer(name: str) -> None:
        s = Store(tmp_path / "p.db", reviewer=name)
        sid = _id(s, "Gaza City")
        for i in range(300):
            try:
                s.set_note(sid, f"{name} {i}")
            except (StoreError, sqlite3.Error) as e:
                failures.append(str(e))
        s.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("ana", "ben")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    s = Store(tmp_path / "p.db")
    n = s.conn.execute("SELECT count(DISTINCT op_id) FROM events WHERE op = 'set_note'").fetchone()[
        0
    ]
    assert n == 600


# ------------------------------------------------------------------ undo never touches later work
def test_undo_refuses_when_a_later_operation_changed_the_row_and_names_it(two):
    ana, ben = two
    sid = _id(ana, "some 1,400")
    accepted = ana.accept(sid)
    ben.set_verdict(sid, "disputed")
    with pytest.raises(RevertConflict, match=r"set_verdict.*|ben") as e:
        ana.revert(accepted.op_id)
    assert "ben" in str(e.value) and "set_verdict" in str(e.value)
    assert isinstance(e.value, FactmarkError)
    assert str(ana.span(sid).figure.verdict) == "disputed"  # ben's work stands


def test_undo_then_redo_restores_the_row(store):
    sid = add_one(store)
    relabel = store.relabel(sid, "ORG")
    undo = store.revert(relabel.op_id)
    assert store.span(sid).label == "GPE"
    store.revert(undo.op_id)
    assert store.span(sid).label == "ORG"


def add_one(store: Store) -> int:
    with store.transaction():
        store.insert_article(Article(id="a1", text=TEXT), [_span("Gaza City", "GPE")])
    return store.spans("a1")[0].id


def test_undoing_an_added_span_logs_its_links_and_redo_brings_them_back(store):
    add_one(store)
    i = TEXT.index("Ana Diaz")
    sid = store.add_span("a1", i, i + 8, "PERSON").created_span_id
    store.link_source(sid, Source(url="https://un.org/x"), "supports")
    add_op = store.conn.execute(
        "SELECT op_id FROM events WHERE op = 'add_span' LIMIT 1"
    ).fetchone()[0]
    undo = store.revert(add_op)
    logged = store.conn.execute(
        "SELECT tbl FROM events WHERE op_id = ? ORDER BY id", (undo.op_id,)
    ).fetchall()
    assert [t for (t,) in logged][:2] == ["span_sources", "spans"]
    assert store.conn.execute("SELECT count(*) FROM span_sources").fetchone()[0] == 0
    store.revert(undo.op_id)  # redo
    assert [link.source.url for link in store.links(sid)] == ["https://un.org/x"]
    # deleting the (reviewer-added) span logs its links too, so its undo restores them
    deleted = store.delete_span(sid)
    logged = store.conn.execute(
        "SELECT tbl FROM events WHERE op_id = ? ORDER BY id", (deleted.op_id,)
    ).fetchall()
    # and takes the span out of its reviewer's layer
    assert [t for (t,) in logged] == ["span_sources", "spans", "decisions"]
    store.revert(deleted.op_id)
    assert [link.source.url for link in store.links(sid)] == ["https://un.org/x"]


def test_row_ids_are_never_reused_so_redo_cannot_rewrite_another_row(store):
    add_one(store)
    i = TEXT.index("Ana Diaz")
    first = store.add_span("a1", i, i + 8, "PERSON")
    undo = store.revert(first.op_id)
    j = TEXT.index("Officials")
    second = store.add_span("a1", j, j + 9, "NORP")
    assert second.created_span_id != first.created_span_id
    store.revert(undo.op_id)  # redo brings back the first span under its own id
    assert store.span(first.created_span_id).text == "Ana Diaz"
    assert store.span(second.created_span_id).text == "Officials"


def test_deleting_an_article_can_be_undone_with_its_spans_and_links(store):
    sid = add_one(store)
    store.link_source(sid, Source(url="https://un.org/x"), "supports")
    store.set_note(sid, "keep me")
    deleted = store.delete_article("a1")
    assert not store.has_article("a1")
    store.revert(deleted.op_id)
    assert store.span(sid).note == "keep me"
    assert [link.source.url for link in store.links(sid)] == ["https://un.org/x"]


# ------------------------------------------------------------------ stale panels
def test_an_edit_from_a_stale_panel_is_refused_and_says_who_changed_what(two):
    ana, ben = two
    sid = _id(ana, "some 1,400")
    shown = ana.span(sid)  # ana's panel
    ben.update_figure(sid, Figure(value=1400, counted="people"))
    edited = Figure(value=1500, counted="civilians")
    with pytest.raises(
        StaleSpan, match=r"‘some 1,400’ was changed by ben at \d\d:\d\d \(edit_figure\)"
    ):
        ana.update_figure(sid, edited, expected=shown)
    assert ana.span(sid).figure.counted == "people"
    # the reloaded span is accepted
    ana.update_figure(sid, edited, expected=ana.span(sid))
    assert ana.span(sid).figure.value == 1500


@pytest.mark.parametrize(
    "op",
    [
        lambda s, sid, e: s.accept(sid, expected=e),
        lambda s, sid, e: s.reject(sid, expected=e),
        lambda s, sid, e: s.relabel(sid, "ORG", expected=e),
        lambda s, sid, e: s.resize(sid, 0, 9, expected=e),
        lambda s, sid, e: s.nudge(sid, "end", 1, expected=e),
        lambda s, sid, e: s.set_note(sid, "x", expected=e),
        lambda s, sid, e: s.link_source(sid, Source(url="https://a.org"), expected=e),
    ],
)
def test_every_span_operation_compares_against_what_the_panel_showed(two, op):
    ana, ben = two
    sid = _id(ana, "Gaza City")
    shown = ana.span(sid)
    ben.set_note(sid, "ben's note")
    with pytest.raises(StaleSpan):
        op(ana, sid, shown)
    assert ana.span(sid).note == "ben's note"


# ------------------------------------------------------------------ text cannot drift
def test_a_text_update_that_leaves_a_span_not_quoting_is_refused_by_the_database(store):
    add_one(store)
    with pytest.raises(sqlite3.IntegrityError, match="span not quoting"):
        store.conn.execute("UPDATE articles SET text = 'x' || text WHERE id = 'a1'")
    # a change that keeps every span quoting goes through
    store.conn.execute("UPDATE articles SET text = text || ' More.' WHERE id = 'a1'")


def test_a_span_update_that_does_not_quote_is_refused_by_the_database(store):
    sid = add_one(store)
    with pytest.raises(sqlite3.IntegrityError, match="article.text"):
        store.conn.execute('UPDATE spans SET "end" = "end" + 1 WHERE id = ?', (sid,))


# ------------------------------------------------------------------ schema
def test_a_project_from_the_old_schema_keeps_its_data_triggers_search_and_keys(tmp_path):
    path = tmp_path / "old.db"
    db = open_database(path)
    migrations.apply(db, stop_before="0002_stable_ids_and_text_guard")
    c = db.conn
    c.execute(
        "INSERT INTO articles(id, title, text, status, content_hash, imported_at)"
        " VALUES ('a1', 'Old', ?, 'in_review', 'h', 't')",
        (TEXT,),
    )
    i = TEXT.index("Gaza City")
    c.execute(
        'INSERT INTO spans(id, article_id, start, "end", label, text, origin, status, note,'
        " created_at) VALUES (7, 'a1', ?, ?, 'GPE', 'Gaza City', 'rules', 'accepted', 'n', 't')",
        (i, i + 9),
    )
    c.execute("INSERT INTO sources(id, url, created_at) VALUES (3, 'https://un.org', 't')")
    c.execute(
        "INSERT INTO span_sources(id, span_id, source_id, stance, created_at)"
        " VALUES (5, 7, 3, 'contradicts', 't')"
    )
    c.execute(
        "INSERT INTO events(op_id, at, op, tbl, row_id, article_id, span_id, before, after)"
        " VALUES (1, 't', 'accept', 'spans', '7', 'a1', 7, NULL, NULL)"
    )
    db.close()

    s = Store(path, reviewer="ana")
    assert (
        "AUTOINCREMENT"
        in s.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'spans'").fetchone()[0]
    )
    span = s.span(7)
    assert (span.text, span.note, str(span.status)) == ("Gaza City", "n", "accepted")
    assert [(link.id, str(link.stance), link.source.id) for link in s.links(7)] == [
        (5, "contradicts", 3)
    ]
    assert s.article_ids(search="civilians") == ["a1"]
    assert len(s.events()) == 1
    with pytest.raises(sqlite3.IntegrityError):  # the quote trigger is back
        s.conn.execute("UPDATE spans SET start = start + 1 WHERE id = 7")
    with pytest.raises(sqlite3.IntegrityError):  # foreign keys hold
        s.conn.execute(
            "INSERT INTO span_sources(span_id, source_id, stance, created_at)"
            " VALUES (99, 3, 'supports', 't')"
        )
    s.delete_article("a1")
    assert s.conn.execute("SELECT count(*) FROM span_sources").fetchone()[0] == 0
    assert s.integrity_check() == "ok"
    assert s.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_project_from_a_newer_factmark_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "p.db"
    s = _project(path)
    s.conn.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
        " VALUES ('factmark', '0099_from_the_future', 't')"
    )
    s.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(NewerSchema, match="0099_from_the_future") as e:
        Store(path, reviewer="ben")
    assert isinstance(e.value, FactmarkError)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_an_import_beside_a_reviewer_finishes_and_so_does_every_key_press(tmp_path):
    from annotations.importers import import_paths

    _project(tmp_path / "p.db").close()
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):
        (folder / f"n{i:03}.txt").write_text(f"Article {i}: {i} people met.", encoding="utf-8")
    result = {}

    def importer():
        s = Store(tmp_path / "p.db", reviewer="cli")
        result["report"] = import_paths(s, [folder], batch_size=20)
        s.close()

    t = threading.Thread(target=importer)
    reviewer = Store(tmp_path / "p.db", reviewer="ana")
    sid = _id(reviewer, "Gaza City")
    failures = []
    t.start()
    for i in range(100):
        try:
            reviewer.set_note(sid, f"note {i}")
        except (StoreError, sqlite3.Error) as e:
            failures.append(str(e))
    t.join(60)
    assert failures == []
    assert result["report"].imported == 300 and reviewer.count_articles() == 301
    assert reviewer.span(sid).note == "note 99"


def test_a_write_that_cannot_get_the_lock_says_so_and_writes_nothing(two):
    ana, ben = two
    sid = _id(ana, "Gaza City")
    ben.conn.execute("PRAGMA busy_timeout = 100")
    with ana.transaction():
        ana.set_note(sid, "ana's")
        with pytest.raises(FactmarkError, match="busy"):
            ben.accept(sid)
    assert not ben.conn.in_transaction
    assert str(ben.span(sid).status) == "suggested" and ben.span(sid).note == "ana's"


def test_a_failing_step_inside_a_larger_operation_undoes_only_itself(store):
    sid = add_one(store)
    with store.transaction():
        store.set_note(sid, "kept")
        with pytest.raises(StoreError):
            store.relabel(sid, "NOT_A_LABEL")
        with pytest.raises(StoreError):
            with store.transaction():
                store.set_note(sid, "rolled back")
                raise StoreError("refused")
    assert store.span(sid).note == "kept"
