"""Conflicts within a claim: figures whose values cannot both be true at that time.

Each figure allows an interval of values, from its value (or range) and its qualifier:

- exact ("1,200"): the value give or take its rounding — half the step of its last written
  digit (1,400 → ±50, 3.9 → ±0.05), at most 5 % of the value (so "1,000" is not read as 500–1,500);
- approximately / vague ("some 1,400", "about", "around"): ±10 % (`APPROXIMATE`), or the rounding
  if wider;
- more than / at least ("more than 9,000"): from the value up; less than / at most / up to: from
  0 to the value;
- a range ("1,200-1,400"): low to high, widened by the same rounding or ±10 %.

Two figures conflict when their intervals do not overlap, both have the same unit, they come
from different articles (one article stating two values tells of a change: "rose from 1,200 to
1,400"), and their articles were published at most `SAME_TIME_DAYS` apart — a toll that grows
from one week to the next is an update, not a conflict. A figure whose article has no date is
compared with all the others (nothing says when it was true, so a reviewer should look).

So "more than 9,000" and "9,500" agree; "some 1,400" (1,260–1,540) and "1,200" (1,150–1,250) on
the same day do not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from annotations.model import Qualifier

APPROXIMATE = 0.10  # "some", "about", "around", "nearly": the value ±10 %
ROUNDING_CAP = 0.05  # an exact figure's rounding never allows more than ±5 % of it
SAME_TIME_DAYS = 0  # figures published this many days apart or less speak of the same time

_UP = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)
_DOWN = (Qualifier.LESS_THAN, Qualifier.AT_MOST, Qualifier.UP_TO)
_ROUGH = (Qualifier.APPROXIMATELY, Qualifier.VAGUE)


def rounding(v: float) -> float:
    """Half the step of the last digit a writer gives: 1,400 → 50, 3.9 → 0.05, 7 → 0.5;
    capped at `ROUNDING_CAP` of the value."""
    a = abs(v)
    if a == 0:
        return 0.0
    if a == int(a):
        n, step = int(a), 1
        while n and n % 10 == 0:
            n //= 10
            step *= 10
    else:
        decimals = len(f"{a:.6f}".rstrip("0").split(".")[1])
        step = 10.0**-decimals
    return min(step / 2, ROUNDING_CAP * a)


def figure_bounds(
    value: float | None, low: float | None, high: float | None, qualifier: Qualifier | str
) -> tuple[float, float] | None:
    """The interval of values a figure allows, or None when it states no number."""
    q = Qualifier(qualifier)
    lo = low if low is not None else value
    hi = high if high is not None else value
    if lo is None or hi is None:
        return None
    lo, hi = min(lo, hi), max(lo, hi)
    if q in _UP:
        return lo - rounding(lo), math.inf
    if q in _DOWN:
        return (0.0 if hi >= 0 else -math.inf), hi + rounding(hi)
    if q in _ROUGH:
        return lo - max(rounding(lo), APPROXIMATE * abs(lo)), hi + max(rounding(hi), APPROXIMATE * abs(hi))  # fmt: skip
    return lo - rounding(lo), hi + rounding(hi)


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def days_between(a: str | None, b: str | None) -> int | None:
    """Whole days between two ISO dates (their first ten characters); None if either is unknown."""
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return None
    return abs((da - db).days)


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def conflicting_pairs(members: Sequence) -> list[tuple[int, int]]:
    """(i, j) index pairs of `members` that conflict. A member needs `value`, `low`, `high`,
    `qualifier`, `unit`, `article_id` and `published` (a `ClaimMember` has them)."""
    bounds = [figure_bounds(m.value, m.low, m.high, m.qualifier) for m in members]
    out = []
    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            a, b = members[i], members[j]
            if bounds[i] is None or bounds[j] is None or a.article_id == b.article_id:
                continue
            if (a.unit or None) != (b.unit or None):
                continue
            apart = days_between(a.published, b.published)
            if apart is not None and apart > SAME_TIME_DAYS:
                continue
            if not overlap(bounds[i], bounds[j]):
                out.append((i, j))
    return out


def mark_conflicts(members: Sequence) -> None:
    """Fill each member's `conflicts_with` with the span ids it conflicts with."""
    for m in members:
        m.conflicts_with = []
    for i, j in conflicting_pairs(members):
        members[i].conflicts_with.append(members[j].span_id)
        members[j].conflicts_with.append(members[i].span_id)
