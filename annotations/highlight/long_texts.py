"""Cut a text too long for one spaCy doc into pieces on paragraph, line, sentence or word
boundaries, so that an article of any length is highlighted (spaCy refuses a text over
``nlp.max_length`` with E088, and needs memory in proportion to the text)."""

from __future__ import annotations

import re

# Pieces of a long text are at most this many characters.
PIECE_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def pieces(text: str, limit: int, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """``[(offset, piece)]`` covering ``text`` in order: the text whole when it is at most
    ``limit`` characters, else pieces of at most ``min(size, limit)`` characters."""
    if len(text) <= limit:
        return [(0, text)]
    size = max(1, min(size, limit))
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


def _cut(text: str, start: int, end: int) -> int:
    """Where to end the piece ``text[start:end]``: after the last paragraph break, line break,
    sentence end or space in its second half, else at ``end``."""
    low = start + (end - start) // 2
    for sep in ("\n\n", "\n"):
        i = text.rfind(sep, low, end)
        if i >= 0:
            return i + len(sep)
    for pattern in (_SENTENCE_END, _SPACE):
        last = None
        for last in pattern.finditer(text, low, end):  # noqa: B007 - the last match is wanted
            pass
        if last is not None:
            return last.end()
    return end
