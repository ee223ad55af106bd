"""W3C Web Annotation and schema.org ClaimReview JSON-LD: shape checks on the documents."""

from __future__ import annotations

import json

from annotations.exporters import export

ANNO = "http://www.w3.org/ns/anno.jsonld"


def test_web_annotations_select_the_span_and_carry_label_sources_and_creator(project, tmp_path):
    out = tmp_path / "out.jsonld"
    export(project.store, "webanno", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == ANNO and doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert doc["first"]["type"] == "AnnotationPage" and doc["total"] == len(items) == 11
    texts = {
        "https://news.example/acme": project.texts["a1"],
        "urn:factmark:article:a2": project.texts["a2"],
    }
    by_quote = {}
    for anno in items:
        assert anno["type"] == "Annotation" and anno["id"].startswith("urn:factmark:span:")
        text = texts[anno["target"]["source"]]
        quote, position = anno["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
        tags = [b["value"] for b in anno["body"] if b["purpose"] == "tagging"]
        by_quote[quote["exact"]] = (tags, anno)
    assert {(q, t[0]) for q, (t, _) in by_quote.items()} == project.verified[
        "a1"
    ] | project.verified["a2"]
    _, pct = by_quote["76%"]
    assert {"type": "SpecificResource", "purpose": "linking", "source": "https://example.org/report",
            "selector": {"type": "TextQuoteSelector", "exact": "profits up 76%"}} in pct["body"]  # fmt: skip
    assert {"type": "TextualBody", "purpose": "assessing", "value": "supported"} in pct["body"]
    described = next(b for b in pct["body"] if b["purpose"] == "describing")
    assert json.loads(described["value"])["kind"] == "percent"
    assert pct["creator"] == {"type": "Person", "name": "alice"}
    span_id = int(pct["id"].rsplit(":", 1)[1])
    times = sorted(e.at for e in project.store.events("a1") if e.span_id == span_id)
    assert pct["created"] == times[0]
    assert pct.get("modified", pct["created"]) == times[-1]  # omitted when both are the same
    assert "Workers" not in by_quote


def test_claim_reviews_for_judged_figures_only(project, tmp_path):
    out = tmp_path / "claims.jsonld"
    export(project.store, "claimreview", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == "https://schema.org"
    reviews = {r["itemReviewed"]["text"]: r for r in doc["@graph"]}
    assert sorted(reviews) == ["$1.13bn", "76%"]  # the other figures are unverified
    sentence = (
        "Acme Corp said profits rose 76% to $1.13bn in 2004, according to Jane Smith in London."
    )
    false = reviews["$1.13bn"]
    assert false["@type"] == "ClaimReview" and false["claimReviewed"] == sentence
    assert false["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                                     "worstRating": 1, "alternateName": "False"}  # fmt: skip
    assert false["author"] == {"@type": "Person", "name": "alice"}
    assert false["reviewBody"] == "The report says $1.1bn"
    appearance = false["itemReviewed"]["appearance"]
    assert (
        appearance["url"] == "https://news.example/acme"
        and appearance["datePublished"] == "2005-01-20"
    )
    assert appearance["publisher"] == {"@type": "Organization", "name": "BBC"}
    supported = reviews["76%"]
    assert supported["reviewRating"]["ratingValue"] == 5
    assert supported["reviewRating"]["alternateName"] == "Supported"
    assert [c["url"] for c in supported["citation"]] == ["https://example.org/report"]
    assert len(supported["datePublished"]) == 10  # a date, from the audit log
