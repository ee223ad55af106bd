"""Find the figures a text states: counts, percentages, money and measures, with their values.

Pure Python, no spaCy import: ``FigureFinder().find(text)`` works on a plain string, and
``annotations.highlight.component`` wraps it as the pipeline's figure component. The finder is
built from four parts, one job each: ``figures_vocabulary`` (the word lists in
``resources/figures/*.json``), ``figures_patterns`` (the compiled scans), ``figures_context``
(what the neighbouring words say) and ``figures_values`` (reading one number to its value);
this module joins numbers into ranges, adds qualifiers and the counted noun.

Durations, ages and clock spans ("two years", "7-year-old", "half an hour") are read the same
way but are not figures: ``find_all`` gives them with the label DATE or TIME and their value,
as OntoNotes marks them; ``find`` leaves them out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from annotations.highlight.figures_context import Context
from annotations.highlight.figures_patterns import Patterns
from annotations.highlight.figures_values import Amount, Reader
from annotations.highlight.figures_vocabulary import DATE, FIGURE_RESOURCES, load_vocabulary
from annotations.model import FIGURE, Figure, FigureKind, Qualifier

__all__ = ["FIGURE_RESOURCES", "FigureFinder", "FoundFigure", "default_finder", "find_figures"]


@dataclass(slots=True)
class FoundFigure:
    """A figure found in a text: code-point offsets into it and what it states.

    ``label`` is FIGURE, or DATE / TIME for a duration, an age or a clock span, whose value
    ``figure`` still carries ("30 days": 30, unit day)."""

    start: int
    end: int
    figure: Figure
    label: str = FIGURE


_start = re.Match.start


class FigureFinder:
    """Finds figures in text; build once (it compiles its patterns) and reuse."""

    def __init__(self, folder: Path = FIGURE_RESOURCES) -> None:
        self.vocabulary = v = load_vocabulary(folder)
        self.patterns = p = Patterns(v)
        self.context = Context(v, p)
        self.reader = Reader(v, p, self.context)
        self._unicode_fractions = tuple(v.unicode_fractions)

    def find(self, text: str) -> list[FoundFigure]:
        """Every figure in ``text``, in order, not overlapping each other."""
        return [f for f in self.find_all(text) if f.label == FIGURE]

    def find_all(self, text: str) -> list[FoundFigure]:
        """Every figure, duration, age and clock span in ``text``, in order, not overlapping."""
        found: list[FoundFigure] = []
        last_end = 0
        p = self.patterns
        digit_re, word_re = p.digit, p.word
        anchors = [*digit_re.finditer(text), *word_re.finditer(text)]
        if any(ch in text for ch in self._unicode_fractions):  # rare: a scan only when present
            anchors.extend(p.unicode.finditer(text))
        anchors.sort(key=_start)
        for m in anchors:
            s = m.start()
            if s < last_end:
                continue
            if m.re is digit_re:
                skip = self.context.not_figure_end(text, s)
                if skip is not None:
                    last_end = skip
                    continue
            elif m.re is word_re and s and text[s - 1] == "-":
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

    def _figure_at(self, text: str, m: re.Match) -> FoundFigure | int | None:
        a = self.reader.read(text, m)
        if a is None:
            return None
        if self.context.age_in_apposition(text, a):
            figure = Figure(value=a.value, unit="year", kind=FigureKind.QUANTITY)
            return FoundFigure(a.start, a.end, figure, DATE)  # an age, "Doherty, 25,"
        if not self.context.is_figure(text, a):
            return None
        start, end = a.start, a.end
        low = high = None
        value = a.value
        kind, unit = a.kind, a.unit
        qualifier = Qualifier.VAGUE if a.low is not None else Qualifier.EXACT
        if a.low is not None:
            low, high, value = a.low, a.high, None

        context = self.context
        opener = context.opener_before(text, start)
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

        minus = context.minus_before(text, start)
        if minus is not None and value is not None and value > 0:
            value = -value
            start = minus.start()

        q = context.qualifier_before(text, start)
        if q is not None and qualifier is not Qualifier.VAGUE:
            qualifier = self.vocabulary.qualifier_of[" ".join(q.group("q").lower().split())]
            start = q.start()

        label = self.vocabulary.duration_label.get(unit, FIGURE) if unit else FIGURE
        if label == FIGURE and kind is FigureKind.COUNT and context.age_cued(text, start):
            age = high if value is None else value
            if age is not None and 0 < age < self.vocabulary.age_max:
                label, kind, unit = DATE, FigureKind.QUANTITY, "year"  # "aged 54"
        counted = self.context.counted(text, end) if label == FIGURE else None
        if kind is FigureKind.COUNT and counted is not None:
            money = self.vocabulary.suffix_spaced.get(counted)
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
        return FoundFigure(start, end, figure, label)

    def _range_end(self, text: str, a: Amount, opener: re.Match | None) -> Amount | int | None:
        """The second number of a range starting with ``a`` ("15-20%", "from 252 to 287"),
        the end of a score or season to skip ("2-1", "2018-19"), or None."""
        v = self.vocabulary
        rm = self.patterns.range.match(text, a.end)
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
        b = self.reader.read_at(text, rm.end())
        if b is None or b.value is None:
            return None
        if rm.group("dash") is not None and not rm.group("sp"):
            small = self._small_int(a) and self._small_int(b)
            if small and not a.explicit_unit and not b.explicit_unit and opener is None:
                return b.end  # a score, "2-1"
            if a.digits and len(a.digits) == 4 and b.digits and len(b.digits) == 2:
                return b.end  # a season, "2018-19"
        if conn == "to" and opener is None:
            prev = (self.context.prev_word(text, a.start) or "").lower()
            same = a.unit == b.unit or a.kind is b.kind is FigureKind.MONEY
            # "$5 to 6 billion": the second end's scale word with the first's currency
            same = same or (not b.explicit_unit and b.scale != 1 and a.scale == 1)
            if a.explicit_unit and (prev in v.change_words or not same):
                return None  # "rose 18 sen to RM23.50": a change and a level
            if not a.explicit_unit and prev in v.change_words and not b.explicit_unit:
                return None
        if a.explicit_unit and b.explicit_unit and a.kind is not b.kind:
            return None
        if b.digits and a.digits and not b.explicit_unit and not b.multiplied:
            if v.year_low <= b.value <= v.year_high and len(b.digits) == 4:
                return None
        return b

    def _shares_scale(self, a: Amount, b: Amount) -> bool:
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

    def _small_int(self, a: Amount) -> bool:
        return bool(a.digits) and a.digits.isdigit() and int(a.digits) <= self.vocabulary.score_max


@lru_cache(maxsize=1)
def default_finder() -> FigureFinder:
    """The finder built from the bundled resources, built once per process."""
    return FigureFinder()


def find_figures(text: str) -> list[FoundFigure]:
    """Figures in ``text`` using the bundled resources."""
    return default_finder().find(text)
