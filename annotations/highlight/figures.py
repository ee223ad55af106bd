"""Find the figures a text states: counts, percentages, money and measures, with their values.

Pure Python, no spaCy import: ``FigureFinder().find(text)`` works on a plain string, and
``annotations.highlight.component`` wraps it as the pipeline's figure component. Word lists,
units, currencies, qualifiers and context words are data in ``resources/figures/*.json``.

Why one compiled scan of the characters rather than token Matcher patterns: spaCy's tokenizer
splits figures inconsistently ("640bhp", "RM79" and "1.13bn" are one token, "£600m" three,
"USD10m" two), so token patterns would need a case per split. The scan finds number anchors
in C (digits, number words, currency prefixes); Python only looks at the few characters around
each anchor, so the cost stays linear in the text and small next to tokenising it.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from annotations.model import Figure, FigureKind, Qualifier
from annotations.paths import RESOURCES

FIGURE_RESOURCES = RESOURCES / "figures"


@dataclass(slots=True)
class FoundFigure:
    """A figure found in a text: code-point offsets into it and what it states."""

    start: int
    end: int
    figure: Figure


@dataclass(slots=True)
class _Amount:
    """One number as read at an anchor, before ranges, qualifiers and context are applied."""

    start: int
    end: int
    value: float | None
    kind: FigureKind = FigureKind.COUNT
    unit: str | None = None
    multiplied: bool = False
    scale: float = 1.0  # the scale word or multiplier written with it ("million", "bn"): 1e6, 1e9
    explicit_unit: bool = False  # a unit, currency or percent sign was written with it
    low: float | None = None  # vague quantities ("dozens") carry a range instead of a value
    high: float | None = None
    digits: str | None = None  # the digits as written, for year and score checks
    word: bool = False
    negative: bool = False
    fraction: bool = False


def _load(name: str, folder: Path) -> dict:
    with open(folder / name, encoding="utf-8") as f:
        return json.load(f)


def _trie_pattern(words) -> str:
    """A regex alternation of ``words`` shaped as a trie, so the scan tests one branch per char."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _variants(form: str) -> set[str]:
    if len(form) >= 3 and form.replace(" ", "").replace("-", "").isalpha():
        return {form, form.lower(), form.upper()}  # not Title case: "2016 Stone spoke"
    return {form}


def _start(m: re.Match) -> int:
    return m.start()


def _float(digits: str) -> float:
    return float(digits.replace(",", ""))


