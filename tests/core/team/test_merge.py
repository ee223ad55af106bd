"""`factmark merge`: reviewers work on copies of the project and their layers and history come
back into the team's file; merging again changes nothing; a text that differs is reported."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import Article, Span
from annotations.store import Store

TEXT = "Acme hired 300 people in Paris."
TABLES = ("articles", "spans", "decisions", "events", "reviewers")


def _copy(src, dst) -> None:
    """A reviewer's copy: the file as it stands (SQLite's backup API, as `factmark backup`)."""
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()


def _team(tmp_path):
    team = tmp_path / "team.db"
    store = Store(team, reviewer="lead")
    store.insert_article(
        Article("a1", TEXT),
        [Span(0, 4, "ORG", "Acme", origin="rules"), Span(25, 30, "GPE", "Paris", origin="rules")],
    )
    store.insert_article(
        Article("a2", "Ben lives in Rome."), [Span(13, 17, "GPE", "Rome", origin="rules")]
    )
    store.close()
    _copy(team, tmp_path / "ana.db")
    _copy(team, tmp_path / "ben.db")
    ana = Store(tmp_path / "ana.db", reviewer="ana")
    acme, paris = (s.id for s in ana.spans("a1"))
    ana.accept(acme)
    ana.reject(paris)
    ana.add_span("a1", 11, 14, "FIGURE")
    ana.insert_article(Article("a3", "Only in Oslo."), [Span(8, 12, "GPE", "Oslo", origin="rules")])
    ana.accept(ana.spans("a3")[0].id)
    ben = Store(tmp_path / "ben.db", reviewer="ben")
    ben.relabel(acme, "PERSON")
    ben.add_span("a1", 11, 14, "FIGURE")
    ben.close()
    ana.close()
    return team


def _counts(path) -> dict[str, int]:
    c = sqlite3.connect(path)
    out = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    c.close()
    return out


def _merge(*args):
    return CliRunner().invoke(cli, ["merge", *map(str, args[:-1]), "--into", str(args[-1])])


def test_merge_brings_both_layers_and_a_second_merge_changes_nothing(tmp_path):
    team = _team(tmp_path)
    result = _merge(tmp_path / "ana.db", tmp_path / "ben.db", team)
    assert result.exit_code == 0, result.output
    store = Store(team)
    layers = {(d.reviewer, d.article_id, d.span.text, d.span.label, str(d.span.status))
              for d in store.decisions()}  # fmt: skip
    assert layers == {
        ("ana", "a1", "Acme", "ORG", "accepted"),
        ("ana", "a1", "Paris", "GPE", "rejected"),
        ("ana", "a1", "300", "FIGURE", "added"),
        ("ana", "a3", "Oslo", "GPE", "accepted"),
        ("ben", "a1", "Acme", "PERSON", "corrected"),
        ("ben", "a1", "300", "FIGURE", "added"),
    }
    # decisions on the team's spans point at them; the new article came with its span
    acme = next(s.id for s in store.spans("a1") if s.text == "Acme")
    assert {d.span.id for d in store.decisions() if d.span.text == "Acme"} == {acme}
    oslo = store.spans("a3")[0]
    assert [d.span.id for d in store.decisions("ana", "a3")] == [oslo.id]
    assert store.article("a3").text == "Only in Oslo."
    # their history came too, under their names
    ops = {(e.reviewer, e.op) for e in store.events(limit=10_000)}
    assert {("ana", "accept"), ("ana", "reject"), ("ben", "relabel"), ("ben", "add_span")} <= ops
    store.close()

    before = _counts(team)
    again = _merge(tmp_path / "ana.db", tmp_path / "ben.db", tmp_path / "ana.db", team)
    assert again.exit_code == 0, again.output
    assert _counts(team) == before
    assert "0 articles, 0 decisions, 0 source links, 0 events" in again.output


def test_a_copy_merged_back_and_forth_keeps_one_event_per_event(tmp_path):
    team = _team(tmp_path)
    assert _merge(tmp_path / "ana.db", team).exit_code == 0
    # ana takes the team's file back into hers, then hers into the team's: nothing doubles
    assert _merge(team, tmp_path / "ana.db").exit_code == 0
    before = _counts(team)
    assert _merge(tmp_path / "ana.db", team).exit_code == 0
    assert _counts(team) == before


def test_an_article_whose_text_differs_is_reported_and_left_as_it_was(tmp_path):
    team = _team(tmp_path)
    c = sqlite3.connect(tmp_path / "ben.db")  # as if ben had re-imported a corrected text
    c.execute("UPDATE articles SET text = 'Ben lives in Rome!', content_hash = 'x' WHERE id = 'a2'")
    c.commit()
    c.close()
    ben = Store(tmp_path / "ben.db", reviewer="ben")
    ben.accept(ben.spans("a2")[0].id)
    ben.close()
    result = _merge(tmp_path / "ben.db", team)
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if "differs" in ln]
    assert len(lines) == 1 and "article a2" in lines[0] and "ben.db" in lines[0]
    store = Store(team)
    assert store.article("a2").text == "Ben lives in Rome."
    assert store.decisions("ben", "a2") == []
    assert store.decisions("ben", "a1") != []  # the rest of the copy went through


def test_a_missing_copy_is_one_line_and_the_others_merge(tmp_path):
    team = _team(tmp_path)
    result = _merge(tmp_path / "nobody.db", tmp_path / "ana.db", team)
    assert result.exit_code == 1
    assert "nobody.db: no such project file" in result.output
    assert "Traceback" not in result.output
    assert Store(team).decisions("ana") != []


def test_undo_takes_a_merge_back(tmp_path):
    team = _team(tmp_path)
    before = Store(team).decisions()
    assert _merge(tmp_path / "ana.db", team).exit_code == 0
    store = Store(team)
    op = store.conn.execute("SELECT max(op_id) FROM events WHERE op = 'merge'").fetchone()[0]
    store.revert(op)
    assert store.decisions() == before
    assert not store.has_article("a3")


def test_merging_the_team_file_into_itself_is_refused(tmp_path):
    team = _team(tmp_path)
    before = _counts(team)
    result = _merge(team, team)
    assert result.exit_code == 1
    assert "is the project being merged into; nothing merged" in result.output
    assert _counts(team) == before


def _links(store: Store) -> set[tuple]:
    return {
        (s.article_id, s.text, ln.source.url, str(ln.stance), ln.excerpt)
        for a in ("a1", "a2", "a3") if store.has_article(a)
        for s in store.spans(a) for ln in store.links(s.id)
    }  # fmt: skip


def test_source_links_made_in_copies_come_back_once_and_undo_takes_them_back(tmp_path):
    from annotations.model import Source

    team = _team(tmp_path)
    ana = Store(tmp_path / "ana.db", reviewer="ana")
    acme = ana.spans("a1")[0].id
    ana.link_source(acme, Source(url="https://acme.example/jobs"), "supports", "300 new jobs")
    ana.link_source(ana.spans("a3")[0].id, Source(url="https://oslo.example/"), "contradicts")
    added = next(s for s in ana.spans("a1") if s.text == "300")
    ana.link_source(added.id, Source(url="https://acme.example/jobs"))  # a span only ana has
    ana.close()
    ben = Store(tmp_path / "ben.db", reviewer="ben")
    ben.link_source(ben.spans("a2")[0].id, Source(url="https://rome.example/", title="Rome"))
    ben.link_source(acme, Source(url="https://acme.example/jobs"), "contradicts")  # same, other way
    ben.close()

    result = _merge(tmp_path / "ana.db", tmp_path / "ben.db", team)
    assert result.exit_code == 0, result.output
    assert "1 links on spans only in a reviewer's layer, not merged" in result.output
    assert "1 links differ from the team's, the team's kept" in result.output
    store = Store(team)
    assert _links(store) == {
        ("a1", "Acme", "https://acme.example/jobs", "supports", "300 new jobs"),
        ("a3", "Oslo", "https://oslo.example/", "contradicts", None),
        ("a2", "Rome", "https://rome.example/", "supports", None),
    }
    assert store.find_sources("rome")[0].title == "Rome"
    store.close()

    before = _counts(team)
    assert _merge(tmp_path / "ana.db", tmp_path / "ben.db", team).exit_code == 0
    assert _counts(team) == before  # twice changes nothing
    store = Store(team)
    assert len(_links(store)) == 3
    ops = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT op_id FROM events WHERE op = 'merge' AND tbl IS NOT NULL ORDER BY op_id DESC")]  # fmt: skip
    for op in ops:  # ben's merge, then ana's
        store.revert(op)
    assert _links(store) == set()
    assert store.find_sources("") == []
