"""The project database: articles, spans, sources and the audit log, over SQLite with sqlite-utils.

Every reviewer edit is one named operation: it runs in one transaction, appends its rows to
`events` (who, when, what, the row before and after) and returns a `Change`. An operation's
events are enough to undo it: `revert(op_id)` writes each row back to its `before` state.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from annotations.errors import FactmarkError
from annotations.model import (
    FIGURE,
    LABELS,
    Article,
    ArticleStatus,
    Change,
    Event,
    Figure,
    Source,
    SourceLink,
    Span,
    SpanStatus,
    Stance,
    Verdict,
)
from annotations.schema import migrations
from annotations.search_query import fts_query
from annotations.urls import InvalidSourceUrl, validate_url  # noqa: F401 (re-exported)

FIGURE_COLUMNS = ("value", "low", "high", "qualifier", "unit", "counted", "kind", "verdict")
SPAN_COLUMNS = (
    "id", "article_id", "start", "end", "label", "text", "origin", "status",
    "confidence", "note", *FIGURE_COLUMNS, "created_at", "updated_at",
)  # fmt: skip
_TABLE_KEYS = {"articles": "id", "spans": "id", "span_sources": "id", "sources": "id"}


class StoreError(FactmarkError):
    """Something a user asked for that the store refuses; the message says why."""


class SpanMismatch(StoreError):
    """A span whose text is not article.text[start:end]."""


class NotFound(StoreError):
    pass


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ArticleSummary:
    """One row of the article list."""

    id: str
    title: str | None
    published: str | None
    outlet: str | None
    status: ArticleStatus
    n_spans: int
    n_decided: int


def open_database(path: str | Path) -> Database:
    """A connection with the project's settings: WAL, foreign keys, a busy timeout."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is safe in WAL mode against process crashes (SIGKILL): only power loss may
    # roll back the last commits, never corrupt the file.
    conn.execute("PRAGMA synchronous = NORMAL")
    return Database(conn)


