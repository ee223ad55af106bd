"""Read articles from .txt files and folders, Prodigy-style .jsonl and .csv, one record at a time.

Readers never raise for bad input: they yield a `Problem` naming the file, line and reason,
and go on with the rest. Nothing is held in memory beyond the current record.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from annotations.model import FIGURE, Article, ArticleStatus, Figure, Span, SpanStatus

SUFFIXES = (".txt", ".jsonl", ".csv", ".tsv")


@dataclass
class Record:
    """One article read from a file, with any spans the file carried."""

    article: Article
    path: str
    line: int
    spans: list[Span] = field(default_factory=list)
    # Sources linked to spans, as our JSONL export writes them: (span index, link dicts)
    links: list[tuple[int, list[dict]]] = field(default_factory=list)
    size: int = 0  # bytes of input it came from, for progress


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


@dataclass
class CsvOptions:
    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    outlet: str = "outlet"


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Files named, and files under folders named (recursively, sorted), that we can read."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."):
                    yield f
        elif p.is_file():
            if p.suffix.lower() in SUFFIXES:
                yield p
            else:
                yield Problem(str(p), 1, f"unsupported file type {p.suffix or '(none)'!r}; "
                              "factmark reads .txt, .jsonl and .csv")  # fmt: skip
        else:
            yield Problem(str(p), 1, "no such file or folder")


def read_inputs(paths: Iterable[str | Path], csv_options: CsvOptions | None = None) -> Iterator[Record | Problem]:  # fmt: skip
    """Every record in every input, in order; problems in between."""
    for item in expand_paths(paths):
        if isinstance(item, Problem):
            yield item
            continue
        suffix = item.suffix.lower()
        try:
            if suffix == ".txt":
                yield from read_txt(item)
            elif suffix == ".jsonl":
                yield from _unique_ids(read_jsonl(item))
            else:
                yield from _unique_ids(read_csv(item, csv_options or CsvOptions()))
        except OSError as e:
            yield Problem(str(item), 1, f"cannot read: {e.strerror or e}")


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


# ---------------------------------------------------------------------- decoding
def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """UTF-8 (with or without BOM), else cp1252 with a warning. NUL bytes mean binary."""
    if b"\x00" in data:
        return None, Problem(path, 1, "binary file (contains NUL bytes)", size=len(data))
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        return text, Problem(path, line, "not UTF-8; read as cp1252", skipped=False)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------- .txt
_DATE_HEADER = re.compile(r"\A\s*date\s+(\S+)[ \t]*")


def read_txt(path: Path) -> Iterator[Record | Problem]:
    data = path.read_bytes()
    text, problem = decode(data, str(path))
    if problem:
        yield problem
        if text is None:
            return
    text = normalise_newlines(text)
    published = None
    m = _DATE_HEADER.match(text)
    if m:
        published = parse_date(m.group(1))
        if published is None:
            yield Problem(
                str(path),
                1,
                f"date {m.group(1)!r} in the header is not a date (YYYY-MM-DD)",
                size=len(data),
            )
            return
        text = text[m.end() :]
    text = text.strip()
    if not text:
        yield Problem(
            str(path), 1, "empty file" if not m else "no text after the date header", size=len(data)
        )
        return
    article = Article(id=path.stem, text=text, title=guess_title(text), published=published)
    yield Record(article, str(path), 1, size=len(data))


_SENTENCE_END = re.compile(r"(?<=[a-z0-9]{2}[.!?])\s+|\n")


def guess_title(text: str) -> str:
    """The headline when the text starts with one, else the opening words of the first sentence."""
    lines = [ln.strip() for ln in text.split("\n")[:8]]
    for ln in lines[:6]:
        words = ln.split()
        if (
            4 <= len(words) <= 25
            and len(ln) <= 200
            and not ln.endswith((".", ":", ","))
            and not ln.isupper()
        ):
            return ln
        if len(words) > 25:
            break
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return first if len(first) <= 100 else first[:97].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------------- dates
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d")


def parse_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from common ways of writing one, or None."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------------- .jsonl
def read_jsonl(path: Path) -> Iterator[Record | Problem]:
    """Prodigy-shaped JSONL: text required; id/title/date/url/outlet/meta; spans; answer."""
    p = str(path)
    with path.open("rb") as f:
        for n, raw in enumerate(f, start=1):
            size = len(raw)
            if not raw.strip():
                continue
            text, problem = decode(raw, p)
            if text is None:
                yield Problem(p, n, "binary data (NUL bytes)", size=size)
                continue
            if problem:
                yield Problem(p, n, problem.reason, skipped=False)
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as e:
                yield Problem(p, n, f"invalid JSON ({e.msg} at column {e.colno})", size=size)
                continue
            yield _jsonl_record(obj, p, n, size)


def _jsonl_record(obj: object, path: str, n: int, size: int) -> Record | Problem:
    if not isinstance(obj, dict):
        return Problem(path, n, "a line must be a JSON object", size=size)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(path, n, "no 'text'", size=size)
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    raw_date = obj.get("date", obj.get("published", meta.get("date")))
    published = parse_date(raw_date)
    if raw_date not in (None, "") and published is None:
        return Problem(path, n, f"date {raw_date!r} does not parse", size=size)
    art_id = obj.get("id", meta.get("id"))
    if art_id is None:
        art_id = f"{Path(path).stem}-{n}"
    accepted = obj.get("answer") == "accept"
    status = obj.get("status") if obj.get("status") in {s.value for s in ArticleStatus} else None
    if accepted and status is None:
        status = ArticleStatus.REVIEWED
    article = Article(
        id=str(art_id), text=text, title=_str(obj.get("title", meta.get("title"))) or guess_title(text),
        published=published, outlet=_str(obj.get("outlet", meta.get("outlet"))),
        url=_str(obj.get("url", meta.get("url"))), status=status or ArticleStatus.NEW,
        meta={k: v for k, v in meta.items() if k not in ("id", "title", "date", "url", "outlet")},
    )  # fmt: skip
    spans = []
    links = []
    # Our export keeps rejected spans out of `spans` (Prodigy readers take those as positives).
    for i, s in enumerate([*(obj.get("spans") or []), *(obj.get("rejected_spans") or [])], start=1):
        span = _jsonl_span(s, text, obj, accepted)
        if isinstance(span, str):
            return Problem(path, n, f"span {i}: {span}", size=size)
        sources = s.get("sources") or []
        if sources:
            bad = _check_sources(sources)
            if bad:
                return Problem(path, n, f"span {i}: {bad}", size=size)
            links.append((len(spans), sources))
        spans.append(span)
    return Record(article, path, n, spans, size=size, links=links)


def _check_sources(sources: object) -> str | None:
    from annotations.store import InvalidSourceUrl, validate_url

    if not isinstance(sources, list):
        return "'sources' must be a list"
    for src in sources:
        if not isinstance(src, dict):
            return "a source must be an object"
        try:
            validate_url(str(src.get("url") or ""))
        except InvalidSourceUrl as e:
            return str(e)
        if src.get("stance", "supports") not in ("supports", "contradicts", "context"):
            return f"stance {src.get('stance')!r} is not supports, contradicts or context"
    return None


def _str(v: object) -> str | None:
    return None if v is None or v == "" else str(v)


def _jsonl_span(s: object, text: str, obj: dict, accepted: bool) -> Span | str:
    if not isinstance(s, dict):
        return "not an object"
    start, end, label = s.get("start"), s.get("end"), s.get("label")
    if not isinstance(start, int) or not isinstance(end, int) or not isinstance(label, str):
        return "needs integer 'start', 'end' and a 'label'"
    if not 0 <= start < end <= len(text):
        return f"offsets {start}..{end} are outside the text (length {len(text)})"
    quoted = s.get("text")
    if quoted is not None and quoted != text[start:end]:
        return f"text {quoted!r} is not the text at {start}..{end} ({text[start:end]!r})"
    origin = s.get("origin") or s.get("source") or (obj.get("meta") or {}).get("source") or "import"
    status = s.get("status")
    if status not in {x.value for x in SpanStatus}:
        status = SpanStatus.ACCEPTED if accepted else SpanStatus.SUGGESTED
    figure = None
    if label == FIGURE:
        f = s.get("figure") or {}
        try:
            figure = Figure.from_dict(f if isinstance(f, dict) else {})
        except (ValueError, TypeError) as e:
            return f"figure attributes: {e}"
    conf = s.get("confidence", s.get("score"))
    return Span(start, end, label, text[start:end], origin=str(origin), status=status,
                confidence=conf if isinstance(conf, int | float) else None,
                note=_str(s.get("note")), figure=figure)  # fmt: skip


# ---------------------------------------------------------------------- .csv
def read_csv(path: Path, options: CsvOptions) -> Iterator[Record | Problem]:
    p = str(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    head = path.read_bytes()[:4096]
    if b"\x00" in head:
        yield Problem(p, 1, "binary file (contains NUL bytes)")
        return
    encoding = "utf-8-sig"
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for _ in f:
                pass
    except UnicodeDecodeError:
        encoding = "cp1252"
        yield Problem(p, 1, "not UTF-8; read as cp1252", skipped=False)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding=encoding, newline="", errors="replace") as f:
        reader = csv.DictReader(f, delimiter=delimiter)
        fields = reader.fieldnames or []
        if not fields:
            yield Problem(p, 1, "empty file")
            return
        if options.text not in fields:
            yield Problem(p, 1, f"no {options.text!r} column (columns: {', '.join(fields)}); "
                          "name the text column with --text-column")  # fmt: skip
            return
        line = reader.line_num
        for row in reader:
            n, line = line + 1, reader.line_num
            text = normalise_newlines(row.get(options.text) or "").strip()
            if not text:
                yield Problem(p, n, f"empty {options.text!r}")
                continue
            raw_date = row.get(options.date)
            published = parse_date(raw_date)
            if raw_date and published is None:
                yield Problem(p, n, f"date {raw_date!r} does not parse")
                continue
            art_id = row.get(options.id) or f"{path.stem}-{n}"
            yield Record(
                Article(id=art_id, text=text, title=row.get(options.title) or guess_title(text),
                        published=published, outlet=row.get(options.outlet) or None,
                        url=row.get(options.url) or None),
                p, n, size=len(text),
            )  # fmt: skip
