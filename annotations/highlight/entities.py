"""Entity highlighting by rules: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, DATE and TIME.

Works on a blank English pipeline (token text, case and position only). Dates and times come
from Matcher patterns in resources/entities/dates.jsonl; names come from runs of capitalised
tokens (entity_finder.py), sorted by the words around them (entity_context.py, cue words in
cues.json and context.json) and by gazetteers generated from data packages (entity_vocabulary.py,
entity_gazetteer.py). A statistical ``ner`` placed after these rules keeps their entities and
fills in the rest. This module is the spaCy component and its wiring.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from annotations.highlight.doc_arrays import ENTS_KEY, TEXT_KEY, WordTable, token_entities
from annotations.highlight.entity_dates import DatePatterns
from annotations.highlight.entity_finder import NameFinder
from annotations.highlight.entity_patterns import ANCHOR, word_flags
from annotations.highlight.entity_vocabulary import date_patterns, lexicon

ENTITY_RULES = "factmark_entities"
ENTITY_FALLBACK = "factmark_entity_fallback"
WEAK_KEY = "factmark_weak_ents"
RULE_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TIME")
DATE_LABELS = frozenset({"DATE", "TIME"})


@dataclass(frozen=True)
class Deferred:
    """What rules in front of a statistical ``ner`` leave to it (in ``doc.user_data``)."""

    guesses: list[tuple[int, int, str]]  # the rules' unsupported guesses (token spans)
    dates: set[tuple[int, int]]  # the rules' dates and times: the model's others are dropped
    ask: list[tuple[int, int]]  # words left bare that the model may name ("UN", a first word)


class EntityRules:
    """The spaCy component: sets doc.ents from date patterns and capitalised-name rules."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        labels: list[str] | None,
        overwrite: bool,
        defer: bool = False,
    ):
        self.name = name
        self.defer = defer
        self.labels = frozenset(labels) if labels else frozenset(RULE_LABELS)
        unknown = self.labels - set(RULE_LABELS)
        if unknown:
            raise ValueError(f"entity rules cannot find {sorted(unknown)}; use {RULE_LABELS}")
        self.overwrite = overwrite
        self.lex = lexicon() if self.labels - DATE_LABELS else None
        self.dates = DatePatterns(p for p in date_patterns() if p["label"] in self.labels)
        self.strings = nlp.vocab.strings
        # Per distinct word, worked out once per process: rule flags and date-spec bits.
        self.table = WordTable(self._describe)
        self.run_cache: dict = {}
        self.label_ids: dict[str, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # Per-token work is array look-ups, then numpy: this component must cost less than
        # the tokenizer itself.
        orths_idx = doc.to_array([ORTH, IDX])
        flags, masks, words = self.table.rows(doc, orths_idx[:, 0])
        found = []
        deferred: list[tuple[int, int, str]] = []
        ask: list[tuple[int, int]] = []
        if self.dates.patterns:
            anchors = np.flatnonzero(flags & ANCHOR).tolist()
            if anchors:
                found = self.dates.find(masks, anchors)
        if self.lex is not None:
            taken = bytearray(len(doc))
            for s, e, _ in found:
                taken[s:e] = b"\x01" * (e - s)
            finder = NameFinder(self.lex, words, flags, taken, self.run_cache)
            found += finder.find()
            if self.defer and finder.weak:
                # Guesses no evidence backs: leave their tokens to the statistical ner, and
                # to the fallback after it where the ner finds nothing there.
                weak = finder.weak
                deferred = [f for f in found if f[:2] in weak and f[2] in self.labels]
                found = [f for f in found if f[:2] not in weak]
            ask = finder.ask
        if self.defer:
            dates = {f[:2] for f in found if f[2] in DATE_LABELS}
            doc.user_data[WEAK_KEY] = Deferred(deferred, dates, ask)
        found = [f for f in found if f[2] in self.labels]
        arr = self._set_ents(doc, found)
        if arr is not None and TEXT_KEY in doc.user_data:
            # The highlighter's own doc: leave the entities' character offsets for the
            # components after (entity_offsets checks they still stand).
            idx = orths_idx[:, 1].tolist()
            offsets = [(idx[s], idx[e - 1] + len(words[e - 1]), label) for s, e, label in found]
            offsets.sort()
            doc.user_data[ENTS_KEY] = (arr, offsets)
        return doc

    def _describe(self, text: str) -> tuple[int, int]:
        """(rule flags, date-spec mask) of one distinct word."""
        mask = self.dates.mask(text)
        flags = word_flags(text, self.lex)
        if mask & self.dates.anchor_mask:
            flags |= ANCHOR
        return flags, mask

    def _set_ents(self, doc: Doc, found: list[tuple[int, int, str]]) -> np.ndarray | None:
        """Write the entities straight into the token arrays (the doc.ents setter costs more
        than finding them). Tokens the rules leave alone stay "missing", not "outside", so a
        statistical ``ner`` after this component still labels them. Returns the
        [ENT_IOB, ENT_TYPE] array written, and the entities as set in ``found``."""
        if not found:
            return None
        annotated = doc.has_annotation("ENT_IOB")
        if annotated:
            arr = doc.to_array([ENT_IOB, ENT_TYPE])
        else:  # a fresh doc: nothing to merge with
            arr = np.zeros((len(doc), 2), dtype=np.uint64)
        iob, types = arr[:, 0], arr[:, 1]
        if annotated and np.any((iob == 1) | (iob == 3)):
            old = [(e.start, e.end, e.label_) for e in doc.ents]
            first, second = (found, old) if self.overwrite else (old, found)
            taken = bytearray(len(doc))
            kept = []
            for start, end, label in first + second:
                if not any(taken[start:end]):
                    taken[start:end] = b"\x01" * (end - start)
                    kept.append((start, end, label))
            iob[(iob == 1) | (iob == 3)] = 0
            types[iob == 0] = 0
            found[:] = kept
        label_ids = self.label_ids
        starts, ends, ids = [], [], []
        for start, end, label in found:
            label_id = label_ids.get(label)
            if label_id is None:
                label_id = label_ids[label] = doc.vocab.strings.add(label)
            starts.append(start)
            ends.append(end)
            ids.append(label_id)
        # Every entity's tokens at once: I and the label on start..end, then B on the starts.
        starts_a = np.array(starts, dtype=np.intp)
        lengths = np.array(ends, dtype=np.intp) - starts_a
        offsets = np.repeat(starts_a - np.cumsum(lengths) + lengths, lengths)
        inside = np.arange(len(offsets)) + offsets
        iob[inside] = 1
        iob[starts_a] = 3
        types[inside] = np.repeat(np.array(ids, dtype=np.uint64), lengths)
        doc.from_array([ENT_IOB, ENT_TYPE], arr)
        return arr


@Language.factory(
    ENTITY_RULES,
    default_config={"labels": None, "overwrite": False, "defer": False},
    requires=["token.text"],
    assigns=["doc.ents"],
)
def make_entity_rules(
    nlp: Language, name: str, labels: list[str] | None, overwrite: bool, defer: bool
):
    return EntityRules(nlp, name, labels, overwrite, defer)


@Language.component(ENTITY_FALLBACK, requires=["doc.ents"], assigns=["doc.ents"])
def entity_fallback(doc: Doc) -> Doc:
    """After a ``ner`` that ran behind deferring rules: dates and times are the rules' alone
    (a model's "24 hours" would hide a figure), and the rules' deferred guesses fill whatever
    the ``ner`` left bare."""
    kept = doc.user_data.pop(WEAK_KEY, None)
    if kept is None or not len(doc):
        return doc
    spans = token_entities(doc)
    strings = doc.vocab.strings
    date_ids = {strings[label] for label in DATE_LABELS}
    drop = [(s, e) for s, e, t in spans if t in date_ids and (s, e) not in kept.dates]
    if not drop and not kept.guesses:
        return doc
    taken = bytearray(len(doc))
    for s, e, _ in spans:
        taken[s:e] = b"\x01" * (e - s)
    for s, e in drop:
        taken[s:e] = bytes(e - s)
    if drop:
        doc.set_ents([], outside=[Span(doc, s, e) for s, e in drop], default="unmodified")
    add = [Span(doc, s, e, label=label) for s, e, label in kept.guesses if not any(taken[s:e])]
    if add:
        doc.set_ents(add, default="unmodified")
    return doc


def add_entity_rules(
    nlp: Language,
    labels: Iterable[str] | None = None,
    overwrite: bool = False,
    before: str | None = None,
    name: str = ENTITY_RULES,
    defer: bool = False,
) -> Language:
    """Add the entity rules to ``nlp`` and return it.

    ``labels`` limits what the rules set (e.g. ``{"DATE", "TIME"}`` in front of a model's
    ``ner``, which then keeps those spans and labels the rest). ``overwrite`` lets the rules
    replace entities an earlier component set where they overlap; by default earlier ones win.
    ``before`` places the component before another (e.g. ``"ner"``); the default appends it.
    ``defer`` (with ``before``) leaves the rules' unsupported guesses to that component and
    adds them after it only where it found nothing.
    """
    config = {
        "labels": sorted(labels) if labels else None,
        "overwrite": overwrite,
        "defer": defer and before is not None,
    }
    nlp.add_pipe(ENTITY_RULES, name=name, config=config, before=before)
    if config["defer"]:
        nlp.add_pipe(ENTITY_FALLBACK, name=f"{name}_fallback", after=before)
    return nlp
