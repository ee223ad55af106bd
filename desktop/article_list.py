"""The article list panel: search box, labelled status/label/verdict/conflicts filters, the list
and its count."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotations.model import Change
from annotations.store import Store
from desktop.filter_bar import FilterBar
from desktop.list_columns import ListColumns
from desktop.models import ArticleListModel
from desktop.plain_text import plain_label

_MANY = 200  # an operation over more spans than this re-reads the conflicts without asking


class ArticleListPanel(QWidget):
    """Lists the project's articles as the filters and the search narrow them.

    `article_chosen(id)` when the reviewer moves to another row; the window opens the article and
    calls `select` back, which never re-emits.
    """

    article_chosen = Signal(str)
    search_done = Signal()  # Return in the search box: keys go back to the review

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.current_article_id: str | None = None
        ll = QVBoxLayout(self)
        ll.setContentsMargins(4, 4, 4, 4)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search articles (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.filter_bar = FilterBar()
        self.status_filter = self.filter_bar.status
        self.label_filter = self.filter_bar.label
        self.verdict_filter = self.filter_bar.verdict
        ll.addWidget(self.search_edit)
        ll.addWidget(self.filter_bar)
        self.list_model = ArticleListModel(store, self)
        self.list_view = QTableView()
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.list_view.verticalHeader().hide()
        # Fixed row heights: the view never asks every row its size, so 100,000 rows open at once.
        self.list_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.list_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.list_columns = ListColumns(self.list_view)  # fitted to narrow windows too
        ll.addWidget(self.list_view)
        self.list_count = plain_label()
        ll.addWidget(self.list_count)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(150)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.search_edit.returnPressed.connect(self.search_done)
        self.filter_bar.filters_changed.connect(self.apply_filters)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        # A decision or a "reviewed" mark refreshes its row: the queue's progress follows.
        self.list_model.dataChanged.connect(self.update_count)
        self.update_count()

    def apply_filters(self) -> None:
        self.list_model.set_filters(**self.filter_bar.values(), search=self.search_edit.text())
        self.update_count()
        if self.current_article_id is not None:
            self.select(self.current_article_id)

    def reload(self) -> None:
        """Read the list again (after an import or claims suggested), conflicts too."""
        self.list_model.conflicting = set(self.store.conflicting_article_ids())
        self.list_model.reload()
        self.update_count()

    def follow(self, change: Change) -> None:
        """Re-read the rows an operation changed; when it may have started or ended a conflict
        (a claim changed, a figure in a claim edited, an undo), which articles are in conflict too,
        keeping the current row."""
        self.list_model.refresh(change.article_ids)
        if (
            change.claim_ids
            or change.op == "revert"
            or len(change.span_ids) > _MANY
            or any(self.store.claim_of_span(i) for i in change.span_ids)
        ) and self.list_model.follow_conflicts():
            self.update_count()
            if self.current_article_id is not None:
                self.select(self.current_article_id)

    def update_count(self) -> None:
        listed = f"{self.list_model.rowCount():,} articles"
        queue = self.store.queue_progress() if self.store.queue(self.store.reviewer or "") else None
        if queue is not None:  # the list is the reviewer's queue
            listed = f"Your queue: {queue[0]:,} of {queue[1]:,} done · {listed} shown"
        self.list_count.setText(listed)

    def select(self, article_id: str | None) -> None:
        """Show `article_id` as the current row (scrolled into view) without emitting."""
        self.current_article_id = article_id
        row = self.list_model.row_of(article_id) if article_id is not None else None
        if row is None:
            return
        index = self.list_model.index(row, 0)
        # Not behind blocked signals: the view must hear of the change, or it keeps painting the
        # old row as selected too. `_on_list_current_changed` ignores the article already current.
        self.list_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list_view.scrollTo(index)

    def first_article(self) -> str | None:
        return self.list_model.article_id(0)

    def neighbour(self, article_id: str | None, step: int) -> str | None:
        """The article `step` rows from `article_id` in the list (the first row when it is not
        listed), or None past either end."""
        row = self.list_model.row_of(article_id) if article_id is not None else None
        row = 0 if row is None else row + step
        return self.list_model.article_id(row)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def stop(self) -> None:
        self.search_timer.stop()

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        aid = self.list_model.article_id(current.row())
        if aid is not None and aid != self.current_article_id:
            self.article_chosen.emit(aid)
