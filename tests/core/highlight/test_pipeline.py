"""The highlighter contract: spans per text in order, figures with values, pluggable models."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from annotations.highlight import load_highlighter
from annotations.model import ENTITY_LABELS, FIGURE, Qualifier, SpanStatus

ARTICLE = (
    "Hamas attacked Israel on Oct. 7, killing some 1,400 people. The UN said there had been "
    "more than 9,000 fatalities, and displacement rose 30 percent in the past 24 hours."
)


@pytest.fixture(scope="module")
def rules():
    return load_highlighter()


def test_importing_highlight_does_not_import_spacy():
    code = (
        "import sys, annotations.highlight as h; "
        "assert h.load_highlighter and h.Highlighter; print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_rule_spans_carry_text_origin_and_suggested_status(rules):
    spans = rules.highlight(ARTICLE)
    assert rules.origin == "rules"
    assert spans, "the article has figures"
    for s in spans:
        assert s.text == ARTICLE[s.start : s.end]
        assert s.origin == "rules"
        assert s.status is SpanStatus.SUGGESTED
        assert s.label == FIGURE or s.label in ENTITY_LABELS
    assert [(s.start, s.end) for s in spans] == sorted((s.start, s.end) for s in spans)


def test_figures_have_values_and_qualifiers_in_the_highlight(rules):
    figures = {s.text: s.figure for s in rules.highlight(ARTICLE) if s.is_figure}
    assert figures["some 1,400"].value == 1400
    assert figures["some 1,400"].qualifier is Qualifier.APPROXIMATELY
    assert figures["some 1,400"].counted == "people"
    assert figures["more than 9,000"].qualifier is Qualifier.MORE_THAN
    assert figures["30 percent"].value == 30
    assert "Oct. 7" not in figures and "7" not in figures


def test_entities_never_overlap_each_other(rules):
    ents = [s for s in rules.highlight(ARTICLE) if not s.is_figure]
    for a, b in zip(ents, ents[1:], strict=False):
        assert a.end <= b.start


def test_pipe_returns_one_list_per_text_in_input_order(rules):
    texts = ["It cost $5 million.", "", "No numbers here.", "About 70% voted."]
    results = list(rules.pipe(texts, batch_size=2))
    assert len(results) == 4
    assert [s.text for s in results[0] if s.is_figure] == ["$5 million"]
    assert results[1] == []
    assert [s.text for s in results[3] if s.is_figure] == ["About 70%"]


def _save_numeric_model(tmp_path):
    """A saved pipeline whose entity source labels money, cardinals and people, as a model does."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "CARDINAL", "pattern": "a handful"},
            {"label": "MONEY", "pattern": [{"ORTH": "$"}, {"LIKE_NUM": True}]},
            {"label": "PERSON", "pattern": "Ada Lovelace"},
            {"label": "ORDINAL", "pattern": "first"},
        ]
    )
    path = tmp_path / "tiny_ruler"
    nlp.to_disk(path)
    return path


def test_model_numeric_entities_become_figures_not_entities(tmp_path):
    h = load_highlighter(str(_save_numeric_model(tmp_path)))
    assert h.origin == "model:tiny_ruler"
    spans = h.highlight("Ada Lovelace paid $40 for the first of a handful of two dozen books.")
    labels = {s.label for s in spans}
    assert labels <= {FIGURE, *ENTITY_LABELS}
    assert {s.text for s in spans if s.label == "PERSON"} == {"Ada Lovelace"}
    figures = {s.text: s.figure.value for s in spans if s.is_figure}
    assert figures == {"$40": 40, "two dozen": 24}
    assert all(s.origin == "model:tiny_ruler" for s in spans)


def test_trained_model_directory_serves_entities_and_figures(tmp_path):
    import spacy
    from spacy.training import Example

    random.seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    data = [
        ("Maria Lopez met 300 voters.", [(0, 11, "PERSON"), (16, 19, "CARDINAL")]),
        ("John Smith counted 45 ballots.", [(0, 10, "PERSON"), (19, 21, "CARDINAL")]),
    ]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in data]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    path = tmp_path / "trained_ner"
    nlp.to_disk(path)

    h = load_highlighter(path)
    assert h.origin == "model:trained_ner"
    spans = h.highlight("Maria Lopez met 300 voters.")
    assert "CARDINAL" not in {s.label for s in spans}
    figures = [s for s in spans if s.is_figure]
    assert [(f.text, f.figure.value, f.figure.counted) for f in figures] == [("300", 300, "voters")]
