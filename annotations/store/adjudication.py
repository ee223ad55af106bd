"""Adjudication, the writing side: each difference between the reviewers' layers of an article
(`annotations.team.adjudicate`) is settled into the final version — the span rows every export
and every other feature reads — by one named operation: take a reviewer's version, take every
agreement, reject, edit, keep the sources of every layer. Each records what was settled (the
`adjudications` table) with its events, so undo takes it back; when the last difference of an
article is settled, the same operation moves the article to `adjudicated`. The adjudicator's
own layer is never written: adjudicating is not reviewing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotations.model import ArticleStatus, Change, Figure, Span, SpanStatus, Verdict
from annotations.store.errors import NotFound, StoreError
from annotations.store.layers import LayerMerge
from annotations.store.rows import figure_columns, now
from annotations.team.adjudicate import Anchor, Difference, Item, line_up, span_key

# The project setting: "off" leaves agreements for the adjudicator to take (default: taken
# automatically when an article is opened for adjudication, as INCEpTION's curation does).
TAKE_AGREEMENTS = "adjudication_take_agreements"


class Adjudication(LayerMerge):
    """Settling the final version from the layers; mixed into `Store`."""

    # ------------------------------------------------------------------ reading
    def differences(self, article_id: str) -> list[Difference]:
        """The article's places where reviewers decided something, in text order, each with
        every reviewer's version, the final version's spans and what settled it (if anything)."""
        if not self.has_article(article_id):
            raise NotFound(f"no article {article_id!r}")
        decided = self.decisions(article_id=article_id)
        reviewers = sorted({d.reviewer for d in decided})
        by_row = {d.span.id: (d.anchor, d.span) for d in decided if d.span.id is not None}
        born = self._born_rows(article_id)
        rows = []
        for s in self.spans(article_id):
            first = born.get(s.id)
            anchor = by_row[s.id][0] if s.id in by_row else (
                (first["start"], first["end"], first["label"]) if first else (s.start, s.end, s.label)
            )  # fmt: skip
            rows.append(Item(None, anchor, s))
        found = line_up(article_id, [Item(d.reviewer, d.anchor, d.span) for d in decided], rows,
                        reviewers)  # fmt: skip
        settled = {
            (r[0], r[1], r[2]): (r[3], r[4])
            for r in self.conn.execute(
                "SELECT anchor_start, anchor_end, anchor_label, outcome, taken_from"
                " FROM adjudications WHERE article_id = ?",
                (article_id,),
            )
        }
        links = self._links_by_who(article_id)
        for d in found:
            hit = next((settled[a] for a in sorted(d.anchors) if a in settled), None)
            if hit is not None:
                d.outcome, d.taken_from = hit
            d.links = [x for s in d.rows for x in links.get(s.id, [])]
        return found

    def _links_by_who(self, article_id: str) -> dict[int, list]:
        """Each span's source links with the name of whoever linked it (None: not recorded). A
        link a merge brought from a copy is the merge's row here; who made it is in the copy's
        history, found by the link's creation time and stance."""
        who = dict(
            self.conn.execute(
                "SELECT CAST(e.row_id AS INTEGER), r.name FROM events e"
                " LEFT JOIN reviewers r ON r.id = e.reviewer_id WHERE e.tbl = 'span_sources'"
                " AND e.before IS NULL AND e.article_id = ? AND e.op != 'merge' ORDER BY e.id",
                (article_id,),
            )
        )
        copied = {
            (r[0], r[1]): r[2]
            for r in self.conn.execute(
                "SELECT json_extract(e.after, '$.created_at'), json_extract(e.after, '$.stance'),"
                " r.name FROM events e JOIN reviewers r ON r.id = e.reviewer_id"
                " WHERE e.tbl IS NULL AND e.op = 'link_source' AND e.article_id = ?",
                (article_id,),
            )
        }
        made = dict(
            self.conn.execute(
                "SELECT l.id, l.created_at FROM span_sources l JOIN spans s ON s.id = l.span_id"
                " WHERE s.article_id = ?",
                (article_id,),
            )
        )
        return {
            sid: [
                (who.get(link.id) or copied.get((made.get(link.id), str(link.stance))), link)
                for link in found
            ]
            for sid, found in self.article_links(article_id).items()
        }

    def adjudication_refused(self, article_id: str) -> str | None:
        """Why the acting reviewer may not see the article's differences (None: they may): with
        blind review on, one of its reviewers would see the others' decisions."""
        if not (self.blind() and self.reviewer):
            return None
        if self.reviewer in {d.reviewer for d in self.decisions(article_id=article_id)}:
            return (
                f"Blind review is on and {self.reviewer} reviewed this article: someone "
                "who did not review it adjudicates it."
            )
        return None

    def next_to_adjudicate(self, after: str | None = None) -> str | None:
        """The next article (list order, wrapping) that two or more reviewers decided in and
        that is not adjudicated yet."""
        mark = 0
        if after:
            got = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (after,)).fetchone()
            mark = got[0] if got else 0
        pick = (
            "SELECT a.id FROM articles a WHERE a.status != 'adjudicated' AND a.rowid {} ?"
            " AND (SELECT count(DISTINCT d.reviewer) FROM decisions d"
            " WHERE d.article_id = a.id) >= 2 ORDER BY a.rowid LIMIT 1"
        )
        for sql in (pick.format(">"), pick.format("<=")):
            got = self.conn.execute(sql, (mark,)).fetchone()
            if got and got[0] != after:
                return got[0]
        return None

    # ------------------------------------------------------------------ the setting
    def take_agreements_automatically(self) -> bool:
        return self.setting(TAKE_AGREEMENTS) != "off"

    def set_take_agreements(self, on: bool) -> Change:
        """Whether opening an article for adjudication takes its agreements; undoable."""
        return self.set_setting(TAKE_AGREEMENTS, None if on else "off")

    def prepare_adjudication(self, article_id: str) -> Change:
        """What opening an article for adjudication writes: its agreements, when the project
        takes them automatically (the default); otherwise nothing."""
        if not self.take_agreements_automatically():
            return Change(op="take_agreements", article_ids={article_id})
        return self.take_agreements(article_id)

    # ------------------------------------------------------------------ operations
    def take_agreements(self, article_id: str) -> Change:
        """Write every difference the reviewers all decided alike, not settled yet, into the
        final version, as one operation (nothing to take: a Change without op_id)."""
        change = Change(op="take_agreements", article_ids={article_id})
        with self.transaction():
            todo = [d for d in self.differences(article_id) if d.agreed and not d.settled]
            if not todo:
                return change
            op_id = self._next_op_id()
            for d in todo:
                self._write_final(change, op_id, d, _agreed_version(d))
                self._record_settled(change, op_id, d, "agreed", None)
            self._mark_if_adjudicated(change, op_id, article_id)
        change.op_id = op_id
        return change

    def take_version(self, article_id: str, key: Anchor, reviewer: str) -> Change:
        """Make the final version of the difference `key` what `reviewer` decided there: their
        spans with offsets, label, status, note, figure and verdict; none if they rejected it or
        decided nothing there. The final version's other spans there are rejected."""
        change = Change(op="adjudicate", article_ids={article_id})
        with self.transaction():
            d = self._difference(article_id, key)
            if reviewer not in d.reviewers:
                raise StoreError(f"{reviewer!r} has no layer in article {article_id}; its "
                                 f"reviewers are {', '.join(d.reviewers)}")  # fmt: skip
            op_id = self._next_op_id()
            self._write_final(change, op_id, d, d.versions[reviewer])
            self._record_settled(change, op_id, d, "taken", reviewer)
            self._mark_if_adjudicated(change, op_id, article_id)
        change.op_id = op_id
        return change

    def reject_difference(self, article_id: str, key: Anchor) -> Change:
        """No span here in the final version, whatever the reviewers decided."""
        change = Change(op="adjudicate_reject", article_ids={article_id})
        with self.transaction():
            d = self._difference(article_id, key)
            op_id = self._next_op_id()
            self._write_final(change, op_id, d, [])
            self._record_settled(change, op_id, d, "rejected", None)
            self._mark_if_adjudicated(change, op_id, article_id)
        change.op_id = op_id
        return change

    def adjudicate(self, span_id: int, take_from_reviewer: str) -> Change:
        """Take `take_from_reviewer`'s version of the difference the span `span_id` is in."""
        row = self._row("spans", span_id)
        if row is None:
            raise NotFound(f"no span {span_id}")
        d = next(
            (
                d
                for d in self.differences(row["article_id"])
                if any(s.id == span_id for s in d.rows)
            ),
            None,
        )
        if d is None or not d.decided.get(take_from_reviewer):
            who = ", ".join(r for r in (d.reviewers if d else ()) if d.decided[r]) or "nobody"
            raise StoreError(
                f"{take_from_reviewer!r} made no decision on ‘{row['text']}’; decided by {who}"
            )
        return self.take_version(row["article_id"], d.key, take_from_reviewer)

    def adjudicate_edit(
        self,
        span_id: int,
        *,
        label: str | None = None,
        figure: Figure | None = None,
        verdict: Verdict | str | None = None,
        note: str | None = None,
        bounds: tuple[int, int] | None = None,
    ) -> Change:
        """The adjudicator's own edit of a final span (one of label, figure, verdict, note,
        bounds), as the review operations make it but in no layer; it settles the difference
        the span is in."""
        asked = [x for x in (label, figure, verdict, note, bounds) if x is not None]
        if len(asked) != 1:
            raise StoreError("an adjudicator's edit changes one thing at a time")
        self._settling = "adjudicate_edit"
        try:
            if label is not None:
                return self.relabel(span_id, label)
            if figure is not None:
                return self.update_figure(span_id, figure)
            if verdict is not None:
                return self.set_verdict(span_id, verdict)
            if note is not None:
                return self.set_note(span_id, note)
            return self.resize(span_id, *bounds)
        finally:
            self._settling = None

    def keep_sources(self, article_id: str, key: Anchor) -> Change:
        """Link the final span of the difference to every source linked to any span there (every
        layer's), each with its stance and excerpt; one operation."""
        change = Change(op="adjudicate_sources", article_ids={article_id})
        with self.transaction():
            d = self._difference(article_id, key)
            final = d.final()
            if not final:
                raise StoreError("the final version has no span here: take a version (1–9) first")
            target = final[0].id
            have = {link.source.id for _, link in d.links if link.span_id == target}
            op_id = self._next_op_id()
            for _, link in d.links:
                if link.source.id in have:
                    continue
                have.add(link.source.id)
                row = {"span_id": target, "source_id": link.source.id, "stance": str(link.stance),
                       "excerpt": link.excerpt, "created_at": now()}  # fmt: skip
                self._edit(change, op_id, "span_sources", None, row, article_id, target)
            if not change.event_ids:
                return change
            change.span_ids.add(target)
        change.op_id = op_id
        return change

    # ------------------------------------------------------------------ plumbing
    def _difference(self, article_id: str, key: Anchor) -> Difference:
        key = tuple(key)  # type: ignore[assignment]
        for d in self.differences(article_id):
            if d.key == key or key in d.anchors:
                return d
        raise NotFound(f"no difference at {key} in article {article_id}")

    def _write_final(
        self, change: Change, op_id: int, d: Difference, spans: Sequence[Span]
    ) -> None:
        """Make the final version's span rows of `d` hold `spans`: a row the span came from (or
        at its place) is updated, else one is added; the other rows there are rejected."""
        stamp = now()
        used: set[int] = set()
        for s in spans:
            rid = s.id if any(r.id == s.id for r in d.rows) and s.id not in used else None
            if rid is None:
                place = (s.start, s.end, s.label)
                rid = next((r.id for r in d.rows if r.id not in used
                            and (r.start, r.end, r.label) == place), None)  # fmt: skip
            values = _final_values(s)
            if rid is None:
                row = dict(values, article_id=d.article_id, origin="reviewer", confidence=None,
                           created_at=stamp, updated_at=stamp)  # fmt: skip
                rid = self._edit(change, op_id, "spans", None, row, d.article_id)
            else:
                current = self._row("spans", rid)
                if any(current[k] != v for k, v in values.items()):
                    new = dict(current, **values, updated_at=stamp)
                    self._edit(change, op_id, "spans", rid, new, d.article_id, rid)
            used.add(rid)
            change.span_ids.add(rid)
        for r in d.rows:
            if r.id not in used and r.status is not SpanStatus.REJECTED:
                new = dict(
                    self._row("spans", r.id), status=str(SpanStatus.REJECTED), updated_at=stamp
                )
                self._edit(change, op_id, "spans", r.id, new, d.article_id, r.id)
                change.span_ids.add(r.id)

    def _record_settled(
        self, change: Change, op_id: int, d: Difference, outcome: str, taken_from: str | None
    ) -> None:
        marks = " OR ".join("(anchor_start = ? AND anchor_end = ? AND anchor_label = ?)"
                            for _ in d.anchors)  # fmt: skip
        got = self.conn.execute(
            f"SELECT id FROM adjudications WHERE article_id = ? AND ({marks}) ORDER BY id LIMIT 1",
            [d.article_id, *(x for a in sorted(d.anchors) for x in a)],
        ).fetchone()
        key = self._settled_key(got[0]) if got else d.key  # a settlement keeps its key
        row = {"article_id": d.article_id, "anchor_start": key[0], "anchor_end": key[1],
               "anchor_label": key[2], "outcome": outcome, "taken_from": taken_from,
               "adjudicator": self.reviewer, "updated_at": now()}  # fmt: skip
        self._edit(change, op_id, "adjudications", got[0] if got else None, row, d.article_id)

    def _settled_key(self, row_id: int) -> tuple[int, int, str]:
        row = self._row("adjudications", row_id)
        return (row["anchor_start"], row["anchor_end"], row["anchor_label"])

    def _settle_edited(self, change: Change, op_id: int, span_id: int) -> None:
        """The adjudicator edited a final span (`adjudicate_edit`): its difference is settled."""
        row = self._row("spans", span_id)
        if row is None:
            return
        aid = row["article_id"]
        d = next((d for d in self.differences(aid) if any(s.id == span_id for s in d.rows)), None)
        if d is not None:
            self._record_settled(change, op_id, d, "edited", None)
            self._mark_if_adjudicated(change, op_id, aid)

    def _mark_if_adjudicated(self, change: Change, op_id: int, article_id: str) -> None:
        """Every difference settled: the article moves to adjudicated in the same operation."""
        if any(not d.settled for d in self.differences(article_id)):
            return
        row = self._row("articles", article_id)
        if row["status"] != ArticleStatus.ADJUDICATED.value:
            new = dict(row, status=str(ArticleStatus.ADJUDICATED), updated_at=now())
            self._edit(change, op_id, "articles", article_id, new, article_id)


def _final_values(s: Span) -> dict[str, Any]:
    """The span columns a reviewer's decision sets on a final span row."""
    figure = s.figure if s.figure is not None or not s.is_figure else Figure()
    return {"start": s.start, "end": s.end, "label": s.label, "text": s.text,
            "status": str(s.status), "note": s.note, **figure_columns(figure)}  # fmt: skip


def _agreed_version(d: Difference) -> list[Span]:
    """The version every reviewer gave, with each of their notes on a span kept (distinct ones
    joined), since notes are not compared."""
    first = d.versions[d.reviewers[0]]
    out = []
    for s in first:
        notes = [t.note for r in d.reviewers for t in d.versions[r]
                 if span_key(t) == span_key(s) and t.note]  # fmt: skip
        note = "; ".join(dict.fromkeys(notes)) or None
        out.append(Span(**{**s.__dict__, "note": note}))
    return out
