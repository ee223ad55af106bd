"""Training from reviewed work: scores on held-out articles, and the model highlights."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotations.cli import cli
from annotations.learn import NotEnoughData, TrainingCancelled, train_from_store
from annotations.model import Article, ArticleStatus, Span, SpanStatus
from annotations.store import Store


def test_train_then_highlight_uses_the_trained_model(training_project, tmp_path):
    model = tmp_path / "newsroom"
    # Default settings: the checkpoint kept must be a trained one, not the step-0 evaluation.
    result = train_from_store(training_project, model, epochs=3, seed=0)
    assert set(result.per_label) == {"PERSON", "ORG", "GPE", "DATE"}
    assert result.overall.f1 > 0.6
    assert (model / "meta.json").exists()

    article = tmp_path / "new.txt"
    article.write_text(
        "Emma Wilson joined Hooli in Oslo on Friday. Profits rose 5%.", encoding="utf-8"
    )
    r = CliRunner().invoke(
        cli, ["highlight", "--model", str(model), str(article)], catch_exceptions=False
    )
    assert r.exit_code == 0, r.output
    spans = json.loads(r.output.splitlines()[0])["spans"]
    entities = {(s["text"], s["label"]) for s in spans if s["label"] != "FIGURE"}
    assert {s["origin"] for s in spans} == {"model:newsroom"}
    assert ("Friday", "DATE") in entities and ("Emma Wilson", "PERSON") in entities


def test_training_needs_two_reviewed_articles(tmp_path):
    store = Store(tmp_path / "p.db")
    store.insert_article(Article("only", "Paris is big.", status=ArticleStatus.REVIEWED),
                         [Span(0, 5, "GPE", "Paris", status=SpanStatus.ACCEPTED)])  # fmt: skip
    store.insert_article(Article("new", "Rome is old."), [Span(0, 4, "GPE", "Rome")])
    with pytest.raises(NotEnoughData, match="1 reviewed article"):
        train_from_store(store, tmp_path / "model")
    assert not (tmp_path / "model").exists()


def test_cancelling_before_any_step_writes_no_model(training_project, tmp_path):
    with pytest.raises(TrainingCancelled):
        train_from_store(training_project, tmp_path / "model", should_stop=lambda: True)
    assert not (tmp_path / "model").exists()


def test_train_command_prints_per_label_scores(tmp_path, make_training_project):
    db = tmp_path / "p.db"
    make_training_project(db, n_articles=20).close()
    r = CliRunner().invoke(
        cli, ["--db", str(db), "train", "-o", str(tmp_path / "m"), "--epochs", "1"]
    )
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["label", "P", "R", "F"]
    assert {line.split()[0] for line in lines[1:5]} == {"DATE", "GPE", "ORG", "PERSON"}
    assert "factmark highlight --model" in r.stderr


def test_train_command_explains_missing_data_in_one_line(tmp_path):
    r = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "empty.db"), "train", "-o", str(tmp_path / "m")]
    )
    assert r.exit_code == 1
    assert "Error: 0 reviewed article(s); training needs at least 2" in r.output
    assert "Traceback" not in r.output
