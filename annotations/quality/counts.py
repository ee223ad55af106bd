"""Counts over a project: articles and spans by status, label and verdict; decisions per
suggested label and origin (for review quality); what a reviewer did in a session."""

from __future__ import annotations

import sqlite3
from typing import Any

from annotations.model import ArticleStatus, SpanStatus


def project_stats(c: sqlite3.Connection) -> dict[str, Any]:
    by_status = dict.fromkeys((s.value for s in ArticleStatus), 0)
    by_status.update(dict(c.execute("SELECT status, count(*) FROM articles GROUP BY status")))
    span_status = dict.fromkeys((s.value for s in SpanStatus), 0)
    span_status.update(dict(c.execute("SELECT status, count(*) FROM spans GROUP BY status")))
    labels = dict(c.execute("SELECT label, count(*) FROM spans GROUP BY label ORDER BY label"))
    verdicts = dict(c.execute(
        "SELECT coalesce(verdict, 'unverified'), count(*) FROM spans WHERE label = 'FIGURE'"
        " AND status != 'rejected' GROUP BY 1 ORDER BY 1"))  # fmt: skip
    return {
        "articles": sum(by_status.values()),
        "articles_by_status": by_status,
        "spans": sum(span_status.values()),
        "spans_by_status": span_status,
        "spans_by_label": labels,
        "figures_by_verdict": verdicts,
        "sources": c.execute("SELECT count(*) FROM sources").fetchone()[0],
        "source_links": c.execute("SELECT count(*) FROM span_sources").fetchone()[0],
        "reviewers": [r[0] for r in c.execute("SELECT name FROM reviewers ORDER BY name")],
        "events": c.execute("SELECT count(*) FROM events").fetchone()[0],
    }


def decision_counts(c: sqlite3.Connection) -> list[tuple[str, str, str, int]]:
    """(label as first suggested, origin, status, count) over all spans, for review quality.

    A corrected span counts under the label it was suggested with (its first logged `before`).
    """
    return c.execute(
        """SELECT coalesce(CASE WHEN s.status = 'corrected' THEN (
               SELECT json_extract(e.before, '$.label') FROM events e
               WHERE e.article_id = s.article_id AND e.span_id = s.id AND e.tbl = 'spans'
                 AND e.before IS NOT NULL ORDER BY e.id LIMIT 1) END, s.label),
             s.origin, s.status, count(*)
           FROM spans s GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""
    ).fetchall()


def session_counts(c: sqlite3.Connection, reviewer_id: int | None, since: str) -> dict[str, int]:
    """What a reviewer did since `since` (ISO time): articles touched, spans decided."""
    r = c.execute(
        "SELECT count(DISTINCT article_id), count(DISTINCT span_id) FROM events"
        " WHERE reviewer_id IS ? AND at >= ? AND op NOT IN ('import', 'rehighlight', 'update_text')",
        (reviewer_id, since),
    ).fetchone()
    reviewed = c.execute(
        "SELECT count(DISTINCT article_id) FROM events WHERE reviewer_id IS ? AND at >= ?"
        " AND op = 'mark_reviewed'",
        (reviewer_id, since),
    ).fetchone()[0]
    return {"articles": r[0], "spans": r[1], "reviewed": reviewed}
