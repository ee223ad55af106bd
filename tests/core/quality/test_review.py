"""Review quality: how reviewers' decisions judge the pre-highlighting, per label and origin."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotations.cli import cli
from annotations.quality.review import review_quality


def test_counts_and_precision_per_label_and_origin(project):
    q = review_quality(project.store)
    org = q["by_label"]["ORG"]
    # ORG suggestions: Acme Corp accepted, Google accepted, Workers rejected, Jane Smith relabelled
    # to PERSON (counts as a corrected ORG suggestion); Bank of England was added by a reviewer.
    assert (org["accepted"], org["corrected"], org["rejected"], org["added"]) == (2, 1, 1, 1)
    assert org["precision"] == 0.5 and org["lenient_precision"] == 0.75 and org["recall"] == 0.75
    assert "PERSON" not in q["by_label"]
    assert q["by_label"]["GPE"]["suggested"] == 1  # London still waits for a decision
    model, rules = q["by_origin"]["model:news"], q["by_origin"]["rules"]
    assert (model["accepted"], model["corrected"], model["precision"]) == (1, 1, 0.5)
    assert (rules["accepted"], rules["rejected"]) == (8, 1)
    assert "reviewer" not in q["by_origin"]  # spans reviewers added are not pre-highlighting
    assert q["overall"]["added"] == 2


def test_rates_are_none_before_any_decision(store):
    from annotations.model import Article, Span

    store.insert_article(Article("x", "Paris is big."), [Span(0, 5, "GPE", "Paris")])
    q = review_quality(store)
    assert q["overall"]["precision"] is None and q["overall"]["suggested"] == 1


def test_stats_prints_quality_as_json_and_as_a_table(project):
    db = str(project.store.path)
    r = CliRunner().invoke(cli, ["--db", db, "stats", "--json"])
    assert json.loads(r.stdout)["quality"]["by_origin"]["rules"]["precision"] == 0.8889
    r = CliRunner().invoke(cli, ["--db", db, "stats"])
    rows = {line.split()[0]: line.split() for line in r.stdout.splitlines() if line.strip()}
    assert rows["ORG"][1:5] == ["2", "1", "1", "1"]
    assert rows["model:news"][-2:] == ["0.50", "1.00"]
