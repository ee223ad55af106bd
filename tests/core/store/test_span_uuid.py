"""Every span has a stable UUID: given to old projects' spans by the migration, to new ones on
insert, kept by a JSONL export and re-import, and never shared by two spans."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from annotations.exporters import export
from annotations.importers import import_paths
from annotations.model import Article, Span, SpanStatus
from annotations.schema import migrations
from annotations.store import Store
from annotations.store.connection import open_database

TEXT = "Acme Corp hired 300 people in Leeds."


def _uuids(store: Store) -> dict[int, str]:
    return dict(store.conn.execute("SELECT id, uuid FROM spans").fetchall())


def _is_uuid4(value: str) -> bool:
    return str(uuid.UUID(value)) == value and uuid.UUID(value).version == 4


def test_the_migration_names_every_span_of_an_older_project(tmp_path):
    path = tmp_path / "old.db"
    db = open_database(path)
    migrations.apply(db, stop_before="0004_span_uuid")
    db.conn.execute(
        "INSERT INTO articles(id, text, status, content_hash, imported_at)"
        " VALUES ('a1', ?, 'new', 'h', 't')",
        (TEXT,),
    )
    for quote in ("Acme Corp", "300", "Leeds"):
        i = TEXT.index(quote)
        db.conn.execute(
            'INSERT INTO spans(article_id, start, "end", label, text, origin, status, created_at)'
            " VALUES ('a1', ?, ?, 'ORG', ?, 'rules', 'suggested', 't')",
            (i, i + len(quote), quote),
        )
    db.close()
    store = Store(path)
    names = _uuids(store)
    assert len(names) == 3 and all(_is_uuid4(u) for u in names.values())
    assert len(set(names.values())) == 3
    store.close()
    assert _uuids(Store(path)) == names  # given once, not again on the next open


def test_every_new_span_gets_its_own_uuid_and_keeps_it(tmp_path):
    store = Store(tmp_path / "p.db", reviewer="alice")
    store.insert_article(Article("a1", TEXT), [Span(0, 9, "ORG", "Acme Corp")])
    [imported] = store.spans("a1")
    added = store.add_span("a1", TEXT.index("Leeds"), TEXT.index("Leeds") + 5, "GPE")
    names = _uuids(store)
    assert all(_is_uuid4(u) for u in names.values()) and len(set(names.values())) == 2
    store.relabel(imported.id, "PERSON")
    store.resize(imported.id, 0, 4)
    assert store.span(imported.id).uuid == names[imported.id]  # edits keep the name
    with pytest.raises(sqlite3.IntegrityError, match="keeps its uuid"):
        store.conn.execute(
            "UPDATE spans SET uuid = ? WHERE id = ?", (str(uuid.uuid4()), added.created_span_id)
        )


def test_an_undone_delete_brings_the_span_back_under_its_uuid(tmp_path):
    store = Store(tmp_path / "p.db", reviewer="alice")
    store.insert_article(Article("a1", TEXT))
    sid = store.add_span("a1", 0, 9, "ORG").created_span_id
    name = store.span(sid).uuid
    deleted = store.delete_span(sid)
    other = store.add_span("a1", 0, 9, "ORG").created_span_id
    assert store.span(other).uuid != name  # a new span never takes a deleted one's name
    store.delete_span(other)
    store.revert(deleted.op_id)
    assert store.span(sid).uuid == name


def test_a_jsonl_export_and_import_keeps_every_span_uuid(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out)
    exported = {(r["id"], s["start"], s["end"], s["label"]): s["uuid"]
                for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())
                for s in r["spans"]}  # fmt: skip
    assert len(exported) == 11 and all(_is_uuid4(u) for u in exported.values())
    moved = Store(tmp_path / "moved.db")
    report = import_paths(moved, [out])
    assert report.imported == 2 and not report.problems
    kept = {(s.article_id, s.start, s.end, s.label): s.uuid
            for a in ("a1", "a2") for s in moved.spans(a)}  # fmt: skip
    assert kept == exported


def test_importing_spans_whose_uuids_are_taken_gives_them_fresh_ones(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out)
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    rec["id"], rec["text"] = "copy", rec["text"] + " More."  # another article, same spans
    rec["spans"].append(dict(rec["spans"][0]))  # and one uuid twice in the file
    copy = tmp_path / "copy.jsonl"
    copy.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    report = import_paths(project.store, [copy])
    assert report.imported == 1 and not report.problems
    names = list(_uuids(project.store).values())
    assert len(names) == len(set(names))  # no uuid names two spans
    assert {s.uuid for s in project.store.spans("copy")}.isdisjoint(
        s.uuid for s in project.store.spans("a1")
    )


def test_a_span_uuid_that_is_not_a_uuid_is_one_line_and_the_rest_imports(tmp_path):
    good = {"id": "ok", "text": TEXT, "spans": [{"start": 0, "end": 9, "label": "ORG",
            "uuid": "0F8FAD5B-D9CB-469F-A165-70867728950E"}]}  # fmt: skip
    bad = {"id": "bad", "text": TEXT + " x", "spans": [{"start": 0, "end": 9, "label": "ORG",
           "uuid": "span-1"}]}  # fmt: skip
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    store = Store(tmp_path / "p.db")
    report = import_paths(store, [path])
    assert report.imported == 1
    assert [str(p) for p in report.problems] == [f"{path}:1: span 1: 'uuid' 'span-1' is not a UUID"]
    assert [s.uuid for s in store.spans("ok")] == ["0f8fad5b-d9cb-469f-a165-70867728950e"]
    assert [s.status for s in store.spans("ok")] == [SpanStatus.SUGGESTED]
