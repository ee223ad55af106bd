"""The one set of rules every reader's records pass through on their way into the core's types.

A reader (.txt, .jsonl, .csv) turns what it read into a plain dict shaped like a Prodigy JSONL
object; `to_record` checks every field and returns a `Record` of core `Article` and `Span`
values, or raises `BadRecord` with the reason. A record is imported whole or not at all: a
span that cannot be imported refuses its record, so fixing the file and importing again
finishes the job (an article already imported with the same text would not take a span later).

Labels from elsewhere: OntoNotes' number labels (CARDINAL, MONEY, PERCENT, QUANTITY, what
spaCy's English pipelines and our own spacy/CoNLL exports use) come in as FIGURE of that kind;
any other label not ours refuses its record unless the import maps it (`--labels OLD=NEW`).
A FIGURE without a `figure` object gets the value, range, unit and what it counts that the
figure finder reads in the text. Prodigy's `_input_hash` and `_task_hash` are kept in meta.
"""

from __future__ import annotations

import math
import re
import uuid
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from annotations.errors import FactmarkError
from annotations.model import (
    FIGURE,
    LABELS,
    Article,
    ArticleStatus,
    Body,
    FigureKind,
    Qualifier,
    Span,
    SpanStatus,
    Stance,
    Verdict,
)
from annotations.model import Figure as FigureValue

# The longest article factmark takes, in characters (code points). A bigger one is refused with
# a line saying so; raise this to take longer ones (highlighting splits any text it is given).
MAX_ARTICLE_CHARS = 5_000_000
# How deep a record's JSON may nest (meta, sources); deeper is refused, never recursed into.
MAX_DEPTH = 32

_LABELS = frozenset(LABELS)
# OntoNotes' labels for figures, as spaCy's English pipelines (and our spacy/CoNLL export) write them.
ONTONOTES_FIGURES = {
    "CARDINAL": FigureKind.COUNT,
    "MONEY": FigureKind.MONEY,
    "PERCENT": FigureKind.PERCENT,
    "QUANTITY": FigureKind.QUANTITY,
}
PRODIGY_HASHES = ("_input_hash", "_task_hash")
_STATUSES = frozenset(s.value for s in SpanStatus)
_ARTICLE_STATUSES = frozenset(s.value for s in ArticleStatus)
_NOT_STORED = re.compile("[\x00\ud800-\udfff]")  # SQLite cannot keep these faithfully


class BadRecord(FactmarkError):
    """A record that cannot be imported; the message says why (the reader adds path:line)."""


@dataclass
class Record:
    """One article read from a file, with any spans the file carried."""

    article: Article
    path: str
    line: int
    spans: list[Span] = field(default_factory=list)
    # Sources linked to spans, as our JSONL export writes them: (span index, link dicts)
    links: list[tuple[int, list[dict]]] = field(default_factory=list)
    size: int = 0  # characters of input it came from, for progress


# ---------------------------------------------------------------------- the record
def to_record(obj: Any, path: str, line: int, default_id: str, *, size: int = 0,
              strip: bool = False, labels: Mapping[str, str] | None = None) -> Record:  # fmt: skip
    """`obj` checked into core types. Line endings in the text become `\\n` (span offsets given
    against the file's text are moved to match); `strip` trims the text (readers without spans);
    `labels` maps labels of the input to ours (checked with `check_label_map`).
    """
    if not isinstance(obj, dict):
        raise BadRecord(f"a record must be a JSON object, not {_kind(obj)}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRecord("no 'text'" if text is None or isinstance(text, str) else
                        f"'text' must be a string, not {_kind(text)}")  # fmt: skip
    _check_string(text, "'text'")
    raw_text = text
    text, moved = normalise_newlines(text)
    lead = 0
    if strip:
        lead = len(text) - len(text.lstrip())
        text = text.strip()
    if len(text) > MAX_ARTICLE_CHARS:
        raise BadRecord(f"the text is {len(text):,} characters; factmark takes articles up to "
                        f"{MAX_ARTICLE_CHARS:,} (MAX_ARTICLE_CHARS in "
                        "annotations/importers/validate.py)")  # fmt: skip
    meta = obj.get("meta")
    if meta is None:
        meta = {}
    elif not isinstance(meta, dict):
        raise BadRecord(f"'meta' must be an object, not {_kind(meta)}")
    check_strings(meta, "meta")
    raw_date = _first(obj, meta, "date", "published")
    published = parse_date(raw_date)
    if raw_date not in (None, "") and published is None:
        raise BadRecord(f"date {_short(raw_date)} does not parse")
    art_id = _text(_first(obj, meta, "id"), "id") or default_id
    accepted = obj.get("answer") == "accept"
    status = obj.get("status") if _one_of(obj.get("status"), _ARTICLE_STATUSES) else None
    if accepted and status is None:
        status = ArticleStatus.REVIEWED
    title = _text(_first(obj, meta, "title"), "title")
    article = Article(
        id=art_id, text=text, title=normalise_newlines(title)[0] if title else guess_title(text),
        published=published, outlet=_text(_first(obj, meta, "outlet"), "outlet"),
        url=_text(_first(obj, meta, "url"), "url"), status=status or ArticleStatus.NEW,
        meta={k: v for k, v in meta.items() if k not in ("id", "title", "date", "url", "outlet")},
        body=_body(obj.get("body"), raw_text, text, moved, lead),
    )  # fmt: skip
    for key in PRODIGY_HASHES:  # Prodigy's own hashes: kept, so its dataset still knows the task
        if type(obj.get(key)) is int:
            article.meta[key] = obj[key]
    record = Record(article, path, line, size=size)
    figures = _Figures(text)
    # Our export keeps rejected spans out of `spans` (Prodigy readers take those as positives).
    given = [*_list(obj, "spans"), *_list(obj, "rejected_spans")]
    for i, s in enumerate(given, start=1):
        try:
            span, sources = _span(s, raw_text, text, moved, meta, accepted, labels, figures)
        except BadRecord as e:
            raise BadRecord(f"span {i}: {e}") from None
        if sources:
            record.links.append((len(record.spans), sources))
        record.spans.append(span)
    return record


