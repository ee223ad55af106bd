"""spaCy export: DocBins laid out as spaCy and Prodigy users expect, read back by spaCy itself,
and a split that `spacy debug data` accepts from wherever the folder was moved."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import spacy
from spacy.tokens import DocBin
from thinc.api import Config

from annotations.exporters import ExportError, ExportOptions, export


def _docs(path):
    nlp = spacy.blank("en")
    files = sorted(path.rglob("*.spacy")) if path.is_dir() else [path]
    return [doc for f in files for doc in DocBin().from_disk(f).get_docs(nlp.vocab)]


def test_an_output_named_dot_spacy_is_one_docbin_file(project, tmp_path):
    out = tmp_path / "out.spacy"
    report = export(project.store, "spacy", out)
    assert out.is_file()
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    assert [d.text for d in docs] == [project.texts["a1"], project.texts["a2"]]
    assert report.articles == 2 and report.paths == {"docs": out}
    for doc, article_id in zip(docs, ("a1", "a2"), strict=True):
        assert {(e.text, e.label_) for e in doc.ents} == project.mapped(article_id)
        assert project.rejected not in {e.text for e in doc.ents}


def test_docs_carry_their_article_and_figure_attributes_in_user_data(project, tmp_path):
    out = tmp_path / "out.spacy"
    export(project.store, "spacy", out)
    a1, a2 = _docs(out)
    assert (a1.user_data["article_id"], a2.user_data["article_id"]) == ("a1", "a2")
    assert a1.user_data["url"] == "https://news.example/acme" and a1.user_data["outlet"] == "BBC"
    figures = {f["text"]: f for f in a1.user_data["figures"]}
    assert set(figures) == {"76%", "$1.13bn", "2,000", "about 5,000"}
    assert figures["$1.13bn"]["value"] == 1.13e9 and figures["$1.13bn"]["verdict"] == "false"
    assert figures["about 5,000"]["qualifier"] == "approximately"
    assert a1.text[figures["76%"]["start"] : figures["76%"]["end"]] == "76%"


def test_tokens_are_those_of_spacys_english_tokenizer(project, tmp_path):
    out = tmp_path / "out.spacy"
    export(project.store, "spacy", out)
    tokenizer = spacy.blank("en").tokenizer
    for doc in _docs(out):
        assert [(t.text, t.whitespace_) for t in doc] == [
            (t.text, t.whitespace_) for t in tokenizer(doc.text)
        ]


def test_a_folder_without_split_holds_shards(project, tmp_path):
    out = tmp_path / "docs"
    export(project.store, "spacy", out)
    assert sorted(p.name for p in out.glob("*.spacy")) == ["0000.spacy"]
    assert [d.text for d in _docs(out)] == [project.texts["a1"], project.texts["a2"]]


def test_keep_figure_keeps_the_figure_label(project, tmp_path):
    out = tmp_path / "out.spacy"
    export(project.store, "spacy", out, ExportOptions(keep_figure=True))
    doc = _docs(out)[0]
    assert {(e.text, e.label_) for e in doc.ents} == project.verified["a1"]


def test_rejected_spans_become_incorrect_spans_and_the_config_trains_on_them(project, tmp_path):
    out = tmp_path / "data"
    export(project.store, "spacy", out, ExportOptions(include_rejected=True, split=0.5, seed=1))
    doc = next(d for d in _docs(out) if d.user_data["article_id"] == "a1")
    assert [(s.text, s.label_) for s in doc.spans["incorrect_spans"]] == [("Workers", "ORG")]
    assert "Workers" not in {e.text for e in doc.ents}
    config = Config().from_disk(out / "config.cfg", interpolate=False)
    assert config["components"]["ner"]["incorrect_spans_key"] == "incorrect_spans"
    plain = tmp_path / "plain"
    export(project.store, "spacy", plain, ExportOptions(split=0.5, seed=1))
    config = Config().from_disk(plain / "config.cfg", interpolate=False)
    assert config["components"]["ner"]["incorrect_spans_key"] is None


def test_split_writes_train_and_dev_files_with_every_article_once(project, tmp_path):
    out = tmp_path / "data"
    report = export(project.store, "spacy", out, ExportOptions(split=0.5, seed=3))
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "config.cfg", "dev.spacy", "train.spacy"]  # fmt: skip
    assert report.paths == {"train": out / "train.spacy", "dev": out / "dev.spacy"}
    train, dev = _docs(out / "train.spacy"), _docs(out / "dev.spacy")
    assert len(train) == 1 and len(dev) == 1
    assert sorted(d.text for d in train + dev) == sorted([project.texts["a1"], project.texts["a2"]])
    # No path is written into the config: it is given on the command line, wherever the folder is.
    config = Config().from_disk(out / "config.cfg", interpolate=False)
    assert config["paths"]["train"] is None and config["paths"]["dev"] is None
    assert str(tmp_path) not in (out / "config.cfg").read_text(encoding="utf-8")
    again = tmp_path / "again"
    export(project.store, "spacy", again, ExportOptions(split=0.5, seed=3))
    assert [d.text for d in _docs(again / "dev.spacy")] == [d.text for d in dev]


def test_a_large_part_is_sharded_in_a_folder_spacy_reads(training_project, tmp_path, monkeypatch):
    from spacy.training import Corpus

    from annotations.exporters import docbin

    monkeypatch.setattr(docbin, "SHARD_TOKENS", 500)
    out = tmp_path / "data"
    report = export(training_project, "spacy", out, ExportOptions(split=0.8, seed=0))
    assert report.paths["train"] == out / "train" and len(list((out / "train").iterdir())) > 1
    nlp = spacy.blank("en")
    assert len(list(Corpus(report.paths["train"])(nlp))) == 104
    assert len(list(Corpus(report.paths["dev"])(nlp))) == 26


def test_a_split_into_one_file_is_refused(project, tmp_path):
    with pytest.raises(ExportError, match="--split writes a folder"):
        export(project.store, "spacy", tmp_path / "x.spacy", ExportOptions(split=0.5))
    assert not (tmp_path / "x.spacy").exists()


@pytest.mark.slow
def test_a_moved_split_export_passes_spacy_debug_data(training_project, tmp_path):
    out = tmp_path / "data"
    export(training_project, "spacy", out, ExportOptions(split=0.8, seed=0))
    moved = tmp_path / "elsewhere" / "corpus"
    moved.parent.mkdir()
    shutil.move(out, moved)
    run = subprocess.run(
        [sys.executable, "-m", "spacy", "debug", "data", "corpus/config.cfg",
         "--paths.train", "corpus/train.spacy", "--paths.dev", "corpus/dev.spacy"],
        capture_output=True, text=True, timeout=300, cwd=moved.parent,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Corpus is loadable" in run.stdout
    assert "104 training docs" in run.stdout and "26 evaluation docs" in run.stdout
    assert "misaligned tokens" not in run.stdout
