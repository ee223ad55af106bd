"""What the store refuses, as exceptions sharing `FactmarkError`, so the window and the CLI show
the message to the user instead of a traceback."""

from __future__ import annotations

from annotations.errors import FactmarkError


class StoreError(FactmarkError):
    """Something a user asked for that the store refuses; the message says why."""


class SpanMismatch(StoreError):
    """A span whose text is not article.text[start:end]."""


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
    """The project file could not be read or written (disk full, read-only, damaged); nothing of
    the operation was saved."""


def describe_failure(e: Exception) -> str:
    """One line a person can act on for what SQLite reported, saying that nothing was saved."""
    text = str(e)
    low = text.lower()
    if "disk is full" in low or "database or disk is full" in low:
        reason = "the disk is full"
    elif "readonly" in low or "read-only" in low:
        reason = "the project file is read-only"
    elif "no such table" in low or "no such column" in low or "malformed" in low:
        reason = f"the project file is damaged ({text})"
    elif "disk i/o" in low:
        reason = "the disk could not be read or written"
    elif "locked" in low or "busy" in low:
        reason = "another program holds the project's lock"
    else:
        reason = f"the project file could not be written ({text})"
    return f"{reason}: the change was not saved"
