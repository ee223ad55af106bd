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
        seen += [row_to_span(r) for r in self.seen_rows(article_id, reviewer)]
        return sorted(seen, key=lambda s: (s.start, s.end, s.label))

    def seen_rows(self, article_id: str, reviewer: str | None, where: str = "1") -> list[dict]:
        """The article's span rows as `reviewer` sees them in blind review (three queries)."""
        own = self._own_decision_rows(article_id, reviewer)
        rows = self._span_rows(article_id, where)
        born = self._born_rows([r["id"] for r in rows if r["id"] not in own])
        seen = (self.seen_row(r, reviewer, own, born) for r in rows)
        return [r for r in seen if r is not None]

    def seen_row(
        self, row: dict, reviewer: str | None, own: dict | None = None, born: dict | None = None
    ) -> dict | None:
        """A stored span row as `reviewer` sees it in blind review: their decision on it, else
        the suggestion as it was suggested; None for a span another reviewer added. `own` and
        `born` (by span id), when given, save reading them for this one span."""
        if own is None:
            own = self._own_decision_rows(row["article_id"], reviewer, row["id"])
        if row["id"] in own:
            return dict(row, **{c: own[row["id"]][c] for c in LAYER_COLUMNS})
        if row["origin"] == "reviewer":
            return None
        born = born if born is not None else self._born_rows([row["id"]])
        first = born.get(row["id"], {})
        return dict(row, **{k: v for k, v in first.items() if k in row})

    def _own_decision_rows(
        self, article_id: str, reviewer: str | None, span_id: int | None = None
    ) -> dict[int, dict]:
        """`reviewer`'s decision rows in the article (or on one span), by span id."""
        if not reviewer:
            return {}
        sql = (
            "SELECT * FROM decisions WHERE reviewer = ? AND article_id = ? AND span_id IS NOT NULL"
        )
        args: list = [reviewer, article_id]
        if span_id is not None:
            sql += " AND span_id = ?"
            args.append(span_id)
        cur = self.conn.execute(sql, args)
        names = [d[0] for d in cur.description]
        return {r["span_id"]: r for r in (dict(zip(names, x, strict=True)) for x in cur)}

    def _born_rows(self, span_ids: list[int]) -> dict[int, dict]:
        """Each span's first logged state (as suggested), by span id."""
        got: dict[int, dict] = {}
        for i in range(0, len(span_ids), 500):
            chunk = [str(x) for x in span_ids[i : i + 500]]
            marks = ",".join("?" for _ in chunk)
            for row_id, after in self.conn.execute(
                f"SELECT row_id, after FROM events WHERE tbl = 'spans' AND row_id IN ({marks})"
                " AND before IS NULL AND after IS NOT NULL ORDER BY id",
                chunk,
            ):
                got.setdefault(int(row_id), json.loads(after))
        return got
