"""`factmark export --format project --reviewer ana -o ana.db`: ana's copy holds her assigned
articles only, opens as a project of its own, and her work in it merges back into the team's
file once."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import Article, Source, Span
from annotations.store import Store


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _team(path) -> None:
    lead = Store(path, reviewer="lead")
    lead.insert_article(Article("a1", "Acme hired 300 people in Paris."),
                        [Span(0, 4, "ORG", "Acme", origin="rules")])  # fmt: skip
    lead.insert_article(Article("a2", "Ben lives in Rome."),
                        [Span(13, 17, "GPE", "Rome", origin="rules")])  # fmt: skip
    lead.link_source(lead.spans("a2")[0].id, Source(url="https://rome.example/"))
    lead.assign([("a1", "ana"), ("a2", "ben")])
    lead.close()


def _count(path, table: str) -> int:
    c = sqlite3.connect(path)
    n = c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    c.close()
    return n


def test_a_reviewers_copy_holds_her_articles_and_her_work_merges_back(tmp_path):
    team, copy = tmp_path / "team.db", tmp_path / "ana.db"
    _team(team)
    result = _run("--db", team, "export", "--format", "project", "--reviewer", "ana", "-o", copy)
    assert result.exit_code == 0, result.output
    assert "1 articles, 1 spans" in result.output and "factmark merge" in result.output
    ana = Store(copy, reviewer="ana")
    assert ana.article_ids() == ["a1"]
    assert ana.article_ids(search="Rome") == []  # the full-text index followed
    assert _count(copy, "span_sources") == 0 and _count(copy, "assignments") == 1
    assert ana.integrity_check() == "ok"
    ana.accept(ana.spans("a1")[0].id)
    ana.close()

    assert _run("merge", copy, "--into", team).exit_code == 0
    store = Store(team)
    assert [d.span.text for d in store.decisions("ana")] == ["Acme"]
    assert store.links(store.spans("a2")[0].id)  # ben's article, untouched
    events = _count(team, "events")
    assert _run("merge", copy, "--into", team).exit_code == 0
    assert _count(team, "events") == events  # twice changes nothing


def test_a_copy_is_refused_in_one_line_without_a_queue_or_over_a_file(tmp_path):
    team = tmp_path / "team.db"
    _team(team)
    result = _run("--db", team, "export", "-f", "project", "--reviewer", "chen", "-o",
                  tmp_path / "chen.db")  # fmt: skip
    assert result.exit_code == 1 and "no articles assigned to 'chen'" in result.output
    assert not (tmp_path / "chen.db").exists()
    taken = tmp_path / "taken.db"
    taken.write_text("someone's work")
    result = _run("--db", team, "export", "-f", "project", "-o", taken)
    assert result.exit_code == 1 and "exists; give a new file name" in result.output
    assert taken.read_text() == "someone's work"
    whole = tmp_path / "whole.db"
    assert _run("--db", team, "export", "-f", "project", "-o", whole).exit_code == 0
    assert Store(whole).article_ids() == ["a1", "a2"]
