"""Training a spaCy NER pipeline from Docs, and the bundled news model that factmark ships."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from annotations.paths import RESOURCES
from annotations.train import ModelSettings, build_config, train_ner, write_config

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
BUNDLED = RESOURCES / "models" / "factmark_news"

SENTENCES = [
    ("Angela Merkel visited Paris on Monday.", [("Angela Merkel", "PERSON"), ("Paris", "GPE")]),
    ("Reuters reported that Boris Johnson left London.",
     [("Reuters", "ORG"), ("Boris Johnson", "PERSON"), ("London", "GPE")]),
    ("The United Nations met in Geneva.", [("United Nations", "ORG"), ("Geneva", "GPE")]),
    ("Emmanuel Macron spoke to NATO in Brussels.",
     [("Emmanuel Macron", "PERSON"), ("NATO", "ORG"), ("Brussels", "GPE")]),
]  # fmt: skip
TINY = ModelSettings(width=32, depth=1, embed_rows=500, hidden_width=32, eval_frequency=5)


def _docs(nlp) -> list[Doc]:
    docs = []
    for text, ents in SENTENCES:
        doc = nlp.make_doc(text)
        spans = []
        for name, label in ents:
            start = text.index(name)
            spans.append(doc.char_span(start, start + len(name), label=label))
        doc.ents = spans
        docs.append(doc)
    return docs


def test_train_writes_a_model_that_spacy_loads_and_that_finds_entities(tmp_path):
    docs = _docs(spacy.blank("en")) * 6
    seen = []

    result = train_ner(
        docs,
        docs[:4],
        tmp_path / "model",
        epochs=15,
        seed=0,
        settings=TINY,
        on_progress=seen.append,
    )

    nlp = spacy.load(tmp_path / "model")
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "GPE"}
    found = {(e.text, e.label_) for e in nlp("Angela Merkel visited Paris on Monday.").ents}
    assert ("Angela Merkel", "PERSON") in found
    assert set(result.per_label) <= {"PERSON", "ORG", "GPE"} and result.per_label
    assert 0.0 < result.overall.f1 <= 1.0
    assert seen and seen[-1].fraction == pytest.approx(1.0)
    assert not result.cancelled


def test_train_stops_when_asked_and_keeps_a_loadable_model(tmp_path):
    docs = _docs(spacy.blank("en")) * 6

    result = train_ner(
        docs, docs[:4], tmp_path / "model", epochs=50, settings=TINY, should_stop=lambda: True
    )

    assert result.cancelled and result.steps <= 1
    assert "ner" in spacy.load(tmp_path / "model").pipe_names


def test_train_reads_docbin_paths(tmp_path):
    docs = _docs(spacy.blank("en"))
    DocBin(docs=docs * 3).to_disk(tmp_path / "train.spacy")
    DocBin(docs=docs).to_disk(tmp_path / "dev.spacy")

    result = train_ner(
        tmp_path / "train.spacy", tmp_path / "dev.spacy", tmp_path / "m", epochs=2, settings=TINY
    )

    assert result.labels == ["GPE", "ORG", "PERSON"]


def test_written_config_has_the_data_paths_and_a_seeded_cnn_ner(tmp_path):
    path = write_config(tmp_path / "config.cfg", "train.spacy", "dev.spacy", seed=7, epochs=3)

    config = spacy.util.load_config(path)
    assert config["paths"]["train"] == "train.spacy"
    assert config["paths"]["dev"] == "dev.spacy"
    assert config["system"]["seed"] == 7 and config["training"]["max_epochs"] == 3
    assert config["nlp"]["pipeline"] == ["tok2vec", "ner"]
    embed = config["components"]["tok2vec"]["model"]["embed"]
    assert embed["include_static_vectors"] is False
    assert build_config().to_str() == build_config().to_str()  # same input, same config


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the bundled model tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.skipif(not BUNDLED.exists(), reason="resources/models/factmark_news not built yet")
def test_bundled_model_finds_the_seeds_people_places_and_organisations(no_network):
    nlp = spacy.load(BUNDLED)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))

    found = {(e.text, e.label_) for e in nlp(text).ents}

    people = {t for t, label in found if label == "PERSON"}
    places = {t for t, label in found if label in ("GPE", "LOC")}
    orgs = {t for t, label in found if label == "ORG"}
    assert {"Antony Blinken", "James Cleverly", "Benjamin Netanyahu"} <= people
    assert {"Israel", "Gaza"} <= places
    assert "Hamas" in orgs


@pytest.mark.skipif(not BUNDLED.exists(), reason="resources/models/factmark_news not built yet")
def test_the_default_highlighter_loads_the_bundled_model_offline(no_network):
    from annotations.highlight import load_highlighter

    highlighter = load_highlighter()
    assert highlighter.origin == "model:factmark_news"
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    found = {(s.text, s.label) for s in highlighter.highlight(text)}
    assert ("Antony Blinken", "PERSON") in found and ("Israel", "GPE") in found
