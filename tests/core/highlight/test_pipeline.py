"""The highlighter contract: spans per text in order, figures with values, pluggable models."""

from __future__ import annotations

import random

import pytest

from annotations.highlight import load_highlighter
from annotations.model import ENTITY_LABELS, FIGURE, Qualifier, SpanStatus

ARTICLE = (
    "Hamas attacked Israel on Oct. 7, killing some 1,400 people. The UN said there had been "
    "more than 9,000 fatalities, and displacement rose 30 percent in the past 24 hours."
)


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


def test_figures_have_values_and_qualifiers_in_the_highlight(highlighter):
    figures = {s.text: s.figure for s in highlighter.highlight(ARTICLE) if s.is_figure}
    assert figures["some 1,400"].value == 1400
    assert figures["some 1,400"].qualifier is Qualifier.APPROXIMATELY
    assert figures["some 1,400"].counted == "people"
    assert figures["more than 9,000"].qualifier is Qualifier.MORE_THAN
    assert figures["30 percent"].value == 30
    assert "Oct. 7" not in figures and "7" not in figures


def test_entities_never_overlap_each_other(highlighter):
    ents = [s for s in highlighter.highlight(ARTICLE) if not s.is_figure]
    for a, b in zip(ents, ents[1:], strict=False):
        assert a.end <= b.start


def test_pipe_returns_one_list_per_text_in_input_order(highlighter):
    texts = ["It cost $5 million.", "", "No numbers here.", "About 70% voted."]
    results = list(highlighter.pipe(texts, batch_size=2))
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


def test_the_default_is_the_bundled_model_behind_the_rules(bundled):
    assert bundled.origin == "model:factmark_news"
    # rules first (what they are sure of stands), the model's ner on the words they only
    # guessed, then their guesses where it found nothing, then figures
    assert bundled.nlp.pipe_names == [
        "factmark_entities",
        "factmark_ner_windows",
        "factmark_entities_fallback",
        "factmark_figures",
    ]
    assert {"tok2vec", "ner"} <= set(bundled.nlp.disabled)  # run by the windows component
    spans = bundled.highlight(ARTICLE)
    assert all(s.origin == "model:factmark_news" for s in spans)
    ents = {(s.text, s.label) for s in spans if not s.is_figure}
    assert {("Hamas", "ORG"), ("Israel", "GPE"), ("Oct. 7", "DATE")} <= ents


def _with_stub_ner(found: dict[str, str], windows: bool = False, seen: list | None = None):
    """A blank pipeline whose "ner" labels the given words (and nothing else), after the rules;
    with ``windows``, the ner sees only the windows around the rules' guesses. The texts it
    was shown go to ``seen``."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Span

    from annotations.highlight.entities import add_entity_rules

    name = f"stub_ner_{abs(hash(tuple(sorted(found.items()))))}"

    @Language.component(name)
    def stub(doc):
        if seen is not None:
            seen.append(doc.text)
        taken = {t.i for e in doc.ents for t in e}
        words = [t.text for t in doc]
        new = []
        for phrase, label in found.items():
            key = phrase.split()
            for i in range(len(words) - len(key) + 1):
                span = range(i, i + len(key))
                if words[i : i + len(key)] == key and not taken.intersection(span):
                    taken.update(span)
                    new.append(Span(doc, i, i + len(key), label=label))
        doc.set_ents(new, default="unmodified")
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe(name, name="ner")
    add_entity_rules(nlp, before="ner", defer=True)
    if windows:
        from annotations.highlight.ner_windows import use_ner_windows

        use_ner_windows(nlp)
    return nlp


GUESS = "Analysts expect Pirelli to grow, after Lebanon and Mr Smith spoke."


def _ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize("windows", [False, True])
def test_the_model_decides_what_the_rules_only_guess(windows):
    # "Pirelli": one capitalised word no list, title or cue explains; the rules' guess is a
    # person. A model that reads it as an organisation is believed.
    nlp = _with_stub_ner({"Pirelli": "ORG", "Lebanon": "PERSON", "Smith": "ORG"}, windows)
    ents = _ents(nlp, GUESS)
    assert ("Pirelli", "ORG") in ents
    # What the rules are sure of stands: a country from the gazetteer, a name after a title.
    assert ("Lebanon", "GPE") in ents and ("Smith", "PERSON") in ents


@pytest.mark.parametrize("windows", [False, True])
def test_the_rules_guess_stands_where_the_model_finds_nothing(windows):
    nlp = _with_stub_ner({}, windows)
    assert ("Pirelli", "PERSON") in _ents(nlp, GUESS)


def test_windows_map_the_models_entities_back_to_the_whole_text():
    # Two guesses far apart, each asked about in its own window of one excerpt; a model word
    # outside every window ("Analysts") is never asked about.
    filler = "The market was calm all week and " * 4
    text = ("Shares rose as analysts expect Pirelli to grow. " + filler + "Analysts were calm "
            + filler + "and later Kovacs said little, they expect Zorbex to grow.")  # fmt: skip
    nlp = _with_stub_ner({"Pirelli": "ORG", "Zorbex": "ORG", "Analysts": "ORG"}, windows=True)
    doc = nlp(text)
    ents = {(e.text, e.label_, e.start_char) for e in doc.ents}
    assert ("Pirelli", "ORG", text.index("Pirelli")) in ents
    assert ("Zorbex", "ORG", text.index("Zorbex")) in ents
    assert not any(t == "Analysts" for t, _, _ in ents)
    assert ("Kovacs", "PERSON", text.index("Kovacs")) in ents  # the guess the model left


def test_rules_alone_keep_their_guesses():
    import spacy

    from annotations.highlight.entities import add_entity_rules

    assert ("Pirelli", "PERSON") in _ents(add_entity_rules(spacy.blank("en")), GUESS)


def test_a_word_guessed_again_is_asked_about_once_and_labelled_alike():
    filler = " The market was calm all week and prices held." * 5
    text = "Analysts expect Zorbex to grow." + filler + " Later the board said Zorbex would."
    seen: list[str] = []
    nlp = _with_stub_ner({"Zorbex": "ORG"}, windows=True, seen=seen)
    doc = nlp(text)
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Zorbex"] == [("Zorbex", "ORG")] * 2
    assert len(seen) == 1 and seen[0].count("Zorbex") == 1 and len(seen[0]) < len(text) / 3


def test_a_models_name_with_bare_numbers_in_it_is_not_taken():
    # Sports results read as one long name: "Somerset 4 Durham 2".
    text = "Results on Saturday:\nKovacs and Zorbex drew. Somerset 4 Durham 2\n"
    nlp = _with_stub_ner({"Somerset 4 Durham 2": "ORG", "Zorbex": "ORG"}, windows=True)
    ents = {(e.text, e.label_) for e in nlp(text).ents}
    assert ("Zorbex", "ORG") in ents
    assert not any(any(ch.isdigit() for ch in t) for t, _ in ents)
