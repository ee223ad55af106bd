"""Reviewers before machines: a reviewer's write never waits behind a long run of an import's
short transactions. SQLite's busy handler polls with growing sleeps, so a window waiting for the
lock keeps missing the instant between two back-to-back import chunks; here an interactive
writer holds an exclusive advisory lock on a file beside the project while it writes, and a bulk
job takes (and at once drops) a shared lock on it before each chunk, so it pauses while a
reviewer is writing. The lock file is never the project file (see presence.py)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotations.presence import SUFFIX

try:
    import fcntl
except ImportError:  # Windows: no turns; SQLite's busy timeout alone decides
    fcntl = None


# Turns held by this process, per lock file and thread: a thread never waits for itself.
_HELD: set[tuple[str, int]] = set()
# A turn is held for one transaction (milliseconds); past this, go on and let SQLite's busy
# timeout decide, so a stuck holder can slow a writer down but never hang it.
MAX_WAIT = 2.0


def _flock(fd: int, kind: int) -> bool:
    deadline = time.monotonic() + MAX_WAIT
    delay = 0.0005
    while True:
        try:
            fcntl.flock(fd, kind | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(delay)
            delay = min(delay * 2, 0.005)
        except OSError:
            return False


class WriteTurns:
    def __init__(self, db_path: str):
        self.path = None if db_path == ":memory:" or fcntl is None else (
            Path(f"{db_path}{SUFFIX}") / "turn.lock"
        )  # fmt: skip
        self._fd: int | None = None

    def _open(self, create: bool) -> int | None:
        """The lock file's descriptor. It lives in the folder an open window makes beside the
        project (presence.py): with no window open there is nobody to give way to, and a
        command-line job leaves nothing beside the project."""
        if self._fd is None and self.path is not None and self.path.parent.is_dir():
            try:
                flags = os.O_RDWR | (os.O_CREAT if create else 0)
                self._fd = os.open(self.path, flags, 0o644)
            except OSError:
                return None
        return self._fd

    @contextmanager
    def interactive(self) -> Iterator[None]:
        """Held by a reviewer's operation from BEGIN to COMMIT."""
        fd = self._open(create=True)
        key = (str(self.path), threading.get_ident())
        if fd is None or key in _HELD:  # this thread already has the turn (another Store)
            yield
            return
        taken = _flock(fd, fcntl.LOCK_EX)
        if taken:
            _HELD.add(key)
        try:
            yield
        finally:
            if taken:
                _HELD.discard(key)
                fcntl.flock(fd, fcntl.LOCK_UN)

    def wait_for_reviewers(self) -> None:
        """Called by a bulk job before each chunk: returns once no reviewer is writing."""
        fd = self._open(create=False)
        if fd is not None and (str(self.path), threading.get_ident()) not in _HELD:
            if _flock(fd, fcntl.LOCK_SH):
                fcntl.flock(fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