class Store:
    """The project database. One Store per thread: each opens its own connection."""

    def __init__(self, path: str | Path, reviewer: str | None = None):
        self.path = str(path)
        self.db = open_database(self.path)
        self._lock = threading.RLock()
        migrations.apply(self.db)
        self._reviewer_id: int | None = None
        self.reviewer = None
        if reviewer:
            self.set_reviewer(reviewer)

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ plumbing
    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self.db.atomic():
            yield self.conn

    def set_reviewer(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise StoreError("a reviewer needs a name")
        with self.transaction() as c:
            c.execute(
                "INSERT INTO reviewers(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                (name, now()),
            )
            self._reviewer_id = c.execute(
                "SELECT id FROM reviewers WHERE name = ?", (name,)
            ).fetchone()[0]
        self.reviewer = name

    def _next_op_id(self) -> int:
        row = self.conn.execute("SELECT coalesce(max(op_id), 0) + 1 FROM events").fetchone()
        return row[0]

    def _event(
        self,
        op_id: int,
        op: str,
        tbl: str | None,
        row_id: Any,
        before: dict | None,
        after: dict | None,
        article_id: str | None = None,
        span_id: int | None = None,
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO events(op_id, at, reviewer_id, op, tbl, row_id, article_id, span_id,"
            " before, after) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                op_id, now(), self._reviewer_id, op, tbl,
                None if row_id is None else str(row_id), article_id, span_id,
                None if before is None else json.dumps(before, ensure_ascii=False),
                None if after is None else json.dumps(after, ensure_ascii=False),
            ),
        )  # fmt: skip
        return cur.lastrowid

    def _row(self, tbl: str, key: Any) -> dict | None:
        cur = self.conn.execute(f'SELECT * FROM "{tbl}" WHERE {_TABLE_KEYS[tbl]} = ?', (key,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row, strict=True))

    def _write_row(self, tbl: str, key: Any, values: dict | None) -> None:
        """Make the row `key` of `tbl` equal `values`; None deletes it."""
        pk = _TABLE_KEYS[tbl]
        exists = self.conn.execute(f'SELECT 1 FROM "{tbl}" WHERE {pk} = ?', (key,)).fetchone()
        if values is None:
            if exists:
                self.conn.execute(f'DELETE FROM "{tbl}" WHERE {pk} = ?', (key,))
            return
        cols = [c for c in values if c != pk]
        if exists:
            sets = ", ".join(f'"{c}" = ?' for c in cols)
            self.conn.execute(
                f'UPDATE "{tbl}" SET {sets} WHERE {pk} = ?', [values[c] for c in cols] + [key]
            )
        else:
            names = ", ".join(f'"{c}"' for c in [pk, *cols])
            marks = ", ".join("?" for _ in range(len(cols) + 1))
            self.conn.execute(
                f'INSERT INTO "{tbl}" ({names}) VALUES ({marks})',
                [key] + [values[c] for c in cols],
            )

    def _edit(
        self,
        change: Change,
        op_id: int,
        tbl: str,
        key: Any,
        after: dict | None,
        article_id: str | None = None,
        span_id: int | None = None,
    ) -> Any:
        """Write one row (None deletes it) and log it with its before and after. Returns its key."""
        before = self._row(tbl, key) if key is not None else None
        try:
            self._write_row(tbl, key, after)
        except sqlite3.IntegrityError as e:
            if "article.text[start:end]" in str(e):
                raise SpanMismatch(str(e)) from None
            raise StoreError(str(e)) from None
        if after is not None and key is None:
            key = self.conn.execute("SELECT last_insert_rowid()").fetchone()[0]
            if tbl == "spans":
                span_id = key
        written = self._row(tbl, key) if after is not None else None
        ev = self._event(op_id, change.op, tbl, key, before, written, article_id, span_id)
        change.event_ids.append(ev)
        return key

    # ------------------------------------------------------------------ articles
    def has_article(self, article_id: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def article(self, article_id: str) -> Article:
        row = self._row("articles", article_id)
        if row is None:
            raise NotFound(f"no article {article_id!r}")
        return _article(row)

    def find_by_hash(self, digest: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? LIMIT 1", (digest,)
        ).fetchone()
        return row[0] if row else None

    def article_hash(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def article_ids(
        self,
        status: str | None = None,
        label: str | None = None,
        verdict: str | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[str]:
        """Article ids in import order, filtered. `search` is full-text over title and text."""
        where, args = [], []
        if status:
            where.append("a.status = ?")
            args.append(str(status))
        if label:
            where.append(
                "EXISTS (SELECT 1 FROM spans s WHERE s.article_id = a.id AND s.label = ?"
                " AND s.status != 'rejected')"
            )
            args.append(label)
        if verdict:
            where.append(
                "EXISTS (SELECT 1 FROM spans s WHERE s.article_id = a.id AND s.label = 'FIGURE'"
                " AND coalesce(s.verdict, 'unverified') = ? AND s.status != 'rejected')"
            )
            args.append(str(verdict))
        if search and search.strip():
            where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            args.append(fts_query(search))
        sql = "SELECT a.id FROM articles a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.rowid"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.conn.execute(sql, args)]

    def count_articles(self, status: str | None = None) -> int:
        if status:
            return self.conn.execute(
                "SELECT count(*) FROM articles WHERE status = ?", (str(status),)
            ).fetchone()[0]
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def summaries(self, ids: Sequence[str]) -> list[ArticleSummary]:
        """List rows for the given ids, in the given order (for the window's lazy list model)."""
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        rows = self.conn.execute(
            f"""SELECT a.id, a.title, a.published, a.outlet, a.status,
                  (SELECT count(*) FROM spans s WHERE s.article_id = a.id),
                  (SELECT count(*) FROM spans s WHERE s.article_id = a.id
                     AND s.status != 'suggested')
                FROM articles a WHERE a.id IN ({marks})""",
            list(ids),
        ).fetchall()
        by_id = {r[0]: ArticleSummary(*r[:4], ArticleStatus(r[4]), r[5], r[6]) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def iter_articles(
        self, ids: Iterable[str] | None = None, status: str | None = None, batch: int = 500
    ) -> Iterator[Article]:
        """Stream articles (for exports) without holding them all in memory."""
        if ids is not None:
            ids = list(ids)
            for i in range(0, len(ids), batch):
                chunk = ids[i : i + batch]
                marks = ",".join("?" for _ in chunk)
                cur = self.conn.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk)
                names = [d[0] for d in cur.description]
                found = {r[0]: _article(dict(zip(names, r, strict=True))) for r in cur}
                yield from (found[i] for i in chunk if i in found)
            return
        sql, args = "SELECT * FROM articles", []
        if status:
            sql, args = sql + " WHERE status = ?", [str(status)]
        last = 0
        while True:
            cur = self.conn.execute(
                sql + (" AND" if status else " WHERE") + " rowid > ? ORDER BY rowid LIMIT ?",
                [*args, last, batch],
            )
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
            if not rows:
                return
            for r in rows:
                yield _article(dict(zip(names, r[: len(names)], strict=True)))
            last = self.conn.execute(
                "SELECT rowid FROM articles WHERE id = ?", (rows[-1][0],)
            ).fetchone()[0]

    def hashes_of(self, ids: Sequence[str]) -> dict[str, str]:
        """Content hash of each of `ids` already in the project."""
        return dict(self._in_query("SELECT id, content_hash FROM articles WHERE id IN ({})", ids))

    def ids_by_hash(self, digests: Sequence[str]) -> dict[str, str]:
        """The article id holding each of `digests` already in the project."""
        return {h: i for i, h in self._in_query(
            "SELECT id, content_hash FROM articles WHERE content_hash IN ({})", digests)}  # fmt: skip

    def _in_query(self, sql: str, values: Sequence[Any]) -> list[tuple]:
        out: list[tuple] = []
        for i in range(0, len(values), 500):
            chunk = list(values[i : i + 500])
            out += self.conn.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
        return out

    def insert_article(
        self, article: Article, spans: Sequence[Span] = (), source_path: str | None = None
    ) -> None:
        """Insert a new article with its spans. Call inside `transaction()` for batches."""
        self.insert_articles([(article, spans, source_path)])

    def insert_articles(self, items: Sequence[tuple[Article, Sequence[Span], str | None]]) -> None:
        """Insert new articles with their spans in one go (the importer's fast path).

        Spans are checked against their article first, so a bad one raises before anything
        is written; the database trigger stays as the last line of defence.
        """
        for article, spans, _ in items:
            for s in spans:
                if article.text[s.start : s.end] != s.text or not 0 <= s.start < s.end:
                    raise SpanMismatch(
                        f"{article.id}: span {s.label} {s.text!r} is not the text at "
                        f"{s.start}..{s.end} ({article.text[s.start : s.end]!r})"
                    )
        with self.transaction():
            stamp = now()
            first_rowid = self.conn.execute(
                "SELECT coalesce(max(rowid), 0) + 1 FROM articles"
            ).fetchone()[0]
            bulk = len(items) > 20
            if bulk:
                self.conn.execute("UPDATE fts_bulk SET active = 1")
            self.conn.executemany(
                "INSERT INTO articles(id, title, text, published, outlet, url, status, content_hash,"
                " source_path, meta, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        a.id, a.title, a.text, a.published, a.outlet, a.url, a.status.value,
                        content_hash(a.text), path,
                        json.dumps(a.meta, ensure_ascii=False) if a.meta else None, stamp,
                    )
                    for a, _, path in items
                ],
            )  # fmt: skip
            if bulk:
                self.conn.execute(
                    "INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text"
                    " FROM articles WHERE rowid >= ?", (first_rowid,))  # fmt: skip
                self.conn.execute("UPDATE fts_bulk SET active = 0")
            for article, spans, _ in items:
                self._insert_spans(article.id, spans, stamp)

    def _insert_spans(self, article_id: str, spans: Sequence[Span], stamp: str) -> None:
        if not spans:
            return
        try:
            self.conn.executemany(
                'INSERT INTO spans(article_id, start, "end", label, text, origin, status,'
                " confidence, note, value, low, high, qualifier, unit, counted, kind, verdict,"
                " created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(article_id, *_span_values(s), stamp) for s in spans],
            )
        except sqlite3.IntegrityError as e:
            if "article.text[start:end]" in str(e):
                raise SpanMismatch(
                    f"{article_id}: a span's text is not its article's text at its offsets"
                ) from None
            raise

    def replace_text(self, article: Article, keep_spans: Sequence[Span], dropped: Sequence[Span],
                     new_suggestions: Sequence[Span] = ()) -> Change:  # fmt: skip
        """`import --update`: new text; decided spans moved to where their text still is."""
        change = Change(op="update_text", article_ids={article.id})
        with self.transaction():
            op_id = self._next_op_id()
            before = self._row("articles", article.id)
            old_spans = self.conn.execute(
                "SELECT id FROM spans WHERE article_id = ?", (article.id,)
            ).fetchall()
            for (sid,) in old_spans:
                self._edit(change, op_id, "spans", sid, None, article.id, sid)
            values = dict(before)
            values.update(
                title=article.title, text=article.text, published=article.published,
                outlet=article.outlet, url=article.url, content_hash=content_hash(article.text),
                updated_at=now(),
            )  # fmt: skip
            if dropped:
                values["status"] = str(ArticleStatus.IN_REVIEW)
                meta = json.loads(values["meta"] or "{}")
                meta["flagged"] = (
                    f"{len(dropped)} decided span(s) no longer found after text update: "
                    + "; ".join(f"{s.label} {s.text!r}" for s in dropped)
                )
                values["meta"] = json.dumps(meta, ensure_ascii=False)
            self._edit(change, op_id, "articles", article.id, values, article.id)
            for s in [*keep_spans, *new_suggestions]:
                row = _span_row(article.id, s)
                row.pop("id")
                self._edit(change, op_id, "spans", None, row, article.id)
        change.op_id = op_id
        return change

    def delete_article(self, article_id: str) -> Change:
        change = Change(op="delete_article", article_ids={article_id})
        with self.transaction():
            op_id = self._next_op_id()
            self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self._event(op_id, change.op, "articles", article_id, None, None, article_id)
        change.op_id = op_id
        return change

    # ------------------------------------------------------------------ spans
    def spans(self, article_id: str, include_rejected: bool = True) -> list[Span]:
        sql = "SELECT * FROM spans WHERE article_id = ?"
        if not include_rejected:
            sql += " AND status != 'rejected'"
        cur = self.conn.execute(sql + ' ORDER BY start, "end", id', (article_id,))
        names = [d[0] for d in cur.description]
        return [_span(dict(zip(names, r, strict=True))) for r in cur]

    def span(self, span_id: int) -> Span:
        row = self._row("spans", span_id)
        if row is None:
            raise NotFound(f"no span {span_id}")
        return _span(row)

    def replace_suggestions(self, article_id: str, suggestions: Sequence[Span]) -> int:
        """Re-highlighting: drop undecided suggestions, add new ones; decided spans stay as they are.

        A suggestion is skipped where a decided span of the same kind (figure or entity) overlaps it.
        Returns how many suggestions were written.
        """
        with self.transaction() as c:
            decided = [s for s in self.spans(article_id) if s.status.decided]
            c.execute(
                "DELETE FROM spans WHERE article_id = ? AND status = 'suggested'", (article_id,)
            )
            keep = [
                s for s in suggestions
                if not any(d.is_figure == s.is_figure and d.start < s.end and s.start < d.end
                           for d in decided)
            ]  # fmt: skip
            self._insert_spans(article_id, keep, now())
        return len(keep)

    def _span_op(self, op: str, span_id: int, **values: Any) -> Change:
        with self.transaction():
            row = self._row("spans", span_id)
            if row is None:
                raise NotFound(f"no span {span_id}")
            change = Change(op=op, article_ids={row["article_id"]}, span_ids={span_id})
            op_id = self._next_op_id()
            new = dict(row)
            new.update(values)
            new["updated_at"] = now()
            self._edit(change, op_id, "spans", span_id, new, row["article_id"], span_id)
            self._touch_article(change, op_id, row["article_id"])
        change.op_id = op_id
        return change

    def _touch_article(self, change: Change, op_id: int, article_id: str) -> None:
        """The first decision on a new article puts it in review."""
        row = self._row("articles", article_id)
        if row and row["status"] == ArticleStatus.NEW.value:
            new = dict(row, status=ArticleStatus.IN_REVIEW.value, updated_at=now())
            self._edit(change, op_id, "articles", article_id, new, article_id)

    def accept(self, span_id: int) -> Change:
        s = self.span(span_id)
        status = s.status
        if status in (SpanStatus.SUGGESTED, SpanStatus.REJECTED):
            status = SpanStatus.ACCEPTED
        return self._span_op("accept", span_id, status=str(status))

    def reject(self, span_id: int) -> Change:
        return self._span_op("reject", span_id, status=str(SpanStatus.REJECTED))

    def _corrected(self, s: Span) -> str:
        return str(SpanStatus.ADDED if s.status is SpanStatus.ADDED else SpanStatus.CORRECTED)

    def relabel(self, span_id: int, label: str) -> Change:
        if label not in LABELS:
            raise StoreError(f"unknown label {label!r}; labels are {', '.join(LABELS)}")
        s = self.span(span_id)
        values: dict[str, Any] = {"label": label, "status": self._corrected(s)}
        if label == FIGURE and not s.is_figure:
            values.update(Figure().to_dict())
            values.update(_figure_columns(Figure(value=_number_or_none(s.text))))
        elif label != FIGURE:
            values.update(dict.fromkeys(FIGURE_COLUMNS))
        return self._span_op("relabel", span_id, **values)

    def resize(self, span_id: int, start: int, end: int) -> Change:
        s = self.span(span_id)
        text = self.article(s.article_id).text
        start, end = trim_offsets(text, start, end)
        if not 0 <= start < end <= len(text):
            raise StoreError(f"a span needs 0 <= start < end <= {len(text)}; got {start}..{end}")
        return self._span_op(
            "resize", span_id, start=start, end=end, text=text[start:end],
            status=self._corrected(s),
        )  # fmt: skip

    def nudge(self, span_id: int, edge: str, direction: int) -> Change:
        """Move the span's start or end by one token either way."""
        s = self.span(span_id)
        text = self.article(s.article_id).text
        start, end = nudge_offsets(text, s.start, s.end, edge, direction)
        if (start, end) == (s.start, s.end):
            return Change(op="resize", article_ids={s.article_id}, span_ids={span_id})
        return self.resize(span_id, start, end)

    def update_figure(self, span_id: int, figure: Figure) -> Change:
        s = self.span(span_id)
        if not s.is_figure:
            raise StoreError(f"span {span_id} is a {s.label}, not a FIGURE")
        values = _figure_columns(figure)
        values.pop("verdict")
        values["status"] = self._corrected(s)
        return self._span_op("edit_figure", span_id, **values)

    def set_verdict(self, span_id: int, verdict: Verdict | str) -> Change:
        s = self.span(span_id)
        if not s.is_figure:
            raise StoreError(f"span {span_id} is a {s.label}; only figures have a verdict")
        values: dict[str, Any] = {"verdict": str(Verdict(verdict))}
        if s.status in (SpanStatus.SUGGESTED, SpanStatus.REJECTED):
            values["status"] = str(SpanStatus.ACCEPTED)  # judging a figure confirms it is one
        return self._span_op("set_verdict", span_id, **values)

    def set_note(self, span_id: int, note: str | None) -> Change:
        return self._span_op("set_note", span_id, note=note or None)

    def add_span(
        self, article_id: str, start: int, end: int, label: str, figure: Figure | None = None
    ) -> Change:
        if label not in LABELS:
            raise StoreError(f"unknown label {label!r}; labels are {', '.join(LABELS)}")
        text = self.article(article_id).text
        start, end = trim_offsets(text, start, end)
        if not 0 <= start < end <= len(text):
            raise StoreError("select some text to make a span")
        if label == FIGURE and figure is None:
            figure = Figure(value=_number_or_none(text[start:end]))
        span = Span(start, end, label, text[start:end], origin="reviewer",
                    status=SpanStatus.ADDED, figure=figure if label == FIGURE else None)  # fmt: skip
        change = Change(op="add_span", article_ids={article_id})
        with self.transaction():
            op_id = self._next_op_id()
            row = _span_row(article_id, span)
            row.pop("id")
            row["created_at"] = now()
            sid = self._edit(change, op_id, "spans", None, row, article_id)
            self._touch_article(change, op_id, article_id)
        change.op_id = op_id
        change.created_span_id = sid
        change.span_ids.add(sid)
        return change

    def delete_span(self, span_id: int) -> Change:
        s = self.span(span_id)
        if s.status is not SpanStatus.ADDED:
            raise StoreError("only spans a reviewer added can be deleted; reject the others")
        change = Change(op="delete_span", article_ids={s.article_id}, span_ids={span_id})
        with self.transaction():
            op_id = self._next_op_id()
            for (lid,) in self.conn.execute(
                "SELECT id FROM span_sources WHERE span_id = ?", (span_id,)
            ).fetchall():
                self._edit(change, op_id, "span_sources", lid, None, s.article_id, span_id)
            self._edit(change, op_id, "spans", span_id, None, s.article_id, span_id)
        change.op_id = op_id
        return change

    # ------------------------------------------------------------------ article status
    def set_article_status(self, article_id: str, status: ArticleStatus | str, op: str = "set_status") -> Change:  # fmt: skip
        status = ArticleStatus(status)
        change = Change(op=op, article_ids={article_id})
        with self.transaction():
            row = self._row("articles", article_id)
            if row is None:
                raise NotFound(f"no article {article_id!r}")
            op_id = self._next_op_id()
            new = dict(row, status=str(status), updated_at=now())
            self._edit(change, op_id, "articles", article_id, new, article_id)
        change.op_id = op_id
        return change

    def mark_reviewed(self, article_id: str) -> Change:
        return self.set_article_status(article_id, ArticleStatus.REVIEWED, op="mark_reviewed")

    def next_unreviewed(self, after: str | None = None) -> str | None:
        """The next article not yet reviewed, in list order, wrapping around."""
        after_rowid = 0
        if after:
            r = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (after,)).fetchone()
            after_rowid = r[0] if r else 0
        for sql in (
            "SELECT id FROM articles WHERE status != 'reviewed' AND rowid > ? ORDER BY rowid LIMIT 1",
            "SELECT id FROM articles WHERE status != 'reviewed' AND rowid <= ? ORDER BY rowid LIMIT 1",
        ):
            r = self.conn.execute(sql, (after_rowid,)).fetchone()
            if r and r[0] != after:
                return r[0]
        return None

    # ------------------------------------------------------------------ sources
    def find_sources(self, text: str = "", limit: int = 20) -> list[Source]:
        """Sources whose url, title or outlet contains `text`, most recently used first."""
        like = f"%{text.strip()}%"
        cur = self.conn.execute(
            "SELECT s.id, s.url, s.title, s.outlet, s.published, s.accessed FROM sources s"
            " WHERE s.url LIKE ? OR coalesce(s.title, '') LIKE ? OR coalesce(s.outlet, '') LIKE ?"
            " ORDER BY s.id DESC LIMIT ?",
            (like, like, like, limit),
        )
        return [
            Source(id=r[0], url=r[1], title=r[2], outlet=r[3], published=r[4], accessed=r[5])
            for r in cur
        ]

    def links(self, span_id: int) -> list[SourceLink]:
        cur = self.conn.execute(
            "SELECT l.id, l.span_id, l.stance, l.excerpt, s.id, s.url, s.title, s.outlet,"
            " s.published, s.accessed FROM span_sources l JOIN sources s ON s.id = l.source_id"
            " WHERE l.span_id = ? ORDER BY l.id",
            (span_id,),
        )
        return [_source_link(r) for r in cur]

    def article_links(self, article_id: str) -> dict[int, list[SourceLink]]:
        """Every source link of an article's spans, by span id, in one query (for exports)."""
        cur = self.conn.execute(
            "SELECT l.id, l.span_id, l.stance, l.excerpt, s.id, s.url, s.title, s.outlet,"
            " s.published, s.accessed FROM span_sources l JOIN sources s ON s.id = l.source_id"
            " JOIN spans p ON p.id = l.span_id WHERE p.article_id = ? ORDER BY l.id",
            (article_id,),
        )
        out: dict[int, list[SourceLink]] = {}
        for r in cur:
            out.setdefault(r[1], []).append(_source_link(r))
        return out

    def link_source(
        self, span_id: int, source: Source, stance: Stance | str = Stance.SUPPORTS,
        excerpt: str | None = None,
    ) -> Change:  # fmt: skip
        """Link a source (found by URL, or created) to a span with a stance and quoted excerpt."""
        url = validate_url(source.url)
        stance = Stance(stance)
        s = self.span(span_id)
        change = Change(op="link_source", article_ids={s.article_id}, span_ids={span_id})
        with self.transaction():
            op_id = self._next_op_id()
            row = self.conn.execute("SELECT * FROM sources WHERE url = ?", (url,)).fetchone()
            if row is None:
                values = {"url": url, "title": source.title, "outlet": source.outlet,
                          "published": source.published, "accessed": source.accessed or now()[:10],
                          "created_at": now()}  # fmt: skip
                source_id = self._edit(
                    change, op_id, "sources", None, values, s.article_id, span_id
                )
            else:
                source_id = row[0]
            existing = self.conn.execute(
                "SELECT id FROM span_sources WHERE span_id = ? AND source_id = ?",
                (span_id, source_id),
            ).fetchone()
            values = {"span_id": span_id, "source_id": source_id, "stance": str(stance),
                      "excerpt": excerpt or None, "created_at": now()}  # fmt: skip
            key = existing[0] if existing else None
            self._edit(change, op_id, "span_sources", key, values, s.article_id, span_id)
        change.op_id = op_id
        return change

    def import_links(self, article_id: str, span: Span, sources: Sequence[dict]) -> None:
        """Link imported sources to an imported span (found by offsets and label); part of the
        import's transaction, so no event of its own."""
        row = self.conn.execute(
            'SELECT id FROM spans WHERE article_id = ? AND start = ? AND "end" = ? AND label = ?',
            (article_id, span.start, span.end, span.label),
        ).fetchone()
        if row is None:
            return
        stamp = now()
        for src in sources:
            url = validate_url(src["url"])
            self.conn.execute(
                "INSERT INTO sources(url, title, outlet, published, accessed, created_at)"
                " VALUES (?,?,?,?,?,?) ON CONFLICT(url) DO NOTHING",
                (url, src.get("title"), src.get("outlet"), src.get("published"),
                 src.get("accessed"), stamp),
            )  # fmt: skip
            source_id = self.conn.execute(
                "SELECT id FROM sources WHERE url = ?", (url,)
            ).fetchone()[0]
            self.conn.execute(
                "INSERT INTO span_sources(span_id, source_id, stance, excerpt, created_at)"
                " VALUES (?,?,?,?,?) ON CONFLICT(span_id, source_id) DO NOTHING",
                (row[0], source_id, src.get("stance") or "supports", src.get("excerpt"), stamp),
            )

    def unlink_source(self, link_id: int) -> Change:
        row = self._row("span_sources", link_id)
        if row is None:
            raise NotFound(f"no source link {link_id}")
        s = self.span(row["span_id"])
        change = Change(op="unlink_source", article_ids={s.article_id}, span_ids={s.id})
        with self.transaction():
            op_id = self._next_op_id()
            self._edit(change, op_id, "span_sources", link_id, None, s.article_id, s.id)
        change.op_id = op_id
        return change

    def stance_counts(self, span_id: int) -> dict[str, int]:
        counts = dict.fromkeys((s.value for s in Stance), 0)
        for stance, n in self.conn.execute(
            "SELECT stance, count(*) FROM span_sources WHERE span_id = ? GROUP BY stance",
            (span_id,),
        ):
            counts[stance] = n
        return counts

    # ------------------------------------------------------------------ undo
    def revert(self, op_id: int) -> Change:
        """Undo operation `op_id` (itself a new operation, so reverting that redoes)."""
        with self.transaction():
            rows = self.conn.execute(
                "SELECT tbl, row_id, before, article_id, span_id FROM events"
                " WHERE op_id = ? AND tbl IS NOT NULL ORDER BY id DESC",
                (op_id,),
            ).fetchall()
            if not rows:
                raise NotFound(f"nothing to undo for operation {op_id}")
            change = Change(op="revert")
            new_op = self._next_op_id()
            # Child rows first when deleting, parents first when restoring.
            order = {"sources": 0, "articles": 0, "spans": 1, "span_sources": 2}
            for tbl, row_id, before, article_id, span_id in sorted(
                rows, key=lambda r: order.get(r[0], 9) if r[2] is not None else -order.get(r[0], 9)
            ):
                key: Any = int(row_id) if tbl != "articles" else row_id
                values = json.loads(before) if before is not None else None
                self._edit(change, new_op, tbl, key, values, article_id, span_id)
                if article_id:
                    change.article_ids.add(article_id)
                if span_id:
                    change.span_ids.add(span_id)
        change.op_id = new_op
        return change

    # ------------------------------------------------------------------ reading the log
    def events(self, article_id: str | None = None, limit: int = 1000) -> list[Event]:
        sql = ("SELECT e.id, e.at, r.name, e.op, e.article_id, e.span_id, e.before, e.after"
               " FROM events e LEFT JOIN reviewers r ON r.id = e.reviewer_id")  # fmt: skip
        args: list[Any] = []
        if article_id:
            sql += " WHERE e.article_id = ?"
            args.append(article_id)
        sql += " ORDER BY e.id DESC LIMIT ?"
        args.append(limit)
        return [
            Event(r[0], r[1], r[2], r[3], r[4], r[5],
                  json.loads(r[6]) if r[6] else None, json.loads(r[7]) if r[7] else None)
            for r in self.conn.execute(sql, args)
        ]  # fmt: skip

    def session_counts(self, since: str) -> dict[str, int]:
        """What this reviewer did since `since` (ISO time): articles touched, spans decided."""
        r = self.conn.execute(
            "SELECT count(DISTINCT article_id), count(DISTINCT span_id) FROM events"
            " WHERE reviewer_id IS ? AND at >= ? AND op != 'import'",
            (self._reviewer_id, since),
        ).fetchone()
        reviewed = self.conn.execute(
            "SELECT count(DISTINCT article_id) FROM events WHERE reviewer_id IS ? AND at >= ?"
            " AND op = 'mark_reviewed'",
            (self._reviewer_id, since),
        ).fetchone()[0]
        return {"articles": r[0], "spans": r[1], "reviewed": reviewed}

    def log_import(self, summary: dict) -> None:
        with self.transaction():
            self._event(self._next_op_id(), "import", None, None, None, summary)

    # ------------------------------------------------------------------ stats
    def stats(self) -> dict[str, Any]:
        c = self.conn
        by_status = dict.fromkeys((s.value for s in ArticleStatus), 0)
        by_status.update(dict(c.execute("SELECT status, count(*) FROM articles GROUP BY status")))
        span_status = dict.fromkeys((s.value for s in SpanStatus), 0)
        span_status.update(dict(c.execute("SELECT status, count(*) FROM spans GROUP BY status")))
        labels = dict(c.execute("SELECT label, count(*) FROM spans GROUP BY label ORDER BY label"))
        verdicts = dict(c.execute(
            "SELECT coalesce(verdict, 'unverified'), count(*) FROM spans WHERE label = 'FIGURE'"
            " AND status != 'rejected' GROUP BY 1 ORDER BY 1"))  # fmt: skip
        return {
            "articles": sum(by_status.values()),
            "articles_by_status": by_status,
            "spans": sum(span_status.values()),
            "spans_by_status": span_status,
            "spans_by_label": labels,
            "figures_by_verdict": verdicts,
            "sources": c.execute("SELECT count(*) FROM sources").fetchone()[0],
            "source_links": c.execute("SELECT count(*) FROM span_sources").fetchone()[0],
            "reviewers": [r[0] for r in c.execute("SELECT name FROM reviewers ORDER BY name")],
            "events": c.execute("SELECT count(*) FROM events").fetchone()[0],
        }

    def decision_counts(self) -> list[tuple[str, str, str, int]]:
        """(label as first suggested, origin, status, count) over all spans, for review quality.

        A corrected span counts under the label it was suggested with (its first logged `before`).
        """
        return self.conn.execute(
            """SELECT coalesce(CASE WHEN s.status = 'corrected' THEN (
                   SELECT json_extract(e.before, '$.label') FROM events e
                   WHERE e.article_id = s.article_id AND e.span_id = s.id AND e.tbl = 'spans'
                     AND e.before IS NOT NULL ORDER BY e.id LIMIT 1) END, s.label),
                 s.origin, s.status, count(*)
               FROM spans s GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""
        ).fetchall()

    def integrity_check(self) -> str:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]


# ---------------------------------------------------------------------- helpers
def _article(row: dict) -> Article:
    return Article(
        id=row["id"], text=row["text"], title=row["title"], published=row["published"],
        outlet=row["outlet"], url=row["url"], status=ArticleStatus(row["status"]),
        meta=json.loads(row["meta"]) if row.get("meta") else {},
    )  # fmt: skip


def _source_link(r: tuple) -> SourceLink:
    """A row of span_sources joined with sources (the column order of `links`)."""
    return SourceLink(
        id=r[0], span_id=r[1], stance=Stance(r[2]), excerpt=r[3],
        source=Source(id=r[4], url=r[5], title=r[6], outlet=r[7], published=r[8], accessed=r[9]),
    )  # fmt: skip


def _figure_columns(figure: Figure | None) -> dict[str, Any]:
    if figure is None:
        return dict.fromkeys(FIGURE_COLUMNS)
    return figure.to_dict()


def _span_values(s: Span) -> tuple:
    f = _figure_columns(s.figure if s.label == FIGURE else None)
    if s.label == FIGURE and s.figure is None:
        f = Figure().to_dict()
    return (
        s.start, s.end, s.label, s.text, s.origin, str(s.status), s.confidence, s.note,
        *(f[c] for c in FIGURE_COLUMNS),
    )  # fmt: skip


def _span_row(article_id: str, s: Span) -> dict[str, Any]:
    cols = (
        "start",
        "end",
        "label",
        "text",
        "origin",
        "status",
        "confidence",
        "note",
        *FIGURE_COLUMNS,
    )
    row = dict(zip(cols, _span_values(s), strict=True))
    row.update(id=s.id, article_id=article_id, created_at=now(), updated_at=None)
    return row


def _span(row: dict) -> Span:
    figure = None
    if row["label"] == FIGURE:
        figure = Figure.from_dict({c: row[c] for c in FIGURE_COLUMNS})
    return Span(
        id=row["id"], article_id=row["article_id"], start=row["start"], end=row["end"],
        label=row["label"], text=row["text"], origin=row["origin"], status=SpanStatus(row["status"]),
        confidence=row["confidence"], note=row["note"], figure=figure,
    )  # fmt: skip


def _number_or_none(text: str) -> float | None:
    try:
        return float(text.replace(",", "").strip())
    except ValueError:
        return None


def token_offsets(text: str) -> list[tuple[int, int]]:
    """Word and punctuation tokens as (start, end) code-point offsets. Cheap; no spaCy."""
    return [m.span() for m in _TOKEN_RE.finditer(text)]


_TOKEN_RE = re.compile(r"\w+(?:[.,'’-]\w+)*|[^\w\s]", re.UNICODE)


def trim_offsets(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets with surrounding white space removed."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def nudge_offsets(text: str, start: int, end: int, edge: str, direction: int) -> tuple[int, int]:
    """Move one edge of [start, end) to the next token boundary in `direction` (+1 or -1)."""
    toks = token_offsets(text)
    if edge == "start":
        starts = [a for a, _ in toks]
        if direction < 0:
            cands = [a for a in starts if a < start]
            return (cands[-1] if cands else start), end
        cands = [a for a in starts if start < a < end]
        return (cands[0] if cands else start), end
    ends = [b for _, b in toks]
    if direction > 0:
        cands = [b for b in ends if b > end]
        return start, (cands[0] if cands else end)
    cands = [b for b in ends if start < b < end]
    return start, (cands[-1] if cands else end)
