"""Prodigy and spaCy data coming in: OntoNotes number labels become FIGUREs with the values the
figure finder reads, other labels not ours are refused one line each unless mapped."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from annotations.cli import cli
from annotations.importers import import_paths
from annotations.model import FigureKind
from annotations.store import Store

TEXT = "Acme paid £644m for 2,000 homes, a rise of 12%, and poured 30 tonnes of concrete."


def _span(quote: str, label: str) -> dict:
    start = TEXT.index(quote)
    return {"start": start, "end": start + len(quote), "label": label, "text": quote}


def _write(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_ontonotes_number_labels_become_figures_with_their_values(tmp_path):
    src = _write(tmp_path / "ner.jsonl", {"id": "x", "text": TEXT, "answer": "accept", "spans": [
        _span("£644m", "MONEY"), _span("2,000", "CARDINAL"), _span("12%", "PERCENT"),
        _span("30 tonnes", "QUANTITY"), _span("Acme", "ORG"),
    ]})  # fmt: skip
    store = Store(tmp_path / "p.db")
    report = import_paths(store, [src])
    assert report.imported == 1 and not report.problems
    spans = {s.text: s for s in store.spans("x")}
    assert {t: s.label for t, s in spans.items()} == {
        "£644m": "FIGURE", "2,000": "FIGURE", "12%": "FIGURE", "30 tonnes": "FIGURE", "Acme": "ORG"}  # fmt: skip
    money, homes, rise, tonnes = (spans[t].figure for t in ("£644m", "2,000", "12%", "30 tonnes"))
    assert (money.kind, money.value, money.unit) == (FigureKind.MONEY, 644e6, "GBP")
    assert (homes.kind, homes.value, homes.counted) == (FigureKind.COUNT, 2000, "homes")
    assert (rise.kind, rise.value) == (FigureKind.PERCENT, 12)
    assert (tonnes.kind, tonnes.value) == (FigureKind.QUANTITY, 30)


def test_a_figure_without_attributes_gets_the_values_the_finder_reads(tmp_path):
    src = _write(
        tmp_path / "f.jsonl", {"id": "x", "text": TEXT, "spans": [_span("2,000", "FIGURE")]}
    )
    store = Store(tmp_path / "p.db")
    import_paths(store, [src])
    (span,) = store.spans("x")
    assert span.figure.value == 2000 and span.figure.counted == "homes"


def _import(tmp_path: Path, *args: str):
    db = tmp_path / "p.db"
    r = CliRunner().invoke(cli, ["--db", str(db), "import", "--no-highlight", *args])
    return r, Store(db)


def test_unknown_labels_are_refused_one_line_each_unless_mapped(tmp_path):
    src = _write(
        tmp_path / "in.jsonl",
        {"id": "p", "text": "The iPhone sold well.", "spans": [{"start": 4, "end": 10, "label": "PRODUCT"}]},
        {"id": "w", "text": "After World War II it grew.", "spans": [{"start": 6, "end": 18, "label": "EVENT_X"}]},
        {"id": "ok", "text": "Acme grew.", "spans": [{"start": 0, "end": 4, "label": "ORG"}]},
    )  # fmt: skip
    r, store = _import(tmp_path, str(src))
    assert r.exit_code == 1
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith(str(src))]
    assert lines == [
        f"{src}:1: span 1: label 'PRODUCT' is not one of {', '.join(_labels())}; "
        "map it with --labels PRODUCT=LABEL",
        f"{src}:2: span 1: label 'EVENT_X' is not one of {', '.join(_labels())}; "
        "map it with --labels EVENT_X=LABEL",
    ]
    assert store.article_ids() == ["ok"]  # the rest of the batch went through
    store.close()
    r, store = _import(tmp_path, str(src), "--labels", "PRODUCT=ORG,EVENT_X=EVENT")
    assert r.exit_code == 0, r.output
    assert [(s.text, s.label) for s in store.spans("p")] == [("iPhone", "ORG")]
    assert [(s.text, s.label) for s in store.spans("w")] == [("World War II", "EVENT")]


def test_a_mapping_to_a_label_not_ours_is_refused_before_anything_is_read(tmp_path):
    src = _write(tmp_path / "in.jsonl", {"text": "Acme grew."})
    r, store = _import(tmp_path, str(src), "--labels", "PRODUCT=THING")
    assert r.exit_code == 2 and "'THING' is not one of" in r.output
    assert "Traceback" not in r.output
    assert store.article_ids() == []


def _labels():
    from annotations.model import LABELS

    return LABELS
