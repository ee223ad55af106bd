"""Find the files under the paths a user names and open them as lines of text.

The encoding comes from the byte-order mark (UTF-8, UTF-16, UTF-32); without one, UTF-8, with
the bytes that are not UTF-8 read as cp1252 and named in a warning. Every line ending (`\\r\\n`,
`\\r`, `\\n`) becomes `\\n`, and no line is held in memory beyond a bound.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".tsv", ".html", ".htm")
_HEAD = 4096
_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHUNK = 1 << 16
_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that were not UTF-8 (surrogateescape)


@dataclass
class Problem:
    """Input that was skipped (or read with a caveat, when `skipped` is False)."""

    path: str
    line: int
    reason: str
    skipped: bool = True
    size: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


class LineTooLong(Exception):
    """Raised through a CSV reader by `TextFile.lines(strict=True)`: the file cannot go on."""

    def __init__(self, line: int) -> None:
        self.line = line


# ---------------------------------------------------------------------- finding files
def os_reason(e: OSError, path: Path) -> str:
    """What went wrong, in words a person can act on."""
    if e.errno == errno.ELOOP:
        return "symlink loop (the link leads back to itself)"
    if e.errno == errno.ENOENT:
        if path.is_symlink():
            return f"broken symlink (it points to {os.readlink(path)}, which does not exist)"
        return "no such file or folder"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return e.strerror or str(e)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Files named, and files under folders named (recursively, sorted), that we can read;
    a problem for each path or folder that cannot be."""
    for p in map(Path, paths):
        try:
            mode = p.stat().st_mode
        except OSError as e:
            yield Problem(str(p), 1, os_reason(e, p))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(p)
        elif not stat.S_ISREG(mode):
            yield Problem(str(p), 1, "not a regular file")
        elif p.suffix.lower() in SUFFIXES:
            yield p
        else:
            yield Problem(str(p), 1, f"unsupported file type {p.suffix or '(none)'!r}; "
                          "factmark reads .txt, .html, .jsonl, .csv and Label Studio .json")  # fmt: skip


def _walk(root: Path) -> Iterator[Path | Problem]:
    found: list[tuple[Path, Path | Problem]] = []

    def unreadable(e: OSError) -> None:
        where = Path(e.filename or root)
        found.append((where, Problem(str(where), 1, f"cannot read folder: {os_reason(e, where)}")))

    # Symlinked folders are not followed (as pathlib's rglob); symlinked files are.
    for folder, _, names in os.walk(root, onerror=unreadable):
        for name in names:
            f = Path(folder, name)
            if name.startswith(".") or f.suffix.lower() not in SUFFIXES:
                continue
            try:
                if stat.S_ISREG(f.stat().st_mode):
                    found.append((f, f))
            except OSError as e:
                found.append((f, Problem(str(f), 1, os_reason(e, f))))
    found.sort(key=lambda item: item[0])
    for _, item in found:
        yield item


# ---------------------------------------------------------------------- reading text
def sniff_encoding(head: bytes) -> tuple[str, int]:
    """The encoding a byte-order mark names (and the mark's length); UTF-8 without one."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return "utf-8", 0


def _from_cp1252(m: re.Match) -> str:
    raw = bytes(ord(c) - 0xDC00 for c in m.group())
    return raw.decode("cp1252", errors="replace")


class TextFile:
    """A file's text, one line at a time, each ending in `\\n` whatever the file used.

    Use as a context manager. `problem` is set (read nothing then) when the file looks binary;
    `warning` is set once when some bytes were not UTF-8 and were read as cp1252.
    """

    def __init__(self, path: Path, max_line: int) -> None:
        self.path = path
        self.max_line = max_line
        self.problem: Problem | None = None
        self.warning: Problem | None = None
        self.line = 0  # number of the line last read
        self.chars = 0  # characters read so far
        self._raw = path.open("rb")
        try:
            head = self._raw.read(_HEAD)
            self.encoding, bom = sniff_encoding(head)
            if head and not bom and head.count(b"\x00") * 100 >= len(head):
                self.problem = Problem(str(path), 1, "binary file (contains NUL bytes)")
            self._raw.seek(bom)
            # newline=None reads \r\n and \r as \n. UTF-8 keeps the bytes it cannot decode
            # (surrogateescape) so that _emit reads them as cp1252; UTF-16 and -32 let a lone
            # surrogate through (surrogatepass) for its record to be refused by the one rule.
            errors = "surrogateescape" if self.encoding == "utf-8" else "surrogatepass"
            self._text = io.TextIOWrapper(self._raw, encoding=self.encoding, errors=errors,
                                          newline=None)  # fmt: skip
        except BaseException:
            self._raw.close()
            raise

    def __enter__(self) -> TextFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw.close()

    def lines(self, strict: bool = False) -> Iterator[str | None]:
        """Each line, ending in `\\n` (the last one may have no ending). A line longer than
        `max_line` characters is skipped, given as None; with `strict` it raises `LineTooLong`
        instead (a CSV cannot go on past it)."""
        while True:
            line = self._text.readline(self.max_line + 1)
            if not line:
                return
            too_long = len(line) > self.max_line
            while too_long and not line.endswith("\n"):  # read past it without keeping it
                line = self._text.readline(_CHUNK)
                if not line:
                    break
            yield self._emit(line, too_long, strict)

    def _emit(self, line: str, too_long: bool, strict: bool) -> str | None:
        self.line += 1
        self.chars += len(line)
        if too_long:
            if strict:
                raise LineTooLong(self.line)
            return None
        if self.encoding == "utf-8" and _ESCAPED.search(line):
            if self.warning is None:
                self.warning = Problem(str(self.path), self.line, "not UTF-8; read as cp1252",
                                       skipped=False)  # fmt: skip
            line = _ESCAPED.sub(_from_cp1252, line)
        return line
