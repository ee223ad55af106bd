"""What the review window shows: named filters, edges for decided and suggested spans, struck
rejections, the dark theme, keeping the reviewer's place, and a 13-inch laptop screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel

from annotations.model import Article, Span
from annotations.store import Store
from desktop.article_view import EDGE_LINES
from desktop.style import is_dark, style_for
from desktop.theme import apply_theme


@pytest.fixture(autouse=True)
def light_again():
    yield
    apply_theme(False)  # the theme is the whole application's: leave it as found


def spans_of(text: str, *items: tuple[str, str]) -> list[Span]:
    return [Span(text.index(t), text.index(t) + len(t), label, t) for t, label in items]


def long_article(tmp_path, n: int = 120):
    paragraphs = [f"Paragraph {i} says {i * 10} people came." for i in range(n)]
    text = "\n\n".join(paragraphs)
    spans = []
    for i in range(n):
        needle = f"{i * 10} people"
        start = text.index(needle, text.index(f"Paragraph {i} "))
        spans.append(Span(start, start + len(needle), "FIGURE", needle))
    store = Store(tmp_path / "long.db", reviewer="Ada")
    store.insert_article(Article("long", text, title="Long"), spans)
    return store


# ---------------------------------------------------------------- part 3: a screen that explains
def test_filters_are_named_and_list_labels_by_their_legend_names(window):
    names = {w.text(): w.buddy() for w in window.articles.filter_bar.findChildren(QLabel)}
    assert names == {
        "Status:": window.status_filter,
        "Label:": window.label_filter,
        "Verdict:": window.verdict_filter,
    }
    labels = [window.label_filter.itemText(i) for i in range(window.label_filter.count())]
    assert "Country/city" in labels and "Group" in labels and "Facility" in labels
    assert not {"GPE", "NORP", "FAC", "(any)"} & set(labels)
    window.label_filter.setCurrentIndex(window.label_filter.findText("Date"))
    shown = {window.list_model.article_id(r) for r in range(window.list_model.rowCount())}
    assert shown == {"gaza", "kyiv"}  # the articles with a DATE span


def test_decided_spans_have_a_solid_edge_and_suggestions_a_dashed_one(window, project, press):
    first = window.current_span()
    press(window, "A")
    marks = {m.span_id: m for m in window.view.marks}
    assert marks[first.id].dashed is False
    assert all(m.dashed for sid, m in marks.items() if sid != first.id)
    assert Store(project).span(first.id).status.value == "accepted"


def test_a_span_rejected_inside_another_is_struck_and_overlaps_are_inset_edges(
    tmp_path, window_on, press
):
    text = "Officials in Gaza City said so."
    outer = Span(13, 22, "GPE", "Gaza City")
    inner = Span(13, 17, "LOC", "Gaza")
    store = Store(tmp_path / "nest.db", reviewer="Ada")
    store.insert_article(Article("n", text), [outer, inner])
    window = window_on(store)
    assert {window.view.text[m.start : m.end]: m.depth for m in window.view.marks} == {
        "Gaza City": 0, "Gaza": 1,
    }  # fmt: skip
    while window.current_span().text != "Gaza":
        press(window, "J")
    press(window, "X")
    ranges = {text[a:b]: f for a, b, f in window.view.format_ranges()}
    assert ranges["Gaza"].fontStrikeOut() and not ranges[" City"].fontStrikeOut()
    assert not any(f.fontOverline() or f.fontUnderline() for f in ranges.values())
    assert [m.depth for m in window.view.marks] == [0]  # a rejected span has no edge
    assert {s.text: s.status.value for s in store.spans("n")} == {
        "Gaza": "rejected", "Gaza City": "suggested",
    }  # fmt: skip


def test_dark_mode_is_a_menu_toggle_that_is_remembered(window, prefs, make_window):
    gpe = next(m for m in window.view.marks if m.label == "GPE")
    window.dark_mode_action.trigger()
    QApplication.processEvents()  # the new palette reaches the widgets as posted events
    assert is_dark(QApplication.palette()) and is_dark(window.view.palette())
    ranges = {(a, b): f for a, b, f in window.view.format_ranges()}
    assert ranges[(gpe.start, gpe.end)].background().color() == style_for("GPE").background(True)
    prefs.sync()
    assert str(prefs.value("view/dark")).lower() == "true"
    window.close()
    apply_theme(False)
    again = make_window()  # a new session reads the choice back
    assert again.dark_mode_action.isChecked() and is_dark(QApplication.palette())
    again.dark_mode_action.trigger()
    assert not is_dark(QApplication.palette())


# ---------------------------------------------------------------- part 4: never lose your place
def test_the_current_span_stays_lines_away_from_the_edges(tmp_path, window_on, press):
    window = window_on(long_article(tmp_path), (1200, 700))
    view, bar = window.view, window.view.verticalScrollBar()
    checked = 0
    for _ in range(60):
        press(window, "J")
        span = window.current_span()
        rects = view.range_rects(span.start, span.end)
        line = rects[0].height()
        if bar.minimum() < bar.value() < bar.maximum():
            assert rects[0].top() >= EDGE_LINES * line - 1
            assert rects[-1].bottom() <= view.viewport().height() - EDGE_LINES * line + 1
            checked += 1
    assert checked > 20
    for _ in range(20):
        press(window, "K")
        span = window.current_span()
        rects = view.range_rects(span.start, span.end)
        if bar.minimum() < bar.value() < bar.maximum():
            assert rects[0].top() >= EDGE_LINES * rects[0].height() - 1


def test_j_after_scrolling_with_the_mouse_goes_on_from_the_screen(tmp_path, window_on, press):
    store = long_article(tmp_path)
    window = window_on(store, (1200, 700))
    view = window.view
    for _ in range(40):  # the mouse wheel, turned down a long way
        wheel = QWheelEvent(
            QPointF(50, 50), QPointF(view.viewport().mapToGlobal(QPoint(50, 50))), QPoint(0, 0),
            QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        QApplication.sendEvent(view.viewport(), wheel)
    assert not view.on_screen(window.current_span().start, window.current_span().end)
    first_shown = view.span_on_screen(+1)
    press(window, "J")
    assert window.current_span().id == first_shown.id
    assert view.on_screen(first_shown.start, first_shown.end)
    press(window, "A")
    assert store.span(first_shown.id).status.value == "accepted"


def test_restart_scrolls_to_and_flashes_the_restored_span(qtbot, tmp_path, prefs):
    from desktop.app import open_window

    store = long_article(tmp_path)
    far = store.spans("long")[100]
    path = store.path
    store.close()
    first = open_window(str(path), "Ada", prefs)
    qtbot.addWidget(first)
    first.open_article("long", far.id)
    first.close()
    first.store.close()
    window = open_window(str(path), "Ada", prefs)  # restores before it is shown, as `run` does
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    try:
        assert window.current_span().id == far.id
        assert window.view.on_screen(far.start, far.end)
        assert window.view.flashing == far.id
        qtbot.waitUntil(lambda: window.view.flashing is None, timeout=3000)
    finally:
        window.close()
        window.store.close()


def test_undo_goes_to_and_flashes_the_span_it_changes(window, project, press):
    first = window.current_span()
    press(window, "A", "J")
    assert window.current_span().id != first.id
    press(window, "Ctrl+Z")
    assert window.current_span().id == first.id
    assert window.view.flashing == first.id
    assert Store(project).span(first.id).status.value == "suggested"


def test_undoing_mark_reviewed_comes_back_to_the_span_you_were_on(window, project, press):
    press(window, "N")  # kyiv: three spans, decided in full so nothing is left to ask about
    assert window.article.id == "kyiv"
    press(window, "A", "A", "A")
    last = window.current_span()
    assert last.id != window.spans[0].id
    press(window, "Ctrl+Return")
    assert window.article.id != "kyiv"
    press(window, "Ctrl+Z")
    assert window.article.id == "kyiv" and window.current_span().id == last.id
    assert Store(project).article("kyiv").status.value != "reviewed"


def test_the_header_says_the_status_in_words_and_follows_decisions(window, press):
    assert window.meta_label.text().split(" · ")[-1] == "new"
    press(window, "A")
    header = window.meta_label.text()
    assert "in review" in header and "in_review" not in header and "new" not in header.split(" · ")


def test_after_n_and_p_one_row_is_selected_and_painted(qtbot, window, press):
    view = window.list_view
    for keys in (("N",), ("N", "P"), ("N", "N")):
        # the view repaints rows only when it hears of the change; a silent change left the
        # old row painted as selected beside the new one
        with qtbot.waitSignal(view.selectionModel().selectionChanged, timeout=1000):
            press(window, *keys)
        assert len(view.selectionModel().selectedRows()) == 1
        image = view.viewport().grab().toImage()
        pal = view.palette()
        lit = {pal.color(g, pal.ColorRole.Highlight).rgb()
               for g in (pal.ColorGroup.Active, pal.ColorGroup.Inactive)}  # fmt: skip
        painted = []
        for row in range(window.list_model.rowCount()):
            rect = view.visualRect(window.list_model.index(row, 4))
            if rect.isValid():
                painted.append(image.pixelColor(rect.right() - 2, rect.center().y()).rgb() in lit)
        row = window.list_model.row_of(window.article.id)
        assert painted == [r == row for r in range(len(painted))]


# ---------------------------------------------------------------- part 7: a 13-inch laptop
def test_the_window_fits_1024_by_640_with_nothing_clipped(window_on, project):
    window = window_on(Store(project, reviewer="Ada"), (1024, 640))
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 640
    assert (window.width(), window.height()) == (1024, 640)
    assert window.panes.stacked  # the panel went below the article
    for w in (window.view, window.list_view, window.panel.label_box, window.search_edit,
              window.status_filter, window.label_filter, window.verdict_filter, window.legend,
              window.progress_label):  # fmt: skip
        assert w.isVisible(), w
        assert w.width() >= w.minimumSizeHint().width(), w
        top_left = w.mapTo(window, QPoint(0, 0))
        assert window.rect().contains(top_left) and top_left.x() + w.width() <= 1024, w
    assert window.view.height() >= 150 and window.view.width() >= 500
    view, model = window.list_view, window.list_model
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    decided = max(model.data(model.index(r, 4)) for r in range(model.rowCount()))
    needed = view.fontMetrics().horizontalAdvance("9999/9999")
    assert view.columnWidth(4) >= needed >= view.fontMetrics().horizontalAdvance(decided)
    shown = [c for c in range(5) if not view.isColumnHidden(c)]
    assert sum(view.columnWidth(c) for c in shown) <= view.viewport().width() + 1
    assert view.columnWidth(0) >= 100  # the title keeps room to be read


def _in_sight(window, widget) -> bool:
    """`widget` is shown, inside the panel's scroll viewport and inside the window."""
    viewport = window.panes.scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    inside = viewport.rect().contains(top_left) and top_left.y() + widget.height() <= (
        viewport.height()
    )
    return widget.isVisible() and inside and widget.mapTo(window, QPoint(0, 0)).x() >= 0


