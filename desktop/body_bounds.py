"""The article's body in the review window: its page furniture shown dimmed, and the keys ([ and ])
that move where the body starts and ends, each one core operation (`Store.set_body`) with undo.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QObject

from annotations.model import Article, Change
from annotations.store import NotFound, Store
from desktop.article_view import ArticleView

QUOTE_CHARS = 40  # how much of the new first (or last) line the message quotes


class BodyPlace(Protocol):
    """What the bounds need of the window."""

    store: Store
    article: Article | None
    view: ArticleView
    operation_did_execute: object  # Signal(Change)
    article_did_open: object  # Signal(str)

    def run_op(self, text: str, fn) -> Change | None: ...
    def show_error(self, message: str) -> None: ...
    def show_message(self, message: str) -> None: ...


class BodyBounds(QObject):
    def __init__(self, place: BodyPlace, parent: QObject | None = None):
        super().__init__(parent)
        self.place = place
        place.article_did_open.connect(self.show)
        place.operation_did_execute.connect(self._on_operation_did_execute)

    def show(self, *_args) -> None:
        """Dim the open article's furniture (none for an article without a body)."""
        article = self.place.article
        self.place.view.set_furniture(article.furniture_ranges() if article else [])

    def _on_operation_did_execute(self, change: Change) -> None:
        article = self.place.article
        if article is None or article.id not in change.article_ids:
            return
        if change.created_span_id is not None:
            self._say_if_in_furniture(article, change.created_span_id)
        if change.op not in ("set_body", "revert", "update_text"):
            return
        try:
            body = self.place.store.article(article.id).body
        except NotFound:
            return
        if body != article.body:
            self.place.article = replace(article, body=body)
            self.show()

    def _say_if_in_furniture(self, article: Article, span_id: int) -> None:
        try:
            span = self.place.store.span(span_id)
        except NotFound:
            return
        if not article.holds(span.start, span.end):
            self.place.show_message(
                f"‘{span.text}’ is in the page furniture, outside the article: exports leave it "
                "out unless --include-furniture ([ and ] move the article's bounds)."
            )

    # ------------------------------------------------------------------ the keys
    def set_start(self) -> None:
        self._move("start")

    def set_end(self) -> None:
        self._move("end")

    def _move(self, edge: str) -> None:
        article = self.place.article
        if article is None:
            return
        at = self.cursor_offset(edge)
        aid = article.id
        verb = "starts" if edge == "start" else "ends"
        change = self.place.run_op(f"Body {verb} here", lambda s: s.set_body(aid, **{edge: at}))
        if change is None:
            return
        if change.op_id is None:
            self.place.show_message(f"The body already {verb} there.")
            return
        self.place.show_message(
            f"The article now {verb} at “{self._quote(edge, at)}”; the rest is page furniture "
            "(Ctrl+Z undoes)."
        )

    def cursor_offset(self, edge: str) -> int:
        """Where the bound goes: the selection's edge, else the start (or end) of the line the
        cursor is on (where the reviewer clicked, or the current span)."""
        view = self.place.view
        selected = view.selected_range()
        if selected is not None:
            return selected[0] if edge == "start" else selected[1]
        text = view.text
        pos = view.offsets.to_core(view.textCursor().position())
        if edge == "start":
            return text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        return len(text) if end < 0 else end

    def _quote(self, edge: str, at: int) -> str:
        text = self.place.view.text
        if edge == "start":
            line = text[at:].lstrip().split("\n", 1)[0]
            return line[:QUOTE_CHARS] + ("…" if len(line) > QUOTE_CHARS else "")
        line = text[:at].rstrip().rsplit("\n", 1)[-1]
        return ("…" if len(line) > QUOTE_CHARS else "") + line[-QUOTE_CHARS:]
