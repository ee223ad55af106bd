"""DATE and TIME patterns (resources/entities/dates.jsonl) matched at a fraction of Matcher cost.

The patterns are written in spaCy's Matcher token syntax, so they load unchanged into a
Matcher or EntityRuler. spaCy's Matcher evaluates its IN and REGEX predicates in Python for
every token, which alone cost more than tokenising; here each distinct token spec becomes one
bit, each distinct word is tested once per process, and a pattern is tried only where a
token can anchor it (a month, a weekday, "ago", a year...).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.lang.en.lex_attrs import like_num

# Words that only modify a date ("the past ...", "in May"): they never anchor a pattern.
_MODIFIERS = frozenset(
    "the this last next past coming previous following same current early late mid mid- "
    "earlier later recent few several couple in of a an one that by from since until through "
    "during , -".split()
)
REACH = 6  # a pattern is at most this many tokens long


@dataclass(frozen=True)
class _Pattern:
    id: str
    label: str
    trim_left: int
    elements: tuple[tuple[int, bool], ...]  # (spec bit, optional)
    anchor: int  # index of the element that must sit on an anchor token
    before: tuple[tuple[int, bool], ...]  # the elements before the anchor, nearest first
    after: tuple[tuple[int, bool], ...]  # the elements after it


def _predicate(spec: dict):
    """A function str -> bool equivalent to one Matcher token spec (LOWER/TEXT/LIKE_NUM)."""
    tests = []
    for attr, value in spec.items():
        if attr == "OP":
            continue
        if attr == "LIKE_NUM":
            tests.append(lambda w, v=value: like_num(w) == v)
            continue
        get = str.lower if attr == "LOWER" else str
        if attr not in ("LOWER", "TEXT"):
            raise ValueError(f"dates.jsonl: unsupported token attribute {attr}")
        if isinstance(value, dict) and "IN" in value:
            tests.append(lambda w, g=get, s=frozenset(value["IN"]): g(w) in s)
        elif isinstance(value, dict) and "REGEX" in value:
            tests.append(lambda w, g=get, r=re.compile(value["REGEX"]): r.search(g(w)) is not None)
        else:
            tests.append(lambda w, g=get, v=value: g(w) == v)
    return lambda w: all(t(w) for t in tests)


def _words_of(spec: dict) -> set[str] | None:
    """The literal words a spec accepts, or None when it is a regex or number test."""
    for attr in ("LOWER", "TEXT"):
        value = spec.get(attr)
        if isinstance(value, str):
            return {value.lower()}
        if isinstance(value, dict) and "IN" in value:
            return {v.lower() for v in value["IN"]}
    return None


class DatePatterns:
    def __init__(self, patterns: Iterable[dict]):
        self.predicates: list = []
        # A spec that only lists words is looked up: word (lowered for LOWER) -> its bits.
        self._by_lower: dict[str, int] = {}
        self._by_text: dict[str, int] = {}
        self._text_res: list[tuple[int, object]] = []  # (bit value, regex search) on the word
        self._lower_res: list[tuple[int, object]] = []  # the same on its lower case
        self._num_bits = [0, 0]  # the LIKE_NUM specs' bits, by the word's like_num
        self._tested: list[tuple[int, object]] = []  # (bit value, predicate) for the rest
        keys: dict[str, int] = {}
        self.patterns: list[_Pattern] = []
        for p in patterns:
            elements = []
            for spec in p["pattern"]:
                key = json.dumps({k: v for k, v in spec.items() if k != "OP"}, sort_keys=True)
                if key not in keys:
                    keys[key] = len(self.predicates)
                    self.predicates.append(_predicate(spec))
                    self._index(spec, keys[key])
                elements.append((keys[key], spec.get("OP") == "?"))
            anchor = _choose_anchor(p["pattern"])
            self.patterns.append(
                _Pattern(
                    p["id"],
                    p["label"],
                    p.get("trim_left", 0),
                    tuple(elements),
                    anchor,
                    tuple(elements[:anchor][::-1]),
                    tuple(elements[anchor + 1 :]),
                )
            )
        self._by_mask: dict[int, tuple[_Pattern, ...]] = {}
        self.anchor_mask = 0
        self.by_anchor_bit: dict[int, list[_Pattern]] = {}
        for pat in self.patterns:
            bit = pat.elements[pat.anchor][0]
            self.anchor_mask |= 1 << bit
            self.by_anchor_bit.setdefault(bit, []).append(pat)

    def _index(self, spec: dict, bit: int) -> None:
        """File spec ``bit`` where ``mask`` tests it fastest: word look-ups, then single
        regexes and number tests, then any other spec by its predicate."""
        attrs = [a for a in spec if a != "OP"]
        value = spec.get(attrs[0]) if len(attrs) == 1 else None
        words = _words_of(spec) if attrs in (["LOWER"], ["TEXT"]) else None
        if words is not None and not (isinstance(value, dict) and len(value) > 1):
            table = self._by_lower if attrs == ["LOWER"] else self._by_text
            for word in [value] if isinstance(value, str) else value["IN"]:
                table[word] = table.get(word, 0) | 1 << bit
        elif (
            attrs in (["LOWER"], ["TEXT"]) and isinstance(value, dict) and list(value) == ["REGEX"]
        ):
            search = re.compile(value["REGEX"]).search
            (self._lower_res if attrs == ["LOWER"] else self._text_res).append((1 << bit, search))
        elif attrs == ["LIKE_NUM"]:
            self._num_bits[bool(value)] |= 1 << bit
        else:
            self._tested.append((1 << bit, self.predicates[bit]))

    def mask(self, word: str) -> int:
        """The spec bits a word satisfies; cache it, it depends on the word alone."""
        lower = word.lower()
        m = self._by_lower.get(lower, 0) | self._by_text.get(word, 0)
        m |= self._num_bits[bool(like_num(word))]
        for bit, search in self._text_res:
            if search(word) is not None:
                m |= bit
        for bit, search in self._lower_res:
            if search(lower) is not None:
                m |= bit
        for bit, test in self._tested:
            if test(word):
                m |= bit
        return m

    def find(
        self, token_masks: Sequence[int], anchors: Iterable[int]
    ) -> list[tuple[int, int, str]]:
        """Longest non-overlapping matches around the anchor positions, as (start, end, label).

        ``token_masks[i]`` is the mask of token i (a list, or a numpy array of them).
        """
        n = len(token_masks)
        found = []
        for a in anchors:
            lo, hi = max(0, a - REACH), min(n, a + REACH)
            # The window's masks, indexed from lo.
            window = token_masks[lo:hi]
            masks = window.tolist() if hasattr(window, "tolist") else list(window)
            rel = a - lo
            pats = self._patterns_for(masks[rel])
            for pat in pats:
                # With the anchor element fixed on token a, what lies before it and what
                # follows match independently: every start that fits, with the longest end.
                end = _longest(pat.after, 0, rel + 1, masks)
                if end is None:
                    continue
                for s in _starts(pat.before, 0, rel - 1, masks):
                    found.append((lo + s + pat.trim_left, lo + end, pat.label))
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        taken = bytearray(n)
        out = []
        for s, e, label in found:
            if not any(taken[s:e]):
                taken[s:e] = b"\x01" * (e - s)
                out.append((s, e, label))
        return out

    def _patterns_for(self, mask: int) -> tuple[_Pattern, ...]:
        """The patterns a token with this mask can anchor, in pattern order of anchor bit."""
        pats = self._by_mask.get(mask)
        if pats is None:
            pats = self._by_mask[mask] = tuple(
                pat for bit, group in self.by_anchor_bit.items() if mask >> bit & 1 for pat in group
            )
        return pats


def _longest(els, k: int, pos: int, masks: list[int]) -> int | None:
    """End of the longest match of els[k:] from pos (forwards)."""
    if k == len(els):
        return pos
    bit, optional = els[k]
    best = None
    if pos < len(masks) and masks[pos] >> bit & 1:
        best = _longest(els, k + 1, pos + 1, masks)
    if optional:
        other = _longest(els, k + 1, pos, masks)
        if other is not None and (best is None or other > best):
            best = other
    return best


def _starts(els, k: int, pos: int, masks: list[int]) -> set[int]:
    """Every start from which els (the elements before the anchor, nearest first) match up
    to pos (backwards)."""
    if k == len(els):
        return {pos + 1}
    bit, optional = els[k]
    out: set[int] = set()
    if pos >= 0 and masks[pos] >> bit & 1:
        out = _starts(els, k + 1, pos - 1, masks)
    if optional:
        out = out | _starts(els, k + 1, pos, masks)
    return out


def _choose_anchor(pattern: list[dict]) -> int:
    """The rarest-looking required element: a word list without modifiers, else the first."""
    required = [k for k, spec in enumerate(pattern) if spec.get("OP") != "?"]
    for k in reversed(required):
        words = _words_of(pattern[k])
        if words and not words & _MODIFIERS and any(w.isalpha() for w in words):
            return k
    for k in required:
        if "LIKE_NUM" not in pattern[k]:
            return k
    return required[0]
