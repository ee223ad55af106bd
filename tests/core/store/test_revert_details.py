"""Undo in detail, for what mutation testing showed the other tests let through: every row of an
operation is checked before anything is reverted, the revert is filed under its article and span,
a revert of a text update moves the spans back with it, and the quoting guard is back on after."""

from __future__ import annotations

import sqlite3

import pytest

from annotations.model import Article, Figure, Source, Span
from annotations.store import RevertConflict, Store

TEXT = "Officials said some 1,400 civilians died in Gaza City, according to Ana Diaz of the UN."


def _span(text: str, needle: str, label: str, **kw) -> Span:
    i = text.index(needle)
    return Span(i, i + len(needle), label, needle, **kw)


@pytest.fixture
def project(tmp_path):
    ana = Store(tmp_path / "p.db", reviewer="ana")
    with ana.bulk_operation("import") as op_id:
        ana.insert_articles([(Article("a1", TEXT), [
            _span(TEXT, "some 1,400", "FIGURE", figure=Figure(value=1400)),
            _span(TEXT, "Gaza City", "GPE"), _span(TEXT, "Ana Diaz", "PERSON")], None)])  # fmt: skip
    yield ana, op_id
    ana.close()


def test_undo_checks_every_row_not_just_the_first(project, tmp_path):
    ana, import_op = project
    ben = Store(tmp_path / "p.db", reviewer="ben")
    last = ana.spans("a1")[-1]
    ben.reject(last.id)  # Ben works on the LAST row the import wrote
    with pytest.raises(RevertConflict, match="ben"):
        ana.revert(import_op)
    assert ana.article_ids() == ["a1"] and len(ana.spans("a1")) == 3
    assert ana.span(last.id).status.value == "rejected"


def test_a_revert_is_filed_under_its_article_and_span(project):
    ana, _ = project
    sid = ana.spans("a1")[0].id
    change = ana.revert(ana.accept(sid).op_id)
    assert change.article_ids == {"a1"} and sid in change.span_ids  # the window goes there
    mine = [e for e in ana.events("a1") if e.op == "revert"]
    assert mine and all(e.article_id == "a1" for e in mine)
    assert any(e.span_id == sid for e in mine)


def test_a_conflict_says_what_was_changed(project, tmp_path):
    ana, _ = project
    sid = ana.spans("a1")[1].id
    op = ana.accept(sid).op_id
    Store(tmp_path / "p.db", reviewer="ben").relabel(sid, "LOC")
    with pytest.raises(RevertConflict, match=r"cannot undo accept: the span was changed"):
        ana.revert(op)


def test_undoing_a_text_update_moves_the_spans_back_with_the_text(project):
    ana, _ = project
    new_text = "Update: " + TEXT
    kept = [Span(s.start + 8, s.end + 8, s.label, s.text, id=s.id) for s in ana.spans("a1")]
    op = ana.replace_text(Article("a1", new_text), kept, []).op_id
    assert ana.article("a1").text == new_text
    ana.revert(op)
    assert ana.article("a1").text == TEXT
    assert all(TEXT[s.start : s.end] == s.text for s in ana.spans("a1"))
    assert [s.text for s in ana.spans("a1")] == ["some 1,400", "Gaza City", "Ana Diaz"]


def test_after_a_revert_the_database_again_refuses_spans_that_do_not_quote(project):
    ana, _ = project
    sid = ana.spans("a1")[0].id
    ana.revert(ana.accept(sid).op_id)
    with pytest.raises(sqlite3.IntegrityError):
        ana.conn.execute('UPDATE spans SET "end" = "end" + 1 WHERE id = ?', (sid,))


def test_undoing_a_link_refuses_once_someone_removed_the_link(project, tmp_path):
    ana, _ = project
    sid = ana.spans("a1")[0].id
    op = ana.link_source(sid, Source("https://example.org/toll"), "supports").op_id
    ben = Store(tmp_path / "p.db", reviewer="ben")
    ben.unlink_source(ben.links(sid)[0].id)  # the source row stays as Ana's link left it
    with pytest.raises(RevertConflict, match="the source link was changed afterwards by ben"):
        ana.revert(op)
