"""schema.org ClaimReview JSON-LD: one review for each figure a reviewer judged (verdict other
than unverified), in a `@graph`. The claim is the figure's sentence; the rating puts the verdict
on a 1–5 scale with its name; the author is whoever set the verdict; sources are citations.
A `url` is only ever an http(s) address in the normal form of `annotations.urls`: an article
without one appears under its `urn:factmark:` name, a citation without one has no url.
"""

from __future__ import annotations

from annotations.exporters.base import Item, JsonWriter, Sentences, SpanHistory
from annotations.exporters.webanno import article_iri
from annotations.model import Span, Verdict
from annotations.urls import safe_url

RATINGS = {
    Verdict.FALSE: (1, "False"),
    Verdict.DISPUTED: (2, "Disputed"),
    Verdict.UNVERIFIABLE: (3, "Unverifiable"),
    Verdict.SUPPORTED: (5, "Supported"),
}


class ClaimReviewWriter(JsonWriter):
    needs_links = True
    needs_history = True
    head = {"@context": "https://schema.org"}
    list_key = "@graph"

    def write(self, item: Item) -> None:
        judged = [s for s in item.spans if s.figure is not None and s.figure.verdict in RATINGS]
        if not judged:
            return
        sentences = Sentences(item.article.text)
        for s in judged:
            self.emit(claim_review(item, s, sentences.of(s)))


def claim_review(item: Item, s: Span, sentence: str) -> dict:
    a = item.article
    value, name = RATINGS[s.figure.verdict]
    history = item.history.get(s.id) if s.id is not None else None
    history = history or SpanHistory()
    # Whoever set the verdict, when; for imported verdicts, the span's last reviewer and edit.
    reviewer = history.verdict_by or (history.reviewers[-1] if history.reviewers else None)
    reviewed_at = history.verdict_at or history.modified
    appearance = {"@type": "NewsArticle", "url": article_iri(a), "headline": a.title,
                  "datePublished": a.published}  # fmt: skip
    if a.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": a.outlet}
    review = {
        "@type": "ClaimReview",
        "identifier": f"urn:factmark:span:{s.id}",
        "claimReviewed": sentence,
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                         "worstRating": 1, "alternateName": name},
        "itemReviewed": {
            "@type": "Claim",
            "text": s.text,
            "appearance": _clean(appearance),
            "datePublished": a.published,
            "author": {"@type": "Organization", "name": a.outlet} if a.outlet else None,
        },
        "author": {"@type": "Person", "name": reviewer} if reviewer
                  else {"@type": "Organization", "name": "factmark"},
        "datePublished": reviewed_at[:10] if reviewed_at else None,
        "reviewBody": s.note,
        "citation": [
            _clean({"@type": "CreativeWork", "url": safe_url(ln.source.url), "name": ln.source.title,
                    "publisher": ln.source.outlet, "datePublished": ln.source.published,
                    "description": ln.stance.value})
            for ln in item.sources(s)
        ],
    }  # fmt: skip
    review["itemReviewed"] = _clean(review["itemReviewed"])
    return _clean(review)


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], "")}
