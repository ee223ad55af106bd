"""A whole project copied to another file with SQLite's online backup API: every table — the
articles, spans with their UUIDs, sources with their access dates, reviewers, the audit log,
settings — page for page, as one consistent snapshot of what was committed. Safe while a window
has the project open or is writing: the copy is read in one read transaction (WAL readers never
block writers), so it holds the project as it was at one instant, never half an operation.

The copy is written under a staging name and takes the output's place only when complete and
checked (`PRAGMA quick_check`); an existing output is replaced only when asked to.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from annotations import staging
from annotations.errors import FactmarkError


class BackupRefused(FactmarkError):
    """A backup that cannot be written as asked; the message says what to give instead."""


@dataclass
class BackupReport:
    output: Path
    articles: int
    spans: int
    events: int
    bytes: int

    def summary(self) -> str:
        return (f"{self.articles} articles, {self.spans} spans, {self.events} events → "
                f"{self.output} ({self.bytes / 1e6:.1f} MB)")  # fmt: skip


def backup_project(conn: sqlite3.Connection, project: str, output: str | Path,
                   replace: bool = False, trim=None) -> BackupReport:  # fmt: skip
    """Copy the project open on `conn` (at path `project`) to `output`; `trim(copy)`, when
    given, takes out of the staged copy what it should not hold, before the check."""
    out = Path(output)
    if project != ":memory:" and out.exists() and _same_file(out, Path(project)):
        raise BackupRefused(f"{output} is the project itself; give another file name")
    if out.exists() and not replace:
        raise BackupRefused(f"{output} exists; give a new file name, or --force to replace it")
    with staging.staged_file(out, error=BackupRefused) as tmp:
        tmp.unlink()  # SQLite makes the file; an empty one would do as well, but say so plainly
        dest = sqlite3.connect(str(tmp))
        try:
            conn.backup(dest)  # all pages in one step: one snapshot
            if trim is not None:
                trim(dest)
            check = dest.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise BackupRefused(f"the copy of {project} failed its check ({check}); "
                                    f"{output} was not written")  # fmt: skip
            counts = [dest.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("articles", "spans", "events")]  # fmt: skip
        finally:
            dest.close()
        for leftover in (f"{tmp}-journal", f"{tmp}-wal", f"{tmp}-shm"):
            Path(leftover).unlink(missing_ok=True)
        size = tmp.stat().st_size
    return BackupReport(out, *counts, size)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
