"""Review-window fixtures: a small project built through the core, and a window on it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from annotations.model import Article, Figure, Span
from annotations.store import Store

GAZA = (
    "Dr Ahmed Khalil said some 1,400 people were killed in Gaza on Monday, and more than 9,000 "
    "were wounded, according to the Health Ministry. Aid agencies said 20 trucks crossed."
)


def spans_of(text: str, *items: tuple[str, str]) -> list[Span]:
    """Spans for the first occurrence of each (text, label), FIGUREs with a value."""
    out = []
    for needle, label in items:
        start = text.index(needle)
        digits = "".join(ch for ch in needle if ch.isdigit())
        fig = Figure(value=float(digits)) if label == "FIGURE" and digits else None
        out.append(Span(start, start + len(needle), label, needle, figure=fig))
    return out


def build_project(path) -> None:
    store = Store(path, reviewer="importer")
    with store.transaction():
        store.insert_article(
            Article("gaza", GAZA, title="Gaza toll rises", published="2023-10-30", outlet="Wire"),
            spans_of(GAZA, ("some 1,400 people", "FIGURE"), ("Gaza", "GPE"), ("Monday", "DATE"),
                     ("more than 9,000", "FIGURE"), ("Health Ministry", "ORG"), ("20 trucks", "FIGURE")),
        )  # fmt: skip
        second = "Officials in Kyiv counted 312 strikes in 2022."
        store.insert_article(
            Article("kyiv", second, title="Strikes counted", outlet="Daily"),
            spans_of(second, ("Kyiv", "GPE"), ("312 strikes", "FIGURE"), ("2022", "DATE")),
        )
        third = "A quiet day in Oslo."
        store.insert_article(
            Article("oslo", third, title="Quiet"), spans_of(third, ("Oslo", "GPE"))
        )
    store.close()


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "project.db"
    build_project(path)
    return path


@pytest.fixture
def prefs(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window_on(qtbot, prefs):
    """A shown, active review window on a Store; closed (and the store with it) at the end."""
    from desktop.window import ReviewWindow

    made = []

    def make(store: Store, size: tuple[int, int] = (1200, 800)):
        window = ReviewWindow(store, prefs)
        qtbot.addWidget(window)
        window.resize(*size)
        with qtbot.waitActive(window):  # shortcuts fire only in the active window
            window.show()
            window.activateWindow()
        window.restore_last()
        made.append(window)
        return window

    yield make
    for w in made:
        w.close()
        w.store.close()


@pytest.fixture
def make_window(window_on, project):
    return lambda reviewer="Ada": window_on(Store(project, reviewer=reviewer))


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def press():
    """Type shortcuts as a reviewer would (QKeySequence text: "A", "Shift+Right", "Ctrl+Z")."""

    def press(widget, *keys: str) -> None:
        for key in keys:
            QTest.keySequence(widget, QKeySequence(key))

    return press


@pytest.fixture
def shown(qtbot):
    """The dialog or popup the window keeps as `window.<attr>`, once it is on screen."""

    def shown(window, attr: str):
        qtbot.waitUntil(lambda: getattr(window, attr, None) is not None)
        widget = getattr(window, attr)
        qtbot.waitUntil(widget.isVisible)
        return widget

    return shown


def pytest_collection_modifyitems(items):
    # The offscreen platform plugin warns that it cannot propagate size hints whenever a window
    # is shown, and that it cannot raise a popup menu or grab the keyboard for it; that is the
    # test platform talking, not the app. Every other Qt warning fails.
    for item in items:
        item.add_marker(
            pytest.mark.qt_log_ignore(
                r"This plugin does not support (propagateSizeHints|raise\(\)|grabbing the keyboard)"
            )
        )
