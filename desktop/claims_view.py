"""The claims view: the same quantity stated across articles, conflicting claims first.

A window of its own beside the review window (Shift+C there): the claims on the left; for the
chosen claim, its figures in a table and a plot of value over published date. Driven by its own
key table (`desktop.shortcuts.CLAIMS_SHORTCUTS`); its edits go through the review window's
undo stack, and Return on a figure shows it in its article in the review window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QSplitter,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotations.claims.model import Claim, ClaimMember, ClaimSummary
from annotations.store import NotFound
from desktop.claims_actions import ClaimActions
from desktop.claims_models import ClaimFigureModel, ClaimListModel, claim_summary
from desktop.claims_plot import OUTLET, VERDICT, ClaimPlot
from desktop.help_dialog import ShortcutsDialog
from desktop.plain_text import make_plain, plain_label
from desktop.shortcut_actions import install_shortcuts
from desktop.shortcuts import CLAIMS_SHORTCUTS
from desktop.sources_dialog import SourceDialog

if TYPE_CHECKING:
    from desktop.window import ReviewWindow

COLOUR_SETTING = "claims/colour_by"
# Operations that change claims (or their figures) where they are: the view reads those claims
# again in their rows. Others (a run, split, merge, moving a figure, an undo) may make, remove or
# regroup claims: the view reads the whole list again.
IN_PLACE = {"confirm_claim", "rename_claim", "set_claim_verdict", "link_claim_source",
            "unlink_claim_source", "apply_claim", "accept", "reject", "set_verdict",
            "edit_figure", "link_source", "unlink_source", "set_note", "relabel", "resize"}  # fmt: skip
_MANY = 200  # an operation on more spans than this (a run, a whole article): read the list again


class ClaimsView(QWidget):
    """The claims list (light rows) and the chosen claim's figures: table and plot."""

    def __init__(self, review: ReviewWindow):
        super().__init__(review, Qt.WindowType.Window)
        self.review = review
        self.store = review.store
        self.setWindowTitle(f"Claims — {review.windowTitle()}")
        self.resize(1200, 760)
        self.claim_actions = ClaimActions(self.store, review.review_actions, self, self)
        self._build()
        self._install_shortcuts()
        colour_by = str(review.settings.value(COLOUR_SETTING, OUTLET))
        self.plot.set_colour_by(colour_by if colour_by in (OUTLET, VERDICT) else OUTLET)
        self._stale = True
        self.shown: Claim | None = None  # the current claim, read with its figures
        self._choosing = False
        self._reload_soon = QTimer(self)  # one reload for a burst of changes (an undone apply)
        self._reload_soon.setSingleShot(True)
        self._reload_soon.timeout.connect(self.reload)
        review.operation_did_execute.connect(self._on_operation_did_execute)
        review.watch.changed_elsewhere.connect(self._on_operation_did_execute)
        review.installEventFilter(self)  # closes with the review window

    # ================================================================== layout
    def _build(self) -> None:
        self.claim_model = ClaimListModel(self)
        self.claim_table = _table(self.claim_model)
        self.claim_table.selectionModel().currentRowChanged.connect(self._on_claims_row_changed)
        self.claim_table.activated.connect(lambda _i: self.do_enter())
        header = self.claim_table.horizontalHeader()
        header.setResizeContentsPrecision(200)  # thousands of claims: size by the first rows
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.claims_count = plain_label()

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(4, 4, 4, 4)
        ll.addWidget(self.claims_count)
        ll.addWidget(self.claim_table, 1)

        self.figure_model = ClaimFigureModel(self)
        self.figure_table = _table(self.figure_model)
        self.figure_table.selectionModel().currentRowChanged.connect(self._on_figures_row_changed)
        self.figure_table.activated.connect(lambda _i: self.do_enter())
        header = self.figure_table.horizontalHeader()
        header.setMaximumSectionSize(220)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, 170)
        self.claim_title = plain_label(wrap=True)
        font = self.claim_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.claim_title.setFont(font)
        self.claim_meta = plain_label(wrap=True)
        self.plot = ClaimPlot()
        self.plot.figure_clicked.connect(self._on_plot_figure_clicked)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(4, 4, 4, 4)
        tl.addWidget(self.claim_title)
        tl.addWidget(self.claim_meta)
        tl.addWidget(self.figure_table, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(top)
        right.addWidget(self.plot)
        right.setChildrenCollapsible(False)
        right.setSizes([330, 400])

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([430, 770])
        self.status = QStatusBar()
        self.status.setSizeGripEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def _install_shortcuts(self) -> None:
        """The claims view's own key table, active while this window is."""
        self.shortcut_actions = install_shortcuts(self, CLAIMS_SHORTCUTS)

    # ================================================================== what is shown
    def reload(self) -> None:
        """Read the claims list again, keeping the claim and figure the reviewer was on."""
        self._stale = False
        self._reload_soon.stop()
        claim = self.current_claim()
        figure = self.current_figure()
        row = self.claim_table.currentIndex().row()
        self.show_claims(self.store.claim_summaries(), claim.id if claim else None,
                         figure.span_id if figure else None, row)  # fmt: skip

    def show_claims(self, claims: list[ClaimSummary], claim_id: int | None = None,
                    span_id: int | None = None, row: int = 0) -> None:  # fmt: skip
        figures_had_focus = self._in_figures()
        self.claim_model.set_claims(claims)
        conflicting = sum(c.has_conflict for c in claims)
        self.claims_count.setText(
            f"{len(claims):,} claim{'s' * (len(claims) != 1)}, {conflicting:,} with a conflict"
            if claims else "No claims yet: `factmark claims suggest` proposes them."
        )  # fmt: skip
        found = self.claim_model.row_of(claim_id)
        row = found if found is not None else max(0, min(row, len(claims) - 1))
        self._choose_claim(row if claims else None, span_id)
        if figures_had_focus:
            self.figure_table.setFocus()

    def _choose_claim(self, row: int | None, span_id: int | None = None) -> None:
        """Make `row` the current claim (read with its figures) and `span_id` its figure."""
        if row is not None:
            self._choosing = True  # shown below, with the figure: not twice
            try:
                self.claim_table.selectionModel().setCurrentIndex(
                    self.claim_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )  # fmt: skip
            finally:
                self._choosing = False
        self._show_row(row, span_id)

    def _show_row(self, row: int | None, span_id: int | None = None) -> None:
        summary = self.claim_model.claim(row) if row is not None else None
        try:
            claim = self.store.claim(summary.id) if summary is not None else None
        except NotFound:  # gone meanwhile (merged elsewhere): the list is read again
            self._reload_soon.start(0)
            claim = None
        self._show_claim(claim, span_id)

    def _show_claim(self, claim: Claim | None, span_id: int | None = None) -> None:
        self.shown = claim
        self.figure_model.set_claim(claim)
        self.plot.set_claim(claim)
        if claim is None:
            self.claim_title.setText("")
            self.claim_meta.setText("")
            return
        self.claim_title.setText(claim.label)
        sources = f" · {len(claim.sources)} source{'s' * (len(claim.sources) != 1)}"
        self.claim_meta.setText(
            f"{claim_summary(claim)} · {claim.state} · verdict: {claim.verdict}"
            + (sources if claim.sources else "") + (f" · {claim.note}" if claim.note else "")
        )  # fmt: skip
        row = self.figure_model.row_of(span_id)
        if row is not None:
            self._choose_figure(row)
        else:
            self.plot.select(None)

    def _choose_figure(self, row: int) -> None:
        index = self.figure_model.index(row, 0)
        self.figure_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )  # fmt: skip
        self.figure_table.scrollTo(index)

    # ------------------------------------------------------------------ the place
    def current_claim(self) -> Claim | None:
        """The claim shown, with its figures (the list holds light rows)."""
        return self.shown

    def current_figure(self) -> ClaimMember | None:
        return self.figure_model.member(self.figure_table.currentIndex().row())

    def selected_figures(self) -> list[ClaimMember]:
        rows = sorted(i.row() for i in self.figure_table.selectionModel().selectedRows())
        return [m for m in map(self.figure_model.member, rows) if m is not None]

    def selected_claims(self) -> list[ClaimSummary]:
        rows = sorted(i.row() for i in self.claim_table.selectionModel().selectedRows())
        return [c for c in map(self.claim_model.claim, rows) if c is not None]

    def show_error(self, message: str) -> None:
        self.status.showMessage(f"⚠ {message}", 10_000)

    def show_message(self, message: str) -> None:
        self.status.showMessage(message, 8000)

    # ================================================================== keys (CLAIMS_SHORTCUTS)
    def do_next(self) -> None:
        self._step(+1)

    def do_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        table = self.figure_table if self._in_figures() else self.claim_table
        model = table.model()
        if model.rowCount() == 0:
            return
        row = max(0, min(model.rowCount() - 1, table.currentIndex().row() + step))
        if table is self.figure_table:
            self._choose_figure(row)
        else:
            self._choose_claim(row)
            self.claim_table.scrollTo(self.claim_model.index(row, 0))

    def _in_figures(self) -> bool:
        """The keys are in the figures table (asked of the window, so also while inactive)."""
        return self.focusWidget() is self.figure_table

    def do_enter(self) -> None:
        if self._in_figures():
            self.open_figure()
            return
        if self.figure_model.rowCount() == 0:
            self.show_error("No claim chosen: move to one with J/K or Up/Down.")
            return
        if self.current_figure() is None:
            self._choose_figure(0)
        self.figure_table.setFocus()
        self.show_message("Return opens the figure in its article; Escape goes back to the claims.")

    def open_figure(self) -> None:
        """Show the current figure in its article in the review window, as the current span."""
        figure = self.claim_actions.require_figure()
        if figure is None:
            return
        review = self.review
        review.open_article(figure.article_id, figure.span_id)
        review.view.flash(figure.span_id)
        review.raise_()
        review.activateWindow()
        review.view.setFocus()

    def do_back(self) -> None:
        if self._in_figures():
            self.claim_table.setFocus()
        else:
            self.do_close_view()

    def do_confirm(self) -> None:
        self.claim_actions.confirm()

    def do_rename(self) -> None:
        claim = self.claim_actions.require_claim()
        if claim is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Name the claim")
        dialog.setLabelText(f"A name for “{claim.label}” (empty: made up from its figures):")
        for label in dialog.findChildren(QLabel):
            make_plain(label)  # the name a reviewer typed, shown as typed
        dialog.setTextValue(claim.name or "")
        dialog.textValueSelected.connect(lambda name: self.claim_actions.rename(claim.id, name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._take_keys_back)
        self.rename_dialog = dialog
        dialog.open()

    def _take_keys_back(self) -> None:
        """A dialog closed: the keys come back to this window, where they were."""
        self.activateWindow()
        (self.focusWidget() or self.claim_table).setFocus()

    def do_verdict(self, verdict: str) -> None:
        self.claim_actions.verdict(verdict)

    def do_link_source(self) -> None:
        claim = self.claim_actions.require_claim()
        if claim is None:
            return
        dialog = SourceDialog(lambda text: self.store.find_sources(text), claim.label, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.claim_actions.link_source(claim.id, dialog.result_link())
        )
        dialog.finished.connect(self._take_keys_back)
        self.source_dialog = dialog
        dialog.open()

    def do_apply(self) -> None:
        self.claim_actions.apply()

    def do_split(self) -> None:
        new_id = self.claim_actions.split()
        if new_id is not None:
            row = self.claim_model.row_of(new_id)
            if row is not None:
                self._choose_claim(row)

    def do_merge(self) -> None:
        self.claim_actions.merge()

    def do_take_out(self) -> None:
        self.claim_actions.take_out()

    def do_colour(self) -> None:
        colour_by = self.plot.toggle_colour()
        self.review.settings.setValue(COLOUR_SETTING, colour_by)
        self.show_message(f"The plot is coloured by {colour_by}.")

    def do_undo(self) -> None:
        stack = self.review.undo_stack
        if stack.canUndo():
            self.show_message(f"Undo: {stack.undoText()}")
            self.review.do_undo()

    def do_redo(self) -> None:
        stack = self.review.undo_stack
        if stack.canRedo():
            self.show_message(f"Redo: {stack.redoText()}")
            self.review.do_redo()

    def do_close_view(self) -> None:
        self.hide()
        self.review.raise_()
        self.review.activateWindow()

    def do_help(self) -> None:
        self.help_dialog = ShortcutsDialog(CLAIMS_SHORTCUTS, self)
        self.help_dialog.show()

    # ================================================================== refreshing
    def open(self, span_id: int | None = None) -> None:
        """Show the view (reading the claims afresh if anything changed while it was hidden),
        on the claim of figure `span_id` when it is in one."""
        if self._stale:
            self.reload()
        row = self.claim_model.row_of(self.store.claim_of_span(span_id)) if span_id else None
        if row is not None:  # the keys stay with the claims; Return goes to this figure
            self._choose_claim(row, span_id)
            self.claim_table.scrollTo(self.claim_model.index(row, 0))
        self.show()
        self.raise_()
        self.activateWindow()
        if not self._in_figures():
            self.claim_table.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.review and event.type() == QEvent.Type.Close:
            self.close()
        return False

    def _on_operation_did_execute(self, change=None) -> None:
        touched = self._claims_touched(change)
        if touched == set():
            return  # an edit in the review window that changes nothing shown here
        if not self.isVisible():
            self._stale = True
        elif touched is None:
            self._reload_soon.start(0)
        else:
            self._refresh(touched)

    def _claims_touched(self, change) -> set[int] | None:
        """The claims an operation changed in place (a claim's verdict, a figure's), or None
        when the list must be read again: claims made, removed or regrouped, or an undo."""
        if change is None or change.op == "revert" or len(change.span_ids) > _MANY:
            return None
        ids = set(change.claim_ids)
        ids |= {cid for sid in change.span_ids if (cid := self.store.claim_of_span(sid))}
        if not ids:
            return set()
        if change.op in IN_PLACE and change.created_claim_id is None:
            return ids
        return None

    def _refresh(self, claim_ids: set[int]) -> None:
        """Read `claim_ids` again in their rows; read the list again when one moved in the
        order (a conflict found or gone) or is gone."""
        for cid in claim_ids:
            row = self.claim_model.row_of(cid)
            try:
                claim = self.store.claim(cid) if row is not None else None
            except NotFound:
                claim = None
            old = self.claim_model.claim(row) if row is not None else None
            new = ClaimSummary.of(claim) if claim is not None else None
            if new is None or (new.has_conflict, new.articles) != (old.has_conflict, old.articles):
                self.reload()
                return
            self.claim_model.replace(row, new)
            if row == self.claim_table.currentIndex().row():
                figure = self.current_figure()
                self._show_claim(claim, figure.span_id if figure else None)

    def settle(self) -> None:
        """Do now a reload that was waiting, so the next key acts on what is stored."""
        if self._reload_soon.isActive():
            self.reload()

    def _on_claims_row_changed(self, current, _previous) -> None:
        if not self._choosing:
            self._show_row(current.row() if current.isValid() else None)

    def _on_figures_row_changed(self, current, _previous) -> None:
        figure = self.figure_model.member(current.row())
        self.plot.select(figure.span_id if figure else None)

    def _on_plot_figure_clicked(self, span_id: int) -> None:
        row = self.figure_model.row_of(span_id)
        if row is not None:
            self._choose_figure(row)
            self.figure_table.setFocus()


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab goes from the claims to the figures and back
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setHighlightSections(False)
    table.setAlternatingRowColors(True)
    return table
