"""Figures by the OntoNotes conventions the spaCy exports train with, on project-made sentences.

``data/ontonotes_style.jsonl`` holds news-like sentences written for this project, each with the
spans OntoNotes would mark: counts, money, percentages and measures are FIGURE (CARDINAL, MONEY,
PERCENT, QUANTITY there); durations and ages are DATE; spans of less than a day and clock times
are TIME. A duration keeps its value on its DATE or TIME span.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.highlight import load_highlighter

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "ontonotes_style.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]  # fmt: skip
_LABELS = ("FIGURE", "DATE", "TIME")


@pytest.fixture(scope="module")
def rules():
    return load_highlighter("rules")


@pytest.fixture(scope="module")
def bundled():
    return load_highlighter()


@pytest.fixture(params=["rules", "bundled"])
def highlighter(request):
    return request.getfixturevalue(request.param)


def _values(figure) -> list[float]:
    if figure is None:
        return []
    if figure.value is not None:
        return [figure.value]
    return [figure.low, figure.high]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:48] for c in CASES])
def test_sentence_is_highlighted_by_ontonotes_conventions(highlighter, case):
    spans = [s for s in highlighter.highlight(case["text"]) if s.label in _LABELS]
    got = {(s.text, s.label): s for s in spans}
    for text, label, value in case["spans"]:
        assert (text, label) in got, (text, label, [(s.text, s.label) for s in spans])
        if value is not None:
            wanted = value if isinstance(value, list) else [value]
            assert _values(got[text, label].figure) == pytest.approx(wanted, rel=1e-3)
    figures = {text for text, label, _ in case["spans"] if label == "FIGURE"}
    assert [s.text for s in spans if s.is_figure and s.text not in figures] == []


def test_fixture_covers_every_convention():
    labels = {label for case in CASES for _, label, _ in case["spans"]}
    assert labels == set(_LABELS)
    assert any(not case["spans"] for case in CASES)  # sentences with nothing to mark
