"""Text is text: an article, source, reviewer name and import file full of markup is shown as
the characters it is, in every label, tooltip and message box of the real window."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QKeyEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QToolTip,
)

from annotations.model import Article, Figure, Span
from annotations.store import Store

MARKUP = (
    '<b>bold</b><img src="file:///etc/passwd"><a href="file:///etc/passwd">click</a>'
    '<span style="font-size:48pt;color:red">BIG</span>'
)
TEXT = f"Intro {MARKUP} said 1,400 people died."
SOURCE_URL = f"https://example.org/{MARKUP}"  # a row from before URLs were checked


def might_be_rich(text: str) -> bool:
    return bool(text) and GuiQt.mightBeRichText(text)


def renders_markup(text: str) -> bool:
    """Would Qt draw `text` with any formatting, image, link, list or table of its own?"""
    if not might_be_rich(text):
        return False
    doc = QTextDocument()
    doc.setHtml(text)
    if doc.rootFrame().childFrames():
        return True
    block = doc.begin()
    while block.isValid():
        if block.textList() is not None or block.blockFormat().headingLevel():
            return True
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().properties():  # bold, size, colour, image, anchor
                return True
            it += 1
        block = block.next()
    return False


def shown_as(tooltip: str) -> str:
    """The characters a tooltip shows."""
    if not might_be_rich(tooltip):
        return tooltip
    doc = QTextDocument()
    doc.setHtml(tooltip)
    return doc.toPlainText()


def rich_text_on_screen() -> list[str]:
    """Every place, across all widgets, where markup would be rendered or a link followed."""
    bad = []
    for w in QApplication.allWidgets():
        where = f"{w.metaObject().className()} {w.objectName() or ''}".strip()
        if renders_markup(w.toolTip()):
            bad.append(f"{where}: tooltip renders {w.toolTip()!r}")
        if isinstance(w, QLabel):
            if w.openExternalLinks():
                bad.append(f"{where}: opens external links")
            if w.textFormat() != Qt.TextFormat.PlainText:
                tip = w.metaObject().className() == "QTipLabel"  # Qt's own tooltip label
                if renders_markup(w.text()) if tip else might_be_rich(w.text()):
                    bad.append(f"{where}: label renders {w.text()!r}")
        if isinstance(w, QMessageBox) and w.textFormat() != Qt.TextFormat.PlainText:
            if might_be_rich(w.text()):
                bad.append(f"{where}: message box renders {w.text()!r}")
        if isinstance(w, QTextBrowser) and (w.openExternalLinks() or w.openLinks()):
            bad.append(f"{where}: text browser follows links")
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for r in range(min(m.rowCount(QModelIndex()), 200)):
                for c in range(64):  # list models hide columnCount from Python
                    index = m.index(r, c)
                    if not index.isValid():
                        break
                    tip = m.data(index, Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and renders_markup(tip):
                        bad.append(f"{where}: row {r} column {c} tooltip renders {tip!r}")
    return bad


def hover(view, index) -> str:
    """Ask the view for its tooltip at `index` as a mouse pause would; returns what it shows."""
    pos = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.isVisible()
    return QToolTip.text()


@pytest.fixture
def hostile_window(tmp_path, window_on):
    path = tmp_path / "hostile.db"
    store = Store(path, reviewer="importer")
    start = TEXT.index("1,400 people")
    store.insert_article(
        Article("hostile", TEXT, title=MARKUP, published=MARKUP, outlet=MARKUP,
                url=SOURCE_URL, meta={"flagged": MARKUP}),
        [Span(start, start + 12, "FIGURE", "1,400 people", figure=Figure(value=1400))],
    )  # fmt: skip
    [span] = store.spans("hostile")
    store.set_note(span.id, MARKUP)
    with store.transaction():
        cur = store.conn.execute(
            "INSERT INTO sources(url, title, outlet, created_at) VALUES (?, ?, ?, '2020-01-01')",
            (SOURCE_URL, MARKUP, MARKUP),
        )
        store.conn.execute(
            "INSERT INTO span_sources(span_id, source_id, stance, excerpt, created_at)"
            " VALUES (?, ?, 'supports', ?, '2020-01-01')",
            (span.id, cur.lastrowid, MARKUP),
        )
    store.close()
    return window_on(Store(path, reviewer=MARKUP))


# A shown tooltip raises its window; the offscreen platform says it cannot (not the app talking).
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)")
def test_every_widget_shows_hostile_text_as_plain_text(hostile_window, qtbot, tmp_path, press):
    window = hostile_window
    assert window.title_label.text() == MARKUP and window.reviewer_label.text().endswith(MARKUP)
    assert rich_text_on_screen() == []

    # The article list's tooltip: the title as its characters, not 48pt red with an image.
    model = window.list_model
    tip = hover(window.list_view, model.index(0, 0))
    assert shown_as(tip) == f"{MARKUP}\nhostile"
    assert rich_text_on_screen() == []

    # The source link's tooltip in the span panel.
    panel = window.panel
    assert panel.link_model.rowCount() == 1
    tip = hover(panel.links_view, panel.link_model.index(0, 1))
    assert shown_as(tip) == f"{MARKUP}\n{SOURCE_URL}"
    assert rich_text_on_screen() == []
    QToolTip.hideText()

    # The source dialog says what the reviewer typed, as typed.
    press(window, "L")
    dialog = window.source_dialog
    typed = f"javascript:{MARKUP}"
    qtbot.keyClicks(dialog.url_edit, typed)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible() and dialog.error_label.text().startswith(f"Not linked. {typed[:80]}")
    assert rich_text_on_screen() == []
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith(typed[:80])
    assert rich_text_on_screen() == []
    dialog.reject()

    # The import-problems box: a JSONL date and url full of markup, from a file named with it.
    feed = tmp_path / "<b>feed<img src=passwd>.jsonl"
    rows = [
        {"id": "d", "text": "A day text.", "date": '<a href="file:///etc/passwd">click</a>'},
        {"id": "u", "text": "A url text.", "url": f"javascript:{MARKUP}"},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    window.import_paths([str(feed)], highlight=False)
    qtbot.waitUntil(lambda: getattr(window, "problems_box", None) is not None, timeout=10_000)
    box = window.problems_box
    assert box.isVisible()
    assert '<a href="file:///etc/passwd">click</a>' in box.text() and str(feed) in box.text()
    assert rich_text_on_screen() == []
    box.close()
    assert Store(window.store.path).article("u").url is None  # and the url was not kept


def test_an_idn_address_shows_its_unicode_beside_the_punycode(window_on, tmp_path, press, qtbot):
    store = Store(tmp_path / "idn.db", reviewer="Ada")
    text = "They counted 312 strikes."
    store.insert_article(
        Article("idn", text, title="Strikes", url="http://xn--pple-43d.com/news"),
        [Span(13, 24, "FIGURE", "312 strikes", figure=Figure(value=312))],
    )
    window = window_on(store)
    assert "http://xn--pple-43d.com/news [аpple.com]" in window.meta_label.text()
    press(window, "L")
    dialog = window.source_dialog
    qtbot.keyClicks(dialog.url_edit, "http://")
    # QTest types ASCII only: the Cyrillic а comes as a keyboard layout would send it.
    cyrillic = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "а")
    QApplication.sendEvent(dialog.url_edit, cyrillic)
    qtbot.keyClicks(dialog.url_edit, "pple.com/report")
    assert dialog.url_edit.text() == "http://аpple.com/report"
    assert dialog.url_hint.isVisible()
    assert dialog.url_hint.text() == "Saved as http://xn--pple-43d.com/report [аpple.com]"
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    [link] = Store(store.path).links(window.current_id)
    assert link.source.url == "http://xn--pple-43d.com/report"
    index = window.panel.link_model.index(0, 1)
    assert window.panel.link_model.data(index) == "http://xn--pple-43d.com/report [аpple.com]"
