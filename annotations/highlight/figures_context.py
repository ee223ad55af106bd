"""Context checks: what the words around a number say about it.

A number can be a figure, or a date, a time, a phone number, a list number, an identifier
("Section 427"), part of a name ("Windows 10"), a street number, a year, or "one" used as a
pronoun. Each check reads a few characters either side of the number (the reaches are named in
``figures_patterns``); none scans the text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from annotations.highlight.figures_patterns import (
    MAX_COUNTED_WORDS,
    MINUS_REACH,
    MONTH_REACH,
    OPENER_REACH,
    PREV_WORD_REACH,
    QUALIFIER_REACH,
    Patterns,
)
from annotations.highlight.figures_vocabulary import Vocabulary

if TYPE_CHECKING:
    from annotations.highlight.figures_values import Amount

# Characters that end a sentence or open a quote before a capitalised number word.
_SENTENCE_BREAK = ".!?;\n\"“”'‘(["


def run_before(text: str, start: int, one_space: bool = False) -> str:
    """The characters up to the first space before ``start``, across spaces and tabs (across
    at most one with ``one_space``, and then within ``PREV_WORD_REACH`` of ``start``).

    A loop over the few characters of one word, where a ``$``-anchored regex search would try
    every position of its window. The look-behind patterns (qualifier, opener, month) are tried
    only when this run ends with one of their words: every text they match passes that test,
    so they decide exactly as before.
    """
    i = start
    if one_space:
        if i and text[i - 1] in " \t":
            i -= 1
        lo = max(0, start - PREV_WORD_REACH)
    else:
        while i and text[i - 1] in " \t":
            i -= 1
        lo = max(0, i - PREV_WORD_REACH)
    j = i
    while j > lo and not text[j - 1].isspace():
        j -= 1
    return text[j:i]


class Context:
    def __init__(self, v: Vocabulary, p: Patterns) -> None:
        self.v = v
        self.p = p
        self._qualifier_ends = tuple({form.split()[-1] for form in v.qualifier_of})
        self._opener_ends = tuple(w.lower() for w in v.range_openers)
        self._month_ends = tuple(v.months) + tuple(m + "." for m in v.months)

    def not_figure_end(self, text: str, s: int) -> int | None:
        """Where a date, time, phone number or list number starting at ``s`` ends, if it is one."""
        nm = self.p.not_figure_at.match(text, s)
        if nm is not None:
            return nm.end()
        if (
            run_before(text, s).endswith(self._month_ends)
            and self.p.month_before.search(text, max(0, s - MONTH_REACH), s) is not None
        ):
            dm = self.p.day_at.match(text, s)
            if dm is not None:
                return dm.end()
        return None

    def qualifier_before(self, text: str, start: int) -> re.Match | None:
        """ "more than", "some", "up to" ... written just before ``start``."""
        if not run_before(text, start).lower().endswith(self._qualifier_ends):
            return None
        return self.p.qualifier.search(text, max(0, start - QUALIFIER_REACH), start)

    def opener_before(self, text: str, start: int) -> re.Match | None:
        """ "between" or "from" just before a number that may open a range."""
        if not run_before(text, start).lower().endswith(self._opener_ends):
            return None
        return self.p.opener.search(text, max(0, start - OPENER_REACH), start)

    def minus_before(self, text: str, start: int) -> re.Match | None:
        """The word "minus" just before ``start`` ("minus 5 degrees")."""
        lo = max(0, start - MINUS_REACH)
        if "inus" not in text[lo:start].lower():
            return None
        return self.p.minus.search(text, lo, start)

    def prev_word(self, text: str, start: int) -> str | None:
        """The word just before ``start``, past at most one space or tab."""
        return run_before(text, start, one_space=True) or None

    def sentence_initial(self, text: str, start: int, colon: bool = True) -> bool:
        i = start - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        return i < 0 or text[i] in _SENTENCE_BREAK or colon and text[i] == ":"

    def street_or_next(self, text: str, end: int) -> str | None:
        """The word after a number, or None when a street name follows ("575 Wilbraham Road")."""
        nm = self.p.next_word.match(text, end)
        nxt = nm.group("w") if nm is not None else ""
        pos = end
        for _ in range(3):
            if nm is None or not nm.group("w")[:1].isupper():
                break
            if nm.group("w") in self.v.street:
                return None
            pos = nm.end()
            nm = self.p.next_word.match(text, pos)
        return nxt

    def one_counts(self, text: str, start: int, end: int) -> bool:
        """'one' counts something ("one of the students", "one area"), not a pronoun ("no one",
        "the one who") nor a way of singling a thing out ("one of the most dangerous regions")."""
        prev = (self.prev_word(text, start) or "").lower()
        if prev in self.v.not_one_after or prev.endswith(("'s", "’s")):
            return False
        nm = self.p.next_word.match(text, end)
        if nm is None:
            return False
        nxt = nm.group("w").lower()
        if nxt == "of":
            om = self.p.one_of.match(text, end)
            if om is not None:
                w = om.group("w").lower()
                superlative = len(w) > 4 and w.endswith("est") and w not in self.v.not_superlatives
                return not (superlative or w in self.v.one_of_superlatives)
            return True
        return nxt not in self.v.stop

    def is_figure(self, text: str, a: Amount) -> bool:
        """Whether a number read in digits counts something, given its neighbours."""
        s = a.start
        if a.word:
            return True
        if s >= 2 and text[s - 1] in "-–" and text[s - 2].isalpha():
            word = self.prev_word(text, s - 1) or ""
            if word.lower() not in self.v.sign_words:
                return False  # "TA-25", "COVID-19", "F-35"
        if s >= 1 and text[s - 1] == "#":
            return False  # "#1", "#10 seed": a rank (pounds were read as money before this)
        bare = not a.explicit_unit and not a.multiplied and not a.fraction
        if not bare:
            return True
        nxt = self.street_or_next(text, a.end)
        if nxt is None:
            return False  # "575 Wilbraham Road"
        prev = self.prev_word(text, s)
        if prev is not None:
            low = prev.lower()
            if low in self.v.id_cues or low.rstrip(".") in self.v.id_cues:
                return False
            if low not in self.v.qualifier_of and low not in self.v.stop:
                if any(c.isupper() or c in "&+" for c in prev[1:]):
                    return False  # "iPhone 11", "S&P 500"
                start = s - len(prev) - (text[s - 1] in " \t")
                if prev[:1].isupper() and not self.sentence_initial(text, start, colon=False):
                    return False  # "Section 427", "Windows 10", "Lang 20"
        digits = a.digits or ""
        if (
            len(digits) == 4
            and digits.isdigit()
            and not a.negative
            and self.v.year_low <= int(digits) <= self.v.year_high
        ):
            if self.qualifier_before(text, s) is not None:
                return True  # "an average of 1500"
            if (prev or "").lower() in self.v.year_preps:
                return False
            plural = nxt.islower() and nxt.endswith("s") and nxt not in self.v.stop
            return plural  # "1500 cars" counts; "2019 review" is a year
        return True

    def age_cued(self, text: str, start: int) -> bool:
        """An age cue word just before ``start``: "aged 54", "ages 18 to 24", "the age of 35"."""
        before = text[max(0, start - 8) : start].rstrip(" \t").lower()
        for cue in self.v.age_cues:
            if before.endswith(cue):
                i = len(before) - len(cue)
                if i == 0 or not before[i - 1].isalnum():
                    return True
        return False

    def age_in_apposition(self, text: str, a: Amount) -> bool:
        """A bare whole number set off by commas after a name: "Mr Doherty, 25, was arrested"."""
        s, e = a.start, a.end
        if a.digits is None or not a.digits.isdigit() or a.explicit_unit or a.multiplied:
            return False
        if not 0 < int(a.digits) < self.v.age_max or text[e : e + 1] != ",":
            return False
        if text[s - 2 : s] != ", ":
            return False
        name = self.prev_word(text, s - 2) or ""  # the word before the comma
        return len(name) > 1 and name[0].isupper() and name[1:].isalpha() and name[1:].islower()

    def counted(self, text: str, end: int) -> str | None:
        """The noun phrase a figure ending at ``end`` counts ("9,000 fatalities"), if any."""
        words: list[str] = []
        pos = end
        stop = self.v.stop
        while len(words) < MAX_COUNTED_WORDS:
            cm = (self.p.counted if not words else self.p.counted_next).match(text, pos)
            if cm is None:
                break
            w = cm.group("w")
            low = w.lower()
            if low in stop or (len(low) > 4 and low.endswith("ed")) or low.endswith("ly"):
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
