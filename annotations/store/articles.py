"""Articles: reading them (lists, filters, full-text search), the importer's bulk insert, text
updates, deletion and review status."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from annotations.model import DONE_STATUSES, Article, ArticleStatus, Body, Change, Span
from annotations.search_query import fts_query, like_patterns
from annotations.store.errors import BadBody, NotFound, SpanMismatch
from annotations.store.journal import Journal
from annotations.store.rows import (
    ArticleSummary,
    body_columns,
    content_hash,
    now,
    row_to_article,
    span_row,
    span_values,
)


def checked_body(article: Article) -> Body | None:
    """The article's body, refused (`BadBody`) unless its bounds and furniture lie in the text
    in order."""
    body = article.body
    if body is None:
        return None
    n, at = len(article.text), body.start
    if not 0 <= body.start < body.end <= n:
        raise BadBody(
            f"{article.id}: the body {body.start}..{body.end} must start before it ends, within "
            f"the text (0..{n})"
        )
    for a, b in body.furniture:
        if not at <= a < b <= body.end:
            raise BadBody(
                f"{article.id}: furniture {a}..{b} is not inside the body {body.start}..{body.end}"
                " after the furniture before it"
            )
        at = b
    return body


class Articles(Journal):
    """Article queries and writes; mixed into `Store`."""

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
        return row_to_article(row)

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
        near_duplicates: bool = False,
    ) -> list[str]:
        """Article ids in import order, filtered. `search` is full-text over title and text, and
        also finds an article with a span note holding every word typed; `near_duplicates`: only
        articles the import flagged as mostly repeating another (meta `near_duplicate_of`)."""
        where, args = [], []
        if near_duplicates:
            where.append("json_extract(a.meta, '$.near_duplicate_of') IS NOT NULL")
        if status:
            sql, values = status_sql(status, "a.status")
            where.append(sql)
            args.extend(values)
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
        if search and fts_query(search) is not None:
            patterns = like_patterns(search)
            noted = " AND ".join("n.note LIKE ?" for _ in patterns)
            where.append(
                "(a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                " OR a.id IN (SELECT n.article_id FROM spans n INDEXED BY spans_noted"
                f" WHERE n.note IS NOT NULL AND {noted}))"
            )
            args.extend([fts_query(search), *patterns])
        sql = "SELECT a.id FROM articles a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.rowid"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.conn.execute(sql, args)]

    def count_articles(self, status: str | Sequence[str] | None = None) -> int:
        if status:
            sql, args = status_sql(status)
            return self.conn.execute(f"SELECT count(*) FROM articles WHERE {sql}", args).fetchone()[
                0
            ]
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
                found = {r[0]: row_to_article(dict(zip(names, r, strict=True))) for r in cur}
                yield from (found[i] for i in chunk if i in found)
            return
        sql, args = "SELECT * FROM articles", []
        if status:
            where, args = status_sql(status)
            sql += f" WHERE {where}"
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
                yield row_to_article(dict(zip(names, r[: len(names)], strict=True)))
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
        with self.bulk_operation("import"):
            stamp = now()
            first_rowid = self.conn.execute(
                "SELECT coalesce(max(rowid), 0) + 1 FROM articles"
            ).fetchone()[0]
            bulk = len(items) > 20
            if bulk:
                self.conn.execute("UPDATE fts_bulk SET active = 1")
            self.conn.executemany(
                "INSERT INTO articles(id, title, text, published, outlet, url, status, content_hash,"
                " source_path, meta, imported_at, body_start, body_end, body_furniture)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        a.id, a.title, a.text, a.published, a.outlet, a.url, a.status.value,
                        content_hash(a.text), path,
                        json.dumps(a.meta, ensure_ascii=False) if a.meta else None, stamp,
                        *body_columns(checked_body(a)).values(),
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
        uuids = self.unused_uuids(spans)
        try:
            self.conn.executemany(
                'INSERT INTO spans(article_id, start, "end", label, text, origin, status,'
                " confidence, note, value, low, high, qualifier, unit, counted, kind, verdict,"
                " created_at, uuid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (article_id, *span_values(s), stamp, u)
                    for s, u in zip(spans, uuids, strict=True)
                ],
            )
        except sqlite3.IntegrityError as e:
            if "article.text[start:end]" in str(e):
                raise SpanMismatch(
                    f"{article_id}: a span's text is not its article's text at its offsets"
                ) from None
            raise

    def unused_uuids(self, spans: Sequence[Span]) -> list[str | None]:
        """The uuid each new span is stored under: its own (a re-imported export's), unless a
        span of the project or an earlier one of `spans` has it already; None lets the
        database give a fresh one. So an id is kept across projects and never names two spans."""
        given = [s.uuid for s in spans if s.uuid]
        taken = {u for (u,) in self._in_query("SELECT uuid FROM spans WHERE uuid IN ({})", given)}
        out: list[str | None] = []
        for s in spans:
            fresh = s.uuid is not None and s.uuid not in taken
            out.append(s.uuid if fresh else None)
            taken.add(s.uuid)
        return out

    def replace_text(self, article: Article, keep_spans: Sequence[Span], dropped: Sequence[Span],
                     new_suggestions: Sequence[Span] = ()) -> Change:  # fmt: skip
        """`import --update`, one operation: the new text, the kept spans (with their ids, so
        notes and links stay) moved to their new offsets, the others deleted with their events,
        new suggestions added. `dropped` are decided spans the new text lost: the article is
        flagged for review and says which."""
        change = Change(op="update_text", article_ids={article.id})
        with self.transaction():
            op_id = self._next_op_id()
            before = self._row("articles", article.id)
            if before is None:
                raise NotFound(f"no article {article.id!r}")
            self._guard_quotes(True)
            kept = {s.id: s for s in keep_spans if s.id is not None}
            for (sid,) in self.conn.execute(
                "SELECT id FROM spans WHERE article_id = ? ORDER BY id", (article.id,)
            ).fetchall():
                if sid not in kept:
                    self._edit(change, op_id, "spans", sid, None, article.id, sid)
            values = dict(before)
            values.update(
                title=article.title, text=article.text, published=article.published,
                outlet=article.outlet, url=article.url, content_hash=content_hash(article.text),
                updated_at=now(), **body_columns(checked_body(article)),
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
            for sid, s in kept.items():
                row = dict(self._row("spans", sid), start=s.start, end=s.end, updated_at=now())
                self._edit(change, op_id, "spans", sid, row, article.id, sid)
            new_spans = [*(s for s in keep_spans if s.id is None), *new_suggestions]
            for s, uuid in zip(new_spans, self.unused_uuids(new_spans), strict=True):
                row = span_row(article.id, s)
                row.pop("id")
                row["uuid"] = uuid
                self._edit(change, op_id, "spans", None, row, article.id)
            self._guard_quotes(False, {article.id})
        change.op_id = op_id
        return change

    # ------------------------------------------------------------------ the article's body
    def set_body(self, article_id: str, start: int | None = None, end: int | None = None) -> Change:
        """Move the body's bounds (either or both; None keeps that one): the reviewer saying
        where the article starts or ends. Furniture left outside the new bounds goes with
        them; the text, and every span, stay as they are. Nothing to change: no operation."""
        change = Change(op="set_body", article_ids={article_id})
        with self.transaction():
            row = self._row("articles", article_id)
            if row is None:
                raise NotFound(f"no article {article_id!r}")
            article = row_to_article(row)
            old = article.body or Body.whole(article.text)
            new_start = old.start if start is None else start
            new_end = old.end if end is None else end
            if new_start >= new_end:
                edge = "start" if start is not None else "end"
                raise BadBody(
                    f"the body cannot {edge} there: its start must come before its end"
                    " (move the other bound first)"
                )
            holes = tuple((a, b) for a, b in old.furniture if new_start <= a and b <= new_end)
            body = checked_body(replace(article, body=Body(new_start, new_end, holes)))
            if body == old:
                return change
            op_id = self._next_op_id()
            new = dict(row, updated_at=now(), **body_columns(body))
            self._edit(change, op_id, "articles", article_id, new, article_id)
        change.op_id = op_id
        return change

    def delete_article(self, article_id: str) -> Change:
        change = Change(op="delete_article", article_ids={article_id})
        with self.transaction():
            op_id = self._next_op_id()
            if not self.has_article(article_id):
                raise NotFound(f"no article {article_id!r}")
            # _edit deletes and logs the article's spans and their links first.
            self._edit(change, op_id, "articles", article_id, None, article_id)
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
        """The next article not yet reviewed (nor adjudicated), in list order, wrapping around."""
        after_rowid = 0
        if after:
            r = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (after,)).fetchone()
            after_rowid = r[0] if r else 0
        for sql in (
            f"SELECT id FROM articles WHERE status NOT IN {_DONE} AND rowid > ? ORDER BY rowid LIMIT 1",
            f"SELECT id FROM articles WHERE status NOT IN {_DONE} AND rowid <= ? ORDER BY rowid LIMIT 1",
        ):
            r = self.conn.execute(sql, (after_rowid,)).fetchone()
            if r and r[0] != after:
                return r[0]
        return None


_DONE = "(" + ", ".join(f"'{s.value}'" for s in DONE_STATUSES) + ")"


def status_sql(status: str | Sequence[str], column: str = "status") -> tuple[str, list[str]]:
    """The WHERE clause for one article status or any of several."""
    values = [str(status)] if isinstance(status, str) else [str(s) for s in status]
    return f"{column} IN ({', '.join('?' * len(values))})", values
