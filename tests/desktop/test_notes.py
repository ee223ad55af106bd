"""A note on a span: written in the panel by keys, undone by Ctrl+Z, found by the search,
exported with the span."""

from __future__ import annotations

import json

from annotations.exporters import export
from annotations.store import Store

NOTE = "Ministry toll disputed by OCHA"


def write_note(qtbot, window, press, text: str) -> None:
    press(window, "T")
    assert window.panel.note_edit.hasFocus()
    window.panel.note_edit.selectAll()
    qtbot.keyClicks(window.panel.note_edit, text)
    press(window.panel.note_edit, "Return")


def test_a_note_typed_in_the_panel_is_saved_and_undone_by_ctrl_z(qtbot, window, project, press):
    span = window.current_span()
    write_note(qtbot, window, press, NOTE)
    assert Store(project).span(span.id).note == NOTE
    assert window.view.hasFocus()  # Return gives the keys back to the review
    write_note(qtbot, window, press, "Checked against the UN count")
    assert Store(project).span(span.id).note == "Checked against the UN count"
    press(window, "Ctrl+Z")
    assert Store(project).span(span.id).note == NOTE  # the old note, not none
    assert window.panel.note_edit.text() == NOTE
    press(window, "Ctrl+Z")
    assert Store(project).span(span.id).note is None
    assert window.panel.note_edit.text() == ""


def test_the_note_shows_with_its_span_in_the_panel(qtbot, window, press):
    write_note(qtbot, window, press, NOTE)
    press(window, "J")
    assert window.panel.note_edit.text() == ""
    press(window, "K")
    assert window.panel.note_edit.text() == NOTE


def test_the_article_search_finds_an_article_by_its_notes_words(qtbot, window, press):
    write_note(qtbot, window, press, NOTE)
    press(window, "Ctrl+F")
    qtbot.keyClicks(window.search_edit, "ocha disp")  # in no title or text, only the note
    qtbot.waitUntil(lambda: window.list_count.text() == "1 articles")
    assert window.list_model.article_id(0) == "gaza"


def test_the_note_is_exported_where_the_format_has_a_place(qtbot, window, project, tmp_path, press):
    write_note(qtbot, window, press, NOTE)
    press(window, "Shift+A", "Ctrl+Return")  # decided and reviewed: every format writes it
    store = Store(project)
    export(store, "jsonl", str(tmp_path / "o.jsonl"), None)
    gaza = next(json.loads(x) for x in (tmp_path / "o.jsonl").read_text().splitlines()
                if json.loads(x)["id"] == "gaza")  # fmt: skip
    assert NOTE in [s.get("note") for s in gaza["spans"]]
    export(store, "webanno", str(tmp_path / "o.jsonld"), None)
    assert f'"value": "{NOTE}"' in (tmp_path / "o.jsonld").read_text()
    export(store, "csv", str(tmp_path / "o.csv"), None)
    assert NOTE in (tmp_path / "o.csv").read_text()
    export(store, "brat", str(tmp_path / "brat"), None)
    assert f"note={NOTE}" in (tmp_path / "brat" / "gaza.ann").read_text()
