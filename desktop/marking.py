"""Marking a new span by keyboard: the draft range, moved and resized one token at a time.

Pure state over the article's tokens (no widgets): the window shows `draft` in the article view
and turns it into a span when the reviewer creates it.
"""

from __future__ import annotations

from collections.abc import Callable

from annotations.text import token_offsets

Range = tuple[int, int]

MARKING_HELP = (
    "Marking: ←/→ move, Shift+←/→ end, Alt+←/→ start; a number key creates it with that label,"
    " M asks the label, Esc cancels"
)


class MarkingState:
    """The range being marked (None when not marking) over one article's tokens."""

    def __init__(self, on_change: Callable[[Range | None], None] = lambda _d: None):
        self.draft: Range | None = None
        self._text = ""
        self._tokens: list[Range] | None = None
        self._on_change = on_change

    def set_text(self, text: str) -> None:
        """A new article: forget the draft and its tokens (computed again when first needed)."""
        self._text = text
        self._tokens = None
        self.draft = None

    @property
    def tokens(self) -> list[Range]:
        if self._tokens is None:
            self._tokens = token_offsets(self._text) if self._text else []
        return self._tokens

    @property
    def active(self) -> bool:
        return self.draft is not None

    def set(self, draft: Range | None) -> None:
        self.draft = draft
        self._on_change(draft)

    def clear(self) -> None:
        self.set(None)

    def start(self, after: int) -> bool:
        """Mark the first token starting at or after `after` (the last token if none does)."""
        tok = next(
            (t for t in self.tokens if t[0] >= after), self.tokens[-1] if self.tokens else None
        )
        if tok is None:
            return False
        self.set(tok)
        return True

    def move(self, step: int) -> None:
        """Mark the next (step > 0) or previous token instead, as a one-token mark."""
        if self.draft is None:
            return
        if step > 0:
            tok = next((t for t in self.tokens if t[0] >= self.draft[1]), None)
        else:
            tok = next((t for t in reversed(self.tokens) if t[1] <= self.draft[0]), None)
        if tok is not None:
            self.set(tok)

    def move_edge(self, edge: str, direction: int) -> None:
        """Move the draft's `edge` ("start" or "end") one token; it never becomes empty."""
        if self.draft is None:
            return
        start, end = self.draft
        if edge == "end":
            ends = [b for _, b in self.tokens]
            cands = (
                [b for b in ends if b > end]
                if direction > 0
                else [b for b in ends if start < b < end]
            )
            end = (cands[0] if direction > 0 else cands[-1]) if cands else end
        else:
            starts = [a for a, _ in self.tokens]
            cands = (
                [a for a in starts if a < start]
                if direction < 0
                else [a for a in starts if start < a < end]
            )
            start = (cands[-1] if direction < 0 else cands[0]) if cands else start
        self.set((start, end))
