"""Property test of the readers: whatever bytes or records a file holds, import never raises,
says what it skipped as `path:line: reason` in the readers' own words (never "please report"
or "not stored", which would mean a bad value got past the checks), and every stored span
quotes its article's text."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.highlight import load_highlighter
from annotations.importers import import_paths
from annotations.model import LABELS
from annotations.store import Store

LINE = re.compile(r"^.+:\d+: .+$")
ODD_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x00", "\r", "\n", "\ud800", "\udfff", "\ufeff", "\u2028", '"']),
        st.sampled_from(list("Gaza 1,400 percent Biden $")),
    ),
    max_size=60,
)
REAL_TEXT = st.sampled_from(
    [
        "Joe Biden visited Gaza, where some 1,400 people died.",
        "Headline here\r\n\r\nThe UN said 30 percent 😀 left תל אביב.\rMore.",
        "  Padded text with 9,000 deaths in Sudan.  \n",
    ]
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), ODD_TEXT,
)  # fmt: skip
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ODD_TEXT, inner, max_size=4),
    max_leaves=12,
)
OFFSET = st.one_of(st.integers(min_value=-2, max_value=60), st.integers(min_value=0, max_value=60),
                   st.booleans(), SCALARS)  # fmt: skip
FIGURE_SPAN = st.fixed_dictionaries({
    "start": st.integers(min_value=0, max_value=20), "end": st.integers(min_value=1, max_value=40),
    "label": st.just("FIGURE"),
    "figure": st.fixed_dictionaries({}, optional={name: SCALARS for name in ("value", "low", "high",
                                     "unit", "counted", "qualifier", "kind", "verdict")}),
}, optional={"confidence": SCALARS})  # fmt: skip
SPAN = st.one_of(
    FIGURE_SPAN,
    st.fixed_dictionaries(
        {"start": OFFSET, "end": OFFSET, "label": st.one_of(st.sampled_from(LABELS), ODD_TEXT)},
        optional={
            "text": ODD_TEXT, "status": st.sampled_from(["accepted", "rejected", "x"]),
            "confidence": SCALARS, "note": SCALARS, "origin": SCALARS,
            "figure": st.one_of(JSON, st.fixed_dictionaries({}, optional={
                "value": SCALARS, "low": SCALARS, "qualifier": ODD_TEXT, "unit": SCALARS})),
            "sources": st.one_of(JSON, st.lists(st.fixed_dictionaries(
                {"url": st.sampled_from(["https://a.org/x", "ftp://b", ""])},
                optional={"title": SCALARS, "stance": SCALARS}), max_size=2)),
        },
    ),
    JSON,
)  # fmt: skip
RECORD = st.one_of(  # mostly records, some anything at all
    st.fixed_dictionaries(
        {"text": st.one_of(REAL_TEXT, REAL_TEXT, ODD_TEXT, SCALARS)},
        optional={
            "id": SCALARS, "title": SCALARS, "date": SCALARS, "url": SCALARS, "outlet": SCALARS,
            "meta": JSON, "answer": st.sampled_from(["accept", "reject"]), "status": SCALARS,
            "spans": st.one_of(st.lists(SPAN, max_size=4), st.lists(SPAN, max_size=4), SCALARS),
        },
    ),
    JSON.filter(lambda v: not isinstance(v, dict)),
)  # fmt: skip
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])


@pytest.fixture(scope="module")
def rules():
    return load_highlighter("rules")


def check(files: dict[str, bytes], highlighter) -> None:
    with tempfile.TemporaryDirectory() as d:
        for name, data in files.items():
            Path(d, name).write_bytes(data)
        store = Store(Path(d, "p.db"))
        report = import_paths(store, [d], highlighter=highlighter)
        for p in report.problems:
            line = str(p)
            assert LINE.match(line.replace("\n", " ")), line
            assert "please report" not in line and "not stored" not in line, line
        for a in store.iter_articles():
            assert "\r" not in a.text and "\x00" not in a.text
            for s in store.spans(a.id):
                assert a.text[s.start : s.end] == s.text
        assert store.integrity_check() == "ok"
        store.close()


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip


@SETTINGS
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".tsv"]))
def test_random_bytes_never_raise(rules, data, suffix):
    check({"a" + suffix: data, "b" + suffix: b"\xff\xfe" + data}, rules)


@SETTINGS
@given(records=st.lists(RECORD, max_size=5), ending=ENDINGS, encoding=ENCODINGS)
def test_random_jsonl_records_never_raise_and_spans_quote_the_text(
    rules, records, ending, encoding
):
    lines = [json.dumps(r, ensure_ascii=bool(hash(str(r)) % 2)) for r in records]
    check({"r.jsonl": encode(ending.join(lines), encoding)}, rules)


@SETTINGS
@given(
    header=st.lists(st.sampled_from(["id", "text", "title", "date", "url", "x"]), max_size=5),
    rows=st.lists(st.lists(st.one_of(ODD_TEXT, SCALARS.map(str)), max_size=6), max_size=5),
    ending=ENDINGS,
    encoding=ENCODINGS,
    cut=st.integers(min_value=0, max_value=400),
)
def test_random_csv_rows_never_raise(rules, header, rows, ending, encoding, cut):
    out = io.StringIO()
    w = csv.writer(out, lineterminator=ending)
    for row in [header, *rows]:
        w.writerow(row)
    text = out.getvalue()
    check({"r.csv": encode(text, encoding), "cut.csv": encode(text[:cut], encoding)}, rules)
