"""Review layers: each reviewer's own decision on each span, kept beside the span row.

The span row is the current (final) view every other feature reads; a review operation also
writes the acting reviewer's decision into `decisions`, in the same operation and with its
event, so undo restores both. A decision is keyed by reviewer and the span's anchor (article,
offsets and label the span was created with): anchors are the same in every copy of a project,
row ids are not, so layers from copies line up when merged. An operation without a reviewer
name writes the span row only (there is no layer to file it under).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from annotations.model import Change, Span
from annotations.store.articles import Articles
from annotations.store.rows import FIGURE_COLUMNS, now, row_to_span

LAYER_COLUMNS = ("start", "end", "label", "text", "status", "note", *FIGURE_COLUMNS)
ANCHOR = ("article_id", "reviewer", "anchor_start", "anchor_end", "anchor_label")


@dataclass(frozen=True)
class Decision:
    """One reviewer's decision on one span, as the layer holds it."""

    reviewer: str
    article_id: str
    anchor: tuple[int, int, str]
    span: Span  # id is the span row it belongs to here (None: no such span in this project)
    updated_at: str


class Layers(Articles):
    """Reviewer layers; mixed into `Store` under the review operations."""

    # While the adjudicator edits the final version (`Store.adjudicate_edit`): the operation's
    # name. Their edit settles a difference and goes in no layer.
    _settling: str | None = None

    def _record_decision(self, change: Change, op_id: int, span_id: int) -> None:
        """File the span's state after this operation as the acting reviewer's decision; a
        deleted span leaves their layer."""
        if self._settling:
            self._settle_edited(change, op_id, span_id)
            return
        if not self.reviewer:
            return
        span = self._row("spans", span_id)
        anchor = self._anchor(span_id, span)
        if anchor is None:
            return
        key = self.conn.execute(
            "SELECT id FROM decisions WHERE article_id = ? AND reviewer = ? AND anchor_start = ?"
            " AND anchor_end = ? AND anchor_label = ?",
            (anchor[0], self.reviewer, *anchor[1:]),
        ).fetchone()
        if span is None:
            if key is not None:
                self._edit(change, op_id, "decisions", key[0], None, anchor[0], span_id)
            return
        row = decision_row(self.reviewer, anchor, span_id, span)
        self._edit(change, op_id, "decisions", key[0] if key else None, row, anchor[0], span_id)

    def _settle_edited(self, change: Change, op_id: int, span_id: int) -> None:
        raise NotImplementedError  # `Adjudication` settles; a Store always has it

    def _anchor(self, span_id: int, span: dict | None) -> tuple[str, int, int, str] | None:
        """(article, start, end, label) the span was created with: the anchor another layer gave
        it, else its first logged state, else its current one."""
        got = self.conn.execute(
            "SELECT article_id, anchor_start, anchor_end, anchor_label FROM decisions"
            " WHERE span_id = ? LIMIT 1",
            (span_id,),
        ).fetchone()
        if got is not None:
            return tuple(got)
        first = self.conn.execute(
            "SELECT after FROM events WHERE tbl = 'spans' AND row_id = ? AND before IS NULL"
            " AND after IS NOT NULL ORDER BY id LIMIT 1",
            (str(span_id),),
        ).fetchone()
        born = json.loads(first[0]) if first else span
        if born is None:
            return None
        return (born["article_id"], born["start"], born["end"], born["label"])

    # ------------------------------------------------------------------ reading layers
    def layer_reviewers(self) -> list[str]:
        """The names of every reviewer with a layer, sorted."""
        rows = self.conn.execute("SELECT DISTINCT reviewer FROM decisions ORDER BY reviewer")
        return [r[0] for r in rows]

    def decisions(
        self, reviewer: str | None = None, article_id: str | None = None
    ) -> list[Decision]:
        """Decisions of one reviewer's layer (or all layers), of one article or all."""
        sql, args = "SELECT * FROM decisions WHERE 1", []
        if reviewer is not None:
            sql += " AND reviewer = ?"
            args.append(reviewer)
        if article_id is not None:
            sql += " AND article_id = ?"
            args.append(article_id)
        cur = self.conn.execute(sql + ' ORDER BY article_id, start, "end", id', args)
        names = [d[0] for d in cur.description]
        return [row_to_decision(dict(zip(names, r, strict=True))) for r in cur]

    def layer_spans(self, article_id: str, reviewer: str) -> list[Span] | None:
        """One reviewer's layer of an article as spans; None where they decided nothing in it."""
        found = self.decisions(reviewer, article_id)
        return [d.span for d in found] if found else None


