"""Blind review: with the project setting `blind` on, a reviewer sees the suggestions and their
own decisions only, not what other reviewers decided, until adjudication. Turning it on or off is
an operation like any other setting."""

from __future__ import annotations

import json

from annotations.model import Change, Span
from annotations.store.layers import LAYER_COLUMNS
from annotations.store.review import Review
from annotations.store.rows import row_to_span
from annotations.store.settings import Settings

BLIND = "blind"


class Blind(Review, Settings):
    """The blind-mode setting and the spans a reviewer sees; mixed into `Store`."""

    def blind(self) -> bool:
        return self.setting(BLIND) == "on"

    def set_blind(self, on: bool) -> Change:
        """Turn blind review on or off; one operation, undoable."""
        return self.set_setting(BLIND, "on" if on else None)

    def visible_spans(self, article_id: str, reviewer: str | None) -> list[Span]:
        """The spans of an article as `reviewer` should see them: the final version when blind
        review is off; when on, their own layer, and every suggestion they did not decide as it
        was suggested (spans other reviewers added, and their decisions, are left out). A
        suggestion another reviewer deleted is gone for everyone."""
        if not self.blind():
            return self.spans(article_id)
        own = {d.span.id: d.span for d in self.decisions(reviewer, article_id)} if reviewer else {}
        seen = [s for s in own.values() if s.id is None]  # decided here, no span row (merged)
        born = self._born_rows(article_id)
        for row in self._span_rows(article_id, "1"):
            got = self.seen_row(row, reviewer, born)
            if got is not None:
                seen.append(row_to_span(got))
        return sorted(seen, key=lambda s: (s.start, s.end, s.label))

    def seen_row(self, row: dict, reviewer: str | None, born: dict | None = None) -> dict | None:
        """A stored span row as `reviewer` sees it in blind review: their decision on it, else
        the suggestion as it was suggested; None for a span another reviewer added."""
        own = None
        if reviewer:
            got = self.conn.execute(
                "SELECT * FROM decisions WHERE span_id = ? AND reviewer = ?", (row["id"], reviewer)
            )
            names = [d[0] for d in got.description]
            found = got.fetchone()
            own = dict(zip(names, found, strict=True)) if found is not None else None
        if own is not None:
            return dict(row, **{c: own[c] for c in LAYER_COLUMNS})
        if row["origin"] == "reviewer":
            return None
        born = born if born is not None else self._born_rows(row["article_id"], row["id"])
        first = born.get(row["id"], {})
        return dict(row, **{k: v for k, v in first.items() if k in row})

    def _born_rows(self, article_id: str, span_id: int | None = None) -> dict[int, dict]:
        """Each span's first logged state (as suggested), by span id (of one span, or all)."""
        got: dict[int, dict] = {}
        sql = ("SELECT row_id, after FROM events WHERE tbl = 'spans' AND article_id = ?"
               " AND before IS NULL AND after IS NOT NULL")  # fmt: skip
        args: list = [article_id]
        if span_id is not None:
            sql += " AND row_id = ?"
            args.append(str(span_id))
        for row_id, after in self.conn.execute(sql + " ORDER BY id", args):
            got.setdefault(int(row_id), json.loads(after))
        return got
