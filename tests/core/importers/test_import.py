"""Importing articles: every input shape, every kind of bad input, duplicates and --update."""

from __future__ import annotations

import json
from pathlib import Path

from annotations.importers import CsvOptions, import_paths
from annotations.model import ArticleStatus, Span, SpanStatus
from annotations.store import Store

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
BBC_CP1252 = (
    Path(__file__).resolve().parents[4] / "shared" / "data" / "bbc_news" / "sport" / "199.txt"
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def reasons(report) -> list[str]:
    return [str(p) for p in report.problems]


def test_seeds_import_with_dates_and_without_their_headers(store):
    report = import_paths(store, [SEEDS])
    assert report.imported == 5 and report.skipped == 0
    a = store.article("003_49cb2a8c40627ad3")
    assert a.published == "2023-11-03"
    assert a.text.startswith("Blinken Meets Netanyahu")
    assert a.title == "Blinken Meets Netanyahu With Focus on War Hostages, Civilians"
    assert all(not store.article(i).text.lstrip().startswith("date ") for i in store.article_ids())
    assert store.article("001_8f26eaed7ecbf2d0").published is None


def test_folders_are_read_recursively_and_the_stem_is_the_id(store, tmp_path):
    write(tmp_path / "in" / "a" / "one.txt", "Headline one here today\n\nBody of one.")
    write(tmp_path / "in" / "b" / "c" / "two.txt", "Body of two.")
    write(tmp_path / "in" / "notes.md", "ignored")
    report = import_paths(store, [tmp_path / "in"])
    assert report.imported == 2 and store.article_ids() == ["one", "two"]


def test_importing_the_same_articles_again_changes_nothing(store):
    import_paths(store, [SEEDS])
    before = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    report = import_paths(store, [SEEDS])
    assert report.imported == 0 and report.unchanged == 5 and report.skipped == 0
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == before


def test_same_text_under_another_id_is_a_duplicate(store, tmp_path):
    write(tmp_path / "x.txt", "Some 1,400 people were killed.")
    write(tmp_path / "copy" / "y.txt", "Some 1,400 people were killed.")
    report = import_paths(store, [tmp_path])
    assert report.imported == 1 and report.duplicates == 1


def test_same_id_with_different_text_is_reported_not_overwritten(store, tmp_path):
    write(tmp_path / "v1" / "art.txt", "Original text of the article.")
    write(tmp_path / "v2" / "art.txt", "Changed text of the article.")
    import_paths(store, [tmp_path / "v1"])
    report = import_paths(store, [tmp_path / "v2"])
    assert (
        report.skipped == 1 and "already in the project with different text" in reasons(report)[0]
    )
    assert store.article("art").text == "Original text of the article."


def test_update_keeps_reviewed_spans_still_found_and_flags_the_rest(store, tmp_path):
    old = "Blinken met Netanyahu in Tel Aviv. Some 1,400 people were killed."
    write(tmp_path / "v1" / "art.txt", old)
    import_paths(store, [tmp_path / "v1"])
    with store.transaction():
        store._insert_spans(
            "art", [Span(0, 7, "PERSON", "Blinken"), Span(12, 21, "PERSON", "Netanyahu")], "t"
        )
    keep, lost = store.spans("art")
    store.accept(keep.id)
    store.accept(lost.id)
    store.mark_reviewed("art")
    write(
        tmp_path / "v2" / "art.txt",
        "Update: Blinken met Israeli leaders in Tel Aviv. Some 1,400 people were killed.",
    )
    report = import_paths(store, [tmp_path / "v2"], update=True)
    assert report.updated == 1
    art = store.article("art")
    spans = store.spans("art")
    assert [(s.text, s.status) for s in spans] == [("Blinken", SpanStatus.ACCEPTED)]
    assert art.text[spans[0].start : spans[0].end] == "Blinken"
    assert art.status is ArticleStatus.IN_REVIEW and "Netanyahu" in art.meta["flagged"]


def test_bad_inputs_get_one_line_each_and_the_rest_imports(store, tmp_path):
    write(tmp_path / "good.txt", "A good article about 30 percent growth.")
    write(tmp_path / "binary.txt", b"\x89PNG\x00\x00\x01")
    write(tmp_path / "empty.txt", "   \n")
    write(tmp_path / "baddate.txt", " date 2023-13-45 Text after a bad date.")
    write(tmp_path / "feed.jsonl", "\n".join([
        json.dumps({"id": "j1", "text": "First record."}),
        "{not json",
        json.dumps({"id": "j2", "title": "no text"}),
        json.dumps({"id": "j3", "text": "Dated badly.", "date": "yesterday-ish"}),
        json.dumps({"id": "j1", "text": "Repeated id."}),
        json.dumps({"id": "j4", "text": "Span off.", "spans": [{"start": 0, "end": 99, "label": "ORG"}]}),
        json.dumps({"id": "j5", "text": "Last record."}),
    ]))  # fmt: skip
    write(tmp_path / "notext.csv", "title,body\nA,B\n")
    write(
        tmp_path / "rows.csv",
        "id,text,date\nc1,Row one text.,2024-01-02\nc2,,2024-01-02\nc3,Row three.,31/31/2024\nc1,Again.,\n",
    )
    report = import_paths(store, [tmp_path])
    lines = reasons(report)
    expect = {
        "binary.txt:1: binary file",
        "empty.txt:1: empty file",
        "baddate.txt:1: date '2023-13-45'",
        "feed.jsonl:2: invalid JSON",
        "feed.jsonl:3: no 'text'",
        "feed.jsonl:4: date 'yesterday-ish' does not parse",
        "feed.jsonl:5: id 'j1' repeats line 1",
        "feed.jsonl:6: span 1: offsets 0..99 are outside the text",
        "notext.csv:1: no 'text' column",
        "rows.csv:3: empty 'text'",
        "rows.csv:4: date '31/31/2024' does not parse",
        "rows.csv:5: id 'c1' repeats line 2",
    }
    for e in expect:
        assert any(e in line for line in lines), (e, lines)
    assert report.skipped == len(expect) == len(lines)
    assert sorted(store.article_ids()) == ["c1", "good", "j1", "j5"]
    assert store.integrity_check() == "ok"


def test_cp1252_file_is_read_with_a_warning_naming_it(store, tmp_path):
    p = write(tmp_path / "latin.txt", "Café prices rose by 5% – a record.".encode("cp1252"))
    report = import_paths(store, [p])
    assert report.imported == 1 and report.skipped == 0
    assert "latin.txt:1: not UTF-8; read as cp1252" in reasons(report)[0]
    assert store.article("latin").text == "Café prices rose by 5% – a record."


def test_real_bbc_cp1252_article(store):
    if not BBC_CP1252.exists():
        import pytest

        pytest.skip("../shared/data/bbc_news is not on this machine")
    report = import_paths(store, [BBC_CP1252])
    assert report.imported == 1 and "not UTF-8" in reasons(report)[0]


def test_utf8_bom_and_crlf_are_normalised(store, tmp_path):
    p = write(
        tmp_path / "bom.txt", "\ufeffHeadline of the story here\r\n\r\nBody line.\r\n".encode()
    )
    import_paths(store, [p])
    assert store.article("bom").text == "Headline of the story here\n\nBody line."


def test_jsonl_spans_come_in_as_suggestions_or_verified_with_accept(store, tmp_path):
    text = "Joe Biden visited Israel."
    write(tmp_path / "p.jsonl", "\n".join([
        json.dumps({"id": "s", "text": text, "meta": {"source": "feed"},
                    "spans": [{"start": 0, "end": 9, "label": "PERSON"}]}),
        json.dumps({"id": "v", "text": text + " ", "answer": "accept", "url": "https://x.org/a",
                    "spans": [{"start": 18, "end": 24, "label": "GPE"}]}),
    ]))  # fmt: skip
    report = import_paths(store, [tmp_path / "p.jsonl"])
    assert report.imported == 2
    (s,) = store.spans("s")
    assert (s.text, s.status, s.origin) == ("Joe Biden", SpanStatus.SUGGESTED, "feed")
    (v,) = store.spans("v")
    assert (v.text, v.status) == ("Israel", SpanStatus.ACCEPTED)
    assert (
        store.article("v").status is ArticleStatus.REVIEWED
        and store.article("v").url == "https://x.org/a"
    )


def test_csv_with_named_columns(store, tmp_path):
    write(
        tmp_path / "feed.csv", "key,headline,body,day\nk1,Rates rise,Rates rose by 2%.,2024-03-01\n"
    )
    report = import_paths(store, [tmp_path / "feed.csv"],
                          csv_options=CsvOptions(text="body", id="key", title="headline", date="day"))  # fmt: skip
    assert report.imported == 1
    a = store.article("k1")
    assert (a.title, a.text, a.published) == ("Rates rise", "Rates rose by 2%.", "2024-03-01")


def test_emoji_hebrew_arabic_offsets_survive_import(store, tmp_path):
    text = "👩‍👩‍👧 Families in תל אביב and غزة said 😀 30 percent left."
    i = text.index("30 percent")
    j = text.index("غزة")
    write(tmp_path / "u.jsonl", json.dumps({"id": "u", "text": text, "spans": [
        {"start": i, "end": i + 10, "label": "FIGURE", "figure": {"value": 30, "kind": "percent"}},
        {"start": j, "end": j + 3, "label": "GPE"}]}, ensure_ascii=False))  # fmt: skip
    import_paths(store, [tmp_path / "u.jsonl"])
    reopened = Store(store.path)
    spans = reopened.spans("u")
    assert [s.text for s in spans] == ["غزة", "30 percent"]
    assert spans[1].figure.value == 30 and spans[1].figure.kind.value == "percent"


def test_import_stores_highlighter_suggestions(store, suggests_gaza):
    import_paths(store, [SEEDS], highlighter=suggests_gaza())
    spans = store.spans("002_f59a569196d92557")
    assert spans and all(s.status is SpanStatus.SUGGESTED and s.origin == "rules" for s in spans)
