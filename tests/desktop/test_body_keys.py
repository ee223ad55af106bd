"""The article's body in the window: page furniture dimmed, [ and ] move the body's bounds (one
operation each, in the database), Ctrl+Z puts them back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotations.importers import import_paths
from annotations.store import Store

SEED_004 = Path(__file__).resolve().parents[2] / "seeds" / "004_41e63b65b7f40297.txt"
AID = SEED_004.stem
LAST_PROSE = "Blinken went on to underscore"


@pytest.fixture
def seed_window(window_on, tmp_path):
    path = tmp_path / "seed.db"
    store = Store(path, reviewer="importer")
    import_paths(store, [SEED_004])
    store.close()
    window = window_on(Store(path, reviewer="Ada"))
    window.open_article(AID)
    return window, path


def dimmed(view) -> list[tuple[int, int]]:
    """The stretches drawn in the dimmed colour, merged, in core offsets."""
    grey = view.palette().color(view.palette().ColorRole.PlaceholderText)
    out: list[tuple[int, int]] = []
    for a, b, fmt in sorted(view.format_ranges(), key=lambda r: r[0]):
        if fmt.foreground().color() != grey or fmt.fontStrikeOut():
            continue
        if out and not view.text[out[-1][1] : a].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def click_at(qtbot, view, offset: int) -> None:
    view.scroll_to(offset, offset + 1)
    rect = view.range_rects(offset, offset + 1)[0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def test_the_furniture_is_dimmed_and_the_article_is_not(seed_window):
    window, _ = seed_window
    text = window.view.text
    grey = [text[a:b] for a, b in dimmed(window.view)]
    assert grey[0].startswith("Jerusalem Post\nSeparator\nbreaking news\nBREAKING NEWS")
    assert "By JERUSALEM POST STAFF" in grey
    assert grey[-1].startswith("IDF strikes eastern Rafah") and grey[-1].endswith("11:53 AM")
    assert not any("Blinken repeated" in g for g in grey)
    assert "Jerusalem Post · by Jerusalem Post staff" in window.meta_label.text()


def test_close_bracket_ends_the_body_at_the_clicked_line_and_undo_restores(
    qtbot, seed_window, press
):
    window, path = seed_window
    text = window.view.text
    before = Store(path).article(AID).body
    at = text.index("Blinken repeated that")
    click_at(qtbot, window.view, at + 5)
    press(window, "]")
    line_end = text.index("\n", at)
    assert Store(path).article(AID).body.end == line_end  # in the database
    assert "The article now ends at “…" in window.statusBar().currentMessage()
    last = text.index(LAST_PROSE)
    assert any(a <= last < b for a, b in dimmed(window.view))  # the last paragraph is grey now
    assert not any(a <= at < b for a, b in dimmed(window.view))
    press(window, "Ctrl+Z")
    assert Store(path).article(AID).body == before
    assert not any(a <= last < b for a, b in dimmed(window.view))
    press(window, "Ctrl+Shift+Z")
    assert Store(path).article(AID).body.end == line_end


def test_open_bracket_starts_the_body_at_the_selection_and_takes_the_header_back(
    seed_window, press
):
    window, path = seed_window
    text = window.view.text
    window.view.select_range(0, len("Jerusalem Post"))
    press(window, "[")
    body = Store(path).article(AID).body
    assert body.start == 0
    assert not any(a == 0 for a, _ in dimmed(window.view))  # the site name is not grey now
    press(window, "Ctrl+Z")
    assert Store(path).article(AID).body.start == text.index("US Secretary of State Anthony")
    assert dimmed(window.view)[0][0] == 0


def test_a_body_ending_before_it_starts_is_refused_in_words(qtbot, seed_window, press):
    window, path = seed_window
    before = Store(path).article(AID).body
    click_at(qtbot, window.view, 3)  # in "Jerusalem Post", above the body's start
    press(window, "]")
    assert Store(path).article(AID).body == before
    assert "start must come before its end" in window.statusBar().currentMessage()


def test_a_span_made_in_the_furniture_says_it_stays_out_of_exports(seed_window, press):
    window, path = seed_window
    text = window.view.text
    at = text.index("315")
    window.view.select_range(at, at + 3)
    press(window, "1")  # label the selection a figure
    assert [s.text for s in Store(path).spans(AID) if s.text == "315"] == ["315"]
    assert "‘315’ is in the page furniture" in window.statusBar().currentMessage()
