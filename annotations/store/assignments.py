"""Assignments: which reviewer is to review which article (a reviewer's queue). Written by one
`assign` operation with an event per row, so undo takes a whole run back."""

from __future__ import annotations

from annotations.model import Change
from annotations.store.journal import Journal
from annotations.store.rows import now


class Assignments(Journal):
    """Reading and writing assignments; mixed into `Store`."""

    def assign(self, pairs: list[tuple[str, str]]) -> Change:
        """Add the (article, reviewer) pairs not yet assigned; one operation (none if every
        pair is there already)."""
        change = Change(op="assign")
        with self.transaction(bulk=True):
            have = set(self.conn.execute("SELECT article_id, reviewer FROM assignments"))
            new = [p for p in dict.fromkeys(pairs) if p not in have]
            if not new:
                return change
            op_id = self._next_op_id()
            stamp = now()
            for article_id, reviewer in new:
                row = {"article_id": article_id, "reviewer": reviewer, "assigned_at": stamp}
                self._edit(change, op_id, "assignments", None, row, article_id)
                change.article_ids.add(article_id)
        change.op_id = op_id
        return change

    def assignment_counts(self) -> dict[str, int]:
        """Articles assigned to each reviewer (only articles still in the project)."""
        return dict(self.conn.execute(
            "SELECT reviewer, count(*) FROM assignments JOIN articles a ON a.id = article_id"
            " GROUP BY reviewer ORDER BY reviewer"))  # fmt: skip

    def assigned_articles(self) -> set[str]:
        """Articles that have at least one reviewer assigned."""
        return {r[0] for r in self.conn.execute("SELECT DISTINCT article_id FROM assignments")}

    def queue(self, reviewer: str) -> list[str]:
        """The articles assigned to `reviewer`, in list order (the order articles came in)."""
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM assignments s JOIN articles a ON a.id = s.article_id"
            " WHERE s.reviewer = ? ORDER BY a.rowid", (reviewer,))]  # fmt: skip

    def done_by(self, reviewer: str) -> set[str]:
        """Articles `reviewer` marked reviewed (their own events, merged ones too)."""
        return {r[0] for r in self.conn.execute(
            "SELECT DISTINCT e.article_id FROM events e JOIN reviewers r ON r.id = e.reviewer_id"
            " WHERE r.name = ? AND e.op IN ('mark_reviewed', 'set_status')"
            " AND json_extract(e.after, '$.status') = 'reviewed' AND e.article_id IS NOT NULL",
            (reviewer,))}  # fmt: skip
