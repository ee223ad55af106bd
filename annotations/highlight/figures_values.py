"""Value parsing: one number as written at an anchor, in digits or words, read to its value.

"1.13bn" is 1,130,000,000; "twenty-eight thousand six hundred forty-two" 28,642; "8 13/16" 8.8125;
"two-thirds" 0.667; "dozens" 12 to 120. Scale words, currencies, units and percent signs written
with the number are read here; ranges, qualifiers and the counted noun are the finder's.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from annotations.highlight.figures_context import Context
from annotations.highlight.figures_patterns import CURRENCY_REACH, MAX_NUMBER_WORDS, Patterns
from annotations.highlight.figures_vocabulary import Vocabulary
from annotations.model import FigureKind

# The denominators a written fraction takes ("13/16", "1/4", "2/3"); others are ratios or dates.
FRACTION_DENOMINATORS = frozenset({2, 3, 4, 8, 16, 32, 64})
# Characters before digits that may end a currency ("RM79", "US $5", "#5 million").
_CURRENCY_END = frozenset(" \t$£€¥₹₪₩₽₦=#")


@dataclass(slots=True)
class Amount:
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


def _float(digits: str) -> float:
    return float(digits.replace(",", ""))


class Reader:
    def __init__(self, v: Vocabulary, p: Patterns, context: Context) -> None:
        self.v = v
        self.p = p
        self.context = context
        self._currencies = tuple(v.currency_prefix)

    def read(self, text: str, m: re.Match) -> Amount | None:
        """The number an anchor match starts (``m`` from the digit, fraction or word scan)."""
        if m.re is not self.p.word:
            cur = None
            spaced = False
            start = m.start()
            negative = (
                start > 0
                and text[start - 1] in "-−"
                and not (start > 1 and (text[start - 2].isalnum() or text[start - 2] in "._"))
            )
            p = start - 1 if negative else start
            before = text[p - 1] if p else ""
            if before in " \t" and before:
                # Only a currency ends a space before: "US $5", "Rs 500" (tested in C first).
                if not text[max(0, p - 1 - CURRENCY_REACH) : p - 1].endswith(self._currencies):
                    before = ""
            if before and (before.isalpha() or before in _CURRENCY_END):
                cm = self.p.currency_before.search(text, max(0, p - CURRENCY_REACH), p)
                if cm is not None:
                    cur, p, spaced = cm.group("cur"), cm.start(), bool(cm.group("sp"))
                elif text[p - 1].isalpha():
                    return None  # a code or a name: "G7", "M21", "S23"
            if p > 1 and text[p - 1] in "/-–" and text[p - 2].isdigit():
                return None  # the second half of "$7/$9", "2-1"
            a = self.read_number(text, m, p if (cur or negative) else start, cur, negative)
            if a is not None and cur in self.v.currency_needs_amount:
                if not (
                    spaced or a.multiplied or "." in (a.digits or "") or "," in (a.digits or "")
                ):
                    return None  # "#1", "#10": a rank, not pounds
            return a
        return self.read_word_match(text, m)

    def read_at(self, text: str, pos: int) -> Amount | None:
        """The number written at ``pos`` (the second end of a range)."""
        cm = self.p.currency_at.match(text, pos)
        nm = self.p.number_at.match(text, cm.end())
        if nm is not None:
            return self.read_number(text, nm, pos, cm.group("cur"), cm.group("neg") is not None)
        if cm.end() > pos:
            return None
        wm = self.p.word_at.match(text, pos)
        if wm is None or wm.group("a") is not None:
            return None
        return self.read_word_match(text, wm)

    def read_word_match(self, text: str, m: re.Match) -> Amount | None:
        if m.group("a") is not None:
            return self.read_words(text, m.start(), m.end(), "a")
        return self.read_words(text, m.start(), m.end(), m.group("word").lower())

    def read_number(
        self, text: str, m: re.Match, start: int, cur: str | None, negative: bool
    ) -> Amount | None:
        v = self.v
        if m.group("uni") is not None:
            a = Amount(start, m.end(), v.unicode_fractions[m.group("uni")])
            return self.read_suffix(text, a, currency=cur)
        num = m.group("num")
        value = _float(num)
        frac = m.group("frac")
        pos = m.end()
        if frac is not None:
            den = int(frac[1:])
            if "." in num or "," in num or not 0 < value < den <= 16:
                return None  # a ratio, a score or a date, not a fraction
            value = value / den
        elif num.isdigit() and len(num) <= 3:  # not "in 2019 1/3 of them"
            mixed = self.p.mixed_fraction.match(text, pos)
            if mixed is not None:
                n, d = int(mixed.group("n")), int(mixed.group("d"))
                if 0 < n < d and d in FRACTION_DENOMINATORS:
                    value += n / d  # "8 13/16", "58 1/4"
                    frac = mixed.group()
                    pos = mixed.end()
        if negative:
            value = -value
        a = Amount(start, pos, value, digits=num, negative=negative)
        a.fraction = frac is not None
        if cur is not None:
            a.kind, a.unit, a.explicit_unit = FigureKind.MONEY, v.currency_prefix[cur], True
        am = self.p.attached_mult.match(text, pos)
        if am is not None:
            form = am.group()
            after = text[am.end() : am.end() + 2]
            if form in v.mult_needs_currency and cur is None:
                am = None
            elif form == "m" and cur is None and not (after[:1] == " " and after[1:].isalpha()):
                am = None  # "32m." is metres; "2.7m sales" and "£6m" are millions
        if am is not None:
            a.value *= v.attached_mult[am.group()]
            a.scale *= v.attached_mult[am.group()]
            a.multiplied = True
            pos = am.end()
        while True:
            sm = self.p.spaced_mult.match(text, pos)
            if sm is None:
                break
            factor = v.spaced_mult[sm.group("m").lower()]
            a.value *= factor
            a.scale *= factor
            a.multiplied = True
            pos = sm.end()
        if not math.isfinite(a.value):
            return None  # hundreds of digits: no figure a person wrote
        a.end = pos
        return self.read_suffix(text, a, currency=cur)

    def read_suffix(self, text: str, a: Amount, currency: str | None) -> Amount | None:
        """The unit, currency or percent sign after the number, and the end of the number."""
        pos = a.end
        sm = self.p.suffix_attached.match(text, pos)
        if sm is not None:
            kind, unit = self.v.suffix_attached[sm.group()]
        else:
            sm = self.p.suffix_spaced.match(text, pos)
            if sm is not None:
                kind, unit = self.v.suffix_spaced[sm.group("u")]
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

    def read_words(self, text: str, start: int, end: int, first: str) -> Amount | None:
        """A number spelled out from ``first`` (lower case) at ``start``."""
        v = self.v
        if first in v.vague:
            return self.read_vague(text, start, end, first)
        if first in v.fold:  # "sixfold": a factor, never the start of a range
            return Amount(start, end, float(v.fold[first]), unit="times", word=True)
        if first == "half":
            return self._read_half(text, start, end)
        if text[start].isupper() and not self.context.sentence_initial(text, start):
            return None  # "Formula One", "Big Ten": part of a name

        if first in v.scales or first == "dozen":
            return None  # "several hundred", "a baker's dozen": no count given
        words = [(first, end)]
        pos = end
        while len(words) < MAX_NUMBER_WORDS:
            wm = self.p.word_step.match(text, pos)
            if wm is None or wm.group(1).lower() not in v.number_words:
                break
            words.append((wm.group(1).lower(), wm.end()))
            pos = wm.end()
        best = self._words_value(text, words)
        if best is None:
            return None
        value, end, scale = best
        a = Amount(start, end, value, word=True, multiplied=value >= 100, scale=scale)
        if value == 1 and end - start <= 3 and not self.context.one_counts(text, start, end):
            return None
        return self.read_suffix(text, a, currency=None)

    def _read_half(self, text: str, start: int, end: int) -> Amount | None:
        prev = self.context.prev_word(text, start)
        if (prev or "").lower() in self.v.not_half_after:
            return None
        a = Amount(start, end, 0.5, word=True)
        if text[end : end + 1] == "-":  # "half-hour", "half-century"; not "half-brother"
            b = self.read_suffix(text, a, currency=None)
            return b if b is not None and b.unit in self.v.duration_label else None
        am = self.p.half_of_unit.match(text, end)
        if am is not None:  # "half an hour", "half a century": a duration, or nothing
            a.end = am.end()
            b = self.read_suffix(text, a, currency=None)
            if b is not None and b.unit in self.v.duration_label:
                return b
            a.end, a.kind, a.unit, a.explicit_unit = end, FigureKind.COUNT, None, False
        return self.read_suffix(text, a, currency=None)

    def _words_value(
        self, text: str, words: list[tuple[str, int]]
    ) -> tuple[float, int, float] | None:
        """(value, end, the scale word it ends on) of the longest number the words spell."""
        v = self.v
        total = 0.0
        cur = 0.0
        prev = None
        best: tuple[float, int, float] | None = None
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
            if w in v.small:
                n = v.small[w]
                if prev in ("small", "tens_small", "dozen") or (prev == "tens" and n >= 10):
                    break
                cur += n
                prev = "tens_small" if prev == "tens" else "small"
            elif w in v.tens:
                if prev in ("small", "tens", "tens_small", "dozen"):
                    break
                cur += v.tens[w]
                prev = "tens"
            elif w == "hundred":
                if prev in ("hundred",):
                    break
                cur = (cur or 1.0) * 100
                prev = "hundred"
            elif w in v.scales:
                total += (cur or 1.0) * v.scales[w]
                cur = 0.0
                prev = "scale"
            elif w == "dozen":
                cur = (cur or 1.0) * 12
                prev = "dozen"
            elif w in v.fractions:
                if prev not in ("small", "a") or total:
                    break
                plural = w.endswith("s")
                after = text[w_end : w_end + 4]
                ordinal = after[:1] == " " and after[1:2].isalpha() and after[:3] != " of"
                if not plural and ordinal and w != "half":
                    break  # "a third term", "a fourth quarter": an ordinal
                if plural and cur < 2 or not plural and cur > 1 and w != "half":
                    break
                best = (cur / v.fractions[w], w_end, 1.0)
                break
            else:
                break
            if prev != "and":
                scale = {"hundred": 100.0, "scale": float(v.scales.get(w, 1)), "dozen": 12.0}
                best = (total + cur, w_end, scale.get(prev, 1.0))
            i += 1
        return best

    def read_vague(self, text: str, start: int, end: int, word: str) -> Amount | None:
        """ "dozens", "hundreds of thousands": a range, from the base value up to ten times it."""
        low, high = (float(x) for x in self.v.vague[word])
        pos = end
        chained = False
        while True:
            om = self.p.of_scale.match(text, pos)
            if om is None:
                break
            scale = self.v.vague_scales[om.group("w").lower()]
            low, high = low * scale, high * scale
            pos = om.end()
            chained = True
        if not math.isfinite(high):
            return None  # "hundreds of billions of billions ...": past any float
        if word in self.v.vague_needs_of and not chained:
            if not text.startswith(" of ", pos):
                prev = (self.context.prev_word(text, start) or "").lower()
                if not (word == "scores" and prev.endswith(("ing", "ed"))):
                    return None  # "test scores", "in their tens"
        return Amount(start, pos, None, low=low, high=high, word=True)
