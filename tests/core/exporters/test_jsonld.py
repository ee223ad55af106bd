"""W3C Web Annotation and schema.org ClaimReview JSON-LD: the documents' shape, their expansion
by pyld (offline: stored or stub contexts), and Google's ClaimReview field list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld

from annotations.exporters import ExportError, ExportOptions, export
from annotations.exporters.claimreview import remember_publishing
from annotations.model import Article, Figure, Source, Span

ANNO = "http://www.w3.org/ns/anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
SDO = "https://schema.org/"
STANCE = "urn:factmark:vocab:stance"
ANNO_CONTEXT = json.loads((Path(__file__).parent / "data" / "anno.jsonld").read_text())
# Enough of schema.org's context to expand our documents: its vocabulary, and `url` as an IRI.
SCHEMA_CONTEXT = {"@context": {"@vocab": SDO, "url": {"@id": f"{SDO}url", "@type": "@id"}}}

# Google's fact-check structured data (developers.google.com/search/docs/appearance/
# structured-data/factcheck), its tables of required and recommended properties.
GOOGLE_REQUIRED = {
    "ClaimReview": ("claimReviewed", "reviewRating", "url"),
    "Rating": ("alternateName",),
}
GOOGLE_RECOMMENDED = {
    "ClaimReview": ("author", "datePublished", "itemReviewed"),
    "Claim": ("appearance", "author", "datePublished", "firstAppearance"),
    "Rating": ("bestRating", "name", "ratingValue", "worstRating"),
}

TWO_CLAIMS = "Unemployment fell to 4.2%, the lowest level since 1975, and wages rose 3% last year."
TEMPLATE = "https://factcheck.example/checks/{article_id}#{span_id}"


def _loader(url, options=None):
    documents = {ANNO: {"@context": ANNO_CONTEXT["@context"]}, "https://schema.org": SCHEMA_CONTEXT}
    assert url in documents, url  # nothing else, and no network
    return {"contextUrl": None, "documentUrl": url, "document": documents[url]}


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _uuids(store, *article_ids) -> dict[str, str]:
    """Span text -> uuid, over the given articles."""
    return {s.text: s.uuid for a in article_ids for s in store.spans(a)}


def _links(project) -> None:
    """The fixture's 76% has a supporting source; give $1.13bn a contradicting one and context."""
    sid = next(s.id for s in project.store.spans("a1") if s.text == "$1.13bn")
    project.store.link_source(sid, Source("https://example.org/accounts"), stance="contradicts")
    project.store.link_source(sid, Source("https://example.org/history"), stance="context")


def _add_two_claims(store) -> None:
    """A reviewed article whose one sentence holds a false and a supported figure."""
    store.insert_article(
        Article("two/claims", TWO_CLAIMS, title="Jobs", published="2024-05-13"),
        [Span(TWO_CLAIMS.index(q), TWO_CLAIMS.index(q) + len(q), "FIGURE", q,
              figure=Figure(value=v)) for q, v in (("4.2%", 4.2), ("3%", 3))],
    )  # fmt: skip
    for s in store.spans("two/claims"):
        store.set_verdict(s.id, "false" if s.text == "4.2%" else "supported")
    store.mark_reviewed("two/claims")


# ---------------------------------------------------------------------- W3C
def test_web_annotations_select_the_span_and_carry_label_sources_and_creator(project, tmp_path):
    out = tmp_path / "out.jsonld"
    export(project.store, "w3c", out)
    doc = _read(out)
    assert doc["@context"][0] == ANNO and doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert doc["first"]["type"] == "AnnotationPage" and doc["total"] == len(items) == 11
    texts = {
        "https://news.example/acme": project.texts["a1"],
        "urn:factmark:article:a2": project.texts["a2"],
    }
    by_quote = {}
    for anno in items:
        assert anno["type"] == "Annotation"
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
            "stance": "supports",
            "selector": {"type": "TextQuoteSelector", "exact": "profits up 76%"}} in pct["body"]  # fmt: skip
    assert {"type": "TextualBody", "purpose": "assessing", "value": "supported"} in pct["body"]
    described = next(b for b in pct["body"] if b["purpose"] == "describing")
    assert json.loads(described["value"])["kind"] == "percent"
    assert pct["creator"] == {"type": "Person", "name": "alice"}
    span = next(s for s in project.store.spans("a1") if s.text == "76%")
    times = sorted(e.at for e in project.store.events("a1") if e.span_id == span.id)
    assert pct["created"] == times[0]
    assert pct.get("modified", pct["created"]) == times[-1]  # omitted when both are the same
    assert "Workers" not in by_quote


