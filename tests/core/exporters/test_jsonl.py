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
    meta = {k: v for k, v in a.meta.items() if k not in ("_input_hash", "_task_hash")}
    return (a.text, a.title, a.published, a.outlet, a.url, a.status.value, meta)


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
    accessed = project.store.find_sources("example.org")[0].accessed  # moved with the project
    assert accessed
    assert spans["76%"]["sources"] == [{
        "url": "https://example.org/report", "title": "Annual report", "outlet": None,
        "published": None, "accessed": accessed, "stance": "supports",
        "excerpt": "profits up 76%",
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


def test_tokens_and_ws_rebuild_the_text_exactly_newlines_included(project, tmp_path):
    import spacy

    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out, ExportOptions(all_articles=True))
    records = _lines(out)
    assert any("\n\n" in r["text"] for r in records)
    tokenizer = spacy.blank("en").tokenizer
    for rec in records:
        rebuilt = "".join(t["text"] + (" " if t["ws"] else "") for t in rec["tokens"])
        assert rebuilt == rec["text"]
        assert [t["text"] for t in rec["tokens"]] == [t.text for t in tokenizer(rec["text"])]
        for span in rec["spans"]:  # every span of the fixture lies on spaCy's tokens
            first, last = rec["tokens"][span["token_start"]], rec["tokens"][span["token_end"]]
            assert rec["text"][first["start"] : last["end"]] == span["text"]


def test_prodigy_hashes_are_present_and_stable(project, tmp_path):
    first, again = tmp_path / "first.jsonl", tmp_path / "again.jsonl"
    export(project.store, "jsonl", first, ExportOptions(all_articles=True))
    export(project.store, "jsonl", again, ExportOptions(all_articles=True))
    one, two = _lines(first), _lines(again)
    hashes = [(r["_input_hash"], r["_task_hash"]) for r in one]
    assert hashes == [(r["_input_hash"], r["_task_hash"]) for r in two]
    assert all(isinstance(h, int) and -(2**31) <= h < 2**31 for pair in hashes for h in pair)
    assert len({i for i, _ in hashes}) == 3  # three texts, three input hashes
    # Same text, other spans: the same input hash, another task hash.
    (span,) = [s for s in project.store.spans("a3") if s.text == "Google"]
    project.store.relabel(span.id, "PERSON")
    changed = tmp_path / "changed.jsonl"
    export(project.store, "jsonl", changed, ExportOptions(all_articles=True))
    before, after = one[2], _lines(changed)[2]
    assert after["_input_hash"] == before["_input_hash"]
    assert after["_task_hash"] != before["_task_hash"]


def test_import_keeps_prodigys_hashes_and_exports_them_again(tmp_path):
    src = tmp_path / "prodigy.jsonl"
    text = "Acme made $5m."
    src.write_text(json.dumps({"text": text, "_input_hash": -123, "_task_hash": 456,
                               "answer": "accept"}) + "\n", encoding="utf-8")  # fmt: skip
    store = Store(tmp_path / "p.db")
    assert import_paths(store, [src]).imported == 1
    (article_id,) = store.article_ids()
    assert store.article(article_id).meta == {"_input_hash": -123, "_task_hash": 456}
    out = tmp_path / "out.jsonl"
    export(store, "jsonl", out)
    (rec,) = _lines(out)
    assert (rec["_input_hash"], rec["_task_hash"]) == (-123, 456)
    assert "_input_hash" not in rec["meta"]
