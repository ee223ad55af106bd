"""The figure finder: each figure form, qualifier, range and non-figure a reviewer relies on."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.highlight.figures import default_finder, find_figures
from annotations.model import FigureKind, Qualifier


def only_figure(text: str):
    found = find_figures(text)
    assert len(found) == 1, [text[f.start : f.end] for f in found]
    f = found[0]
    return text[f.start : f.end], f.figure


@pytest.mark.parametrize(
    ("text", "span", "value", "kind", "unit"),
    [
        ("Police counted 1,400 at the march.", "1,400", 1400, FigureKind.COUNT, None),
        ("Inflation stood at 9.4 last month.", "9.4", 9.4, FigureKind.COUNT, None),
        ("They served one million meals.", "one million", 1e6, FigureKind.COUNT, None),
        ("They served 1.2 million meals.", "1.2 million", 1.2e6, FigureKind.COUNT, None),
        ("He bought two dozen eggs.", "two dozen", 24, FigureKind.COUNT, None),
        ("Turnout fell by a third of the total.", "a third", 1 / 3, FigureKind.COUNT, None),
        ("Half the condos have sold.", "Half", 0.5, FigureKind.COUNT, None),
        (
            "There were twenty-eight thousand six hundred forty-two students.",
            "twenty-eight thousand six hundred forty-two",
            28642,
            FigureKind.COUNT,
            None,
        ),
        ("Prices rose 30 percent.", "30 percent", 30, FigureKind.PERCENT, "percent"),
        ("Prices rose 19 per cent.", "19 per cent", 19, FigureKind.PERCENT, "percent"),
        ("Prices rose 76% overall.", "76%", 76, FigureKind.PERCENT, "percent"),
        ("Markets were -1.3% lower.", "-1.3%", -1.3, FigureKind.PERCENT, "percent"),
        ("The grant is $8.5 million.", "$8.5 million", 8.5e6, FigureKind.MONEY, "$"),
        ("The deal is worth £600m.", "£600m", 6e8, FigureKind.MONEY, "GBP"),
        ("Shares closed at US $58.24.", "US $58.24", 58.24, FigureKind.MONEY, "USD"),
        ("Sales reached 1.13bn euros.", "1.13bn euros", 1.13e9, FigureKind.MONEY, "EUR"),
        ("The fine is RM79 a month.", "RM79", 79, FigureKind.MONEY, "MYR"),
        ("The stock ended at 118.5p on Friday.", "118.5p", 118.5, FigureKind.MONEY, "pence"),
        ("The trail runs 35 miles.", "35 miles", 35, FigureKind.QUANTITY, "mile"),
        (
            "It makes 275 pound-feet of torque.",
            "275 pound-feet",
            275,
            FigureKind.QUANTITY,
            "pound-foot",
        ),
        ("Peak power comes at 3,000 rpm.", "3,000 rpm", 3000, FigureKind.QUANTITY, "rpm"),
        ("It has a 640bhp engine.", "640bhp", 640, FigureKind.QUANTITY, "horsepower"),
        ("A 3.5-liter engine.", "3.5-liter", 3.5, FigureKind.QUANTITY, "litre"),
        ("Add 1/2 pound of chocolate.", "1/2 pound", 0.5, FigureKind.QUANTITY, "pound"),
    ],
)
def test_figure_form_read_with_value_kind_and_unit(text, span, value, kind, unit):
    got_span, figure = only_figure(text)
    assert got_span == span
    assert figure.value == pytest.approx(value)
    assert figure.kind is kind
    assert figure.unit == unit


@pytest.mark.parametrize(
    ("text", "span", "qualifier"),
    [
        ("Hamas killed some 1,400 people.", "some 1,400", Qualifier.APPROXIMATELY),
        ("It cut about 6,650 roles.", "about 6,650", Qualifier.APPROXIMATELY),
        ("Roughly 300 residents left.", "Roughly 300", Qualifier.APPROXIMATELY),
        (
            "An estimated 5 million children died.",
            "An estimated 5 million",
            Qualifier.APPROXIMATELY,
        ),
        ("There were more than 9,000 fatalities.", "more than 9,000", Qualifier.MORE_THAN),
        ("With over 338,000 individuals sheltering.", "over 338,000", Qualifier.MORE_THAN),
        ("Upwards of 200 jobs went.", "Upwards of 200", Qualifier.MORE_THAN),
        ("At least 74 mph winds hit.", "At least 74 mph", Qualifier.AT_LEAST),
        ("It is fewer than 3.5 metres long.", "fewer than 3.5 metres", Qualifier.LESS_THAN),
        ("It produces just under 296 hp.", "just under 296 hp", Qualifier.LESS_THAN),
        ("It will hire up to 400 people.", "up to 400", Qualifier.UP_TO),
        ("Bring at most 2 bags.", "at most 2", Qualifier.AT_MOST),
        ("The fee is 5 dollars.", "5 dollars", Qualifier.EXACT),
    ],
)
def test_qualifier_kept_inside_span(text, span, qualifier):
    got_span, figure = only_figure(text)
    assert got_span == span
    assert figure.qualifier is qualifier


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("Range is from 252 to 287 miles.", "from 252 to 287 miles", 252, 287),
        (
            "They expect between 10,000 and 100,000 visitors.",
            "between 10,000 and 100,000",
            10000,
            100000,
        ),
        ("Margins grew 15-20% last year.", "15-20%", 15, 20),
        ("A fine of $3 billion to $5 billion.", "$3 billion to $5 billion", 3e9, 5e9),
        ("Guidance was US $89 to $93 billion.", "US $89 to $93 billion", 89e9, 93e9),
        (
            "There are four thousand to five thousand people.",
            "four thousand to five thousand",
            4000,
            5000,
        ),
    ],
)
def test_range_read_as_low_and_high(text, span, low, high):
    got_span, figure = only_figure(text)
    assert got_span == span
    assert (figure.value, figure.low, figure.high) == (
        None,
        pytest.approx(low),
        pytest.approx(high),
    )


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "kind"),
    [
        # A scale word and a currency belong to the number they follow ...
        ("It cost from $370,000 to $5.5 million.", "from $370,000 to $5.5 million", 370_000, 5.5e6, FigureKind.MONEY),
        ("Prices run $10,000 to $1 million.", "$10,000 to $1 million", 10_000, 1e6, FigureKind.MONEY),
        ("Fines range from $500 to $1 million.", "from $500 to $1 million", 500, 1e6, FigureKind.MONEY),
        ("Between 4,000 and 5 million fled.", "Between 4,000 and 5 million", 4000, 5e6, FigureKind.COUNT),
        ("Sales were 2.5bn to 3bn dollars.", "2.5bn to 3bn dollars", 2.5e9, 3e9, FigureKind.MONEY),
        ("Revenue of £2.5bn to £3bn is due.", "£2.5bn to £3bn", 2.5e9, 3e9, FigureKind.MONEY),
        ("Only 10-15 percent of voters.", "10-15 percent", 10, 15, FigureKind.PERCENT),
        # ... and is shared by both ends only when the first has none.
        ("There were four to five thousand people.", "four to five thousand", 4000, 5000, FigureKind.COUNT),
        ("Then twenty to thirty thousand people came.", "twenty to thirty thousand", 20_000, 30_000, FigureKind.COUNT),
        ("We saw five to six hundred birds.", "five to six hundred", 500, 600, FigureKind.COUNT),
        ("It reached between 3 and 4 million people.", "between 3 and 4 million", 3e6, 4e6, FigureKind.COUNT),
        ("Bids were $1.5 to $2 billion.", "$1.5 to $2 billion", 1.5e9, 2e9, FigureKind.MONEY),
        ("Bids were $5 to 6 billion.", "$5 to 6 billion", 5e9, 6e9, FigureKind.MONEY),
        ("It cost $370,000 to 5.5 million.", "$370,000 to 5.5 million", 370_000, 5.5e6, FigureKind.MONEY),
        ("Output fell from 12 to 9.5 million tonnes.", "from 12 to 9.5 million tonnes", 9.5e6, 12e6, FigureKind.QUANTITY),
    ],
)  # fmt: skip
def test_range_scale_word_belongs_to_the_number_it_follows(text, span, low, high, kind):
    got_span, figure = only_figure(text)
    assert got_span == span
    assert (figure.value, figure.low, figure.high, figure.kind) == (
        None,
        pytest.approx(low),
        pytest.approx(high),
        kind,
    )


@pytest.mark.parametrize(
    "text",
    [
        "9" * 400 + " people came",
        "9" * 300 + " to " + "9" * 300 + " trillion people",
        "1" * 305 + " billion dollars",
        "$" + "9" * 309 + "bn",
        "9" * 500 + "%",
        "hundreds" + " of billions" * 40 + " of people",
    ],
)
def test_figure_values_are_never_nan_or_infinite(text):
    for f in find_figures(text):
        values = [v for v in (f.figure.value, f.figure.low, f.figure.high) if v is not None]
        assert values and all(math.isfinite(v) for v in values), (text[f.start : f.end], values)


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "counted"),
    [
        ("Dozens of people were hurt.", "Dozens", 12, 120, "people"),
        ("Hundreds of Israelis ran.", "Hundreds", 100, 1000, "Israelis"),
        ("Scores of homes burned.", "Scores", 20, 200, "homes"),
        ("Tens of thousands of students study there.", "Tens of thousands", 1e4, 1e5, "students"),
    ],
)
def test_vague_quantity_gets_vague_qualifier_and_range(text, span, low, high, counted):
    got_span, figure = only_figure(text)
    assert got_span == span
    assert figure.qualifier is Qualifier.VAGUE
    assert (figure.low, figure.high) == (low, high)
    assert figure.counted == counted


def test_change_and_level_stay_two_figures():
    text = "Heineken rose 18 sen to RM23.50 and the index gained 0.68 per cent to 3,005.47."
    values = [f.figure.value for f in find_figures(text)]
    assert values == [18, 23.5, 0.68, pytest.approx(3005.47)]


def test_counted_noun_kept_outside_span():
    text = "There had been more than 9,000 fatalities reported."
    span, figure = only_figure(text)
    assert span == "more than 9,000"
    assert figure.counted == "fatalities"


def test_counted_noun_phrase_stops_at_plural_head():
    span, figure = only_figure("A trial will begin with 1,100 public housing properties, each.")
    assert figure.counted == "public housing properties"


@pytest.mark.parametrize(
    "text",
    [
        "The law was passed in 2019 after a long debate.",
        "Hamas attacked on Oct. 7 and again on October 9, 2023.",
        "She died on 8 September in Dar es Salaam.",
        "The meeting starts at 9:35 PM and ends at 11 a.m. sharp.",
        "Posted 05/13/2024 03:39 AM by the desk.",
        "This was his third visit and the 22nd amendment came up.",
        "Read Section 427 before boarding Flight 370 in Row 21.",
        "Leaders of the G7 met while Windows 10 updated.",
        "The iPhone 11 and the S&P 500 were both mentioned.",
        "Call 555-123-4567 for details.",
        "Bristol City beat Charlton 2-1 at Ashton Gate.",
        "The office is at 575 Wilbraham Road.",
        "She grew up in the 1990s.",
        "Each one of them left; no one stayed.",
        "1. Introduction\n2. Methods",
        "He won his first Formula One race at COVID-19 time.",
        "His half-brother scored in the second half-time.",
        "Ahead of the 2018-19 season he moved.",
    ],
)
def test_non_figures_are_not_marked(text):
    assert [text[f.start : f.end] for f in find_figures(text)] == []


def test_date_and_duration_are_not_figures_but_the_percent_beside_them_is():
    text = "On Oct. 7, the number rose by 30 percent in the past 24 hours."
    spans = [text[f.start : f.end] for f in find_figures(text)]
    assert spans == ["30 percent"]


def test_offsets_are_code_points_after_emoji_and_hebrew():
    text = "🇮🇱 שלום: some 1,400 people"
    span, figure = only_figure(text)
    assert span == "some 1,400"
    assert figure.value == 1400


_NUMBERS = ["9" * 160, "$" + "9" * 200, "£1.5", "nine", "hundreds", "1,000", "4"]
_SCALES = ["million", "bn", "trillion", "thousand", "hundred", "of billions", "of millions"]
_JOINS = [" to ", " and ", "-", " people. ", "% and between ", " ", " from "]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_NUMBERS),
            st.lists(st.sampled_from(_SCALES), max_size=16),
            st.sampled_from(_JOINS),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_no_run_of_numbers_and_scale_words_gives_a_non_finite_value(phrases):
    text = "".join(" ".join([n, *scales]) + join for n, scales, join in phrases)
    for f in find_figures(text):
        for v in (f.figure.value, f.figure.low, f.figure.high):
            assert v is None or math.isfinite(v), (text[f.start : f.end], v)


def found_all(text: str) -> list[tuple[str, str, object]]:
    """(text, label, figure) of everything the finder reads: figures, durations, ages."""
    return [(text[f.start : f.end], f.label, f.figure) for f in default_finder().find_all(text)]


@pytest.mark.parametrize(
    ("text", "span", "label", "value", "unit"),
    [
        ("The company has lost money for two years.", "two years", "DATE", 2, "year"),
        ("Talks lasted six months.", "six months", "DATE", 6, "month"),
        ("Investors have 30 days to respond.", "30 days", "DATE", 30, "day"),
        ("Prices jumped in the past 24 hours.", "24 hours", "TIME", 24, "hour"),
        ("A 7-year-old boy was rescued.", "7-year-old", "DATE", 7, "year"),
        ("She is 45 years old.", "45 years old", "DATE", 45, "year"),
        ("A 3-month-old baby cried.", "3-month-old", "DATE", 3, "month"),
        ("They waited half an hour.", "half an hour", "TIME", 0.5, "hour"),
        ("They waited a half hour.", "a half hour", "TIME", 0.5, "hour"),
        ("It was a half-hour drive.", "a half-hour", "TIME", 0.5, "hour"),
        ("The feud has run for three decades.", "three decades", "DATE", 3, "decade"),
        ("The hearing ran 90 minutes.", "90 minutes", "TIME", 90, "minute"),
        ("The 10-year bond rallied.", "10-year", "DATE", 10, "year"),
        ("It takes fewer than 3.5 seconds.", "fewer than 3.5 seconds", "TIME", 3.5, "second"),
    ],
)
def test_duration_age_and_clock_span_are_date_or_time_and_keep_their_value(
    text, span, label, value, unit
):
    [(got, got_label, figure)] = found_all(text)
    assert (got, got_label, figure.value, figure.unit) == (span, label, value, unit)
    assert figure.counted is None
    assert find_figures(text) == []  # a duration is not a figure


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Mr Doherty, 25, was arrested.", "25", 25),
        ("Kenteris, 31, won gold.", "31", 31),
        ("He died in Los Angeles aged 54.", "54", 54),
        ("She had sung from the age of seven.", "seven", 7),
        ("A man aged about 30 fled.", "about 30", 30),
    ],
)
def test_age_is_a_date_not_a_figure(text, span, value):
    [(got, label, figure)] = found_all(text)
    assert (got, label, figure.value, figure.unit) == (span, "DATE", value, "year")


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose 5, 6, 7 and 8 in turn.",
        "Models 147, 156, 166, and GTV were cut.",
        "He is 200 aged.",
    ],
)
def test_numbers_in_a_list_are_not_ages(text):
    assert all(label == "FIGURE" for _, label, _ in found_all(text))


def test_age_range_keeps_both_ends():
    [(span, label, figure)] = found_all("14% of people aged between 18 and 34 said so.")[1:]
    assert (span, label, figure.low, figure.high) == ("between 18 and 34", "DATE", 18, 34)


def test_duration_range_keeps_both_ends():
    [(span, label, figure)] = found_all("The work will take between three and five years.")
    assert (span, label, figure.low, figure.high) == ("between three and five years", "DATE", 3, 5)


def test_durations_beside_figures_leave_the_figures_alone():
    text = "He served 15 years in prison, paid a $50,000 fine and lost 36 hours of pay."
    assert [(s, label) for s, label, _ in found_all(text)] == [
        ("15 years", "DATE"),
        ("$50,000", "FIGURE"),
        ("36 hours", "TIME"),
    ]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("One person died and two were hurt.", ["One", "two"]),
        ("In all, one area was spared.", ["one"]),
        ("She was one of the students.", ["one"]),
        ("It is one of the most dangerous regions.", []),
        ("It is one of the largest banks in Asia.", []),
        ("He was one of the best players of his time.", []),
        ("It was one of its worst years.", []),
        ("He is one of the contest's judges.", ["one"]),
        ("Each one of them left; no one stayed.", []),
    ],
)
def test_one_is_a_figure_only_when_it_counts(text, spans):
    assert [text[f.start : f.end] for f in find_figures(text)] == spans


@pytest.mark.parametrize(
    ("text", "span", "value", "kind"),
    [
        ("Shares rose 8 13/16% in early trade.", "8 13/16%", 8.8125, FigureKind.PERCENT),
        ("The stock closed at 58 1/4 on Friday.", "58 1/4", 58.25, FigureKind.COUNT),
        ("The pipe is 5-1/2 inches wide.", "5-1/2 inches", 5.5, FigureKind.QUANTITY),
        ("It weighs 2 3/4 pounds.", "2 3/4 pounds", 2.75, FigureKind.QUANTITY),
    ],
)
def test_mixed_fraction_is_one_figure_with_its_whole_value(text, span, value, kind):
    got_span, figure = only_figure(text)
    assert (got_span, figure.kind) == (span, kind)
    assert figure.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["Polls in 2019 1/3 of voters.", "Open 24/7 since then.", "The vote went 5 7/11 ways."],
)
def test_year_or_ratio_before_a_fraction_is_not_a_mixed_fraction(text):
    assert all(f.figure.value not in (2019 + 1 / 3, 24 + 7, 5 + 7 / 11) for f in find_figures(text))


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("The group paid #5 million for the stake.", "#5 million", 5e6, "GBP"),
        ("It offered #1.25 a share.", "#1.25", 1.25, "GBP"),
        ("Rents rose to #2,500 a month.", "#2,500", 2500, "GBP"),
        ("Sales were # 100 million.", "# 100 million", 1e8, "GBP"),
        ("Profit was C$1.2 bn in the year.", "C$1.2 bn", 1.2e9, "CAD"),
        ("It earned US$900 mln last year.", "US$900 mln", 9e8, "USD"),
        ("Exports were worth Rs 500 crore.", "Rs 500 crore", 5e9, "INR"),
        ("Each got Rs 5 lakh in aid.", "Rs 5 lakh", 5e5, "INR"),
        ("Imports were ¥3 billion.", "¥3 billion", 3e9, "JPY"),
        ("The fund holds €4.5bn.", "€4.5bn", 4.5e9, "EUR"),
        ("The ticket costs 45€ now.", "45€", 45, "EUR"),
        ("Losses reached £3.2m.", "£3.2m", 3.2e6, "GBP"),
    ],
)
def test_currency_forms_are_money(text, span, value, unit):
    got_span, figure = only_figure(text)
    assert (got_span, figure.kind, figure.unit) == (span, FigureKind.MONEY, unit)
    assert figure.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["He was the #1 seed.", "It went to #10 in the charts.", "#MeToo 5"]
)
def test_hash_before_a_rank_is_not_money(text):
    assert all(f.figure.kind is not FigureKind.MONEY for f in find_figures(text))
    assert all(text[f.start] != "#" for f in find_figures(text))


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("One-fourth of voters agreed.", "One-fourth", 0.25),
        ("Two-thirds of members agreed.", "Two-thirds", 2 / 3),
        ("A quarter of the budget goes to defence.", "A quarter", 0.25),
        ("Three-quarters of staff left.", "Three-quarters", 0.75),
        ("Three fourths of the land is farmed.", "Three fourths", 0.75),
        ("One-fifth of the homes were lost.", "One-fifth", 0.2),
    ],
)
def test_spelled_fraction_is_read_to_its_value(text, span, value):
    got_span, figure = only_figure(text)
    assert got_span == span
    assert figure.value == pytest.approx(value)


def test_spelled_ordinal_is_not_a_fraction():
    assert find_figures("It was the fourth quarter of the year and a third term.") == []


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("Unemployment could reach 10% to 15% next year.", "10% to 15%", 10, 15),
        ("Unemployment could reach 10 to 15 percent.", "10 to 15 percent", 10, 15),
        ("Rates of 8 1/2% to 9 3/4% were offered.", "8 1/2% to 9 3/4%", 8.5, 9.75),
    ],
)
def test_percent_range_is_one_span(text, span, low, high):
    got_span, figure = only_figure(text)
    assert got_span == span
    assert (figure.low, figure.high) == (pytest.approx(low), pytest.approx(high))


_PIECES = [
    "8", " 13/16", "%", "#", "# ", "£", "Rs ", "1,250", "9" * 200, "half", " an", " hour",
    "-year-old", " years", " days", " crore", " lakh", " million", "one", " of the most",
    " to ", "-", " and ", "between ", "two", "-thirds", " minutes", " ", ". ", "1/2",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
def test_everything_read_has_a_finite_value_and_true_offsets(pieces):
    text = "".join(pieces)
    found = default_finder().find_all(text)
    last = 0
    for f in found:
        assert last <= f.start < f.end <= len(text)  # in order, not overlapping, in the text
        last = f.end
        values = [v for v in (f.figure.value, f.figure.low, f.figure.high) if v is not None]
        assert values and all(math.isfinite(v) for v in values), (text[f.start : f.end], values)
        assert f.label in ("FIGURE", "DATE", "TIME")