def test_annotation_ids_are_the_spans_uuids(project, tmp_path):
    out = tmp_path / "out.jsonld"
    export(project.store, "w3c", out)
    ids = {a["target"]["selector"][0]["exact"]: a["id"] for a in _read(out)["first"]["items"]}
    names = _uuids(project.store, "a1", "a2")
    assert ids == {quote: f"urn:uuid:{names[quote]}" for quote in ids}
    assert len(set(ids.values())) == 11


def test_every_linking_body_says_its_stance_and_pyld_expands_it(project, tmp_path):
    _links(project)
    out = tmp_path / "out.jsonld"
    export(project.store, "w3c", out)
    expanded = jsonld.expand(_read(out), {"documentLoader": _loader})
    annotations = expanded[0]["http://www.w3.org/ns/activitystreams#first"][0][
        "http://www.w3.org/ns/activitystreams#items"
    ][0]["@list"]
    stances = {}
    for anno in annotations:
        for body in anno[f"{OA}hasBody"]:
            if body.get(f"{OA}hasPurpose") == [{"@id": f"{OA}linking"}]:
                source = body[f"{OA}hasSource"][0]["@id"]
                stances[source] = [v["@id"] for v in body[STANCE]]
    assert stances == {
        "https://example.org/report": ["urn:factmark:vocab:supports"],
        "https://example.org/accounts": ["urn:factmark:vocab:contradicts"],
        "https://example.org/history": ["urn:factmark:vocab:context"],
    }


def test_the_old_webanno_name_still_writes_w3c_and_says_it_was_renamed(project, tmp_path):
    export(project.store, "w3c", tmp_path / "new.jsonld")
    report = export(project.store, "webanno", tmp_path / "old.jsonld")
    assert (tmp_path / "old.jsonld").read_bytes() == (tmp_path / "new.jsonld").read_bytes()
    assert report.format == "w3c"
    assert any("now called w3c" in n for n in report.notes)


# ---------------------------------------------------------------------- ClaimReview
def _reviews(store, tmp_path, **options) -> dict[str, dict]:
    out = tmp_path / "claims.jsonld"
    export(store, "claimreview", out, ExportOptions(**options))
    doc = _read(out)
    assert doc["@context"] == "https://schema.org"
    return {r["reviewAspect"]: r for r in doc["@graph"]}


