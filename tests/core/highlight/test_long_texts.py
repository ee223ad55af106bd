"""Articles longer than spaCy takes in one doc (E088 past ``nlp.max_length``) are highlighted in
pieces cut on paragraph, line, sentence or word boundaries, with every span put back at its
place in the whole text, which is stored whole."""

from __future__ import annotations

import pytest

from annotations.highlight import load_highlighter
from annotations.highlight.long_texts import pieces
from annotations.importers import import_paths


@pytest.fixture(scope="module")
def rules():
    return load_highlighter("rules")


def paragraphs(n: int) -> list[str]:
    return [f"In district {i} of Leeds about {i * 7 + 3} homes were hit by the storm on "
            f"Tuesday, the council said.\n\n" for i in range(n)]  # fmt: skip


def test_pieces_cover_the_text_and_end_on_a_paragraph_break():
    text = "".join(paragraphs(200))
    out = pieces(text, limit=5000, size=3000)
    assert "".join(p for _, p in out) == text
    assert [o for o, _ in out] == [sum(len(p) for _, p in out[:i]) for i in range(len(out))]
    assert all(len(p) <= 3000 and p.endswith("\n\n") for _, p in out[:-1])
    assert pieces(text, limit=len(text)) == [(0, text)]


@pytest.mark.parametrize(("text", "ends"), [
    ("One sentence here. " * 400, "here. "),  # no line breaks: after a sentence
    ("word " * 2000, "word "),  # no sentences: after a space
    ("x" * 9000, "x"),  # nothing to cut on: at the size
])  # fmt: skip
def test_pieces_without_paragraphs_end_on_the_next_best_boundary(text, ends):
    out = pieces(text, limit=5000, size=3000)
    assert "".join(p for _, p in out) == text
    assert all(len(p) <= 3000 and p.endswith(ends) for _, p in out[:-1])


def test_a_text_in_pieces_gets_the_spans_of_its_paragraphs_at_their_places(rules, monkeypatch):
    paras = paragraphs(60)
    text = "".join(paras)
    monkeypatch.setattr(rules.nlp, "max_length", 1000)
    long_spans = rules.highlight(text)
    monkeypatch.undo()
    expected, offset = [], 0
    for para, spans in zip(paras, rules.pipe(paras), strict=True):
        expected += [(s.start + offset, s.end + offset, s.label) for s in spans]
        offset += len(para)
    assert [(s.start, s.end, s.label) for s in long_spans] == expected
    assert all(text[s.start : s.end] == s.text for s in long_spans)
    assert sum(s.label == "FIGURE" for s in long_spans) >= 60


def test_an_article_over_a_million_characters_imports_whole_with_its_last_figure(
    store, tmp_path, rules
):
    # Few spans before the end: the store checks each span against its text (substr), which
    # costs in proportion to the offset, so 36,000 spans in 1 MB take the store 40 s.
    filler = "the storm passed over the hills and the river rose slowly in the night.\n\n"
    text = filler * 14_000 + "Officials said some 1,400 people were killed."
    assert len(text) > 1_000_000 > rules.nlp.max_length - 1
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (tmp_path / "short.txt").write_text("More than 9,000 fatalities were counted.")
    report = import_paths(store, [tmp_path], highlighter=rules)
    assert report.imported == 2 and not report.problems
    a = store.article("long")
    assert a.text == text
    spans = store.spans("long")
    assert all(a.text[s.start : s.end] == s.text for s in spans)
    last = max((s for s in spans if s.label == "FIGURE"), key=lambda s: s.start)
    assert (a.text[last.start : last.end], last.figure.value) == ("some 1,400", 1400)
    assert last.start == text.index("some 1,400")
    assert any(s.label == "FIGURE" for s in store.spans("short"))
