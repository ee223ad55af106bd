"""W3C Web Annotation JSON-LD: an AnnotationCollection whose page lists one Annotation per span.

Each annotation targets the article (its URL, else a `urn:factmark:article:` IRI) through a
TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (code points, as the
model requires); the label is a tagging body, figure attributes a describing body, the verdict
an assessing body, linked sources linking bodies; creator and times come from the audit log.
Every IRI is either an http(s) URL in the normal form of `annotations.urls` or a `urn:factmark:`
name: a stored address that is not one (a `javascript:` URL from an old import) never becomes
a target or a link.

An annotation's id is its span's UUID (`urn:uuid:…`), the same in every project and export. The
Web Annotation vocabulary has no word for a source's stance, so a second context names ours:
`stance` on each linking body, one of `supports`, `contradicts`, `context`, expanding to
`urn:factmark:vocab:` IRIs (the model allows further contexts after anno.jsonld).

Nothing in the document comes from the clock: times are the audit log's, so exporting the same
project (or a backup of it) twice gives the same bytes.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from annotations.exporters.base import Item, JsonWriter, SpanHistory
from annotations.model import Article, Source, Span, Stance
from annotations.urls import safe_url

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:factmark:vocab:"
STANCE_CONTEXT = {
    "fm": VOCAB,
    "stance": {"@id": "fm:stance", "@type": "@vocab"},
    **{s.value: f"fm:{s.value}" for s in Stance},
}
CONTEXT = [ANNO_CONTEXT, STANCE_CONTEXT]
CONTEXT_CHARS = 32
GENERATOR = {"id": "urn:factmark", "type": "Software", "name": "factmark"}


class W3cWriter(JsonWriter):
    needs_links = True
    needs_history = True
    head = {"@context": CONTEXT, "id": "urn:factmark:export", "type": "AnnotationCollection",
            "label": "factmark annotations"}  # fmt: skip
    list_path = (
        ("first", {"id": "urn:factmark:export:page:0", "type": "AnnotationPage", "startIndex": 0}),
    )

    def write(self, item: Item) -> None:
        for s in item.spans:
            self.emit(annotation(item, s))

    def tail(self) -> dict:
        return {"total": self.count}


def article_iri(article: Article) -> str:
    return safe_url(article.url) or f"urn:factmark:article:{quote(article.id, safe='')}"


def source_iri(source: Source) -> str:
    return safe_url(source.url) or f"urn:factmark:source:{source.id}"


def span_iri(s: Span) -> str:
    """A span's name in every export: its UUID as a URN."""
    return f"urn:uuid:{s.uuid}"


def annotation(item: Item, s: Span) -> dict:
    text = item.article.text
    bodies: list[dict] = [{"type": "TextualBody", "purpose": "tagging", "value": s.label}]
    if s.figure is not None:
        f = {k: v for k, v in s.figure.to_dict(verdict=False).items() if v is not None}
        bodies.append({"type": "TextualBody", "purpose": "describing", "format": "application/json",
                       "value": json.dumps(f, ensure_ascii=False)})  # fmt: skip
        if s.figure.verdict.value != "unverified":
            bodies.append(
                {"type": "TextualBody", "purpose": "assessing", "value": s.figure.verdict.value}
            )
    if s.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": s.note})
    for link in item.sources(s):
        body = {"type": "SpecificResource", "purpose": "linking", "source": source_iri(link.source),
                "stance": link.stance.value}  # fmt: skip
        if link.excerpt:
            body["selector"] = {"type": "TextQuoteSelector", "exact": link.excerpt}
        bodies.append(body)
    anno = {
        "@context": CONTEXT,
        "id": span_iri(s),
        "type": "Annotation",
        "motivation": "assessing" if s.figure is not None and s.figure.verdict.value != "unverified" else "tagging",
        "body": bodies,
        "target": {
            "source": article_iri(item.article),
            "selector": [
                {"type": "TextQuoteSelector", "exact": s.text,
                 "prefix": text[max(0, s.start - CONTEXT_CHARS) : s.start],
                 "suffix": text[s.end : s.end + CONTEXT_CHARS]},
                {"type": "TextPositionSelector", "start": s.start, "end": s.end},
            ],
        },
        "generator": dict(GENERATOR, name=f"factmark ({s.origin})"),
    }  # fmt: skip
    anno.update(_provenance(item.history.get(s.id) if s.id is not None else None))
    return anno


def _provenance(h: SpanHistory | None) -> dict:
    if h is None:
        return {}
    out: dict = {}
    if h.reviewers:
        people = [{"type": "Person", "name": name} for name in h.reviewers]
        out["creator"] = people[0] if len(people) == 1 else people
    if h.created:
        out["created"] = h.created
    if h.modified and h.modified != h.created:
        out["modified"] = h.modified
    return out
