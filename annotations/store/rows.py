"""Rows and model objects: how articles, spans and source links are laid out in the tables."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from annotations.model import (
    FIGURE,
    Article,
    ArticleStatus,
    Body,
    Figure,
    Source,
    SourceLink,
    Span,
    SpanStatus,
    Stance,
)

FIGURE_COLUMNS = ("value", "low", "high", "qualifier", "unit", "counted", "kind", "verdict")
SPAN_COLUMNS = (
    "id", "article_id", "start", "end", "label", "text", "origin", "status",
    "confidence", "note", *FIGURE_COLUMNS, "created_at", "updated_at", "uuid",
)  # fmt: skip
TABLE_KEYS = {
    "articles": "id", "spans": "id", "span_sources": "id", "sources": "id", "settings": "key",
    "decisions": "id", "assignments": "id", "adjudications": "id", "claims": "id",
    "claim_members": "id", "claim_sources": "id",
}  # fmt: skip


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ArticleSummary:
    """One row of the article list."""

    id: str
    title: str | None
    published: str | None
    outlet: str | None
    status: ArticleStatus
    n_spans: int
    n_decided: int


def row_to_article(row: dict) -> Article:
    return Article(
        id=row["id"], text=row["text"], title=row["title"], published=row["published"],
        outlet=row["outlet"], url=row["url"], status=ArticleStatus(row["status"]),
        meta=json.loads(row["meta"]) if row.get("meta") else {}, body=row_to_body(row),
    )  # fmt: skip


BODY_COLUMNS = ("body_start", "body_end", "body_furniture")


def row_to_body(row: dict) -> Body | None:
    """The body an article row holds; None (the whole text) when its bounds are NULL."""
    if row.get("body_start") is None or row.get("body_end") is None:
        return None
    holes = json.loads(row["body_furniture"]) if row.get("body_furniture") else []
    return Body(row["body_start"], row["body_end"], tuple((a, b) for a, b in holes))


def body_columns(body: Body | None) -> dict[str, Any]:
    """An article's body as its row's columns."""
    if body is None:
        return dict.fromkeys(BODY_COLUMNS)
    holes = json.dumps([list(r) for r in body.furniture]) if body.furniture else None
    return {"body_start": body.start, "body_end": body.end, "body_furniture": holes}


def row_to_link(r: tuple) -> SourceLink:
    """A row of span_sources joined with sources (the column order of `links`)."""
    return SourceLink(
        id=r[0], span_id=r[1], stance=Stance(r[2]), excerpt=r[3],
        source=Source(id=r[4], url=r[5], title=r[6], outlet=r[7], published=r[8], accessed=r[9]),
    )  # fmt: skip


def figure_columns(figure: Figure | None) -> dict[str, Any]:
    if figure is None:
        return dict.fromkeys(FIGURE_COLUMNS)
    return figure.to_dict()


def span_values(s: Span) -> tuple:
    f = figure_columns(s.figure if s.label == FIGURE else None)
    if s.label == FIGURE and s.figure is None:
        f = Figure().to_dict()
    return (
        s.start, s.end, s.label, s.text, s.origin, str(s.status), s.confidence, s.note,
        *(f[c] for c in FIGURE_COLUMNS),
    )  # fmt: skip


def span_row(article_id: str, s: Span) -> dict[str, Any]:
    cols = (
        "start",
        "end",
        "label",
        "text",
        "origin",
        "status",
        "confidence",
        "note",
        *FIGURE_COLUMNS,
    )
    row = dict(zip(cols, span_values(s), strict=True))
    row.update(id=s.id, article_id=article_id, created_at=now(), updated_at=None, uuid=s.uuid)
    return row


def row_to_span(row: dict) -> Span:
    figure = None
    if row["label"] == FIGURE:
        figure = Figure.from_dict({c: row[c] for c in FIGURE_COLUMNS})
    return Span(
        id=row["id"], article_id=row["article_id"], start=row["start"], end=row["end"],
        label=row["label"], text=row["text"], origin=row["origin"], status=SpanStatus(row["status"]),
        confidence=row["confidence"], note=row["note"], figure=figure, uuid=row.get("uuid"),
    )  # fmt: skip


def number_or_none(text: str) -> float | None:
    try:
        return float(text.replace(",", "").strip())
    except ValueError:
        return None


def visible(s: Span) -> tuple:
    """What a reviewer sees of a span: compared to refuse an edit made on a stale view."""
    figure = s.figure.to_dict() if s.figure is not None else None
    return (s.label, s.start, s.end, str(s.status), s.note or None, figure)


# A span a reviewer decided or touched: what re-highlighting and text updates must keep. Figure
# edits and verdicts set a decided status; notes and links may sit on a suggestion.
REVIEWER_TOUCHED = (
    "s.status != 'suggested' OR s.note IS NOT NULL"
    " OR coalesce(s.verdict, 'unverified') != 'unverified'"
    " OR EXISTS (SELECT 1 FROM span_sources l WHERE l.span_id = s.id)"
    " OR EXISTS (SELECT 1 FROM decisions d WHERE d.span_id = s.id)"
    " OR EXISTS (SELECT 1 FROM claim_members m WHERE m.span_id = s.id AND m.status = 'confirmed')"
    " OR EXISTS (SELECT 1 FROM events e WHERE e.tbl = 'spans' AND e.row_id = CAST(s.id AS TEXT)"
    " AND e.op NOT IN ('import', 'rehighlight', 'update_text', 'revert'))"
)


def without_overlaps(suggested: Sequence[Span], kept: Sequence[Span]) -> list[Span]:
    """Suggestions that do not clash with a kept span of the same kind (figure or entity)."""
    return [
        s for s in suggested
        if not any(k.is_figure == s.is_figure and k.start < s.end and s.start < k.end for k in kept)
    ]  # fmt: skip