class FigureFinder:
    """Finds figures in text; build once (it compiles its patterns) and reuse."""

    def __init__(self, folder: Path = FIGURE_RESOURCES) -> None:
        numbers = _load("numbers.json", folder)
        units = _load("units.json", folder)
        context = _load("context.json", folder)
        qualifiers = _load("qualifiers.json", folder)

        self._small: dict[str, int] = numbers["small"]
        self._tens: dict[str, int] = numbers["tens"]
        self._scales: dict[str, int] = numbers["scales"]
        self._fractions: dict[str, int] = numbers["fractions"]
        self._fold: dict[str, int] = numbers["fold"]
        self._vague: dict[str, list[float]] = numbers["vague"]
        self._vague_needs_of = set(numbers["vague_needs_of"])
        self._attached_mult: dict[str, int] = numbers["attached_multipliers"]
        self._mult_needs_currency = set(numbers["attached_needing_currency"])
        self._unicode_fractions: dict[str, float] = numbers["unicode_fractions"]
        self._number_words = {
            **self._small,
            **self._tens,
            **self._scales,
            "dozen": numbers["dozen"],
            "and": 0,
            **{w: 0 for w in self._fractions},
            "a": 1,
            "an": 1,
        }

        self._currency_prefix: dict[str, str] = {
            k.strip(): v for k, v in units["currency_prefixes"].items()
        }
        self._suffix_attached: dict[str, tuple[FigureKind, str]] = {}
        self._suffix_spaced: dict[str, tuple[FigureKind, str]] = {}
        attached_only_currency = set(units["currency_attached_only"])

        def add(form: str, kind: FigureKind, unit: str, attached_only: bool) -> None:
            for v in _variants(form):
                self._suffix_attached.setdefault(v, (kind, unit))
                if not attached_only:
                    self._suffix_spaced.setdefault(v, (kind, unit))

        for form, unit in units["percent"].items():
            add(form, FigureKind.PERCENT, unit, False)
        for form, unit in units["currency_suffixes"].items():
            add(form, FigureKind.MONEY, unit, form in attached_only_currency)
        for entry in units["measures"]:
            only = set(entry.get("attached_only", ()))
            for form in entry["forms"]:
                add(form, FigureKind.QUANTITY, entry["unit"], form in only)

        self._year_low, self._year_high = context["year_range"]
        self._year_preps = set(context["year_prepositions"])
        self._id_cues = set(context["identifier_cues"])
        self._street = set(context["street_types"])
        self._not_one_after = set(context["not_one_after"])
        self._not_half_after = set(context["not_half_after"])
        self._change_words = set(context["change_words"])
        self._score_max = context["score_max"]
        self._stop = set(context["stopwords"])
        self._qualifier_of = {
            form.lower(): Qualifier(q)
            for q, forms in qualifiers.items()
            if not q.startswith("_")
            for form in forms
        }
        self._compile(context["months"])

    # -- patterns ---------------------------------------------------------------------------

    def _compile(self, months: list[str]) -> None:
        digits = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+"
        number = rf"(?P<num>{digits})(?P<frac>/\d{{1,2}}(?![\d/]))?"
        uni = "".join(self._unicode_fractions)
        words = [
            *self._small,
            *self._tens,
            *self._scales,
            "dozen",
            *self._fold,
            *self._vague,
            "half",
        ]
        cased = {v for w in words for v in (w, w.capitalize(), w.upper())}
        lead = {v for w in ["dozen", *self._scales, *self._fractions] for v in (w, w.upper())}
        # Two scans, each starting with a cheap test so the regex engine skips most positions:
        # numbers in digits (not inside a code like "G7", nor the second half of "2-1", "24/7")
        # (letters before digits are allowed here and checked for a currency: "RM79", "USD10m")
        # (the leading lookahead lets the regex engine skip to candidate characters in C)
        self._digit_re = re.compile(
            rf"(?=[\d.{uni}])(?<![\d_.])(?<!\d[-–/])(?:{number}|(?P<uni>[{uni}]))"
        )
        self._number_at_re = re.compile(rf"{number}|(?P<uni>[{uni}])")
        # and number words, listed with their case variants (faster than IGNORECASE)
        word_body = (
            rf"(?P<word>{_trie_pattern(cased)})(?![\w'’])"
            rf"|(?P<a>[Aa]n?)(?=[ \t]+(?:{_trie_pattern(lead)})\b)"
        )
        # (the lookahead on first letters lets the engine skip most words in C, as above)
        firsts = re.escape("".join(sorted({w[0] for w in cased} | {"A", "a"})))
        self._word_re = re.compile(rf"(?=[{firsts}])\b(?:{word_body})")
        self._word_at_re = re.compile(word_body)
        currency = _trie_pattern(self._currency_prefix)
        self._currency_before_re = re.compile(rf"(?<![\w])(?P<cur>{currency})[ \t]?$")
        self._currency_at_re = re.compile(rf"(?:(?P<cur>{currency})[ \t]?)?(?P<neg>[-−](?=\.?\d))?")

        self._attached_mult_re = re.compile(
            rf"(?:{_trie_pattern(self._attached_mult)})(?![A-Za-z])"
        )
        self._spaced_mult_re = re.compile(
            r"(?:[ \t]+|[ \t]*-[ \t]*)(?P<m>(?i:hundred|thousand|million|billion|trillion|dozen)"
            r"|bn|mn|mln|bln|tn)(?![A-Za-z])"
        )
        self._suffix_attached_re = re.compile(
            rf"(?:{_trie_pattern(self._suffix_attached)})(?![A-Za-z0-9])"
        )
        self._suffix_spaced_re = re.compile(
            rf"(?:[ \t]?[-–][ \t]?|[ \t]+)(?P<u>{_trie_pattern(self._suffix_spaced)})(?![A-Za-z0-9])"
        )
        self._word_step = re.compile(r"(?:[ \t]+|[ \t]*-[ \t]*)([A-Za-z]+)\b")
        self._of_scale = re.compile(
            r"[ \t]+of[ \t]+(?P<w>(?i:hundreds|thousands|millions|billions))\b"
        )
        self._qualifier_re = re.compile(
            rf"(?<![\w])(?P<q>(?i:{_trie_pattern(self._qualifier_of)}))[ \t]*$"
        )
        self._opener_re = re.compile(r"(?<![\w])(?P<o>(?i:between|from))[ \t]+$")
        self._minus_re = re.compile(r"(?<![\w])(?i:minus)[ \t]*-?[ \t]*$")
        self._prev_word_re = re.compile(r"(?P<w>[^\s]+)[ \t]?$")
        self._next_word_re = re.compile(r"[ \t]+(?P<w>[A-Za-z][\w'’-]*)")
        self._range_re = re.compile(
            r"(?P<sp>[ \t]*)(?:(?P<dash>[-–—])|(?P<w>to|and|through)\b-?)[ \t]*"
        )
        self._counted_re = re.compile(
            r"[ \t]+(?:of[ \t]+(?:(?i:the|their|his|her|its|these|those|our|all)[ \t]+)?)?"
            r"(?P<w>[A-Za-z][A-Za-z'’-]*)"
        )
        self._counted_next_re = re.compile(r"[ \t]+(?P<w>[A-Za-z][A-Za-z'’-]*)")

        m = "|".join(sorted(months, key=len, reverse=True))
        day = r"\d{1,2}(?:st|nd|rd|th)?"
        days = rf"{day}(?:[ \t]*[-–][ \t]*{day})?"
        # Not figures, read from a number's first digit: dates, times, phones, list numbering.
        self._not_figure_at_re = re.compile(
            "|".join(
                [
                    rf"{days}[ \t]+(?:of[ \t]+)?(?:{m})\b\.?(?:,?[ \t]+\d{{4}})?",
                    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?",
                    r"\d{1,2}/\d{1,2}/\d{2,4}\b",
                    r"\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:[ \t]*[ap]\.?m\.?|[ \t]*[AP]M\b)?",
                    r"\d{1,2}(?:\.\d{2})?[ \t]*(?:[ap]\.m\.|[ap]m\b|[AP]M\b|o'clock)",
                    r"\d{1,5}\)?[ .-]\d{2,5}[ .-]\d{3,4}\b",
                    r"(?<![^\n])\d{1,2}[.)](?=[ \t])",
                ]
            )
        )
        self._month_before_re = re.compile(rf"\b(?:{m})\.?[ \t]+$")
        self._day_at_re = re.compile(rf"{days}(?:,?[ \t]+\d{{4}})?(?![\d,.]\d)")

    # -- the scan ---------------------------------------------------------------------------

    def find(self, text: str) -> list[FoundFigure]:
        """Every figure in ``text``, in order, not overlapping each other."""
        found: list[FoundFigure] = []
        last_end = 0
        anchors = heapq.merge(
            self._digit_re.finditer(text), self._word_re.finditer(text), key=_start
        )
        for m in anchors:
            s = m.start()
            if s < last_end:
                continue
            if m.re is self._digit_re and m.group("num") is not None:
                skip = self._not_figure_end(text, s)
                if skip is not None:
                    last_end = skip
                    continue
            elif m.re is self._word_re and s and text[s - 1] == "-":
                continue
            result = self._figure_at(text, m)
            if result is None:
                continue
            if isinstance(result, int):  # consumed without a figure (a score, a season)
                last_end = result
                continue
            found.append(result)
            last_end = result.end
        return found

    def _not_figure_end(self, text: str, s: int) -> int | None:
        """Where a date, time, phone number or list number starting at ``s`` ends, if it is one."""
        nm = self._not_figure_at_re.match(text, s)
        if nm is not None:
            return nm.end()
        if self._month_before_re.search(text, max(0, s - 11), s) is not None:
            dm = self._day_at_re.match(text, s)
            if dm is not None:
                return dm.end()
        return None

    def _figure_at(self, text: str, m: re.Match) -> FoundFigure | int | None:
        a = self._read(text, m)
        if a is None or not self._is_figure(text, a):
            return None
        start, end = a.start, a.end
        low = high = None
        value = a.value
        kind, unit = a.kind, a.unit
        qualifier = Qualifier.VAGUE if a.low is not None else Qualifier.EXACT
        if a.low is not None:
            low, high, value = a.low, a.high, None

        opener = self._opener_re.search(text, max(0, start - 12), start)
        b = self._range_end(text, a, opener) if a.value is not None else None
        if isinstance(b, int):
            return b
        if b is not None:
            lo, hi = a.value, b.value
            if self._shares_scale(a, b):
                lo = lo * b.scale
            if not math.isfinite(lo):
                return None
            low, high = min(lo, hi), max(lo, hi)
            value = None
            kind, unit = (
                (b.kind, b.unit) if b.explicit_unit or not a.explicit_unit else (a.kind, a.unit)
            )
            end = b.end
            if opener is not None:
                start = opener.start()

        minus = self._minus_re.search(text, max(0, start - 8), start)
        if minus is not None and value is not None and value > 0:
            value = -value
            start = minus.start()

        q = self._qualifier_re.search(text, max(0, start - 24), start)
        if q is not None and qualifier is not Qualifier.VAGUE:
            qualifier = self._qualifier_of[" ".join(q.group("q").lower().split())]
            start = q.start()

        counted = self._counted(text, end)
        if kind is FigureKind.COUNT and counted is not None:
            money = self._suffix_spaced.get(counted)
            if money is not None and money[0] is FigureKind.MONEY:  # "millions of dollars"
                kind, unit, counted = FigureKind.MONEY, money[1], None
        figure = Figure(
            value=value,
            low=low,
            high=high,
            qualifier=qualifier,
            unit=unit,
            counted=counted,
            kind=kind,
        )
        return FoundFigure(start, end, figure)

    # -- reading one number -----------------------------------------------------------------

    def _read(self, text: str, m: re.Match) -> _Amount | None:
        if m.re is self._digit_re:
            cur = None
            start = m.start()
            negative = (
                start > 0
                and text[start - 1] in "-−"
                and not (start > 1 and (text[start - 2].isalnum() or text[start - 2] in "._"))
            )
            p = start - 1 if negative else start
            if p and (text[p - 1].isalpha() or text[p - 1] in " \t$£€¥₹₪₩₽₦="):
                cm = self._currency_before_re.search(text, max(0, p - 5), p)
                if cm is not None:
                    cur, p = cm.group("cur"), cm.start()
                elif text[p - 1].isalpha():
                    return None  # a code or a name: "G7", "M21", "S23"
            if p > 1 and text[p - 1] in "/-–" and text[p - 2].isdigit():
                return None  # the second half of "$7/$9", "2-1"
            return self._read_number(text, m, p if (cur or negative) else start, cur, negative)
        return self._read_word_match(text, m)

    def _read_at(self, text: str, pos: int) -> _Amount | None:
        """The number written at ``pos`` (the second end of a range)."""
        cm = self._currency_at_re.match(text, pos)
        nm = self._number_at_re.match(text, cm.end())
        if nm is not None:
            return self._read_number(text, nm, pos, cm.group("cur"), cm.group("neg") is not None)
        if cm.end() > pos:
            return None
        wm = self._word_at_re.match(text, pos)
        if wm is None or wm.group("a") is not None:
            return None
        return self._read_word_match(text, wm)

    def _read_word_match(self, text: str, m: re.Match) -> _Amount | None:
        if m.group("a") is not None:
            return self._read_words(text, m.start(), m.end(), "a")
        return self._read_words(text, m.start(), m.end(), m.group("word").lower())

    def _read_number(
        self, text: str, m: re.Match, start: int, cur: str | None, negative: bool
    ) -> _Amount | None:
        if m.group("uni") is not None:
            a = _Amount(start, m.end(), self._unicode_fractions[m.group("uni")])
            return self._read_suffix(text, a, currency=cur)
        num = m.group("num")
        value = _float(num)
        frac = m.group("frac")
        if frac is not None:
            den = int(frac[1:])
            if "." in num or "," in num or not 0 < value < den <= 16:
                return None  # a ratio, a score or a date, not a fraction
            value = value / den
        if negative:
            value = -value
        a = _Amount(start, m.end(), value, digits=num, negative=negative)
        a.fraction = frac is not None
        if cur is not None:
            a.kind, a.unit, a.explicit_unit = FigureKind.MONEY, self._currency_prefix[cur], True
        pos = m.end()
        am = self._attached_mult_re.match(text, pos)
        if am is not None:
            form = am.group()
            after = text[am.end() : am.end() + 2]
            if form in self._mult_needs_currency and cur is None:
                am = None
            elif form == "m" and cur is None and not (after[:1] == " " and after[1:].isalpha()):
                am = None  # "32m." is metres; "2.7m sales" and "£6m" are millions
        if am is not None:
            a.value *= self._attached_mult[am.group()]
            a.scale *= self._attached_mult[am.group()]
            a.multiplied = True
            pos = am.end()
        while True:
            sm = self._spaced_mult_re.match(text, pos)
            if sm is None:
                break
            w = sm.group("m").lower()
            factor = self._scales.get(w) or self._attached_mult.get(w) or 12
            a.value *= factor
            a.scale *= factor
            a.multiplied = True
            pos = sm.end()
        if not math.isfinite(a.value):
            return None  # hundreds of digits: no figure a person wrote
        a.end = pos
        return self._read_suffix(text, a, currency=cur)

    def _read_suffix(self, text: str, a: _Amount, currency: str | None) -> _Amount | None:
        pos = a.end
        sm = self._suffix_attached_re.match(text, pos)
        if sm is not None:
            kind, unit = self._suffix_attached[sm.group()]
        else:
            sm = self._suffix_spaced_re.match(text, pos)
            if sm is not None:
                kind, unit = self._suffix_spaced[sm.group("u")]
        if sm is not None and not (currency is not None and kind is FigureKind.QUANTITY):
            if currency is None or kind is not FigureKind.MONEY:
                a.kind, a.unit = kind, unit
            a.explicit_unit = True
            pos = sm.end()
        nxt = text[pos : pos + 2]
        if (
            nxt[:1].isalnum()
            or nxt[:1] == "_"
            or nxt in ("'s", "’s")
            or (nxt[:1] == "." and nxt[1:].isdigit())
        ):
            return None  # "1990s", "10th", "9AB8", "1.2.3"
        a.end = pos
        return a

    def _read_words(self, text: str, start: int, end: int, first: str) -> _Amount | None:
        if first in self._vague:
            return self._read_vague(text, start, end, first)
        if first in self._fold:  # "sixfold": a factor, never the start of a range
            return _Amount(start, end, float(self._fold[first]), unit="times", word=True)
        if first == "half":
            prev = self._prev_word(text, start)
            nxt = text[end : end + 1]
            if (prev or "").lower() in self._not_half_after or nxt == "-":
                return None
            a = _Amount(start, end, 0.5, word=True)
            return self._read_suffix(text, a, currency=None)
        if text[start].isupper() and not self._sentence_initial(text, start):
            return None  # "Formula One", "Big Ten": part of a name

        if first in self._scales or first == "dozen":
            return None  # "several hundred", "a baker's dozen": no count given
        words = [(first, end)]
        pos = end
        while len(words) < 12:
            wm = self._word_step.match(text, pos)
            if wm is None or wm.group(1).lower() not in self._number_words:
                break
            words.append((wm.group(1).lower(), wm.end()))
            pos = wm.end()

        total = 0.0
        cur = 0.0
        prev = None
        best: tuple[float, int, float] | None = None  # value, end, the scale word it ends on
        i = 0
        while i < len(words):
            w, w_end = words[i]
            if w in ("a", "an"):
                if prev not in (None, "and"):
                    break
                cur, prev = 1.0, "a"
                i += 1
                continue
            if w == "and":
                if i + 2 < len(words) and words[i + 1][0] == "a" and words[i + 2][0] == "half":
                    if prev not in ("small", "tens", "tens_small", "dozen"):
                        break
                    cur += 0.5
                    best = (total + cur, words[i + 2][1], 1.0)
                    i += 3
                    prev = "small"
                    continue
                if prev not in ("hundred", "scale"):
                    break
                prev = "and"
                i += 1
                continue
            if w in self._small:
                v = self._small[w]
                if prev in ("small", "tens_small", "dozen") or (prev == "tens" and v >= 10):
                    break
                cur += v
                prev = "tens_small" if prev == "tens" else "small"
            elif w in self._tens:
                if prev in ("small", "tens", "tens_small", "dozen"):
                    break
                cur += self._tens[w]
                prev = "tens"
            elif w == "hundred":
                if prev in ("hundred",):
                    break
                cur = (cur or 1.0) * 100
                prev = "hundred"
            elif w in self._scales:
                total += (cur or 1.0) * self._scales[w]
                cur = 0.0
                prev = "scale"
            elif w == "dozen":
                cur = (cur or 1.0) * 12
                prev = "dozen"
            elif w in self._fractions:
                if prev not in ("small", "a") or total:
                    break
                plural = w.endswith("s")
                after = text[w_end : w_end + 4]
                if not plural and not (after.startswith(" of") or not after[:1].isalnum()):
                    break  # "a third term" is an ordinal
                if plural and cur < 2 or not plural and cur > 1 and w != "half":
                    break
                best = (cur / self._fractions[w], w_end, 1.0)
                break
            else:
                break
            if prev != "and":
                scale = {"hundred": 100.0, "scale": float(self._scales.get(w, 1)), "dozen": 12.0}
                best = (total + cur, w_end, scale.get(prev, 1.0))
            i += 1
        if best is None:
            return None
        value, end, scale = best
        a = _Amount(start, end, value, word=True, multiplied=value >= 100, scale=scale)
        if value == 1 and end - start <= 3 and not self._one_counts(text, start, end):
            return None
        return self._read_suffix(text, a, currency=None)

    def _read_vague(self, text: str, start: int, end: int, word: str) -> _Amount | None:
        low, high = (float(v) for v in self._vague[word])
        pos = end
        chained = False
        while True:
            om = self._of_scale.match(text, pos)
            if om is None:
                break
            scale = self._vague[om.group("w").lower()][0]
            low, high = low * scale, high * scale
            pos = om.end()
            chained = True
        if not math.isfinite(high):
            return None  # "hundreds of billions of billions ...": past any float
        if word in self._vague_needs_of and not chained:
            if not text.startswith(" of ", pos):
                prev = (self._prev_word(text, start) or "").lower()
                if not (word == "scores" and prev.endswith(("ing", "ed"))):
                    return None  # "test scores", "in their tens"
        return _Amount(start, pos, None, low=low, high=high, word=True)

    # -- context ----------------------------------------------------------------------------

    def _prev_word(self, text: str, start: int) -> str | None:
        pm = self._prev_word_re.search(text, max(0, start - 30), start)
        return pm.group("w") if pm is not None else None

    def _sentence_initial(self, text: str, start: int, colon: bool = True) -> bool:
        i = start - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        return i < 0 or text[i] in ".!?;\n\"“”'‘([" or colon and text[i] == ":"

    def _street_or_next(self, text: str, end: int) -> str | None:
        """The word after a number, or None when a street name follows ("575 Wilbraham Road")."""
        nm = self._next_word_re.match(text, end)
        nxt = nm.group("w") if nm is not None else ""
        pos = end
        for _ in range(3):
            if nm is None or not nm.group("w")[:1].isupper():
                break
            if nm.group("w") in self._street:
                return None
            pos = nm.end()
            nm = self._next_word_re.match(text, pos)
        return nxt

    def _one_counts(self, text: str, start: int, end: int) -> bool:
        """'one' counts something ("one of the students", "one area"), not a pronoun."""
        prev = (self._prev_word(text, start) or "").lower()
        if prev in self._not_one_after or prev.endswith(("'s", "’s")):
            return False
        nm = self._next_word_re.match(text, end)
        if nm is None:
            return False
        nxt = nm.group("w").lower()
        return nxt == "of" or nxt not in self._stop

    def _is_figure(self, text: str, a: _Amount) -> bool:
        s = a.start
        if a.word:
            return True
        if s >= 2 and text[s - 1] in "-–" and text[s - 2].isalpha():
            word = self._prev_word(text, s - 1) or ""
            if word.lower() not in ("minus", "to"):
                return False  # "TA-25", "COVID-19", "F-35"
        if s >= 1 and text[s - 1] == "#":
            return False
        bare = not a.explicit_unit and not a.multiplied and not a.fraction
        if not bare:
            return True
        nxt = self._street_or_next(text, a.end)
        if nxt is None:
            return False  # "575 Wilbraham Road"
        prev = self._prev_word(text, s)
        if prev is not None:
            low = prev.lower()
            if low in self._id_cues or low.rstrip(".") in self._id_cues:
                return False
            if low not in self._qualifier_of and low not in self._stop:
                if any(c.isupper() or c in "&+" for c in prev[1:]):
                    return False  # "iPhone 11", "S&P 500"
                start = s - len(prev) - (text[s - 1] in " \t")
                if prev[:1].isupper() and not self._sentence_initial(text, start, colon=False):
                    return False  # "Section 427", "Windows 10", "Lang 20"
        digits = a.digits or ""
        if (
            len(digits) == 4
            and digits.isdigit()
            and not a.negative
            and self._year_low <= int(digits) <= self._year_high
        ):
            if self._qualifier_re.search(text, max(0, s - 24), s) is not None:
                return True  # "an average of 1500"
            if (prev or "").lower() in self._year_preps:
                return False
            plural = nxt.islower() and nxt.endswith("s") and nxt not in self._stop
            return plural  # "1500 cars" counts; "2019 review" is a year
        return True

    def _range_end(self, text: str, a: _Amount, opener: re.Match | None) -> _Amount | int | None:
        rm = self._range_re.match(text, a.end)
        if rm is None or a.unit == "times":
            return None
        conn = rm.group("w")
        if rm.group("dash") and rm.group("sp") and text[rm.end() - 1] in "-–—":
            return None  # "Stoxx 50 -1.3%": a sign, not a range
        between = opener is not None and opener.group("o").lower() == "between"
        if conn == "and" and not between or conn == "through" and opener is None:
            return None
        if rm.group("dash") is None and text[rm.end() - 1].isalpha():
            if text[rm.end() : rm.end() + 1].isalnum():
                return None
        b = self._read_at(text, rm.end())
        if b is None or b.value is None:
            return None
        if rm.group("dash") is not None and not rm.group("sp"):
            small = self._small_int(a) and self._small_int(b)
            if small and not a.explicit_unit and not b.explicit_unit and opener is None:
                return b.end  # a score, "2-1"
            if a.digits and len(a.digits) == 4 and b.digits and len(b.digits) == 2:
                return b.end  # a season, "2018-19"
        if conn == "to" and opener is None:
            prev = (self._prev_word(text, a.start) or "").lower()
            same = a.unit == b.unit or a.kind is b.kind is FigureKind.MONEY
            # "$5 to 6 billion": the second end's scale word with the first's currency
            same = same or (not b.explicit_unit and b.scale != 1 and a.scale == 1)
            if a.explicit_unit and (prev in self._change_words or not same):
                return None  # "rose 18 sen to RM23.50": a change and a level
            if not a.explicit_unit and prev in self._change_words and not b.explicit_unit:
                return None
        if a.explicit_unit and b.explicit_unit and a.kind is not b.kind:
            return None
        if b.digits and a.digits and not b.explicit_unit and not b.multiplied:
            if self._year_low <= b.value <= self._year_high and len(b.digits) == 4:
                return None
        return b

    def _shares_scale(self, a: _Amount, b: _Amount) -> bool:
        """Whether the scale word after a range's second number applies to the first too.

        A scale word belongs to the number it follows; it is shared only when the first number
        has none ("3 to 4 million", "four to five thousand", "$1.5 to $2 billion") and reading
        it so keeps the two ends alike: the first is at most the second's count of the scale, or
        close above it (a fall, "from 12 to 9.5 million"). "$370,000 to $5.5 million" and
        "$500 to $1 million" are whole numbers already.
        """
        if a.scale != 1 or b.scale == 1 or a.value is None or a.value <= 0:
            return False
        base = b.value / b.scale
        return a.value < 10 * base

    def _small_int(self, a: _Amount) -> bool:
        return bool(a.digits) and a.digits.isdigit() and int(a.digits) <= self._score_max

    def _counted(self, text: str, end: int) -> str | None:
        words: list[str] = []
        pos = end
        while len(words) < 3:
            cm = (self._counted_re if not words else self._counted_next_re).match(text, pos)
            if cm is None:
                break
            w = cm.group("w")
            low = w.lower()
            if low in self._stop or (len(low) > 4 and low.endswith("ed")) or low.endswith("ly"):
                break
            if words and w[:1].isupper() and words[-1][:1].islower():
                break
            if words and low.endswith("ing") and words[-1].lower().endswith("s"):
                break
            words.append(w)
            pos = cm.end()
            if len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
                break  # a plural noun ends the phrase: "1,100 public housing properties"
        while words and words[-1].lower().endswith("ing"):
            words.pop()
        return " ".join(words) or None


@lru_cache(maxsize=1)
def default_finder() -> FigureFinder:
    """The finder built from the bundled resources, built once per process."""
    return FigureFinder()


def find_figures(text: str) -> list[FoundFigure]:
    """Figures in ``text`` using the bundled resources."""
    return default_finder().find(text)
