"""Claim suggestions: figures of different articles that state the same quantity, grouped.

Figures are only compared within a block — the same kind, unit and counted thing
(`features`) — and, within it, in order of their articles' published dates. Each figure joins
the most similar open group, if that similarity reaches `THRESHOLD`, or starts its own:

    similarity = 0.5 × subjects + 0.25 × time + 0.25 × value

- subjects: the share of the figure's subjects the group has among its eight most common
  (overlap coefficient); 0.5 when either side has none; a figure whose subjects the group lacks
  altogether (both have some) never joins it;
- time: exp(−days / 3) from the figure's date to the nearest date in the group (0.5 undated);
- value: 1 − log(factor) / log(2.5), where factor is how many times the figure is off the
  group's median value: rounded, qualified and conflicting figures ("some 1,400", "1,200")
  stay together, a toll that doubles over days still joins; a figure more than `MAX_FACTOR`
  (2.5) times off the median never joins, nor one whose article already gave the group a
  different value (two values in one article are two quantities: "$9.3bn and $27.5bn").

Candidates are the latest groups sharing a subject with the figure (at most `CANDIDATES` per
subject) and the latest of the block, and a group no figure joined for `WINDOW_DAYS` closes:
the work grows with the number of figures, not its square, and memory with the open groups.
A group becomes a suggested claim when figures of two articles or more are in it. Confirmed
claims take part as groups, so new figures are proposed for them.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator

from annotations.claims.features import FigureFeatures, figure_features
from annotations.claims.model import SuggestedClaim
from annotations.model import Change

THRESHOLD = 0.6
WEIGHTS = (0.5, 0.25, 0.25)  # subjects, time, value
TIME_SCALE_DAYS = 3.0
WINDOW_DAYS = 21
CANDIDATES = 30  # latest groups looked at per subject, and per block
TOP_SUBJECTS = 8
MAX_FACTOR = 2.5  # a figure this many times off the claim's median value is another quantity


class _Group:
    __slots__ = ("block", "members", "articles", "subjects", "days", "values", "claim_id", "last",
                 "closed", "_top", "_median", "by_article")  # fmt: skip

    def __init__(self, f: FigureFeatures, claim_id: int | None = None):
        self.block = f.block
        self.members: list[tuple[int, float]] = []
        self.articles: set[str] = set()
        self.by_article: dict[str, float] = {}  # each article's (first) value in the group
        self.subjects: Counter = Counter()
        self.days: list[int] = []
        self.values: list[float] = []
        self.claim_id = claim_id
        self.last = f.day
        self.closed = False
        self._top: frozenset[str] | None = None
        self._median: float | None = None

    def add(self, f: FigureFeatures, sim: float) -> None:
        self.members.append((f.span_id, sim))
        self.articles.add(f.article_id)
        self.subjects.update(f.subjects)
        self._top = None
        if f.day is not None:
            self.days.append(f.day)
            self.last = f.day if self.last is None else max(self.last, f.day)
        if f.value is not None:
            self.values.append(f.value)
            self._median = None
            self.by_article.setdefault(f.article_id, f.value)

    @property
    def top(self) -> frozenset[str]:
        if self._top is None:
            self._top = frozenset(s for s, _ in self.subjects.most_common(TOP_SUBJECTS))
        return self._top

    @property
    def median(self) -> float | None:
        """The median of the latest 50 values: what the claim says now, not a month ago."""
        if self._median is None and self.values:
            self._median = statistics.median(self.values[-50:])
        return self._median

    def suggestion(self) -> SuggestedClaim:
        kind, unit, counted = self.block
        subjects = [s for s, _ in self.subjects.most_common(TOP_SUBJECTS)]
        return SuggestedClaim(kind, unit, counted, subjects, self.members, self.claim_id)


def subject_score(figure: frozenset[str], group: frozenset[str]) -> float | None:
    """Overlap coefficient; 0.5 when either is empty; None when both have subjects, none shared."""
    if not figure or not group:
        return 0.5
    shared = len(figure & group)
    if not shared:
        return None
    return shared / min(len(figure), len(group))


def time_score(day: int | None, days: list[int]) -> float:
    if day is None or not days:
        return 0.5
    gap = min(abs(day - d) for d in days[-50:])
    return math.exp(-gap / TIME_SCALE_DAYS)


def value_score(value: float | None, mid: float | None) -> float | None:
    """1 at the group's median value `mid`, falling to 0 at `MAX_FACTOR` times or a
    `MAX_FACTOR`th of it; None beyond (a figure that far off states another quantity)."""
    if value is None or mid is None:
        return 0.5
    if mid == value:
        return 1.0
    if mid * value <= 0:
        return None
    factor = max(abs(mid), abs(value)) / min(abs(mid), abs(value))
    if factor > MAX_FACTOR:
        return None
    return max(0.0, 1 - math.log(factor) / math.log(MAX_FACTOR))


def similarity(f: FigureFeatures, g: _Group) -> float:
    """How well figure `f` fits group `g` (same block), 0..1; 0 when the subjects clash, the
    value is far off, or the group holds another value from the figure's own article."""
    subj = subject_score(f.subjects, g.top)
    value = value_score(f.value, g.median)
    if subj is None or value is None:
        return 0.0
    if f.value is not None and g.by_article.get(f.article_id, f.value) != f.value:
        return 0.0  # one article giving two values of one quantity tells of two quantities
    ws, wt, wv = WEIGHTS
    return ws * subj + wt * time_score(f.day, g.days) + wv * value


