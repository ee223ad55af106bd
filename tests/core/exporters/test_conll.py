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


def test_conll_tags_are_valid_iob2_for_seqeval_and_give_the_same_entities(project, tmp_path):
    """seqeval, the scorer NER papers and HuggingFace use, reads our tags strictly (IOB2)."""
    from seqeval.metrics import f1_score
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2, Entities

    out = tmp_path / "out.conll"
    export(project.store, "conll", out)
    sentences, tokens = [], []
    for block in out.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln.split(" ") for ln in block.splitlines() if ln.strip()]
        if not lines or lines[0][0] == "-DOCSTART-":
            continue
        tokens.append([ln[0] for ln in lines])
        sentences.append([ln[-1] for ln in lines])
    # Strict IOB2 drops an entity whose tags break the scheme (an I- after nothing of its type):
    # the strict reading must find every entity the lenient one does, and all we exported.
    strict = Entities(sentences, IOB2).entities
    found = {("".join(tokens[e.sent_id][e.start : e.end]), e.tag) for sent in strict for e in sent}
    lenient = {
        ("".join(tokens[i][s : e + 1]), label)
        for i, tags in enumerate(sentences)
        for label, s, e in get_entities(tags)
    }
    assert found == lenient
    assert f1_score(sentences, sentences, mode="strict", scheme=IOB2) == 1.0
    expected = {("".join(t.split()), label) for a in ("a1", "a2") for t, label in project.mapped(a)}
    assert found == expected