def _body(given: object, raw_text: str, text: str, moved: list[int], lead: int) -> Body | None:
    """The body a record gives (`{"start", "end", "furniture": [[start, end], ...]}`, offsets
    into the text as given, as our JSONL export writes it), in the stored text's offsets."""
    if given is None:
        return None
    if not isinstance(given, dict):
        raise BadRecord(f"'body' must be an object with start and end, not {_kind(given)}")

    def offset(v: object, name: str) -> int:
        if type(v) is not int or not 0 <= v <= len(raw_text):
            raise BadRecord(f"body {name} {_short(v)} is not an offset into the text "
                            f"(0..{len(raw_text)})")  # fmt: skip
        return min(max(_moved(v, moved) - lead, 0), len(text))

    holes = []
    for pair in _list(given, "furniture"):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise BadRecord(f"body furniture {_short(pair)} must be a [start, end] pair")
        holes.append((offset(pair[0], "furniture start"), offset(pair[1], "furniture end")))
    body = Body(offset(given.get("start"), "start"), offset(given.get("end"), "end"), tuple(holes))
    at = body.start
    for a, b in (*body.furniture, (body.end, body.end)):
        if not at <= a <= b:
            raise BadRecord(f"body {given.get('start')}..{given.get('end')} with furniture "
                            f"{given.get('furniture')}: the bounds and furniture are not in order")  # fmt: skip
        at = b
    if body.start >= body.end:
        raise BadRecord(f"body {given.get('start')}..{given.get('end')}: the start must come "
                        "before the end")  # fmt: skip
    return body


def _first(obj: dict, meta: dict, *keys: str) -> Any:
    for key in keys:
        if obj.get(key) is not None:
            return obj[key]
    return meta.get(keys[0])


def _list(obj: dict, key: str) -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRecord(f"'{key}' must be a list, not {_kind(value)}")
    return value


def _one_of(v: object, allowed: frozenset[str]) -> bool:
    return isinstance(v, str) and v in allowed


def _kind(v: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string",
             list: "a list", dict: "an object", type(None): "null"}  # fmt: skip
    return names.get(type(v), type(v).__name__)


def _text(v: object, name: str) -> str | None:
    """A text field: a string (or a number, as written); empty is absent."""
    if v is None or v == "":
        return None
    if isinstance(v, bool) or not isinstance(v, str | int | float):
        raise BadRecord(f"'{name}' must be a string, not {_kind(v)}")
    if isinstance(v, float) and not math.isfinite(v):
        raise BadRecord(f"'{name}' is {v!r}, not a string")
    s = str(v)
    _check_string(s, f"'{name}'")
    return s


# ---------------------------------------------------------------------- strings and numbers
def check_strings(obj: object, where: str) -> None:
    """Every string and number in `obj` (named `where`) is one the project can store: no NUL
    character, no lone surrogate (`\\ud800` in JSON is not a character), no NaN or Infinity;
    nested at most `MAX_DEPTH` deep. Walks without recursion: no input can exhaust the stack."""
    stack: list[tuple[object, str, int]] = [(obj, where, 0)]
    while stack:
        v, where, depth = stack.pop()
        if isinstance(v, str):
            _check_string(v, where)
        elif isinstance(v, float):
            if not math.isfinite(v):
                raise BadRecord(f"{where or 'a value'} is {v!r}; NaN and Infinity are not numbers "
                                "factmark stores")  # fmt: skip
        elif isinstance(v, dict | list):
            if depth >= MAX_DEPTH:
                raise BadRecord(f"{where or 'the record'} is nested more than {MAX_DEPTH} deep")
            items = v.items() if isinstance(v, dict) else enumerate(v)
            for k, child in items:
                if isinstance(k, str):
                    _check_string(k, f"a key in {where or 'the record'}")
                name = f"{where}[{k}]" if isinstance(k, int) else f"{where}.{k}" if where else k
                stack.append((child, name, depth + 1))


