"""What a person types into a search box, as a full-text (FTS5) query."""

import re
import unicodedata

# The index uses FTS5's unicode61 tokenizer: a token is a run of letters and digits. Its
# detail=none mode refuses phrase queries, and "1,400" quoted whole is a phrase of two
# tokens, so the query is built from the tokenizer's own tokens, each quoted (so that AND,
# NEAR, *, - or " typed by a person are words, not syntax), all required.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """A search box's words as an FTS5 query: every token must match, the last one as a prefix.

    None when nothing searchable was typed (only punctuation): the list is then not filtered.
    """
    tokens = _TOKEN.findall(unicodedata.normalize("NFKC", text or ""))
    if not tokens:
        return None
    quoted = [f'"{t}"' for t in tokens]
    if (text or "").rstrip()[-1:].isalnum():
        quoted[-1] += "*"
    return " AND ".join(quoted)


def like_patterns(text: str) -> list[str]:
    """The same tokens as LIKE patterns: a text holding every one matches (ASCII case folded).

    A token is letters and digits only, so it never holds LIKE's `%` or `_`.
    """
    return [f"%{t}%" for t in _TOKEN.findall(unicodedata.normalize("NFKC", text or ""))]
