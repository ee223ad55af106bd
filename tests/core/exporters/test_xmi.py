"""UIMA CAS XMI for INCEpTION, read back with dkpro-cassis (the library INCEpTION's team wrote):
the sofa is the article text, and every span comes back with its label and figure attributes."""

from __future__ import annotations

import pytest
from cassis import load_cas_from_xmi, load_typesystem

from annotations.exporters import ExportOptions, export
from annotations.exporters.xmi import FIGURE_TYPE, NAMED_ENTITY
from annotations.model import Article, Figure, Span
from annotations.store import Store


def _read(folder):
    with (folder / "TypeSystem.xml").open("rb") as f:
        ts = load_typesystem(f)
    out = {}
    for path in sorted(folder.glob("*.xmi")):
        with path.open("rb") as f:
            out[path.stem] = load_cas_from_xmi(f, typesystem=ts)
    return out


FIGURE_FIELDS = ("value", "low", "high", "qualifier", "unit", "counted", "kind", "verdict")


def _expected(store: Store, article_id: str, options: ExportOptions) -> set[tuple]:
    statuses = options.span_statuses()
    out = set()
    for s in store.spans(article_id):
        if s.status not in statuses:
            continue
        if s.is_figure:
            figure = s.figure.to_dict()
            attrs = tuple(figure[k] for k in FIGURE_FIELDS)
            out.add((FIGURE_TYPE, s.start, s.end, s.text, attrs, s.status.value, s.note, s.uuid))
        else:
            out.add((NAMED_ENTITY, s.start, s.end, s.text, s.label))
    return out


def _found(cas) -> set[tuple]:
    out = set()
    for a in cas.select(NAMED_ENTITY):
        out.add((NAMED_ENTITY, a.begin, a.end, a.get_covered_text(), a.value))
    for a in cas.select(FIGURE_TYPE):
        attrs = tuple(getattr(a, k) for k in FIGURE_FIELDS)
        out.add(
            (FIGURE_TYPE, a.begin, a.end, a.get_covered_text(), attrs, a.status, a.note, a.uuid)
        )
    return out


@pytest.mark.parametrize("all_articles", [False, True])
def test_xmi_reads_back_in_cassis_with_every_span_and_attribute(project, tmp_path, all_articles):
    options = ExportOptions(all_articles=all_articles)
    out = tmp_path / "xmi"
    report = export(project.store, "xmi", out, options)
    cases = _read(out)
    assert sorted(cases) == (["a1", "a2", "a3"] if all_articles else ["a1", "a2"])
    for article_id, cas in cases.items():
        assert cas.sofa_string == project.texts[article_id]  # emoji and Hebrew included
        assert _found(cas) == _expected(project.store, article_id, options)
    assert report.spans == sum(len(_found(c)) for c in cases.values())
    [figure] = [a for a in cases["a1"].select(FIGURE_TYPE) if a.get_covered_text() == "76%"]
    assert figure.sources == "supports https://example.org/report"
    assert figure.value == 76.0 and figure.kind == "percent" and figure.verdict == "supported"


def test_xmi_writes_what_xml_cannot_hold_as_a_replacement_of_the_same_length(tmp_path):
    text = "Form\x0cfeed: 1,400 people\x1d died.\r\nEnd."
    store = Store(tmp_path / "p.db")
    start = text.index("1,400")
    store.insert_article(Article("x", text), [
        Span(start, start + 5, "FIGURE", "1,400", figure=Figure(value=1400, unit="bad\x0bunit"))
    ])  # fmt: skip
    out = tmp_path / "xmi"
    report = export(store, "xmi", out, ExportOptions(all_articles=True))
    [cas] = _read(out).values()
    assert cas.sofa_string == text.replace("\x0c", "\ufffd").replace("\x1d", "\ufffd")
    [figure] = cas.select(FIGURE_TYPE)
    assert figure.get_covered_text() == "1,400" and figure.unit == "bad\ufffdunit"
    assert any("2 control character(s)" in n for n in report.notes)
    store.close()
