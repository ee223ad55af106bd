"""Articles whose text mostly repeats one already in the project (a wire story run again with a
new headline, a page saved twice with different furniture): MinHash over word 5-gram shingles,
found through an LSH index (datasketch).

The index holds only band hashes, not texts nor signatures (figures in
tests/benchmarks/bench_near_duplicates.py). A candidate it names is checked against that
article's text, read again from the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS, ROWS = 32, 4  # BANDS * ROWS == PERMUTATIONS
MAX_CHECKED = 5  # candidates read again and compared, at most, for one new article
# Estimated Jaccard similarity of the shingle sets at or above which an article is flagged.
# Measured on BBC News articles against copies with a new headline and 10-20% of the sentences
# cut, added or reworded (tests/benchmarks/bench_near_duplicates.py): copies score 0.55-0.95, different
# articles of the same section at most 0.06.
THRESHOLD = 0.5
_WORD = re.compile(r"\w+")
# Texts shorter than this many words are neither flagged nor indexed: in a headline, a post or a
# one-line record one changed word (a figure, a name) is another claim, not a repeat.
MIN_WORDS = 50


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode()
            for i in range(len(words) - SHINGLE_WORDS + 1)}  # fmt: skip


# MinHash draws its permutations from a seed on each construction; drawn once, they are shared.
_FIRST = MinHash(num_perm=PERMUTATIONS)
_PERMUTATIONS, _SCHEME = _FIRST.permutations, _FIRST.scheme


def long_enough(text: str) -> bool:
    return sum(1 for _ in islice(_WORD.finditer(text), MIN_WORDS)) >= MIN_WORDS


def signature(text: str) -> MinHash:
    m = MinHash(num_perm=PERMUTATIONS, permutations=_PERMUTATIONS, scheme=_SCHEME)
    m.update_batch(list(shingles(text)))
    return m


def similarity(a: str, b: str) -> float:
    return float(signature(a).jaccard(signature(b)))


class NearDuplicates:
    """An LSH index of texts by id; `repeats` names the indexed text a new one mostly repeats.

    Banding: BANDS bands of ROWS values each; a text sharing one whole band with another is a
    candidate (1 - (1 - s^4)^32: 87% at similarity 0.5, 99% at 0.6), then checked on its full
    signature. Each band keeps a dict from the band's hash to the ids holding it.
    """

    def __init__(self, text_of: Callable[[str], str], threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._text_of = text_of
        self._bands: list[dict[int, str | list[str]]] = [{} for _ in range(BANDS)]
        self._ids: set[str] = set()

    def __len__(self) -> int:
        return len(self._ids)

    def add_all(self, items: Iterable[tuple[str, str]]) -> None:
        for article_id, text in items:
            if long_enough(text):
                self._add(article_id, _band_keys(signature(text)))

    def _add(self, article_id: str, keys: list[int]) -> None:
        if article_id in self._ids:
            return
        self._ids.add(article_id)
        for band, key in zip(self._bands, keys, strict=True):
            held = band.get(key)
            if held is None:
                band[key] = article_id
            elif isinstance(held, str):
                band[key] = [held, article_id]
            else:
                held.append(article_id)

    def repeats(self, article_id: str, text: str) -> tuple[str, float] | None:
        """The indexed article `text` mostly repeats, with the similarity; then `text` is
        indexed under `article_id` too. A text shorter than MIN_WORDS words repeats nothing."""
        if not long_enough(text):
            return None
        sig = signature(text)
        keys = _band_keys(sig)
        shared: dict[str, int] = {}  # candidate -> bands in common
        for band, key in zip(self._bands, keys, strict=True):
            held = band.get(key)
            for other in [held] if isinstance(held, str) else held or ():
                shared[other] = shared.get(other, 0) + 1
        shared.pop(article_id, None)
        # Those sharing the most bands are the most similar: only they are read and checked.
        candidates = sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CHECKED]
        best: tuple[str, float] | None = None
        for other in candidates:
            score = float(np.mean(sig.hashvalues == signature(self._text_of(other)).hashvalues))
            if score >= self.threshold and (best is None or score > best[1]):
                best = (other, score)
        self._add(article_id, keys)
        return best


def _band_keys(sig: MinHash) -> list[int]:
    values = sig.hashvalues
    return [hash(values[i * ROWS : (i + 1) * ROWS].tobytes()) for i in range(BANDS)]
