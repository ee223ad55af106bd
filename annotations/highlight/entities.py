"""Entity highlighting by rules: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, DATE and TIME.

Works on a blank English pipeline (token text, case and position only). Dates and times come
from Matcher patterns in resources/entities/dates.jsonl; names come from runs of capitalised
tokens, sorted by the words around them (titles, organisation and place cues in cues.json)
and by gazetteers generated from data packages (see entity_gazetteer.py). A statistical
``ner`` placed after these rules keeps their entities and fills in the rest.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from annotations.highlight.doc_arrays import ENTS_KEY, TEXT_KEY, WordTable, token_entities
from annotations.highlight.entity_dates import DatePatterns
from annotations.paths import RESOURCES

ENTITY_RULES = "factmark_entities"
ENTITY_FALLBACK = "factmark_entity_fallback"
WEAK_KEY = "factmark_weak_ents"
RULE_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TIME")
DATE_LABELS = frozenset({"DATE", "TIME"})

_DIR = RESOURCES / "entities"
# Lower-case particles that may sit inside a name: "Bank of England", "Hussein al-Sheikh".
_CONNECTORS = frozenset(
    "of for de del da di du van von der den al el bin ibn abu ben le la & the".split()
)
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "Al", "El", "Abu"})
_SENTENCE_END = frozenset(". ! ? : ; \" “ ” ‘ ' ( — – - | •".split())
_ACRONYM_MAX = 6
_DOTTED = re.compile(r"(?:[A-Z]\.){2,4}")
_RUN_CACHE_MAX = 200_000
# The word before a lone unknown name: "in Arbil" is a place, "told Interfax" an organisation,
# "the Hamas attacks" a modifier, which people's names rarely are.
_GUESS_BY_PREVIOUS = {
    "in": "GPE", "at": "GPE", "near": "GPE", "told": "ORG", "group": "ORG",
    "the": "ORG", "movement": "ORG", "organisation": "ORG", "organization": "ORG",
    "company": "ORG", "firm": "ORG", "agency": "ORG", "militia": "ORG", "party": "ORG",
    # "tyre giant Pirelli", "distribution chain Ruch", "Polish daily Zycie Warszawy"
    "giant": "ORG", "maker": "ORG", "carrier": "ORG", "insurer": "ORG", "retailer": "ORG",
    "chain": "ORG", "conglomerate": "ORG", "airline": "ORG", "bank": "ORG", "daily": "ORG",
    "newspaper": "ORG", "broadcaster": "ORG", "club": "ORG", "rivals": "ORG",
}  # fmt: skip
# The word after: "Hamas militants", "Interfax reported"... a group's members or voice.
_GUESS_BY_NEXT = dict.fromkeys(
    "militants militant fighters gunmen terrorists terrorist officials spokesman spokeswoman "
    "members supporters leadership forces troops shareholders executives employees staff "
    "chief chairman shares news daily newspaper bank".split(),
    "ORG",
)
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "of", "outside"})


@dataclass(frozen=True)
class Deferred:
    """What rules in front of a statistical ``ner`` leave to it (in ``doc.user_data``)."""

    guesses: list[tuple[int, int, str]]  # the rules' unsupported guesses (token spans)
    dates: set[tuple[int, int]]  # the rules' dates and times: the model's others are dropped
    ask: list[tuple[int, int]]  # words left bare that the model may name ("UN", a first word)


@dataclass(frozen=True)
class _Lexicon:
    """The word lists the rules consult, loaded once per process."""

    gazetteer: dict[tuple[str, ...], str]  # lower-case token tuple -> label
    gazetteer_max: int
    countries: frozenset[tuple[str, ...]]
    sports_words: frozenset[str]
    sports_min_words: int
    first_names: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    lower_titles: frozenset[str]
    org_heads: frozenset[str]
    org_tails: frozenset[str]
    loc_heads: frozenset[str]
    tail_labels: dict[str, str]  # last word of a name -> label ("River" -> LOC)
    stop_initial: frozenset[str]


def _lines(name: str) -> list[str]:
    return [ln for ln in (_DIR / name).read_text(encoding="utf-8").splitlines() if ln.strip()]


@functools.cache
def lexicon() -> _Lexicon:
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    cues = json.loads((_DIR / "cues.json").read_text(encoding="utf-8"))
    phrases: dict[str, tuple[str, str]] = {}
    for name in _lines("demonyms.txt") + cues["norp_words"]:
        phrases[name] = ("NORP", "people")
    for line in _lines("places.tsv"):
        name, label, kind = line.split("\t")
        phrases[name] = (label, kind)
    for name in cues["region_names"]:
        phrases[name] = ("LOC", "region")
    for name in cues["gpe_abbreviations"]:
        phrases[name] = ("GPE", "country")
    gazetteer: dict[tuple[str, ...], str] = {}
    countries = set()
    names = list(phrases)
    for name, doc in zip(names, tokenizer.pipe(names), strict=True):
        key = tuple(t.lower_ for t in doc)
        gazetteer[key] = phrases[name][0]
        if phrases[name][1] == "country":
            countries.add(key)
    tail_labels: dict[str, str] = {}
    for key, label in (
        ("event_tails", "EVENT"),
        ("fac_tails", "FAC"),
        ("gpe_tails", "GPE"),
        ("loc_tails", "LOC"),
    ):
        tail_labels.update(dict.fromkeys(cues[key], label))
    return _Lexicon(
        gazetteer=gazetteer,
        gazetteer_max=max(len(k) for k in gazetteer),
        countries=frozenset(countries),
        sports_words=frozenset(cues["sports_words"]),
        sports_min_words=cues["sports_min_words"],
        first_names=frozenset(_lines("first_names.txt")),
        surnames=frozenset(_lines("surnames.txt")),
        common=frozenset(_lines("common_words.txt")),
        titles=frozenset(cues["titles"]),
        title_modifiers=frozenset(cues["title_modifiers"]),
        lower_titles=frozenset(cues["lower_titles"]),
        org_heads=frozenset(cues["org_heads"]),
        org_tails=frozenset(cues["org_tails"]),
        loc_heads=frozenset(cues["loc_heads"]),
        tail_labels=tail_labels,
        stop_initial=frozenset(cues["stop_initial"]),
    )


@functools.cache
def _date_patterns() -> list[dict]:
    return [json.loads(line) for line in _lines("dates.jsonl")]


def _is_common(lex: _Lexicon, word: str) -> bool:
    """An ordinary English word (or a plain inflection of one), whatever its case here."""
    w = word.lower()
    if w in lex.common:
        return True
    for suffix, stem_end in (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"),
                             ("ing", ""), ("ing", "e"), ("ly", ""), ("ers", ""), ("er", "")):  # fmt: skip
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            if w[: -len(suffix)] + stem_end in lex.common:
                return True
    return False


_CAP, _UPPER, _SPORTS, _ANCHOR = 1, 2, 4, 8


def _word_flags(text: str, lex: _Lexicon | None) -> int:
    flags = 0
    if lex is not None:
        if text[:1].isupper() and text not in lex.stop_initial:
            flags |= _CAP
        if text.isupper() and len(text) > 1 and text.isalpha():
            flags |= _UPPER
        if text in lex.sports_words:
            flags |= _SPORTS
    return flags


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "." and word[0].isupper()


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
        self.dates = DatePatterns(p for p in _date_patterns() if p["label"] in self.labels)
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
            anchors = np.flatnonzero(flags & _ANCHOR).tolist()
            if anchors:
                found = self.dates.find(masks, anchors)
        if self.lex is not None:
            taken = bytearray(len(doc))
            for s, e, _ in found:
                taken[s:e] = b"\x01" * (e - s)
            finder = _NameFinder(self.lex, words, flags, taken, self.run_cache)
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
        flags = _word_flags(text, self.lex)
        if mask & self.dates.anchor_mask:
            flags |= _ANCHOR
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


class _Initial:
    """Whether token i starts a sentence, worked out only for the tokens that ask."""

    def __init__(self, words: list[str]):
        self.words = words

    def __getitem__(self, i: int) -> bool:
        words = self.words
        k = i - 1
        while k >= 0 and words[k].isspace():
            if "\n" in words[k]:
                return True
            k -= 1
        return k < 0 or words[k] in _SENTENCE_END


class _NameFinder:
    """Finds names in one document: O(tokens), plus a pass that reuses what the text taught."""

    def __init__(
        self, lex: _Lexicon, words: list[str], flags: np.ndarray, taken: bytearray, cache: dict
    ):
        self.lex = lex
        self.cache = cache
        self._ops: list[tuple[str, int, int, str | None]] = []
        self._base = 0
        self.words = words
        self.taken = taken
        cap = (flags & _CAP).astype(bool)
        if 1 in taken:
            cap &= np.frombuffer(bytes(taken), dtype=np.uint8) == 0
        upper = (flags & _UPPER).astype(bool)
        # A run of capital-letter words is a shouted headline, not a row of acronyms.
        pairs = upper[1:] & upper[:-1]
        if pairs.any():
            near = np.zeros_like(upper)
            near[1:] |= pairs
            near[:-1] |= pairs
            shout = near & cap
            self.shout = shout.tolist()
            self.shout_positions = np.flatnonzero(shout).tolist()
        else:
            self.shout = [False] * len(words)
            self.shout_positions = []
        self.cap = cap.tolist()
        self.cap_positions = np.flatnonzero(cap).tolist()
        self.initial = _Initial(words)
        # In a sports report a city or county is mostly a team: "Surrey beat Kent".
        self.sports = np.count_nonzero(flags & _SPORTS) >= lex.sports_min_words
        self.found: list[tuple[int, int, str]] = []
        self.guesses: list[tuple[int, int]] = []  # single unknown words, labelled at the end
        self.doubtful: list[int] = []  # common words in capitals, named only if the text says so
        self.weak: set[tuple[int, int]] = set()  # found by default, not by any evidence
        self.ask: list[tuple[int, int]] = []  # left bare, but a model may know better

    # -- runs ------------------------------------------------------------------------------
    def find(self) -> list[tuple[int, int, str]]:
        words, cap, shout = self.words, self.cap, self.shout
        n = len(words)
        done = 0
        for i in self.cap_positions:
            if i < done or shout[i]:
                continue
            j = i + 1
            while j < n:
                if cap[j] and not shout[j]:
                    j += 1
                    continue
                k = j
                while k < n and (words[k] in _CONNECTORS or self._particle_hyphen(k)):
                    k += 1
                if k > j and k < n and cap[k] and not shout[k] and k - j <= 2:
                    j = k
                    continue
                break
            titled = i > 0 and words[i - 1].lower() in self.lex.lower_titles
            self._run(i, j, titled)
            done = j
        self._resolve_guesses()
        self._shouted()
        if self.sports:
            self._teams()
        return self.found

    def _teams(self) -> None:
        """In a sports report, a name followed by a score is a team: "Surrey 3 Kent 1"; unless
        a first name or title made it a person, or it is a country ("England 2 Wales 1" are
        places by CoNLL's convention)."""
        words, n = self.words, len(self.words)

        def scored(e: int) -> bool:
            while e < n and words[e].isspace() and "\n" not in words[e]:
                e += 1
            return e < n and words[e].isdigit()

        countries = self.lex.countries
        found = {f[:2] for f in self.found}
        for k, (s, e, label) in enumerate(self.found):
            if label not in ("PERSON", "GPE", "LOC") or not scored(e):
                continue
            if label == "PERSON" and (s, e) not in self.weak:
                continue
            if tuple(w.lower() for w in words[s:e]) in countries or self._dateline(s, e):
                continue
            self.found[k] = (s, e, "ORG")
            self.weak.discard((s, e))
        for i in self.doubtful:  # the first word of a line: "Somerset 4 Durham 2"
            if (i, i + 1) not in found and words[i].isalpha() and scored(i + 1):
                if (words[i].lower(),) not in countries and not self.taken[i]:
                    self._add(i, i + 1, "ORG")

    def _particle_hyphen(self, k: int) -> bool:
        """Whether token k is the hyphen of "al-", "bin-" and the like."""
        return k > 0 and self.words[k] == "-" and self.words[k - 1] in _NAME_PARTICLES

    def _strip(self, i: int, j: int) -> tuple[int, int]:
        words = self.words
        while i < j and (words[i] in _CONNECTORS or words[i] == "-"):
            i += 1
        while j > i and (words[j - 1] in _CONNECTORS or words[j - 1] == "-"):
            j -= 1
        return i, j

    def _run(self, i: int, j: int, titled: bool) -> None:
        """Judge one run of capitalised words; the same words in the same place judge alike,
        so the verdict is kept (relative to the run) and replayed for the next occurrence."""
        key = (tuple(self.words[i:j]), titled, self.initial[i])
        ops = self.cache.get(key)
        if ops is None:
            self._ops, self._base = [], i
            self._segment(i, j, titled)
            ops = tuple(self._ops)
            if len(self.cache) > _RUN_CACHE_MAX:
                self.cache.clear()
            self.cache[key] = ops
        for op, s, e, label in ops:
            if op == "emit":
                self._add(i + s, i + e, label)
            elif op == "place":
                self._add_place(i + s, i + e, label)
            elif op == "guess":
                self.guesses.append((i + s, i + e))
            elif op == "weak":
                self._add(i + s, i + e, label, weak=True)
            elif op == "ask":
                self.ask.append((i + s, i + e))
            else:
                self.doubtful.append(i + s)

    def _record(self, op: str, i: int, j: int, label: str | None = None) -> None:
        if i < j:
            self._ops.append((op, i - self._base, j - self._base, label))

    def _emit(self, i: int, j: int, label: str) -> None:
        self._record("emit", i, j, label)

    def _place(self, i: int, j: int, label: str) -> None:
        self._record("place", i, j, label)

    def _add(self, i: int, j: int, label: str, weak: bool = False) -> None:
        self.found.append((i, j, label))
        if weak:
            self.weak.add((i, j))

    def _segment(self, i: int, j: int, titled: bool) -> None:
        i, j = self._strip(i, j)
        if i >= j:
            return
        lex, words = self.lex, self.words
        if words[i] in lex.stop_initial and self.initial[i]:
            self._segment(i + 1, j, False)
            return
        k = self._title_at(i, j)
        if k is not None:
            t_start, t_end = k
            if (
                t_start == i
                and j - 1 > t_end
                and words[j - 1] in lex.org_tails
                and "of" not in words[i:j]
            ):
                self._emit(i, j, "ORG")  # "General Motors", "King's College"
                return
            self._segment(i, t_start, False)
            self._segment(t_end, j, True)
            return
        self._classify(i, j, titled)

    def _title_at(self, i: int, j: int) -> tuple[int, int] | None:
        """The first title phrase in [i, j) as (start, end): "UK [Foreign Secretary] James"."""
        lex, words = self.lex, self.words
        for k in range(i, j):
            if words[k] not in lex.titles or (k > i + 1 and self._particle_hyphen(k - 1)):
                continue
            if k == i and j - i == 1:
                return None
            start = k
            while start > i and words[start - 1] in lex.title_modifiers:
                start -= 1
            end = k + 1
            while end < j and (words[end] in lex.titles or words[end] == "-"):
                end += 1
            # "Secretary of State Antony Blinken": the office's "of X" belongs to the title.
            if end + 2 < j and words[end] == "of" and words[end + 1][0].isupper():
                rest = range(end + 1, j)
                if not any(words[r] in lex.org_tails or words[r] in lex.org_heads for r in rest):
                    end += 2
            return start, end
        return None

    def _org_end(self, i: int, j: int) -> int | None:
        """Where an organisation name that starts at i ends, if a cue word says it is one."""
        lex, words = self.lex, self.words
        end = None
        k = i
        while k < j:
            w = words[k]
            if w in lex.org_heads and k + 1 < j and words[k + 1] in ("of", "for", "on"):
                # "Department of State", "Ministry of Health": run on to the end of the name,
                # but stop before a person's first name ("... of State Matthew Miller").
                m = k + 2
                while m < j and not (words[m] in lex.first_names and m + 1 < j and m > k + 2):
                    m += 1
                return m
            if w in lex.org_tails and k > i:
                end = k + 1
                while end < j and words[end] in lex.org_tails:
                    end += 1
                return end
            k += 1
        return end

    def _classify(self, i: int, j: int, titled: bool) -> None:
        lex, words = self.lex, self.words
        key = tuple(w.lower() for w in words[i:j])
        label = lex.gazetteer.get(key)
        if label:
            self._place(i, j, label)
            return
        end = self._org_end(i, j)
        if end is not None:
            self._emit(i, end, "ORG")
            self._segment(end, j, False)
            return
        if j - i >= 2:
            tail = lex.tail_labels.get(words[j - 1])
            if words[i] in lex.loc_heads:
                self._emit(i, j, "LOC")
                return
            if tail and not (words[i] in lex.first_names and j - i == 2):
                self._emit(i, j, tail)
                return
            if _is_initial(words[i]) or (
                words[i] in lex.first_names and key[:1] not in lex.gazetteer
            ):
                self._emit(i, j, "PERSON")
                return
        # Places and peoples inside the run: emit them, and judge the words between.
        pending = i
        k = i
        while k < j:
            m = self._gazetteer_match(k, j)
            if m is None:
                k += 1
                continue
            end, label = m
            self._unknown(pending, k, titled)
            self._place(k, end, label)
            k = pending = end
        self._unknown(pending, j, titled)

    def _gazetteer_match(self, k: int, j: int) -> tuple[int, str] | None:
        lex = self.lex
        for end in range(min(j, k + lex.gazetteer_max), k, -1):
            label = lex.gazetteer.get(tuple(w.lower() for w in self.words[k:end]))
            if label:
                return end, label
        return None

    def _unknown(self, i: int, j: int, titled: bool) -> None:
        """Capitalised words that no list or cue explains."""
        i, j = self._strip(i, j)
        words = self.words
        if not titled:
            run = i, j
            while i < j and self._plain_word(i):
                self._record("doubt", i, i + 1)
                i += 1
            while j > i and self._plain_word(j - 1):
                self._record("doubt", j - 1, j)
                j -= 1
            i, j = self._strip(i, j)
            if i >= j and run[1] - run[0] >= 2 and not self.initial[run[0]]:
                # "the United Nations", "the White House": ordinary words, capitalised
                # mid-sentence, in a row. A headline in title case looks the same; a model
                # reading the words around can tell.
                self._record("ask", *run)
        if i >= j:
            return
        if all(len(w) <= 2 for w in words[i:j]):
            # initials, table headers ("W D L"), the pronoun "I"; "UN" or "TV" is for a model
            if j - i == 1 and words[i].isupper() and words[i].isalpha() and len(words[i]) == 2:
                self._record("ask", i, j)
            return
        if j - i >= 3 and not titled:
            # A headline in title case: "Blinken Meets Netanyahu" is two names and a verb.
            for k in range(i + 1, j - 1):
                if words[k] not in _CONNECTORS and words[k] != "-" and self._plain_word(k):
                    self._unknown(i, k, False)
                    self._record("doubt", k, k + 1)
                    self._unknown(k + 1, j, False)
                    return
        if titled:
            self._emit(i, j, "PERSON")
            return
        if j - i >= 2:  # no first name, title or cue vouches for it: a guess a model may overrule
            self._record("weak", i, j, "PERSON")
            return
        if self._acronym(words[i]) or self._shouted_name(words[i]):
            self._emit(i, j, "ORG")
        else:
            self._record("guess", i, j)

    def _acronym(self, w: str) -> bool:
        if _DOTTED.fullmatch(w):
            return True  # "U.N.", "E.U."
        if not (w.isupper() and w.isalpha() and 2 <= len(w) <= _ACRONYM_MAX):
            return False
        return len(w) <= 3 or not _is_common(self.lex, w)

    def _shouted_name(self, w: str) -> bool:
        """A lone word in capitals that is no English word: "REUTERS", "NATO"."""
        return w.isupper() and w.isalpha() and len(w) > 1 and not _is_common(self.lex, w)

    def _add_place(self, i: int, j: int, label: str) -> None:
        if self.sports and label in ("GPE", "LOC"):
            key = tuple(w.lower() for w in self.words[i:j])
            before = self.words[i - 1].lower() if i else ""
            if (
                key not in self.lex.countries
                and before not in _PLACE_PREPOSITIONS
                and not self._dateline(i, j)
            ):
                label = "ORG"
        self._add(i, j, label)

    def _dateline(self, i: int, j: int) -> bool:
        """ "LONDON 1996-08-30" at a line's start: the place a report was filed from."""
        words = self.words
        if (i and "\n" not in words[i - 1]) or not words[i].isupper():
            return False
        while j < len(words) and words[j].isspace():
            j += 1
        if j >= len(words) or not words[j][:1].isdigit():
            return False
        return "-" in words[j] or (j + 1 < len(words) and words[j + 1] in ("-", "/"))

    def _plain_word(self, k: int) -> bool:
        w = self.words[k]
        if w in self.lex.first_names or self._acronym(w) or self._particle_hyphen(k - 1):
            return False
        return self.initial[k] or _is_common(self.lex, w) or not w.isalpha()

    # -- what the document itself says ----------------------------------------------------
    def _known(self) -> tuple[dict[tuple[str, ...], str], set[str]]:
        known: dict[tuple[str, ...], str] = {}
        person_parts: set[str] = set()
        for s, e, label in self.found:
            known[tuple(map(str.lower, self.words[s:e]))] = label
            if label == "PERSON" and e - s >= 2:
                person_parts.add(self.words[e - 1].lower())
        return known, person_parts

    def _resolve_guesses(self) -> None:
        known, person_parts = self._known()
        # One word, one reading per text: the cue at one mention ("militant group Hamas")
        # names the others ("Hamas said").
        votes: dict[str, list[str]] = {}
        n = len(self.words)
        for i, _ in self.guesses:
            cue = _GUESS_BY_PREVIOUS.get(self.words[i - 1].lower() if i else "")
            if cue is None and i + 1 < n:
                cue = _GUESS_BY_NEXT.get(self.words[i + 1].lower())
            cues = votes.setdefault(self.words[i].lower(), [])
            if cue:
                cues.append(cue)
        guessed: dict[str, str] = {}
        weak_words: set[str] = set()
        for i, j in self.guesses:
            w = self.words[i].lower()
            cues = votes[w]
            weak = False
            if w in person_parts:
                label = "PERSON"
            else:
                label = known.get((w,)) or (max(cues, key=cues.count) if cues else None)
                if label is None:
                    label, weak = "PERSON", True
            guessed[w] = label
            if weak:
                weak_words.add(w)
            self._add(i, j, label, weak)
        # A capitalised word at a sentence start or in a headline is named only when the
        # rest of the text names it.
        for i in self.doubtful:
            w = self.words[i].lower()
            label = "PERSON" if w in person_parts else known.get((w,)) or guessed.get(w)
            if label:
                self._add(i, i + 1, label, w in weak_words and w not in person_parts)
            elif self.words[i].isalpha() and not _is_common(self.lex, w):
                self.ask.append((i, i + 1))  # "Hamas attacked...": unknown, and first
        # "MaliVai Washington ... Washington": a surname met in full outranks a town's name.
        for n, (s, e, label) in enumerate(self.found):
            if e - s == 1 and label in ("GPE", "LOC", "ORG"):
                w = self.words[s].lower()
                if w in person_parts and (w,) not in self.lex.countries:
                    self.found[n] = (s, e, "PERSON")

    def _shouted(self) -> None:
        """Headlines in capitals: name only what a list or the rest of the text vouches for."""
        if not self.shout_positions:
            return
        known, person_parts = self._known()
        words, shout = self.words, self.shout
        n = len(words)
        done = 0
        for k in self.shout_positions:
            if k < done:
                continue
            r = k
            while r < n and shout[r]:
                r += 1
            m = self._gazetteer_match(k, r)
            # What the text itself names wins over the lists: "JERUSALEM POST" after
            # "Jerusalem Post" is the newspaper, not the city.
            for end in range(min(r, k + 4), m[0] if m else k, -1):
                label = known.get(tuple(w.lower() for w in words[k:end]))
                if label:
                    m = end, label
                    break
            if m is None and words[k].lower() in person_parts:
                m = k + 1, "PERSON"
            if m is not None:
                self._add_place(k, m[0], m[1])
                done = m[0]


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
