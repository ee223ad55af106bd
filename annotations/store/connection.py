"""Opening the project file: one connection with the project's settings, schema migrated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from annotations.schema import migrations
from annotations.store.errors import NewerSchema, StoreUnavailable

# What every migrated project holds; a file without one of them was damaged by hand or by a tool.
REQUIRED_TABLES = (
    "articles",
    "articles_fts",
    "events",
    "reviewers",
    "sources",
    "span_sources",
    "spans",
)


def open_database(path: str | Path) -> Database:
    """A connection with the project's settings: WAL, foreign keys, a busy timeout."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    try:
        refuse_newer_schema(db, path)
    except NewerSchema:
        conn.close()
        raise
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is safe in WAL mode against process crashes (SIGKILL): only power loss may
    # roll back the last commits, never corrupt the file.
    conn.execute("PRAGMA synchronous = NORMAL")
    return db


def refuse_newer_schema(db: Database, path: str | Path) -> None:
    """Raise `NewerSchema`, having written nothing, if the file holds migrations this code lacks."""
    known = [m.name for m in migrations._migrations]
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise NewerSchema(
            f"{path}: this project was saved by a newer factmark (schema {unknown[-1]}; this "
            f"version knows up to {known[-1]}); update factmark to open it — nothing was changed"
        )


def migrate(db: Database) -> None:
    """Bring the file's schema up to this code's, then check nothing it needs is missing."""
    migrations.apply(db)
    missing = [t for t in REQUIRED_TABLES if not db[t].exists()]
    if missing:
        raise StoreUnavailable(
            f"the project file is damaged: table {', '.join(missing)} is missing; "
            "restore it from a snapshot (factmark snapshot makes one) — nothing was changed"
        )