def decision_row(reviewer: str, anchor: tuple, span_id: int | None, span: dict) -> dict[str, Any]:
    """The `decisions` row of `reviewer` for a span row `span` with `anchor`."""
    row = dict(zip(ANCHOR, (anchor[0], reviewer, *anchor[1:]), strict=True))
    row.update({c: span[c] for c in LAYER_COLUMNS}, span_id=span_id, updated_at=now())
    return row


def row_to_decision(row: dict) -> Decision:
    span = row_to_span(dict(row, id=row["span_id"], origin="reviewer", confidence=None))
    return Decision(
        row["reviewer"], row["article_id"],
        (row["anchor_start"], row["anchor_end"], row["anchor_label"]), span, row["updated_at"],
    )  # fmt: skip


@dataclass
class MergePlan:
    """What one merge writes: new articles with their spans; layer decisions as (key here or
    None for a new one, row, the other copy's span id when the span comes with a new article);
    source links as (span id here, or the other copy's span id of a new article's span,
    article, link with its source's url and fields); and history events from the other copy."""

    articles: list[tuple[dict, list[dict]]] = field(default_factory=list)
    decisions: list[tuple[int | None, dict, int | None]] = field(default_factory=list)
    links: list[tuple[int | None, int | None, str, dict]] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)  # reviewer, op_id, at, op, article_id, …

    def __bool__(self) -> bool:
        return bool(self.articles or self.decisions or self.links or self.events)


class LayerMerge(Layers):
    """The write side of `factmark merge`; mixed into `Store`."""

    def apply_merge(self, plan: MergePlan) -> Change:
        """Write `plan` as one operation: articles, spans and decisions logged as usual (undo
        takes the merge back); the other copy's events are kept as history, without table and
        row (their row ids belong to the other copy, so they are never undone here)."""
        change = Change(op="merge")
        if not plan:
            return change
        with self.transaction(bulk=True):
            op_id = self._next_op_id()
            span_ids: dict[int, int] = {}  # the other copy's span id -> this project's
            for article, spans in plan.articles:
                self._edit(change, op_id, "articles", article["id"], article, article["id"])
                for span in spans:
                    row = {k: v for k, v in span.items() if k != "id"}
                    new = self._edit(change, op_id, "spans", None, row, article["id"])
                    span_ids[span["id"]] = new
            for key, row, copied in plan.decisions:
                if copied is not None:  # on a span that came with its article just now
                    row["span_id"] = span_ids.get(copied)
                self._edit(change, op_id, "decisions", key, row, row["article_id"], row["span_id"])
            for here, copied, article_id, link in plan.links:
                span_id = here if here is not None else span_ids[copied]
                self._merge_link(change, op_id, span_id, article_id, link)
            self._merge_history(op_id + 1, plan.events)
        change.op_id = op_id
        change.article_ids.update(a["id"] for a, _ in plan.articles)
        return change

    def _merge_link(self, change: Change, op_id: int, span_id: int, article_id: str, link: dict):
        """Link the span to the source by url (added to the project if new), both logged."""
        got = self.conn.execute("SELECT id FROM sources WHERE url = ?", (link["url"],)).fetchone()
        if got is None:
            source = {k: link[k] for k in ("url", "title", "outlet", "published", "accessed")}
            source_id = self._edit(change, op_id, "sources", None, dict(source, created_at=now()),
                                   article_id, span_id)  # fmt: skip
        else:
            source_id = got[0]
        row = {"span_id": span_id, "source_id": source_id, "stance": link["stance"],
               "excerpt": link["excerpt"], "created_at": link["created_at"]}  # fmt: skip
        self._edit(change, op_id, "span_sources", None, row, article_id, span_id)
        change.span_ids.add(span_id)

    def _merge_history(self, first_op: int, events: list[dict]) -> None:
        names = {e["reviewer"] for e in events if e["reviewer"]}
        stamp = now()
        for name in sorted(names):
            self.conn.execute(
                "INSERT INTO reviewers(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                (name, stamp),
            )
        ids = dict(self.conn.execute("SELECT name, id FROM reviewers"))
        ops: dict[int, int] = {}
        self.conn.executemany(
            "INSERT INTO events(op_id, at, reviewer_id, op, tbl, row_id, article_id, span_id,"
            " before, after) VALUES (?, ?, ?, ?, NULL, NULL, ?, NULL, ?, ?)",
            [
                (ops.setdefault(e["op_id"], first_op + len(ops)), e["at"], ids.get(e["reviewer"]),
                 e["op"], e["article_id"], e["before"], e["after"])
                for e in events
            ],
        )  # fmt: skip
