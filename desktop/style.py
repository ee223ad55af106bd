"""Label colours and cues, read from resources/styles/labels.json, for light and dark palettes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QColor, QPalette

from annotations.paths import RESOURCES

LABELS_FILE = RESOURCES / "styles" / "labels.json"


@dataclass(frozen=True)
class LabelStyle:
    label: str
    name: str
    key: str
    light: str
    dark: str

    def background(self, dark: bool) -> QColor:
        return QColor(self.dark if dark else self.light)

    def border(self, dark: bool) -> QColor:
        """The edge drawn round a span: the label's colour, well apart from its own fill."""
        return self.background(dark).lighter(210) if dark else self.background(dark).darker(230)


@cache
def label_styles() -> dict[str, LabelStyle]:
    data = json.loads(LABELS_FILE.read_text(encoding="utf-8"))["labels"]
    return {k: LabelStyle(k, v["name"], v["key"], v["light"], v["dark"]) for k, v in data.items()}


def style_for(label: str) -> LabelStyle:
    styles = label_styles()
    return styles.get(label) or LabelStyle(label, label.title(), "", "#dddddd", "#555555")


def label_name(label: str) -> str:
    """What the legend calls a label ("Country/city", not "GPE")."""
    return style_for(label).name


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def dark_palette() -> QPalette:
    """The in-app dark theme (View › Dark mode); the label colours are tested against its text."""
    pal = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e8e8e8"),
                         (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#262626"),
                         (QPalette.ColorRole.Text, "#f0f0f0"), (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#e8e8e8"), (QPalette.ColorRole.Highlight, "#3d7bd9"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.ToolTipBase, "#353535"), (QPalette.ColorRole.ToolTipText, "#f0f0f0"),
                         (QPalette.ColorRole.PlaceholderText, "#8c8c8c")):  # fmt: skip
        pal.setColor(role, QColor(colour))
    return pal
