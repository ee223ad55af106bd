"""The adjudication view: an article's differences between reviewers side by side, one column
per reviewer, settled by keys (1–9 take a reviewer's version, X rejects, E edits, S keeps every
layer's sources). Each key runs one core operation through the review window, so it goes on the
window's undo stack and both windows refresh from its `Change`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHeaderView,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotations.model import Change, Figure, Span
from annotations.team.adjudicate import Difference
from annotations.text import nudge_offsets, sentence_of
from desktop.help_dialog import ShortcutsDialog
from desktop.key_routing import FieldKeyGuard
from desktop.plain_text import plain_label
from desktop.shortcut_actions import install_shortcuts
from desktop.shortcuts import ADJUDICATION_SHORTCUTS
from desktop.span_panel import SpanPanel
from desktop.style import style_for

OUTCOME_TEXT = {"agreed": "agreed ✓", "taken": "taken from {}", "edited": "edited ✓",
                "rejected": "rejected ✓", None: "to settle"}  # fmt: skip


class AdjudicationView(QDialog):
    """One article's differences; `window` is the review window (its store, undo and refresh)."""

    def __init__(self, window, article_id: str):
        super().__init__(window)
        self.window_ = window
        self.store = window.store
        self.article_id = article_id
        self.differences: list[Difference] = []
        self.setWindowTitle("factmark — adjudication")
        self.resize(1100, 640)
        self.heading = plain_label(wrap=True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.sentence_label = plain_label(wrap=True)
        self.table = QTableWidget(0, 0)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        self.panel = SpanPanel()
        self.panel.set_wide(True)  # below the table: its fields side by side
        for b in (self.panel.link_button, self.panel.unlink_button):
            b.hide()  # sources are kept from the layers here (S), not linked anew
        self.panel.label_chosen.connect(lambda label: self._edit("Relabel", label=label))
        self.panel.figure_edited.connect(lambda f: self._edit("Edit figure", figure=f))
        self.panel.verdict_chosen.connect(lambda v: self._edit("Set verdict", verdict=v))
        self.panel.note_edited.connect(lambda n: self._edit("Set note", note=n))
        self.panel.figure_invalid.connect(self._say)
        self.panel.editing_done.connect(self.table.setFocus)
        self.auto_box = QCheckBox("Take agreements automatically (a project setting)")
        self.auto_box.setChecked(self.store.take_agreements_automatically())
        self.auto_box.toggled.connect(self._on_auto_box_toggled)
        self.left_label = plain_label(wrap=True)  # what is left: the view's status line

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.panel)
        split.setSizes([380, 260])
        layout = QVBoxLayout(self)
        for w in (self.heading, self.sentence_label):
            layout.addWidget(w)
        layout.addWidget(split, 1)
        layout.addWidget(self.auto_box)
        layout.addWidget(self.left_label)
        self._install_shortcuts()
        self._field_keys = FieldKeyGuard(self, self.table.setFocus)
        self._field_keys.guard(self.panel)
        window.operation_did_execute.connect(self._on_operation_did_execute)
        self.show_article(article_id)

    def _install_shortcuts(self) -> None:
        self.actions_by_key = install_shortcuts(self, ADJUDICATION_SHORTCUTS)
        help_action = QAction("Show these shortcuts", self)
        help_action.setShortcuts([QKeySequence("F1"), QKeySequence("?")])
        help_action.triggered.connect(self._show_help)
        self.addAction(help_action)

    # ------------------------------------------------------------------ showing
    def show_article(self, article_id: str) -> None:
        """Show `article_id`; its agreements are taken first when the project says so."""
        self.article_id = article_id
        self.article = self.store.article(article_id)
        self._run("Take agreements", lambda s: s.prepare_adjudication(article_id))
        self.reload(keep=False)

    def reload(self, keep: bool = True) -> None:
        row = self.table.currentRow() if keep else -1
        self.article = self.store.article(self.article_id)
        self.differences = self.store.differences(self.article_id)
        reviewers = self.differences[0].reviewers if self.differences else ()
        self.heading.setText(
            f"{self.article.title or self.article.id} — reviewers: "
            + (", ".join(f"{i} {r}" for i, r in enumerate(reviewers, 1)) or "none yet")
        )
        heads = ["Where", *(f"{i} {r}" for i, r in enumerate(reviewers, 1)), "Final", "Differs in",
                 "Settled"]  # fmt: skip
        self.table.blockSignals(True)
        self.table.clear()
        self.table.setColumnCount(len(heads))
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setRowCount(len(self.differences))
        for i, d in enumerate(self.differences):
            cells = [self.article.text[slice(*d.where)],
                     *(version_text(d, r) for r in reviewers), spans_text(d.final()) or "— no span",
                     ", ".join(d.differing()) or "agreed",
                     OUTCOME_TEXT[d.outcome].format(d.taken_from)]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not d.settled:  # what is left stands out
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)
        if row < 0 or row >= len(self.differences):
            row = self._next_open(-1)
        self._go(row)
        self._show_left()

    def _go(self, row: int) -> None:
        if not self.differences:
            self.panel.show_span(None)
            self.sentence_label.setText("No reviewer decided anything in this article yet.")
            return
        row = max(0, min(len(self.differences) - 1, row))
        self.table.setCurrentCell(row, 0)
        self._show_current()

    def _on_table_current_changed(self, *_args) -> None:
        self._show_current()

    def _show_current(self) -> None:
        d = self.current()
        if d is None:
            return
        lo, hi = d.where
        self.sentence_label.setText(sentence_of(self.article.text, lo, hi))
        final = d.final()
        span = final[0] if final else None
        self.panel.show_span(span, self.store.links(span.id) if span else [])

    def _show_left(self) -> None:
        left = sum(not d.settled for d in self.differences)
        agreed = sum(d.outcome == "agreed" for d in self.differences)
        total = len(self.differences)
        text = (
            f"{left} of {total} differences left to settle · {agreed} agreement"
            f"{'' if agreed == 1 else 's'} taken · article "
            f"{self.article.status.value.replace('_', ' ')}"
            " — 1–9 take a reviewer's version, X rejects, E edits, S keeps sources, J/K move"
        )
        self.left_label.setText(text)
        self.window_.show_message(f"Adjudication: {left} of {total} differences left")

    def current(self) -> Difference | None:
        row = self.table.currentRow()
        return self.differences[row] if 0 <= row < len(self.differences) else None

    def _next_open(self, row: int) -> int:
        """The first unsettled difference after `row` (wrapping), else `row`'s neighbour."""
        n = len(self.differences)
        for i in (*range(row + 1, n), *range(0, row + 1)):
            if not self.differences[i].settled:
                return i
        return min(row + 1, n - 1) if row >= 0 else 0

    # ------------------------------------------------------------------ keys
    def do_next(self) -> None:
        self._go(self.table.currentRow() + 1)

    def do_previous(self) -> None:
        self._go(self.table.currentRow() - 1)

    def do_take(self, n: str) -> None:
        d = self.current()
        if d is None:
            return
        i = int(n) - 1
        if i >= len(d.reviewers):
            self._say(f"There is no reviewer {n} here: the reviewers are 1–{len(d.reviewers)}.")
            return
        who = d.reviewers[i]
        self._settle(f"Take {who}'s version", lambda s: s.take_version(d.article_id, d.key, who))

    def do_reject(self) -> None:
        d = self.current()
        if d is not None:
            self._settle("Reject", lambda s: s.reject_difference(d.article_id, d.key))

    def do_edit(self) -> None:
        d = self.current()
        if d is None:
            return
        if not d.final():
            self._say("The final version has no span here: take a version (1–9) first.")
            return
        field = self.panel.value_edit if d.final()[0].figure is not None else self.panel.label_box
        field.setFocus()

    def do_nudge(self, arg: str) -> None:
        """Move an edge of the final span by one token: the adjudicator's own edit."""
        span = self.panel.span
        if span is None:
            self._say("The final version has no span here: take a version (1–9) first.")
            return
        edge, direction = arg.split(":")
        bounds = nudge_offsets(self.article.text, span.start, span.end, edge, int(direction))
        if bounds != (span.start, span.end):
            self._edit("Resize", bounds=bounds)

    def do_keep_sources(self) -> None:
        d = self.current()
        if d is None:
            return
        change = self._run(
            "Keep every layer's sources", lambda s: s.keep_sources(d.article_id, d.key)
        )
        if change is not None and change.op_id is None:
            self._say("No other layer linked a source here.")

    def do_take_agreements(self) -> None:
        change = self._run("Take agreements", lambda s: s.take_agreements(self.article_id))
        if change is not None and change.op_id is None:
            self._say("No agreement left to take.")

    def do_next_article(self) -> None:
        nxt = self.store.next_to_adjudicate(after=self.article_id)
        if nxt is None:
            self._say("No other article waits for adjudication.")
            return
        self.window_.open_article(nxt)
        self.show_article(nxt)

    def do_undo(self) -> None:
        self.window_.do_undo()

    def do_redo(self) -> None:
        self.window_.do_redo()

    def _show_help(self) -> None:
        self.help_dialog = ShortcutsDialog(ADJUDICATION_SHORTCUTS, self)
        self.help_dialog.show()

    # ------------------------------------------------------------------ running operations
    def _settle(self, text: str, fn: Callable) -> None:
        row = self.table.currentRow()
        change = self._run(text, fn)
        if change is not None:
            self._go(self._next_open(row))  # on to the next difference still open

    def _edit(self, text: str, **what) -> None:
        span = self.panel.span
        if span is None or self.panel.isHidden():
            return
        if isinstance(what.get("figure"), Figure) and span.figure == what["figure"]:
            return
        self._run(f"Adjudicator: {text.lower()}", lambda s: s.adjudicate_edit(span.id, **what))

    def _run(self, text: str, fn: Callable) -> Change | None:
        return self.window_.run_op(text, fn)  # says itself why an operation failed

    def _on_operation_did_execute(self, change: Change) -> None:
        if self.article_id in change.article_ids and self.isVisible():
            self.reload()

    def _on_auto_box_toggled(self, on: bool) -> None:
        self._run("Take agreements automatically" if on else "Leave agreements to me",
                  lambda s: s.set_take_agreements(on))  # fmt: skip

    def _say(self, message: str) -> None:
        self.left_label.setText(message)
        self.window_.show_error(message)

    def done(self, result: int) -> None:  # closing: stop following the review window
        try:
            self.window_.operation_did_execute.disconnect(self._on_operation_did_execute)
        except (RuntimeError, TypeError):
            pass
        super().done(result)


