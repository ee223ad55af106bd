"""Keyboard throughout: sources opened and unlinked by keys, the reviewer changed from the menu,
an address without a scheme offered as https://, one Help entry, messages in the reviewer's
words (never an internal id)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from annotations.model import Source, Stance
from annotations.store import Store


def linked(window, project, *urls: str) -> int:
    span_id = window.current_id
    store = Store(project, reviewer="Bo")
    for url in urls:
        store.link_source(span_id, Source(url, title=url[-5:]), Stance.SUPPORTS)
    window.reload_article()
    return span_id


def test_o_opens_the_only_source_and_shift_l_unlinks_it_undoably(
    window, project, press, monkeypatch
):
    opened = []
    monkeypatch.setattr("desktop.window.open_in_browser", opened.append)
    span_id = linked(window, project, "https://health.example.org/toll")
    press(window, "O")
    assert opened == ["https://health.example.org/toll"]
    press(window, "Shift+L")
    assert Store(project).links(span_id) == []
    press(window, "Ctrl+Z")
    assert [ln.source.url for ln in Store(project).links(span_id)] == [
        "https://health.example.org/toll"
    ]


def test_with_several_sources_o_hands_the_list_the_keys_to_choose_one(
    window, project, press, monkeypatch
):
    opened = []
    monkeypatch.setattr("desktop.window.open_in_browser", opened.append)
    linked(window, project, "https://a.example.org/one", "https://b.example.org/two")
    press(window, "O")
    assert opened == [] and window.panel.links_view.hasFocus()
    QTest.keyClick(window.panel.links_view, Qt.Key.Key_Down)
    press(window, "O")
    assert opened == [window.panel.link_model.links[1].source.url]


def test_o_without_a_source_says_how_to_link_one(window, press):
    press(window, "O")
    assert "press L" in window.statusBar().currentMessage()


def test_the_reviewer_is_changed_from_the_file_menu(qtbot, window, project, prefs, press):
    window.change_reviewer_action.trigger()
    dialog = window.reviewer_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.setTextValue("")
    qtbot.keyClicks(dialog.findChild(type(window.search_edit)), "Bo")
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    assert window.store.reviewer == "Bo" and prefs.value("reviewer") == "Bo"
    assert window.reviewer_label.text() == "Reviewer: Bo"
    span_id = window.current_id
    press(window, "A")
    events = [e for e in Store(project).events("gaza") if e.op == "accept"]
    assert events and {e.reviewer for e in events} == {"Bo"}
    assert span_id in {e.span_id for e in events}


def test_an_address_without_a_scheme_is_offered_as_https_and_the_old_error_clears(
    qtbot, window, project, press
):
    press(window, "L")
    dialog = window.source_dialog
    link = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.url_edit, "ftp://files.example.org/x")
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("Not linked.")
    dialog.url_edit.clear()
    assert dialog.error_label.text() == ""  # the refusal was about the old address
    qtbot.keyClicks(dialog.url_edit, "www.unrwa.org/resources/report")
    assert "saved as https://www.unrwa.org/resources/report" in dialog.url_hint.text()
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    [ln] = Store(project).links(window.current_id)
    assert ln.source.url == "https://www.unrwa.org/resources/report"


def menu_texts(menu) -> list[str]:
    out = []
    for action in menu.actions():
        out += menu_texts(action.menu()) if action.menu() else [action.text()]
    return out


def test_help_is_listed_once_and_both_its_keys_open_it(window, press):
    texts = [t for m in window.menuBar().actions() for t in menu_texts(m.menu())]
    assert texts.count("Show these shortcuts") == 1
    press(window, "?")
    assert window.help_dialog.isVisible()
    window.help_dialog.close()
    press(window, "F1")
    assert window.help_dialog.isVisible()


def test_f1_documents_how_a_mark_grows(window, press):
    press(window, "F1")
    table = window.help_dialog.table
    rows = {
        table.item(r, 0).text(): table.item(r, 1).text()
        for r in range(table.rowCount())
        if table.item(r, 2).text() not in ("Adjudication", "Claims view")
    }  # the adjudication and claims views' own keys
    assert "Shift+→" in rows["M"] and "number key" in rows["M"]
    assert "mark" in rows["Shift+Right"]


def test_a_verdict_on_an_entity_says_its_words_and_label_name_not_an_id(window, press):
    press(window, "J")  # "Gaza", a GPE
    press(window, "Shift+S")
    message = window.statusBar().currentMessage()
    assert message.startswith("‘Gaza’ is a Country/city, not a figure")
    assert not re.search(r"\d", message.replace("press 1", ""))
