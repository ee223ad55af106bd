"""Agreement over time, cheap enough for `factmark stats` on a large team's file: the articles
at least two reviewers decided in, grouped by the day (or ISO week) of the last decision made in
them, each group with its exact span F1 pooled over every pair of reviewers — the same figure
`factmark agreement` gives for those articles, counted without comparing pair by pair.

For one article decided by m reviewers, a span (offsets and label) that k of them kept matches in
C(k, 2) pairs, and the pairs' span totals add up to (m - 1) times the spans of all m; so the
pooled F1 is 2 · Σ C(k, 2) / ((m - 1) · Σ spans), read in one pass over the layers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

from annotations.model import SpanStatus
from annotations.store import Store

_POSITIVE = tuple(s.value for s in SpanStatus if s.positive)


def agreement_trend(store: Store, period: str = "day") -> list[dict]:
    """[{period, articles, span_f1_exact}], oldest first; `period` is "day" or "week"."""
    who: dict[str, set[str]] = defaultdict(set)  # article -> reviewers who decided in it
    kept: dict[str, Counter] = defaultdict(Counter)  # article -> span key -> reviewers keeping it
    last: dict[str, str] = {}
    for article, reviewer, start, end, label, status, at in store.conn.execute(
        'SELECT article_id, reviewer, start, "end", label, status, updated_at FROM decisions'
    ):
        who[article].add(reviewer)
        if status in _POSITIVE:
            kept[article][(start, end, label)] += 1
        last[article] = max(last.get(article, ""), at)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # articles, matches, spans
    for article, reviewers in who.items():
        m = len(reviewers)
        if m < 2:
            continue
        g = groups[_period(last[article], period)]
        g[0] += 1
        g[1] += sum(k * (k - 1) // 2 for k in kept[article].values())
        g[2] += (m - 1) * sum(kept[article].values())
    return [
        {"period": key, "articles": n, "span_f1_exact": round(2 * matches / spans, 6) if spans else None}
        for key, (n, matches, spans) in sorted(groups.items())
    ]  # fmt: skip


def _period(stamp: str, period: str) -> str:
    """`2026-12-04` for a day, `2026-W49` for an ISO week, of an ISO time stamp."""
    if period == "week":
        year, week, _ = datetime.fromisoformat(stamp).isocalendar()
        return f"{year}-W{week:02d}"
    return stamp[:10]


def trend_lines(trend: list[dict]) -> list[str]:
    def fmt(x) -> str:
        return "-" if x is None else f"{x:.3f}"

    return [f"agreement {t['period']}: {t['articles']} articles, span F1 exact "
            f"{fmt(t['span_f1_exact'])}" for t in trend]  # fmt: skip
