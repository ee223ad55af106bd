"""Spreading articles over reviewers (`factmark assign`): each article to `per_article` of them,
balanced so that no reviewer has more than one article more than another, the same spread for
the same seed. Pure planning; `Store.assign` writes the plan."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from annotations.errors import FactmarkError


class CannotAssign(FactmarkError):
    """The reviewers or the count asked for cannot make an assignment."""


def reviewer_names(names: Sequence[str]) -> list[str]:
    """The distinct, non-empty names, in the order given; a repeated name is an error."""
    cleaned = [n.strip() for n in names if n.strip()]
    seen = {n for n in cleaned if cleaned.count(n) > 1}
    if seen:
        raise CannotAssign(f"reviewer {sorted(seen)[0]!r} is named twice")
    if not cleaned:
        raise CannotAssign("name at least one reviewer (--reviewers ana,ben)")
    return cleaned


def plan_assignments(
    article_ids: Sequence[str],
    reviewers: Sequence[str],
    per_article: int,
    seed: int,
    already: Mapping[str, int] | None = None,
) -> list[tuple[str, str]]:
    """(article, reviewer) pairs giving each article `per_article` distinct reviewers.

    Articles are taken in an order shuffled by `seed`, and each goes to the reviewers with the
    fewest articles so far (ties broken by the same random stream), counting `already` (what
    each has from an earlier run): counts that start within one of each other stay so.
    """
    reviewers = reviewer_names(reviewers)
    if not 1 <= per_article <= len(reviewers):
        raise CannotAssign(
            f"--per-article {per_article} needs between 1 and {len(reviewers)} "
            f"(the number of reviewers named)"
        )
    rng = random.Random(seed)
    order = sorted(article_ids)
    rng.shuffle(order)
    load = {r: (already or {}).get(r, 0) for r in reviewers}
    pairs = []
    for article in order:
        ties = {r: rng.random() for r in reviewers}
        chosen = sorted(reviewers, key=lambda r: (load[r], ties[r]))[:per_article]
        for r in sorted(chosen):
            load[r] += 1
            pairs.append((article, r))
    return pairs
