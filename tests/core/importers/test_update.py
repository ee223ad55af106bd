"""`import --update` keeps a reviewer's work: decided and touched spans keep their ids, notes and
links and move with the text as it was edited; lost ones are flagged and listed; all of it is one
operation with an event per row, so it can be undone."""

from __future__ import annotations

from annotations.importers import import_paths
from annotations.model import ArticleStatus, Source, Span


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


OLD = "Officials said 5 died. Later, 5 more died in Gaza, said Ana Diaz."
NEW = "5 ministers resigned. Officials said 5 died. Later, 5 more died in Gaza, said Ana."


def _imported(store, tmp_path):
    write(tmp_path / "v1" / "art.txt", OLD)
    import_paths(store, [tmp_path / "v1"])
    second = OLD.index("5 more")
    with store.transaction():
        store._insert_spans(
            "art",
            [Span(second, second + 1, "FIGURE", "5"), Span(OLD.index("Ana"), len(OLD) - 1,
             "PERSON", "Ana Diaz"), Span(OLD.index("Gaza"), OLD.index("Gaza") + 4, "GPE", "Gaza")],
            "t",
        )  # fmt: skip
    return {s.text: s for s in store.spans("art")}


def test_update_moves_decided_spans_with_the_edit_keeping_ids_notes_and_links(store, tmp_path):
    spans = _imported(store, tmp_path)
    figure = spans["5"]
    store.set_verdict(figure.id, "supported")
    store.link_source(figure.id, Source(url="https://un.org/r"), "supports")
    store.set_note(spans["Gaza"].id, "checked")  # a note on a suggestion: touched, kept
    write(tmp_path / "v2" / "art.txt", NEW)
    report = import_paths(store, [tmp_path / "v2"], update=True)
    assert report.updated == 1
    after = {s.id: s for s in store.spans("art")}
    moved = after[figure.id]
    # the second "5" of the old text, not the nearest "5" of the new one
    assert moved.start == NEW.index("5 more") and NEW[moved.start : moved.end] == "5"
    assert str(moved.figure.verdict) == "supported"
    assert [link.source.url for link in store.links(figure.id)] == ["https://un.org/r"]
    gaza = after[spans["Gaza"].id]
    assert (gaza.note, NEW[gaza.start : gaza.end]) == ("checked", "Gaza")
    # "Ana Diaz" is gone from the text: not a decided span, so dropped without flagging
    assert spans["Ana Diaz"].id not in after


def test_a_decided_span_the_update_loses_is_flagged_listed_and_logged(store, tmp_path):
    spans = _imported(store, tmp_path)
    store.accept(spans["Ana Diaz"].id)
    store.mark_reviewed("art")
    write(tmp_path / "v2" / "art.txt", NEW)
    report = import_paths(store, [tmp_path / "v2"], update=True)
    art = store.article("art")
    assert art.status is ArticleStatus.IN_REVIEW and "Ana Diaz" in art.meta["flagged"]
    assert any("Ana Diaz" in p.reason for p in report.problems)
    gone = store.conn.execute(
        "SELECT e.op, r.name FROM events e LEFT JOIN reviewers r ON r.id = e.reviewer_id"
        " WHERE e.tbl = 'spans' AND e.row_id = ? AND e.after IS NULL",
        (str(spans["Ana Diaz"].id),),
    ).fetchall()
    assert gone == [("update_text", "tester")]


def test_undoing_an_update_restores_the_old_text_and_every_span(store, tmp_path):
    spans = _imported(store, tmp_path)
    store.accept(spans["Ana Diaz"].id)
    before = {(s.id, s.start, s.end, s.text) for s in store.spans("art")}
    write(tmp_path / "v2" / "art.txt", NEW)
    import_paths(store, [tmp_path / "v2"], update=True)
    op = store.conn.execute("SELECT max(op_id) FROM events WHERE op = 'update_text'").fetchone()
    undo = store.revert(op[0])
    assert store.article("art").text == OLD
    assert {(s.id, s.start, s.end, s.text) for s in store.spans("art")} == before
    store.revert(undo.op_id)  # redo
    assert store.article("art").text == NEW
