"""A doc's text and entities read from its token arrays, without making a Token or Span per item.

``doc.text`` and ``doc.ents`` build one Python object per token or entity; on a news article
each costs more than tokenising it, so the components and the span conversion read these instead.
"""

from __future__ import annotations

from collections.abc import Callable

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
# doc.user_data key for (the doc's [ENT_IOB, ENT_TYPE] array, its entity_offsets) as a
# component that set them left them; kept only on the highlighter's own docs.
ENTS_KEY = "factmark_ents"
# doc.user_data key for (doc._.figures, the same figures as Figure objects), so the
# highlighter does not rebuild them from plain dicts.
FIGURES_KEY = "factmark_figures"
# The same for doc._.durations: the DATE and TIME entities the figure finder gave a value.
DURATIONS_KEY = "factmark_durations"


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
    kept = doc.user_data.get(ENTS_KEY)
    if kept is not None:
        if np.array_equal(doc.to_array([ENT_IOB, ENT_TYPE]), kept[0]):
            return list(kept[1])
        del doc.user_data[ENTS_KEY]  # a later component changed them
    arr = doc.to_array([ENT_IOB, ENT_TYPE, IDX, LENGTH])
    starts, ends = _entity_bounds(arr)
    if not len(starts):
        return []
    last = ends - 1
    start_chars = arr[starts, 2].tolist()
    end_chars = (arr[last, 2] + arr[last, 3]).tolist()
    labels = words_of(doc, arr[starts, 1].tolist())
    return list(zip(start_chars, end_chars, labels, strict=True))


def token_entities(doc: Doc) -> list[tuple[int, int, int]]:
    """``[(e.start, e.end, e.label) for e in doc.ents]`` from the token arrays (no Span objects)."""
    arr = doc.to_array([ENT_IOB, ENT_TYPE])
    starts, ends = _entity_bounds(arr)
    return list(zip(starts.tolist(), ends.tolist(), arr[starts, 1].tolist(), strict=True))


def _entity_bounds(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Token starts and ends of the entities in an array whose first columns are ENT_IOB and
    ENT_TYPE, as doc.ents reads them: an entity starts at a B token with a label and runs up to
    the next token that is not I."""
    iob = arr[:, 0]
    starts = np.flatnonzero((iob == 3) & (arr[:, 1] != 0))
    stops = np.append(np.flatnonzero(iob != 1), len(iob))
    return starts, stops[np.searchsorted(stops, starts, side="right")]


class WordTable:
    """Per-word values looked up for a whole doc at once, in numpy.

    A dict look-up per token costs a cache miss or two on a large vocabulary; here the known
    orth ids sit in one sorted array, so a doc's look-up is one ``searchsorted``. Words met
    for the first time are described by ``describe(text) -> (flags, mask)`` and kept aside
    until enough have gathered to merge them in (the merge sorts, so it is amortised).
    """

    MAX_WORDS = 1_000_000

    def __init__(self, describe: Callable[[str], tuple[int, int]]) -> None:
        self.describe = describe
        self._clear()

    def _clear(self) -> None:
        self.keys = np.empty(0, dtype=np.uint64)
        self.flags = np.empty(0, dtype=np.uint8)
        self.masks = np.empty(0, dtype=np.uint64)
        self.words = np.empty(0, dtype=object)
        self.fresh: dict[int, tuple[int, int, str]] = {}

    def rows(self, doc: Doc, orths: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """(flags, masks, words) of each token of ``doc``, whose ORTH column is ``orths``."""
        keys = self.keys
        if len(keys):
            pos = np.searchsorted(keys, orths)
            np.minimum(pos, len(keys) - 1, out=pos)
            hit = keys[pos] == orths
            if hit.all():
                return self.flags[pos], self.masks[pos], self.words[pos].tolist()
            missing = np.flatnonzero(~hit).tolist()
        else:
            pos = np.zeros(len(orths), dtype=np.intp)
            missing = range(len(orths))
        fresh = self.fresh
        strings = doc.vocab.strings
        miss_orths = orths[missing].tolist() if len(keys) else orths.tolist()
        for orth in miss_orths:
            if orth not in fresh:
                text = strings[orth]
                fresh[orth] = (*self.describe(text), text)
        if len(fresh) > max(1024, len(keys) // 8):
            self._merge()
            return self.rows(doc, orths)
        flags = self.flags[pos] if len(keys) else np.zeros(len(orths), dtype=np.uint8)
        masks = self.masks[pos] if len(keys) else np.zeros(len(orths), dtype=np.uint64)
        words = self.words[pos].tolist() if len(keys) else [""] * len(orths)
        for i, orth in zip(missing, miss_orths, strict=True):
            flags[i], masks[i], words[i] = fresh[orth]
        return flags, masks, words

    def _merge(self) -> None:
        if len(self.keys) + len(self.fresh) > self.MAX_WORDS:
            self._clear()
            return
        fresh = self.fresh
        keys = np.concatenate([self.keys, np.fromiter(fresh, dtype=np.uint64, count=len(fresh))])
        flags = np.concatenate([self.flags, np.array([v[0] for v in fresh.values()], np.uint8)])
        masks = np.concatenate([self.masks, np.array([v[1] for v in fresh.values()], np.uint64)])
        new_words = np.empty(len(fresh), dtype=object)
        new_words[:] = [v[2] for v in fresh.values()]
        words = np.concatenate([self.words, new_words])
        order = np.argsort(keys, kind="stable")
        self.keys, self.flags, self.masks, self.words = (
            keys[order],
            flags[order],
            masks[order],
            words[order],
        )
        self.fresh = {}
