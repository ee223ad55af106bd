"""Sources and their links to spans, with the stance each link takes."""

from __future__ import annotations

from collections.abc import Sequence

from annotations.model import Change, Source, SourceLink, Span, Stance
from annotations.store.errors import NotFound
from annotations.store.review import Review
from annotations.store.rows import now, row_to_link
from annotations.urls import validate_url


class Sources(Review):
    """Source look-ups, linking and unlinking; mixed into `Store`."""

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
        return [row_to_link(r) for r in cur]

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
            out.setdefault(r[1], []).append(row_to_link(r))
        return out

    def link_source(
        self, span_id: int, source: Source, stance: Stance | str = Stance.SUPPORTS,
        excerpt: str | None = None, *, expected: Span | None = None,
    ) -> Change:  # fmt: skip
        """Link a source (found by URL, or created) to a span with a stance and quoted excerpt."""
        url = validate_url(source.url)
        stance = Stance(stance)
        s = self.span(span_id)
        change = Change(op="link_source", article_ids={s.article_id}, span_ids={span_id})
        with self.transaction():
            self._current_span_row(span_id, expected)
            op_id = self._next_op_id()
            source_id = self._source_id(change, op_id, url, source, s.article_id, span_id)
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

    def _source_id(self, change: Change, op_id: int, url: str, source: Source,
                   article_id: str | None = None, span_id: int | None = None) -> int:  # fmt: skip
        """The row of the source at `url` (checked already), created as part of the operation
        when the project has none."""
        row = self.conn.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()
        if row is not None:
            return row[0]
        values = {"url": url, "title": source.title, "outlet": source.outlet,
                  "published": source.published, "accessed": source.accessed or now()[:10],
                  "created_at": now()}  # fmt: skip
        return self._edit(change, op_id, "sources", None, values, article_id, span_id)

    def import_links(self, article_id: str, span: Span, sources: Sequence[dict]) -> None:
        """Link imported sources to an imported span (found by offsets and label); part of the
        import's operation (`bulk_operation`), which logs the new rows."""
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

    def unlink_source(self, link_id: int, *, expected: Span | None = None) -> Change:
        row = self._row("span_sources", link_id)
        if row is None:
            raise NotFound(f"no source link {link_id}")
        s = self.span(row["span_id"])
        change = Change(op="unlink_source", article_ids={s.article_id}, span_ids={s.id})
        with self.transaction():
            self._current_span_row(s.id, expected)
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
