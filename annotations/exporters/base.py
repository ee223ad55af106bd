"""What every exporter shares: which spans leave the project, the offset check, the tokens,
sentences and training labels, and the staged output that only appears when an export succeeds.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from annotations import staging
from annotations.errors import FactmarkError
from annotations.model import (
    FIGURE,
    LABELS,
    Article,
    Event,
    FigureKind,
    SourceLink,
    Span,
    SpanStatus,
)
from annotations.text import sentences

# FIGURE spans leave for spaCy and CoNLL tools under the OntoNotes label for their kind.
FIGURE_LABELS = {
    FigureKind.COUNT: "CARDINAL",
    FigureKind.PERCENT: "PERCENT",
    FigureKind.MONEY: "MONEY",
    FigureKind.QUANTITY: "QUANTITY",
}
VERIFIED = frozenset(s for s in SpanStatus if s.positive)
MARKER = staging.MARKER


class ExportError(FactmarkError):
    """An export that cannot be written as asked; the message says what to change."""


class OffsetMismatch(ExportError):
    """A span whose text is not article.text[start:end]: the export is refused, nothing written."""


@dataclass
class ExportOptions:
    """What to export. The default is verified annotations: accepted, corrected and added spans
    in articles marked reviewed."""

    all_articles: bool = False  # every article, and every span not rejected (suggested included)
    statuses: Sequence[str] | None = None  # span statuses to export (instead of the default)
    labels: Sequence[str] | None = None
    article_ids: Sequence[str] | None = None
    include_rejected: bool = False  # as negatives where the format has a place for them
    keep_figure: bool = False  # spacy/conll: keep FIGURE instead of CARDINAL/PERCENT/MONEY/QUANTITY
    split: float | None = None  # spacy: share of articles in train; the rest go to dev
    seed: int = 0
    spacy_config: bool = True  # spacy with split: also write config.cfg for `spacy debug data`
    # claimreview: the fact check's page ({article_id}, {span_id}) and its publisher; when not
    # given, what the project remembers from an earlier export
    review_url: str | None = None
    author: str | None = None
    excel: bool = False  # csv: start with a UTF-8 byte-order mark, which Excel needs
    reviewer: str | None = None  # one reviewer's layer instead of the final spans
    all_reviewers: bool = False  # every reviewer's layer, an item per reviewer and article
    # spans in the page furniture around an article's body too (and for spacy and conll, the
    # furniture's text); by default they stay out (importers/body.py)
    include_furniture: bool = False
    per_claim: bool = False  # claimreview: one review per judged claim (factmark claims)
    claims: list | None = None  # claimreview --per-claim: what prepare() found to write

    def span_statuses(self) -> frozenset[SpanStatus]:
        if self.statuses:
            known = [s.value for s in SpanStatus]
            for s in self.statuses:
                if s not in known:
                    raise ExportError(f"unknown span status {s!r}; statuses are {', '.join(known)}")
            chosen = frozenset(SpanStatus(s) for s in self.statuses)
            if SpanStatus.REJECTED in chosen:
                raise ExportError(
                    "rejected spans never export as positives; use --include-rejected to "
                    "write them as negatives where the format allows"
                )
            return chosen
        if self.all_articles:
            return frozenset(SpanStatus) - {SpanStatus.REJECTED}
        return VERIFIED

    def validate(self) -> None:
        self.span_statuses()
        for label in self.labels or ():
            if label not in LABELS:
                raise ExportError(f"unknown label {label!r}; labels are {', '.join(LABELS)}")
        if self.split is not None and not 0 < self.split < 1:
            raise ExportError(f"--split {self.split}: give the train share, between 0 and 1")


@dataclass
class SpanHistory:
    """Who touched a span and when, from the audit log."""

    created: str | None = None
    modified: str | None = None
    reviewers: list[str] = field(default_factory=list)
    verdict_by: str | None = None
    verdict_at: str | None = None


@dataclass
class Item:
    """One article as it leaves the project: the spans to write, checked against its text."""

    article: Article
    spans: list[Span]
    rejected: list[Span] = field(default_factory=list)
    links: dict[int, list[SourceLink]] = field(default_factory=dict)
    history: dict[int, SpanHistory] = field(default_factory=dict)
    part: str | None = None  # "train" or "dev" when the export is split
    reviewer: str | None = None  # whose layer the spans are (--reviewer, --all-reviewers)

    def sources(self, span: Span) -> list[SourceLink]:
        return self.links.get(span.id, []) if span.id is not None else []


def check_span(article: Article, span: Span) -> None:
    """Refuse a span that does not quote its article exactly."""
    text = article.text
    if not (0 <= span.start < span.end <= len(text)) or text[span.start : span.end] != span.text:
        found = text[span.start : span.end] if span.start < len(text) else ""
        raise OffsetMismatch(
            f"article {article.id!r}, span {span.id} ({span.label} {span.text!r}): the text at "
            f"{span.start}..{span.end} is {found!r}; export refused, nothing written"
        )


def layer_spans(store, article_id: str, reviewer: str | None) -> list[Span] | None:
    """The spans to choose from: the final ones, or `reviewer`'s layer (None where they decided
    nothing in the article, which is then left out)."""
    if reviewer is None:
        return store.spans(article_id)
    return store.layer_spans(article_id, reviewer)


def check_reviewer(store, options: ExportOptions, fmt: str, writer_class) -> None:
    """Refuse `reviewer` naming no layer of the project, saying which there are, and
    `all_reviewers` where the format holds one version of an article."""
    if options.all_reviewers:
        if options.reviewer is not None:
            raise ExportError("--reviewer NAME exports one layer, --all-reviewers every one; "
                              "give one of them")  # fmt: skip
        if not writer_class.writes_layers:
            raise ExportError(
                f"--all-reviewers: the {fmt} format holds one version of each article; use "
                "--format jsonl (a record per reviewer and article) or --reviewer NAME"
            )
        if not store.layer_reviewers():
            raise ExportError("--all-reviewers: no reviewer has decided anything yet")
    if options.reviewer is not None and options.reviewer not in store.layer_reviewers():
        known = ", ".join(store.layer_reviewers()) or "none yet"
        raise ExportError(f"no decisions by reviewer {options.reviewer!r}; layers: {known}")


def select_spans(article: Article, spans: Sequence[Span], options: ExportOptions) -> Item:
    """The spans of `article` that the options let out, every one checked against the text."""
    statuses = options.span_statuses()
    labels = set(options.labels) if options.labels else None
    keep, rejected = [], []
    for s in spans:
        if labels is not None and s.label not in labels:
            continue
        if not options.include_furniture and not article.holds(s.start, s.end):
            continue
        if s.status in statuses:
            keep.append(s)
        elif s.status is SpanStatus.REJECTED and options.include_rejected:
            rejected.append(s)
        else:
            continue
        check_span(article, s)
    return Item(article, keep, rejected)


def body_only(item: Item) -> Item:
    """The item with its article's text cut to the body (the furniture's characters removed)
    and its spans moved with it: for the formats that train a model (spacy, conll), where
    furniture nobody annotated would teach it that the names and numbers there are none."""
    a = item.article
    if not a.furniture_ranges():
        return item
    pieces = a.body.pieces(len(a.text))
    starts = [s for s, _ in pieces]
    shifts, cut = [], 0  # characters removed before each piece
    at = 0
    for s, e in pieces:
        cut += s - at
        shifts.append(cut)
        at = e

    def moved(span: Span) -> Span:
        shift = shifts[bisect.bisect_right(starts, span.start) - 1]
        return replace(span, start=span.start - shift, end=span.end - shift)

    def kept(spans: list[Span]) -> list[Span]:
        return [moved(s) for s in spans if a.holds(s.start, s.end)]

    text = "".join(a.text[s:e] for s, e in pieces)
    return replace(item, article=replace(a, text=text, body=None), spans=kept(item.spans),
                   rejected=kept(item.rejected))  # fmt: skip


def span_histories(events: Sequence[Event]) -> dict[int, SpanHistory]:
    """Per span: first and last time it was touched, by whom, and who set its verdict."""
    out: dict[int, SpanHistory] = {}
    for e in sorted(events, key=lambda e: e.id):
        if e.span_id is None:
            continue
        h = out.setdefault(e.span_id, SpanHistory())
        h.created = h.created or e.at
        h.modified = e.at
        if e.reviewer and e.reviewer not in h.reviewers:
            h.reviewers.append(e.reviewer)
        if e.op in ("set_verdict", "apply_claim"):
            h.verdict_by, h.verdict_at = e.reviewer, e.at
    return out


def training_label(span: Span, keep_figure: bool) -> str:
    if span.label == FIGURE and not keep_figure:
        kind = span.figure.kind if span.figure else FigureKind.COUNT
        return FIGURE_LABELS[kind]
    return span.label


def line_label(label: str) -> str:
    """A label as one word of a line-based format (brat, CoNLL): a label that came in with an
    import is not checked against LABELS, and a space, tab or line break in it would add
    fields or lines."""
    return re.sub(r"[^\w/-]+", "_", label).strip("_") or "LABEL"


# ---------------------------------------------------------------------- tokens and sentences
@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


@dataclass
class Tokens:
    """An article's tokens as spaCy's English tokenizer makes them: the tokenizer of
    `spacy.blank("en")`, which `factmark train` and every English pipeline use, so a trained
    model sees the tokens its data had. One space after a token is its `ws`; any other white
    space is a token of its own, so the tokens and their spaces rebuild the text exactly."""

    starts: list[int]
    ends: list[int]
    spaces: list[bool]

    @classmethod
    def of(cls, text: str) -> Tokens:
        from spacy.attrs import IDX, LENGTH, SPACY

        doc = _tokenizer()(text)
        if not len(doc):
            return cls([], [], [])
        # One array call, not a Python object per token: a long article has thousands.
        idx, length, space = doc.to_array([IDX, LENGTH, SPACY]).T.tolist()
        return cls(idx, [i + n for i, n in zip(idx, length, strict=True)], [bool(x) for x in space])

    def __len__(self) -> int:
        return len(self.starts)

    def bounds(self, span: Span) -> tuple[int, int] | None:
        """First and last (inclusive) token of a span, or None when an edge falls inside a token."""
        first = bisect.bisect_left(self.starts, span.start)
        last = bisect.bisect_left(self.ends, span.end)
        if (first < len(self) and self.starts[first] == span.start
                and last < len(self) and self.ends[last] == span.end):  # fmt: skip
            return first, last
        return None

    def around(self, span: Span) -> tuple[int, int]:
        """Offsets of the tokens a span touches (for saying where it fails to align)."""
        first = max(bisect.bisect_right(self.starts, span.start) - 1, 0)
        last = min(bisect.bisect_left(self.ends, span.end), len(self) - 1)
        return self.starts[first], self.ends[last]


@dataclass
class Misaligned:
    """Spans whose edges fall inside a spaCy token, which a token-based format cannot hold:
    counted, with the first as an example, for the report."""

    count: int = 0
    example: str | None = None

    def add(self, item: Item, span: Span, toks: Tokens) -> None:
        self.count += 1
        if self.example is None:
            s, e = toks.around(span)
            self.example = (f"article {item.article.id!r}: {span.label} {span.text!r} at "
                            f"{span.start}..{span.end}, in the tokens {item.article.text[s:e]!r}")  # fmt: skip

    def note(self, fate: str) -> str:
        spans = "span does" if self.count == 1 else "spans do"
        return (
            f"{self.count} {spans} not fall on spaCy token boundaries and {fate}; "
            f"e.g. {self.example}"
        )


def non_overlapping(spans: Sequence[Span]) -> tuple[list[Span], int]:
    """Spans a flat tagging (BIO, doc.ents) can hold: the longest first; and how many were left out."""
    taken: list[Span] = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(t.start < s.end and s.start < t.end for t in taken):
            taken.append(s)
    return sorted(taken, key=lambda s: s.start), len(spans) - len(taken)


class Sentences:
    """An article's sentences, computed once, for looking up the sentence around many spans."""

    def __init__(self, text: str):
        self.text = text
        self.bounds = sentences(text)
        self._ends = [e for _, e in self.bounds]

    def around(self, start: int, end: int) -> tuple[int, int]:
        if not self.bounds:
            return start, end
        first = min(bisect.bisect_right(self._ends, start), len(self.bounds) - 1)
        last = max(bisect.bisect_left(self._ends, end), first)
        last = min(last, len(self.bounds) - 1)
        return min(self.bounds[first][0], start), max(self.bounds[last][1], end)

    def of(self, span: Span) -> str:
        s, e = self.around(span.start, span.end)
        return self.text[s:e]


