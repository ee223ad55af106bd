"""Sources reused by typing, undo across articles, the focused span kept in view, a lazy list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from annotations.model import Article, Source, Span, SpanStatus, Stance
from annotations.store import Store


def test_a_source_used_before_is_found_by_typing_and_reused(qtbot, window, project, press):
    store = Store(project, reviewer="Bo")
    other = store.spans("kyiv")[1]
    store.link_source(other.id, Source("https://health.example.org/toll", title="Ministry toll",
                                       outlet="Health Ministry"), Stance.SUPPORTS)  # fmt: skip
    press(window, "L")
    dialog = window.source_dialog
    qtbot.keyClicks(dialog.find_edit, "minis")
    assert dialog.found_list.count() == 1
    dialog.found_list.setCurrentRow(0)
    assert dialog.url_edit.text() == "https://health.example.org/toll"
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    [link] = Store(project).links(window.current_id)
    assert link.source.id == store.links(other.id)[0].source.id  # one source, two spans
    assert window.panel.counts_label.text().startswith("1 support")


def test_undo_after_moving_on_goes_back_to_the_article_it_changes(window, project, press):
    first = window.current_span()
    press(window, "A", "N")
    assert window.article.id == "kyiv"
    press(window, "Ctrl+Z")
    assert window.article.id == "gaza"
    assert Store(project).span(first.id).status is SpanStatus.SUGGESTED


def test_question_mark_opens_the_shortcut_list(window, press):
    press(window, "?")
    assert window.help_dialog.isVisible()


def test_the_focused_span_is_scrolled_into_view(tmp_path, window_on):
    paragraphs = [f"Paragraph {i} says {i * 10} people came." for i in range(300)]
    text = "\n\n".join(paragraphs)
    spans = []
    for i in (0, 150, 299):
        needle = f"{i * 10} people"
        start = text.index(needle, text.index(f"Paragraph {i} "))
        spans.append(Span(start, start + len(needle), "FIGURE", needle))
    store = Store(tmp_path / "long.db", reviewer="Ada")
    store.insert_article(Article("long", text), spans)
    window = window_on(store, (1200, 700))
    for _ in range(2):
        window.do_next_span()
    target = window.current_span()
    assert target.text == "2990 people"
    rects = window.view.range_rects(target.start, target.end)
    viewport = window.view.viewport().rect()
    assert rects and all(viewport.contains(r.toRect()) for r in rects)


def test_the_article_list_loads_only_the_rows_it_shows(qtbot, tmp_path, window_on):
    store = Store(tmp_path / "many.db", reviewer="Ada")
    with store.transaction():
        for i in range(5000):
            store.insert_article(Article(f"a{i:05d}", f"Article number {i} counts {i} votes."))
    window = window_on(store, (1200, 700))
    model = window.list_model
    assert model.rowCount() == 5000
    qtbot.waitUntil(lambda: "a00000" in model._rows)  # painted rows fetch their summaries
    assert len(model._rows) <= 400  # what is on screen and a block around it, not 5000
    window.list_view.scrollToBottom()
    qtbot.waitUntil(lambda: "a04999" in model._rows)
    assert model.index(4999, 0).data() == "a04999"  # untitled: the list shows the id
    assert len(model._rows) <= 800
