"""Adjudication, the reading side: an article's reviewer layers lined up span by span, so an
adjudicator sees where the reviewers agree and where they differ.

A *difference* gathers what the reviewers decided about one place in the text: their decisions on
the same span (the same anchor), and spans of the same kind (figure or entity) that overlap,
theirs and the final version's. A reviewer's *version* of it is their positive spans there
(accepted, corrected, added): none when they rejected it, or decided nothing there. Versions are
the same when their spans have the same offsets and label and, for a figure, the same value,
range, qualifier, unit, counted noun, kind and verdict; notes are not compared. A place nobody
decided anything about is no difference (its suggestion stays as it is).

Pure functions over the core's own types; the store (`annotations.store.adjudication`) reads
the rows, records what was settled and writes the final version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from annotations.model import SourceLink, Span

Anchor = tuple[int, int, str]  # a span's offsets and label as it was created
FIGURE_FIELDS = ("value", "low", "high", "qualifier", "unit", "counted", "kind", "verdict")


@dataclass(frozen=True)
class Item:
    """A reviewer's decision on a span (`reviewer` None: a span row of the final version)."""

    reviewer: str | None
    anchor: Anchor
    span: Span


@dataclass
class Difference:
    """One place of an article as every reviewer left it, and as the final version has it."""

    article_id: str
    key: Anchor  # the earliest anchor: how the settlement is recorded
    reviewers: tuple[str, ...]  # every reviewer with a layer in the article, sorted
    versions: dict[str, list[Span]]  # reviewer -> their positive spans here (empty: no span)
    decided: dict[str, bool]  # reviewer -> did they decide anything here
    rows: list[Span]  # the final version's span rows here
    where: tuple[int, int] = (0, 0)  # the stretch of text every span here covers
    anchors: set[Anchor] = field(default_factory=set)
    outcome: str | None = None  # agreed, taken, edited, rejected; None: not settled
    taken_from: str | None = None
    links: list[tuple[str | None, SourceLink]] = field(default_factory=list)  # (who linked, link)

    @property
    def agreed(self) -> bool:
        """Every reviewer's version the same."""
        return len({version_key(v) for v in self.versions.values()}) <= 1

    @property
    def settled(self) -> bool:
        return self.outcome is not None

    def final(self) -> list[Span]:
        """The final version's positive spans here."""
        return [s for s in self.rows if s.status.positive]

    def differing(self) -> list[str]:
        """What the versions differ in, as words: 'span' (one has one, another none), 'offsets',
        'label', or a figure field ('value', 'qualifier', 'unit', 'verdict', …)."""
        versions = list(self.versions.values())
        if self.agreed:
            return []
        if len({len(v) for v in versions}) > 1 or any(not v for v in versions):
            return ["span"]
        out: list[str] = []
        for spans in zip(*(sorted(v, key=_place) for v in versions), strict=True):
            if len({(s.start, s.end) for s in spans}) > 1:
                out.append("offsets")
            if len({s.label for s in spans}) > 1:
                out.append("label")
            figures = [s.figure.to_dict() if s.figure else {} for s in spans]
            out += [f for f in FIGURE_FIELDS if len({repr(d.get(f)) for d in figures}) > 1]
        return list(dict.fromkeys(out))


def span_key(s: Span) -> tuple:
    """What two reviewers must both have for their spans to be the same."""
    figure = tuple(repr(s.figure.to_dict()[f]) for f in FIGURE_FIELDS) if s.figure else None
    return (s.start, s.end, s.label, figure)


def version_key(spans: Sequence[Span]) -> tuple:
    return tuple(sorted(span_key(s) for s in spans))


def _place(s: Span) -> tuple[int, int, str]:
    return (s.start, s.end, s.label)


def line_up(
    article_id: str, decisions: Sequence[Item], rows: Sequence[Item], reviewers: Sequence[str]
) -> list[Difference]:
    """The article's differences, in text order: `decisions` are the reviewers' items, `rows` the
    final version's spans (with the anchor each was created with)."""
    items = [*decisions, *rows]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    first: dict[tuple, int] = {}
    for i, it in enumerate(items):
        for k in (("anchor", it.anchor), ("row", it.span.id)):
            if k[1] is None:
                continue
            if k in first:
                union(i, first[k])
            else:
                first[k] = i
    # Overlapping spans of one kind are one place: a sweep in start order.
    order = sorted(range(len(items)), key=lambda i: (items[i].span.start, items[i].span.end))
    active: list[int] = []
    for i in order:
        s = items[i].span
        active = [j for j in active if items[j].span.end > s.start]
        for j in active:
            if items[j].span.is_figure == s.is_figure:
                union(i, j)
        active.append(i)

    groups: dict[int, list[Item]] = {}
    for i, it in enumerate(items):
        groups.setdefault(find(i), []).append(it)
    names = tuple(sorted(reviewers))
    out = []
    for group in groups.values():
        mine = [it for it in group if it.reviewer is not None]
        if not mine:
            continue  # nobody decided anything here
        d = Difference(
            article_id=article_id,
            key=min(it.anchor for it in group),
            reviewers=names,
            versions={r: sorted((it.span for it in mine if it.reviewer == r and
                                 it.span.status.positive), key=_place) for r in names},
            decided={r: any(it.reviewer == r for it in mine) for r in names},
            rows=sorted((it.span for it in group if it.reviewer is None), key=_place),
            where=(min(it.span.start for it in group), max(it.span.end for it in group)),
            anchors={it.anchor for it in group},
        )  # fmt: skip
        out.append(d)
    return sorted(out, key=lambda d: (d.where, d.key))
