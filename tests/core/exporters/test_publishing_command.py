"""`factmark export` for publishing: `-f w3c` (and the old `webanno` with a warning), and
`-f claimreview` with `--review-url` and `--author`, remembered by the project."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotations.cli import cli
from annotations.store import Store


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), "export", *args])


def test_webanno_still_exports_w3c_with_a_warning_on_stderr(project, tmp_path):
    new, old = tmp_path / "new.jsonld", tmp_path / "old.jsonld"
    assert run(project.store.path, "-f", "w3c", "-o", str(new)).exit_code == 0
    r = run(project.store.path, "-f", "webanno", "-o", str(old))
    assert r.exit_code == 0, r.output
    assert r.stderr.startswith("warning: --format webanno is now --format w3c")
    assert old.read_bytes() == new.read_bytes()


def test_claimreview_review_url_and_author_are_remembered_for_the_next_export(project, tmp_path):
    out = tmp_path / "claims.jsonld"
    r = run(project.store.path, "-f", "claimreview", "-o", str(out), "--author", "Full Fact",
            "--review-url", "https://factcheck.example/{article_id}/{span_id}")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "note:" not in r.stderr
    first = out.read_bytes()
    r = run(project.store.path, "-f", "claimreview", "-o", str(out))  # a later day: nothing given
    assert r.exit_code == 0 and out.read_bytes() == first
    reviews = json.loads(first)["@graph"]
    assert {r["author"]["name"] for r in reviews} == {"Full Fact"}
    assert all(r["url"].startswith("https://factcheck.example/a1/") for r in reviews)
    remembered = Store(project.store.path)
    assert remembered.setting("claimreview.author") == "Full Fact"
    remembered.close()


def test_claimreview_without_a_review_url_notes_what_google_needs(project, tmp_path):
    r = run(project.store.path, "-f", "claimreview", "-o", str(tmp_path / "c.jsonld"))
    assert r.exit_code == 0
    assert "note: no --review-url" in r.stderr


def test_publishing_options_are_refused_for_other_formats_and_bad_templates(project, tmp_path):
    r = run(project.store.path, "-f", "jsonl", "-o", str(tmp_path / "x.jsonl"), "--author", "X")
    assert r.exit_code == 1 and "claimreview format only" in r.stderr
    r = run(project.store.path, "-f", "claimreview", "-o", str(tmp_path / "c.jsonld"),
            "--review-url", "ftp://x.example/{article_id}")  # fmt: skip
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "not an http(s) address" in r.stderr
    assert not (tmp_path / "c.jsonld").exists()
