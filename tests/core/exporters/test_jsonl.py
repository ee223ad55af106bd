"""JSONL export: Prodigy's shape, and `factmark import` of it gives back every field."""

from __future__ import annotations

import json

from annotations.exporters import ExportOptions, export
from annotations.importers import import_paths
from annotations.store import Store


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _span_fields(store: Store, article_id: str) -> list[tuple]:
    return [
        (s.start, s.end, s.label, s.text, s.status.value, s.origin, s.confidence, s.note,
         s.figure.to_dict() if s.figure else None)
        for s in store.spans(article_id)
    ]  # fmt: skip


def _article_fields(store: Store, article_id: str) -> tuple:
    a = store.article(article_id)
    return (a.text, a.title, a.published, a.outlet, a.url, a.status.value, a.meta)


def test_jsonl_has_prodigy_tokens_and_spans_that_line_up(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out)
    records = _lines(out)
    assert [r["id"] for r in records] == ["a1", "a2"]
    for rec in records:
        text = rec["text"]
        assert rec["answer"] == "accept"
        for i, tok in enumerate(rec["tokens"]):
            assert tok["id"] == i and text[tok["start"] : tok["end"]] == tok["text"]
        for span in rec["spans"]:
            first, last = rec["tokens"][span["token_start"]], rec["tokens"][span["token_end"]]
            assert (first["start"], last["end"]) == (span["start"], span["end"])
            assert text[span["start"] : span["end"]] == span["text"]
        assert {(s["text"], s["label"]) for s in rec["spans"]} == project.verified[rec["id"]]


def test_jsonl_round_trip_gives_back_every_field(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out, ExportOptions(all_articles=True, include_rejected=True))
    fresh = Store(tmp_path / "fresh.db")
    report = import_paths(fresh, [out])
    assert report.imported == 3 and not report.problems
    for article_id in ("a1", "a2", "a3"):
        assert _article_fields(fresh, article_id) == _article_fields(project.store, article_id)
        assert _span_fields(fresh, article_id) == _span_fields(project.store, article_id)
    # A confidence and the figure's verdict and note survive too (not only defaults).
    spans = {s.text: s for s in fresh.spans("a1")}
    assert spans["$1.13bn"].figure.verdict.value == "false"
    assert spans["$1.13bn"].note == "The report says $1.1bn"
    assert spans["Workers"].status.value == "rejected"


def test_jsonl_keeps_rejected_spans_out_of_spans(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out, ExportOptions(include_rejected=True))
    a1 = _lines(out)[0]
    assert project.rejected not in {s["text"] for s in a1["spans"]}
    assert [(s["text"], s["status"]) for s in a1["rejected_spans"]] == [("Workers", "rejected")]


def test_jsonl_carries_linked_sources(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out)
    spans = {s["text"]: s for s in _lines(out)[0]["spans"]}
    assert spans["76%"]["sources"] == [{
        "url": "https://example.org/report", "title": "Annual report", "outlet": None,
        "published": None, "stance": "supports", "excerpt": "profits up 76%",
    }]  # fmt: skip


def test_jsonl_round_trip_keeps_confidence(tmp_path):
    from annotations.model import Article, Span

    store = Store(tmp_path / "p.db")
    text = "Paris is big."
    store.insert_article(Article("x", text, status="reviewed"),
                         [Span(0, 5, "GPE", "Paris", origin="model:news", status="accepted",
                               confidence=0.875)])  # fmt: skip
    out = tmp_path / "x.jsonl"
    export(store, "jsonl", out)
    fresh = Store(tmp_path / "fresh.db")
    import_paths(fresh, [out])
    assert _span_fields(fresh, "x") == _span_fields(store, "x")
    assert fresh.spans("x")[0].confidence == 0.875


def test_jsonl_round_trip_gives_back_linked_sources(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out)
    fresh = Store(tmp_path / "fresh.db")
    import_paths(fresh, [out])

    def links(store):
        return {
            (s.text, ln.source.url, ln.source.title, ln.stance.value, ln.excerpt)
            for s in store.spans("a1") for ln in store.links(s.id)
        }  # fmt: skip

    assert links(fresh) == links(project.store) != set()


def test_jsonl_import_refuses_a_source_that_is_not_http(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(
            {
                "id": "x",
                "text": "Some 40 people.",
                "spans": [
                    {
                        "start": 0,
                        "end": 7,
                        "label": "FIGURE",
                        "sources": [{"url": "javascript:alert(1)"}],
                    }
                ],
            }
        )
    )
    report = import_paths(Store(tmp_path / "p.db"), [bad])
    assert report.imported == 0
    assert "bad.jsonl:1: span 1: javascript:alert(1): a source needs an http" in str(
        report.problems[0]
    )
