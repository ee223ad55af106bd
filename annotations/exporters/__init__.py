"""Export a project's annotations in the formats the next tool reads: Prodigy JSONL, spaCy DocBin,
CoNLL-2003, brat, UIMA CAS XMI (INCEpTION), Label Studio tasks, W3C Web Annotation, schema.org
ClaimReview and a CSV of figures.

`export()` streams articles from the store one at a time, checks every span against its
article's text, and writes into a staged file or folder that replaces the output only when the
whole export succeeded: a refused or cancelled export leaves nothing behind. No Qt here; the
window calls `export` in a worker with `on_progress` and `should_stop`.
"""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotations.exporters.base import (
    ExportError,
    ExportOptions,
    Item,
    OffsetMismatch,
    Writer,
    body_only,
    check_reviewer,
    layer_spans,
    select_spans,
    span_histories,
    staged_dir,
    staged_file,
)
from annotations.model import DONE_STATUSES, ArticleStatus
from annotations.store import Store

__all__ = [
    "FORMATS", "RENAMED", "ExportError", "ExportOptions", "ExportReport", "Format", "OffsetMismatch",
    "export",
]  # fmt: skip


@dataclass(frozen=True)
class Format:
    name: str
    help: str
    writer: str  # "module:Class", imported when used (the spacy format imports spaCy)
    folder: bool = False  # writes a folder rather than one file
    suffix: str = ""
    file_suffix: str = ""  # a folder format that writes one file to an output named like this

    def writes_folder(self, output: str | Path) -> bool:
        return self.folder and not (self.file_suffix and str(output).endswith(self.file_suffix))

    def writer_class(self) -> type[Writer]:
        module, name = self.writer.split(":")
        return getattr(importlib.import_module(f"annotations.exporters.{module}"), name)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("jsonl", "Prodigy-style JSONL, one article per line (re-importable)", "jsonl:JsonlWriter", suffix=".jsonl"),
        Format("spacy", "spaCy DocBin: -o FILE.spacy one file; -o DIR shards, or with --split train.spacy, dev.spacy and config.cfg", "docbin:DocBinWriter", folder=True, file_suffix=".spacy"),
        Format("conll", "CoNLL-2003 BIO, a sentence per block", "conll:ConllWriter", suffix=".conll"),
        Format("brat", "brat standoff: .txt and .ann per article and the collection's .conf files, in a folder", "brat:BratWriter", folder=True),
        Format("xmi", "UIMA CAS XMI for INCEpTION: .xmi per article and TypeSystem.xml, in a folder", "xmi:XmiWriter", folder=True),
        Format("labelstudio", "Label Studio tasks JSON: decided spans as annotations, suggestions as predictions (re-importable)", "labelstudio:LabelStudioWriter", suffix=".json"),
        Format("w3c", "W3C Web Annotation JSON-LD, one annotation per span", "w3c:W3cWriter", suffix=".jsonld"),
        Format("claimreview", "schema.org ClaimReview JSON-LD for each judged figure", "claimreview:ClaimReviewWriter", suffix=".jsonld"),
        Format("csv", "one row per figure, with its sentence, verdict and sources", "figures_csv:FiguresCsvWriter", suffix=".csv"),
    )
}  # fmt: skip
# Old format names still accepted for one release, with a note saying the new one.
RENAMED = {"webanno": "w3c"}  # W3C Web Annotation; "webanno" read like WebAnno TSV


@dataclass
class ExportReport:
    format: str
    output: Path
    articles: int = 0
    spans: int = 0
    rejected: int = 0  # written as negatives
    dropped: int = 0  # spans the format cannot hold (overlapping spans in a flat tagging)
    misaligned: int = 0  # spans whose edges fall inside a spaCy token (said in a note)
    seconds: float = 0.0
    cancelled: bool = False
    notes: list[str] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # spacy: where each part was written

    def summary(self) -> str:
        if self.cancelled:
            return f"export cancelled; nothing written to {self.output}"
        parts = [f"{self.articles} articles", f"{self.spans} spans"]
        if self.rejected:
            parts.append(f"{self.rejected} rejected spans as negatives")
        if self.dropped:
            parts.append(f"{self.dropped} overlapping spans left out")
        if self.misaligned:
            parts.append(f"{self.misaligned} spans off token boundaries (see note)")
        return f"{', '.join(parts)} → {self.output} ({self.format}, {self.seconds:.1f} s)"


class _Cancelled(Exception):
    pass


