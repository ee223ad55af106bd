"""The project database: articles, spans, sources and the audit log, over SQLite with sqlite-utils.

Every change is one named operation: it runs in one transaction, appends its rows to `events`
(who, when, what, the row before and after) and returns a `Change`. An operation's events are
enough to undo it: `revert(op_id)`.

The package's rooms: `connection` (opening the file, migrations), `journal` (rows, events,
revert), `articles` (queries, full-text search, bulk insert, the article's body), `review` (span
operations), `sources` (sources and links), `settings` (what commands remember), `assignments`
(reviewers' queues), `blind` (blind review), `reviewer_view` (a reviewer's window: their queue,
blind reads), `layers` (each reviewer's decisions), `adjudication` (settling their differences),
`claims` (figures grouped across articles), `rows` (row <-> model). `Store` puts them together.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from annotations.quality import counts
from annotations.store.adjudication import Adjudication
from annotations.store.claims import Claims
from annotations.store.connection import migrate, open_database, refuse_damaged_schema
from annotations.store.errors import (
    BadBody,
    CannotOpenProject,
    DamagedProject,
    DiskFull,
    NewerSchema,
    NotFound,
    ReadOnlyProject,
    RevertConflict,
    SpanMismatch,
    StaleSpan,
    StoreBusy,
    StoreError,
    StoreUnavailable,
    database_failure,
)
from annotations.store.reviewer_view import ReviewerView
from annotations.store.rows import ArticleSummary, content_hash, now
from annotations.store.settings import Settings
from annotations.store.sources import Sources
from annotations.store.turns import WriteTurns
from annotations.text import nudge_offsets, token_offsets, trim_offsets
from annotations.urls import InvalidSourceUrl, validate_url

__all__ = [
    "ArticleSummary",
    "BadBody",
    "CannotOpenProject",
    "DamagedProject",
    "DiskFull",
    "ReadOnlyProject",
    "InvalidSourceUrl",
    "NewerSchema",
    "NotFound",
    "RevertConflict",
    "StaleSpan",
    "StoreBusy",
    "SpanMismatch",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "content_hash",
    "now",
    "nudge_offsets",
    "open_database",
    "token_offsets",
    "trim_offsets",
    "validate_url",
]


class Store(Claims, Adjudication, ReviewerView, Sources, Settings):
    """The project database. One Store per thread: each opens its own connection."""

    def __init__(self, path: str | Path, reviewer: str | None = None):
        self.path = str(path)
        try:
            self.db = open_database(self.path)
        except sqlite3.DatabaseError as e:  # unreadable, not a database, a read-only folder
            raise database_failure(self.path, e) from None
        self._lock = threading.RLock()
        self._turns = WriteTurns(self.path)
        try:
            migrate(self.db)
            refuse_damaged_schema(self.db, self.path)
        except sqlite3.DatabaseError as e:
            self.db.close()
            raise database_failure(self.path, e) from None
        except BaseException:
            self.db.close()
            raise
        self._reviewer_id: int | None = None
        self.reviewer = None
        if reviewer:
            self.set_reviewer(reviewer)

    def close(self) -> None:
        self.db.close()
        self._turns.close()

    def stats(self) -> dict[str, Any]:
        return counts.project_stats(self.conn)

    def decision_counts(self) -> list[tuple[str, str, str, int]]:
        return counts.decision_counts(self.conn)

    def session_counts(self, since: str) -> dict[str, int]:
        return counts.session_counts(self.conn, self._reviewer_id, since)

    def backup(self, output: str | Path, replace: bool = False):
        """Copy the whole project to `output` (SQLite's online backup): see `store.backup`."""
        from annotations.store.backup import backup_project

        with self._lock:
            return backup_project(self.conn, self.path, output, replace)

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]
