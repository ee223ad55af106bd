"""The figure finder's compiled regular expressions, built from its vocabulary.

Why character patterns rather than token Matcher patterns: spaCy's tokenizer splits figures
inconsistently ("640bhp", "RM79" and "1.13bn" are one token, "£600m" three, "USD10m" two), so
token patterns would need a case per split. The two anchor scans find numbers in C (digits,
number words, currency prefixes); the other patterns are matched only at or just before an
anchor, so the cost stays linear in the text and small next to tokenising it.
"""

from __future__ import annotations

import re

from annotations.highlight.figures_vocabulary import Vocabulary, variants

# How far before a number each look-behind reads, in characters. A qualifier is at most
# "in excess of" or "no fewer than" plus spaces; an opener "between "; a currency "US $".
QUALIFIER_REACH = 24
OPENER_REACH = 12
MINUS_REACH = 8
CURRENCY_REACH = 5
MONTH_REACH = 11  # "September. "
PREV_WORD_REACH = 30
# How many words one spelled number may run to ("two hundred and forty-five thousand ...").
MAX_NUMBER_WORDS = 12
# How many words the noun a figure counts may run to ("public housing properties").
MAX_COUNTED_WORDS = 3


def trie_pattern(words) -> str:
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


def _cased(words) -> set[str]:
    return {v for w in words for v in (w, w.capitalize(), w.upper())}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class Patterns:
    """Every regex the finder matches, compiled once from a :class:`Vocabulary`."""

    def __init__(self, v: Vocabulary) -> None:
        digits = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+"
        number = rf"(?P<num>{digits})(?P<frac>/\d{{1,2}}(?![\d/]))?"
        uni = "".join(v.unicode_fractions)
        words = [*v.small, *v.tens, *v.scales, "dozen", *v.fold, *v.vague, "half"]
        cased = _cased(words)
        lead = {x for w in ["dozen", *v.scales, *v.fractions] for x in (w, w.upper())}
        # The anchor scans. The digit scans start with a character test that is their own first
        # step (no look-around before it), so the regex engine skips to candidate characters
        # in a tight C loop; the look-behinds come after that character and look back across it.
        # Numbers in digits, not after a digit or a decimal point, nor the second half of
        # "2-1", "24/7" (letters before digits are allowed here and checked for a currency or
        # a code later: "RM79", "USD10m", "G7").
        not_after = r"(?<![\d_.].)(?<!\d[-–/].)"
        first_digit = (
            rf"[\d.]{not_after}"
            r"(?:(?<=\.)\d+|(?<=\d)(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*)(?:\.\d+)?)"
        )
        self.digit = re.compile(
            rf"(?P<num>{first_digit})(?P<frac>/\d{{1,2}}(?![\d/]))?(?P<uni>(?!))?"
        )
        # "½", "¾": the same groups as a digit match, "num" and "frac" never set.
        self.unicode = re.compile(rf"(?P<uni>[{uni}]){not_after}(?P<num>(?!))?(?P<frac>(?!))?")
        self.number_at = re.compile(rf"{number}|(?P<uni>[{uni}])")
        # Number words, listed with their case variants (faster than IGNORECASE), and "a"/"an"
        # before a scale word or a fraction ("a million", "a third"). A character test on the
        # first letters lets the engine skip most positions quickly.
        word_body = (
            rf"(?P<word>{trie_pattern(cased)})(?![\w'’])"
            rf"|(?P<a>[Aa]n?)(?=[ \t]+(?:{trie_pattern(lead)})\b)"
        )
        firsts = re.escape("".join(sorted({w[0] for w in cased} | {"A", "a"})))
        self.word = re.compile(rf"\b(?=[{firsts}])(?:{word_body})")
        # The same at a given position (the second end of a range).
        self.word_at = re.compile(word_body)

        currency = trie_pattern(v.currency_prefix)
        self.currency_before = re.compile(rf"(?<![\w])(?P<cur>{currency})(?P<sp>[ \t]?)$")
        self.currency_at = re.compile(rf"(?:(?P<cur>{currency})[ \t]?)?(?P<neg>[-−](?=\.?\d))?")
        self.attached_mult = re.compile(rf"(?:{trie_pattern(v.attached_mult)})(?![A-Za-z])")
        spaced = {x for w in v.spaced_mult for x in (variants(w) | {w.capitalize()})}
        self.spaced_mult = re.compile(
            rf"(?:[ \t]+|[ \t]*-[ \t]*)(?P<m>{trie_pattern(spaced)})(?![A-Za-z])"
        )
        # "8 13/16", "58 1/4", "5-1/2": a whole number and a fraction read as one number.
        self.mixed_fraction = re.compile(r"(?:[ \t]|-)(?P<n>\d{1,2})/(?P<d>\d{1,2})(?![\d/])")
        self.suffix_attached = re.compile(rf"(?:{trie_pattern(v.suffix_attached)})(?![A-Za-z0-9])")
        self.suffix_spaced = re.compile(
            rf"(?:[ \t]?[-–][ \t]?|[ \t]+)(?P<u>{trie_pattern(v.suffix_spaced)})(?![A-Za-z0-9])"
        )
        # "half an hour", "half a day": a fraction of a duration.
        self.half_of_unit = re.compile(r"[ \t]+an?(?=[ \t])")
        self.word_step = re.compile(r"(?:[ \t]+|[ \t]*-[ \t]*)([A-Za-z]+)\b")
        vague_scales = _alternation(v.vague_scales)
        self.of_scale = re.compile(rf"[ \t]+of[ \t]+(?P<w>(?i:{vague_scales}))\b")
        self.qualifier = re.compile(rf"(?<![\w])(?P<q>(?i:{trie_pattern(v.qualifier_of)}))[ \t]*$")
        self.opener = re.compile(rf"(?<![\w])(?P<o>(?i:{_alternation(v.range_openers)}))[ \t]+$")
        self.minus = re.compile(r"(?<![\w])(?i:minus)[ \t]*-?[ \t]*$")
        self.prev_word = re.compile(r"(?P<w>[^\s]+)[ \t]?$")
        self.next_word = re.compile(r"[ \t]+(?P<w>[A-Za-z][\w'’-]*)")
        self.range = re.compile(
            rf"(?P<sp>[ \t]*)(?:(?P<dash>[-–—])|(?P<w>{_alternation(v.range_words)})\b-?)[ \t]*"
        )
        determiners = _alternation(v.counted_determiners)
        self.counted = re.compile(
            rf"[ \t]+(?:of[ \t]+(?:(?i:{determiners})[ \t]+)?)?(?P<w>[A-Za-z][A-Za-z'’-]*)"
        )
        self.counted_next = re.compile(r"[ \t]+(?P<w>[A-Za-z][A-Za-z'’-]*)")
        self.one_of = re.compile(
            rf"[ \t]+of[ \t]+(?:(?i:{determiners})[ \t]+)(?P<w>[A-Za-z][A-Za-z'’-]*)"
        )

        m = "|".join(sorted(v.months, key=len, reverse=True))
        day = r"\d{1,2}(?:st|nd|rd|th)?"
        days = rf"{day}(?:[ \t]*[-–][ \t]*{day})?"
        # Not figures, read from a number's first digit: dates, times, phones, list numbering.
        self.not_figure_at = re.compile(
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
        self.month_before = re.compile(rf"\b(?:{m})\.?[ \t]+$")
        self.day_at = re.compile(rf"{days}(?:,?[ \t]+\d{{4}})?(?![\d,.]\d)")
