"""A reviewer's whole session driven by keys and clicks, then the database read back fresh."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from annotations.model import ArticleStatus, SpanStatus, Stance, Verdict
from annotations.store import Store


def by_text(store: Store, article_id: str) -> dict:
    return {s.text: s for s in store.spans(article_id)}


def drag_select(qtbot, view, start: int, end: int) -> None:
    """Press at the start of [start, end) and release at its end, as a reviewer selecting."""
    rects = view.range_rects(start, end)
    first, last = rects[0], rects[-1]
    a = QPoint(int(first.left()) + 1, int(first.center().y()))
    b = QPoint(int(last.right()) - 1, int(last.center().y()))
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=b)


def link_via_dialog(qtbot, window, url: str, title: str, stance: Stance) -> None:
    dialog = window.source_dialog
    for edit in (dialog.url_edit, dialog.title_edit, dialog.excerpt_edit):
        edit.clear()
    qtbot.keyClicks(dialog.url_edit, url)
    qtbot.keyClicks(dialog.title_edit, title)
    qtbot.keyClicks(dialog.excerpt_edit, "the ministry's figure is lower")
    dialog.stance_box.setCurrentIndex(dialog.stance_box.findData(stance.value))
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def test_keyboard_session_is_on_disk(qtbot, window, project, press):
    assert window.article.id == "gaza"
    assert window.current_span().text == "some 1,400 people"

    press(window, "A")  # accept the figure; focus moves on to "Gaza"
    assert window.current_span().text == "Gaza"
    press(window, "X")  # reject "Gaza"; on to "Monday"
    assert window.current_span().text == "Monday"
    press(window, "8")  # Monday is a TIME, not a DATE (relabel)
    press(window, "J")  # on to "more than 9,000"
    assert window.current_span().text == "more than 9,000"
    press(window, "Shift+Right")  # take in "were" ...
    press(window, "Shift+Left")  # ... and give it back
    press(window, "Alt+Right")  # drop "more" from the start: "than 9,000"
    press(window, "Shift+S")  # verdict: supported
    press(window, "L")  # link a source: an ftp address is refused, then an https one accepted
    link_via_dialog(qtbot, window, "ftp://files.example.org/toll.csv", "Toll", Stance.CONTRADICTS)
    assert "http" in window.source_dialog.error_label.text()
    assert window.source_dialog.isVisible()
    link_via_dialog(
        qtbot, window, "https://health.example.org/toll", "Ministry toll", Stance.CONTRADICTS
    )
    figure_id = window.current_id

    # Add "Ahmed Khalil" as a PERSON by dragging the mouse over it and pressing 2.
    start = window.article.text.index("Ahmed Khalil")
    drag_select(qtbot, window.view, start, start + len("Ahmed Khalil"))
    press(window, "2")
    assert window.current_span().text == "Ahmed Khalil"

    # Undo the addition, redo it: the span goes and comes back.
    press(window, "Ctrl+Z")
    assert "Ahmed Khalil" not in by_text(window.store, "gaza")
    press(window, "Ctrl+Shift+Z")
    assert "Ahmed Khalil" in by_text(window.store, "gaza")

    press(window, "Ctrl+Return")  # mark reviewed: two suggestions are still undecided …
    qtbot.waitUntil(lambda: getattr(window, "undecided_dialog", None) is not None)
    assert window.undecided_dialog.text().startswith("2 suggestions")
    window.undecided_dialog.reject_button.click()  # … leave them out; on to the next article
    assert window.article.id == "kyiv"

    fresh = Store(project)
    spans = by_text(fresh, "gaza")
    assert spans["some 1,400 people"].status is SpanStatus.ACCEPTED
    assert spans["Gaza"].status is SpanStatus.REJECTED
    assert (spans["Monday"].label, spans["Monday"].status) == ("TIME", SpanStatus.CORRECTED)
    assert "more than 9,000" not in spans
    resized = spans["than 9,000"]
    assert resized.id == figure_id and resized.status is SpanStatus.CORRECTED
    assert resized.figure.verdict is Verdict.SUPPORTED
    [link] = fresh.links(figure_id)
    assert (link.source.url, link.source.title, link.stance) == (
        "https://health.example.org/toll", "Ministry toll", Stance.CONTRADICTS)  # fmt: skip
    assert link.excerpt == "the ministry's figure is lower"
    added = spans["Ahmed Khalil"]
    assert (added.label, added.status, added.origin) == ("PERSON", SpanStatus.ADDED, "reviewer")
    assert spans["Health Ministry"].status is SpanStatus.REJECTED
    assert fresh.article("gaza").status is ArticleStatus.REVIEWED
    assert {e.reviewer for e in fresh.events("gaza") if e.op != "import"} == {"Ada"}
    assert not any(link.source.url.startswith("ftp") for link in fresh.links(figure_id))


def test_undo_and_redo_a_verdict(window, project, press):
    press(window, "J", "J", "J")
    figure = window.current_span()
    assert figure.text == "more than 9,000"
    press(window, "Shift+F")
    assert Store(project).span(figure.id).figure.verdict is Verdict.FALSE
    press(window, "Ctrl+Z")
    assert Store(project).span(figure.id).figure.verdict is Verdict.UNVERIFIED
    assert Store(project).span(figure.id).status is SpanStatus.SUGGESTED
    press(window, "Ctrl+Shift+Z")
    assert Store(project).span(figure.id).figure.verdict is Verdict.FALSE


def test_span_made_by_keyboard_alone(window, project, press):
    press(window, "J")  # "Gaza"; M marks the token after it: "on"
    press(window, "M", "Right", "Shift+Right", "7")  # move to "Monday", take in ",", label DATE
    # "Monday," trims to the token range the reviewer saw: Monday and the comma
    spans = [s for s in Store(project).spans("gaza") if s.origin == "reviewer"]
    assert [(s.text, s.label, s.status) for s in spans] == [("Monday,", "DATE", SpanStatus.ADDED)]
    press(window, "Delete")  # a span the reviewer added can be deleted
    assert not [s for s in Store(project).spans("gaza") if s.origin == "reviewer"]


def test_deleting_a_suggested_span_is_refused_with_a_message(window, project, press):
    first = window.current_span()
    press(window, "Delete")
    assert Store(project).span(first.id).status is SpanStatus.SUGGESTED
    assert "reject" in window.statusBar().currentMessage()


def test_figure_attributes_edited_in_the_panel(qtbot, window, project, press):
    press(window, "E")
    value = window.panel.value_edit
    assert value.hasFocus()
    value.selectAll()
    qtbot.keyClicks(value, "1450")
    qtbot.keyClick(value, Qt.Key.Key_Tab)  # leaving the field commits it
    qtbot.keyClicks(window.panel.counted_edit, "people killed")
    qtbot.keyClick(window.panel.counted_edit, Qt.Key.Key_Return)
    fig = Store(project).span(window.current_id).figure
    assert (fig.value, fig.counted) == (1450.0, "people killed")
    assert window.view.hasFocus()  # Return hands the keys back to the review
    figure_id = window.current_id
    press(window, "A")  # a shortcut again, not a letter typed into the field
    assert window.current_span().text == "Gaza"
    assert Store(project).span(figure_id).figure.counted == "people killed"


def test_reopening_returns_to_the_last_article_and_span(make_window, press):
    first = make_window()
    press(first, "N", "J", "J")
    where = (first.article.id, first.current_span().text)
    assert where == ("kyiv", "2022")
    first.close()
    second = make_window()
    assert (second.article.id, second.current_span().text) == where


def test_search_as_you_type_filters_the_list(qtbot, window):
    qtbot.keyClicks(window.search_edit, "stri")
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 1)
    assert window.list_model.article_id(0) == "kyiv"
    window.search_edit.clear()
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 3)


def test_article_text_is_never_html(qtbot, tmp_path, prefs):
    from annotations.model import Article
    from desktop.window import ReviewWindow

    path = tmp_path / "html.db"
    store = Store(path, reviewer="Ada")
    store.insert_article(Article("h", "<b>bold</b> &amp; <script>x</script>", title="<i>t</i>"))
    window = ReviewWindow(store, prefs)
    qtbot.addWidget(window)
    window.restore_last()
    assert window.view.toPlainText() == "<b>bold</b> &amp; <script>x</script>"
    assert window.title_label.text() == "<i>t</i>"
    window.close()
    store.close()
