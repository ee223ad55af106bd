"""Import articles into the store: files, folders, JSONL and CSV, with pre-highlighting.

Articles are written in batches, each article in its own savepoint inside one transaction per
batch: a killed import leaves only whole articles behind, and running it again finishes the job.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from annotations.importers.article_urls import checked_urls
from annotations.importers.body import fill_in
from annotations.importers.files import Problem, expand_paths
from annotations.importers.readers import CsvOptions, read_inputs
from annotations.importers.validate import MAX_ARTICLE_CHARS, Record
from annotations.model import Article, Body, Span, SpanStatus
from annotations.store import Store, content_hash
from annotations.store.errors import NotFound, SpanMismatch
from annotations.store.rows import without_overlaps
from annotations.text import moved_offsets

__all__ = [
    "MAX_ARTICLE_CHARS",
    "CsvOptions",
    "ImportReport",
    "Problem",
    "Record",
    "import_paths",
    "read_inputs",
    "expand_paths",
]


class SpanSource(Protocol):
    """Anything that suggests spans for texts (annotations.highlight.Highlighter)."""

    def pipe(
        self, texts: Iterable[str], batch_size: int = ..., n_process: int = ...
    ) -> Iterable[list[Span]]: ...


@dataclass
class ImportReport:
    imported: int = 0
    unchanged: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)

    def summary(self) -> str:
        parts = [f"{self.imported} imported"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.unchanged:
            parts.append(f"{self.unchanged} already there")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate text under another id")
        if self.near_duplicates:
            parts.append(f"{self.near_duplicates} flagged as near-duplicates")
        parts.append(f"{self.skipped} skipped")
        return ", ".join(parts)


NEAR_DUPLICATE_LIMIT = 20_000  # articles in the project up to which imports check by default
NEAR_DUPLICATE_OF = "near_duplicate_of"  # the article meta naming the article one repeats
WRITE_CHUNK = 25  # articles per write transaction


def import_paths(
    store: Store,
    paths: Sequence[str | Path],
    highlighter: SpanSource | None = None,
    update: bool = False,
    csv_options: CsvOptions | None = None,
    batch_size: int = 500,
    n_process: int = 1,
    on_progress: Callable[[int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    labels: Mapping[str, str] | None = None,
    near_duplicates: bool | None = None,
) -> ImportReport:
    """Import every article under `paths`. `on_progress` gets bytes read since the last call;
    `labels` maps span labels of the input to ours (`--labels OLD=NEW`). `near_duplicates`:
    check new articles against the project (None: only while it holds at most
    `NEAR_DUPLICATE_LIMIT` articles, as building the index reads each of them)."""
    report = ImportReport()

    def problem(p: Problem) -> None:
        report.problems.append(p)
        if on_problem:
            on_problem(p)

    batch: list[Record] = []
    near = _Repeats(store, near_duplicates)
    for item in checked_urls(read_inputs(paths, csv_options, labels)):
        if on_progress:
            on_progress(item.size)
        if isinstance(item, Problem):
            problem(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            _write_batch(store, batch, highlighter, update, n_process, report, problem, near)
            batch = []
        if should_stop and should_stop():
            break
    if batch:
        _write_batch(store, batch, highlighter, update, n_process, report, problem, near)
    store.log_import({
        "paths": [str(p) for p in paths], "imported": report.imported, "updated": report.updated,
        "unchanged": report.unchanged, "duplicates": report.duplicates, "skipped": report.skipped,
    })  # fmt: skip
    return report


def _write_batch(
    store: Store,
    batch: list[Record],
    highlighter: SpanSource | None,
    update: bool,
    n_process: int,
    report: ImportReport,
    problem: Callable[[Problem], None],
    near: _Repeats,
) -> None:
    new: list[tuple[Record, str]] = []
    updates: list[Record] = []
    digests = [content_hash(r.article.text) for r in batch]
    stored = store.hashes_of([r.article.id for r in batch])
    holders = store.ids_by_hash(digests)
    ids_in_batch: dict[str, Record] = {}
    for rec, digest in zip(batch, digests, strict=True):
        old_hash = stored.get(rec.article.id)
        if old_hash is not None:
            if old_hash == digest:
                report.unchanged += 1
            elif update:
                updates.append(rec)
            else:
                problem(Problem(rec.path, rec.line, f"article {rec.article.id!r} is already in the "
                                "project with different text; not overwritten (use --update)"))  # fmt: skip
            continue
        first = ids_in_batch.setdefault(rec.article.id, rec)
        if first is not rec:
            problem(Problem(rec.path, rec.line, f"id {rec.article.id!r} is also the id of "
                            f"{first.path}:{first.line}, which was imported; this one was not"))  # fmt: skip
            continue
        if digest in holders:
            report.duplicates += 1
            continue
        holders[digest] = rec.article.id
        read_body(rec)
        near.flag(rec, report, problem)
        new.append((rec, digest))

    # Inputs that carry their own annotations (our exports, Prodigy data) are not re-highlighted.
    suggestions: list[list[Span]] = [[] for _ in new]
    todo = [i for i, (r, _) in enumerate(new) if not r.spans]
    if highlighter is not None and todo:
        recs = [new[i][0] for i in todo]
        for i, spans in zip(todo, _suggest(highlighter, recs, n_process, problem), strict=True):
            suggestions[i] = spans

    items = []
    for (rec, _), suggested in zip(new, suggestions, strict=True):
        spans = rec.spans + without_overlaps(in_body(rec.article, suggested), rec.spans)
        bad = next((s for s in spans if rec.article.text[s.start : s.end] != s.text), None)
        if bad is not None:
            problem(Problem(rec.path, rec.line, f"span {bad.label} {bad.text!r} is not the text at "
                            f"{bad.start}..{bad.end}"))  # fmt: skip
            continue
        items.append((rec.article, spans, rec.path, rec))
    # Highlighting works on the whole batch; writing goes in short transactions, each one
    # operation with an event per new row, so a reviewer's key press beside an import waits
    # for one chunk (tens of milliseconds), never for the batch.
    for at in range(0, len(items), WRITE_CHUNK):
        chunk = items[at : at + WRITE_CHUNK]
        try:
            _insert(store, chunk)
            report.imported += len(chunk)
        except _REFUSED:  # one article the store refuses must not cost the rest: one at a time
            for item in chunk:
                try:
                    _insert(store, [item])
                    report.imported += 1
                except _REFUSED as e:
                    rec = item[3]
                    problem(
                        Problem(rec.path, rec.line, f"article {rec.article.id!r} not stored: {e}")
                    )
    near.written()
    for rec in updates:
        try:
            _update(store, rec, highlighter, report, problem)
        except _REFUSED as e:
            problem(Problem(rec.path, rec.line, f"article {rec.article.id!r} not updated: {e}"))


class _Repeats:
    """Flags an article whose text mostly repeats one in the project or earlier in the import.
    The index is built from the project's articles when the first new article comes."""

    def __init__(self, store: Store, wanted: bool | None = None) -> None:
        self.store = store
        self.wanted = wanted
        self.index = None  # a NearDuplicates once the first new article comes
        self.pending: dict[str, str] = {}  # texts of the batch not written yet

    def _text(self, article_id: str) -> str:
        if article_id in self.pending:
            return self.pending[article_id]
        try:
            return self.store.article(article_id).text
        except NotFound:  # refused by the store after it was indexed
            return ""

    def flag(self, rec: Record, report: ImportReport, problem: Callable[[Problem], None]) -> None:
        if self.wanted is False:
            return
        if self.index is None:
            if self.wanted is None and self.store.count_articles() > NEAR_DUPLICATE_LIMIT:
                self.wanted = False
                problem(Problem(rec.path, rec.line, "near-duplicates not checked: the project "
                                f"holds over {NEAR_DUPLICATE_LIMIT:,} articles (the check reads "
                                "each once); pass --near-duplicates to check anyway",
                                skipped=False))  # fmt: skip
                return
            # datasketch brings numpy and scipy: loaded only when an import checks, never when
            # the window starts (it imports this module)
            from annotations.importers.near_duplicates import NearDuplicates

            self.index = NearDuplicates(self._text)
            self.index.add_all((a.id, a.text) for a in self.store.iter_articles())
        a = rec.article
        self.pending[a.id] = a.text
        found = self.index.repeats(a.id, a.text)
        if found is None:
            return
        other, score = found
        a.meta[NEAR_DUPLICATE_OF] = other
        report.near_duplicates += 1
        problem(Problem(rec.path, rec.line, f"article {a.id!r} mostly repeats article {other!r} "
                        f"(similarity {score:.2f}); imported, flagged as a near-duplicate",
                        skipped=False))  # fmt: skip

    def written(self) -> None:
        self.pending.clear()


