"""The `adjudicated` article status (migration 0014): a project made before it opens with every
article, span, layer decision and search hit intact; what reads a status treats `adjudicated` as
finished (exports, next unreviewed, counts, the list filter)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from annotations import schema
from annotations.cli import cli
from annotations.model import Article, ArticleStatus, Span
from annotations.store import Store, StoreError, connection


@pytest.fixture
def before_0014(monkeypatch):
    """Stores opened inside this fixture's `with` get the schema as it was before 0014."""

    class Old:
        def __enter__(self):
            kept = [m for m in schema.migrations._migrations if m.name != "0014_adjudicated"]
            monkeypatch.setattr(schema.migrations, "_migrations", kept)
            connection._schema_objects.cache_clear()

        def __exit__(self, *exc):
            monkeypatch.undo()
            connection._schema_objects.cache_clear()

    return Old()


def _old_project(path, before_0014) -> None:
    with before_0014:
        s = Store(path, reviewer="ana")
        s.insert_article(Article("a0", "Gone before the migration."), [])
        s.insert_article(Article("a1", "Acme hired 300 people in Paris.", title="Hiring news"),
                         [Span(0, 4, "ORG", "Acme"), Span(25, 30, "GPE", "Paris")])  # fmt: skip
        s.insert_article(Article("a2", "Rome is quiet.", title="Rome"), [Span(0, 4, "GPE", "Rome")])
        s.delete_article("a0")  # rowids now start at 2: the rebuild must keep them for search
        s.accept(s.spans("a1")[0].id)
        s.mark_reviewed("a2")
        sql = s.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
        assert "adjudicated" not in sql  # really the old schema
        s.close()


def test_a_project_from_before_0014_survives_with_its_search(tmp_path, before_0014):
    path = tmp_path / "old.db"
    _old_project(path, before_0014)
    store = Store(path)
    assert [(a.id, str(a.status)) for a in store.iter_articles()] == [
        ("a1", "in_review"), ("a2", "reviewed")]  # fmt: skip
    assert [s.text for s in store.spans("a1")] == ["Acme", "Paris"]
    assert [d.span.text for d in store.decisions("ana")] == ["Acme"]
    assert store.article_ids(search="hiring") == ["a1"]
    assert store.article_ids(search="quiet") == ["a2"]
    assert store.integrity_check() == "ok"
    # the triggers came back: the index follows a new title, a span must quote its article
    store.set_article_status("a1", ArticleStatus.ADJUDICATED)
    store.conn.execute("UPDATE articles SET title = 'Layoffs' WHERE id = 'a1'")
    assert store.article_ids(search="layoffs") == ["a1"]
    assert store.article_ids(search="hiring") == []
    with pytest.raises(sqlite3.IntegrityError, match="leaves a span"):
        store.conn.execute("UPDATE articles SET text = 'x' WHERE id = 'a1'")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE articles SET status = 'gold' WHERE id = 'a1'")
    # an article deleted still takes its spans along (the foreign key points at the new table)
    store.delete_article("a2")
    assert store.conn.execute("SELECT count(*) FROM spans WHERE article_id = 'a2'").fetchone() == (
        0,
    )
    store.close()
    assert Store(path).article("a1").status is ArticleStatus.ADJUDICATED  # opens again, no rebuild


def test_adjudicated_counts_as_finished_everywhere(tmp_path):
    store = Store(tmp_path / "p.db", reviewer="lead")
    for aid in ("a1", "a2", "a3"):
        store.insert_article(Article(aid, f"Acme in {aid}."), [Span(0, 4, "ORG", "Acme")])
    for aid in ("a1", "a2"):
        store.accept(store.spans(aid)[0].id)
    store.mark_reviewed("a1")
    store.set_article_status("a2", ArticleStatus.ADJUDICATED)
    assert store.next_unreviewed(after="a1") == "a3"  # neither reviewed nor adjudicated ones
    assert store.stats()["articles_by_status"] == {
        "new": 1, "in_review": 0, "reviewed": 1, "adjudicated": 1}  # fmt: skip
    runner = CliRunner()
    listed = runner.invoke(cli, ["--db", str(store.path), "list", "--status", "adjudicated"])
    assert listed.exit_code == 0, listed.output
    assert [ln.split("\t")[0] for ln in listed.output.splitlines()] == ["a2"]
    target = tmp_path / "out.jsonl"
    result = runner.invoke(
        cli, ["--db", str(store.path), "export", "-f", "jsonl", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["status"] for r in rows) == ["adjudicated", "reviewed"]
    assert {r["answer"] for r in rows} == {"accept"}


def test_an_unknown_status_is_still_refused(tmp_path):
    store = Store(tmp_path / "p.db")
    store.insert_article(Article("a1", "Acme."), [])
    with pytest.raises(ValueError):
        store.set_article_status("a1", "gold")
    with pytest.raises((StoreError, sqlite3.IntegrityError)):
        with store.transaction():
            store.conn.execute("UPDATE articles SET status = 'gold'")
