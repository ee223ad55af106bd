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
