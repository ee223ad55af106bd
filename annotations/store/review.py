"""Review operations on spans: accept, reject, relabel, resize, figures, verdicts, notes, added
spans, and re-highlighting's replacement of undecided suggestions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from annotations.model import (
    FIGURE,
    LABELS,
    ArticleStatus,
    Change,
    Figure,
    Span,
    SpanStatus,
    Verdict,
)
from annotations.store.errors import NotFound, StaleSpan, StoreError
from annotations.store.journal import clock
from annotations.store.layers import Layers
from annotations.store.rows import (
    FIGURE_COLUMNS,
    REVIEWER_TOUCHED,
    figure_columns,
    now,
    number_or_none,
    row_to_span,
    span_row,
    visible,
    without_overlaps,
)
from annotations.text import nudge_offsets, trim_offsets


class Review(Layers):
    """Span operations, each also filed in the acting reviewer's layer; mixed into `Store`."""

    # ------------------------------------------------------------------ spans
    def spans(self, article_id: str, include_rejected: bool = True) -> list[Span]:
        where = "1" if include_rejected else "status != 'rejected'"
        return [row_to_span(r) for r in self._span_rows(article_id, where)]

    def span(self, span_id: int) -> Span:
        row = self._row("spans", span_id)
        if row is None:
            raise NotFound(f"no span {span_id}")
        return row_to_span(row)

    def replace_suggestions(self, article_id: str, suggestions: Sequence[Span]) -> int:
        """Re-highlighting, one operation per article: untouched suggestions are deleted (each
        with its event), new ones added; decided spans, and suggestions a reviewer touched (a
        note, a link, a verdict, a figure edit), stay as they are.

        A suggestion is skipped where a kept span of the same kind (figure or entity) overlaps it.
        Returns how many suggestions were written.
        """
        with self.bulk_operation("rehighlight") as op_id:
            change = Change(op="rehighlight", article_ids={article_id})
            kept = self.kept_spans(article_id)
            kept_ids = {s.id for s in kept}
            for s in self.spans(article_id):
                if s.id not in kept_ids:
                    self._edit(change, op_id, "spans", s.id, None, article_id, s.id)
            keep = without_overlaps(suggestions, kept)
            self._insert_spans(article_id, keep, now())
        return len(keep)

    def kept_spans(self, article_id: str) -> list[Span]:
        """The spans no machine job may delete: decided ones and suggestions a reviewer touched."""
        cur = self.conn.execute(
            f"SELECT * FROM spans s WHERE s.article_id = ? AND ({REVIEWER_TOUCHED})"
            ' ORDER BY s.start, s."end", s.id',
            (article_id,),
        )
        names = [d[0] for d in cur.description]
        return [row_to_span(dict(zip(names, r, strict=True))) for r in cur]

    def _span_op(self, op: str, span_id: int, expected: Span | None, **values: Any) -> Change:
        op = self._settling or op  # the adjudicator's edit is logged as theirs
        with self.transaction():
            row = self._current_span_row(span_id, expected)
            change = Change(op=op, article_ids={row["article_id"]}, span_ids={span_id})
            op_id = self._next_op_id()
            new = dict(row)
            new.update(values)
            new["updated_at"] = now()
            self._edit(change, op_id, "spans", span_id, new, row["article_id"], span_id)
            self._record_decision(change, op_id, span_id)
            self._touch_article(change, op_id, row["article_id"])
        change.op_id = op_id
        return change

    def _current_span_row(self, span_id: int, expected: Span | None) -> dict:
        """The stored row of `span_id`, inside the caller's transaction; `StaleSpan` if the caller
        showed `expected` and the stored span differs from it in anything a reviewer sees."""
        row = self._row("spans", span_id)
        if row is None:
            raise NotFound(f"no span {span_id}")
        if expected is not None and visible(row_to_span(row)) != visible(expected):
            last = self.last_change("spans", span_id)
            who = f" by {last[1]} at {clock(last[2])} ({last[0]})" if last else ""
            raise StaleSpan(f"‘{row['text']}’ was changed{who}; reloaded — your edit was not saved")
        return row

    def _touch_article(self, change: Change, op_id: int, article_id: str) -> None:
        """The first decision on a new article puts it in review."""
        row = self._row("articles", article_id)
        if row and row["status"] == ArticleStatus.NEW.value:
            new = dict(row, status=ArticleStatus.IN_REVIEW.value, updated_at=now())
            self._edit(change, op_id, "articles", article_id, new, article_id)

    def accept(self, span_id: int, *, expected: Span | None = None) -> Change:
        s = self.span(span_id)
        status = s.status
        if status in (SpanStatus.SUGGESTED, SpanStatus.REJECTED):
            status = SpanStatus.ACCEPTED
        return self._span_op("accept", span_id, expected, status=str(status))

    def reject(self, span_id: int, *, expected: Span | None = None) -> Change:
        return self._span_op("reject", span_id, expected, status=str(SpanStatus.REJECTED))

    def accept_all(self, article_id: str, *, expected_ids: Iterable[int] | None = None) -> Change:
        """Accept every suggestion still undecided in the article, as one operation (one undo).

        With `expected_ids` (the undecided spans the reviewer sees), only those: a suggestion
        added since (re-highlighting) is left for the reviewer to see first.
        """
        return self.decide_undecided(article_id, SpanStatus.ACCEPTED, expected_ids=expected_ids)

    def reject_all(self, article_id: str, *, expected_ids: Iterable[int] | None = None) -> Change:
        """Reject every suggestion still undecided in the article (left out of training data)."""
        return self.decide_undecided(article_id, SpanStatus.REJECTED, expected_ids=expected_ids)

    def decide_undecided(
        self,
        article_id: str,
        status: SpanStatus | str,
        *,
        expected_ids: Iterable[int] | None = None,
        mark_reviewed: bool = False,
    ) -> Change:
        """Accept or reject the article's undecided suggestions in one operation, each span with
        its event; with `mark_reviewed`, the article is marked reviewed in the same operation.
        Nothing to decide and nothing to mark: a Change without an op_id (nothing to undo)."""
        status = SpanStatus(status)
        if status not in (SpanStatus.ACCEPTED, SpanStatus.REJECTED):
            raise StoreError(f"undecided suggestions are accepted or rejected, not {status}")
        verb = "accept_all" if status is SpanStatus.ACCEPTED else "reject_all"
        change = Change(op="mark_reviewed" if mark_reviewed else verb, article_ids={article_id})
        wanted = None if expected_ids is None else set(expected_ids)
        with self.transaction():
            article = self._row("articles", article_id)
            if article is None:
                raise NotFound(f"no article {article_id!r}")
            rows = [
                r for r in self._undecided_rows(article_id) if wanted is None or r["id"] in wanted
            ]
            if not rows and (not mark_reviewed or self._reviewed_already(article)):
                return change
            op_id = self._next_op_id()
            stamp = now()
            for row in rows:
                new = dict(row, status=str(status), updated_at=stamp)
                self._edit(change, op_id, "spans", row["id"], new, article_id, row["id"])
                self._record_decision(change, op_id, row["id"])  # the reviewer's layer too
                change.span_ids.add(row["id"])
            if mark_reviewed:
                new = dict(self._row("articles", article_id), status=str(ArticleStatus.REVIEWED))
                new["updated_at"] = stamp
                self._edit(change, op_id, "articles", article_id, new, article_id)
            else:
                self._touch_article(change, op_id, article_id)
        change.op_id = op_id
        return change

    def _reviewed_already(self, article: dict) -> bool:
        return article["status"] == ArticleStatus.REVIEWED

    def _undecided_rows(self, article_id: str) -> list[dict]:
        return self._span_rows(article_id, "status = 'suggested'")

    def _span_rows(self, article_id: str, where: str) -> list[dict]:
        cur = self.conn.execute(
            f'SELECT * FROM spans WHERE article_id = ? AND {where} ORDER BY start, "end", id',
            (article_id,),
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur]

    def _corrected(self, s: Span) -> str:
        return str(SpanStatus.ADDED if s.status is SpanStatus.ADDED else SpanStatus.CORRECTED)

    def relabel(self, span_id: int, label: str, *, expected: Span | None = None) -> Change:
        if label not in LABELS:
            raise StoreError(f"unknown label {label!r}; labels are {', '.join(LABELS)}")
        s = self.span(span_id)
        values: dict[str, Any] = {"label": label, "status": self._corrected(s)}
        if label == FIGURE and not s.is_figure:
            values.update(Figure().to_dict())
            values.update(figure_columns(Figure(value=number_or_none(s.text))))
        elif label != FIGURE:
            values.update(dict.fromkeys(FIGURE_COLUMNS))
        return self._span_op("relabel", span_id, expected, **values)

    def resize(self, span_id: int, start: int, end: int, *, expected: Span | None = None) -> Change:
        s = self.span(span_id)
        text = self.article(s.article_id).text
        start, end = trim_offsets(text, start, end)
        if not 0 <= start < end <= len(text):
            raise StoreError(f"a span needs 0 <= start < end <= {len(text)}; got {start}..{end}")
        return self._span_op(
            "resize", span_id, expected, start=start, end=end, text=text[start:end],
            status=self._corrected(s),
        )  # fmt: skip

    def nudge(
        self, span_id: int, edge: str, direction: int, *, expected: Span | None = None
    ) -> Change:
        """Move the span's start or end by one token either way."""
        s = self.span(span_id)
        text = self.article(s.article_id).text
        start, end = nudge_offsets(text, s.start, s.end, edge, direction)
        if (start, end) == (s.start, s.end):
            return Change(op="resize", article_ids={s.article_id}, span_ids={span_id})
        return self.resize(span_id, start, end, expected=expected)

    def update_figure(
        self, span_id: int, figure: Figure, *, expected: Span | None = None
    ) -> Change:
        s = self.span(span_id)
        if not s.is_figure:
            raise StoreError(f"‘{s.text}’ is a {s.label}, not a FIGURE: relabel it first")
        values = figure_columns(figure)
        values.pop("verdict")
        values["status"] = self._corrected(s)
        return self._span_op("edit_figure", span_id, expected, **values)

    def set_verdict(
        self, span_id: int, verdict: Verdict | str, *, expected: Span | None = None
    ) -> Change:
        s = self.span(span_id)
        if not s.is_figure:
            raise StoreError(f"‘{s.text}’ is a {s.label}; only figures have a verdict")
        values: dict[str, Any] = {"verdict": str(Verdict(verdict))}
        if s.status in (SpanStatus.SUGGESTED, SpanStatus.REJECTED):
            values["status"] = str(SpanStatus.ACCEPTED)  # judging a figure confirms it is one
        return self._span_op("set_verdict", span_id, expected, **values)

    def set_note(self, span_id: int, note: str | None, *, expected: Span | None = None) -> Change:
        return self._span_op("set_note", span_id, expected, note=note or None)

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
            figure = Figure(value=number_or_none(text[start:end]))
        span = Span(start, end, label, text[start:end], origin="reviewer",
                    status=SpanStatus.ADDED, figure=figure if label == FIGURE else None)  # fmt: skip
        change = Change(op="add_span", article_ids={article_id})
        with self.transaction():
            op_id = self._next_op_id()
            row = span_row(article_id, span)
            row.pop("id")
            row["created_at"] = now()
            sid = self._edit(change, op_id, "spans", None, row, article_id)
            self._record_decision(change, op_id, sid)
            self._touch_article(change, op_id, article_id)
        change.op_id = op_id
        change.created_span_id = sid
        change.span_ids.add(sid)
        return change

    def delete_span(self, span_id: int, *, expected: Span | None = None) -> Change:
        s = self.span(span_id)
        if s.status is not SpanStatus.ADDED:
            raise StoreError("only spans a reviewer added can be deleted; reject the others")
        change = Change(op="delete_span", article_ids={s.article_id}, span_ids={span_id})
        with self.transaction():
            self._current_span_row(span_id, expected)
            op_id = self._next_op_id()
            # _edit deletes and logs the span's source links first.
            self._edit(change, op_id, "spans", span_id, None, s.article_id, span_id)
            self._record_decision(change, op_id, span_id)  # leaves the reviewer's layer
        change.op_id = op_id
        return change
