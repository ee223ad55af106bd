"""Which figures of a claim cannot both be true at that time, allowing for qualifiers and rounding."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from annotations.claims.conflicts import conflicting_pairs, figure_bounds


def fig(value, qualifier="exact", article="a", published="2023-10-10", low=None, high=None,
        unit=None):  # fmt: skip
    return SimpleNamespace(value=value, low=low, high=high, qualifier=qualifier, unit=unit,
                           article_id=article, published=published)  # fmt: skip


def conflict(a, b) -> bool:
    a.article_id, b.article_id = "one", "two"
    return bool(conflicting_pairs([a, b]))


@pytest.mark.parametrize(
    ("a", "b", "conflicts"),
    [
        (fig(9000, "more_than"), fig(9500), False),  # the example: they agree
        (fig(1400, "approximately"), fig(1200), True),  # "some 1,400" vs "1,200" the same day
        (fig(1200, "at_least"), fig(1400), False),
        (fig(1400), fig(1412), False),  # 1,400 is a rounded 1,412
        (fig(1000), fig(1400), True),  # but not a rounded 1,400: rounding is capped at 5 %
        (fig(4.0), fig(3.9), False),  # 4.0 % and 3.9 %
        (fig(3.4), fig(3.9), True),
        (fig(500, "less_than"), fig(450), False),
        (fig(500, "up_to"), fig(700), True),
        (fig(None, low=1200, high=1400), fig(1300), False),  # a range holds what is inside it
        (fig(None, low=1200, high=1400), fig(1600), True),
        (fig(40000, "more_than"), fig(28000, "approximately"), True),
    ],
)
def test_figures_agree_or_conflict_as_a_reader_would_say(a, b, conflicts):
    assert conflict(a, b) is conflicts


def test_figures_of_different_days_never_conflict_a_toll_grows():
    assert not conflict(fig(1200, published="2023-10-10"), fig(1537, published="2023-10-12"))


def test_two_values_in_one_article_tell_of_a_change_not_a_conflict():
    a, b = fig(1200, article="same"), fig(1537, article="same")
    assert conflicting_pairs([a, b]) == []


def test_figures_of_different_units_are_not_compared():
    assert not conflict(fig(5, unit="km"), fig(5000, unit="m"))


def test_an_undated_figure_is_compared_with_every_other():
    assert conflict(fig(1400, published=None), fig(100, published="2023-10-12"))


def test_bounds_follow_the_qualifier():
    assert figure_bounds(1400, None, None, "approximately") == (1260, 1540)
    assert figure_bounds(9000, None, None, "more_than")[1] == float("inf")
    assert figure_bounds(None, None, None, "exact") is None
