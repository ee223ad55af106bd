"""What the store refuses, as exceptions sharing `FactmarkError`, so the window and the CLI show
the message to the user instead of a traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from annotations.errors import FactmarkError


class StoreError(FactmarkError):
    """Something a user asked for that the store refuses; the message says why."""


class SpanMismatch(StoreError):
    """A span whose text is not article.text[start:end]."""


class BadBody(StoreError):
    """Body bounds that do not fit the article's text (an end before the start)."""


class NotFound(StoreError):
    pass


class StoreBusy(StoreError):
    """Another connection held the project's write lock for longer than the busy timeout."""


class NewerSchema(StoreError):
    """The project file was written by a newer factmark; this one opens it without touching it."""


class RevertConflict(StoreError):
    """An undo or redo refused because a later operation changed the same rows."""


class StaleSpan(StoreError):
    """A span edit made against what the panel showed, when the stored span has changed since."""


class StoreUnavailable(StoreError):
    """The project file could not be read or written as asked, for a reason outside factmark (the
    disk, the file's or folder's permissions, a damaged file); nothing of the operation was saved."""


class DiskFull(StoreUnavailable):
    pass


class ReadOnlyProject(StoreUnavailable):
    pass


class DamagedProject(StoreUnavailable):
    """The file is not a factmark project, or one missing tables or checks it needs."""


class CannotOpenProject(StoreUnavailable):
    pass


# SQLite's primary result codes (the low byte of the extended code) that the environment causes.
_FULL, _READONLY, _BUSY, _LOCKED, _CANTOPEN, _NOTADB, _CORRUPT, _IOERR, _PERM = (
    13, 8, 5, 6, 14, 26, 11, 10, 3,
)  # fmt: skip
NOT_SAVED = "the change was not saved"


def database_failure(path: str | Path, e: sqlite3.Error) -> StoreError:
    """The `StoreError` a person can act on for a SQLite error the file or the disk caused: one
    line naming the file, what happened, that nothing was saved, and what to do."""
    code = (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF
    msg = str(e)
    if isinstance(e, sqlite3.IntegrityError):  # a check of the schema refused the change
        return StoreError(f"{path}: the project refused the change ({msg}): {NOT_SAVED}")
    if code == _FULL or "disk is full" in msg or code in (_IOERR, _CANTOPEN) and _no_space(path):
        return DiskFull(f"{path}: the disk is full: {NOT_SAVED} — free some space and run it again")
    if getattr(e, "sqlite_errorname", "") == "SQLITE_READONLY_DIRECTORY":
        return ReadOnlyProject(
            f"{path}: the project's folder is read-only, and SQLite must write its -wal and -shm "
            "files beside the project even to read it: nothing was changed — make the folder "
            "writable, or copy the project somewhere it is"
        )
    if code in (_READONLY, _PERM) or "readonly" in msg:
        return ReadOnlyProject(
            f"{path}: the project file or its folder is read-only: {NOT_SAVED} — make both "
            "writable, or work on a copy"
        )
    if code in (_BUSY, _LOCKED) or "database is locked" in msg:
        return StoreBusy(
            f"{path}: the project is busy (another program is writing to it): {NOT_SAVED} — "
            "try again"
        )
    if code == _NOTADB:
        return CannotOpenProject(
            f"{path}: cannot open the project database: the file is not one ({msg}); nothing "
            "was changed — give the path of a factmark project, or a new file"
        )
    if code == _CORRUPT or msg.startswith(("no such table", "no such column")):
        return DamagedProject(
            f"{path}: the project file is damaged ({msg}): {NOT_SAVED} — restore it from a backup"
        )
    if code == _CANTOPEN:
        why = _access_problem(Path(path))
        return CannotOpenProject(f"{path}: cannot open the project database ({why or msg})")
    if code == _IOERR:
        return StoreUnavailable(
            f"{path}: the disk could not be read or written ({msg}): {NOT_SAVED}"
        )
    return StoreUnavailable(f"{path}: the project file could not be used ({msg}): {NOT_SAVED}")


def _access_problem(path: Path) -> str | None:
    folder = path.parent
    if path.is_dir():
        return "it is a folder; give a file name"
    if path.exists() and not os.access(path, os.R_OK):
        return "permission denied: the file cannot be read"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"permission denied: the folder {folder} cannot be written"
    return None


def _no_space(path: str | Path) -> bool:
    """The disk holding `path` is (nearly) full: SQLite then reports an I/O or open error."""
    path = Path(path)
    try:
        return shutil.disk_usage(path if path.is_dir() else path.parent).free < 64 * 1024
    except OSError:
        return False
