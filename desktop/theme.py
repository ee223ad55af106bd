"""The light or dark theme of the whole application, chosen in View › Dark mode and remembered."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from desktop.style import dark_palette

SETTING = "view/dark"

_system: tuple[str, object] | None = None  # (style name, palette) before the first change


def apply_theme(dark: bool) -> None:
    """Dark: Fusion with the dark palette. Light: back to what the system gave the app."""
    global _system
    app = QApplication.instance()
    if app is None:
        return
    if _system is None:
        if not dark:
            return  # nothing changed yet: the system theme is already in place
        _system = (app.style().name(), app.palette())
    if dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    else:
        name, palette = _system
        app.setStyle(name)
        app.setPalette(palette)
        _system = None


def dark_mode_action(parent: QObject, settings: QSettings) -> QAction:
    """A checkable menu action that switches the theme and writes the choice to the settings."""
    action = QAction("Dark mode", parent)
    action.setCheckable(True)
    action.setChecked(_truthy(settings.value(SETTING, False)))

    def toggled(on: bool) -> None:
        settings.setValue(SETTING, on)
        apply_theme(on)

    action.toggled.connect(toggled)
    return action


def _truthy(value) -> bool:
    """QSettings hands back "true"/"false" strings from .ini files and bools elsewhere."""
    return value is True or str(value).lower() in ("true", "1")


def dark_mode_setting(settings: QSettings) -> bool:
    return _truthy(settings.value(SETTING, False))
