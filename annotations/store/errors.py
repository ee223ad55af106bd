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
