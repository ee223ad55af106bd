"""Read articles from .txt files and folders, saved web pages and addresses (importers/webpage.py),
Prodigy-style .jsonl, .csv and Label Studio's .json export (importers/labelstudio.py), one record
at a time.

Readers never raise for bad input: they yield a `Problem` naming the file, line and reason,
and go on with the rest. Each reader only finds the records of its format; `validate.to_record`
checks them all by one set of rules. Nothing is held in memory beyond the current record.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from annotations.importers.files import (
    LineTooLong,
    Problem,
    TextFile,
    expand_paths,
    os_reason,
)
from annotations.importers.labelstudio import labelstudio_records
from annotations.importers.validate import (
    MAX_ARTICLE_CHARS,
    BadRecord,
    Record,
    parse_date,
    to_record,
)
from annotations.importers.webpage import is_address, page_address_records, page_file_records

# A JSONL or CSV line longer than this is not read (an article at its size limit, with room for
# its spans and JSON escapes); a .txt file bigger than this many bytes is not read either.
MAX_LINE_CHARS = 4 * MAX_ARTICLE_CHARS


@dataclass
class CsvOptions:
    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    outlet: str = "outlet"


def read_inputs(paths: Iterable[str | Path], csv_options: CsvOptions | None = None,
                labels: Mapping[str, str] | None = None) -> Iterator[Record | Problem]:  # fmt: skip
    """Every record in every input, in order; problems in between. `labels` maps span labels
    of the input to ours (`--labels OLD=NEW`)."""
    options = csv_options or CsvOptions()
    for item in _files_and_addresses(paths):
        if isinstance(item, Problem):
            yield item
            continue
        if isinstance(item, str):  # an address: the page it names
            yield from page_address_records(item)
            continue
        suffix = item.suffix.lower()
        if suffix in (".html", ".htm"):
            yield from page_file_records(item)
        elif suffix == ".txt":
            yield from _read(item, _txt_records)
        elif suffix == ".jsonl":
            yield from _unique_ids(_read(item, lambda f: _jsonl_records(f, labels)))
        elif suffix == ".json":  # Label Studio's JSON export
            yield from _unique_ids(_read(item, labelstudio_records))
        else:
            yield from _unique_ids(_read(item, lambda f: _csv_records(f, options)))


def _files_and_addresses(paths: Iterable[str | Path]) -> Iterator[Path | str | Problem]:
    for p in paths:
        if is_address(p):
            yield p  # type: ignore[misc]
        else:
            yield from expand_paths([p])


def _read(path: Path, records: Callable[[TextFile], Iterator[Record | Problem]]) -> Iterator[Record | Problem]:  # fmt: skip
    """The records of one file; whatever goes wrong reading it is one line, never an exception."""
    p = str(path)
    try:
        f = TextFile(path, MAX_LINE_CHARS)
    except OSError as e:
        yield Problem(p, 1, f"cannot read: {os_reason(e, path)}")
        return
    with f:
        if f.problem:
            yield f.problem
            return
        warned = False
        rest = "; the rest of the file was not read"
        try:
            for item in records(f):
                if f.warning and not warned:
                    warned = True
                    yield f.warning
                yield item
        except OSError as e:
            yield Problem(p, max(f.line, 1), f"cannot read: {os_reason(e, path)}{rest}")
        except UnicodeDecodeError:
            yield Problem(p, f.line + 1, f"not valid {f.encoding.upper()} text{rest}")
        except Exception as e:  # a bug of ours must not cost the rest of the batch
            yield Problem(p, max(f.line, 1), f"could not be read ({type(e).__name__}: {e}){rest}; "
                          "please report this")  # fmt: skip
        if f.warning and not warned:
            yield f.warning


def _unique_ids(records: Iterator[Record | Problem]) -> Iterator[Record | Problem]:
    seen: dict[str, int] = {}
    for r in records:
        if isinstance(r, Record):
            first = seen.setdefault(r.article.id, r.line)
            if first != r.line:
                yield Problem(
                    r.path,
                    r.line,
                    f"id {r.article.id!r} repeats line {first} of this file",
                    size=r.size,
                )
                continue
        yield r


def _checked(obj: object, path: str, line: int, default_id: str, size: int,
             strip: bool = False, labels: Mapping[str, str] | None = None) -> Record | Problem:  # fmt: skip
    try:
        return to_record(obj, path, line, default_id, size=size, strip=strip, labels=labels)
    except BadRecord as e:
        return Problem(path, line, str(e), size=size)


def _too_long(what: str) -> str:
    return f"{what} is longer than {MAX_LINE_CHARS:,} characters"


# ---------------------------------------------------------------------- .txt
_DATE_HEADER = re.compile(r"\A\s*date\s+(\S+)[ \t]*")


def _txt_records(f: TextFile) -> Iterator[Record | Problem]:
    """One article per file; the file name without its extension is its id."""
    p, size = str(f.path), f.path.stat().st_size
    if size > MAX_LINE_CHARS:
        yield Problem(p, 1, f"the file is {size:,} bytes, more than factmark reads for one "
                      f"article ({MAX_LINE_CHARS:,}); not read", size=size)  # fmt: skip
        return
    lines = list(f.lines())
    if None in lines:
        yield Problem(p, lines.index(None) + 1, _too_long("the line") + "; file not read",
                      size=size)  # fmt: skip
        return
    text = "".join(lines)  # type: ignore[arg-type]
    obj = {"text": text}
    m = _DATE_HEADER.match(text)
    if m:
        obj["date"] = m.group(1)
        if parse_date(m.group(1)) is None:
            yield Problem(p, 1, f"date {m.group(1)!r} in the header is not a date (YYYY-MM-DD)",
                          size=size)  # fmt: skip
            return
        obj["text"] = text[m.end() :]
    if not obj["text"].strip():
        yield Problem(p, 1, "empty file" if not m else "no text after the date header", size=size)
        return
    yield _checked(obj, p, 1, f.path.stem, size, strip=True)


# ---------------------------------------------------------------------- .jsonl
def _jsonl_records(f: TextFile, labels: Mapping[str, str] | None = None) -> Iterator[Record | Problem]:  # fmt: skip
    """Prodigy-shaped JSONL: text required; id/title/date/url/outlet/meta; spans; answer."""
    p, stem = str(f.path), f.path.stem
    blank = True
    for line in f.lines():
        n = f.line
        if line is None:
            blank = False
            yield Problem(p, n, _too_long("the line") + "; skipped unread")
            continue
        size = len(line)
        line = line.lstrip("\ufeff")  # files joined with `cat` keep each one's byte-order mark
        if not line.strip():
            continue
        blank = False
        if "\x00" in line:
            yield Problem(p, n, "binary data (NUL bytes)", size=size)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Problem(p, n, f"invalid JSON ({e.msg} at column {e.colno})", size=size)
            continue
        except RecursionError:
            yield Problem(p, n, "invalid JSON (nested too deeply to read)", size=size)
            continue
        except ValueError as e:  # an integer longer than Python will convert (4,300 digits)
            yield Problem(p, n, f"invalid JSON ({str(e).split(';')[0]})", size=size)
            continue
        yield _checked(obj, p, n, f"{stem}-{n}", size, labels=labels)
    if blank:
        what = "the file is empty" if f.line == 0 else "only blank lines"
        yield Problem(p, 1, f"no records ({what})")


# ---------------------------------------------------------------------- .csv
def _csv_records(f: TextFile, options: CsvOptions) -> Iterator[Record | Problem]:
    """A header row naming the columns, then one article per row."""
    p, stem = str(f.path), f.path.stem
    csv.field_size_limit(MAX_LINE_CHARS)  # csv's default (128 KiB) is smaller than an article
    delimiter = "\t" if f.path.suffix.lower() == ".tsv" else ","
    # strict: an unclosed quote is an error at the end of the file or where it goes wrong,
    # not a field silently holding the rows after it.
    reader = csv.reader(f.lines(strict=True), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except (csv.Error, LineTooLong) as e:
        yield Problem(p, 1, f"the header row is not CSV ({_csv_reason(e)})")
        return
    if not header:
        yield Problem(p, 1, "empty file")
        return
    if options.text not in header:
        yield Problem(p, 1, f"no {options.text!r} column (columns: {', '.join(header)}); "
                      "name the text column with --text-column")  # fmt: skip
        return
    columns = {name: header.index(getattr(options, name)) for name in
               ("text", "id", "title", "date", "url", "outlet") if getattr(options, name) in header}  # fmt: skip
    line, chars, rows = f.line, f.chars, 0
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except (csv.Error, LineTooLong) as e:
            yield _bad_csv(p, start, f.line, e)
            if isinstance(e, LineTooLong) or "field limit" in str(e) or "end of data" in str(e):
                return
            line, chars = f.line, f.chars
            continue
        line, size, chars = f.line, f.chars - chars, f.chars
        if not any(row):
            continue
        rows += 1
        if len(row) > len(header) and any(row[len(header) :]):
            yield Problem(p, start, f"{len(row)} fields where the header has {len(header)}",
                          size=size)  # fmt: skip
            continue
        obj = {name: row[i] if i < len(row) else "" for name, i in columns.items()}
        if not obj["text"].strip():
            yield Problem(p, start, f"empty {options.text!r}", size=size)
            continue
        yield _checked(obj, p, start, f"{stem}-{start}", size, strip=True)
    if not rows:
        yield Problem(p, 1, "no rows under the header")


def _csv_reason(e: Exception) -> str:
    if isinstance(e, LineTooLong):
        return _too_long("a line")
    return str(e)


def _bad_csv(path: str, start: int, end: int, e: Exception) -> Problem:
    rest = "; the rest of the file was not read"
    if isinstance(e, LineTooLong):
        return Problem(path, e.line, _too_long("the line") + rest)
    if "field limit" in str(e):
        return Problem(path, start, f"a field runs past {MAX_LINE_CHARS:,} characters (a quote "
                       f"not closed?){rest}")  # fmt: skip
    if "end of data" in str(e):
        return Problem(path, start, f"a quote opened in this row is never closed: lines "
                       f"{start}-{end} would be one field; not imported")  # fmt: skip
    where = f"lines {start}-{end}" if end > start else "this row"
    hint = " (a quote opened in this row not closed where it should be?)" if end > start else ""
    return Problem(path, start, f"not valid CSV: {e}{hint}; {where} not imported")