# What the store refuses about one article's values (the readers' checks should leave none).
_REFUSED = (SpanMismatch, sqlite3.IntegrityError, sqlite3.InterfaceError,
            sqlite3.ProgrammingError, UnicodeEncodeError, OverflowError, ValueError)  # fmt: skip


def read_body(rec: Record) -> None:
    """The record's body, outlet and byline read from its text (importers/body.py), unless it
    says where its body is; a record that brings its own spans was annotated whole: all body."""
    if rec.article.body is None and rec.spans:
        rec.article.body = Body.whole(rec.article.text)
    fill_in(rec.article)


def in_body(article: Article, spans: Sequence[Span]) -> list[Span]:
    """The suggestions that lie in the article's body: furniture is not pre-highlighted."""
    return [s for s in spans if article.holds(s.start, s.end)]


def _insert(store: Store, items: list[tuple[Article, list[Span], str, Record]]) -> None:
    with store.bulk_operation("import"):  # one operation, an event per new row
        store.insert_articles([(a, spans, path) for a, spans, path, _ in items])
        for _, _, _, rec in items:
            for index, sources in rec.links:
                store.import_links(rec.article.id, rec.spans[index], sources)


def _suggest(highlighter: SpanSource, recs: list[Record], n_process: int,
             problem: Callable[[Problem], None]) -> list[list[Span]]:  # fmt: skip
    """Suggestions for each record's text; a text the pipeline fails on is imported without."""
    try:
        return list(highlighter.pipe([r.article.text for r in recs], n_process=n_process))
    except Exception:  # find which text it was, and highlight the others
        out: list[list[Span]] = []
        for rec in recs:
            try:
                out.append(next(iter(highlighter.pipe([rec.article.text]))))
            except Exception as e:
                problem(Problem(rec.path, rec.line, "imported without suggestions: highlighting "
                                f"failed ({type(e).__name__}: {e})", skipped=False))  # fmt: skip
                out.append([])
        return out


