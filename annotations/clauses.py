"""The clause of a sentence that carries a figure: what a ClaimReview names as the claim.

Deliberately simple, by punctuation and a few words. A sentence is cut after `;` and after a
comma followed by a space (so `2,000` stays whole), and before a conjunction that opens a new
clause (and, but, or, nor, yet, while, whereas, although, though, because). A piece of fewer
than four words (`in 2004,`) joins its neighbour, so no claim is left without its verb. The
claim is the piece or pieces the figure touches, without an opening conjunction or the
punctuation that separated it.
"""

from __future__ import annotations

import re

_CUT_AFTER = re.compile(r"[;,](?=\s)")
_CUT_BEFORE = re.compile(r"(?<=\s)(?:and|but|or|nor|yet|while|whereas|although|though|because)\b")
_OPENING = re.compile(r"^(?:and|but|or|nor|yet|while|whereas|although|though|because)\b\s*")
_WORD = re.compile(r"\w+")
MIN_WORDS = 4


def clause_bounds(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """Offsets into `text` of the clause of `sentence` (its offsets) that holds start..end."""
    s0, e0 = sentence
    inside = text[s0:e0]
    cuts = sorted(
        {m.end() for m in _CUT_AFTER.finditer(inside)}
        | {m.start() for m in _CUT_BEFORE.finditer(inside)}
    )
    edges = [0, *(c for c in cuts if 0 < c < len(inside)), len(inside)]
    pieces = [[a, b] for a, b in zip(edges, edges[1:], strict=False)]
    merged: list[list[int]] = []
    for piece in pieces:
        if merged and _words(inside, merged[-1]) < MIN_WORDS:
            merged[-1][1] = piece[1]  # a short first piece takes the next one
        elif merged and _words(inside, piece) < MIN_WORDS:
            merged[-1][1] = piece[1]
        else:
            merged.append(piece)
    touched = [p for p in merged if p[0] < end - s0 and start - s0 < p[1]] or merged[:1]
    a, b = touched[0][0], touched[-1][1]
    clause = inside[a:b]
    lead = len(clause) - len(clause.lstrip())
    clause = clause.strip()
    opening = _OPENING.match(clause)
    if opening and s0 + a + lead + opening.end() <= start:
        lead += opening.end()
        clause = clause[opening.end() :]
    clause = clause.rstrip(",;: \t\n")
    first = s0 + a + lead
    return min(first, start), max(first + len(clause), end)


def _words(text: str, piece: list[int]) -> int:
    return len(_WORD.findall(text[piece[0] : piece[1]]))
