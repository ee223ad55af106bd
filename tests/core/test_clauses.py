"""The claim a ClaimReview names: the clause of its sentence that carries the figure."""

from __future__ import annotations

import pytest

from annotations.clauses import clause_bounds
from annotations.text import sentence_bounds


def claim(text: str, quote: str) -> str:
    start = text.index(quote)
    end = start + len(quote)
    a, b = clause_bounds(text, sentence_bounds(text, start, end), start, end)
    return text[a:b]


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("Unemployment fell to 4.2%, the lowest level since 1975, and wages rose 3% last year.",
         "4.2%", "Unemployment fell to 4.2%"),
        ("Unemployment fell to 4.2%, the lowest level since 1975, and wages rose 3% last year.",
         "3%", "wages rose 3% last year."),
        ("In 2004, profits rose 76%; staff numbers fell by 2,000.", "76%", "In 2004, profits rose 76%"),
        ("In 2004, profits rose 76%; staff numbers fell by 2,000.", "2,000", "staff numbers fell by 2,000."),
        ("Prices rose between 2 and 3 percent while wages fell 1%.", "2 and 3 percent",
         "Prices rose between 2 and 3 percent"),
        ("Prices rose between 2 and 3 percent while wages fell 1%.", "1%", "wages fell 1%."),
        ("Acme said profits rose 76% to $1.13bn, according to Jane Smith.", "$1.13bn",
         "Acme said profits rose 76% to $1.13bn"),
        ("About 300 people died.", "300", "About 300 people died."),
        ("First line.\nSome 1,400 people, officials said, were killed", "1,400", "Some 1,400 people, officials said, were killed"),
    ],
)  # fmt: skip
def test_the_claim_is_the_clause_that_carries_the_figure(text, figure, expected):
    assert claim(text, figure) == expected


def test_a_claim_always_holds_its_whole_figure():
    text = "Between 10, 20 and 30 people came."
    assert "10, 20 and 30" in claim(text, "10, 20 and 30")
