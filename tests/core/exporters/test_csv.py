"""CSV of figures: one row per verified figure with its sentence, verdict and sources."""

from __future__ import annotations

import csv

from annotations.exporters import export


def test_csv_has_a_row_per_verified_figure(project, tmp_path):
    out = tmp_path / "figures.csv"
    export(project.store, "csv", out)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["text"] for r in rows] == ["76%", "$1.13bn", "2,000", "about 5,000", "4.75%"]
    by_text = {r["text"]: r for r in rows}
    assert by_text["76%"]["sources"] == "https://example.org/report"
    assert by_text["76%"]["verdict"] == "supported"
    assert by_text["$1.13bn"]["verdict"] == "false"
    assert by_text["2,000"]["sentence"] == "Workers in תל אביב got 2,000 new jobs 🎉."
    assert by_text["2,000"]["counted"] == "new jobs"
    assert by_text["about 5,000"]["qualifier"] == "approximately"
    assert float(by_text["about 5,000"]["value"]) == 5000


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(store, tmp_path):
    from annotations.model import Article, ArticleStatus, Figure, Span, SpanStatus

    text = "Some 1,400 killed."
    store.insert_articles([(
        Article(id="evil", text=text, title='=HYPERLINK("http://x.test","click")',
                outlet="+cmd|' /C calc'!A0", status=ArticleStatus.REVIEWED),
        [Span(start=5, end=10, label="FIGURE", text="1,400", status=SpanStatus.ACCEPTED,
              note="@SUM(1+1)", figure=Figure(value=-1400.0, counted="-killed"))],
        None,
    )])  # fmt: skip
    out = tmp_path / "figures.csv"
    export(store, "csv", out)
    with out.open(encoding="utf-8", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["title"] == '\'=HYPERLINK("http://x.test","click")'
    assert row["outlet"] == "'+cmd|' /C calc'!A0"
    assert row["note"] == "'@SUM(1+1)"
    assert row["counted"] == "'-killed"
    assert float(row["value"]) == -1400.0  # a number stays a number


def test_sources_carry_their_stance_in_the_same_order(project, tmp_path):
    from annotations.model import Source

    store = project.store
    (span,) = [s for s in store.spans("a1") if s.text == "76%"]
    store.link_source(span.id, Source("https://example.org/rebuttal"), stance="contradicts")
    out = tmp_path / "figures.csv"
    export(store, "csv", out)
    with out.open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["text"] == "76%")
    pairs = dict(zip(row["sources"].split(), row["stances"].split(), strict=True))
    assert pairs == {"https://example.org/report": "supports",
                     "https://example.org/rebuttal": "contradicts"}  # fmt: skip


def test_excel_csv_starts_with_a_byte_order_mark_and_keeps_every_character(project, tmp_path):
    from annotations.exporters import ExportOptions

    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    export(project.store, "csv", plain)
    export(project.store, "csv", excel, ExportOptions(excel=True))
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
    # What Excel (and pandas with encoding="utf-8-sig") reads: the same table as the plain file.
    with excel.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["article_id"] == "a1"  # the BOM is not glued to the first header
    assert any("תל אביב" in r["sentence"] for r in rows)


def test_excel_is_refused_for_other_formats(project, tmp_path):
    import pytest

    from annotations.exporters import ExportError, ExportOptions

    with pytest.raises(ExportError, match="--excel applies to the csv format only"):
        export(project.store, "jsonl", tmp_path / "x.jsonl", ExportOptions(excel=True))
