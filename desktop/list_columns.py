"""Article-list columns that fit a narrow window: titles elide in the middle, the counts never cut.

Date, Status and Decided are sized from the font to their widest possible text; when the list is
narrow, Outlet gives way first and then Date, so the title keeps room to be read.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.models import STATUS_TEXT

TITLE, DATE, OUTLET, STATUS, DECIDED = range(5)
MIN_TITLE = 140  # below this Outlet, then Date, are hidden
OUTLET_WIDTH = 70


class ListColumns(QObject):
    """Sizes the article list's columns and keeps them fitted as the list is resized."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(OUTLET, QHeaderView.ResizeMode.Interactive)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fm, pad = view.fontMetrics(), 12
        head = header.fontMetrics()

        def width(col: int, *samples: str) -> int:
            name = str(view.model().headerData(col, Qt.Orientation.Horizontal) or "")
            return (
                max([fm.horizontalAdvance(s) for s in samples] + [head.horizontalAdvance(name)])
                + pad
            )

        self.widths = {
            DATE: width(DATE, "2024-12-31"),
            STATUS: width(STATUS, *STATUS_TEXT.values()),
            DECIDED: width(DECIDED, "9999/9999"),  # never cut: the widest count there will be
        }
        for col, w in self.widths.items():
            view.setColumnWidth(col, w)
        view.setColumnWidth(OUTLET, OUTLET_WIDTH)
        view.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if obj is self.view and event.type() == QEvent.Type.Resize:
            self.fit(event.size().width())
        return False

    def fit(self, width: int) -> None:
        # room for the title with Date, Status and Decided shown
        room = width - sum(self.widths.values()) - self.view.verticalScrollBar().sizeHint().width()
        self.view.setColumnHidden(OUTLET, room - OUTLET_WIDTH < MIN_TITLE)
        self.view.setColumnHidden(DATE, room < MIN_TITLE)