def test_claim_reviews_for_judged_figures_only(project, tmp_path):
    reviews = _reviews(project.store, tmp_path)
    assert sorted(reviews) == ["$1.13bn", "76%"]  # the other figures are unverified
    false = reviews["$1.13bn"]
    assert false["@type"] == "ClaimReview"
    assert false["claimReviewed"] == "Acme Corp said profits rose 76% to $1.13bn in 2004"
    assert false["identifier"] == f"urn:uuid:{_uuids(project.store, 'a1')['$1.13bn']}"
    assert false["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                                     "worstRating": 1, "alternateName": "False", "name": "False"}  # fmt: skip
    assert false["author"] == {"@type": "Person", "name": "alice"}  # no --author: the reviewer
    assert false["reviewBody"] == "The report says $1.1bn"
    claim = false["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"] == {"@type": "Organization", "name": "BBC"}
    assert claim["datePublished"] == "2005-01-20"
    assert claim["appearance"]["url"] == "https://news.example/acme"
    assert claim["firstAppearance"] == claim["appearance"]
    supported = reviews["76%"]
    assert supported["reviewRating"]["ratingValue"] == 5
    assert supported["reviewRating"]["alternateName"] == "Supported"
    assert [c["url"] for c in supported["citation"]] == ["https://example.org/report"]
    assert len(supported["datePublished"]) == 10  # a date, from the audit log


def test_two_figures_of_one_sentence_are_two_claims_each_its_clause(project, tmp_path):
    _add_two_claims(project.store)
    reviews = _reviews(project.store, tmp_path, article_ids=["two/claims"])
    assert {a: (r["claimReviewed"], r["reviewRating"]["alternateName"]) for a, r in reviews.items()} == {
        "4.2%": ("Unemployment fell to 4.2%", "False"),
        "3%": ("wages rose 3% last year.", "Supported"),
    }  # fmt: skip
    # An article without an address has no appearance: never a urn: in its place.
    assert all("appearance" not in r["itemReviewed"] for r in reviews.values())
    assert "urn:factmark" not in json.dumps(reviews)


def test_review_url_and_author_fill_every_field_google_lists(project, tmp_path):
    _add_two_claims(project.store)
    project.store.conn.execute(
        "UPDATE articles SET url = 'https://news.example/jobs', outlet = 'The Times'"
        " WHERE id = 'two/claims'"
    )
    reviews = _reviews(project.store, tmp_path, review_url=TEMPLATE, author="Full Fact")
    names = _uuids(project.store, "a1", "two/claims")
    assert reviews["3%"]["url"] == f"https://factcheck.example/checks/two%2Fclaims#{names['3%']}"
    assert reviews["$1.13bn"]["url"] == f"https://factcheck.example/checks/a1#{names['$1.13bn']}"
    assert len(reviews) == 4
    for review in reviews.values():
        assert review["author"] == {"@type": "Organization", "name": "Full Fact"}
        for node in (review, review["reviewRating"], review["itemReviewed"]):
            for field in GOOGLE_REQUIRED.get(node["@type"], ()) + GOOGLE_RECOMMENDED.get(node["@type"], ()):  # fmt: skip
                assert node.get(field) not in (None, "", []), (node["@type"], field)
        for work in (
            review["itemReviewed"]["appearance"],
            review["itemReviewed"]["firstAppearance"],
        ):
            assert work["url"].startswith("https://news.example/")


def test_claim_reviews_expand_in_pyld_to_schema_org_terms_with_http_urls(project, tmp_path):
    out = tmp_path / "claims.jsonld"
    export(
        project.store, "claimreview", out, ExportOptions(review_url=TEMPLATE, author="Full Fact")
    )
    expanded = jsonld.expand(_read(out), {"documentLoader": _loader})
    assert len(expanded) == 2
    for review in expanded:
        assert review["@type"] == [f"{SDO}ClaimReview"]
        for field in GOOGLE_REQUIRED["ClaimReview"] + GOOGLE_RECOMMENDED["ClaimReview"]:
            assert f"{SDO}{field}" in review, field
        assert review[f"{SDO}url"][0]["@id"].startswith("https://factcheck.example/checks/a1#")
        [rating] = review[f"{SDO}reviewRating"]
        assert rating["@type"] == [f"{SDO}Rating"]
        assert {f"{SDO}{f}" for f in GOOGLE_REQUIRED["Rating"] + GOOGLE_RECOMMENDED["Rating"]} <= set(rating)  # fmt: skip
        [claim] = review[f"{SDO}itemReviewed"]
        assert claim["@type"] == [f"{SDO}Claim"]
        assert {f"{SDO}{f}" for f in GOOGLE_RECOMMENDED["Claim"]} <= set(claim)
        [appearance] = claim[f"{SDO}appearance"]
        assert appearance[f"{SDO}url"] == [{"@id": "https://news.example/acme"}]


def test_the_author_and_review_url_are_remembered_by_the_project(project, tmp_path):
    remember_publishing(project.store, "Full Fact", TEMPLATE)
    assert [e.op for e in project.store.events(limit=2)] == ["set_setting", "set_setting"]
    reviews = _reviews(project.store, tmp_path)  # given nothing: what the project remembers
    assert all(
        r["author"] == {"@type": "Organization", "name": "Full Fact"} for r in reviews.values()
    )
    assert all(
        r["url"].startswith("https://factcheck.example/checks/a1#") for r in reviews.values()
    )
    again = _reviews(project.store, tmp_path, author="PolitiFact")  # given: used, not saved here
    assert {r["author"]["name"] for r in again.values()} == {"PolitiFact"}


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("https://x.example/{article}", "unknown placeholder {article}"),
        ("javascript:alert('{span_id}')", "is not an http(s) address"),
        ("https://x.example/{span_id", "write { and } as {{ and }}"),
    ],
)
def test_a_review_url_template_that_cannot_work_is_refused_in_one_line(
    project, tmp_path, template, reason
):
    out = tmp_path / "claims.jsonld"
    with pytest.raises(
        ExportError, match=reason.replace("{", r"\{").replace("(", r"\(").replace(")", r"\)")
    ):
        export(project.store, "claimreview", out, ExportOptions(review_url=template))
    with pytest.raises(ExportError):
        remember_publishing(project.store, None, template)
    assert not out.exists() and project.store.setting("claimreview.review_url") is None


def test_without_a_review_url_the_export_says_google_needs_one(project, tmp_path):
    report = export(project.store, "claimreview", tmp_path / "c.jsonld")
    assert any("--review-url" in n and "Google requires" in n for n in report.notes)
