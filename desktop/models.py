"""Qt item models over the core: thin adapters that hold ids and fetch rows on demand."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annotations.model import Article, SourceLink
from annotations.store import ArticleSummary, Store
from annotations.urls import display_url
from desktop.plain_text import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex
_BLOCK = 200  # rows fetched per query when the view asks for one not yet loaded
CONFLICT_MARK = "⚠ "  # before the title of an article with a figure in conflict
CONFLICT_TIP = "⚠ A figure here conflicts with another of its claim (Shift+C shows the claims)"

STATUS_TEXT = {"new": "new", "in_review": "in review", "reviewed": "reviewed ✓",
               "adjudicated": "adjudicated ✓✓"}  # fmt: skip


def status_text(status) -> str:
    """An article status as the reviewer reads it ("in review", never `in_review`)."""
    value = getattr(status, "value", status)
    return STATUS_TEXT.get(value, str(value).replace("_", " "))


def article_header(article: Article) -> str:
    """The line under the title: outlet, byline, date, status, address and any flag, as words."""
    meta = article.meta if isinstance(article.meta, dict) else {}
    flagged = meta.get("flagged")
    byline = f"by {meta['byline']}" if isinstance(meta.get("byline"), str) else None
    url = display_url(article.url) if article.url else None
    parts = (article.outlet, byline, article.published, status_text(article.status), url, flagged)
    return " · ".join(str(x) for x in parts if x)


class _TableModel(QAbstractTableModel):
    """Flat table: subclasses give COLUMNS and `_count()`."""

    COLUMNS: tuple[str, ...] = ()

    def _count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.COLUMNS):
                return self.COLUMNS[section]
        return None


class ArticleListModel(_TableModel):
    """The article list: ids for the current filter, summaries fetched a block at a time. An
    article with a figure in conflict within its claim has its title marked ⚠; the filter
    `conflicts` lists only those."""

    COLUMNS = ("Title", "Date", "Outlet", "Status", "Decided")

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.filters: dict[str, str | bool | None] = {}
        self._ids: list[str] = []
        self._rows: dict[str, ArticleSummary] = {}
        self._row_of: dict[str, int] | None = None
        self.conflicting: set[str] = set(store.conflicting_article_ids())
        self.reload()

    # ------------------------------------------------------------------ filters
    def set_filters(self, **filters: str | bool | None) -> None:
        self.filters = {k: v or None for k, v in filters.items()}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        filters = dict(self.filters)
        only_conflicts = filters.pop("conflicts", None)
        ids = self.store.article_ids(**filters)
        self._ids = [i for i in ids if i in self.conflicting] if only_conflicts else ids
        self._rows.clear()
        self._row_of = None
        self.endResetModel()

    def follow_conflicts(self) -> bool:
        """Read again which articles are in conflict (after a claim or figure changed): their
        rows re-marked, the list read again when it shows only those. True if any changed."""
        now = set(self.store.conflicting_article_ids())
        moved, self.conflicting = now ^ self.conflicting, now
        if moved and self.filters.get("conflicts"):
            self.reload()
        elif moved:
            self.refresh(moved)
        return bool(moved)

    def refresh(self, article_ids: Iterable[str]) -> None:
        """Re-read the given articles' rows after an operation changed them."""
        for aid in article_ids:
            self._rows.pop(aid, None)
            row = self.row_of(aid)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    # ------------------------------------------------------------------ lookups
    def article_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: str) -> int | None:
        if self._row_of is None:
            self._row_of = {aid: i for i, aid in enumerate(self._ids)}
        return self._row_of.get(article_id)

    def summary(self, row: int) -> ArticleSummary | None:
        aid = self.article_id(row)
        if aid is None:
            return None
        if aid not in self._rows:
            start = max(0, row - _BLOCK // 4)
            block = [i for i in self._ids[start : start + _BLOCK] if i not in self._rows]
            for s in self.store.summaries(block):
                self._rows[s.id] = s
        return self._rows.get(aid)

    # ------------------------------------------------------------------ Qt model
    def _count(self) -> int:
        return len(self._ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        s = self.summary(index.row())
        if s is None:
            return None
        col = index.column()
        conflict = s.id in self.conflicting
        if role == Qt.ItemDataRole.ToolTipRole:
            said = f"\n{CONFLICT_TIP}" if conflict else ""
            return plain_tooltip(f"{s.title or s.id}\n{s.id}{said}")
        if col == 0:
            return f"{CONFLICT_MARK}{s.title or s.id}" if conflict else s.title or s.id
        if col == 1:
            return s.published or ""
        if col == 2:
            return s.outlet or ""
        if col == 3:
            return status_text(s.status)
        return f"{s.n_decided}/{s.n_spans}"


class SourceLinkModel(_TableModel):
    """The sources linked to one span, with their stance."""

    COLUMNS = ("Stance", "Source", "Excerpt")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.links: list[SourceLink] = []

    def set_links(self, links: list[SourceLink]) -> None:
        self.beginResetModel()
        self.links = list(links)
        self.endResetModel()

    def _count(self) -> int:
        return len(self.links)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.links):
            return None
        link = self.links[index.row()]
        src = link.source
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip("\n".join(x for x in (src.title, display_url(src.url)) if x))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            link.stance.value,
            " · ".join(
                x for x in (src.title or display_url(src.url), src.outlet, src.published) if x
            ),
            link.excerpt or "",
        )[index.column()]