def _check_string(s: str, where: str) -> None:
    m = _NOT_STORED.search(s)
    if m is None:
        return
    at = f"at character {m.start() + 1} of {where or 'a string'}"
    if m.group() == "\x00":
        raise BadRecord(f"a NUL character (\\u0000) {at}; remove it from the input")
    raise BadRecord(f"a lone surrogate \\u{ord(m.group()):04x} {at} is not a character; "
                    "fix the input's encoding")  # fmt: skip


def _number(v: object, name: str) -> float | None:
    """A number as the store keeps it (REAL): an integer past 64 bits is fine, NaN is not."""
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise BadRecord(f"'{name}' must be a number, not {_kind(v)} ({_short(v)})")
    try:
        number = float(v)
    except OverflowError:
        raise BadRecord(f"'{name}' is too large a number ({len(str(v)):,} digits)") from None
    if not math.isfinite(number):
        raise BadRecord(f"'{name}' is {v!r}; NaN and Infinity are not numbers factmark stores")
    return number


def _short(v: object) -> str:
    r = repr(v)
    return r if len(r) <= 40 else r[:37] + "..."


# ---------------------------------------------------------------------- newlines
_CR = re.compile(r"\r\n?")


def normalise_newlines(text: str) -> tuple[str, list[int]]:
    """`\\r\\n` and a lone `\\r` become `\\n`; with where the removed `\\r`s were."""
    if "\r" not in text:
        return text, []
    removed = [m.start() for m in _CR.finditer(text) if m.end() - m.start() == 2]
    return _CR.sub("\n", text), removed


def _moved(offset: int, removed: list[int]) -> int:
    """An offset into the original text, as an offset into the normalised one."""
    return offset - bisect_left(removed, offset)


# ---------------------------------------------------------------------- spans
def check_label_map(labels: Mapping[str, str]) -> None:
    """Refuse a mapping (`--labels OLD=NEW`) to a label that is not ours."""
    for old, new in labels.items():
        if new not in _LABELS:
            raise BadRecord(f"--labels {old}={new}: {new!r} is not one of {', '.join(LABELS)}")


def _label(label: object, labels: Mapping[str, str] | None) -> tuple[str, FigureKind | None]:
    """Our label for a span's label, and the figure kind an OntoNotes label says."""
    if isinstance(label, str) and labels and label in labels:
        label = labels[label]
    if isinstance(label, str) and label in ONTONOTES_FIGURES:
        return FIGURE, ONTONOTES_FIGURES[label]
    if not isinstance(label, str) or label not in _LABELS:
        hint = f" (did you mean {label.upper()!r}?)" if str(label).upper() in _LABELS else ""
        mapping = (f"; map it with --labels {label}=LABEL" if isinstance(label, str) and label
                   and not hint else "")  # fmt: skip
        raise BadRecord(f"label {_short(label)} is not one of {', '.join(LABELS)}{hint}{mapping}")
    return label, None


class _Figures:
    """What the figure finder reads in an article, found once and only if a span needs it."""

    def __init__(self, text: str):
        self.text = text
        self._found: list | None = None

    def at(self, start: int, end: int, kind: FigureKind | None) -> FigureValue:
        from annotations.highlight.figures import default_finder

        # find_all: an annotator's FIGURE may be what factmark calls a duration ("two years").
        find = default_finder().find_all
        if self._found is None:
            self._found = find(self.text)
        same = [f for f in self._found if f.start == start and f.end == end]
        inside = [f for f in self._found if start <= f.start and f.end <= end]
        # The span as a text of its own when the finder drew other edges in context.
        found = same or inside or find(self.text[start:end])
        figure = found[0].figure if found else FigureValue()
        # The annotator's label says what kind it is.
        return replace(figure, kind=kind) if kind is not None else figure


