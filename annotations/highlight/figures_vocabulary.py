"""The figure finder's word lists, read once from ``resources/figures/*.json``.

Number words, scale words, units, currencies, qualifiers and the context words that tell a
figure from a date, an identifier or a pronoun are data; this module only reads them into the
shapes the patterns and the checks use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from annotations.model import FigureKind, Qualifier
from annotations.paths import RESOURCES

FIGURE_RESOURCES = RESOURCES / "figures"
# The labels a duration, an age or a clock span takes instead of FIGURE (OntoNotes' DATE, TIME).
DATE = "DATE"
TIME = "TIME"


def _load(name: str, folder: Path) -> dict:
    with open(folder / name, encoding="utf-8") as f:
        return json.load(f)


def variants(form: str) -> set[str]:
    """The case forms a unit is matched in: as written, and lower and upper case for a word."""
    if len(form) >= 3 and form.replace(" ", "").replace("-", "").isalpha():
        return {form, form.lower(), form.upper()}  # not Title case: "2016 Stone spoke"
    return {form}


@dataclass(slots=True)
class Vocabulary:
    small: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    dozen: int
    fractions: dict[str, int]
    fold: dict[str, int]
    vague: dict[str, list[float]]
    vague_needs_of: set[str]
    vague_scales: dict[str, float]  # "of millions": the vague words that multiply another
    attached_mult: dict[str, int]
    mult_needs_currency: set[str]
    spaced_mult: dict[str, int]
    unicode_fractions: dict[str, float]
    number_words: dict[str, int]
    currency_prefix: dict[str, str]
    currency_needs_amount: set[str]  # "#": pounds only before an amount ("#5 million", "#1.25")
    suffix_attached: dict[str, tuple[FigureKind, str]]
    suffix_spaced: dict[str, tuple[FigureKind, str]]
    duration_label: dict[str, str]  # unit -> DATE or TIME
    months: list[str]
    year_low: int
    year_high: int
    year_preps: set[str]
    id_cues: set[str]
    street: set[str]
    not_one_after: set[str]
    one_of_superlatives: set[str]
    not_superlatives: set[str]
    not_half_after: set[str]
    change_words: set[str]
    age_cues: tuple[str, ...]
    age_max: int
    range_openers: list[str]
    range_words: list[str]
    sign_words: set[str]  # a dash after these is a sign or a range, not a code: "minus-5"
    counted_determiners: list[str]
    score_max: int
    stop: set[str]
    qualifier_of: dict[str, Qualifier]


def load_vocabulary(folder: Path = FIGURE_RESOURCES) -> Vocabulary:
    numbers = _load("numbers.json", folder)
    units = _load("units.json", folder)
    context = _load("context.json", folder)
    qualifiers = _load("qualifiers.json", folder)

    small, tens, scales = numbers["small"], numbers["tens"], numbers["scales"]
    fractions = numbers["fractions"]
    number_words = {
        **small,
        **tens,
        **scales,
        "dozen": numbers["dozen"],
        "and": 0,
        **{w: 0 for w in fractions},
        "a": 1,
        "an": 1,
    }

    suffix_attached: dict[str, tuple[FigureKind, str]] = {}
    suffix_spaced: dict[str, tuple[FigureKind, str]] = {}
    attached_only_currency = set(units["currency_attached_only"])

    def add(form: str, kind: FigureKind, unit: str, attached_only: bool) -> None:
        for v in variants(form):
            suffix_attached.setdefault(v, (kind, unit))
            if not attached_only:
                suffix_spaced.setdefault(v, (kind, unit))

    for form, unit in units["percent"].items():
        add(form, FigureKind.PERCENT, unit, False)
    for form, unit in units["currency_suffixes"].items():
        add(form, FigureKind.MONEY, unit, form in attached_only_currency)
    for entry in units["measures"]:
        only = set(entry.get("attached_only", ()))
        for form in entry["forms"]:
            add(form, FigureKind.QUANTITY, entry["unit"], form in only)
    duration_label = {}
    for entry in units["durations"]:
        if entry["label"] not in (DATE, TIME):
            raise ValueError(f"units.json: duration {entry['unit']!r} must be DATE or TIME")
        duration_label[entry["unit"]] = entry["label"]
        for form in entry["forms"]:
            add(form, FigureKind.QUANTITY, entry["unit"], False)

    year_low, year_high = context["year_range"]
    return Vocabulary(
        small=small,
        tens=tens,
        scales=scales,
        dozen=numbers["dozen"],
        fractions=fractions,
        fold=numbers["fold"],
        vague=numbers["vague"],
        vague_needs_of=set(numbers["vague_needs_of"]),
        vague_scales={w: numbers["vague"][w][0] for w in numbers["vague_scales"]},
        attached_mult=numbers["attached_multipliers"],
        mult_needs_currency=set(numbers["attached_needing_currency"]),
        spaced_mult=numbers["spaced_multipliers"],
        unicode_fractions=numbers["unicode_fractions"],
        number_words=number_words,
        currency_prefix={k.strip(): v for k, v in units["currency_prefixes"].items()},
        currency_needs_amount=set(units["currency_needing_amount"]),
        suffix_attached=suffix_attached,
        suffix_spaced=suffix_spaced,
        duration_label=duration_label,
        months=context["months"],
        year_low=year_low,
        year_high=year_high,
        year_preps=set(context["year_prepositions"]),
        id_cues=set(context["identifier_cues"]),
        street=set(context["street_types"]),
        not_one_after=set(context["not_one_after"]),
        one_of_superlatives=set(context["one_of_superlatives"]),
        not_superlatives=set(context["not_superlatives"]),
        not_half_after=set(context["not_half_after"]),
        change_words=set(context["change_words"]),
        age_cues=tuple(context["age_cues"]),
        age_max=context["age_max"],
        range_openers=context["range_openers"],
        range_words=context["range_words"],
        sign_words=set(context["sign_words"]),
        counted_determiners=context["counted_determiners"],
        score_max=context["score_max"],
        stop=set(context["stopwords"]),
        qualifier_of={
            form.lower(): Qualifier(q)
            for q, forms in qualifiers.items()
            if not q.startswith("_")
            for form in forms
        },
    )
