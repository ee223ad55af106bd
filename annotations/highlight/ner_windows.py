"""Run a statistical ``ner`` only where the entity rules are unsure.

Behind the entity rules most of a news text is settled: dates, places and peoples from the
gazetteers, names after titles and first names, organisations by their cue words. What is left
are the rules' guesses: capitalised words no list, title or cue explains, which the rules would
call people. The rules defer those (``add_entity_rules(defer=True)``); this component cuts a few
tokens either side of each, runs the model's ``tok2vec`` and ``ner`` on those windows alone
(one excerpt per document, batched across documents) and copies back what it finds. The
fallback after it keeps the rules' guess wherever the model found nothing.

Measured on CoNLL-2003 dev with the bundled model (``python -m annotations.quality.ner``):
asking the model about the guesses alone scores as well as running it over every token (and
better than also asking it about every capitalised word the rules left bare), for a fraction
of the cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from annotations.highlight.doc_arrays import token_entities
from annotations.highlight.entities import WEAK_KEY

NER_WINDOWS = "factmark_ner_windows"
# Tokens either side of a guess. The model costs in proportion to the tokens it reads; with the
# model trained on five corpora, CoNLL-2003 dev overall F1 is 0.837 with 1 and 0.836 with 2, GUM
# held-out 0.657 and 0.653, and the windows cost a fifth less with 1.
WINDOW = 1
_NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})


class NerWindows:
    """Runs ``nlp``'s ``ner`` (after the ``tok2vec`` it listens to, if any) on windows."""

    def __init__(self, nlp: Language, window: int = WINDOW):
        names = nlp.pipe_names
        self.feeders = [nlp.get_pipe(n) for n in names[: names.index("ner")] if n == "tok2vec"]
        self.ner = nlp.get_pipe("ner")
        self.window = window
        self.strings = nlp.vocab.strings
        self.newline = self.strings.add("\n")

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            jobs: list[tuple[Doc, _Plan, np.ndarray, Doc]] = []
            for doc in batch:
                plan = self.plan(doc)
                if plan.windows:
                    jobs.append((doc, plan, *self._excerpt(doc, plan.windows)))
            if jobs:
                subs: Iterable[Doc] = [job[3] for job in jobs]
                for component in [*self.feeders, self.ner]:
                    if hasattr(component, "pipe"):
                        subs = component.pipe(subs, batch_size=batch_size)
                    else:
                        subs = map(component, subs)
                for (doc, plan, index, _), sub in zip(jobs, subs, strict=True):
                    _add_new(doc, plan.answers(index, sub))
            yield from batch

    def plan(self, doc: Doc) -> _Plan:
        """Which words to ask about, in which windows; a word met again in the same text is
        asked about once (one sense per discourse, as the rules' guesses are)."""
        plan = _Plan()
        kept = doc.user_data.get(WEAK_KEY)
        if kept is None or not (kept.guesses or kept.ask):
            return plan
        w, n = self.window, len(doc)
        for s, e in sorted([g[:2] for g in kept.guesses] + kept.ask):
            key = doc[s:e].text
            if key in plan.asked:
                plan.copies.append((s, e, key))
                continue
            plan.asked[key] = (s, e)
            s, e = max(0, s - w), min(n, e + w)
            if plan.windows and s <= plan.windows[-1][1]:
                plan.windows[-1] = (plan.windows[-1][0], max(e, plan.windows[-1][1]))
            else:
                plan.windows.append((s, e))
        return plan

    def _excerpt(self, doc: Doc, windows: list[tuple[int, int]]) -> tuple[np.ndarray, Doc]:
        """One doc of the windows' tokens (their entities preset), a line break between
        windows; and the index in ``doc`` of each of its tokens (-1 for the breaks)."""
        parts = []
        for start, end in windows:
            parts.append(np.arange(start, end))
            parts.append(np.array([-1]))
        index = np.concatenate(parts[:-1])
        arr = doc.to_array([ORTH, SPACY, ENT_IOB, ENT_TYPE])[index]
        breaks = index < 0
        arr[breaks] = (self.newline, 0, 2, 0)
        # A window may open inside an entity: its first token there begins it.
        joined = np.zeros(len(index), dtype=bool)
        joined[1:] = index[1:] == index[:-1] + 1
        arr[(arr[:, 2] == 1) & ~joined, 2] = 3
        strings = self.strings
        words = [strings[o] for o in arr[:, 0].tolist()]
        sub = Doc(doc.vocab, words=words, spaces=arr[:, 1].astype(bool).tolist())
        sub.from_array([ENT_IOB, ENT_TYPE], np.ascontiguousarray(arr[:, 2:]))
        return index, sub


@dataclass
class _Plan:
    windows: list[tuple[int, int]] = field(default_factory=list)
    asked: dict[str, tuple[int, int]] = field(default_factory=dict)  # word -> where asked
    copies: list[tuple[int, int, str]] = field(default_factory=list)  # the same word elsewhere

    def answers(self, index: np.ndarray, sub: Doc) -> list[tuple[int, int, str]]:
        """The model's entities in the excerpt, placed in the whole text, and the label it
        gave an asked word copied to that word's other places."""
        ents = []
        for e in sub.ents:
            if index[e.start : e.end].min() < 0:
                continue  # never across a break between windows
            if e.label_ in _NAMES and any(t.is_digit for t in e):
                continue  # "Somerset 4 Durham 2": a results table, read as one name
            ents.append((int(index[e.start]), int(index[e.end - 1]) + 1, e.label_))
        if self.copies:
            found = {(s, e): label for s, e, label in ents}
            for s, e, key in self.copies:
                label = found.get(self.asked[key])
                if label:
                    ents.append((s, e, label))
        return ents


def _add_new(doc: Doc, ents: list[tuple[int, int, str]]) -> None:
    """Set the entities among ``ents`` whose tokens carry none yet."""
    taken = bytearray(len(doc))
    for start, end, _ in token_entities(doc):
        taken[start:end] = b"\x01" * (end - start)
    new = []
    for s, e, label in sorted(set(ents)):
        if not any(taken[s:e]):
            taken[s:e] = b"\x01" * (e - s)
            new.append(Span(doc, s, e, label=label))
    if new:
        doc.set_ents(new, default="unmodified")


def use_ner_windows(nlp: Language, window: int = WINDOW) -> Language:
    """Replace the run of ``nlp``'s ``ner`` (and the ``tok2vec`` it listens to) over whole
    texts by a run over the windows the entity rules leave unsure. The rules must sit in front
    of ``ner``; the components stay in ``nlp`` (disabled), so the model is unchanged."""
    nlp.add_pipe(NER_WINDOWS, after="ner", config={"window": window})
    for name in ("tok2vec", "ner"):
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    return nlp


@Language.factory(
    NER_WINDOWS, default_config={"window": WINDOW}, requires=["doc.ents"], assigns=["doc.ents"]
)
def make_ner_windows(nlp: Language, name: str, window: int) -> NerWindows:
    return NerWindows(nlp, window)
