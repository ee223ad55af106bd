"""Who else has this project open for review: one small file per open window in a folder beside
the project (`<project>-open/`), each held with an advisory lock for as long as the window lives,
so a crashed window's file is recognised as stale. The project file itself is never opened here
(closing any descriptor of a SQLite file would drop the process's SQLite locks)."""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: fall back to asking whether the pid still runs
    fcntl = None

SUFFIX = "-open"


@dataclass(frozen=True)
class Session:
    reviewer: str
    host: str
    pid: int
    since: str  # ISO time, UTC

    def describe(self) -> str:
        at = self.since[11:16] if len(self.since) >= 16 else self.since
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"{self.reviewer or 'someone'} (since {at} UTC{where})"


class Presence:
    """This process's claim on a project; `others()` lists the other live claims."""

    def __init__(self, db_path: str | Path, reviewer: str | None):
        self.folder = Path(f"{db_path}{SUFFIX}")
        self.reviewer = reviewer or ""
        self._file: Path | None = None
        self._fd: int | None = None

    def join(self) -> None:
        """Announce this window; a folder we cannot write (read-only media) just means others
        cannot see us, which is said by `others()` still working."""
        try:
            self.folder.mkdir(exist_ok=True)
            me = Session(self.reviewer, socket.gethostname(), os.getpid(), _now())
            path = self.folder / f"{me.pid}-{uuid.uuid4().hex[:8]}.json"
            # Locked and written under a name others do not read, then renamed: nobody can see
            # the file unlocked or half-written and take it for a crashed window's.
            draft = path.with_suffix(".tmp")
            fd = os.open(draft, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(fd, json.dumps(me.__dict__).encode())
            os.replace(draft, path)
        except OSError:
            return
        self._file, self._fd = path, fd

    def others(self) -> list[Session]:
        """The other windows that have this project open now (stale files of crashed ones are
        removed on the way)."""
        found = []
        try:
            entries = sorted(self.folder.glob("*.json"))
        except OSError:
            return []
        for path in entries:
            if path == self._file:
                continue
            session = _live_session(path)
            if session is not None:
                found.append(session)
        return found

    def leave(self) -> None:
        if self._fd is None:
            return
        try:
            self._file.unlink(missing_ok=True)
        except OSError:
            pass
        os.close(self._fd)
        self._fd = self._file = None
        try:
            if not any(self.folder.glob("*.json")):  # the last window: leave nothing behind
                (self.folder / "turn.lock").unlink(missing_ok=True)
                self.folder.rmdir()  # only when empty
        except OSError:
            pass


def _live_session(path: Path) -> Session | None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            raw = json.loads(os.read(fd, 4096) or b"{}")
            session = Session(str(raw["reviewer"]), str(raw["host"]), int(raw["pid"]),
                              str(raw["since"]))  # fmt: skip
        except (ValueError, KeyError, TypeError):
            session = None
        if _held(fd, session):
            return session
        path.unlink(missing_ok=True)  # its window is gone
        return None
    except OSError:
        return None
    finally:
        os.close(fd)


def _held(fd: int, session: Session | None) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    if session is None or session.host != socket.gethostname():
        return session is not None
    try:
        os.kill(session.pid, 0)
    except OSError:
        return False
    return True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
