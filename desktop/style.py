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


@cache
def label_styles() -> dict[str, LabelStyle]:
    data = json.loads(LABELS_FILE.read_text(encoding="utf-8"))["labels"]
    return {k: LabelStyle(k, v["name"], v["key"], v["light"], v["dark"]) for k, v in data.items()}


def style_for(label: str) -> LabelStyle:
    styles = label_styles()
    return styles.get(label) or LabelStyle(label, label.title(), "", "#dddddd", "#555555")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128