def test_note_and_figure_error_work_in_the_panel_below_the_article(
    qtbot, window_on, project, press
):
    window = window_on(Store(project, reviewer="Ada"), (1024, 640))
    QApplication.processEvents()
    assert window.panes.stacked and window.panel.wide
    panel, span = window.panel, window.current_span()
    assert span.figure is not None
    press(window, "T")
    assert panel.note_edit.hasFocus() and _in_sight(window, panel.note_edit)
    qtbot.keyClicks(panel.note_edit, "Toll disputed")
    press(panel.note_edit, "Return")
    assert Store(project).span(span.id).note == "Toll disputed"
    press(window, "E")
    assert panel.value_edit.hasFocus()
    panel.value_edit.selectAll()
    qtbot.keyClicks(panel.value_edit, "abc")
    press(panel.value_edit, "Return")
    QApplication.processEvents()
    assert panel.value_error.text().startswith("Value must be a number")
    assert _in_sight(window, panel.value_edit) and _in_sight(window, panel.value_error)
    assert Store(project).span(span.id).figure == span.figure  # the bad text is not saved


# ---------------------------------------------------------------- pictures to look at
def test_each_state_renders_to_a_png(tmp_path, window_on, project, press):
    """Light, dark, 1024×640, an overlap and a span rejected inside another, as PNGs in tmp_path."""
    text = "Some 1,400 people in Gaza City died, the Health Ministry said on Monday."
    spans = spans_of(text, ("Some 1,400 people", "FIGURE"), ("Gaza City", "GPE"), ("Gaza", "LOC"),
                     ("Health Ministry", "ORG"), ("Ministry", "PERSON"), ("Monday", "DATE"))  # fmt: skip
    store = Store(tmp_path / "states.db", reviewer="Ada")
    store.insert_article(Article("s", text, title="States"), spans)
    window = window_on(store)
    press(window, "A")  # the figure decided: a solid edge
    while window.current_span().text != "Ministry":
        press(window, "J")
    press(window, "X")  # rejected inside "Health Ministry"
    shots = {"overlap-and-rejected-inside": window.grab()}
    window.dark_mode_action.trigger()
    QApplication.processEvents()
    shots["dark"] = window.grab()
    window.dark_mode_action.trigger()
    QApplication.processEvents()
    shots["light"] = window.grab()
    small = window_on(Store(project, reviewer="Ada"), (1024, 640))
    QApplication.processEvents()
    shots["1024x640"] = small.grab()
    for name, pixmap in shots.items():
        out = tmp_path / f"{name}.png"
        assert pixmap.save(str(out), "PNG") and out.stat().st_size > 10_000, name
    assert shots["1024x640"].width() == 1024 * shots["1024x640"].devicePixelRatio()
