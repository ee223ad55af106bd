"""What the core hands out about claims: a claim, its figures (members) and its sources.

A claim groups FIGURE spans of any number of articles that state the same quantity. Plain data:
the window and the CLI read these and never the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotations.model import FigureKind, Qualifier, Source, SourceLink, SpanStatus, Stance, Verdict
from annotations.model import _StrEnum as StrEnum


class ClaimState(StrEnum):
    SUGGESTED = "suggested"  # made by `factmark claims suggest`; replaced by the next run
    CONFIRMED = "confirmed"  # a reviewer said so; no suggestion run touches it


@dataclass
class ClaimSource:
    """A source set on a claim (the claim's own, applied to its figures on request)."""

    source: Source
    stance: Stance = Stance.SUPPORTS
    excerpt: str | None = None
    id: int | None = None  # the row of claim_sources: pass to `unlink_claim_source`

    def __post_init__(self) -> None:
        self.stance = Stance(self.stance)


@dataclass(slots=True)  # a 100,000-article project lists some 150,000 of them
class ClaimMember:
    """One figure of a claim, with what the claims view shows of its article."""

    span_id: int
    span_uuid: str | None
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None  # the article's ISO date (YYYY-MM-DD…), None when unknown
    url: str | None
    text: str  # the figure as written: "some 1,400"
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None
    counted: str | None
    kind: FigureKind
    verdict: Verdict  # the figure's own verdict (a claim's verdict reaches it when applied)
    span_status: SpanStatus
    state: ClaimState  # suggested or confirmed membership
    similarity: float | None  # how well it matched the claim when suggested (0..1)
    sources: list[SourceLink] = field(default_factory=list)  # the figure's own source links
    conflicts_with: list[int] = field(default_factory=list)  # span ids it cannot agree with

    @property
    def bounds(self) -> tuple[float, float] | None:
        """The values this figure allows, qualifier and tolerance included (see `conflicts`)."""
        from annotations.claims.conflicts import figure_bounds

        return figure_bounds(self.value, self.low, self.high, self.qualifier)

    @property
    def has_conflict(self) -> bool:
        return bool(self.conflicts_with)


@dataclass(slots=True)
class Claim:
    """A group of figures stating the same quantity, with the reviewer's verdict on it."""

    id: int
    name: str | None  # the reviewer's name for it; `label` makes one up when None
    kind: FigureKind
    unit: str | None
    counted: str | None  # the counted thing's key: "deaths" for killed, dead, death toll…
    subjects: list[str]  # the subject entities the figures share, most common first
    state: ClaimState
    verdict: Verdict
    note: str | None
    members: list[ClaimMember] = field(default_factory=list)  # by published date, then article
    sources: list[ClaimSource] = field(default_factory=list)
    created_at: str | None = None
    updated_at: str | None = None

    @property
    def label(self) -> str:
        """The name, or "deaths · Gaza, Israel (count)" made from what the figures share."""
        if self.name:
            return self.name
        what = self.counted or (self.unit or str(self.kind))
        where = ", ".join(self.subjects[:3])
        return f"{what} · {where}" if where else what

    @property
    def conflicts(self) -> list[tuple[int, int]]:
        """Pairs of span ids (lower first) that cannot both be true at that time."""
        return sorted({(min(m.span_id, o), max(m.span_id, o))
                       for m in self.members for o in m.conflicts_with})  # fmt: skip

    @property
    def has_conflict(self) -> bool:
        return any(m.conflicts_with for m in self.members)

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(m.article_id for m in self.members))

    def member(self, span_id: int) -> ClaimMember:
        return next(m for m in self.members if m.span_id == span_id)


@dataclass
class SuggestedClaim:
    """A group `annotations.claims.suggest` proposes, before it is saved as a claim."""

    kind: FigureKind
    unit: str | None
    counted: str | None
    subjects: list[str]
    members: list[tuple[int, float]]  # (span id, similarity to the group when it joined)
    claim_id: int | None = None  # a confirmed claim the run proposes new figures for


@dataclass(frozen=True, slots=True)
class ClaimSummary:
    """One row of a claims list, without the figures (`Store.claim(id)` gives them)."""

    id: int
    label: str
    state: ClaimState
    verdict: Verdict
    figures: int
    articles: int
    has_conflict: bool
    first_published: str | None  # the earliest and latest dates its articles give
    last_published: str | None

    @classmethod
    def of(cls, c: Claim) -> ClaimSummary:
        dates = [m.published for m in c.members if m.published]
        return cls(c.id, c.label, c.state, c.verdict, len(c.members), len(c.article_ids),
                   c.has_conflict, min(dates, default=None), max(dates, default=None))  # fmt: skip