def group_figures(
    figures: Iterable[FigureFeatures], threshold: float = THRESHOLD
) -> Iterator[SuggestedClaim]:
    """Suggested claims from `figures`, which come in order of published date (undated last).
    Figures with a `claim_id` seed the group of their confirmed claim."""
    by_subject: dict[tuple, dict[str, deque]] = {}
    by_block: dict[tuple, deque] = {}
    seeds: dict[int, _Group] = {}
    open_groups: list[_Group] = []
    seen = 0
    for f in figures:
        if f.counted is None:
            continue
        seen += 1
        if seen % 5000 == 0:  # close groups out of the window, let go of what cannot grow
            yield from _close(open_groups, f.day, by_subject, by_block)
            open_groups = [g for g in open_groups if not g.closed]
        if f.claim_id is not None:
            g = seeds.get(f.claim_id)
            if g is None:
                g = seeds[f.claim_id] = _Group(f, f.claim_id)
                open_groups.append(g)
            g.add(f, 1.0)
            _index(g, f, by_subject, by_block)
            continue
        best, best_sim = None, threshold
        for g in _candidates(f, by_subject, by_block):
            if f.day is not None and g.last is not None and f.day - g.last > WINDOW_DAYS:
                continue
            sim = similarity(f, g)
            if sim >= best_sim:
                best, best_sim = g, sim
        if best is None:
            best, best_sim = _Group(f), 1.0
            open_groups.append(best)
        best.add(f, best_sim)
        _index(best, f, by_subject, by_block)
    for g in open_groups:
        if not g.closed and (g.claim_id is not None or len(g.articles) > 1):
            yield g.suggestion()


def _candidates(f: FigureFeatures, by_subject: dict, by_block: dict) -> Iterator[_Group]:
    seen: set[int] = set()
    index = by_subject.get(f.block, {})
    for s in f.subjects:
        for g in reversed(index.get(s, ())):
            if id(g) not in seen:
                seen.add(id(g))
                yield g
    for g in reversed(by_block.get(f.block, ())):
        if id(g) not in seen:
            seen.add(id(g))
            yield g


def _index(g: _Group, f: FigureFeatures, by_subject: dict, by_block: dict) -> None:
    index = by_subject.setdefault(f.block, {})
    for s in f.subjects:
        q = index.setdefault(s, deque(maxlen=CANDIDATES))
        if g in q:
            q.remove(g)
        q.append(g)
    q = by_block.setdefault(f.block, deque(maxlen=CANDIDATES))
    if g in q:
        q.remove(g)
    q.append(g)


def _close(groups: list[_Group], day: int | None, by_subject: dict, by_block: dict) -> Iterator:
    """Close the groups nothing joined for WINDOW_DAYS before `day`; yield those that are
    claims. Closed groups leave the indexes (they are skipped there meanwhile)."""
    if day is None:
        return
    for g in groups:
        if g.last is not None and day - g.last > WINDOW_DAYS:
            g.closed = True
            if g.claim_id is not None or len(g.articles) > 1:
                yield g.suggestion()
    for index in by_subject.values():
        for s, q in list(index.items()):
            kept = [g for g in q if not g.closed]
            if kept:
                index[s] = deque(kept, maxlen=CANDIDATES)
            else:
                del index[s]
    for block, q in list(by_block.items()):
        by_block[block] = deque((g for g in q if not g.closed), maxlen=CANDIDATES)


def store_features(store) -> Iterator[FigureFeatures]:
    """Every figure of the project as features, in order of published date (undated last);
    figures of confirmed claims carry their claim."""
    confirmed = {sid: cid for cid, sids in store.confirmed_groups() for sid in sids}
    for article, rows in store.claim_figures():
        for row in rows:
            f = figure_features(article, row)
            cid = confirmed.get(f.span_id)
            if cid is not None:
                f = FigureFeatures(**{**f.__dict__, "claim_id": cid})
            yield f


def suggest_for_store(
    store, threshold: float = THRESHOLD, on_progress: Callable[[int], None] | None = None
) -> Change:
    """Group the project's figures and save the groups as suggested claims: one operation
    ("suggest_claims") that `store.revert` undoes."""
    figures = store_features(store)
    if on_progress is not None:
        figures = _counting(figures, on_progress)
    return store.save_suggestions(list(group_figures(figures, threshold)))


def _counting(figures: Iterator[FigureFeatures], on_progress: Callable[[int], None]):
    for n, f in enumerate(figures, 1):
        if n % 1000 == 0:
            on_progress(n)
        yield f
