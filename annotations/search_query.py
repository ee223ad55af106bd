"""What a person types into a search box, as a full-text (FTS5) query."""

import re
import unicodedata

# The index uses FTS5's unicode61 tokenizer: a token is a run of letters and digits, so "1,400"
# is the two tokens 1 and 400. The index keeps positions (detail=full), so each typed word is
# searched as the phrase of its tokens ("1,400" finds "1,400", not "1 of 400"), and words typed
# between double quotes as one phrase. Every token is quoted, so AND, NEAR, *, - or ( typed by a
# person are words, not syntax; all the phrases are required.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_QUOTED = re.compile(r'"([^"]*)"|([^\s"]+)')


def fts_query(text: str) -> str | None:
    """A search box's words as an FTS5 query: every word (or "quoted phrase") must match as a
    phrase, the last one as a prefix unless the text ends in a space or punctuation.

    None when nothing searchable was typed (only punctuation): the list is then not filtered.
    """
    typed = unicodedata.normalize("NFKC", text or "")
    phrases = []
    for m in _QUOTED.finditer(typed):
        tokens = _TOKEN.findall(m.group(1) if m.group(1) is not None else m.group(2))
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    if not phrases:
        return None
    if typed.rstrip()[-1:].isalnum():
        phrases[-1] += "*"
    return " AND ".join(phrases)


def like_patterns(text: str) -> list[str]:
    """The same tokens as LIKE patterns: a text holding every one matches (ASCII case folded).

    A token is letters and digits only, so it never holds LIKE's `%` or `_`.
    """
    return [f"%{t}%" for t in _TOKEN.findall(unicodedata.normalize("NFKC", text or ""))]
