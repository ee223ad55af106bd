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

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "ontonotes_style.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]  # fmt: skip
_LABELS = ("FIGURE", "DATE", "TIME")


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


@pytest.mark.parametrize(
    "text", ["Shares rose 1.25 percent to $12.30.", "The index fell 10.15 points to 2,034.50."]
)
def test_no_clock_time_is_read_inside_a_figure(highlighter, text):
    spans = highlighter.highlight(text)
    figures = [s for s in spans if s.is_figure]
    assert len(figures) == 2
    assert [s.text for s in spans if s.label == "TIME"] == []


def test_a_duration_inside_a_date_gives_it_its_value_and_clock_label(rules):
    [span] = rules.highlight("Prices jumped in the past 24 hours.")
    assert (span.text, span.label, span.figure.value, span.figure.unit) == (
        "the past 24 hours",
        "TIME",
        24,
        "hour",
    )


def test_highlight_output_gives_a_duration_its_value_and_the_project_keeps_the_time_span(
    tmp_path,
):
    from click.testing import CliRunner

    from annotations.cli import cli
    from annotations.store import Store

    text = "Displacement rose 30 percent in the past 24 hours."
    (tmp_path / "a.txt").write_text(f"Headline\n{text}\n", encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(cli, ["highlight", "--model", "rules", str(tmp_path / "a.txt")])
    assert r.exit_code == 0, r.output
    [record] = [json.loads(line) for line in r.output.splitlines() if line.startswith("{")]
    spans = {s["text"]: s for s in record["spans"]}
    assert spans["the past 24 hours"]["label"] == "TIME"
    assert spans["the past 24 hours"]["figure"]["value"] == 24
    assert spans["the past 24 hours"]["figure"]["unit"] == "hour"
    assert spans["30 percent"]["figure"]["value"] == 30

    db = tmp_path / "p.db"
    r = runner.invoke(cli, ["--db", str(db), "import", "--model", "rules", str(tmp_path / "a.txt")])
    assert r.exit_code == 0, r.output
    stored = {s.text: s for s in Store(db).spans(record["id"])}
    assert stored["the past 24 hours"].label == "TIME"
    assert stored["the past 24 hours"].figure is None  # values are kept on FIGURE spans
    assert stored["30 percent"].figure.value == 30


def test_an_imported_figure_over_a_duration_keeps_the_value_the_finder_reads(tmp_path):
    from annotations.importers import import_paths
    from annotations.store import Store

    text = "The company has lost money for two years."
    start = text.index("two years")
    record = {
        "id": "x",
        "text": text,
        "spans": [{"start": start, "end": start + 9, "label": "FIGURE"}],
    }
    (tmp_path / "f.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = Store(tmp_path / "p.db")
    assert not import_paths(store, [tmp_path / "f.jsonl"]).problems
    (span,) = store.spans("x")
    assert (span.label, span.figure.value, span.figure.unit) == ("FIGURE", 2, "year")
