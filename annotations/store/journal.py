"""The journal: the one way rows change. Each operation runs in one transaction, writes rows
through `_edit` and logs each with its before and after in `events`; `revert` undoes an operation
from its events."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlite_utils import Database

from annotations.model import Change, Event
from annotations.store.errors import NotFound, SpanMismatch, StoreError
from annotations.store.rows import TABLE_KEYS, now


class Journal:
    """Rows, events and revert; mixed into `Store`."""

    db: Database
    _lock: threading.RLock
    _reviewer_id: int | None
    reviewer: str | None

    # ------------------------------------------------------------------ plumbing
    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self.db.atomic():
            yield self.conn

    def set_reviewer(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise StoreError("a reviewer needs a name")
        with self.transaction() as c:
            c.execute(
                "INSERT INTO reviewers(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                (name, now()),
            )
            self._reviewer_id = c.execute(
                "SELECT id FROM reviewers WHERE name = ?", (name,)
            ).fetchone()[0]
        self.reviewer = name

    def _next_op_id(self) -> int:
        row = self.conn.execute("SELECT coalesce(max(op_id), 0) + 1 FROM events").fetchone()
        return row[0]

    def _event(
        self,
        op_id: int,
        op: str,
        tbl: str | None,
        row_id: Any,
        before: dict | None,
        after: dict | None,
        article_id: str | None = None,
        span_id: int | None = None,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO events(op_id, at, reviewer_id, op, tbl, row_id, article_id, span_id,"
            " before, after) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                op_id, now(), self._reviewer_id, op, tbl,
                None if row_id is None else str(row_id), article_id, span_id,
                None if before is None else json.dumps(before, ensure_ascii=False),
                None if after is None else json.dumps(after, ensure_ascii=False),
            ),
        )  # fmt: skip
        return cur.lastrowid

    def _row(self, tbl: str, key: Any) -> dict | None:
        cur = self.conn.execute(f'SELECT * FROM "{tbl}" WHERE {TABLE_KEYS[tbl]} = ?', (key,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def _write_row(self, tbl: str, key: Any, values: dict | None) -> None:
        """Make the row `key` of `tbl` equal `values`; None deletes it."""
        pk = TABLE_KEYS[tbl]
        exists = self.conn.execute(f'SELECT 1 FROM "{tbl}" WHERE {pk} = ?', (key,)).fetchone()
        if values is None:
            if exists:
                self.conn.execute(f'DELETE FROM "{tbl}" WHERE {pk} = ?', (key,))
            return
        cols = [c for c in values if c != pk]
        if exists:
            sets = ", ".join(f'"{c}" = ?' for c in cols)
            self.conn.execute(
                f'UPDATE "{tbl}" SET {sets} WHERE {pk} = ?', [values[c] for c in cols] + [key]
            )
        else:
            names = ", ".join(f'"{c}"' for c in [pk, *cols])
            marks = ", ".join("?" for _ in range(len(cols) + 1))
            self.conn.execute(
                f'INSERT INTO "{tbl}" ({names}) VALUES ({marks})',
                [key] + [values[c] for c in cols],
            )

    def _edit(
        self,
        change: Change,
        op_id: int,
        tbl: str,
        key: Any,
        after: dict | None,
        article_id: str | None = None,
        span_id: int | None = None,
    ) -> Any:
        """Write one row (None deletes it) and log it with its before and after. Returns its key."""
        before = self._row(tbl, key) if key is not None else None
        try:
            self._write_row(tbl, key, after)
        except sqlite3.IntegrityError as e:
            if "article.text[start:end]" in str(e):
                raise SpanMismatch(str(e)) from None
            raise StoreError(str(e)) from None
        if after is not None and key is None:
            key = self.conn.execute("SELECT last_insert_rowid()").fetchone()[0]
            if tbl == "spans":
                span_id = key
        written = self._row(tbl, key) if after is not None else None
        ev = self._event(op_id, change.op, tbl, key, before, written, article_id, span_id)
        change.event_ids.append(ev)
        return key

    # ------------------------------------------------------------------ undo
    def revert(self, op_id: int) -> Change:
        """Undo operation `op_id` (itself a new operation, so reverting that redoes)."""
        with self.transaction():
            rows = self.conn.execute(
                "SELECT tbl, row_id, before, article_id, span_id FROM events"
                " WHERE op_id = ? AND tbl IS NOT NULL ORDER BY id DESC",
                (op_id,),
            ).fetchall()
            if not rows:
                raise NotFound(f"nothing to undo for operation {op_id}")
            change = Change(op="revert")
            new_op = self._next_op_id()
            # Child rows first when deleting, parents first when restoring.
            order = {"sources": 0, "articles": 0, "spans": 1, "span_sources": 2}
            for tbl, row_id, before, article_id, span_id in sorted(
                rows, key=lambda r: order.get(r[0], 9) if r[2] is not None else -order.get(r[0], 9)
            ):
                key: Any = int(row_id) if tbl != "articles" else row_id
                values = json.loads(before) if before is not None else None
                self._edit(change, new_op, tbl, key, values, article_id, span_id)
                if article_id:
                    change.article_ids.add(article_id)
                if span_id:
                    change.span_ids.add(span_id)
        change.op_id = new_op
        return change

    # ------------------------------------------------------------------ reading the log
    def events(self, article_id: str | None = None, limit: int = 1000) -> list[Event]:
        sql = ("SELECT e.id, e.at, r.name, e.op, e.article_id, e.span_id, e.before, e.after"
               " FROM events e LEFT JOIN reviewers r ON r.id = e.reviewer_id")  # fmt: skip
        args: list[Any] = []
        if article_id:
            sql += " WHERE e.article_id = ?"
            args.append(article_id)
        sql += " ORDER BY e.id DESC LIMIT ?"
        args.append(limit)
        return [
            Event(r[0], r[1], r[2], r[3], r[4], r[5],
                  json.loads(r[6]) if r[6] else None, json.loads(r[7]) if r[7] else None)
            for r in self.conn.execute(sql, args)
        ]  # fmt: skip

    def session_counts(self, since: str) -> dict[str, int]:
        """What this reviewer did since `since` (ISO time): articles touched, spans decided."""
        r = self.conn.execute(
            "SELECT count(DISTINCT article_id), count(DISTINCT span_id) FROM events"
            " WHERE reviewer_id IS ? AND at >= ? AND op != 'import'",
            (self._reviewer_id, since),
        ).fetchone()
        reviewed = self.conn.execute(
            "SELECT count(DISTINCT article_id) FROM events WHERE reviewer_id IS ? AND at >= ?"
            " AND op = 'mark_reviewed'",
            (self._reviewer_id, since),
        ).fetchone()[0]
        return {"articles": r[0], "spans": r[1], "reviewed": reviewed}

    def log_import(self, summary: dict) -> None:
        with self.transaction():
            self._event(self._next_op_id(), "import", None, None, None, summary)
