"""Outputs whole or absent: a file or folder is written under a hidden staging name beside its
target and takes the target's place only when the writing succeeded (`os.replace`, atomic on one
file system). A killed process leaves its staging entry behind; the next one writing to the same
folder removes it, and only entries named by this module whose process is gone.

A staging name is `.{target}.{pid}.{random}.factmark.part`: recognisably ours, and telling which
process owns it, so a concurrent export's work in progress is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotations.errors import FactmarkError

SUFFIX = ".factmark.part"
MARKER = ".factmark-export"
_OURS = re.compile(r"^\..+\.(?P<pid>\d+)\.[0-9a-f]{12}" + re.escape(SUFFIX) + "$")
# Before the pid was in the name: `.{target}.{random}.part`; removed once clearly abandoned.
_EARLIER = re.compile(r"^\..+\.[0-9a-f]{12}\.part$")
_EARLIER_AGE = 3600.0


class OutputRefused(FactmarkError):
    """An output path that cannot be written as asked; the message says what to give instead."""


def part_name(output: Path) -> Path:
    # Not mkstemp/mkdtemp: their private modes (0600/0700) would stick to the finished output.
    return output.with_name(f".{output.name}.{os.getpid()}.{uuid.uuid4().hex[:12]}{SUFFIX}")


def target(output: str | Path, error: type[Exception], folder: bool = False) -> Path:
    """`output` as a path a file or folder can take the place of, or `error` saying why not:
    `.`, `..` and `/` cannot be replaced, and a name ending in a slash is a folder's."""
    path = Path(output)
    what = "a new or empty folder" if folder else "a file"
    if path.name in ("", "..") or path.resolve() == Path.cwd():
        raise error(f"{output}: cannot be replaced by the output; give the name of {what}")
    if not folder and str(output).endswith(("/", os.sep)):
        raise error(f"{output} names a folder; give a file name")
    return path


@contextmanager
def staged_file(output: str | Path, error: type[Exception] = OutputRefused) -> Iterator[Path]:
    """A hidden file next to `output` that replaces it only if the block succeeds; `error` is
    raised, with nothing written, for a target no file can replace."""
    output = target(output, error)
    if output.is_dir():
        raise error(f"{output} is a folder; give a file name")
    if output.exists() and not output.is_file():
        raise error(f"{output} is not a regular file (a device or a pipe); give a file name")
    tmp = _prepare(output)
    try:
        with _named_as(tmp, output):
            tmp.touch()  # an unwritable folder is said now, by name, before any work is done
            yield tmp
            os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def staged_dir(
    output: str | Path, fmt: str, error: type[Exception] = OutputRefused
) -> Iterator[Path]:
    """A hidden folder next to `output` that takes its place only if the block succeeds.

    An existing `output` is replaced only when it is empty or an earlier factmark export
    (it holds our marker file), so a mistyped path never wipes someone's folder.
    """
    output = target(output, error, folder=True)
    if output.exists():
        if not output.is_dir():
            raise error(f"{output} is a file; the {fmt} format writes a folder")
        if any(output.iterdir()) and not (output / MARKER).exists():
            raise error(f"{output} is a folder with other files in it; give a new or empty folder")
    tmp = _prepare(output)
    try:
        with _named_as(tmp, output):
            tmp.mkdir()
            yield tmp
            (tmp / MARKER).write_text(f'{{"format": "{fmt}"}}\n', encoding="utf-8")
        old = None
        if output.exists():
            old = part_name(output)
            os.rename(output, old)
        os.rename(tmp, output)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _named_as(tmp: Path, output: Path) -> Iterator[None]:
    """An error writing the staged entry names the output the user gave, not the hidden name."""
    try:
        yield
    except OSError as e:
        name = str(e.filename or tmp)  # a failed write() names no file
        if name.startswith(str(tmp)):
            e.filename = str(output) + name[len(str(tmp)) :]
        raise


def _prepare(output: Path) -> Path:
    """The staging name for `output`, its folder made and cleared of abandoned staging."""
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output.parent)
    return part_name(output)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the staging entries in `folder` that a process now gone left behind; return them."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _OURS.match(entry.name)
        if m is not None:
            if _alive(int(m.group("pid"))):
                continue
        elif not (_EARLIER.match(entry.name) and _abandoned(entry)):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its work alone
    return True


def _abandoned(entry: os.DirEntry) -> bool:
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)) and (
        time.time() - st.st_mtime > _EARLIER_AGE
    )
