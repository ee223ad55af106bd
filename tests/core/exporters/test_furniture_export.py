"""Page furniture stays out of exports unless asked (`--include-furniture`): its spans are
dropped; standoff formats keep the whole text (offsets true to the source), the formats that
train a model (spacy, conll) write the body's text alone."""

from __future__ import annotations

import json

import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import DocBin

from annotations.cli import cli
from annotations.exporters import ExportOptions, export
from annotations.importers import import_paths
from annotations.model import Article, ArticleStatus, Body, Span, SpanStatus

HEADER = "Jerusalem Post\nSeparator\n\n"
HEADLINE = "Blinken speaks with Gallant\n"
BYLINE = "By JERUSALEM POST STAFF"
PROSE = "\nBlinken spoke with Gallant in Gaza on Monday, where one million people shelter."
SIDEBAR = "\n\nDeath toll from floods rises to 315, Taliban ministry says\n05/12/2024 11:53 AM"
TEXT = HEADER + HEADLINE + BYLINE + PROSE + SIDEBAR


def _at(quote: str, label: str) -> Span:
    start = TEXT.index(quote)
    return Span(start, start + len(quote), label, quote, status=SpanStatus.ACCEPTED)


@pytest.fixture
def page(store):
    start = len(HEADER)
    byline = TEXT.index(BYLINE)
    body = Body(start, TEXT.index(SIDEBAR), ((byline, byline + len(BYLINE)),))
    store.insert_article(
        Article("p", TEXT, title="Blinken", status=ArticleStatus.REVIEWED, body=body),
        [_at("Jerusalem Post", "ORG"), _at("Blinken", "PERSON"), _at("JERUSALEM POST", "ORG"),
         _at("Gaza", "GPE"), _at("one million", "FIGURE"), _at("315", "FIGURE"),
         _at("Taliban", "ORG")],
    )  # fmt: skip
    return store


BODY_SPANS = {"Blinken", "Gaza", "one million"}
FURNITURE_SPANS = {"Jerusalem Post", "JERUSALEM POST", "315", "Taliban"}


def _jsonl(store, tmp_path, **options):
    out = tmp_path / "out.jsonl"
    export(store, "jsonl", out, ExportOptions(**options))
    return json.loads(out.read_text(encoding="utf-8"))


def test_jsonl_leaves_furniture_spans_out_and_keeps_the_whole_text(page, tmp_path):
    rec = _jsonl(page, tmp_path)
    assert rec["text"] == TEXT  # offsets stay true to the source
    assert {s["text"] for s in rec["spans"]} == BODY_SPANS
    assert all(TEXT[s["start"] : s["end"]] == s["text"] for s in rec["spans"])
    assert rec["body"]["start"] == len(HEADER)


def test_jsonl_with_furniture_keeps_them_and_import_gives_the_body_back(page, tmp_path, store):
    rec = _jsonl(page, tmp_path, include_furniture=True)
    assert {s["text"] for s in rec["spans"]} == BODY_SPANS | FURNITURE_SPANS
    from annotations.store import Store

    other = Store(tmp_path / "other.db")
    report = import_paths(other, [tmp_path / "out.jsonl"])
    assert report.imported == 1, [str(p) for p in report.problems]
    assert other.article("p").body == page.article("p").body
    other.close()


def test_spacy_docs_hold_the_body_alone_unless_furniture_is_asked(page, tmp_path):
    nlp = spacy.blank("en")
    export(page, "spacy", tmp_path / "body.spacy")
    [doc] = DocBin().from_disk(tmp_path / "body.spacy").get_docs(nlp.vocab)
    assert doc.text.startswith(HEADLINE) and "Separator" not in doc.text
    assert "STAFF" not in doc.text and "Taliban" not in doc.text
    assert doc.text.rstrip().endswith("people shelter.")
    assert {e.text for e in doc.ents} == BODY_SPANS
    export(page, "spacy", tmp_path / "all.spacy", ExportOptions(include_furniture=True))
    [whole] = DocBin().from_disk(tmp_path / "all.spacy").get_docs(nlp.vocab)
    assert whole.text == TEXT
    assert {e.text for e in whole.ents} == BODY_SPANS | FURNITURE_SPANS


def test_conll_tags_the_body_alone_as_seqeval_reads_it(page, tmp_path):
    from seqeval.metrics.sequence_labeling import get_entities

    def entities(**options):
        out = tmp_path / "out.conll"
        export(page, "conll", out, ExportOptions(**options))
        rows = [ln.split() for ln in out.read_text(encoding="utf-8").splitlines()]
        words = [r[0] for r in rows if len(r) == 4 and r[0] != "-DOCSTART-"]
        tags = [r[3] for r in rows if len(r) == 4 and r[0] != "-DOCSTART-"]
        return words, {(t, " ".join(words[a : b + 1])) for t, a, b in get_entities(tags)}

    words, found = entities()
    assert "Separator" not in words and "Taliban" not in words
    assert {text for _, text in found} == {"Blinken", "Gaza", "one million"}
    words, found = entities(include_furniture=True)
    assert "Separator" in words and ("ORG", "Taliban") in found and ("CARDINAL", "315") in found


def test_brat_keeps_the_whole_text_and_drops_furniture_annotations(page, tmp_path):
    export(page, "brat", tmp_path / "brat")
    assert (tmp_path / "brat" / "p.txt").read_text(encoding="utf-8") == TEXT
    ann = (tmp_path / "brat" / "p.ann").read_text(encoding="utf-8")
    quoted = {line.split("\t")[2] for line in ann.splitlines() if line.startswith("T")}
    assert quoted == BODY_SPANS


def test_export_command_include_furniture_flag(page, tmp_path):
    out = tmp_path / "figures.csv"
    args = ["--db", str(page.path), "export", "-f", "csv", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "315" not in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, [*args, "--include-furniture"])
    assert result.exit_code == 0, result.output
    assert "315" in out.read_text(encoding="utf-8")


def test_an_article_without_a_body_exports_every_span(store, tmp_path):
    store.insert_article(
        Article("old", TEXT, status=ArticleStatus.REVIEWED), [_at("315", "FIGURE")]
    )
    rec = _jsonl(store, tmp_path)
    assert [s["text"] for s in rec["spans"]] == ["315"] and "body" not in rec
