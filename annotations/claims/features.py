"""What a figure says for grouping: its kind and unit, the thing it counts and the subjects
around it, read from the figure and its sentence.

- The counted thing: the nearest word or phrase of `resources/claims/counted.json` in the
  figure's sentence — its own counted words first, then what follows it, then what precedes it
  ("death toll rose to 1,400") — folded to its key ("killed", "dead", "fatalities" → deaths).
  With none, the figure's counted noun folded to the singular ("1,400 homes" → home).
- The subjects: the entity spans (places, organisations, groups, people, events) in the
  figure's sentence, folded (lower case, aliases such as Israeli → israel). An article without
  entity spans (imported with --no-highlight) gives its sentence's capitalised words instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from annotations.model import FigureKind
from annotations.paths import RESOURCES

SUBJECT_LABELS = frozenset({"GPE", "LOC", "ORG", "NORP", "PERSON", "EVENT", "FAC"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
_CAPITALISED = re.compile(r"\b([A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)*)")
_NOT_SUBJECTS = frozenset(
    "the a an mr mrs ms dr he she it they we i on in at by for but and monday tuesday wednesday "
    "thursday friday saturday sunday january february march april may june july august "
    "september october november december officials".split()
)


@dataclass(frozen=True)
class FigureFeatures:
    """One figure as the grouping sees it."""

    span_id: int
    article_id: str
    kind: FigureKind
    unit: str | None
    counted: str | None  # the counted thing's key; None: the figure cannot be grouped
    subjects: frozenset[str]
    day: int | None  # the article's published date as a day number (date.toordinal)
    value: float | None  # the figure's value, or the middle of its range
    claim_id: int | None = None  # the confirmed claim it belongs to already, if any

    @property
    def block(self) -> tuple:
        """Figures are only ever compared within one block."""
        return (self.kind, self.unit, self.counted)


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[tuple[str, ...], str], dict[str, str], int]:
    """(phrase as folded words -> counted key, subject aliases, longest phrase in words)."""
    data = json.loads((RESOURCES / "claims" / "counted.json").read_text(encoding="utf-8"))
    phrases: dict[tuple[str, ...], str] = {}
    for key, words in data["counted"].items():
        for phrase in [key, *words]:
            phrases.setdefault(tuple(fold(w) for w in phrase.split()), key)
    aliases = {k.lower(): v for k, v in data["subject_aliases"].items() if not k.startswith("_")}
    return phrases, aliases, max(len(p) for p in phrases)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word in lower case, possessive and plural taken off: "deaths" → death, "Gaza's" → gaza,
    "injuries" → injury, "homes" → home, "buses" → bus."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ses", "xes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def sentence_of(before: str, after: str) -> tuple[str, str]:
    """The part of `before` and `after` (text either side of a figure) in the figure's sentence."""
    starts = [m.end() for m in _SENTENCE_END.finditer(before + "X")]  # X: the figure
    if starts:
        before = before[starts[-1] :]
    end = _SENTENCE_END.search(after)
    if end:
        after = after[: end.start() + 1]
    return before, after


def counted_key(counted: str | None, before: str, after: str) -> str | None:
    """The counted thing's key for a figure whose sentence reads `before` FIGURE `after`."""
    phrases, _, longest = lexicon()
    own = [fold(w) for w in _WORD.findall(counted or "")]
    hit = _first_phrase(own, phrases, longest)
    if hit:
        return hit
    following = [fold(w) for w in _WORD.findall(after)][:10]
    preceding = [fold(w) for w in _WORD.findall(before)][-10:]
    # Nearest first: walk outwards from the figure, after before before at equal distance.
    for d in range(max(len(following), len(preceding))):
        hit = _phrase_at(following, d, phrases, longest)
        if hit:
            return hit
        hit = _phrase_ending_at(preceding, len(preceding) - 1 - d, phrases, longest)
        if hit:
            return hit
    return own[-1] if own else None


def _first_phrase(words: list[str], phrases: dict, longest: int) -> str | None:
    for i in range(len(words)):
        hit = _phrase_at(words, i, phrases, longest)
        if hit:
            return hit
    return None


def _phrase_at(words: list[str], i: int, phrases: dict, longest: int) -> str | None:
    """The longest phrase starting at word i."""
    return _longest(words, i, phrases, longest, forward=True)


def _phrase_ending_at(words: list[str], j: int, phrases: dict, longest: int) -> str | None:
    """The longest phrase ending at word j."""
    return _longest(words, j, phrases, longest, forward=False)


def _longest(words: list[str], k: int, phrases: dict, longest: int, forward: bool) -> str | None:
    if not 0 <= k < len(words):
        return None
    room = len(words) - k if forward else k + 1
    for n in range(min(longest, room), 0, -1):
        key = phrases.get(tuple(words[k : k + n] if forward else words[k - n + 1 : k + 1]))
        if key:
            return key
    return None


@lru_cache(maxsize=65536)
def subject(text: str) -> str | None:
    """An entity's text as a subject name: lower case, "the" dropped, aliases applied."""
    _, aliases, _ = lexicon()
    name = " ".join(text.lower().replace("’", "'").split())
    if name.endswith("'s"):
        name = name[:-2]
    name = aliases.get(name, name)
    if name.startswith("the "):
        name = aliases.get(name[4:], name[4:])
    return name if name and name not in _NOT_SUBJECTS else None


def subjects_of(
    entities: list[tuple[int, int, str, str]], start: int, end: int, before: str, after: str,
    has_entities: bool,
) -> frozenset[str]:  # fmt: skip
    """Subjects in the figure's sentence: entity spans there, else capitalised words."""
    lo, hi = start - len(before), end + len(after)
    if has_entities:
        names = (subject(t) for s, e, label, t in entities
                 if label in SUBJECT_LABELS and s >= lo and e <= hi)  # fmt: skip
    else:
        # Not the sentence's first word: capitalised for being first.
        names = (subject(m.group(1)) for part in (before, after)
                 for m in _CAPITALISED.finditer(part) if part is after or m.start() > 0)  # fmt: skip
    return frozenset(n for n in names if n)


def day_number(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def figure_features(article: tuple, row: tuple) -> FigureFeatures:
    """Features of one figure from `Store.claim_figures` rows."""
    article_id, published, has_entities = article
    (span_id, start, end, value, low, high, _qualifier, unit, counted, kind,
     before, after, entities) = row  # fmt: skip
    before, after = sentence_of(before or "", after or "")
    mid = value
    if low is not None and high is not None:
        mid = (low + high) / 2
    return FigureFeatures(
        span_id=span_id, article_id=article_id, kind=FigureKind(kind or "count"), unit=unit,
        counted=counted_key(counted, before, after),
        subjects=subjects_of(entities, start, end, before, after, has_entities),
        day=day_number(published), value=mid,
    )  # fmt: skip
