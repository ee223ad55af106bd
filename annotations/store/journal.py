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
from annotations.store.errors import (
    NotFound,
    RevertConflict,
    SpanMismatch,
    StoreError,
    database_failure,
)
from annotations.store.rows import TABLE_KEYS, now


class Journal:
    """Rows, events and revert; mixed into `Store`."""

    db: Database
    path: str
    _lock: threading.RLock
    _reviewer_id: int | None
    reviewer: str | None
    _depth: int = 0
    _bulk: int | None = None

    # ------------------------------------------------------------------ plumbing
    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def transaction(self, bulk: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with BEGIN IMMEDIATE: the write lock is held from the
        start, so an operation that reads then writes never fails half-way because another
        connection wrote meanwhile; a busy file is waited for (the busy timeout). Nested calls
        are savepoints of the outer transaction."""
        with self._lock:
            c = self.conn
            if c.in_transaction:
                name = f"sp{id(c)}_{self._depth}"
                self._depth += 1
                c.execute(f"SAVEPOINT {name}")
                try:
                    yield c
                except BaseException:
                    if c.in_transaction:  # not when SQLite ended it (a full disk)
                        c.execute(f"ROLLBACK TO {name}")
                        c.execute(f"RELEASE {name}")
                    raise
                finally:
                    self._depth -= 1
                c.execute(f"RELEASE {name}")
                return
            turns = getattr(self, "_turns", None)
            if turns is None:
                yield from self._outer_transaction(c)
            elif bulk:
                turns.wait_for_reviewers()
                yield from self._outer_transaction(c)
            else:
                with turns.interactive():
                    yield from self._outer_transaction(c)

    def _outer_transaction(self, c: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; a SQLite failure becomes one StoreError line, rolled back."""
        try:
            c.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise database_failure(self.path, e) from None
        try:
            yield c
        except sqlite3.Error as e:
            # The disk, the file's permissions or a missing table: rolled back, said in words.
            _rollback(c)
            raise database_failure(self.path, e) from None
        except BaseException:
            _rollback(c)
            raise
        try:
            c.execute("COMMIT")
        except sqlite3.Error as e:
            _rollback(c)
            raise database_failure(self.path, e) from None

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
        """Write one row (None deletes it) and log it with its before and after. Returns its key.

        Deleting a row first deletes, and logs, the rows that hang on it (an article's spans, a
        span's source links), so nothing goes by a silent cascade and a revert restores it all.
        """
        before = self._row(tbl, key) if key is not None else None
        children = _CHILDREN.get(tbl, ()) if after is None and before is not None else ()
        for child, column in children:
            for (cid,) in self.conn.execute(
                f'SELECT id FROM "{child}" WHERE {column} = ? ORDER BY id', (key,)
            ).fetchall():
                child_span = {"articles": cid, "spans": span_id or key}.get(tbl)  # the span's id
                self._edit(change, op_id, child, cid, None, article_id, child_span)
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

    # ------------------------------------------------------------------ bulk operations
    @contextmanager
    def bulk_operation(self, op: str) -> Iterator[int]:
        """One operation over many new rows (an import batch): inside a transaction, rows are
        inserted in bulk and each new row of articles, spans, sources and links gets its event
        at the end in one INSERT ... SELECT per table. Nested calls join the outer operation."""
        if self._bulk is not None:
            yield self._bulk
            return
        with self.transaction(bulk=True):
            op_id = self._next_op_id()
            marks = {tbl: self.conn.execute(
                f'SELECT coalesce(max({key}), 0) FROM "{tbl}"').fetchone()[0]
                for tbl, key in _BULK_KEYS.items()}  # fmt: skip
            self._bulk = op_id
            try:
                yield op_id
            finally:
                self._bulk = None
            self.log_new_rows(op_id, op, marks)

    def log_new_rows(self, op_id: int, op: str, marks: dict[str, int]) -> None:
        """Log every row of each table past its mark (max key before) as inserted by `op_id`."""
        stamp = now()
        for tbl, key in _BULK_KEYS.items():
            # An article's text is in the event as its content hash (a column too): the log
            # stays small and a later change of the text still shows as a change.
            cols = [r[1] for r in self.conn.execute(f'PRAGMA table_info("{tbl}")')
                    if (tbl, r[1]) != ("articles", "text")]  # fmt: skip
            obj = ", ".join(f"'{c}', \"{c}\"" for c in cols)
            article, span = _BULK_REFS[tbl]
            self.conn.execute(
                "INSERT INTO events(op_id, at, reviewer_id, op, tbl, row_id, article_id, span_id,"
                f" before, after) SELECT ?, ?, ?, ?, '{tbl}', id, {article}, {span}, NULL,"
                f' json_object({obj}) FROM "{tbl}" WHERE {key} > ? ORDER BY {key}',
                (op_id, stamp, self._reviewer_id, op, marks[tbl]),
            )

    # ------------------------------------------------------------------ undo
    def revert(self, op_id: int) -> Change:
        """Undo operation `op_id` (itself a new operation, so reverting that redoes).

        Only where every row is still as the operation left it: a row changed since by a later
        operation raises `RevertConflict` naming that operation, who made it and when.
        """
        with self.transaction():
            events = self.conn.execute(
                "SELECT id, tbl, row_id, before, after, article_id, span_id FROM events"
                " WHERE op_id = ? AND tbl IS NOT NULL ORDER BY id",
                (op_id,),
            ).fetchall()
            if not events:
                raise NotFound(f"nothing to undo for operation {op_id}")
            op_name = self.conn.execute(
                "SELECT op FROM events WHERE op_id = ? LIMIT 1", (op_id,)
            ).fetchone()[0]
            # One entry per row: its state before the operation's first event touching it and
            # after the last.
            rows: dict[tuple[str, str], list] = {}
            for ev_id, tbl, row_id, before, after, article_id, span_id in events:
                entry = rows.setdefault((tbl, row_id), [before, after, ev_id, article_id, span_id])
                entry[1], entry[2] = after, ev_id
            for (tbl, row_id), (before, after, last_ev, _, _) in list(rows.items()):
                current = self._row(tbl, _key(tbl, row_id))
                if _same(current, json.loads(after) if after is not None else None):
                    continue
                if op_name not in _STATUS_OPS and _only_touched(tbl, before, after):
                    del rows[(tbl, row_id)]  # a side effect (new -> in review) later work kept
                    continue
                raise RevertConflict(self._conflict(op_name, tbl, row_id, last_ev))
            change = Change(op="revert")
            new_op = self._next_op_id()
            self._guard_quotes(True)
            # Child rows first when deleting, parents first when restoring.
            # Layer decisions hang on nothing: deleted last, restored first.
            order = {"decisions": -1, "sources": 0, "articles": 0, "claims": 0, "spans": 1,
                     "span_sources": 2, "claim_members": 2, "claim_sources": 2}  # fmt: skip
            deletes = sorted(
                (k for k, v in rows.items() if v[0] is None), key=lambda k: -order.get(k[0], 9)
            )
            restores = sorted(
                (k for k, v in rows.items() if v[0] is not None), key=lambda k: order.get(k[0], 9)
            )
            for tbl, row_id in [*deletes, *restores]:
                before, _, _, article_id, span_id = rows[(tbl, row_id)]
                values = json.loads(before) if before is not None else None
                self._edit(change, new_op, tbl, _key(tbl, row_id), values, article_id, span_id)
                if article_id:
                    change.article_ids.add(article_id)
                if span_id:
                    change.span_ids.add(span_id)
            self._guard_quotes(False, change.article_ids)
        change.op_id = new_op
        return change

    def _conflict(self, op_name: str, tbl: str, row_id: str, after_event: int) -> str:
        later = self._who_changed(tbl, row_id, "e.id > ? ORDER BY e.id", after_event)
        what = {"spans": "the span", "span_sources": "the source link", "articles": "the article",
                "sources": "the source", "claims": "the claim", "claim_members": "the figure's claim",
                "claim_sources": "the claim's source"}.get(tbl, tbl)  # fmt: skip
        if later is None:
            return f"cannot undo {op_name}: {what} was changed since without a record"
        return (
            f"cannot undo {op_name}: {what} was changed afterwards by {later[1]} at "
            f"{clock(later[2])} ({later[0]}); undo that first"
        )

    def _guard_quotes(self, on: bool, article_ids: set[str] | frozenset = frozenset()) -> None:
        """While on, the triggers that make spans quote their article stand aside, so an
        operation can change an article's text and move its spans in one go; turning it off
        checks every span of `article_ids` quotes its article, or the operation fails."""
        self.conn.execute("UPDATE text_guard SET active = ?", (1 if on else 0,))
        if on or not article_ids:
            return
        ids = sorted(article_ids)
        marks = ",".join("?" * len(ids))
        bad = self.conn.execute(
            "SELECT s.article_id, s.label, s.text FROM spans s JOIN articles a ON a.id = s.article_id"
            f' WHERE s.article_id IN ({marks}) AND (s."end" > length(a.text)'
            ' OR substr(a.text, s.start + 1, s."end" - s.start) IS NOT s.text) LIMIT 1',
            ids,
        ).fetchone()
        if bad is not None:
            raise SpanMismatch(
                f"{bad[0]}: span {bad[1]} {bad[2]!r} would no longer quote its article"
            )

    def changed_elsewhere(self) -> bool:
        """True (once) when another connection has committed to the project since the last
        call: SQLite's data_version moves only for other connections' commits."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        seen = getattr(self, "_data_version", version)
        self._data_version = version
        return version != seen

    def last_change(self, tbl: str, row_id: Any) -> tuple[str, str, str] | None:
        """(operation, reviewer, time) of the last logged change of a row."""
        return self._who_changed(tbl, row_id, "1 ORDER BY e.id DESC")

    def _who_changed(self, tbl: str, row_id: Any, where: str, *args: Any) -> tuple | None:
        """(operation, reviewer, time) of the first event on a row matching `where`."""
        return self.conn.execute(
            "SELECT e.op, coalesce(r.name, 'someone'), e.at FROM events e"
            " LEFT JOIN reviewers r ON r.id = e.reviewer_id"
            f" WHERE e.tbl = ? AND e.row_id = ? AND {where} LIMIT 1",
            (tbl, str(row_id), *args),
        ).fetchone()

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


# Deleting a row of the key table first deletes the rows of the value table that point at it.
_CHILDREN = {
    "articles": (("spans", "article_id"),),
    "spans": (("span_sources", "span_id"), ("claim_members", "span_id")),
    "claims": (("claim_members", "claim_id"), ("claim_sources", "claim_id")),
}


def _rollback(c: sqlite3.Connection) -> None:
    """Roll back if a transaction is open; a rollback that itself fails (disk gone) leaves
    SQLite to roll back from its journal on the next open."""
    if c.in_transaction:
        try:
            c.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def _key(tbl: str, row_id: str) -> Any:
    return row_id if tbl in ("articles", "settings") else int(row_id)


def clock(at: str) -> str:
    """'14:03' for today's ISO time stamps, the date as well for older ones."""
    return at[11:16] if at[:10] == now()[:10] else f"{at[:10]} {at[11:16]}"


# Operations whose point is an article's status; elsewhere a status change is a side effect.
_STATUS_OPS = {"set_status", "mark_reviewed"}


def _only_touched(tbl: str, before: str | None, after: str | None) -> bool:
    """True for an article row an operation only moved from new to in review."""
    if tbl != "articles" or before is None or after is None:
        return False
    b, a = json.loads(before), json.loads(after)
    return {k for k in a if a[k] != b.get(k)} <= {"status", "updated_at"}


# Tables a bulk operation logs, parents first, with the key that grows with each new row and the
# SQL giving each row's article and span.
_BULK_KEYS = {"sources": "id", "articles": "rowid", "spans": "id", "span_sources": "id"}
_BULK_REFS = {
    "sources": ("NULL", "NULL"),
    "articles": ("id", "NULL"),
    "spans": ("article_id", "id"),
    "span_sources": ("(SELECT p.article_id FROM spans p WHERE p.id = span_id)", "span_id"),
}


def _same(current: dict | None, logged: dict | None) -> bool:
    """Whether a row is as an event left it: every logged column equal (a bulk event logs an
    article's text by its content hash alone)."""
    if current is None or logged is None:
        return current is logged
    return set(logged) <= set(current) and all(current[k] == v for k, v in logged.items())
