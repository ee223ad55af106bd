"""Opening the project file: one connection with the project's settings, schema migrated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from annotations.schema import migrations


def open_database(path: str | Path) -> Database:
    """A connection with the project's settings: WAL, foreign keys, a busy timeout."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is safe in WAL mode against process crashes (SIGKILL): only power loss may
    # roll back the last commits, never corrupt the file.
    conn.execute("PRAGMA synchronous = NORMAL")
    return Database(conn)


def migrate(db: Database) -> None:
    """Bring the file's schema up to this code's."""
    migrations.apply(db)
