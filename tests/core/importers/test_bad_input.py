"""Bad input, one case at a time, through `factmark import` as a user runs it: each gets one
`path:line: reason` line, exit code 1, nothing of it in the project, and the good records
around it imported."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import LABELS
from annotations.store import Store

GOOD = json.dumps({"id": "good", "text": "A good record about 30 percent growth."})
AFTER = json.dumps({"id": "after", "text": "The record after the bad one."})
TEXT = "Joe Biden visited Gaza on Monday."


def jsonl(*lines: str) -> str:
    return "\n".join([GOOD, *lines, AFTER]) + "\n"


def span_record(**span) -> str:
    return json.dumps({"id": "bad", "text": TEXT, "spans": [span]})


def figure_record(value_json: str) -> str:
    """A FIGURE span whose value is written as `value_json` (raw JSON, NaN allowed)."""
    return ('{"id": "bad", "text": "Some 1,400 people died.", "spans": [{"start": 0, "end": 10, '
            f'"label": "FIGURE", "figure": {{"value": {value_json}}}}}]}}')  # fmt: skip


@dataclass
class Case:
    name: str
    file: str
    content: str | bytes
    line: int
    reason: str
    stored: tuple[str, ...] = ("after", "good")


ALLOWED = ", ".join(LABELS)
CASES = [
    Case("lone surrogate in text", "s.jsonl", jsonl('{"id": "bad", "text": "Bad \\ud800 text"}'),
         2, "a lone surrogate \\ud800 at character 5 of 'text' is not a character"),
    Case("lone surrogate in title", "s.jsonl",
         jsonl('{"id": "bad", "text": "Fine text.", "title": "T\\udfff"}'),
         2, "a lone surrogate \\udfff at character 2 of 'title'"),
    Case("JSON nested 100,000 deep", "d.jsonl", jsonl("[" * 100_000 + "]" * 100_000),
         2, "invalid JSON (nested too deeply to read)"),
    Case("integer over 4,300 digits", "i.jsonl",
         jsonl('{"id": "bad", "text": "x", "meta": {"n": ' + "7" * 5000 + "}}"),
         2, "invalid JSON (Exceeds the limit (4300 digits) for integer string conversion"),
    Case("spans not a list", "sp.jsonl", jsonl(json.dumps({"id": "bad", "text": TEXT, "spans": 5})),
         2, "'spans' must be a list, not a number"),
    Case("span not an object", "sp.jsonl", jsonl(json.dumps({"id": "bad", "text": TEXT,
                                                            "spans": [[0, 3, "PERSON"]]})),
         2, "span 1: must be an object, not a list ([0, 3, 'PERSON'])"),
    Case("figure value a list", "f.jsonl", jsonl(figure_record("[1, 2]")),
         2, "span 1: 'figure value' must be a number, not a list ([1, 2])"),
    Case("figure value a string", "f.jsonl", jsonl(figure_record('"abc"')),
         2, "span 1: 'figure value' must be a number, not a string ('abc')"),
    Case("figure value NaN", "f.jsonl", jsonl(figure_record("NaN")),
         2, "span 1: 'figure value' is nan; NaN and Infinity are not numbers factmark stores"),
    Case("figure value Infinity", "f.jsonl", jsonl(figure_record("-Infinity")),
         2, "span 1: 'figure value' is -inf; NaN and Infinity are not numbers"),
    Case("figure value past a float", "f.jsonl", jsonl(figure_record("1" + "0" * 400)),
         2, "span 1: 'figure value' is too large a number (401 digits)"),
    Case("booleans as offsets", "b.jsonl", jsonl(span_record(start=False, end=True, label="PERSON")),
         2, "span 1: 'start' must be a whole number (an offset), not true/false (False)"),
    Case("offsets past the text", "o.jsonl", jsonl(span_record(start=4, end=99, label="PERSON")),
         2, f"span 1: offsets 4..99 are outside the text (length {len(TEXT)})"),
    Case("start after end", "o.jsonl", jsonl(span_record(start=9, end=4, label="PERSON")),
         2, "span 1: offsets 9..4: the start must come before the end"),
    Case("unknown label", "l.jsonl", jsonl(span_record(start=0, end=9, label="NOTALABEL")),
         2, f"span 1: label 'NOTALABEL' is not one of {ALLOWED}"),
    Case("empty label", "l.jsonl", jsonl(span_record(start=0, end=9, label="")),
         2, f"span 1: label '' is not one of {ALLOWED}"),
    Case("lower-case label", "l.jsonl", jsonl(span_record(start=0, end=9, label="person")),
         2, f"span 1: label 'person' is not one of {ALLOWED} (did you mean 'PERSON'?)"),
    Case("NUL in JSON text", "n.jsonl", jsonl(json.dumps({"id": "bad", "text": "Bad\u0000text"})),
         2, "a NUL character (\\u0000) at character 4 of 'text'; remove it from the input"),
    Case("empty .jsonl", "empty.jsonl", "", 1, "no records (the file is empty)", ()),
    Case("only blank lines", "blank.jsonl", "\n  \r\n\n", 1, "no records (only blank lines)", ()),
    Case("unclosed CSV quote to the end", "q.csv",
         'id,text\ngood,Row one is fine.\nbad,"This quote never closes.\nlost,Row three.\n',
         3, "a quote opened in this row is never closed: lines 3-4 would be one field",
         ("good",)),
    Case("unclosed CSV quote closed rows later", "q.csv",
         'id,text\ngood,Row one.\nbad,"Opens here.\nlost,Row three.\nlost2,"quoted" text\n'
         "after,Row after.\n",
         3, "not valid CSV: ',' expected after '\"' (a quote opened in this row not closed "
         "where it should be?); lines 3-5 not imported"),
    Case("CSV row with more fields than the header", "w.csv",
         "id,text\ngood,Fine.\nbad,Too,many,fields\nafter,Also fine.\n",
         3, "4 fields where the header has 2"),
    Case("unknown figure qualifier", "f.jsonl", jsonl(
        '{"id": "bad", "text": "Some 1,400 people died.", "spans": [{"start": 0, "end": 10, '
        '"label": "FIGURE", "figure": {"qualifier": "roughly"}}]}'),
         2, "span 1: figure qualifier 'roughly' is not one of exact, approximately"),
    Case("meta not an object", "m.jsonl", jsonl(json.dumps({"id": "bad", "text": "x", "meta": 3})),
         2, "'meta' must be an object, not a number"),
    Case("NaN in meta", "m.jsonl", jsonl('{"id": "bad", "text": "x", "meta": {"score": NaN}}'),
         2, "meta.score is nan; NaN and Infinity are not numbers factmark stores"),
    Case("text not a string", "t.jsonl", jsonl(json.dumps({"id": "bad", "text": ["a", "b"]})),
         2, "'text' must be a string, not a list"),
    Case("title an object", "t.jsonl", jsonl(json.dumps({"id": "bad", "text": "x", "title": {}})),
         2, "'title' must be a string, not an object"),
    Case("bad source url", "u.jsonl", jsonl(json.dumps({"id": "bad", "text": TEXT, "spans": [
        {"start": 0, "end": 9, "label": "PERSON", "sources": [{"url": "javascript:alert(1)"}]}]})),
         2, "span 1: javascript:alert(1): a source needs an http:// or https:// address"),
    Case("confidence Infinity", "c.jsonl", jsonl(
        '{"id": "bad", "text": "Joe Biden.", "spans": [{"start": 0, "end": 9, "label": "PERSON",'
        ' "confidence": Infinity}]}'),
         2, "span 1: 'confidence' is inf; NaN and Infinity are not numbers"),
]  # fmt: skip


def run_import(tmp_path: Path, *paths: Path):
    db = tmp_path / "p.db"
    r = CliRunner().invoke(cli, ["--db", str(db), "import", "--no-highlight", *map(str, paths)],
                           catch_exceptions=False)  # fmt: skip
    return r, Store(db)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gets_its_line_and_the_rest_imports(case: Case, tmp_path):
    path = tmp_path / case.file
    if isinstance(case.content, bytes):
        path.write_bytes(case.content)
    else:
        path.write_text(case.content, encoding="utf-8", newline="")
    r, store = run_import(tmp_path, path)
    assert r.exit_code == 1, r.output
    assert f"{path}:{case.line}: {case.reason}" in r.output, r.output
    assert "Traceback" not in r.output
    assert sorted(store.article_ids()) == sorted(case.stored)
    assert all(
        a.text[s.start : s.end] == s.text for a in store.iter_articles() for s in store.spans(a.id)
    )


# ---------------------------------------------------------------------- one case each, by hand
def test_a_nul_in_a_csv_row_after_the_first_4kb_refuses_that_row_only(
    store, tmp_path, suggests_gaza
):
    from annotations.importers import import_paths

    rows = [f"r{i},Row {i} of the feed says aid reached Gaza." for i in range(202)]
    rows[150] = "r150,Row 150 has a NUL\x00 here and then Gaza."
    path = tmp_path / "feed.csv"
    path.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert len("\n".join(rows[:150]).encode()) > 4096
    report = import_paths(store, [path], highlighter=suggests_gaza())
    assert [str(p) for p in report.problems] == [
        f"{path}:152: a NUL character (\\u0000) at character 18 of 'text'; remove it from the input"
    ]
    assert report.imported == 201 and not store.has_article("r150")
    spans = [s for a in store.iter_articles() for s in store.spans(a.id)]
    assert len(spans) == 201 and {s.text for s in spans} == {"Gaza"}


def test_crlf_in_jsonl_text_becomes_newline_and_given_spans_move_with_it(store, tmp_path):
    from annotations.importers import import_paths

    text = "Headline here\r\n\r\nBiden went to Gaza.\rThen home."
    start = text.index("Gaza")  # the offset in the file's own text, as its author counted
    path = tmp_path / "crlf.jsonl"
    path.write_text(json.dumps({"id": "c", "text": text, "spans": [
        {"start": start, "end": start + 4, "label": "GPE", "text": "Gaza"}]}) + "\r\n")  # fmt: skip
    report = import_paths(store, [path])
    assert report.imported == 1 and not report.problems
    a = store.article("c")
    assert a.text == "Headline here\n\nBiden went to Gaza.\nThen home."
    (s,) = store.spans("c")
    assert (s.text, a.text[s.start : s.end]) == ("Gaza", "Gaza")


def test_a_jsonl_file_with_only_carriage_returns_between_lines_yields_every_record(store, tmp_path):
    from annotations.importers import import_paths

    path = tmp_path / "mac.jsonl"
    path.write_bytes(b"\r".join(json.dumps({"id": f"m{i}", "text": f"Record {i}."}).encode()
                                for i in range(3)))  # fmt: skip
    report = import_paths(store, [path])
    assert report.imported == 3 and not report.problems
    assert store.article_ids() == ["m0", "m1", "m2"]


def test_line_endings_become_newline_in_txt_and_csv(store, tmp_path):
    from annotations.importers import import_paths

    (tmp_path / "cr.txt").write_bytes(b"Old Mac headline text here\rBody one.\r\rBody two.\r")
    (tmp_path / "f.csv").write_bytes(b'id,text\r\nq,"Line one\r\nline two\rline three"\r\n')
    report = import_paths(store, [tmp_path])
    assert report.imported == 2 and not report.problems
    assert store.article("cr").text == "Old Mac headline text here\nBody one.\n\nBody two."
    assert store.article("q").text == "Line one\nline two\nline three"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(store, tmp_path, encoding):
    from annotations.importers import import_paths

    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    text = "Café in תל אביב: 30 percent 😀 more.\r\nSecond line."
    (tmp_path / "u.txt").write_bytes(bom + text.encode(encoding))
    (tmp_path / "u.csv").write_bytes(bom + f'id,text\nc,"CSV: {text}"\n'.encode(encoding))
    record = json.dumps({"id": "j", "text": "JSONL: " + text, "spans": [{"start": 15, "end": 22,
                        "label": "GPE"}]}, ensure_ascii=False)  # fmt: skip
    (tmp_path / "u.jsonl").write_bytes(bom + record.encode(encoding))
    report = import_paths(store, [tmp_path / "u.txt", tmp_path / "u.csv", tmp_path / "u.jsonl"])
    assert [str(p) for p in report.problems] == []
    expected = text.replace("\r\n", "\n")
    assert store.article("u").text == expected and store.article("c").text == "CSV: " + expected
    assert store.article("j").text == "JSONL: " + expected
    assert [s.text for s in store.spans("j")] == ["תל אביב"]


def test_a_symlink_loop_is_called_a_symlink_loop(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("A fine article.")
    os.symlink(tmp_path / "in" / "loop.txt", tmp_path / "in" / "loop.txt")
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")
    r, store = run_import(tmp_path, tmp_path / "in", tmp_path / "self.txt")
    assert r.exit_code == 1
    assert f"{tmp_path / 'in' / 'loop.txt'}:1: symlink loop" in r.output
    assert f"{tmp_path / 'self.txt'}:1: symlink loop" in r.output
    assert "no such file" not in r.output and store.article_ids() == ["ok"]


def test_a_broken_symlink_says_where_it_points(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("A fine article.")
    os.symlink(tmp_path / "gone.txt", tmp_path / "in" / "link.txt")
    r, store = run_import(tmp_path, tmp_path / "in")
    assert r.exit_code == 1
    assert (f"{tmp_path / 'in' / 'link.txt'}:1: broken symlink (it points to "
            f"{tmp_path / 'gone.txt'}, which does not exist)") in r.output  # fmt: skip
    assert store.article_ids() == ["ok"]


def test_utf16_with_a_lone_surrogate_or_cut_short_keeps_the_other_records(tmp_path):
    path = tmp_path / "u.jsonl"
    u16 = "utf-16-le"
    bad = '{"id": "bad", "text": "X'.encode(u16) + b"\x00\xdc" + '"}'.encode(u16)
    path.write_bytes(b"\xff\xfe" + f"{GOOD}\n".encode(u16) + bad + f"\n{AFTER}\n".encode(u16)
                     + b"\x00")  # fmt: skip
    r, store = run_import(tmp_path, path)
    assert r.exit_code == 1
    assert f"{path}:2: a lone surrogate \\udc00 at character 2 of 'text'" in r.output
    assert f"{path}:4: not valid UTF-16-LE text; the rest of the file was not read" in r.output
    assert sorted(store.article_ids()) == ["after", "good"]


def test_jsonl_files_joined_with_their_byte_order_marks_are_read_whole(store, tmp_path):
    from annotations.importers import import_paths

    path = tmp_path / "joined.jsonl"
    path.write_bytes(("\ufeff" + GOOD + "\n").encode() + ("\ufeff" + AFTER + "\n").encode())
    report = import_paths(store, [path])
    assert report.imported == 2 and not report.problems


def test_a_folder_that_cannot_be_read_is_one_line_and_the_rest_imports(tmp_path, monkeypatch):
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "locked" / "secret.txt").write_text("Hidden article.")
    (tmp_path / "in" / "open.txt").write_text("An open article.")
    locked = tmp_path / "in" / "locked"
    secret = locked / "secret.txt"
    if os.geteuid() == 0:  # root reads every folder: refuse this one as the kernel would
        real_scandir, real_stat = os.scandir, Path.stat

        def scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        def stat(self, **kw):
            if self == secret:
                raise PermissionError(13, "Permission denied", str(self))
            return real_stat(self, **kw)

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(Path, "stat", stat)
    else:
        locked.chmod(0)
    try:
        r, store = run_import(tmp_path, tmp_path / "in", secret)
    finally:
        locked.chmod(0o755)
    assert r.exit_code == 1
    assert f"{locked}:1: cannot read folder: permission denied" in r.output
    assert f"{secret}:1: permission denied" in r.output
    assert store.article_ids() == ["open"]


def test_a_csv_field_or_txt_file_past_the_bound_is_one_line_and_the_rest_imports(
    tmp_path, monkeypatch
):
    from annotations.importers import readers

    monkeypatch.setattr(readers, "MAX_LINE_CHARS", 1000)
    (tmp_path / "big.csv").write_text('id,text\na,Fine.\nb,"' + "x\n" * 2000 + '"\nc,Lost.\n')
    (tmp_path / "wide.csv").write_text("id,text\na2,Also fine.\nb2," + "y" * 5000 + "\nc2,Lost.\n")
    (tmp_path / "ok.txt").write_text("Another file goes on.")
    (tmp_path / "huge.txt").write_text("z " * 1000)
    r, store = run_import(tmp_path, tmp_path)
    assert r.exit_code == 1
    assert (f"{tmp_path / 'huge.txt'}:1: the file is 2,000 bytes, more than factmark reads for one"
            " article (1,000); not read") in r.output  # fmt: skip
    assert (f"{tmp_path / 'big.csv'}:3: a field runs past 1,000 characters (a quote not closed?);"
            " the rest of the file was not read") in r.output  # fmt: skip
    assert (f"{tmp_path / 'wide.csv'}:3: the line is longer than 1,000 characters; the rest"
            " of the file was not read") in r.output  # fmt: skip
    assert sorted(store.article_ids()) == ["a", "a2", "ok"]


def test_a_jsonl_line_past_the_bound_is_skipped_and_the_next_read(tmp_path, monkeypatch):
    from annotations.importers import readers

    monkeypatch.setattr(readers, "MAX_LINE_CHARS", 1000)
    path = tmp_path / "long.jsonl"
    path.write_text(jsonl(json.dumps({"id": "bad", "text": "z" * 70_000})))
    r, store = run_import(tmp_path, path)
    assert r.exit_code == 1
    assert f"{path}:2: the line is longer than 1,000 characters; skipped unread" in r.output
    assert sorted(store.article_ids()) == ["after", "good"]


def test_an_article_over_the_size_limit_is_refused_with_a_line(tmp_path, monkeypatch):
    from annotations.importers import validate

    monkeypatch.setattr(validate, "MAX_ARTICLE_CHARS", 100)
    (tmp_path / "huge.txt").write_text("word " * 30)
    (tmp_path / "small.txt").write_text("A small article.")
    r, store = run_import(tmp_path, tmp_path)
    assert r.exit_code == 1
    assert (f"{tmp_path / 'huge.txt'}:1: the text is 149 characters; factmark takes articles up "
            "to 100 (MAX_ARTICLE_CHARS in annotations/importers/validate.py)") in r.output  # fmt: skip
    assert store.article_ids() == ["small"]


def test_one_text_the_highlighter_fails_on_is_imported_without_suggestions(
    store, tmp_path, suggests_gaza
):
    from annotations.importers import import_paths

    class FailsOnBoom(suggests_gaza):
        def pipe(self, texts, batch_size=64, n_process=1):
            texts = list(texts)
            if any("BOOM" in t for t in texts):
                raise ValueError("[E088] Text of length 1000001 exceeds maximum")
            yield from super().pipe(texts)

    for name, text in [("a", "Aid reached Gaza."), ("b", "BOOM in Gaza."), ("c", "Gaza again.")]:
        (tmp_path / f"{name}.txt").write_text(text)
    report = import_paths(store, [tmp_path], highlighter=FailsOnBoom())
    assert report.imported == 3 and report.skipped == 0
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'b.txt'}:1: imported without suggestions: highlighting failed "
        "(ValueError: [E088] Text of length 1000001 exceeds maximum)"
    ]
    assert [len(store.spans(i)) for i in ("a", "b", "c")] == [1, 0, 1]


def test_an_article_the_store_refuses_costs_only_itself(store, tmp_path, suggests_gaza):
    from annotations.importers import import_paths
    from annotations.model import Span

    class HugeConfidence(suggests_gaza):
        """A suggestion no SQLite column can hold (a highlighter's fault, not the file's)."""

        def pipe(self, texts, batch_size=64, n_process=1):
            for t, spans in zip(texts, super().pipe(texts), strict=True):
                if "HUGE" in t:
                    spans = [Span(0, 4, "ORG", "HUGE", confidence=10**30)]
                yield spans

    for name, text in [("a", "Aid reached Gaza."), ("b", "HUGE news."), ("c", "Gaza again.")]:
        (tmp_path / f"{name}.txt").write_text(text)
    report = import_paths(store, [tmp_path], highlighter=HugeConfidence())
    assert report.imported == 2 and store.article_ids() == ["a", "c"]
    (line,) = [str(p) for p in report.problems]
    assert line.startswith(f"{tmp_path / 'b.txt'}:1: article 'b' not stored: ")
    assert store.integrity_check() == "ok"


def test_a_figure_value_past_64_bits_is_stored_as_the_number_it_is(store, tmp_path):
    from annotations.importers import import_paths

    path = tmp_path / "big.jsonl"
    path.write_text(figure_record(str(10**30)).replace('"bad"', '"big"') + "\n")
    report = import_paths(store, [path])
    assert report.imported == 1 and not report.problems
    (s,) = store.spans("big")
    assert s.figure.value == 1e30
