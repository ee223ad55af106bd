"""The word lists the entity rules read, loaded once per process from resources/entities/.

Places, demonyms and names are generated files (see entity_gazetteer.py); cue words around names
are in cues.json, and the neighbours the context checks read in context.json.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from annotations.paths import RESOURCES

ENTITY_RESOURCES = RESOURCES / "entities"


@dataclass(frozen=True)
class Lexicon:
    """The word lists the rules consult."""

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
    context: Context


@dataclass(frozen=True)
class Context:
    """Words around and inside names (context.json)."""

    connectors: frozenset[str]
    name_particles: frozenset[str]
    article_particles: frozenset[str]
    sentence_end: frozenset[str]
    guess_by_previous: dict[str, str]
    guess_by_next: dict[str, str]
    place_prepositions: frozenset[str]
    team_before: frozenset[str]
    team_after: frozenset[str]
    company_after: frozenset[str]
    company_before: frozenset[tuple[str, ...]]
    statement_after: frozenset[tuple[str, ...]]
    company_before_last: frozenset[str]  # last words of company_before, for a quick test
    statement_after_first: frozenset[str]
    place_modifiers: frozenset[str]
    business_words: frozenset[str]
    business_min_words: int


def lines(name: str) -> list[str]:
    """The non-blank lines of a resource file."""
    text = (ENTITY_RESOURCES / name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip()]


def _json(name: str) -> dict:
    return json.loads((ENTITY_RESOURCES / name).read_text(encoding="utf-8"))


@functools.cache
def context_words() -> Context:
    c = _json("context.json")
    company_before = frozenset(tuple(p.split()) for p in c["company_before"])
    statement_after = frozenset(tuple(p.split()) for p in c["statement_after"])
    return Context(
        connectors=frozenset(c["connectors"]),
        name_particles=frozenset(c["name_particles"]),
        article_particles=frozenset(c["article_particles"]),
        sentence_end=frozenset(c["sentence_end"]),
        guess_by_previous=dict(c["guess_by_previous"]),
        guess_by_next=dict(c["guess_by_next"]),
        place_prepositions=frozenset(c["place_prepositions"]),
        team_before=frozenset(c["team_before"]),
        team_after=frozenset(c["team_after"]),
        company_after=frozenset(c["company_after"]),
        company_before=company_before,
        statement_after=statement_after,
        company_before_last=frozenset(p[-1] for p in company_before),
        statement_after_first=frozenset(p[0] for p in statement_after),
        place_modifiers=frozenset(c["place_modifiers"]),
        business_words=frozenset(c["business_words"]),
        business_min_words=c["business_min_words"],
    )


@functools.cache
def lexicon() -> Lexicon:
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    cues = _json("cues.json")
    phrases: dict[str, tuple[str, str]] = {}
    for name in lines("demonyms.txt") + cues["norp_words"]:
        phrases[name] = ("NORP", "people")
    for line in lines("places.tsv"):
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
    return Lexicon(
        gazetteer=gazetteer,
        gazetteer_max=max(len(k) for k in gazetteer),
        countries=frozenset(countries),
        sports_words=frozenset(cues["sports_words"]),
        sports_min_words=cues["sports_min_words"],
        first_names=frozenset(lines("first_names.txt")),
        surnames=frozenset(lines("surnames.txt")),
        common=frozenset(lines("common_words.txt")),
        titles=frozenset(cues["titles"]),
        title_modifiers=frozenset(cues["title_modifiers"]),
        lower_titles=frozenset(cues["lower_titles"]),
        org_heads=frozenset(cues["org_heads"]),
        org_tails=frozenset(cues["org_tails"]),
        loc_heads=frozenset(cues["loc_heads"]),
        tail_labels=tail_labels,
        stop_initial=frozenset(cues["stop_initial"]),
        context=context_words(),
    )


@functools.cache
def date_patterns() -> list[dict]:
    return [json.loads(line) for line in lines("dates.jsonl")]


_INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
                ("ing", "e"), ("ly", ""), ("ers", ""), ("er", ""))  # fmt: skip


def is_common(lex: Lexicon, word: str) -> bool:
    """An ordinary English word (or a plain inflection of one), whatever its case here."""
    w = word.lower()
    if w in lex.common:
        return True
    for suffix, stem_end in _INFLECTIONS:
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            if w[: -len(suffix)] + stem_end in lex.common:
                return True
    return False
