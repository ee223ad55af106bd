"""`factmark export --format project [--reviewer NAME] -o COPY.db`: a copy of the project to
review in offline — the whole of it, or with `--reviewer` only the articles assigned to that
reviewer (with their spans, sources, every layer and the history of those articles). The copy is
a whole project that opens, exports and undoes on its own; `factmark merge` brings the work back.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotations.errors import FactmarkError
from annotations.store import Store
from annotations.store.backup import BackupReport, backup_project


class CopyRefused(FactmarkError):
    """A reviewer's copy that cannot be written as asked."""


def reviewer_copy(store: Store, output: str | Path, reviewer: str | None = None) -> BackupReport:
    """Write the copy to `output`, a new file (never one that exists: it may be someone's work)."""
    if Path(output).exists():
        raise CopyRefused(f"{output} exists; give a new file name (a project copy never "
                          "replaces a file)")  # fmt: skip
    trim = None
    if reviewer is not None:
        queue = store.queue(reviewer)
        if not queue:
            raise CopyRefused(f"no articles assigned to {reviewer!r}: assign them with factmark "
                              "assign, or leave out --reviewer to copy the whole project")  # fmt: skip

        def trim(copy: sqlite3.Connection) -> None:
            _keep_only(copy, queue)

    with store._lock:
        return backup_project(store.conn, store.path, output, trim=trim)


def _keep_only(copy: sqlite3.Connection, article_ids: list[str]) -> None:
    """Delete every other article from the copy, with its spans, links, layers, assignments and
    history, in one transaction; then give the space back."""
    copy.execute("PRAGMA foreign_keys = ON")  # spans and their links go with their article
    copy.execute("CREATE TEMP TABLE keep (id TEXT PRIMARY KEY)")
    copy.executemany("INSERT INTO keep VALUES (?)", [(a,) for a in article_ids])
    with copy:
        for table in ("decisions", "assignments", "events"):
            copy.execute(f"DELETE FROM {table} WHERE article_id IS NOT NULL"
                         " AND article_id NOT IN (SELECT id FROM keep)")  # fmt: skip
        copy.execute("DELETE FROM articles WHERE id NOT IN (SELECT id FROM keep)")
    copy.execute("DROP TABLE keep")
    copy.execute("VACUUM")
