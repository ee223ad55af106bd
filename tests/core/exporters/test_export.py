"""What every format shares: which spans leave, refusing wrong offsets, cancelling, progress."""

from __future__ import annotations

import json

import pytest

from annotations.exporters import FORMATS, ExportError, ExportOptions, OffsetMismatch, export


def _spans(path) -> dict[str, set[tuple[str, str, str]]]:
    """(text, label, status) of the spans of each article in a JSONL export."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out[rec["id"]] = {(s["text"], s["label"], s["status"]) for s in rec["spans"]}
    return out


def _leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_span_that_does_not_quote_its_article_refuses_the_export(project, tmp_path, fmt):
    # Change the article text under a verified span, behind the store's back (standing the
    # database's guard aside, as an old file or another program might).
    tampered = project.texts["a2"].replace("Thursday", "Thursdax")
    project.store.conn.execute("UPDATE text_guard SET active = 1")
    project.store.conn.execute("UPDATE articles SET text = ? WHERE id = 'a2'", (tampered,))
    project.store.conn.execute("UPDATE text_guard SET active = 0")
    out = tmp_path / f"out{FORMATS[fmt].suffix}"
    with pytest.raises(OffsetMismatch, match=r"article 'a2'.*'Thursday'.*'Thursdax'"):
        export(project.store, fmt, out)
    assert not out.exists()
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_cancelled_export_leaves_no_file(project, tmp_path, fmt):
    out = tmp_path / f"out{FORMATS[fmt].suffix}"
    report = export(project.store, fmt, out, should_stop=lambda: True)
    assert report.cancelled and report.articles == 0
    assert not out.exists() and _leftovers(tmp_path) == []


def test_a_failed_export_keeps_the_previous_file(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out)
    before = out.read_text(encoding="utf-8")
    project.store.conn.execute("UPDATE text_guard SET active = 1")  # tamper behind the store
    project.store.conn.execute("UPDATE articles SET text = 'x' || text WHERE id = 'a1'")
    project.store.conn.execute("UPDATE text_guard SET active = 0")
    with pytest.raises(OffsetMismatch):
        export(project.store, "jsonl", out)
    assert out.read_text(encoding="utf-8") == before


def test_verified_means_decided_spans_of_reviewed_articles(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out)
    spans = _spans(out)
    assert set(spans) == {"a1", "a2"}  # a3 is still in review
    assert {(t, label) for t, label, _ in spans["a1"]} == project.verified["a1"]
    assert {status for _, _, status in spans["a1"]} == {"accepted", "corrected", "added"}


def test_all_adds_unreviewed_articles_and_suggestions_but_never_rejected_spans(project, tmp_path):
    out = tmp_path / "out.jsonl"
    export(project.store, "jsonl", out, ExportOptions(all_articles=True))
    spans = _spans(out)
    assert set(spans) == {"a1", "a2", "a3"}
    assert ("London", "GPE", "suggested") in spans["a1"]
    assert project.rejected not in {t for t, _, _ in spans["a1"]}


def test_status_labels_and_articles_filters(project, tmp_path):
    out = tmp_path / "out.jsonl"
    options = ExportOptions(statuses=["added"], labels=["ORG", "FIGURE"], article_ids=["a2", "a1"])
    export(project.store, "jsonl", out, options)
    assert list(_spans(out).items()) == [
        ("a2", {("Bank of\nEngland", "ORG", "added")}),
        ("a1", {("about 5,000", "FIGURE", "added")}),
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ExportOptions(statuses=["rejected"]), "never export as positives"),
        (ExportOptions(statuses=["maybe"]), "unknown span status 'maybe'"),
        (ExportOptions(labels=["MONEY"]), "unknown label 'MONEY'"),
        (ExportOptions(article_ids=["nope"]), "no article 'nope'"),
        (ExportOptions(split=1.5), "between 0 and 1"),
    ],
)
def test_options_a_user_gets_wrong_are_refused_with_a_reason(project, tmp_path, options, message):
    with pytest.raises(ExportError, match=message):
        export(project.store, "spacy", tmp_path / "out", options)
    assert not (tmp_path / "out").exists()


def test_split_is_for_the_spacy_format(project, tmp_path):
    with pytest.raises(ExportError, match="spacy format only"):
        export(project.store, "conll", tmp_path / "x.conll", ExportOptions(split=0.8))


def test_progress_counts_articles(project, tmp_path):
    seen = []
    export(
        project.store, "conll", tmp_path / "x.conll", on_progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(1, 2), (2, 2)]


def test_a_span_inside_a_spacy_token_is_reported_never_silently_dropped(store, tmp_path):
    from annotations.model import Article, Span

    text = "A pre-2004 deal raised £644m. Then 2005 came."
    inside, money = text.index("2004"), text.index("£644m")
    store.insert_article(Article("x", text, status="reviewed"), [
        Span(inside, inside + 4, "DATE", "2004", status="accepted"),
        Span(money, money + 5, "FIGURE", "£644m", status="accepted"),
        Span(text.index("2005"), text.index("2005") + 4, "DATE", "2005", status="accepted"),
    ])  # fmt: skip
    report = export(store, "jsonl", tmp_path / "x.jsonl")
    rec = json.loads((tmp_path / "x.jsonl").read_text(encoding="utf-8"))
    # The tokens are spaCy's ("pre-2004" one token, "m." one token), never cut to fit a span.
    assert [t["text"] for t in rec["tokens"]][:8] == ["A", "pre-2004", "deal", "raised", "£", "644", "m.", "Then"]  # fmt: skip
    spans = {s["text"]: s for s in rec["spans"]}
    assert set(spans) == {"2004", "£644m", "2005"}  # JSONL keeps every span by its characters
    assert "token_start" not in spans["2004"] and "token_start" not in spans["£644m"]
    assert (spans["2005"]["token_start"], spans["2005"]["token_end"]) == (8, 8)
    assert report.misaligned == 2
    assert report.notes[0].startswith("2 spans do not fall on spaCy token boundaries")
    assert "'2004'" in report.notes[0] and "'pre-2004'" in report.notes[0]
    for fmt, out in (("conll", tmp_path / "x.conll"), ("spacy", tmp_path / "x.spacy")):
        report = export(store, fmt, out)
        assert report.misaligned == 2 and "spaCy token boundaries" in report.notes[0], fmt
    conll = (tmp_path / "x.conll").read_text(encoding="utf-8")
    assert "2005 -X- -X- B-DATE" in conll and "pre-2004 -X- -X- O" in conll
