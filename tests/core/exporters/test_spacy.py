"""spaCy export: DocBins that spaCy reads back, and that `spacy debug data` accepts."""

from __future__ import annotations

import subprocess
import sys

import spacy
from spacy.tokens import DocBin

from annotations.exporters import ExportOptions, export


def _docs(folder):
    nlp = spacy.blank("en")
    return [
        doc
        for f in sorted(folder.rglob("*.spacy"))
        for doc in DocBin().from_disk(f).get_docs(nlp.vocab)
    ]


def test_docbin_reads_back_with_article_text_and_verified_entities(project, tmp_path):
    out = tmp_path / "docs"
    report = export(project.store, "spacy", out)
    docs = _docs(out)
    assert [d.text for d in docs] == [project.texts["a1"], project.texts["a2"]]
    assert report.articles == 2
    for doc, article_id in zip(docs, ("a1", "a2"), strict=True):
        assert {(e.text, e.label_) for e in doc.ents} == project.mapped(article_id)
        assert project.rejected not in {e.text for e in doc.ents}


def test_keep_figure_keeps_the_figure_label(project, tmp_path):
    out = tmp_path / "docs"
    export(project.store, "spacy", out, ExportOptions(keep_figure=True))
    doc = _docs(out)[0]
    assert {(e.text, e.label_) for e in doc.ents} == project.verified["a1"]


def test_rejected_spans_become_incorrect_spans_never_entities(project, tmp_path):
    out = tmp_path / "docs"
    export(project.store, "spacy", out, ExportOptions(include_rejected=True))
    doc = _docs(out)[0]
    assert [(s.text, s.label_) for s in doc.spans["incorrect_spans"]] == [("Workers", "ORG")]
    assert "Workers" not in {e.text for e in doc.ents}


def test_split_writes_train_and_dev_with_every_article_once(project, tmp_path):
    out = tmp_path / "data"
    export(project.store, "spacy", out, ExportOptions(split=0.5, seed=3, spacy_config=False))
    train, dev = _docs(out / "train"), _docs(out / "dev")
    assert len(train) == 1 and len(dev) == 1
    assert sorted(d.text for d in train + dev) == sorted([project.texts["a1"], project.texts["a2"]])
    again = tmp_path / "again"
    export(project.store, "spacy", again, ExportOptions(split=0.5, seed=3, spacy_config=False))
    assert [d.text for d in _docs(again / "dev")] == [d.text for d in dev]


def test_split_export_passes_spacy_debug_data_with_our_config(training_project, tmp_path):
    out = tmp_path / "data"
    export(training_project, "spacy", out, ExportOptions(split=0.8, seed=0))
    run = subprocess.run(
        [sys.executable, "-m", "spacy", "debug", "data", str(out / "config.cfg")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Corpus is loadable" in run.stdout
    assert "104 training docs" in run.stdout and "26 evaluation docs" in run.stdout
