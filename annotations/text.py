"""Light text helpers shared by the window and the exporters: sentences and tokens, without spaCy.

Offsets are Python code points, as everywhere in the core.
"""

from __future__ import annotations

import re

from annotations.store import nudge_offsets, token_offsets, trim_offsets

__all__ = [
    "nudge_offsets",
    "sentence_bounds",
    "sentence_of",
    "sentences",
    "token_offsets",
    "trim_offsets",
]

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
