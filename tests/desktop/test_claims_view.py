"""The claims view, driven by keys in the real window: conflicting claims first, moving between
claims and figures, a figure opened in its article, a claim checked once and applied to all its
figures (undone by Ctrl+Z in either window), and the plot drawn in both themes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from claims_view_project import DEATHS, build_claims_project
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from annotations.claims.model import ClaimState
from annotations.model import Verdict
from annotations.store import Store
from desktop.claims_models import CONFLICT

PNG_DIR = Path(d) if (d := os.environ.get("FACTMARK_PNG_DIR")) else None


@pytest.fixture
def claims_path(tmp_path):
    path = tmp_path / "claims.db"
    build_claims_project(path)
    return path


@pytest.fixture
def window(window_on, claims_path):
    return window_on(Store(claims_path, reviewer="Ada"))


@pytest.fixture
def claims(qtbot, window, press):
    """The claims view opened with Shift+C (from a place in no claim), active, keys going to it."""
    gaza = next(s for s in window.store.spans("bbc-1") if s.label == "GPE")
    window.open_article("bbc-1", gaza.id)
    press(window, "Shift+C")
    view = window.claims_view
    qtbot.waitUntil(view.isVisible)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # offscreen, waitActive returns once it is shown
    return view


def keys(view, *sequence: str) -> None:
    """Type as a reviewer would: each key goes to the widget that has the keys in the view."""
    for key in sequence:
        QTest.keySequence(view.focusWidget() or view, QKeySequence(key))


def cell(model, row: int, header: str) -> str:
    """What the table shows in `row` under the column headed `header`."""
    cols = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return model.index(row, cols.index(header)).data()


def shown_claims(view) -> list[tuple[str, str]]:
    m = view.claim_model
    return [(cell(m, r, "Claim"), cell(m, r, "Conflict")) for r in range(m.rowCount())]


def claim_named(store: Store, counted: str):
    return next(c for c in store.claims() if c.counted == counted)


def test_shift_c_opens_the_claims_view_with_conflicting_claims_first(claims, window):
    # the displaced claim has more articles (5 against 4) and the lower id: only the conflict
    # puts the death toll above it
    assert shown_claims(claims) == [
        ("deaths · gaza", CONFLICT), ("displaced · gaza", ""), ("trucks · gaza", "")
    ]  # fmt: skip
    figures = claims.figure_model
    assert [cell(figures, r, "Figure") for r in range(figures.rowCount())] == [d[2] for d in DEATHS]
    conflict = [cell(figures, r, "Conflict") for r in range(figures.rowCount())]
    assert conflict[:2] == ["⚠ with 1,200 (AP)", "⚠ with Some 1,400 (BBC)"]
    assert conflict[2:] == ["", ""]
    assert claims.claim_table.hasFocus()


def test_the_menu_item_opens_the_view(window, qtbot):
    [action] = [a for a in window.shortcut_actions.values() if a.shortcut().toString() == "Shift+C"]
    action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "claims_view", None) is not None)
    assert window.claims_view.isVisible()


def test_keys_move_between_claims_and_open_a_figure_in_its_article(claims, window, press, qtbot):
    keys(claims, "J")
    assert claims.current_claim().counted == "displaced"
    assert claims.claim_title.text() == "displaced · gaza"
    keys(claims, "K", "K")  # stops at the first
    assert claims.current_claim().counted == "deaths"
    keys(claims, "Down", "Up")
    assert claims.current_claim().counted == "deaths"
    keys(claims, "Return")  # into the figures
    assert claims.figure_table.hasFocus()
    keys(claims, "J")
    figure = claims.current_figure()
    assert (figure.article_id, figure.text) == ("ap-1", "1,200")
    keys(claims, "Return")  # opens it in the review window, as the current span
    qtbot.waitUntil(window.isActiveWindow)
    assert window.article.id == "ap-1"
    assert window.current_id == figure.span_id
    assert window.title_label.text() == window.store.article("ap-1").title
    assert window.current_span().text == "1,200"
    # back to the view: it kept its place
    press(window, "Shift+C")
    qtbot.waitUntil(claims.isActiveWindow)
    assert (claims.current_claim().counted, claims.current_figure().span_id) == (
        "deaths", figure.span_id
    )  # fmt: skip
    keys(claims, "Escape")
    assert claims.claim_table.hasFocus()
    keys(claims, "Escape")  # from the claims: closes the view
    assert not claims.isVisible()


def test_a_verdict_set_on_the_claim_and_applied_to_all_then_undone(claims, window, press, qtbot):
    store = window.store
    claim = claim_named(store, "deaths")
    keys(claims, "Shift+F")
    assert store.claim(claim.id).verdict is Verdict.FALSE
    assert store.claim(claim.id).state is ClaimState.CONFIRMED
    assert all(m.verdict is Verdict.UNVERIFIED for m in store.claim(claim.id).members)
    keys(claims, "Shift+A")
    spans = [store.span(m.span_id) for m in claim.members]
    assert [s.figure.verdict for s in spans] == [Verdict.FALSE] * 4
    qtbot.waitUntil(lambda: cell(claims.figure_model, 0, "Verdict") == "false")
    assert "4 figures now say false" in claims.status.currentMessage()
    # the other claims are untouched
    assert all(m.verdict is Verdict.UNVERIFIED for m in claim_named(store, "displaced").members)

    keys(claims, "Ctrl+Z")  # one undo takes the verdict off all four figures
    assert [store.span(m.span_id).figure.verdict for m in claim.members] == [Verdict.UNVERIFIED] * 4
    assert store.claim(claim.id).verdict is Verdict.FALSE  # the claim's own verdict: next undo
    keys(claims, "Ctrl+Z")
    assert store.claim(claim.id).verdict is Verdict.UNVERIFIED
    keys(claims, "Ctrl+Shift+Z", "Ctrl+Shift+Z")
    assert [store.span(m.span_id).figure.verdict for m in claim.members] == [Verdict.FALSE] * 4
    qtbot.waitUntil(lambda: cell(claims.figure_model, 0, "Verdict") == "false")


def test_the_review_window_s_undo_takes_back_an_apply_from_the_view(claims, window, press, qtbot):
    store = window.store
    claim = claim_named(store, "deaths")
    keys(claims, "Shift+S", "Shift+A")
    assert {store.span(m.span_id).figure.verdict for m in claim.members} == {Verdict.SUPPORTED}
    keys(claims, "Shift+C")  # back to the review window
    qtbot.waitUntil(window.isActiveWindow)
    press(window, "Ctrl+Z")
    assert {store.span(m.span_id).figure.verdict for m in claim.members} == {Verdict.UNVERIFIED}


def test_apply_with_nothing_to_apply_says_so(claims, window, press):
    keys(claims, "Shift+A")
    assert "no verdict or sources to apply" in claims.status.currentMessage()
    assert window.undo_stack.count() == 0


def test_confirm_and_rename_the_claim_by_keys(claims, window, press, qtbot, shown):
    store = window.store
    claim = claim_named(store, "deaths")
    keys(claims, "A")
    assert store.claim(claim.id).state is ClaimState.CONFIRMED
    assert {m.state for m in store.claim(claim.id).members} == {ClaimState.CONFIRMED}
    keys(claims, "R")
    dialog = shown(claims, "rename_dialog")
    dialog.setTextValue("Gaza death toll <b>Oct</b>")
    dialog.accept()
    qtbot.waitUntil(claims.isActiveWindow)
    assert store.claim(claim.id).name == "Gaza death toll <b>Oct</b>"
    qtbot.waitUntil(lambda: shown_claims(claims)[0][0] == "Gaza death toll <b>Oct</b>")
    assert claims.claim_title.text() == "Gaza death toll <b>Oct</b>"  # as typed, not bold
    keys(claims, "R")  # asked again, the dialog shows the name as typed too
    again = shown(claims, "rename_dialog")
    [label] = [w for w in again.findChildren(QLabel) if "Gaza death toll" in w.text()]
    assert label.textFormat() == Qt.TextFormat.PlainText
    again.reject()
    qtbot.waitUntil(claims.isActiveWindow)
    keys(claims, "Ctrl+Z")
    assert store.claim(claim.id).name is None
    keys(claims, "Ctrl+Z")
    assert store.claim(claim.id).state is ClaimState.SUGGESTED


def test_split_merge_and_take_out_by_keys(claims, window, press, qtbot):
    store = window.store
    deaths = claim_named(store, "deaths")
    keys(claims, "Return", "Shift+Down")  # the first two figures: BBC and AP
    keys(claims, "S")
    assert len(store.claims()) == 4
    new = next(c for c in store.claims() if c.id not in (1, 2, 3))
    assert [m.article_id for m in new.members] == ["bbc-1", "ap-1"]
    assert [m.article_id for m in store.claim(deaths.id).members] == ["reuters-1", "aj-1"]
    qtbot.waitUntil(
        lambda: claims.current_claim() is not None and claims.current_claim().id == new.id
    )

    # merge it back: from the new claim, Ctrl+Down to the old one and Ctrl+Space selects it too
    keys(claims, "Escape")
    assert claims.claim_table.hasFocus()
    steps = claims.claim_model.row_of(deaths.id) - claims.claim_model.row_of(new.id)
    keys(claims, *["Ctrl+Down" if steps > 0 else "Ctrl+Up"] * abs(steps), "Ctrl+Space")
    assert claims.current_claim().id == deaths.id
    assert {c.id for c in claims.selected_claims()} == {deaths.id, new.id}
    keys(claims, "M")
    assert len(store.claim(deaths.id).members) == 4
    assert len(store.claims()) == 3

    qtbot.waitUntil(lambda: claims.figure_model.rowCount() == 4)
    keys(claims, "Return")
    figure = claims.current_figure()
    keys(claims, "X")
    assert store.claim_of_span(figure.span_id) is None
    keys(claims, "Ctrl+Z")
    assert store.claim_of_span(figure.span_id) == deaths.id


def test_a_source_linked_to_the_claim_reaches_every_figure(claims, window, qtbot, shown):
    from annotations.model import Source

    store = window.store
    claim = claim_named(store, "deaths")
    keys(claims, "L")
    dialog = shown(claims, "source_dialog")
    dialog.url_edit.setText("https://moh.example/toll")
    dialog.title_edit.setText("Ministry of Health bulletin")
    dialog.accept()
    qtbot.waitUntil(claims.isActiveWindow)
    assert [s.source.url for s in store.claim(claim.id).sources] == ["https://moh.example/toll"]
    keys(claims, "Shift+A")
    assert all([link.source.url for link in store.links(m.span_id)] == ["https://moh.example/toll"]
               for m in claim.members)  # fmt: skip
    assert isinstance(store.claim(claim.id).sources[0].source, Source)


def test_v_colours_the_plot_by_verdict_and_back(claims, window, press):
    assert claims.plot.categories() == ["BBC", "AP", "Reuters", "Al Jazeera"]
    keys(claims, "V")
    assert claims.plot.categories() == ["unverified"]
    keys(claims, "Shift+D", "Shift+A")  # every figure disputed
    claims.reload()
    assert claims.plot.categories() == ["disputed"]
    keys(claims, "V")
    assert claims.plot.categories() == ["BBC", "AP", "Reuters", "Al Jazeera"]
    assert window.settings.value("claims/colour_by") == "outlet"


def test_markup_in_an_outlet_shows_as_written_and_an_undated_figure_is_listed(
    window_on, tmp_path, qtbot, press
):
    from annotations.claims.model import SuggestedClaim
    from annotations.model import FIGURE, Article, Figure, Span

    store = Store(tmp_path / "m.db", reviewer="Ada")
    with store.transaction():
        for aid, outlet, date in (
            ("a", "<b>Wire</b>", "2023-10-10"),
            ("b", "<img src=x>", "2023-10-10"),
            ("c", "Daily", None),
        ):
            store.insert_article(Article(aid, "Some 1,400 were killed.", title=aid,
                                         published=date, outlet=outlet),
                                 [Span(0, 10, FIGURE, "Some 1,400", figure=Figure(value=1400))])  # fmt: skip
    ids = [s.id for aid in "abc" for s in store.spans(aid)]
    store.save_suggestions([SuggestedClaim("count", None, "deaths", [], [(i, 1.0) for i in ids])])
    window = window_on(store)
    press(window, "Shift+C")
    view = window.claims_view
    qtbot.waitUntil(view.isVisible)
    assert cell(view.figure_model, 0, "Outlet") == "<b>Wire</b>"
    legend = [label.text for _sample, label in view.plot._legend.items]
    assert "&lt;b&gt;Wire&lt;/b&gt;" in legend[0] and "&lt;img src=x&gt;" in legend[1]
    # the undated figure is in the table, not on the time axis, and the plot says so
    assert cell(view.figure_model, 2, "Date") == "no date"
    assert len(view.plot.points) == 2
    assert "1 figure without a date or a value not plotted" in view.plot.note.text()


def _ringed(image, plot, span_id: int, ring: QColor) -> bool:
    """Whether the mark of `span_id` wears a ring of colour `ring` (looked for in the pixels
    around it, 7 to 11 px from its middle)."""
    from PySide6.QtCore import QPointF

    x, y = plot.points[span_id]
    view = plot.plot.getPlotItem().vb
    at = plot.plot.mapFromScene(view.mapViewToScene(QPointF(x, y)))
    at = plot.plot.mapTo(plot, at)
    near = 0
    for dx in range(-11, 12):
        for dy in range(-11, 12):
            if 49 <= dx * dx + dy * dy <= 121:
                c = image.pixelColor(at.x() + dx, at.y() + dy)
                near += (
                    abs(c.red() - ring.red())
                    + abs(c.green() - ring.green())
                    + abs(c.blue() - ring.blue())
                    < 60
                )
    return near >= 20


def _colours(image) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)}  # fmt: skip


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_plot_renders_to_png_with_a_mark_per_outlet(claims, tmp_path, qtbot, dark):
    from desktop.claims_plot import CATEGORY_COLOURS, CONFLICT_COLOUR
    from desktop.theme import apply_theme

    apply_theme(dark)
    try:
        qtbot.waitUntil(lambda: QColor(claims.plot.plot.backgroundBrush().color()).lightness()
                        < 128 if dark else True)  # fmt: skip
        QApplication.processEvents()
        claims.resize(1200, 760)
        QApplication.processEvents()
        image = claims.plot.grab().toImage()
        out = tmp_path / f"claims-plot-{'dark' if dark else 'light'}.png"
        assert claims.plot.grab().save(str(out))
        view_png = tmp_path / f"claims-view-{'dark' if dark else 'light'}.png"
        assert claims.grab().save(str(view_png))
        if PNG_DIR is not None:  # to look at: FACTMARK_PNG_DIR=/some/dir pytest …
            PNG_DIR.mkdir(parents=True, exist_ok=True)
            claims.plot.grab().save(str(PNG_DIR / out.name))
            claims.grab().save(str(PNG_DIR / view_png.name))
        seen = _colours(image)
        background = image.pixelColor(image.width() // 2, 4)
        assert (background.lightness() < 128) is dark
        # one colour per outlet (BBC, AP, Reuters, Al Jazeera); a ring round the two figures in
        # conflict, none round the others
        assert set(CATEGORY_COLOURS[:4]) <= seen
        ring = QColor(CONFLICT_COLOUR[dark])
        ringed = {m.article_id: _ringed(image, claims.plot, m.span_id, ring)
                  for m in claims.current_claim().members if m.span_id in claims.plot.points}  # fmt: skip
        assert ringed == {"bbc-1": True, "ap-1": True, "reuters-1": False, "aj-1": False}
    finally:
        apply_theme(False)


def test_the_review_window_starts_without_the_plotting_library():
    code = (
        "import sys, desktop.app, desktop.window; "
        "print(sorted(m for m in sys.modules if m.startswith('pyqtgraph')))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env)  # fmt: skip
    assert out.stdout.strip() == "[]"


def test_the_claims_view_models_pass_qt_s_model_tester(claims, qtmodeltester):
    qtmodeltester.check(claims.claim_model)
    qtmodeltester.check(claims.figure_model)
    assert claims.figure_model.rowCount() == 4


@pytest.mark.slow
def test_the_fixture_corpus_suggestions_open_in_the_view(window_on, tmp_path, qtbot, press):
    """The claims helper's fixture corpus (tests/fixtures/claims), highlighted by the rules and
    grouped by `factmark claims suggest`, read in the view as a reviewer would."""
    from annotations.claims.suggest import suggest_for_store
    from annotations.quality.claims import build_project

    store = build_project(tmp_path / "corpus.db")
    suggest_for_store(store)
    window = window_on(store)
    press(window, "Shift+C")
    view = window.claims_view
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    listed = [c.has_conflict for c in view.claim_model.rows]
    assert listed[0] and listed == sorted(listed, reverse=True)  # every conflict before the rest
    first = view.current_claim()
    assert len(first.article_ids) >= 2 and view.plot.categories()
    keys(view, "Return", "J")
    if PNG_DIR is not None:  # the README's picture: FACTMARK_PNG_DIR=resources/screenshots
        PNG_DIR.mkdir(parents=True, exist_ok=True)
        view.grab().save(str(PNG_DIR / "claims-view.png"))
    keys(view, "Return")
    figure = first.members[1]
    qtbot.waitUntil(window.isActiveWindow)
    assert (window.article.id, window.current_id) == (figure.article_id, figure.span_id)


def test_an_edit_in_the_review_window_shows_in_the_view(claims, window, press, qtbot):
    """A figure's verdict set on its span in the review window reaches the view's table, by
    reading that one claim again; an edit to a span in no claim reads nothing."""
    figure = claims.current_claim().members[0]
    reads = []
    store = window.store
    every, one = store.claim_summaries, store.claim
    store.claim_summaries = lambda *a, **k: reads.append("all") or every(*a, **k)
    store.claim = lambda cid: reads.append(cid) or one(cid)
    window.open_article(figure.article_id, figure.span_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(window, "Shift+D")
    assert store.span(figure.span_id).figure.verdict is Verdict.DISPUTED
    assert cell(claims.figure_model, 0, "Verdict") == "disputed"
    assert reads == [claims.current_claim().id]
    press(window, "J")  # the place "Gaza": in no claim
    assert window.current_span().text == "Gaza"
    press(window, "X")
    qtbot.wait(50)
    assert reads == [claims.current_claim().id]
    press(window, "Ctrl+Z", "Ctrl+Z")  # an undo may restore anything: all read again
    qtbot.waitUntil(lambda: cell(claims.figure_model, 0, "Verdict") == "unverified")
    assert "all" in reads


def test_a_figure_s_new_value_that_ends_the_conflict_reorders_the_claims(claims, window, qtbot):
    """Edited in the review window, "1,200" becomes "1,400": the death toll no longer conflicts
    and drops below the displaced claim (more articles)."""
    from annotations.model import Figure

    ap = next(m for m in claims.current_claim().members if m.article_id == "ap-1")
    window.open_article("ap-1", ap.span_id)
    window.review_actions.edit_figure(Figure(value=1400, counted="deaths"))
    qtbot.waitUntil(lambda: shown_claims(claims)[0] == ("displaced · gaza", ""))
    assert shown_claims(claims)[1] == ("deaths · gaza", "")
    assert claims.current_claim().counted == "deaths"  # the view stays on the claim it showed


def test_clicking_a_mark_chooses_its_figure_in_the_table(claims, qtbot):
    from PySide6.QtCore import QPointF

    plot = claims.plot
    reuters = next(m for m in claims.current_claim().members if m.article_id == "reuters-1")
    x, y = plot.points[reuters.span_id]
    widget = plot.plot
    at = widget.mapFromScene(widget.getPlotItem().vb.mapViewToScene(QPointF(x, y)))
    QTest.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: claims.current_figure() is not None)
    assert claims.current_figure().span_id == reuters.span_id
    assert claims.figure_table.hasFocus()  # Return now opens it
    assert plot.selected == reuters.span_id


def test_the_claims_view_s_keys_are_free_and_each_does_something():
    from collections import Counter

    from desktop.claims_view import ClaimsView
    from desktop.shortcuts import CLAIMS_SHORTCUTS, SHORTCUTS

    keys_ = Counter(QKeySequence(sc.key).toString() for sc in CLAIMS_SHORTCUTS)
    assert "" not in keys_ and [k for k, n in keys_.items() if n > 1] == []
    assert [sc.action for sc in CLAIMS_SHORTCUTS
            if not callable(getattr(ClaimsView, f"do_{sc.action}", None))] == []  # fmt: skip
    # the key that opens the view is free in the review window
    assert [sc.action for sc in SHORTCUTS if sc.key == "Shift+C"] == ["claims"]


def test_f1_in_the_view_lists_its_keys(claims, shown):
    from desktop.shortcuts import CLAIMS_SHORTCUTS

    keys(claims, "F1")
    table = shown(claims, "help_dialog").table
    assert table.rowCount() == len(CLAIMS_SHORTCUTS)
    does = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert "all its figures" in does["Shift+A"]


def test_shift_c_on_a_figure_opens_its_claim(window, press, qtbot):
    trucks = window.store.spans("trucks-2")[0]
    window.open_article("trucks-2", trucks.id)
    press(window, "Shift+C")
    view = window.claims_view
    qtbot.waitUntil(view.isVisible)
    assert view.current_claim().counted == "trucks"
    assert view.current_figure().span_id == trucks.id
    assert view.focusWidget() is view.claim_table  # J/K still move between claims
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    keys(view, "Return", "Return")  # into the figures at that figure, and back to its article
    qtbot.waitUntil(window.isActiveWindow)
    assert window.current_id == trucks.id
