"""schema.org ClaimReview JSON-LD, as Google's fact-check rich results read it: one review for
each figure a reviewer judged (a verdict other than unverified), in a `@graph`.

- `claimReviewed` is the claim: the clause of the sentence that carries the figure
  (`annotations.clauses`), so two figures of one sentence are two claims where the sentence
  allows; `reviewAspect` names the figure itself and `identifier` its span (`urn:uuid:…`).
- `url` is the fact check's page, from the `--review-url` template with `{article_id}` and
  `{span_id}` (the span's UUID); `author` is the `--author` organisation, else whoever set the
  verdict. Both are remembered in the project (`remember_publishing`).
- `reviewRating` puts the verdict on a 1–5 scale with its word (`alternateName`, `name`).
- `itemReviewed` is a Claim: the outlet as its author, the article as its appearance and
  first appearance (only with an http(s) url — never a `urn:`), the article's date.
- Sources are citations. Every url is an http(s) address in the normal form of
  `annotations.urls`. Nothing comes from the clock: dates are the audit log's.

With `per_claim` (`factmark export claimreview --per-claim`), each claim a reviewer judged
(`factmark claims verdict`) is one review, whatever articles the export selects: its
`itemReviewed.appearance` lists every article stating the claim (first appearance: the earliest),
`claimReviewed` is the claim's name or else the earliest figure's clause, the rating is the
claim's verdict, citations its sources, and the url comes from the template with the earliest
figure's article and span. Its figures get no review of their own.
"""

from __future__ import annotations

import string
from urllib.parse import quote

from annotations.clauses import clause_bounds
from annotations.exporters.base import (
    ExportError,
    ExportOptions,
    Item,
    JsonWriter,
    Sentences,
    SpanHistory,
)
from annotations.exporters.w3c import span_iri
from annotations.model import Span, Verdict
from annotations.urls import safe_url

RATINGS = {
    Verdict.FALSE: (1, "False"),
    Verdict.DISPUTED: (2, "Disputed"),
    Verdict.UNVERIFIABLE: (3, "Unverifiable"),
    Verdict.SUPPORTED: (5, "Supported"),
}
PLACEHOLDERS = ("article_id", "span_id")
# Project settings the claimreview export remembers between runs.
AUTHOR_SETTING = "claimreview.author"
REVIEW_URL_SETTING = "claimreview.review_url"


class ClaimReviewWriter(JsonWriter):
    needs_links = True
    needs_history = True
    head = {"@context": "https://schema.org"}
    list_key = "@graph"

    @classmethod
    def prepare(cls, store, options: ExportOptions) -> list[str]:
        """Fill the author and review url the project remembers; say what Google will miss."""
        options.author = options.author or store.setting(AUTHOR_SETTING)
        options.review_url = options.review_url or store.setting(REVIEW_URL_SETTING)
        if options.per_claim:
            options.claims = judged_claims(store)
        if options.review_url is None:
            return ["no --review-url: the reviews have no url, which Google requires; give "
                    "the fact check's address, e.g. --review-url "
                    "'https://factcheck.example/{article_id}#{span_id}'"]  # fmt: skip
        check_review_url(options.review_url)
        return []

    def write(self, item: Item) -> None:
        claimed = self._claimed()
        judged = [s for s in item.spans if s.figure is not None and s.figure.verdict in RATINGS
                  and s.id not in claimed]  # fmt: skip
        if not judged:
            return
        sentences = Sentences(item.article.text)
        for s in judged:
            self.emit(claim_review(item, s, claim_of(sentences, s), self.options))

    def _claimed(self) -> set[int]:
        if not hasattr(self, "_claimed_ids"):
            self._claimed_ids = {m.span_id for c in self.options.claims or () for m in c[0].members}
        return self._claimed_ids

    def close(self) -> None:
        for claim, text, judged in self.options.claims or ():
            self.emit(claim_group_review(claim, text, judged, self.options))
        super().close()


def judged_claims(store) -> list[tuple]:
    """(claim, the claim's words, (reviewer, time) it was judged) for every claim with a verdict
    other than unverified, its rejected figures left out."""
    out = []
    for c in store.claims(conflicts_first=False):
        if c.verdict not in RATINGS:
            continue
        c.members = [m for m in c.members if m.span_status.value != "rejected"]
        if not c.members:
            continue
        first = c.members[0]
        text = c.name
        if not text:
            article = store.article(first.article_id)
            span = Span(first.start, first.end, "FIGURE", first.text)
            text = claim_of(Sentences(article.text), span)
        out.append((c, text, store.claim_judged(c.id)))
    return out