# ---------------------------------------------------------------------- output
def staged_file(output: str | Path):
    """A hidden file next to `output` that replaces it only if the export succeeds."""
    return staging.staged_file(output, error=ExportError)


def staged_dir(output: str | Path, fmt: str):
    """A hidden folder that takes the place of `output` only if the export succeeds."""
    return staging.staged_dir(output, fmt, error=ExportError)


class Writer:
    """One export format. Subclasses write each `Item` as it comes and finish in `close()`.

    `target` is the staged file or folder; `dropped` counts spans the format cannot hold
    (overlaps in a flat tagging) and `misaligned` those off spaCy's token boundaries, both
    reported to the user, as are `notes`.
    """

    needs_links = False
    needs_history = False
    writes_rejected = False
    writes_layers = False  # can hold several reviewers' versions of one article (--all-reviewers)
    body_text = False  # writes the body's text alone unless furniture is asked for (body_only)
    misaligned_fate = "are left out"  # what became of spans off token boundaries, for the note

    def __init__(self, target: Path, options: ExportOptions, output: Path | None = None):
        self.target = target
        self.options = options
        self.output = output or target  # where the staged output will end up
        self.dropped = 0
        self.misaligned = Misaligned()
        self.notes: list[str] = []  # told to the user with the report

    @classmethod
    def prepare(cls, store, options: ExportOptions) -> list[str]:
        """Before writing: complete `options` from the project (read only) and return notes
        for the user, or raise `ExportError` for options the format cannot take."""
        return []

    def write(self, item: Item) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def abort(self) -> None:
        """Release open files after an error; the staged output is deleted by the caller."""
        self.close()


