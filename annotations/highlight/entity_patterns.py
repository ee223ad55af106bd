"""Word shapes the entity rules read: capitals, acronyms, initials, sentence starts and lines in
headline case. Text and case only; what a word's neighbours say is in entity_context.py."""

from __future__ import annotations

import re

from annotations.highlight.entity_vocabulary import Lexicon, is_common

# Flags per distinct word (see EntityRules._describe).
CAP, UPPER, SPORTS, ANCHOR = 1, 2, 4, 8
ACRONYM_MAX = 6
DOTTED = re.compile(r"(?:[A-Z]\.){2,4}")
# A line is in headline case when at least this many words of HEADLINE_WORD_MIN letters or more
# are capitalised and none is in lower case (short words like "of", "on" may be).
HEADLINE_MIN_WORDS = 3
HEADLINE_WORD_MIN = 4
# More numbers than this make a line a table row, not a headline.
HEADLINE_MAX_NUMBERS = 1
# Tokens at a line's start that may be a date or time stamp rather than the headline.
HEADLINE_LEAD = 4
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


def headline_lines(words: list[str], cap_positions: list[int]) -> list[tuple[int, int]]:
    """Token ranges of the lines in headline case ("Blinken Meets Netanyahu With Focus on War
    Hostages"), where a capital says nothing of a name. Only lines with capitalised words are
    read, so a text without them costs nothing."""
    ranges: list[tuple[int, int]] = []
    n = len(words)
    done = -1
    for c in cap_positions:
        if c <= done:
            continue
        start = c
        while start > 0 and "\n" not in words[start - 1]:
            start -= 1
        end = c
        while end < n and "\n" not in words[end]:
            end += 1
        done = end
        # A stamp in front ("date 2023-11-03 Blinken Meets ...") is not the headline's.
        for k in range(start, min(end, start + HEADLINE_LEAD)):
            if any(ch.isdigit() for ch in words[k]):
                start = k + 1
        capital = numbers = 0
        for w in words[start + 1 : end]:  # the line's first word is capitalised anyway
            if w[:1].isdigit():
                numbers += 1
                if numbers > HEADLINE_MAX_NUMBERS:
                    break  # a results table: "Somerset 83 and 174, Leicestershire 296"
            if len(w) < HEADLINE_WORD_MIN or not w.isalpha():
                continue
            if w[0].isupper():
                capital += 1
            elif w not in _HEADLINE_SMALL:
                break
        else:
            if capital >= HEADLINE_MIN_WORDS:
                ranges.append((start, end))
    return ranges