def _span(s: object, raw_text: str, text: str, moved: list[int], meta: dict, accepted: bool,
          labels: Mapping[str, str] | None, figures: _Figures) -> tuple[Span, list[dict]]:  # fmt: skip
    if not isinstance(s, dict):
        raise BadRecord(f"must be an object, not {_kind(s)} ({_short(s)})")
    start, end, label = s.get("start"), s.get("end"), s.get("label")
    for name, v in (("start", start), ("end", end)):
        if type(v) is not int:  # not isinstance: True and False are ints to Python
            raise BadRecord(f"'{name}' must be a whole number (an offset), not {_kind(v)} "
                            f"({_short(v)})")  # fmt: skip
    if not 0 <= start < end <= len(raw_text):
        raise BadRecord(f"offsets {start}..{end} are outside the text (length {len(raw_text)})"
                        if start < 0 or end > len(raw_text) else
                        f"offsets {start}..{end}: the start must come before the end")  # fmt: skip
    label, kind = _label(label, labels)
    if moved:
        start, end = _moved(start, moved), _moved(end, moved)
        if start >= end:
            raise BadRecord(f"span {s['start']}..{s['end']} holds only a line ending")
    quoted = s.get("text")
    if quoted is not None:
        if not isinstance(quoted, str) or (
            quoted != text[start:end] and normalise_newlines(quoted)[0] != text[start:end]
        ):
            raise BadRecord(f"text {_short(quoted)} is not the text at {s['start']}..{s['end']} "
                            f"({_short(raw_text[s['start'] : s['end']])})")  # fmt: skip
    origin = _text(s.get("origin") or s.get("source") or meta.get("source"), "origin") or "import"
    status = s.get("status")
    if not _one_of(status, _STATUSES):
        status = SpanStatus.ACCEPTED if accepted else SpanStatus.SUGGESTED
    figure = None
    if label == FIGURE:
        given = s.get("figure")
        figure = _figure(given) if given is not None else figures.at(start, end, kind)
    span = Span(start, end, label, text[start:end], origin=origin, status=status,
                confidence=_number(s.get("confidence", s.get("score")), "confidence"),
                note=_text(s.get("note"), "note"), figure=figure,
                uuid=_uuid(s.get("uuid")))  # fmt: skip
    return span, _sources(s.get("sources"))


def _uuid(v: object) -> str | None:
    """A span's uuid as our JSONL export writes it, in the canonical lower-case form."""
    if v is None:
        return None
    try:
        if not isinstance(v, str):
            raise ValueError
        return str(uuid.UUID(v))
    except ValueError:
        raise BadRecord(f"'uuid' {_short(v)} is not a UUID") from None


_FIGURE_CHOICES = {
    name: tuple(c.value for c in choices)
    for name, choices in (("qualifier", Qualifier), ("kind", FigureKind), ("verdict", Verdict))
}
_STANCES = tuple(s.value for s in Stance)


def _figure(f: object) -> FigureValue:
    if f is None:
        return FigureValue()
    if not isinstance(f, dict):
        raise BadRecord(f"'figure' must be an object, not {_kind(f)}")
    values: dict[str, Any] = {}
    for name in ("value", "low", "high"):
        values[name] = _number(f.get(name), f"figure {name}")
    for name in ("unit", "counted"):
        values[name] = _text(f.get(name), f"figure {name}")
    for name, allowed in _FIGURE_CHOICES.items():
        v = f.get(name)
        if v is None:
            continue
        if not (isinstance(v, str) and v in allowed):
            raise BadRecord(f"figure {name} {_short(v)} is not one of {', '.join(allowed)}")
        values[name] = v
    return FigureValue(**{k: v for k, v in values.items() if v is not None})


def _sources(sources: object) -> list[dict]:
    if sources is None:
        return []
    from annotations.urls import InvalidSourceUrl, validate_url

    if not isinstance(sources, list):
        raise BadRecord(f"'sources' must be a list, not {_kind(sources)}")
    out = []
    for src in sources:
        if not isinstance(src, dict):
            raise BadRecord(f"a source must be an object, not {_kind(src)}")
        try:
            url = validate_url(_text(src.get("url"), "source url") or "")
        except InvalidSourceUrl as e:
            raise BadRecord(str(e)) from None
        stance = src.get("stance") or "supports"
        if stance not in _STANCES:
            raise BadRecord(f"stance {_short(stance)} is not {', '.join(_STANCES)}")
        clean = {"url": url, "stance": stance}
        for name in ("title", "outlet", "published", "accessed", "excerpt"):
            clean[name] = _text(src.get(name), f"source {name}")
        out.append(clean)
    return out


# ---------------------------------------------------------------------- titles and dates
_SENTENCE_END = re.compile(r"(?<=[a-z0-9]{2}[.!?])\s+|\n")


def guess_title(text: str) -> str:
    """The headline when the text starts with one, else the opening words of the first sentence."""
    lines = [ln.strip() for ln in text[:4000].split("\n")[:8]]
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
    first = _SENTENCE_END.split(text[:4000].strip(), maxsplit=1)[0]
    return first if len(first) <= 100 else first[:97].rsplit(" ", 1)[0] + "…"


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d")


def parse_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from common ways of writing one, or None."""
    if value is None or isinstance(value, bool | list | dict):
        return None
    s = str(value).strip()
    if not s or len(s) > 64:
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