class FileWriter(Writer):
    """A format written to one text file (UTF-8, the newline given)."""

    newline: str | None = "\n"

    def __init__(self, target: Path, options: ExportOptions, output: Path | None = None):
        super().__init__(target, options, output)
        self.file = target.open("w", encoding="utf-8", newline=self.newline)

    def close(self) -> None:
        self.file.close()

    def abort(self) -> None:
        self.file.close()


class JsonWriter(FileWriter):
    """A JSON document whose one long list is streamed item by item (JSON-LD graphs, pages)."""

    head: dict = {}
    list_key = "items"
    # Objects between the document and the list: (key, the fields written before the list).
    list_path: tuple[tuple[str, dict], ...] = ()

    def __init__(self, target: Path, options: ExportOptions, output: Path | None = None):
        super().__init__(target, options, output)
        self.count = 0
        self.file.write("{\n" + _fields(self.head, 1))
        for depth, (key, lead) in enumerate(self.list_path, start=1):
            self.file.write(f"{' ' * depth}{json.dumps(key)}: {{\n" + _fields(lead, depth + 1))
        self.file.write(f"{' ' * (len(self.list_path) + 1)}{json.dumps(self.list_key)}: [\n")

    def emit(self, obj: dict) -> None:
        if self.count:
            self.file.write(",\n")
        self.file.write("  " + json.dumps(obj, ensure_ascii=False))
        self.count += 1

    def tail(self) -> dict:
        """Keys written after the list, when the count is known."""
        return {}

    def close(self) -> None:
        if self.file.closed:
            return
        depth = len(self.list_path) + 1
        self.file.write(f"\n{' ' * depth}]")
        for d in range(depth - 1, 0, -1):
            self.file.write(f"\n{' ' * d}}}")
        for key, value in self.tail().items():
            self.file.write(f",\n {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
        self.file.write("\n}\n")
        self.file.close()


def _fields(fields: dict, depth: int) -> str:
    return "".join(
        f"{' ' * depth}{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n"
        for k, v in fields.items()
    )


def article_file_name(article_id: str, taken: set[str] | None = None) -> str:
    """A file name (without extension) for an article id: the id itself when it is a safe name,
    else a cleaned one; not one in `taken` (two ids that read the same after cleaning), which
    it joins."""
    if re.fullmatch(r"[\w][\w.-]{0,150}", article_id) and not article_id.endswith("."):
        name = article_id
    else:
        clean = re.sub(r"[^\w.-]+", "_", article_id).strip("._")[:100] or "article"
        name = f"{clean}-{_digest(article_id)}"
    if taken is not None:
        if name in taken:
            name = f"{name}-{_digest(article_id)}"
        taken.add(name)
    return name


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def link_record(ln) -> dict:
    """A span's source link as JSON exports carry it (and `factmark import` reads it back)."""
    src = ln.source
    return {"url": src.url, "title": src.title, "outlet": src.outlet, "published": src.published,
            "accessed": src.accessed, "stance": ln.stance.value, "excerpt": ln.excerpt}  # fmt: skip
