"""Blind review: with the project setting `blind` on, a reviewer sees the suggestions and their
own decisions only, not what other reviewers decided, until adjudication. Turning it on or off is
an operation like any other setting."""

from __future__ import annotations

import json

from annotations.model import Change, Span
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
        seen = list(own.values())
        born = self._born_rows(article_id)
        for row in self._span_rows(article_id, "1"):
            if row["id"] not in own and row["origin"] != "reviewer":
                first = born.get(row["id"], {})
                seen.append(row_to_span(dict(row, **{k: v for k, v in first.items() if k in row})))
        return sorted(seen, key=lambda s: (s.start, s.end, s.label))

    def _born_rows(self, article_id: str) -> dict[int, dict]:
        """Each span's first logged state (as suggested), by span id."""
        got: dict[int, dict] = {}
        for row_id, after in self.conn.execute(
            "SELECT row_id, after FROM events WHERE tbl = 'spans' AND article_id = ?"
            " AND before IS NULL AND after IS NOT NULL ORDER BY id",
            (article_id,),
        ):
            got.setdefault(int(row_id), json.loads(after))
        return got
