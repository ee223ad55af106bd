"""The article beside the span panel, or above it when the window is narrow (a 13-inch laptop)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QWidget

NARROW = 860  # below this width (article + panel) the panel moves under the article


class ArticlePanes(QSplitter):
    """A splitter that turns itself: side by side when wide, the panel below when narrow."""

    def __init__(self, article: QWidget, panel: QWidget, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.panel = panel
        self.scroll = QScrollArea()
        self.scroll.setWidget(panel)
        self.scroll.setWidgetResizable(True)
        self.scroll.setMinimumWidth(260)
        self.addWidget(article)
        self.addWidget(self.scroll)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 5)
        self.setStretchFactor(1, 2)
        self._arrange(Qt.Orientation.Horizontal)

    @property
    def stacked(self) -> bool:
        return self.orientation() == Qt.Orientation.Vertical

    def minimumSizeHint(self):  # noqa: N802 (Qt override)
        # The narrow arrangement is always available, so the narrow width is the minimum.
        hint = super().minimumSizeHint()
        if not self.stacked:
            hint.setWidth(max(self.widget(0).minimumSizeHint().width(), self.scroll.minimumWidth()))
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        want = (
            Qt.Orientation.Vertical if event.size().width() < NARROW else Qt.Orientation.Horizontal
        )
        if want != self.orientation():
            self._arrange(want)
        super().resizeEvent(event)

    def _arrange(self, orientation: Qt.Orientation) -> None:
        self.setOrientation(orientation)
        stacked = orientation == Qt.Orientation.Vertical
        self.scroll.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if stacked
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.scroll.setMinimumWidth(0 if stacked else 260)
        self.scroll.setMinimumHeight(150 if stacked else 0)
        set_wide = getattr(self.panel, "set_wide", None)
        if set_wide is not None:
            set_wide(stacked)  # a wide, short panel lays its groups out in a row
        total = self.height() if stacked else self.width()
        if total > 0:
            self.setSizes([int(total * 0.64), total - int(total * 0.64)])
