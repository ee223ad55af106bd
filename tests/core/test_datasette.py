"""`datasette project.db`: search finds only the matching articles, phrases included, a query
runs, and `factmark datasette-metadata` describes every table and column and hides the internal
ones, all through Datasette's own Python API."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3

import pytest
from click.testing import CliRunner

from annotations.cli import cli
from annotations.datasette_metadata import undescribed
from annotations.model import Article
from annotations.schema import migrations
from annotations.store import Store

datasette_app = pytest.importorskip("datasette.app", reason="datasette is a test extra")

INTERNAL = {"fts_bulk", "text_guard", "_sqlite_migrations", "sqlite_sequence", "articles_fts",
            "articles_fts_config", "articles_fts_data", "articles_fts_idx"}  # fmt: skip


def _get(path, metadata, *urls):
    async def fetch():
        ds = datasette_app.Datasette([str(path)], metadata=metadata)
        return [await ds.client.get(u) for u in urls]

    return asyncio.run(fetch())


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(r["id"] for r in response.json())


def _metadata(db) -> dict:
    r = CliRunner().invoke(cli, ["--db", str(db), "datasette-metadata"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_datasette_searches_articles_and_finds_phrases(project):
    db = project.store.path
    search, none, phrase, words, query = _get(
        db, None,
        "/project/articles.json?_search=profits&_shape=array",
        "/project/articles.json?_search=hostage&_shape=array",
        '/project/articles.json?_search="raised+rates"&_searchmode=raw&_shape=array',
        '/project/articles.json?_search="rates+raised"&_searchmode=raw&_shape=array',
        "/project.json?_shape=array&sql=" + "select article_id, count(*) as n from spans "
        "where label = 'FIGURE' and status in ('accepted','corrected','added') "
        "group by article_id order by article_id",
    )  # fmt: skip
    assert _ids(search) == ["a1"]  # Datasette found the index: only the matching article
    assert _ids(none) == []
    assert _ids(phrase) == ["a2"]  # "...England raised rates to 4.75%"
    assert _ids(words) == []  # a phrase, not two words anywhere
    assert query.json() == [{"article_id": "a1", "n": 4}, {"article_id": "a2", "n": 1}]


def test_metadata_describes_every_table_and_column_and_hides_internal_tables(project):
    db = project.store.path
    assert undescribed(db) == []
    meta = _metadata(db)
    (database,) = [r.json() for r in _get(db, meta, "/project.json")]
    shown = {t["name"] for t in database["tables"] if not t["hidden"]}
    hidden = {t["name"] for t in database["tables"] if t["hidden"]}
    assert shown == {
        "articles",
        "spans",
        "sources",
        "span_sources",
        "reviewers",
        "decisions",
        "assignments",
        "adjudications",
        "claims",
        "claim_members",
        "claim_sources",
        "events",
        "settings",
    }
    assert INTERNAL <= hidden
    served = _get(db, meta, "/-/metadata.json")[0].json()
    spans = served["databases"]["project"]["tables"]["spans"]
    assert spans["columns"]["verdict"].startswith("FIGURE: a fact-checker's verdict: unverified")
    assert not re.search(r"\{[A-Za-z]+\}", json.dumps(served))  # every placeholder filled in


def test_a_project_from_before_the_fix_is_searchable_in_datasette(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    from sqlite_utils import Database

    migrations.apply(Database(conn), stop_before="0006_articles_fts_datasette")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    assert "content='articles'" in sql  # as 0001 wrote it
    conn.close()
    store = Store(db)
    store.insert_article(Article("h", "The hostage crisis ended.", title="Freed"))
    store.insert_article(Article("o", "Nothing else.", title="Other"))
    store.close()
    (found,) = _get(db, None, "/old/articles.json?_search=hostage&_shape=array")
    assert _ids(found) == ["h"]
