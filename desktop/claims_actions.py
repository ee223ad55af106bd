"""The reviewer's edits in the claims view: each runs one core claim operation and goes on the
review window's undo stack, so Ctrl+Z undoes it in either window.

Errors are said in the claims view's own status bar (the reviewer is looking there), never as
a traceback; the view refreshes from the broadcast `Change` like the review window does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject

from annotations.claims.model import Claim, ClaimMember, ClaimSummary
from annotations.errors import FactmarkError
from annotations.model import Change, Verdict
from annotations.store import NotFound, Store
from desktop.review_actions import ReviewActions


class ClaimsPlace(Protocol):
    """What the actions need of the claims view: the claim and figures chosen, and a voice."""

    def current_claim(self) -> Claim | None: ...
    def current_figure(self) -> ClaimMember | None: ...
    def selected_figures(self) -> list[ClaimMember]: ...
    def selected_claims(self) -> list[ClaimSummary]: ...
    def show_error(self, message: str) -> None: ...
    def show_message(self, message: str) -> None: ...
    def reload(self) -> None: ...
    def settle(self) -> None: ...


class ClaimActions(QObject):
    def __init__(self, store: Store, review: ReviewActions, place: ClaimsPlace, parent=None):
        super().__init__(parent)
        self.store = store
        self.review = review
        self.place = place

    def run(self, text: str, fn: Callable[[Store], Change | list[Change]]) -> list[Change] | None:
        """Run one core operation (or the figure-by-figure apply), record it, broadcast it."""
        try:
            result = fn(self.store)
        except NotFound:
            self.place.show_error("That claim was changed or removed meanwhile; reloaded.")
            self.place.reload()
            return None
        except FactmarkError as e:
            self.place.show_error(str(e))
            return None
        changes = result if isinstance(result, list) else [result]
        self.review.record(text, changes)
        self.place.settle()  # a reload waiting is done now, so the next key acts on what is stored
        return changes

    def require_claim(self) -> Claim | None:
        claim = self.place.current_claim()
        if claim is None:
            self.place.show_error("No claim chosen: run `factmark claims suggest` to find some.")
        return claim

    def require_figure(self) -> ClaimMember | None:
        figure = self.place.current_figure()
        if figure is None:
            self.place.show_error("No figure chosen: press Return to go into the claim's figures.")
        return figure

    # ------------------------------------------------------------------ the claim
    def confirm(self) -> None:
        claim = self.require_claim()
        if claim and self.run("Confirm claim", lambda s: s.confirm_claim(claim.id)):
            self.place.show_message(f"Confirmed: {claim.label}.")

    def rename(self, claim_id: int, name: str) -> None:
        self.run("Rename claim", lambda s: s.rename_claim(claim_id, name))

    def verdict(self, verdict: str) -> None:
        claim = self.require_claim()
        if claim is None:
            return
        v = Verdict(verdict)
        if self.run(f"Claim verdict {v}", lambda s: s.set_claim_verdict(claim.id, v)):
            n = len(claim.members)
            self.place.show_message(
                f"The claim is {v}: Shift+A gives that to its {n} figure{'s' * (n != 1)}."
            )

    def link_source(self, claim_id: int, link) -> None:
        if link is not None:
            source, stance, excerpt = link
            self.run(
                "Link source to claim",
                lambda s: s.link_claim_source(claim_id, source, stance, excerpt),
            )

    def apply(self) -> None:
        """The claim's verdict and sources onto every figure (one core operation per figure,
        one undo step in the window)."""
        claim = self.require_claim()
        if claim is None:
            return
        changes = self.run(f"Apply claim to its figures ({claim.verdict})",
                           lambda s: s.apply_claim(claim.id))  # fmt: skip
        if changes is None:
            return
        if not changes:
            self.place.show_message("Every figure already has the claim's verdict and sources.")
        else:
            n = len(changes)
            self.place.show_message(
                f"{n} figure{'s' * (n != 1)} now {'say' if n != 1 else 'says'} {claim.verdict}"
                " (Ctrl+Z undoes it)."
            )

    # ------------------------------------------------------------------ its figures
    def split(self) -> int | None:
        """Split the selected figures off as a new claim; returns its id."""
        claim = self.require_claim()
        if claim is None:
            return None
        ids = [m.span_id for m in self.place.selected_figures()]
        if not ids:
            self.place.show_error("Select the figures to split off first (Shift+Up/Down).")
            return None
        changes = self.run("Split claim", lambda s: s.split_claim(claim.id, ids))
        if not changes:
            return None
        n = len(ids)
        self.place.show_message(f"Split {n} figure{'s' * (n != 1)} off as a claim of their own.")
        return changes[0].created_claim_id

    def merge(self) -> None:
        claim = self.require_claim()
        if claim is None:
            return
        others = [c.id for c in self.place.selected_claims() if c.id != claim.id]
        if not others:
            self.place.show_error(
                "Select the claims to merge with Shift+Up/Down first; they join the current one."
            )
            return
        if self.run("Merge claims", lambda s: s.merge_claims(claim.id, others)):
            n = len(others)
            self.place.show_message(f"Merged {n} claim{'s' * (n != 1)} into {claim.label}.")

    def take_out(self) -> None:
        figure = self.require_figure()
        if figure and self.run("Take figure out of claim",
                               lambda s: s.move_figure(figure.span_id, None)):  # fmt: skip
            self.place.show_message(f"‘{figure.text}’ is in no claim now (Ctrl+Z puts it back).")
