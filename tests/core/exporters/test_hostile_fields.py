"""No field can change an export's shape: line breaks, tabs and bad addresses in article text,
labels, notes, titles and URLs, read back by the real consumers (bratly, spaCy's CoNLL reader,
pyld for the W3C JSON-LD)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotations.exporters import ExportOptions, export
from annotations.exporters.base import Tokens, line_label, training_label
from annotations.exporters.brat import brat_label
from annotations.model import Article, Figure, Source, Span
from annotations.store import Store
from annotations.urls import normalise_url

# Every line break str.splitlines knows (but \r\n: bratly reads the .txt with universal
# newlines, which would shorten it), tabs, a brat line and a CoNLL document start, markup.
TEXT = (
    "Dr <b>Evil</b>\tSmith said\u2028 1,400 people\x85 died.\r"
    "-DOCSTART- -X- O O\n"
    "T99\tPERSON 0 4\tinjected\x0b and \x1c 20\x0c trucks\x1d in\x1e <i>Gaza</i>.\u2029End."
)
INJECT = "ok\nT99\tPERSON 0 4\tinjected\n#9\tAnnotatorNotes T1\tx\r\u2028N9\tReference T1 URL:x\ty"
GOOD_URL = "http://xn--pple-43d.com/report"
BAD_URLS = ("https://example.org/a\nT96\tPERSON 0 4\tx", "javascript:alert(1)")
BREAKS = "\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _span(quote: str, label: str, **kw) -> Span:
    start = TEXT.index(quote)
    return Span(start, start + len(quote), label, quote, **kw)


@pytest.fixture
def hostile(tmp_path) -> Store:
    store = Store(tmp_path / "hostile.db", reviewer="Ada\n\tT95")
    spans = [
        _span("Evil</b>\tSmith", "PERSON"),
        _span("said\u2028 1,400 people\x85 died", "FIGURE", figure=Figure(value=1400, unit=INJECT)),
        _span("20\x0c trucks", "FIGURE", figure=Figure(value=20)),
        _span("Gaza", "GPE\nT98\tPERSON 0 4"),  # a label that came in with an import
    ]
    store.insert_article(
        Article("evil\n\tT94", TEXT, title=INJECT, url="javascript:alert(1)", outlet=INJECT), spans
    )
    ids = {s.text: s.id for s in store.spans("evil\n\tT94")}
    figure = ids["said\u2028 1,400 people\x85 died"]
    store.set_note(figure, INJECT)
    store.set_verdict(figure, "false")
    store.link_source(figure, Source("http://аpple.com/report", title=INJECT), excerpt=INJECT)
    # A project written before URLs were checked: addresses no exporter may pass on.
    with store.transaction():
        for url in BAD_URLS:
            cur = store.conn.execute(
                "INSERT INTO sources(url, title, created_at) VALUES (?, ?, '2020-01-01')",
                (url, INJECT),
            )
            store.conn.execute(
                "INSERT INTO span_sources(span_id, source_id, stance, created_at)"
                " VALUES (?, ?, 'supports', '2020-01-01')",
                (figure, cur.lastrowid),
            )
    return store


def _export(store: Store, fmt: str, out: Path) -> Path:
    export(store, fmt, out, ExportOptions(all_articles=True))
    return out


def test_brat_ann_parses_in_bratly_into_exactly_the_spans_notes_and_sources(hostile, tmp_path):
    from bratly import EntityAnnotation, NormalizationAnnotation, NoteAnnotation
    from bratly.io import read_and_load_txt_file

    out = _export(hostile, "brat", tmp_path / "brat")
    [txt] = out.glob("*.txt")
    assert txt.read_bytes().decode("utf-8") == TEXT
    raw = txt.with_suffix(".ann").read_text(encoding="utf-8")
    lines = raw.split("\n")[:-1]
    assert raw.splitlines() == lines  # no hidden line break anywhere
    doc = read_and_load_txt_file(
        str(txt), ann_no_duplicates=False, ann_sorting=False, ann_renumerotize=False
    )
    [collection] = doc.annotation_collections
    parsed = collection.get_annotations()
    assert len(parsed) == len(lines)  # bratly quietly drops a line it cannot read
    entities = [a for a in parsed if isinstance(a, EntityAnnotation)]
    notes = [a for a in parsed if isinstance(a, NoteAnnotation)]
    norms = [a for a in parsed if isinstance(a, NormalizationAnnotation)]
    assert len(entities) + len(notes) + len(norms) == len(parsed)

    spans = hostile.spans("evil\n\tT94")
    got = {(e.label, e.fragments[0].start, e.fragments[-1].end): e for e in entities}
    assert sorted(got) == sorted((brat_label(s.label), s.start, s.end) for s in spans)
    assert got[("GPE_T98_PERSON_0_4", TEXT.index("Gaza"), TEXT.index("Gaza") + 4)]
    for e in entities:
        pieces = [TEXT[f.start : f.end] for f in e.fragments]
        assert e.content == " ".join(pieces)
        assert not any(ch in BREAKS for piece in pieces for ch in piece)
    assert doc.check_ann_compatibility_with_txt()

    by_target = {n.component.id: n.value for n in notes}
    assert sorted(by_target) == sorted(e.id for e in entities)  # one note for each span
    figure = next(e for e in entities if e.content.startswith("said"))
    folded = " ".join(INJECT.split())
    assert f"note={folded}" in by_target[figure.id] and f"unit={folded}" in by_target[figure.id]
    assert "sources left out=2" in by_target[figure.id]
    assert norms == []  # sources are in the note: INCEpTION's reader refuses N lines
    # The one http address, with its stance and folded title; the two others are left out.
    assert by_target[figure.id].count("source=") == 1
    assert f"source=supports {GOOD_URL} {folded}" in by_target[figure.id]


# INCEpTION's brat reader (BratAnnotationDocument.read and the line patterns of
# BratTextAnnotation and BratNoteAnnotation), in Python: a line starting with anything but
# # T A M R E is "Unknown annotation format", and Java's `.` stops at these line terminators.
_JAVA_DOT = "[^\n\r\u0085\u2028\u2029]"
INCEPTION_LINES = {
    "T": re.compile(
        f"T[0-9]+\t[a-zA-Z0-9_][a-zA-Z0-9_\\-]* [0-9]+ [0-9]+(;[0-9]+ [0-9]+)*\t{_JAVA_DOT}*"
    ),
    "#": re.compile(f"#[0-9]+\t[a-zA-Z_][a-zA-Z0-9_\\-]+ [ETR][0-9]+\t{_JAVA_DOT}*"),
}


def test_brat_ann_lines_match_inceptions_brat_reader(hostile, tmp_path):
    # An imported label neither brat nor INCEpTION takes as a type.
    hostile.insert_article(Article("odd", "In der Straße."), [Span(7, 13, "Ort/Straße", "Straße")])
    out = _export(hostile, "brat", tmp_path / "brat")
    lines = [ln for ann in sorted(out.glob("*.ann"))
             for ln in ann.read_text(encoding="utf-8").split("\n")[:-1]]  # fmt: skip
    assert {ln[0] for ln in lines} == {"T", "#"} and len(lines) == 10
    for line in lines:
        assert INCEPTION_LINES[line[0]].fullmatch(line), line


def test_conll_has_one_token_a_line_and_reads_back_the_entities(hostile, tmp_path):
    from spacy.training.converters import conll_ner_to_docs

    out = tmp_path / "out.conll"
    report = export(hostile, "conll", out, ExportOptions(all_articles=True))
    raw = out.read_text(encoding="utf-8")
    lines = raw.split("\n")
    assert raw.splitlines() == lines[:-1]
    assert lines.count("-DOCSTART- -X- O O") == 1  # the article's own "-DOCSTART-" is words
    rows = [ln.split(" ") for ln in lines if ln and ln != "-DOCSTART- -X- O O"]
    assert all(len(r) == 4 and r[1:3] == ["-X-", "-X-"] for r in rows)
    toks = Tokens.of(TEXT)
    words = [TEXT[a:b] for a, b in zip(toks.starts, toks.ends, strict=True)]
    assert [r[0] for r in rows] == [w for w in words if not w.isspace()]
    [doc] = conll_ner_to_docs(raw, n_sents=0)
    spans = hostile.spans("evil\n\tT94")
    expected = {
        (tuple(w for a, b, w in zip(toks.starts, toks.ends, words, strict=True)
               if s.start <= a and b <= s.end and not w.isspace()),
         line_label(training_label(s, keep_figure=False)))
        for s in spans if toks.bounds(s) is not None
    }  # fmt: skip
    assert {(tuple(t.text for t in e), e.label_) for e in doc.ents} == expected
    # "Gaza" in "<i>Gaza</i>" is inside spaCy's token "Gaza</i": said, not silently lost.
    assert report.misaligned == 1 and "'Gaza'" in report.notes[0]
    assert len(expected) == len(spans) - 1


def test_jsonl_escapes_the_unicode_line_breaks_json_leaves_raw(hostile, tmp_path):
    out = _export(hostile, "jsonl", tmp_path / "out.jsonl")
    raw = out.read_text(encoding="utf-8")
    assert len(raw.splitlines()) == 1
    assert json.loads(raw)["text"] == TEXT


def _ids(node, found: list[str]) -> list[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "@id":
                found.append(v)
            else:
                _ids(v, found)
    elif isinstance(node, list):
        for v in node:
            _ids(v, found)
    return found


def test_w3c_targets_and_links_expand_in_pyld_to_http_urls_or_our_urns(hostile, tmp_path):
    from pyld import jsonld

    context = json.loads((Path(__file__).parent / "data" / "anno.jsonld").read_text())

    def loader(url, options=None):
        assert url == "http://www.w3.org/ns/anno.jsonld"  # nothing else, and no network
        return {"contextUrl": None, "documentUrl": url, "document": context}

    out = _export(hostile, "w3c", tmp_path / "out.jsonld")
    expanded = jsonld.expand(
        json.loads(out.read_text(encoding="utf-8")), {"documentLoader": loader}
    )
    oa = "http://www.w3.org/ns/oa#"
    ids = _ids(expanded, [])
    ours = ("urn:factmark", "urn:uuid:")  # our names, and the spans' UUIDs
    assert ids and all(i.startswith(ours) or normalise_url(i) == i for i in ids)
    annotations = expanded[0]["http://www.w3.org/ns/activitystreams#first"][0][
        "http://www.w3.org/ns/activitystreams#items"
    ][0]["@list"]
    assert len(annotations) == 4
    targets = {a[f"{oa}hasTarget"][0][f"{oa}hasSource"][0]["@id"] for a in annotations}
    assert targets == {"urn:factmark:article:evil%0A%09T94"}  # not javascript:alert(1)
    links = [b[f"{oa}hasSource"][0]["@id"] for a in annotations for b in a[f"{oa}hasBody"]
             if f"{oa}hasSource" in b]  # fmt: skip
    assert links[0] == GOOD_URL and all(u.startswith("urn:factmark:source:") for u in links[1:])
    assert len(links) == 3


def test_claimreview_urls_are_only_normalised_http_addresses(hostile, tmp_path):
    out = _export(hostile, "claimreview", tmp_path / "out.jsonld")
    [review] = json.loads(out.read_text(encoding="utf-8"))["@graph"]
    # A javascript: article address is no appearance at all, and no urn: stands in for it.
    assert "appearance" not in review["itemReviewed"]
    assert "firstAppearance" not in review["itemReviewed"]
    assert [c.get("url") for c in review["citation"]] == [GOOD_URL, None, None]
    assert all(c["name"] == INJECT for c in review["citation"])  # JSON carries text as text


def test_figures_csv_lists_only_normalised_source_urls(hostile, tmp_path):
    import csv

    out = _export(hostile, "csv", tmp_path / "figures.csv")
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["sources"] for r in rows] == [GOOD_URL, ""]
    assert rows[0]["note"] == INJECT  # text stays text, quoted by the csv module
