"""The article list's filters, each named ("Status:", "Label:", "Verdict:") in the legend's words,
and "With conflicts ⚠": only articles with a figure its claim's other figures contradict."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QWidget

from annotations.model import LABELS, ArticleStatus, Verdict
from desktop.models import STATUS_TEXT
from desktop.style import label_name

ANY = "any"


def _combo(items: list[tuple[str, str]], tip: str) -> QComboBox:
    box = QComboBox()
    box.addItem(ANY, None)
    for text, value in items:
        box.addItem(text, value)
    box.setToolTip(tip)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(7)  # narrow windows: the list shows "Country/c…", not a cut
    return box


class FilterBar(QWidget):
    """Three labelled drop-downs and the conflicts box; `filters_changed` whenever one changes."""

    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = _combo(
            [(STATUS_TEXT[s.value].rstrip(" ✓"), s.value) for s in ArticleStatus],
            "Only articles with this status",
        )
        self.label = _combo(
            [(label_name(label), label) for label in LABELS],
            "Only articles with a span of this label",
        )
        self.verdict = _combo(
            [(v.value.replace("_", " "), v.value) for v in Verdict],
            "Only articles with a figure of this verdict",
        )
        self.conflicts = QCheckBox("With &conflicts ⚠")
        self.conflicts.setToolTip(
            "Only articles with a figure that conflicts with another figure of its claim"
        )
        self.conflicts.toggled.connect(self.filters_changed)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        # Two columns of label + box: "Status: any  Label: any" over "Verdict: any".
        for n, (text, box) in enumerate(
            (("Status:", self.status), ("Label:", self.label), ("Verdict:", self.verdict))
        ):
            name = QLabel(text)
            name.setBuddy(box)
            row, col = divmod(n, 2)
            grid.addWidget(name, row, 2 * col)
            grid.addWidget(box, row, 2 * col + 1)
            box.currentIndexChanged.connect(self.filters_changed)
        grid.addWidget(self.conflicts, 1, 2, 1, 2)  # beside "Verdict:", under "Label:"
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def values(self) -> dict[str, str | bool | None]:
        return {
            "conflicts": self.conflicts.isChecked(),
            "status": self.status.currentData(),
            "label": self.label.currentData(),
            "verdict": self.verdict.currentData(),
        }
