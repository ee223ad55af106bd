"""Light text helpers shared by the window and the exporters: sentences and tokens, without spaCy.

Offsets are Python code points, as everywhere in the core.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

__all__ = [
    "moved_offsets",
    "nudge_offsets",
    "sentence_bounds",
    "sentence_of",
    "sentences",
    "token_offsets",
    "trim_offsets",
]


def token_offsets(text: str) -> list[tuple[int, int]]:
    """Word and punctuation tokens as (start, end) code-point offsets. Cheap; no spaCy."""
    return [m.span() for m in _TOKEN_RE.finditer(text)]


_TOKEN_RE = re.compile(r"\w+(?:[.,'’-]\w+)*|[^\w\s]", re.UNICODE)


def trim_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets with surrounding white space removed."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def nudge_offsets(text: str, start: int, end: int, edge: str, direction: int) -> tuple[int, int]:
    """Move one edge of [start, end) to the next token boundary in `direction` (+1 or -1)."""
    toks = token_offsets(text)
    if edge == "start":
        starts = [a for a, _ in toks]
        if direction < 0:
            cands = [a for a in starts if a < start]
            return (cands[-1] if cands else start), end
        cands = [a for a in starts if start < a < end]
        return (cands[0] if cands else start), end
    ends = [b for _, b in toks]
    if direction > 0:
        cands = [b for b in ends if b > end]
        return start, (cands[0] if cands else end)
    cands = [b for b in ends if start < b < end]
    return start, (cands[-1] if cands else end)


# A sentence ends at . ! ? (and closing quotes) before white space and a capital, digit or quote,
# unless the word before the stop is a short abbreviation (U.S., Mr., Oct.), and at blank lines.
_END = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)""")
_ABBREV = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|No|vs|etc|Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, white space trimmed, covering the text in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        before = text[start : m.start()]
        if _ABBREV.search(before.rstrip("\"'”’)]")) and "\n" not in m.group(0):
            continue
        s, e = trim_offsets(text, start, m.start())
        if e > s:
            out.append((s, e))
        start = m.end()
    s, e = trim_offsets(text, start, len(text))
    if e > s:
        out.append((s, e))
    return out


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) holding [start, end)."""
    spans = sentences(text)
    first = next((s for s, e in spans if e > start), start)
    last = next((e for s, e in reversed(spans) if s < end), end)
    return min(first, start), max(last, end)


def sentence_of(text: str, start: int, end: int) -> str:
    s, e = sentence_bounds(text, start, end)
    return text[s:e]


def moved_offsets(old: str, new: str, spans: list[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """Where each (start, end) of `old` is in `new`, following the text as it was edited (an
    alignment of the two texts, not a search for the words), or None where the edit changed it."""
    blocks = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()

    def at(p: int) -> int | None:
        for a, b, size in blocks:
            if a <= p < a + size:
                return b + p - a
        return None

    out: list[tuple[int, int] | None] = []
    for start, end in spans:
        s, last = at(start), at(end - 1)
        ok = s is not None and last is not None and new[s : last + 1] == old[start:end]
        out.append((s, last + 1) if ok else None)
    return out
