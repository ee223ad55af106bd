"""`factmark backup`: a whole project moved with SQLite's online backup API keeps its history,
reviewers, sources and settings, re-exports the same bytes, and is safe beside an open window."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from annotations.cli import cli
from annotations.exporters import export
from annotations.exporters.claimreview import remember_publishing
from annotations.model import Source
from annotations.store import Store
from annotations.store.backup import BackupRefused

TEMPLATE = "https://factcheck.example/{article_id}#{span_id}"


def _exports(store: Store, folder) -> dict[str, bytes]:
    folder.mkdir()
    out = {}
    for fmt in ("w3c", "claimreview", "jsonl"):
        path = folder / f"{fmt}.out"
        export(store, fmt, path)
        out[fmt] = path.read_bytes()
    return out


def _history(store: Store) -> tuple:
    c = store.conn
    return (
        c.execute(
            "SELECT id, at, reviewer_id, op, before, after FROM events ORDER BY id"
        ).fetchall(),
        c.execute("SELECT name, created_at FROM reviewers ORDER BY id").fetchall(),
        c.execute("SELECT url, accessed, created_at FROM sources ORDER BY id").fetchall(),
        c.execute("SELECT id, uuid FROM spans ORDER BY id").fetchall(),
    )


def test_a_backed_up_project_re_exports_byte_identical_w3c_and_claimreview(project, tmp_path):
    remember_publishing(project.store, "Full Fact", TEMPLATE)
    sid = next(s.id for s in project.store.spans("a1") if s.text == "$1.13bn")
    project.store.link_source(sid, Source("https://example.org/old", accessed="2019-03-04"),
                              stance="contradicts")  # fmt: skip
    before = _exports(project.store, tmp_path / "before")
    report = project.store.backup(tmp_path / "moved.db")
    assert (report.articles, report.spans) == (3, 14)
    moved = Store(tmp_path / "moved.db")
    assert _exports(moved, tmp_path / "after") == before
    assert _history(moved) == _history(project.store)  # who, when, what; access dates; uuids
    assert moved.setting("claimreview.author") == "Full Fact"
    assert b"https://factcheck.example/a1#" in before["claimreview"]
    assert moved.integrity_check() == "ok"
    # The moved project goes on working: undo there is undo of the same operation.
    last = moved.events(limit=1)[0]
    assert moved.revert(moved.conn.execute("SELECT op_id FROM events WHERE id = ?", (last.id,)).fetchone()[0])  # fmt: skip


def test_a_backup_beside_a_window_in_mid_write_holds_only_what_was_committed(project, tmp_path):
    window = Store(project.store.path, reviewer="bob")  # the window's own connection
    sid = next(s.id for s in window.spans("a2") if s.text == "Thursday")
    window.set_note(sid, "committed before the backup")
    window.conn.execute("BEGIN IMMEDIATE")  # the window is writing right now
    window.conn.execute("UPDATE spans SET note = 'not yet committed' WHERE id = ?", (sid,))
    try:
        project.store.backup(tmp_path / "copy.db")  # neither waits for the window nor fails
    finally:
        window.conn.execute("COMMIT")
    copy = Store(tmp_path / "copy.db")
    assert copy.span(sid).note == "committed before the backup"
    assert window.span(sid).note == "not yet committed"  # the window's write went through
    assert copy.integrity_check() == "ok"
    window.close()


def test_a_backup_never_overwrites_a_file_unless_asked_nor_the_project_itself(project, tmp_path):
    other = tmp_path / "other.db"
    other.write_bytes(b"someone's file")
    with pytest.raises(BackupRefused, match="exists; give a new file name, or --force"):
        project.store.backup(other)
    assert other.read_bytes() == b"someone's file"
    with pytest.raises(BackupRefused, match="is the project itself"):
        project.store.backup(project.store.path, replace=True)
    project.store.backup(other, replace=True)
    assert sqlite3.connect(other).execute("SELECT count(*) FROM articles").fetchone() == (3,)
    assert sorted(p.name for p in tmp_path.iterdir() if "part" in p.name) == []


def test_backup_command_copies_the_project_and_says_what_it_holds(project, tmp_path):
    out = tmp_path / "backup.db"
    r = CliRunner().invoke(cli, ["--db", project.store.path, "backup", str(out)])
    assert r.exit_code == 0, r.output
    assert "3 articles, 14 spans" in r.stderr and str(out) in r.stderr
    assert len(Store(out).events(limit=10_000)) == len(project.store.events(limit=10_000))
    again = CliRunner().invoke(cli, ["--db", project.store.path, "backup", str(out)])
    assert again.exit_code == 1 and again.stderr.count("\n") == 1 and "--force" in again.stderr
