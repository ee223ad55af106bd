"""The long jobs — import, re-highlighting — are operations with an event per row, keep what
reviewers did, and index what they import for search."""

from __future__ import annotations

import pytest

from annotations.importers import rehighlight
from annotations.model import Article, Source, Span
from annotations.store import RevertConflict


def _batch(store, n=25):
    items = []
    for i in range(n):
        text = f"Report {i}: some {i + 10} people met in Zanzibar{i} yesterday."
        at = text.index(f"Zanzibar{i}")
        items.append((Article(id=f"a{i}", text=text), [Span(at, at + len(f"Zanzibar{i}"), "GPE",
                      f"Zanzibar{i}")], None))  # fmt: skip
    store.insert_articles(items)


def _logged(store, op):
    return store.conn.execute(
        "SELECT tbl, count(*) FROM events WHERE op = ? AND tbl IS NOT NULL GROUP BY tbl", (op,)
    ).fetchall()


def test_a_bulk_import_is_found_by_full_text_search_through_the_index(store):
    _batch(store)  # > 20 articles: the bulk indexing path
    assert store.article_ids(search="Zanzibar7") == ["a7"]
    hits = store.conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'zanzibar3'"
    ).fetchall()
    assert len(hits) == 1


def test_an_import_batch_is_one_operation_with_an_event_per_row_and_can_be_undone(store):
    _batch(store)
    assert sorted(_logged(store, "import")) == [("articles", 25), ("spans", 25)]
    op = store.conn.execute("SELECT op_id FROM events WHERE op = 'import' LIMIT 1").fetchone()[0]
    undo = store.revert(op)
    assert store.count_articles() == 0
    store.revert(undo.op_id)
    assert store.count_articles() == 25 and store.article("a3").text.startswith("Report 3")
    assert store.article_ids(search="Zanzibar3") == ["a3"]


def test_undoing_an_import_refuses_once_a_reviewer_worked_on_it(store):
    _batch(store)
    sid = store.spans("a2")[0].id
    store.accept(sid)
    op = store.conn.execute("SELECT op_id FROM events WHERE op = 'import' LIMIT 1").fetchone()[0]
    with pytest.raises(RevertConflict, match="accept"):
        store.revert(op)
    assert store.count_articles() == 25


class Fixed:
    """A highlighter that suggests the same spans every time."""

    def pipe(self, texts, batch_size=1, n_process=1):
        for t in texts:
            i = t.index("people")
            yield [Span(i, i + 6, "NORP", "people")]


def test_rehighlight_keeps_suggestions_a_reviewer_touched_and_logs_what_it_removes(store):
    _batch(store, 3)
    noted, linked, untouched = (store.spans(f"a{i}")[0] for i in range(3))
    store.set_note(noted.id, "check the spelling")
    store.link_source(linked.id, Source(url="https://example.org/z"), "contradicts")
    links_before = store.stats()["source_links"]
    rehighlight(store, Fixed())
    assert store.span(noted.id).note == "check the spelling"
    assert [link.source.url for link in store.links(linked.id)] == ["https://example.org/z"]
    assert store.stats()["source_links"] == links_before
    assert untouched.id not in {s.id for s in store.spans("a2")}
    removed = store.conn.execute(
        "SELECT op FROM events WHERE tbl = 'spans' AND row_id = ? AND after IS NULL",
        (str(untouched.id),),
    ).fetchall()
    assert removed == [("rehighlight",)]
    assert sorted(_logged(store, "rehighlight")) == [("spans", 4)]  # 1 deleted, 3 added


def test_rehighlight_keeps_imported_suggestions_that_carry_a_note_or_a_link(store):
    text = "Some 12 people met in Zanzibar."
    i = text.index("Zanzibar")
    noted = Span(i, i + 8, "GPE", "Zanzibar", note="from the wire")
    linked = Span(0, 7, "FIGURE", "Some 12")
    with store.bulk_operation("import"):
        store.insert_articles([(Article(id="w", text=text), [noted, linked], None)])
        store.import_links("w", linked, [{"url": "https://example.org/w", "stance": "supports"}])
    rehighlight(store, Fixed())
    kept = {s.text: s for s in store.spans("w")}
    assert kept["Zanzibar"].note == "from the wire"
    assert [link.source.url for link in store.links(kept["Some 12"].id)] == [
        "https://example.org/w"
    ]
