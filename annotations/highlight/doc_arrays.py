"""A doc's text and entities read from its token arrays, without making a Token or Span per item.

``doc.text`` and ``doc.ents`` build one Python object per token or entity; on a news article
each costs more than tokenising it, so the components and the span conversion read these instead.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, ORTH, SPACY
from spacy.tokens import Doc

# orth id -> word. Orth ids are hashes of the string itself, so one table serves every vocab.
_WORDS: dict[int, str] = {}
_WORDS_MAX = 500_000
_SPACES = ("", " ")
# doc.user_data key for the text a doc was made from, when its maker kept it (the highlighter
# does). Retokenising never changes a doc's text, so the kept text stays true.
TEXT_KEY = "factmark_text"
# doc.user_data key for entity_offsets(doc) as the last component (figures) left them.
ENTS_KEY = "factmark_ents"


def words_of(doc: Doc, orths: list[int]) -> list[str]:
    """The token texts for ``orths`` (a doc's ORTH column as a list)."""
    try:
        return list(map(_WORDS.__getitem__, orths))
    except KeyError:  # new words: learn them (testing each result for a miss costs more)
        strings = doc.vocab.strings
        if len(_WORDS) > _WORDS_MAX:
            _WORDS.clear()
        for orth in orths:
            if orth not in _WORDS:
                _WORDS[orth] = strings[orth]
        return list(map(_WORDS.__getitem__, orths))


def doc_text(doc: Doc) -> str:
    """``doc.text``: as kept by the doc's maker, else built from the ORTH and SPACY columns."""
    kept = doc.user_data.get(TEXT_KEY)
    if kept is not None:
        return kept
    if not len(doc):
        return ""
    arr = doc.to_array([ORTH, SPACY])
    words = words_of(doc, arr[:, 0].tolist())
    spaces = map(_SPACES.__getitem__, arr[:, 1].tolist())
    return "".join([w + s for w, s in zip(words, spaces, strict=True)])


def entity_offsets(doc: Doc) -> list[tuple[int, int, str]]:
    """``[(e.start_char, e.end_char, e.label_) for e in doc.ents]``."""
    if not len(doc):
        return []
    arr = doc.to_array([ENT_IOB, ENT_TYPE, IDX, LENGTH])
    iob = arr[:, 0]
    inside = (iob == 1) | (iob == 3)
    if not inside.any():
        return []
    types = arr[:, 1]
    # An entity starts at a B token, or at an I token whose type differs from the one before
    # (spaCy's own reading of a malformed I after O or after another type).
    prev_type = np.empty_like(types)
    prev_type[0] = 0
    prev_type[1:] = np.where(inside[:-1], types[:-1], 0)
    start = inside & ((iob == 3) | (types != prev_type))
    starts = np.flatnonzero(start)
    # An entity runs to the next start or to the first token outside, else to the doc's end.
    boundary = np.flatnonzero(start | ~inside)
    after = np.searchsorted(boundary, starts, side="right")
    ends = np.where(
        after < len(boundary), boundary[np.minimum(after, len(boundary) - 1)], len(iob)
    )
    idx, length = arr[:, 2], arr[:, 3]
    start_chars = idx[starts].tolist()
    end_chars = (idx[ends - 1] + length[ends - 1]).tolist()
    labels = words_of(doc, types[starts].tolist())
    return list(zip(start_chars, end_chars, labels, strict=True))
