"""What a lead's team view shows, in one read: each reviewer's progress, and — unless blind
review is on, when agreement stays hidden until adjudication — the agreement report (overall,
per label, per pair, per article) and its trend over time."""

from __future__ import annotations

from typing import Any

from annotations.store import Store
from annotations.team.agreement import Agreement, disagreement, ranked_articles
from annotations.team.progress import reviewer_progress
from annotations.team.trend import agreement_trend


def team_overview(store: Store) -> dict[str, Any]:
    blind = store.blind()
    out: dict[str, Any] = {
        "blind": blind,
        "reviewers": store.layer_reviewers(),
        "progress": reviewer_progress(store),
        "agreement": None,
        "trend": [],
        "articles": [],  # (article id, title, its figures, its disagreement), most first
    }
    if not blind and len(out["reviewers"]) > 1:
        figures = Agreement(store)
        out["agreement"] = figures.report()
        out["trend"] = agreement_trend(store)
        ranked = ranked_articles(out["agreement"])
        titles = {s.id: s.title for s in store.summaries([a for a, _ in ranked])}
        out["articles"] = [(a, titles.get(a) or "", f, disagreement(f)) for a, f in ranked]
    return out