def span_text(s: Span) -> str:
    """A span as the adjudicator compares it: label, words, figure details, status."""
    out = f"{style_for(s.label).name} ({s.label}) “{s.text}”"
    f = s.figure
    if f is not None:
        value = f"{f.low:g}–{f.high:g}" if f.low is not None and f.high is not None else (
            f"{f.value:g}" if f.value is not None else "?")  # fmt: skip
        out += f"\n{value} {f.qualifier.value.replace('_', ' ')}"
        out += "".join(f" · {k} {v}" for k, v in (("unit", f.unit), ("counts", f.counted),
                                                   ("kind", f.kind.value)) if v)  # fmt: skip
        out += f" · verdict {f.verdict.value}"
    if s.note:
        out += f"\nnote: {s.note}"
    return out + f"\n[{s.status.value}]"


def spans_text(spans: list[Span]) -> str:
    return "\n\n".join(span_text(s) for s in spans)


def version_text(d: Difference, reviewer: str) -> str:
    if not d.decided[reviewer]:
        return "— not decided"
    text = spans_text(d.versions[reviewer]) or "— no span (rejected)"
    urls = [f"{link.source.url} ({link.stance.value})" for who, link in d.links if who == reviewer]
    return text + "".join(f"\nsource: {u}" for u in urls)
