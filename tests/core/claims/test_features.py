"""What a figure counts and who it is about, as the grouping reads them."""

from __future__ import annotations

import pytest

from annotations.claims.features import counted_key, fold, sentence_of, subject


@pytest.mark.parametrize(
    ("counted", "before", "after"),
    [
        ("people", "", " people were killed in Gaza."),
        (None, "The death toll rose to ", "."),
        ("fatalities", "There were ", " fatalities."),
        (None, "Officials said ", " had died overnight."),
        ("dead", "", " dead."),
        (None, "The number of deaths reached ", " on Monday."),
    ],
)
def test_killed_deaths_fatalities_and_death_toll_count_the_same_thing(counted, before, after):
    assert counted_key(counted, before, after) == "deaths"


def test_the_nearest_counted_word_wins():
    # "wounded" follows the figure; "killed" belongs to the sentence before.
    before, after = sentence_of("Some 1,400 were killed in air strikes. ", " were wounded.")
    assert counted_key(None, before, after) == "injured"


def test_a_figure_with_no_known_counted_word_counts_its_own_noun_in_the_singular():
    assert counted_key("homes", "", " homes were flooded.") == "homes"  # a key of its own
    assert counted_key("runs", "The team scored ", " runs.") == "run"


def test_words_fold_to_the_singular():
    assert [fold(w) for w in ("deaths", "injuries", "Gaza's", "buses", "crisis")] == [
        "death", "injury", "gaza", "bus", "crisis",
    ]  # fmt: skip


def test_subject_names_fold_aliases_and_drop_the_article():
    assert subject("Israeli") == subject("Israel") == "israel"
    assert subject("the United Nations") == subject("UN") == "un"
    assert subject("Monday") is None
