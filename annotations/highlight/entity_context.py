"""Context checks of the entity rules: what the words around a name say it is.

A name's neighbours decide between a place, a person and an organisation: "in Arbil" is a place,
"told Interfax" an organisation; in a sports report "Leicestershire beat Somerset" names two
teams; "shares of Santa Fe", "Surrey captain" and "Petofi's board" name companies and clubs
that carry a place's name. The windows read are named constants below.
"""

from __future__ import annotations

from annotations.highlight.entity_vocabulary import Lexicon

# Tokens read either side of a name for a cue word (a possessive "'s" is stepped over).
CUE_WINDOW = 1
# Tokens of a multi-word cue before a name ("shares of") or after it ("said in a statement").
PHRASE_WINDOW = 4
# Spaces skipped between a team's name and its score ("Surrey  429-7"); a line break ends it.
SCORE_GAP = 3
# Tokens inside the bracketed code after a team's name ("Mladost (BJ)").
CODE_MAX = 3
# Letters a team's nickname has at least.
NICKNAME_MIN = 3
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def word_before(words: list[str], i: int) -> str:
    """The word before a name, past spaces; a line break is no word ("...,\nLondon)")."""
    k = i - CUE_WINDOW
    while k >= 0 and words[k].isspace():
        if "\n" in words[k]:
            return "\n"
        k -= 1
    return words[k].lower() if k >= 0 else ""


def word_after(words: list[str], j: int) -> str:
    """The word after a name, past its possessive: "Nice's home defeat" -> "home"."""
    k = j + CUE_WINDOW - 1
    if k < len(words) and words[k] in _POSSESSIVE:
        k += 1
    return words[k].lower() if k < len(words) else ""


def guess_cue(lex: Lexicon, words: list[str], i: int, j: int) -> str | None:
    """The label the neighbours of an unknown name give it, if any."""
    ctx = lex.context
    cue = ctx.guess_by_previous.get(word_before(words, i))
    if cue is None:
        cue = ctx.guess_by_next.get(word_after(words, j))
    if cue is None and (company_phrase_before(lex, words, i) or statement_after(lex, words, j)):
        cue = "ORG"
    return cue


def modifies_noun(words: list[str], j: int) -> bool:
    """A lower-case noun follows the name ("in Haredi neighborhood", "in Rafah area"): the
    name may be a place or a people's word, so a place cue before it is not sure."""
    k = j
    while k < len(words) and words[k].isspace() and "\n" not in words[k]:
        k += 1
    return k < len(words) and words[k].isalpha() and words[k].islower() and len(words[k]) > 3


def company_phrase_before(lex: Lexicon, words: list[str], i: int) -> bool:
    """ "shares of Santa Fe", "a stake in Norilsk", "division side Nice"."""
    ctx = lex.context
    if i == 0 or words[i - 1].lower() not in ctx.company_before_last:
        return False  # the common case, decided by one look-up
    before = tuple(w.lower() for w in words[max(0, i - PHRASE_WINDOW) : i])
    return any(before[-len(p) :] == p for p in ctx.company_before if len(p) <= len(before))


def statement_after(lex: Lexicon, words: list[str], j: int) -> bool:
    """ "Barrick said in a statement", "Bre-X shares fell"."""
    ctx = lex.context
    if j >= len(words) or words[j].lower() not in ctx.statement_after_first:
        return False
    after = tuple(w.lower() for w in words[j : j + PHRASE_WINDOW + 1] if not w.isspace())
    return any(after[: len(p)] == p for p in ctx.statement_after)


def company_named_after_place(lex: Lexicon, words: list[str], i: int, j: int) -> bool:
    """A place's name used as a club's or a company's, wherever the text is: "Surrey captain
    Chris Lewis", "Petofi's board", "shares of Santa Fe"."""
    return (
        word_after(words, j) in lex.context.company_after
        or company_phrase_before(lex, words, i)
        or statement_after(lex, words, j)
    )


def team_in_report(lex: Lexicon, words: list[str], i: int, j: int) -> bool:
    """In a sports report: the name beside a team cue ("beat Somerset", "Kent had reached")."""
    ctx = lex.context
    return word_before(words, i) in ctx.team_before or word_after(words, j) in ctx.team_after


def scored(words: list[str], e: int) -> bool:
    """A score follows token e: "Surrey 429-7", "Somerset 4"."""
    n = len(words)
    limit = e + SCORE_GAP
    while e < n and e < limit and words[e].isspace() and "\n" not in words[e]:
        e += 1
    return e < n and words[e][:1].isdigit() and words[e].replace("-", "").isdigit()


def past_code(words: list[str], e: int) -> int:
    """Past a short bracketed code after a team's name: "Mladost (L) 2" -> at "2"."""
    k = e
    while k < len(words) and words[k].isspace() and "\n" not in words[k]:
        k += 1
    if k < len(words) and words[k] == "(":
        close = k + 1
        while close < len(words) and close <= k + CODE_MAX and words[close] != ")":
            close += 1
        if close < len(words) and words[close] == ")":
            return close + 1
    return e


def nickname(words: list[str], i: int) -> bool:
    """ "the" and a plural, capitalised mid-sentence in a sports report: a team's nickname
    ("the Braves", "the Springboks"); not "World Series", "Extras 12" or "Tiger Woods"."""
    word = words[i]
    return (
        len(word) > NICKNAME_MIN
        and word.endswith("s")
        and not word.endswith("ss")
        and word_before(words, i) == "the"
    )


def dateline(words: list[str], i: int, j: int) -> bool:
    """ "LONDON 1996-08-30" at a line's start: the place a report was filed from."""
    if (i and "\n" not in words[i - 1]) or not words[i].isupper():
        return False
    while j < len(words) and words[j].isspace():
        j += 1
    if j >= len(words) or not words[j][:1].isdigit():
        return False
    return "-" in words[j] or (j + 1 < len(words) and words[j + 1] in ("-", "/"))


def place_with_company_word(lex: Lexicon, words: list[str], places: list[tuple[int, int]],
                            i: int, j: int) -> bool:  # fmt: skip
    """A run that is a place's name and ordinary capitalised words beside it that no place
    takes ("Air France", "China Steel", "Manitoba Pork"): an organisation named after it.
    Directions and kinds of place ("Central London", "Gaza City") keep it a place."""
    inside = [k for s, e in places for k in range(s, e)]
    rest = [k for k in range(i, j) if k not in inside]
    if not rest or len(places) != 1:
        return False
    ctx = lex.context
    return all(
        words[k].isalpha()
        and words[k][:1].isupper()
        and words[k].lower() not in ctx.place_modifiers
        and words[k].lower() not in ctx.connectors
        for k in rest
    )
