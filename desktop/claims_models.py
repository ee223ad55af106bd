"""Item models of the claims view: the claims (conflicting first) and one claim's figures.

Both hold the core's `Claim` dataclasses as the store handed them out; the view reloads them
after an operation. Every cell is words a reviewer reads ("⚠ conflict", "more than"), never an id.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from annotations.claims.model import Claim, ClaimMember, ClaimState, ClaimSummary
from annotations.model import Qualifier, Verdict
from annotations.urls import display_url
from desktop.models import _TableModel
from desktop.plain_text import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex
CONFLICT = "⚠ conflict"

QUALIFIER_TEXT = {
    Qualifier.EXACT: "",
    Qualifier.APPROXIMATELY: "about",
    Qualifier.MORE_THAN: "more than",
    Qualifier.AT_LEAST: "at least",
    Qualifier.LESS_THAN: "less than",
    Qualifier.AT_MOST: "at most",
    Qualifier.UP_TO: "up to",
    Qualifier.VAGUE: "vague",
}


def number_text(v: float | None) -> str:
    """1400.0 → "1,400"; 3.5 → "3.5"; None → ""."""
    if v is None:
        return ""
    return f"{v:,.0f}" if v == int(v) else f"{v:,.6g}"


def value_text(m: ClaimMember) -> str:
    """The figure's value as a reviewer reads it: "1,400", "1,200–1,400"."""
    if m.low is not None and m.high is not None:
        return f"{number_text(m.low)}–{number_text(m.high)}"
    return number_text(m.value)


def state_text(claim: Claim | ClaimSummary) -> str:
    """ "suggested", "confirmed", or with the verdict once there is one: "confirmed · false"."""
    state = "confirmed" if claim.state is ClaimState.CONFIRMED else "suggested"
    return state if claim.verdict is Verdict.UNVERIFIED else f"{state} · {claim.verdict}"


def claim_summary(claim: Claim | ClaimSummary) -> str:
    """One line: what the claim is and how many state it."""
    if isinstance(claim, ClaimSummary):
        n, a, conflict = claim.figures, claim.articles, ", in conflict" * claim.has_conflict
    else:
        n, a = len(claim.members), len(claim.article_ids)
        conflict = f", {len(claim.conflicts)} in conflict" if claim.has_conflict else ""
    return f"{claim.label}: {n} figure{'s' * (n != 1)} in {a} article{'s' * (a != 1)}{conflict}"


class _RowsModel(_TableModel):
    """A table over a list of the core's dataclasses, each row found again by its id."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def _set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def replace(self, row: int, item) -> None:
        """`item` read again in its row."""
        self.rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _row(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _id(self, item) -> int:
        raise NotImplementedError

    def row_of(self, key: int | None) -> int | None:
        return next((i for i, item in enumerate(self.rows) if self._id(item) == key), None)

    def _count(self) -> int:
        return len(self.rows)


class ClaimListModel(_RowsModel):
    """Every claim as a light row (`ClaimSummary`), in the order the store gives: conflicting
    first, then most articles."""

    COLUMNS = ("Claim", "Figures", "Articles", "Conflict", "State")

    def set_claims(self, claims: list[ClaimSummary]) -> None:
        self._set_rows(claims)

    def claim(self, row: int) -> ClaimSummary | None:
        return self._row(row)

    def _id(self, item: ClaimSummary) -> int:
        return item.id

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c = self.claim(index.row()) if index.isValid() else None
        if c is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            dates = " to ".join(
                dict.fromkeys(d for d in (c.first_published, c.last_published) if d)
            )
            return plain_tooltip(f"{c.label}\n{claim_summary(c)}" + (f"\n{dates}" if dates else ""))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            c.label,
            f"{c.figures:,}",
            f"{c.articles:,}",
            CONFLICT if c.has_conflict else "",
            state_text(c),
        )[index.column()]


class ClaimFigureModel(_RowsModel):
    """The figures of one claim, by published date (as the store orders them)."""

    # the conflict beside the value: what the view is for, never scrolled out of sight
    COLUMNS = ("Figure", "Value", "Qualifier", "Conflict", "Article", "Outlet", "Date", "Verdict",
               "Sources")  # fmt: skip

    def set_claim(self, claim: Claim | None) -> None:
        self._set_rows(claim.members if claim is not None else [])

    def member(self, row: int) -> ClaimMember | None:
        return self._row(row)

    def _id(self, item: ClaimMember) -> int:
        return item.span_id

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        m = self.member(index.row()) if index.isValid() else None
        if m is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(m))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            m.text,
            value_text(m),
            QUALIFIER_TEXT.get(m.qualifier, str(m.qualifier)),
            self._conflict_text(m),
            m.title or m.article_id,
            m.outlet or "",
            m.published or "no date",
            str(m.verdict),
            "; ".join(
                s.source.outlet or s.source.title or display_url(s.source.url) for s in m.sources
            ),  # fmt: skip
        )[index.column()]

    def _conflict_text(self, m: ClaimMember) -> str:
        """ "⚠ with 1,200 (AP)": which figures this one cannot agree with."""
        if not m.conflicts_with:
            return ""
        others = [o for o in self.rows if o.span_id in m.conflicts_with]
        named = ", ".join(f"{o.text} ({o.outlet or o.title or o.article_id})" for o in others[:2])
        more = f" and {len(others) - 2} more" if len(others) > 2 else ""
        return f"⚠ with {named}{more}"

    def _tooltip(self, m: ClaimMember) -> str:
        lines = [f"“{m.text}” in {m.title or m.article_id}"]
        lines.append(" · ".join(x for x in (m.outlet, m.published, display_url(m.url)
                                           if m.url else None) if x))  # fmt: skip
        if m.state is ClaimState.SUGGESTED and m.similarity is not None:
            lines.append(f"suggested for this claim (similarity {m.similarity:.2f})")
        for s in m.sources:
            lines.append(f"{s.stance}: {s.source.title or display_url(s.source.url)}")
        conflict = self._conflict_text(m)
        if conflict:
            lines.append(conflict.replace("⚠ with", "⚠ cannot both be true with"))
        return "\n".join(x for x in lines if x)