def _update(
    store: Store,
    rec: Record,
    highlighter: SpanSource | None,
    report: ImportReport,
    problem: Callable[[Problem], None],
) -> None:
    """Replace an article's text; the spans a reviewer decided or touched move with the text
    (keeping their ids, notes and links) where the edit left them whole; the others are lost,
    flagged on the article and listed in the report."""
    text = rec.article.text
    read_body(rec)
    old_text = store.article(rec.article.id).text
    kept_before = store.kept_spans(rec.article.id)
    keep, dropped = [], []
    places = moved_offsets(old_text, text, [(s.start, s.end) for s in kept_before])
    for s, where in zip(kept_before, places, strict=True):
        if where is None:
            dropped.append(s)
        else:
            s.start, s.end = where
            keep.append(s)
    keep += [s for s in rec.spans if s.status is not SpanStatus.SUGGESTED]
    suggestions: list[Span] = []
    if highlighter is not None:
        suggested = in_body(rec.article, _suggest(highlighter, [rec], 1, problem)[0])
        suggestions = without_overlaps(suggested, keep)
    suggestions += without_overlaps(
        [s for s in rec.spans if s.status is SpanStatus.SUGGESTED], keep
    )
    store.replace_text(rec.article, keep, dropped, suggestions)
    report.updated += 1
    if dropped:
        lost = "; ".join(f"{s.label} {s.text!r}" for s in dropped)
        problem(Problem(
            rec.path, rec.line,
            f"article {rec.article.id!r} updated; {len(dropped)} decided span(s) no longer in the "
            f"text were removed and the article is flagged for review: {lost}", skipped=False,
        ))  # fmt: skip


def rehighlight(
    store: Store,
    highlighter: SpanSource,
    article_ids: Sequence[str] | None = None,
    batch_size: int = 200,
    n_process: int = 1,
    on_progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Highlight stored articles again: undecided suggestions are replaced, decided spans stay.

    Returns how many articles were done. `on_progress` gets the number done since the last call.
    """
    ids = list(article_ids) if article_ids is not None else store.article_ids()
    done = 0
    for i in range(0, len(ids), batch_size):
        if should_stop and should_stop():
            break
        articles = list(store.iter_articles(ids[i : i + batch_size]))
        texts = [a.text for a in articles]
        for article, spans in zip(
            articles, highlighter.pipe(texts, n_process=n_process), strict=True
        ):
            store.replace_suggestions(article.id, in_body(article, spans))
        done += len(articles)
        if on_progress:
            on_progress(len(articles))
    return done
