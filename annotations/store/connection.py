"""Opening the project file: one connection with the project's settings, schema migrated."""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

from sqlite_utils import Database

from annotations.schema import migrations
from annotations.store.errors import DamagedProject, NewerSchema


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
    """Bring the file's schema up to this code's (`refuse_damaged_schema` then checks it)."""
    migrations.apply(db)


def refuse_damaged_schema(db: Database, path: str | Path) -> None:
    """Raise `DamagedProject`, having written nothing, if a table or trigger of the schema is
    gone (dropped by hand, or a file that is not a factmark project), so no command half-runs."""
    present = set(db.conn.execute("SELECT type, name FROM sqlite_master").fetchall())
    missing = [f"{kind} {name}" for kind, name in sorted(_schema_objects() - present)]
    if missing:
        raise DamagedProject(
            f"{path}: the project file is damaged: {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing; nothing was changed — restore it "
            "from a backup"
        )


@cache
def _schema_objects() -> frozenset[tuple[str, str]]:
    """The tables and triggers this code's migrations create, read from an empty database."""
    db = Database(sqlite3.connect(":memory:"))
    migrations.apply(db)
    rows = db.conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')"
        " AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    db.close()
    return frozenset(rows)
