"""Plain data types of the core: articles, spans, figures, sources, reviewers and events.

Everything the core hands to callers (the CLI, the window, exporters) is one of these,
so no caller needs to know about SQLite or spaCy.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field, fields
from typing import Any


class _StrEnum(enum.StrEnum):
    def __str__(self) -> str:  # so f-strings and JSON show the plain value
        return self.value


class ArticleStatus(_StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    REVIEWED = "reviewed"
    ADJUDICATED = "adjudicated"  # every difference between its reviewers settled

    @property
    def done(self) -> bool:
        """Reviewed, or past it: what exports and "next unreviewed" count as finished."""
        return self in DONE_STATUSES


# The statuses of a finished article (exports take these by default).
DONE_STATUSES = (ArticleStatus.REVIEWED, ArticleStatus.ADJUDICATED)


class SpanStatus(_StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    CORRECTED = "corrected"
    REJECTED = "rejected"
    ADDED = "added"

    @property
    def decided(self) -> bool:
        return self is not SpanStatus.SUGGESTED

    @property
    def positive(self) -> bool:
        """A verified annotation: what exports as a positive example."""
        return self in (SpanStatus.ACCEPTED, SpanStatus.CORRECTED, SpanStatus.ADDED)


class Qualifier(_StrEnum):
    EXACT = "exact"
    APPROXIMATELY = "approximately"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    UP_TO = "up_to"
    VAGUE = "vague"


class FigureKind(_StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    MONEY = "money"
    QUANTITY = "quantity"


class Verdict(_StrEnum):
    UNVERIFIED = "unverified"
    SUPPORTED = "supported"
    DISPUTED = "disputed"
    FALSE = "false"
    UNVERIFIABLE = "unverifiable"


class Stance(_StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONTEXT = "context"


FIGURE = "FIGURE"
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "TIME", "EVENT", "FAC")
LABELS = (FIGURE, *ENTITY_LABELS)


@dataclass
class Figure:
    """What a FIGURE span states: its value, how it is qualified, and what it counts."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = Qualifier.EXACT
    unit: str | None = None
    counted: str | None = None
    kind: FigureKind = FigureKind.COUNT
    verdict: Verdict = Verdict.UNVERIFIED

    def __post_init__(self) -> None:
        self.qualifier = Qualifier(self.qualifier)
        self.kind = FigureKind(self.kind)
        self.verdict = Verdict(self.verdict)

    def to_dict(self, verdict: bool = True) -> dict[str, Any]:
        d = {f.name: _plain(getattr(self, f.name)) for f in fields(self)}
        if not verdict:
            d.pop("verdict")
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names and v is not None})


@dataclass(frozen=True)
class Body:
    """Where the article itself lies in its text: [start, end) less the `furniture` inside it
    (a byline, a "Read more" line). The rest of the text is page furniture (site name, section
    labels, lists of other headlines): kept, so offsets stay true to the source, but never
    highlighted and left out of exports unless asked for."""

    start: int
    end: int
    furniture: tuple[tuple[int, int], ...] = ()

    @classmethod
    def whole(cls, text: str) -> Body:
        return cls(0, len(text))

    def holds(self, start: int, end: int) -> bool:
        """True when [start, end) is all article: inside the bounds, clear of the furniture."""
        return (
            self.start <= start
            and end <= self.end
            and not any(a < end and start < b for a, b in self.furniture)
        )

    def furniture_ranges(self, length: int) -> list[tuple[int, int]]:
        """Every stretch of furniture in a text of `length` characters, in order."""
        out = [(0, self.start), *self.furniture, (self.end, length)]
        return [(a, b) for a, b in out if b > a]

    def pieces(self, length: int) -> list[tuple[int, int]]:
        """The stretches of article, in order (the text less its furniture)."""
        out, at = [], 0
        for a, b in [*self.furniture_ranges(length), (length, length)]:
            if a > at:
                out.append((at, a))
            at = max(at, b)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "furniture": [list(r) for r in self.furniture],
        }


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    status: ArticleStatus = ArticleStatus.NEW
    meta: dict[str, Any] = field(default_factory=dict)
    body: Body | None = None  # None: the whole text is the article (projects made before 0012)

    def __post_init__(self) -> None:
        self.status = ArticleStatus(self.status)

    def holds(self, start: int, end: int) -> bool:
        """True when [start, end) lies in the article's body (always, without a body)."""
        return self.body is None or self.body.holds(start, end)

    def furniture_ranges(self) -> list[tuple[int, int]]:
        return [] if self.body is None else self.body.furniture_ranges(len(self.text))


@dataclass
class Span:
    """A highlighted stretch of an article. Offsets are Python code points into Article.text."""

    start: int
    end: int
    label: str
    text: str
    origin: str = "rules"
    status: SpanStatus = SpanStatus.SUGGESTED
    confidence: float | None = None
    note: str | None = None
    figure: Figure | None = None
    article_id: str | None = None
    id: int | None = None  # the project's row id: local to one project file
    uuid: str | None = None  # the span's name everywhere else (exports, other projects)

    def __post_init__(self) -> None:
        self.status = SpanStatus(self.status)

    @property
    def is_figure(self) -> bool:
        return self.label == FIGURE


@dataclass
class Source:
    url: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    accessed: str | None = None
    id: int | None = None


@dataclass
class SourceLink:
    span_id: int
    source: Source
    stance: Stance = Stance.SUPPORTS
    excerpt: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.stance = Stance(self.stance)


@dataclass
class Reviewer:
    name: str
    id: int | None = None


@dataclass
class Event:
    """One row of the audit log: who did what, when, and the row before and after."""

    id: int
    at: str
    reviewer: str | None
    op: str
    article_id: str | None
    span_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass
class Change:
    """What one core operation changed; the window refreshes from this, never from the database."""

    op: str
    op_id: int | None = None  # pass to Store.revert() to undo
    article_ids: set[str] = field(default_factory=set)
    span_ids: set[int] = field(default_factory=set)
    event_ids: list[int] = field(default_factory=list)
    created_span_id: int | None = None
    claim_ids: set[int] = field(default_factory=set)  # claims the operation changed
    created_claim_id: int | None = None


def _plain(v: Any) -> Any:
    return v.value if isinstance(v, enum.Enum) else v


def to_plain(obj: Any) -> dict[str, Any]:
    """A dataclass as JSON-ready dict (enums as their values)."""
    d = asdict(obj)

    def walk(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        return _plain(x)

    return walk(d)
