"""CoNLL export read back by spaCy's CoNLL-2003 NER converter."""

from __future__ import annotations

from spacy.training.converters import conll_ner_to_docs

from annotations.exporters import ExportOptions, export


def _read(path):
    return list(conll_ner_to_docs(path.read_text(encoding="utf-8"), n_sents=0))


def test_conll_reads_back_with_the_verified_entities_per_article(project, tmp_path):
    out = tmp_path / "out.conll"
    export(project.store, "conll", out)
    text = out.read_text(encoding="utf-8")
    assert text.count("-DOCSTART- -X- O O") == 2
    docs = _read(out)
    assert len(docs) == 2
    for doc, article_id in zip(docs, ("a1", "a2"), strict=True):
        # The converter joins tokens with spaces: compare entities without white space.
        expected = {("".join(t.split()), label) for t, label in project.mapped(article_id)}
        got = {("".join(e.text.split()), e.label_) for e in doc.ents}
        assert got == expected
        assert project.rejected not in {e.text for e in doc.ents}


def test_conll_has_a_sentence_per_block_and_keeps_a_span_across_lines_whole(project, tmp_path):
    out = tmp_path / "out.conll"
    export(project.store, "conll", out, ExportOptions(article_ids=["a2"]))
    blocks = [b.splitlines() for b in out.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    assert blocks[0] == ["-DOCSTART- -X- O O"]
    # "Bank of\nEngland" crosses the line break the sentence splitter cuts at: one block.
    assert blocks[1][:3] == ["Bank -X- -X- B-ORG", "of -X- -X- I-ORG", "England -X- -X- I-ORG"]
    out = tmp_path / "a1.conll"
    export(project.store, "conll", out, ExportOptions(article_ids=["a1"], keep_figure=True))
    blocks = [b.splitlines() for b in out.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    assert [b[-1] for b in blocks[1:]] == [". -X- -X- O"] * 3  # three sentences, three blocks
    assert "about -X- -X- B-FIGURE" in blocks[3] and "5,000 -X- -X- I-FIGURE" in blocks[3]
