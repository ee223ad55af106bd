"""The reviewer's edits: each runs one core operation, goes on the undo stack, and is broadcast
as `operation_did_execute(change)` for the window to refresh from.

The actions work on the window's place (the open article and current span); they never read
or write the database themselves, only call the store's named operations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotations.errors import FactmarkError
from annotations.model import FIGURE, Article, Change, Figure, Span, SpanStatus
from annotations.store import NotFound, RevertConflict, StaleSpan, Store
from desktop.undo import OperationCommand

Range = tuple[int, int]


class ReviewPlace(Protocol):
    """What the actions need of the window: where the reviewer is, and how to move on."""

    article: Article | None
    spans: list[Span]

    def current_span(self) -> Span | None: ...
    def set_current(self, span_id: int | None) -> None: ...
    def step_span(self, step: int) -> None: ...
    def reload_article(self) -> None: ...
    def show_error(self, message: str) -> None: ...
    def show_message(self, message: str) -> None: ...


class ReviewActions(QObject):
    operation_did_execute = Signal(object)  # Change

    def __init__(self, store: Store, place: ReviewPlace, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.place = place
        self.undo_stack = QUndoStack(self)
        self.last_label = "PERSON"

    # ------------------------------------------------------------------ running operations
    def run_op(self, text: str, fn: Callable[[Store], Change]) -> Change | None:
        """Run one core operation, record it for undo, refresh from its Change."""
        # StaleSpan/NotFound: someone else changed (or removed) what the reviewer was looking
        # at: show them the stored state, never write over it.
        change = self._guarded(lambda: fn(self.store), (StaleSpan, NotFound))
        if change is not None and change.op_id is not None:
            self.undo_stack.push(OperationCommand(text, change.op_id, self._revert))
        if change is not None:
            self.operation_did_execute.emit(change)
        return change

    def record(self, text: str, changes: list[Change]) -> None:
        """Operations the core already ran (a claim applied to its figures: one per figure) as
        one undo step, broadcast as one Change."""
        done = [c for c in changes if c.op_id is not None]
        if len(done) > 1:
            self.undo_stack.beginMacro(text)
        for c in done:
            self.undo_stack.push(OperationCommand(text, c.op_id, self._revert))
        if len(done) > 1:
            self.undo_stack.endMacro()
        if changes:
            both = Change(op=changes[0].op, op_id=changes[-1].op_id)
            for c in changes:
                both.article_ids |= c.article_ids
                both.span_ids |= c.span_ids
                both.claim_ids |= c.claim_ids
                both.created_claim_id = c.created_claim_id or both.created_claim_id
            self.operation_did_execute.emit(both)

    def _revert(self, op_id: int) -> Change | None:
        change = self._guarded(lambda: self.store.revert(op_id), (RevertConflict,))
        if change is not None:
            self.operation_did_execute.emit(change)
        return change

    def _guarded(self, call: Callable[[], Change], conflicts: tuple) -> Change | None:
        """`call()`, or None after saying why it failed (and reloading after a conflict)."""
        try:
            return call()
        except NotFound:
            # The store names the row by its id; the reviewer knows it by what was on screen.
            self.place.show_error("What you were editing was removed meanwhile; reloaded.")
            self.place.reload_article()
        except conflicts as e:
            self.place.show_error(str(e))
            self.place.reload_article()
        except FactmarkError as e:
            self.place.show_error(str(e))
        return None

    # ------------------------------------------------------------------ span actions
    def require_span(self) -> Span | None:
        span = self.place.current_span()
        if span is None:
            self.place.show_error("No span selected: press J for the next one.")
        return span

    def accept(self) -> None:
        span = self.require_span()
        if span and self.run_op("Accept", lambda s: s.accept(span.id, expected=span)):
            self.place.step_span(+1)

    def reject(self) -> None:
        span = self.require_span()
        if span and self.run_op("Reject", lambda s: s.reject(span.id, expected=span)):
            self.place.step_span(+1)

    def relabel(self, label: str) -> None:
        span = self.require_span()
        if span and span.label != label:
            self.last_label = label
            self.run_op(f"Label {label}", lambda s: s.relabel(span.id, label, expected=span))

    def nudge(self, edge: str, direction: int) -> None:
        span = self.require_span()
        if span:
            self.run_op("Resize", lambda s: s.nudge(span.id, edge, direction, expected=span))

    def likely_label(self, rng: Range) -> str:
        """The label a new span over `rng` most likely has: a FIGURE when it holds a digit,
        else that of a span it overlaps, else the label the reviewer last chose."""
        article = self.place.article
        text = article.text[rng[0] : rng[1]] if article is not None else ""
        if any(ch.isdigit() for ch in text):
            return FIGURE
        under = next((s for s in self.place.spans if s.start < rng[1] and rng[0] < s.end), None)
        return under.label if under is not None else self.last_label

    def create(self, rng: Range, label: str) -> Change | None:
        """Add a span over `rng` labelled `label`; it becomes the current span."""
        article = self.place.article
        if article is None:
            return None
        self.last_label = label
        aid = article.id
        change = self.run_op(f"Add {label}", lambda s: s.add_span(aid, rng[0], rng[1], label))
        if change is not None:
            self.place.set_current(change.created_span_id)
        return change

    def delete(self) -> None:
        span = self.require_span()
        if span:
            idx = [s.id for s in self.place.spans].index(span.id)
            if (
                self.run_op("Delete span", lambda s: s.delete_span(span.id, expected=span))
                and self.place.spans
            ):
                spans = self.place.spans
                self.place.set_current(spans[min(idx, len(spans) - 1)].id)

    def edit_figure(self, figure: Figure) -> None:
        span = self.place.current_span()
        if span is not None:
            self.run_op("Edit figure", lambda s: s.update_figure(span.id, figure, expected=span))

    def set_note(self, note: str) -> None:
        span = self.require_span()
        if span and note != (span.note or ""):
            label = "Clear note" if not note else "Note"
            self.run_op(label, lambda s: s.set_note(span.id, note or None, expected=span))

    def verdict(self, verdict: str) -> None:
        span = self.require_span()
        if span:
            self.run_op(
                f"Verdict {verdict}", lambda s: s.set_verdict(span.id, verdict, expected=span)
            )

    def link_source(self, span_id: int, link) -> None:
        if link is not None:
            source, stance, excerpt = link
            self.run_op("Link source", lambda s: s.link_source(span_id, source, stance, excerpt))

    def unlink_source(self, link_id: int) -> None:
        self.run_op("Unlink source", lambda s: s.unlink_source(link_id))

    def undecided_ids(self) -> list[int]:
        return [s.id for s in self.place.spans if not s.status.decided]

    def accept_all(self) -> Change | None:
        """Accept every suggestion still undecided in the open article (one undo)."""
        article = self.place.article
        ids = self.undecided_ids()
        if article is None or not ids:
            self.place.show_error("Nothing left to decide in this article.")
            return None
        aid = article.id
        change = self.run_op(
            f"Accept {len(ids)} undecided", lambda s: s.accept_all(aid, expected_ids=ids)
        )
        if change is not None:
            self.place.show_message(f"Accepted {_count(len(change.span_ids))}.")
        return change

    def mark_reviewed(self, undecided: str | None = None) -> Change | None:
        """Mark the open article reviewed; with `undecided` ("accept" or "reject") its
        undecided suggestions are decided so in the same operation."""
        article = self.place.article
        if article is None:
            return None
        aid = article.id
        if undecided is None:
            return self.run_op("Mark reviewed", lambda s: s.mark_reviewed(aid))
        ids = self.undecided_ids()
        status = SpanStatus.ACCEPTED if undecided == "accept" else SpanStatus.REJECTED
        verb = "Accept" if status is SpanStatus.ACCEPTED else "Reject"
        change = self.run_op(
            f"{verb} {len(ids)} undecided and mark reviewed",
            lambda s: s.decide_undecided(aid, status, expected_ids=ids, mark_reviewed=True),
        )
        if change is not None:
            done = len(change.span_ids)
            self.place.show_message(f"{verb}ed {_count(done)} and marked the article reviewed.")
        return change


def _count(n: int) -> str:
    return f"{n} suggestion" if n == 1 else f"{n} suggestions"