def export(
    store: Store,
    fmt: str,
    output: str | Path,
    options: ExportOptions | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ExportReport:
    """Write the project's annotations to `output` in format `fmt`.

    `on_progress(done, total)` counts articles. Raises `ExportError` (`OffsetMismatch` for a span
    that does not quote its article) with nothing written; a cancelled export returns a report
    with `cancelled=True`, also with nothing written.
    """
    started = time.perf_counter()
    renamed = fmt in RENAMED
    if renamed:
        old, fmt = fmt, RENAMED[fmt]
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; formats are {', '.join(FORMATS)}")
    options = replace(options) if options else ExportOptions()  # prepare() fills it in
    options.validate()
    spec = FORMATS[fmt]
    writer_class = spec.writer_class()
    check_reviewer(store, options, fmt, writer_class)
    if options.split is not None and fmt != "spacy":
        raise ExportError("--split applies to the spacy format only")
    if options.split is not None and not spec.writes_folder(output):
        raise ExportError(f"{output}: --split writes a folder (train.spacy, dev.spacy, config.cfg); "
                          "give -o a folder name, not FILE.spacy")  # fmt: skip
    if options.excel and fmt != "csv":
        raise ExportError("--excel applies to the csv format only")
    target, output = output, Path(output)  # the name as given: "out/" names a folder
    report = ExportReport(fmt, output)
    if renamed:
        report.notes.append(f"the {old} format is now called {fmt}; use --format {fmt} "
                            f"('{old}' goes in the next release)")  # fmt: skip
    report.notes += writer_class.prepare(store, options)
    if options.include_rejected and not writer_class.writes_rejected:
        report.notes.append(f"the {fmt} format has no place for rejected spans; none written")
    ids, dev = _articles(store, options)
    total = len(ids) if ids is not None else store.count_articles(_article_status(options))
    stage = staged_dir(target, fmt) if spec.writes_folder(target) else staged_file(target)
    try:
        with stage as target:
            writer = writer_class(target, options, output)
            try:
                for item in _items(store, options, ids, dev, writer_class):
                    writer.write(item)
                    report.articles += 1
                    report.spans += len(item.spans)
                    report.rejected += len(item.rejected) if writer_class.writes_rejected else 0
                    if on_progress is not None:
                        on_progress(report.articles, total)
                    if should_stop is not None and should_stop():
                        raise _Cancelled
                writer.close()
            except BaseException:
                writer.abort()
                raise
            report.dropped = writer.dropped
            report.misaligned = writer.misaligned.count
            if writer.misaligned.count:
                report.notes.append(writer.misaligned.note(writer_class.misaligned_fate))
            report.notes.extend(writer.notes)
            report.paths = dict(getattr(writer, "paths", {}))
    except _Cancelled:
        report = ExportReport(fmt, output, cancelled=True)
    report.seconds = time.perf_counter() - started
    return report


def _article_status(options: ExportOptions) -> tuple[ArticleStatus, ...] | None:
    # A reviewer's layer: the articles they decided in, whatever the shared status says.
    # Otherwise the finished articles: reviewed, or adjudicated (reviewed and then settled).
    layers = options.reviewer or options.all_reviewers
    return None if options.all_articles or layers else DONE_STATUSES


def _articles(store: Store, options: ExportOptions) -> tuple[list[str] | None, set[str]]:
    """The article ids asked for (None: stream them all) and, when split, the dev set."""
    ids = list(dict.fromkeys(options.article_ids)) if options.article_ids is not None else None
    if ids is not None:
        missing = [i for i in ids if not store.has_article(i)]
        if missing:
            raise ExportError(f"no article {missing[0]!r} in the project"
                              + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))  # fmt: skip
    if options.split is None:
        return ids, set()
    # Only ids are held: a seeded shuffle gives exact shares and the same split every time.
    pool = ids if ids is not None else store.article_ids(status=_article_status(options))
    status = _article_status(options)
    if ids is not None and status is not None:
        pool = [i for i in pool if store.article(i).status in status]
    pool = sorted(pool)
    random.Random(options.seed).shuffle(pool)
    n_dev = round(len(pool) * (1 - options.split))
    if len(pool) >= 2:
        n_dev = min(max(n_dev, 1), len(pool) - 1)
    return ids, set(pool[:n_dev])


def _items(store: Store, options: ExportOptions, ids, dev: set[str], writer_class):
    status = _article_status(options)
    articles = store.iter_articles(ids=ids, status=None if ids is not None else status)
    if options.all_reviewers:
        layers: list[str | None] = list(store.layer_reviewers())
    else:
        layers = [options.reviewer]
    for article in articles:
        if status is not None and article.status not in status:
            continue
        for reviewer in layers:
            spans = layer_spans(store, article.id, reviewer)
            if spans is None:
                continue
            item: Item = select_spans(article, spans, options)
            item.reviewer = reviewer
            if writer_class.body_text and not options.include_furniture:
                item = body_only(item)
            if writer_class.needs_links:
                item.links = store.article_links(article.id)
            if writer_class.needs_history:
                item.history = span_histories(store.events(article.id, limit=1_000_000))
            if options.split is not None:
                item.part = "dev" if article.id in dev else "train"
            yield item
