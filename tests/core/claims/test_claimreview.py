"""ClaimReview with --per-claim: one review per judged claim, each article stating it an
appearance, read back by pyld as schema.org terms."""

from __future__ import annotations

import json

from pyld import jsonld

from annotations.exporters import ExportOptions, export
from annotations.model import Source

SDO = "https://schema.org/"
SCHEMA_CONTEXT = {"@context": {"@vocab": SDO, "url": {"@id": f"{SDO}url", "@type": "@id"}}}
TEMPLATE = "https://factcheck.example/checks/{article_id}#{span_id}"


def _loader(url, options=None):
    assert url == "https://schema.org", url  # nothing else, and no network
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def _export(store, tmp_path, **options) -> list[dict]:
    out = tmp_path / "reviews.jsonld"
    export(store, "claimreview", out, ExportOptions(all_articles=True, review_url=TEMPLATE,
                                                    **options))  # fmt: skip
    return jsonld.expand(json.loads(out.read_text(encoding="utf-8")), {"documentLoader": _loader})


def test_a_judged_claim_is_one_review_listing_every_article_as_an_appearance(tiny, tmp_path):
    s = tiny.store
    s.rename_claim(tiny.claim_id, "Gaza death toll on 10 October")
    s.set_claim_verdict(tiny.claim_id, "disputed", note="Two figures the same day")
    s.link_claim_source(tiny.claim_id, Source("https://example.org/moh", title="Ministry"))
    s.apply_claim(tiny.claim_id)  # the figures are judged too, but reviewed once: in the claim
    [review] = _export(s, tmp_path, per_claim=True)
    assert review["@type"] == [f"{SDO}ClaimReview"]
    assert review[f"{SDO}claimReviewed"] == [{"@value": "Gaza death toll on 10 October"}]
    [rating] = review[f"{SDO}reviewRating"]
    assert rating[f"{SDO}alternateName"] == [{"@value": "Disputed"}]
    [claim] = review[f"{SDO}itemReviewed"]
    urls = [a[f"{SDO}url"][0]["@id"] for a in claim[f"{SDO}appearance"]]
    assert sorted(urls) == [f"https://news.example/{a}" for a in ("afp", "ap", "bbc")]
    assert claim[f"{SDO}firstAppearance"][0][f"{SDO}url"][0]["@id"] in urls
    [citation] = review[f"{SDO}citation"]
    assert citation[f"{SDO}url"] == [{"@id": "https://example.org/moh"}]
    assert review[f"{SDO}url"][0]["@id"].startswith("https://factcheck.example/checks/")
    assert review[f"{SDO}author"][0][f"{SDO}name"] == [{"@value": "ana"}]


def test_without_per_claim_each_judged_figure_is_its_own_review(tiny, tmp_path):
    s = tiny.store
    s.set_claim_verdict(tiny.claim_id, "disputed")
    s.apply_claim(tiny.claim_id)
    assert len(_export(s, tmp_path)) == 3
    # With --per-claim, a judged figure outside any claim keeps its own review.
    s.set_verdict(tiny.spans["lagos"], "supported")
    reviews = _export(s, tmp_path, per_claim=True)
    assert len(reviews) == 2
    texts = sorted(r[f"{SDO}claimReviewed"][0]["@value"] for r in reviews)
    assert texts[0].startswith("A crash in Lagos killed 12 people")
    assert texts[1].startswith("Some 1,400 people were killed in Gaza")  # the earliest clause