def claim_group_review(claim, text: str, judged, options: ExportOptions) -> dict:
    """One ClaimReview for a claim stated in many articles: each is an appearance."""
    appearances: list[dict] = []
    for m in claim.members:  # earliest first
        url = safe_url(m.url)
        if url and all(a["url"] != url for a in appearances):
            appearances.append(_news_article(url, m.title, m.published, m.outlet))
    first = claim.members[0]
    reviewer, reviewed_at = judged if judged else (None, claim.updated_at)
    url = None
    if options.review_url:
        url = safe_url(review_url(options.review_url, first.article_id, first.span_uuid or ""))
    return _review(
        verdict=claim.verdict, url=url, claim=text,
        aspect=", ".join(dict.fromkeys(m.text for m in claim.members)), outlet=first.outlet,
        published=first.published, appearance=appearances,
        first_appearance=appearances[0] if appearances else None,
        author=_author(options, reviewer), reviewed_at=reviewed_at, body=claim.note,
        links=claim.sources,
    )  # fmt: skip


def claim_of(sentences: Sentences, s: Span) -> str:
    start, end = clause_bounds(sentences.text, sentences.around(s.start, s.end), s.start, s.end)
    return sentences.text[start:end]


def check_review_url(template: str) -> None:
    """Refuse a template with other placeholders, or one that does not give an http(s) url."""
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    except ValueError as e:
        raise ExportError(
            f"--review-url {template!r}: {e}; write {{ and }} as {{{{ and }}}}"
        ) from None
    unknown = sorted(fields - set(PLACEHOLDERS))
    if unknown:
        raise ExportError(f"--review-url {template!r}: unknown placeholder {{{unknown[0]}}}; "
                          "use {article_id} and {span_id}")  # fmt: skip
    if safe_url(review_url(template, "a1", "00000000-0000-4000-8000-000000000000")) is None:
        raise ExportError(f"--review-url {template!r} is not an http(s) address; give the "
                          "fact check's page, like https://factcheck.example/{article_id}")  # fmt: skip


def review_url(template: str, article_id: str, span_uuid: str) -> str:
    return template.format(article_id=quote(article_id, safe=""), span_id=span_uuid)


def remember_publishing(store, author: str | None, template: str | None) -> None:
    """Keep the author and review url given to an export for the project's next exports."""
    if template is not None:
        check_review_url(template)
        store.set_setting(REVIEW_URL_SETTING, template)
    if author is not None and author.strip():
        store.set_setting(AUTHOR_SETTING, author.strip())


def claim_review(item: Item, s: Span, claim: str, options: ExportOptions) -> dict:
    a = item.article
    history = item.history.get(s.id) if s.id is not None else None
    history = history or SpanHistory()
    # Whoever set the verdict, when; for imported verdicts, the span's last reviewer and edit.
    reviewer = history.verdict_by or (history.reviewers[-1] if history.reviewers else None)
    article_url = safe_url(a.url)
    appearance = None
    if article_url:  # no address, no appearance: a urn: is not a page anyone can open
        appearance = _news_article(article_url, a.title, a.published, a.outlet)
    url = safe_url(review_url(options.review_url, a.id, s.uuid)) if options.review_url else None
    return _review(
        verdict=s.figure.verdict, url=url, claim=claim, aspect=s.text, outlet=a.outlet,
        published=a.published, appearance=appearance, first_appearance=appearance,
        author=_author(options, reviewer), reviewed_at=history.verdict_at or history.modified,
        body=s.note, links=item.sources(s), identifier=span_iri(s),
    )  # fmt: skip


def _review(*, verdict, url, claim, aspect, outlet, published, appearance, first_appearance,
            author, reviewed_at, body, links, identifier=None) -> dict:  # fmt: skip
    value, name = RATINGS[verdict]
    review = {
        "@type": "ClaimReview",
        "identifier": identifier,
        "url": url,
        "claimReviewed": claim,
        "reviewAspect": aspect,
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                         "worstRating": 1, "alternateName": name, "name": name},
        "itemReviewed": _clean({
            "@type": "Claim",
            "text": claim,
            "author": {"@type": "Organization", "name": outlet} if outlet else None,
            "datePublished": published,
            "appearance": appearance,
            "firstAppearance": first_appearance,
        }),
        "author": author,
        "datePublished": reviewed_at[:10] if reviewed_at else None,
        "reviewBody": body,
        "citation": [
            _clean({"@type": "CreativeWork", "url": safe_url(ln.source.url), "name": ln.source.title,
                    "publisher": ln.source.outlet, "datePublished": ln.source.published,
                    "description": ln.stance.value})
            for ln in links
        ],
    }  # fmt: skip
    return _clean(review)


def _news_article(url: str, title, published, outlet) -> dict:
    publisher = {"@type": "Organization", "name": outlet} if outlet else None
    return _clean({"@type": "NewsArticle", "url": url, "headline": title,
                   "datePublished": published, "publisher": publisher})  # fmt: skip


def _author(options: ExportOptions, reviewer: str | None) -> dict:
    """The publishing organisation given, else the reviewer who judged, else factmark."""
    if options.author:
        return {"@type": "Organization", "name": options.author}
    if reviewer:
        return {"@type": "Person", "name": reviewer}
    return {"@type": "Organization", "name": "factmark"}


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], "")}
