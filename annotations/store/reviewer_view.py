"""The project as one reviewer's window reads it: their queue, and in blind review nothing of the
other reviewers' work.

Off by default (scripts, exports and jobs read the final version); the window turns it on for
its own store with `view_as_reviewer()`. Then, for the store's reviewer:

- with articles assigned to them (`factmark assign`), the article list is their queue, and
  `queue_progress()` says how many of it they have marked reviewed;
- with blind review on, every read the window makes gives what `visible_spans` gives: the spans,
  one span, the list's counts and status (their own: reviewed when they marked it so, in review
  once they decided something), the label and verdict filters, search in notes, the source links
  of a span; and review operations start from the span as the reviewer sees it, so accepting a
  suggestion another reviewer relabelled accepts it as suggested.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from annotations.model import ArticleStatus, SourceLink, Span, Stance
from annotations.search_query import fts_query, like_patterns
from annotations.store.assignments import Assignments
from annotations.store.blind import Blind
from annotations.store.errors import NotFound, StaleSpan
from annotations.store.rows import ArticleSummary, row_to_span, visible

# Links another reviewer made (by hand, or brought by merging their copy) stay hidden in blind
# review; links that came with an import are everyone's.
_OTHERS_LINK_OPS = ("link_source", "merge")


class ReviewerView(Assignments, Blind):
    """Reads as the store's reviewer sees them, once `view_as_reviewer()`; mixed into `Store`."""

    viewing = False

    def view_as_reviewer(self, on: bool = True) -> None:
        self.viewing = on

    def _blind_view(self) -> bool:
        return self.viewing and bool(self.reviewer) and self.blind()

    def _own_queue(self) -> list[str] | None:
        if not (self.viewing and self.reviewer):
            return None
        return self.queue(self.reviewer) or None

    # ------------------------------------------------------------------ one span as seen
    def _seen_row(self, row: dict) -> dict | None:
        return self.seen_row(row, self.reviewer)

    def spans(self, article_id: str, include_rejected: bool = True) -> list[Span]:
        if not self._blind_view():
            return super().spans(article_id, include_rejected)
        seen = [
            row_to_span(r)
            for r in self.seen_rows(article_id, self.reviewer)
            if include_rejected or r["status"] != "rejected"
        ]
        return sorted(seen, key=lambda s: (s.start, s.end, s.id))

    def span(self, span_id: int) -> Span:
        if not self._blind_view():
            return super().span(span_id)
        row = self._row("spans", span_id)
        seen = self._seen_row(row) if row is not None else None
        if seen is None:
            raise NotFound(f"no span {span_id}")
        return row_to_span(seen)

    def _current_span_row(self, span_id: int, expected: Span | None) -> dict:
        if not self._blind_view():
            return super()._current_span_row(span_id, expected)
        row = self._row("spans", span_id)
        seen = self._seen_row(row) if row is not None else None
        if seen is None:
            raise NotFound(f"no span {span_id}")
        if expected is not None and visible(row_to_span(seen)) != visible(expected):
            raise StaleSpan(
                f"‘{seen['text']}’ was changed in another of your windows; reloaded — your edit "
                "was not saved"
            )
        return seen

    def _undecided_rows(self, article_id: str) -> list[dict]:
        if not self._blind_view():
            return super()._undecided_rows(article_id)
        return [r for r in self.seen_rows(article_id, self.reviewer) if r["status"] == "suggested"]

    def _reviewed_already(self, article: dict) -> bool:
        # Another reviewer's mark is theirs: this reviewer's own "reviewed" is still to make.
        if self._own_queue() is None and not self._blind_view():
            return super()._reviewed_already(article)
        return article["id"] in self.done_by(self.reviewer)

    # ------------------------------------------------------------------ sources
    def links(self, span_id: int) -> list[SourceLink]:
        found = super().links(span_id)
        if not self._blind_view() or not found:
            return found
        marks = ",".join("?" for _ in found)
        others = {
            int(row_id)
            for row_id, name, op in self.conn.execute(
                "SELECT e.row_id, r.name, e.op FROM events e LEFT JOIN reviewers r"
                " ON r.id = e.reviewer_id WHERE e.tbl = 'span_sources' AND e.before IS NULL"
                f" AND e.row_id IN ({marks})",
                [str(ln.id) for ln in found],
            )
            if op in _OTHERS_LINK_OPS and name != self.reviewer
        }
        return [ln for ln in found if ln.id not in others]

    def stance_counts(self, span_id: int) -> dict[str, int]:
        if not self._blind_view():
            return super().stance_counts(span_id)
        counts = dict.fromkeys((s.value for s in Stance), 0)
        for ln in self.links(span_id):
            counts[str(ln.stance)] += 1
        return counts

    # ------------------------------------------------------------------ the article list
    def _own_status(self, ids: Sequence[str]) -> dict[str, ArticleStatus]:
        """Each article's status as this reviewer's own work has it."""
        done = self.done_by(self.reviewer)
        marks = ",".join("?" for _ in ids)
        decided = {r[0] for r in self.conn.execute(
            f"SELECT DISTINCT article_id FROM decisions WHERE reviewer = ? AND article_id IN ({marks})",
            [self.reviewer, *ids])}  # fmt: skip
        return {
            i: ArticleStatus.REVIEWED if i in done
            else ArticleStatus.IN_REVIEW if i in decided else ArticleStatus.NEW
            for i in ids
        }  # fmt: skip

    def summaries(self, ids: Sequence[str]) -> list[ArticleSummary]:
        rows = super().summaries(ids)
        if not self._blind_view() or not rows:
            return rows
        status = self._own_status([r.id for r in rows])
        marks = ",".join("?" for _ in rows)
        # What `spans` would give, counted in SQL: every suggestion and their own spans; decided,
        # the ones they decided (a block of list rows without reading each span's history).
        counts = {aid: (n, d) for aid, n, d in self.conn.execute(
            f"""SELECT a.id,
                  (SELECT count(*) FROM spans s WHERE s.article_id = a.id AND (s.origin != 'reviewer'
                     OR EXISTS (SELECT 1 FROM decisions o WHERE o.span_id = s.id AND o.reviewer = ?))),
                  (SELECT count(*) FROM decisions d JOIN spans s ON s.id = d.span_id
                     WHERE d.reviewer = ? AND d.article_id = a.id AND d.status != 'suggested')
                FROM articles a WHERE a.id IN ({marks})""",
            [self.reviewer, self.reviewer, *(r.id for r in rows)])}  # fmt: skip
        return [replace(r, status=status[r.id], n_spans=counts[r.id][0], n_decided=counts[r.id][1])
                for r in rows]  # fmt: skip

    def article_ids(
        self,
        status: str | None = None,
        label: str | None = None,
        verdict: str | None = None,
        search: str | None = None,
        limit: int | None = None,
        near_duplicates: bool = False,
    ) -> list[str]:
        queue = self._own_queue()
        if not self._blind_view():
            if queue is None:  # the whole project, as a script reads it
                return super().article_ids(status, label, verdict, search, limit, near_duplicates)
            ids = super().article_ids(status, label, verdict, search, None, near_duplicates)
            if queue is not None:
                mine = set(queue)
                ids = [i for i in ids if i in mine]
            return ids[:limit] if limit is not None else ids
        # Blind: filter on what the reviewer sees, article by article (their queue, or all).
        ids = super().article_ids(near_duplicates=near_duplicates)
        if queue is not None:
            mine = set(queue)
            ids = [i for i in ids if i in mine]
        if search and fts_query(search) is not None:
            found = self._text_matches(search) | self._own_note_matches(search)
            ids = [i for i in ids if i in found]
        if status:
            own = self._own_status(ids) if ids else {}
            ids = [i for i in ids if str(own[i]) == str(status)]
        if label or verdict:
            ids = [i for i in ids if self._seen_has(i, label, verdict)]
        return ids[:limit] if limit is not None else ids

    def _seen_has(self, article_id: str, label: str | None, verdict: str | None) -> bool:
        for s in self.spans(article_id, include_rejected=False):
            if label and s.label != label:
                continue
            if verdict and not (s.is_figure and str(s.figure.verdict) == str(verdict)):
                continue
            return True
        return False

    def _text_matches(self, search: str) -> set[str]:
        return {r[0] for r in self.conn.execute(
            "SELECT a.id FROM articles a WHERE a.rowid IN"
            " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", (fts_query(search),))}  # fmt: skip

    def _own_note_matches(self, search: str) -> set[str]:
        patterns = like_patterns(search)
        noted = " AND ".join("note LIKE ?" for _ in patterns)
        return {r[0] for r in self.conn.execute(
            f"SELECT DISTINCT article_id FROM decisions WHERE reviewer = ? AND note IS NOT NULL"
            f" AND {noted}", [self.reviewer, *patterns])}  # fmt: skip

    def count_articles(self, status: str | None = None) -> int:
        progress = self.queue_progress()
        if progress is None or status not in (None, ArticleStatus.REVIEWED, "reviewed"):
            return super().count_articles(status)
        return progress[0] if status else progress[1]

    def queue_progress(self) -> tuple[int, int] | None:
        """(done, assigned) of the reviewer's queue, or of every article in blind review
        without one; None when the window reads the project as a whole."""
        queue = self._own_queue()
        if queue is None and not self._blind_view():
            return None
        pool = queue if queue is not None else super().article_ids()
        done = self.done_by(self.reviewer)
        return sum(a in done for a in pool), len(pool)

    def next_unreviewed(self, after: str | None = None) -> str | None:
        if self._own_queue() is None and not self._blind_view():
            return super().next_unreviewed(after)
        ids = self.article_ids()
        done = self.done_by(self.reviewer)
        start = ids.index(after) + 1 if after in ids else 0
        return next((i for i in ids[start:] + ids[:start] if i not in done and i != after), None)
