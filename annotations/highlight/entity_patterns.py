"""Word shapes the entity rules read: capitals, acronyms, initials, sentence starts and lines in
headline case. Text and case only; what a word's neighbours say is in entity_context.py."""

from __future__ import annotations

import re

import numpy as np

from annotations.highlight.entity_vocabulary import Lexicon, is_common

# Flags per distinct word (see EntityRules._describe); the next three count headline lines.
CAP, UPPER, SPORTS, ANCHOR = 1, 2, 4, 8
NEWLINE, LOWER_WORD, CAP_WORD, BUSINESS = 16, 32, 64, 128
ACRONYM_MAX = 6
DOTTED = re.compile(r"(?:[A-Z]\.){2,4}")
# A line is in headline case when at least this many words of HEADLINE_WORD_MIN letters or more
# are capitalised and none is in lower case (short words like "of", "on" may be).
HEADLINE_MIN_WORDS = 3
HEADLINE_WORD_MIN = 4
# More numbers than this make a line a table row, not a headline.
HEADLINE_MAX_NUMBERS = 1
# Tokens at a line's start that may be a date or time stamp rather than the headline.
HEADLINE_LEAD = 8
# Lower-case words of four letters or more that headline style may leave small.
_HEADLINE_SMALL = frozenset("with from into over than that upon onto amid near".split())


_DEMONYM_END = re.compile(r"[a-z](?:i|ese|ian|ians|ish|is)$")


def demonym_shaped(word: str) -> bool:
    """Shaped like a people's or a faith's word ("Haredi", "Houthi", "Yazidis"), which before
    a noun is more often that than a place ("in Haredi neighborhood")."""
    return bool(_DEMONYM_END.search(word))


def word_flags(text: str, lex: Lexicon | None) -> int:
    flags = 0
    if lex is not None:
        if text[:1].isupper() and text not in lex.stop_initial:
            flags |= CAP
        if text.isupper() and len(text) > 1 and text.isalpha():
            flags |= UPPER
        if text in lex.sports_words:
            flags |= SPORTS
        if text in lex.context.business_words:
            flags |= BUSINESS
        if "\n" in text:
            flags |= NEWLINE
        elif len(text) >= HEADLINE_WORD_MIN and text.isalpha():
            if text[0].isupper():
                flags |= CAP_WORD
            elif text not in _HEADLINE_SMALL:
                flags |= LOWER_WORD
    return flags


def is_initial(word: str) -> bool:
    """ "J." in "J. Smith"."""
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def is_acronym(lex: Lexicon, w: str) -> bool:
    if DOTTED.fullmatch(w):
        return True  # "U.N.", "E.U."
    if not (w.isupper() and w.isalpha() and 2 <= len(w) <= ACRONYM_MAX):
        return False
    return len(w) <= 3 or not is_common(lex, w)


def is_shouted_name(lex: Lexicon, w: str) -> bool:
    """A lone word in capitals that is no English word: "REUTERS", "NATO"."""
    return w.isupper() and w.isalpha() and len(w) > 1 and not is_common(lex, w)


class SentenceStarts:
    """Whether token i starts a sentence, worked out only for the tokens that ask."""

    def __init__(self, words: list[str], sentence_end: frozenset[str]):
        self.words = words
        self.sentence_end = sentence_end

    def __getitem__(self, i: int) -> bool:
        words = self.words
        k = i - 1
        while k >= 0 and words[k].isspace():
            if "\n" in words[k]:
                return True
            k -= 1
        return k < 0 or words[k] in self.sentence_end


def headline_lines(words: list[str], flags: np.ndarray) -> list[tuple[int, int]]:
    """Token ranges of the lines in headline case ("Blinken Meets Netanyahu With Focus on War
    Hostages"), where a capital says nothing of a name. Counted per line with numpy from the
    word flags; only the few lines that may be headlines are read word by word."""
    if not (flags & CAP_WORD).any():
        return []
    line = np.cumsum((flags & NEWLINE) > 0)
    count = len(line) and int(line[-1]) + 1

    def per_line(bit: int) -> np.ndarray:
        return np.bincount(line, weights=(flags & bit) > 0, minlength=count)

    # A stamp in front may hold a lower-case word ("date 2023-11-03 ...").
    maybe = (per_line(LOWER_WORD) <= 1) & (per_line(CAP_WORD) >= HEADLINE_MIN_WORDS)
    ranges = []
    for k in np.flatnonzero(maybe).tolist():
        start = int(np.searchsorted(line, k))
        end = int(np.searchsorted(line, k, side="right"))
        if start < end and "\n" in words[start]:
            start += 1  # the line break that opens the line
        if _in_headline_case(words, start, end):
            ranges.append((start, end))
    return ranges


def _in_headline_case(words: list[str], start: int, end: int) -> bool:
    # A stamp in front ("date 2023-11-03 Blinken Meets ...") is not the headline's.
    stamp = start
    for k in range(start, min(end, start + HEADLINE_LEAD)):
        w = words[k]
        if w[:1].isdigit():
            stamp = k + 1
        elif not (w.isspace() or w.islower() or not w.isalnum()):
            break
    start = stamp
    while start < end and words[start].isspace():
        start += 1
    capital = numbers = 0
    for w in words[start + 1 : end]:  # the line's first word is capitalised anyway
        if w[:1].isdigit():
            numbers += 1
            if numbers > HEADLINE_MAX_NUMBERS:
                return False  # a results table: "Somerset 83 and 174, Leicestershire 296"
        if len(w) < HEADLINE_WORD_MIN or not w.isalpha():
            continue
        if w[0].isupper():
            capital += 1
        elif w not in _HEADLINE_SMALL:
            return False
    return capital >= HEADLINE_MIN_WORDS
