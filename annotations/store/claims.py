"""Claims: figures of many articles grouped as one stated quantity, read and edited.

Reads hand out `annotations.claims.model` dataclasses with each figure's article, value, verdict
and sources, and the conflicts among them (`annotations.claims.conflicts`). Every change is a
named operation with events, undone by `revert` like any other: saving a suggestion run,
confirming, renaming, splitting, merging, moving a figure, a claim's verdict and sources, and
applying those to the claim's figures (one operation per figure).

A suggested claim belongs to the suggestion runs: the next run replaces it. Any reviewer
operation on a claim makes it confirmed; runs never take anything out of a confirmed claim, they
only propose new figures for it.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from annotations.claims.conflicts import mark_conflicts
from annotations.claims.model import (
    Claim,
    ClaimMember,
    ClaimSource,
    ClaimState,
    ClaimSummary,
    SuggestedClaim,
)
from annotations.model import (
    Change,
    FigureKind,
    Qualifier,
    Source,
    SpanStatus,
    Stance,
    Verdict,
)
from annotations.store.errors import NotFound, StoreError
from annotations.store.rows import now, row_to_link
from annotations.store.sources import Sources
from annotations.urls import validate_url

_MEMBER_COLUMNS = (
    "m.claim_id, m.span_id, m.status, m.similarity, s.uuid, s.article_id, a.title, a.outlet,"
    ' a.published, a.url, s.text, s.start, s."end", s.value, s.low, s.high, s.qualifier, s.unit,'
    " s.counted, s.kind, s.verdict, s.status"
)
_ORDER = "coalesce(a.published, '9999'), a.rowid, s.start"
_CLAIM_COLUMNS = (
    "id, name, kind, unit, counted, subjects, status, verdict, note, created_at, updated_at"
)
_CHUNK = 500  # ids per IN (...) query


class Claims(Sources):
    """Claim reads and operations; mixed into `Store`."""

    # ------------------------------------------------------------------ reading
    def claims(
        self,
        conflicts_first: bool = True,
        *,
        state: ClaimState | str | None = None,
        conflicts_only: bool = False,
        article_id: str | None = None,
    ) -> list[Claim]:
        """Every claim with its figures. `conflicts_first`: claims with a conflict first, then
        by how many articles state them; else by id. `state` keeps suggested or confirmed
        ones; `conflicts_only` those with a conflict; `article_id` those with a figure there."""
        sql, args = f"SELECT {_CLAIM_COLUMNS} FROM claims", []
        where = []
        if state is not None:
            where.append("status = ?")
            args.append(str(ClaimState(state)))
        if article_id is not None:
            where.append("id IN (SELECT m.claim_id FROM claim_members m JOIN spans s"
                         " ON s.id = m.span_id WHERE s.article_id = ?)")  # fmt: skip
            args.append(article_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        claims = [_claim(r) for r in self.conn.execute(sql + " ORDER BY id", args)]
        self._fill(claims)
        if conflicts_only:
            claims = [c for c in claims if c.has_conflict]
        if conflicts_first:
            claims.sort(key=lambda c: (not c.has_conflict, -len(c.article_ids), c.id))
        return claims

    def claim_summaries(self, conflicts_first: bool = True) -> list[ClaimSummary]:
        """Every claim as one light row, in the order of `claims()`: what a list of tens of
        thousands of claims shows, read 500 claims at a time so their figures never all sit in
        memory together."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM claims ORDER BY id")]
        out: list[ClaimSummary] = []
        for i in range(0, len(ids), _CHUNK):
            part = ids[i : i + _CHUNK]
            rows = self.conn.execute(
                f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE id IN ({','.join('?' * len(part))})"
                " ORDER BY id",
                part,
            ).fetchall()
            claims = [_claim(r) for r in rows]
            self._fill(claims)
            out += (ClaimSummary.of(c) for c in claims)
        if conflicts_first:
            out.sort(key=lambda c: (not c.has_conflict, -c.articles, c.id))
        return out

    def claim(self, claim_id: int) -> Claim:
        row = self.conn.execute(
            f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no claim {claim_id}")
        claim = _claim(row)
        self._fill([claim])
        return claim

    def claims_for_article(self, article_id: str) -> list[Claim]:
        """The claims with a figure in `article_id`, conflicts first."""
        return self.claims(article_id=article_id)

    def claim_of_span(self, span_id: int) -> int | None:
        """The claim a figure belongs to, if any."""
        row = self.conn.execute(
            "SELECT claim_id FROM claim_members WHERE span_id = ?", (span_id,)
        ).fetchone()
        return row[0] if row else None

    def claim_count(self) -> dict[str, int]:
        """Claims by state: {"suggested": n, "confirmed": n}."""
        out = dict.fromkeys((s.value for s in ClaimState), 0)
        out.update(self.conn.execute("SELECT status, count(*) FROM claims GROUP BY status"))
        return out

    def claim_judged(self, claim_id: int) -> tuple[str | None, str] | None:
        """(reviewer, time) of the last change of the claim's verdict, or None."""
        return self.conn.execute(
            "SELECT r.name, e.at FROM events e LEFT JOIN reviewers r ON r.id = e.reviewer_id"
            " WHERE e.tbl = 'claims' AND e.row_id = ? AND e.op = 'set_claim_verdict'"
            " ORDER BY e.id DESC LIMIT 1",
            (str(claim_id),),
        ).fetchone()

    def conflicting_article_ids(self) -> list[str]:
        """Articles holding a figure that conflicts with another figure of its claim, in the
        order articles came in."""
        ids = {m.article_id for c in self.claims(conflicts_first=False, conflicts_only=True)
               for m in c.members if m.conflicts_with}  # fmt: skip
        if not ids:
            return []
        order = dict(self._in_query("SELECT id, rowid FROM articles WHERE id IN ({})", list(ids)))
        return sorted(ids, key=lambda a: order.get(a, 0))

    def _fill(self, claims: Sequence[Claim]) -> None:
        """Members (with their source links and conflicts) and sources of `claims`."""
        by_id = {c.id: c for c in claims}
        ids = list(by_id)
        for i in range(0, len(ids), _CHUNK):
            part = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(part))
            for r in self.conn.execute(
                f"SELECT {_MEMBER_COLUMNS} FROM claim_members m JOIN spans s ON s.id = m.span_id"
                f" JOIN articles a ON a.id = s.article_id WHERE m.claim_id IN ({marks})"
                f" ORDER BY {_ORDER}",
                part,
            ):
                by_id[r[0]].members.append(_member(r))
            for r in self.conn.execute(
                "SELECT l.claim_id, l.id, l.stance, l.excerpt, s.id, s.url, s.title, s.outlet,"
                " s.published, s.accessed FROM claim_sources l JOIN sources s ON s.id = l.source_id"
                f" WHERE l.claim_id IN ({marks}) ORDER BY l.id",
                part,
            ):
                by_id[r[0]].sources.append(_claim_source(r[1:]))
        members = {m.span_id: m for c in claims for m in c.members}
        spans = list(members)
        for i in range(0, len(spans), _CHUNK):
            part = spans[i : i + _CHUNK]
            for r in self.conn.execute(
                "SELECT l.id, l.span_id, l.stance, l.excerpt, s.id, s.url, s.title, s.outlet,"
                " s.published, s.accessed FROM span_sources l JOIN sources s ON s.id = l.source_id"
                f" WHERE l.span_id IN ({','.join('?' * len(part))}) ORDER BY l.id",
                part,
            ):
                members[r[1]].sources.append(row_to_link(r))
        for c in claims:
            mark_conflicts(c.members)

    # ------------------------------------------------------------------ suggestion runs
    def save_suggestions(self, suggested: Sequence[SuggestedClaim]) -> Change:
        """Replace the suggested claims with `suggested`, as one operation ("suggest_claims").

        Suggested claims and their members go; confirmed claims stay whole. A suggestion with a
        `claim_id` (a confirmed claim) adds its new figures to that claim as suggested members.
        Figures already in a claim, rejected ones and non-figures are skipped."""
        change = Change(op="suggest_claims")
        with self.transaction(bulk=True):
            op_id = self._next_op_id()
            stamp = now()
            self._bulk_delete(op_id, "claim_members",
                              "claim_id IN (SELECT id FROM claims WHERE status = 'suggested')")  # fmt: skip
            self._bulk_delete(op_id, "claims", "status = 'suggested'")
            mark_claims = self._max_id("claims")
            mark_members = self._max_id("claim_members")
            taken = {r[0] for r in self.conn.execute("SELECT span_id FROM claim_members")}
            figures = self._free_figures({sid for s in suggested for sid, _ in s.members} - taken)
            members: list[tuple] = []
            for s in suggested:
                chosen = [(sid, sim) for sid, sim in s.members if sid in figures]
                claim_id = s.claim_id
                if claim_id is None:
                    if len({figures[sid] for sid, _ in chosen}) < 2:
                        continue  # a claim is a figure stated by two articles or more
                    cur = self.conn.execute(
                        "INSERT INTO claims(name, kind, unit, counted, subjects, status, verdict,"
                        " created_at) VALUES (NULL, ?, ?, ?, ?, 'suggested', 'unverified', ?)",
                        (str(s.kind), s.unit, s.counted, json.dumps(s.subjects[:8]), stamp),
                    )
                    claim_id = cur.lastrowid
                for sid, sim in chosen:
                    members.append((claim_id, sid, round(sim, 3), stamp))
                    change.article_ids.add(figures.pop(sid))
                    change.span_ids.add(sid)
                change.claim_ids.add(claim_id)
            self.conn.executemany(
                "INSERT INTO claim_members(claim_id, span_id, status, similarity, created_at)"
                " VALUES (?, ?, 'suggested', ?, ?)",
                members,
            )
            self._bulk_log(op_id, "claims", mark_claims)
            self._bulk_log(op_id, "claim_members", mark_members)
            logged = self.conn.execute("SELECT 1 FROM events WHERE op_id = ?", (op_id,))
            if logged.fetchone() is not None:
                change.op_id = op_id  # else the run changed nothing: there is nothing to undo
        return change

    def _free_figures(self, span_ids: set[int]) -> dict[int, str]:
        """Of `span_ids`, the figures not rejected: span id -> article id."""
        rows = self._in_query(
            "SELECT id, article_id FROM spans WHERE label = 'FIGURE' AND status != 'rejected'"
            " AND id IN ({})",
            sorted(span_ids),
        )
        return dict(rows)

    def _max_id(self, tbl: str) -> int:
        return self.conn.execute(f'SELECT coalesce(max(id), 0) FROM "{tbl}"').fetchone()[0]

    def _bulk_delete(self, op_id: int, tbl: str, where: str) -> None:
        """Log (with the row before) and delete every row of `tbl` matching `where`."""
        self.conn.execute(
            "INSERT INTO events(op_id, at, reviewer_id, op, tbl, row_id, article_id, span_id,"
            f" before, after) SELECT ?, ?, ?, 'suggest_claims', '{tbl}', id, NULL,"
            f' {_span_ref(tbl)}, {_json_row(self.conn, tbl)}, NULL FROM "{tbl}" WHERE {where}'
            " ORDER BY id",
            (op_id, now(), self._reviewer_id),
        )
        self.conn.execute(f'DELETE FROM "{tbl}" WHERE {where}')

    def _bulk_log(self, op_id: int, tbl: str, mark: int) -> None:
        """Log every row of `tbl` past id `mark` as inserted by the suggestion run."""
        self.conn.execute(
            "INSERT INTO events(op_id, at, reviewer_id, op, tbl, row_id, article_id, span_id,"
            f" before, after) SELECT ?, ?, ?, 'suggest_claims', '{tbl}', id, NULL,"
            f' {_span_ref(tbl)}, NULL, {_json_row(self.conn, tbl)} FROM "{tbl}" WHERE id > ?'
            " ORDER BY id",
            (op_id, now(), self._reviewer_id, mark),
        )

    def claim_figures(self, batch: int = 2000) -> Iterator[tuple[tuple, list[tuple]]]:
        """What suggestions read, streamed article by article in order of published date
        (undated last, then import order): for each article with a figure, (article row,
        figure rows) with the text around each figure.

        article row: (article id, published, has entity spans); figure row: (span id, start,
        end, value, low, high, qualifier, unit, counted, kind, text before (up to 200 code
        points), text after (up to 200), [(start, end, label, text) of the entity spans within
        200 code points either side]). Rejected spans are left out."""
        order = self.conn.execute(
            "SELECT rowid, id, published FROM articles a WHERE EXISTS (SELECT 1 FROM spans s"
            " WHERE s.article_id = a.id AND s.label = 'FIGURE') ORDER BY"
            " coalesce(substr(published, 1, 10), '9999'), rowid"
        ).fetchall()
        for i in range(0, len(order), batch):
            arts = order[i : i + batch]
            ids = [a[1] for a in arts]
            marks = ",".join("?" * len(ids))
            figures: dict[str, list] = {}
            for r in self.conn.execute(
                'SELECT s.article_id, s.id, s.start, s."end", s.value, s.low, s.high,'
                " s.qualifier, s.unit, s.counted, s.kind,"
                " substr(a.text, max(1, s.start - 199), min(s.start, 200)),"
                ' substr(a.text, s."end" + 1, 200)'
                " FROM spans s JOIN articles a ON a.id = s.article_id"
                f" WHERE s.article_id IN ({marks}) AND s.label = 'FIGURE'"
                " AND s.status != 'rejected' ORDER BY s.article_id, s.start",
                ids,
            ):
                figures.setdefault(r[0], []).append([*r[1:], []])
            entities: dict[str, list] = {}
            for r in self.conn.execute(
                'SELECT article_id, start, "end", label, text FROM spans'
                f" WHERE article_id IN ({marks}) AND label != 'FIGURE' AND status != 'rejected'"
                " ORDER BY article_id, start",
                ids,
            ):
                entities.setdefault(r[0], []).append(r[1:])
            for _, aid, published in arts:
                ents = entities.get(aid, [])
                starts = [e[0] for e in ents]
                rows = figures.get(aid, [])
                for f in rows:  # entities are short: those starting within 250 either side
                    lo = bisect.bisect_left(starts, f[1] - 250)
                    hi = bisect.bisect_right(starts, f[2] + 200)
                    f[-1] = [e for e in ents[lo:hi] if e[1] > f[1] - 200]
                if rows:
                    yield (aid, published, bool(ents)), [tuple(f) for f in rows]

    def confirmed_groups(self) -> list[tuple[int, list[int]]]:
        """(claim id, span ids) of every confirmed claim: what a suggestion run builds on."""
        out: dict[int, list[int]] = {}
        for cid, sid in self.conn.execute(
            "SELECT m.claim_id, m.span_id FROM claim_members m JOIN claims c ON c.id = m.claim_id"
            " WHERE c.status = 'confirmed' ORDER BY m.claim_id, m.id"
        ):
            out.setdefault(cid, []).append(sid)
        return list(out.items())

    # ------------------------------------------------------------------ reviewer operations
    def confirm_claim(self, claim_id: int) -> Change:
        """The reviewer agrees: the claim and each of its figures' membership are confirmed."""
        with self._claim_op("confirm_claim", claim_id) as (change, op_id, _):
            for m in self._member_rows(claim_id):
                if m["status"] != ClaimState.CONFIRMED:
                    self._edit_member(change, op_id, dict(m, status=str(ClaimState.CONFIRMED)))
        return change

    def rename_claim(self, claim_id: int, name: str | None) -> Change:
        """Name the claim ("Gaza death toll"); an empty name goes back to the made-up label."""
        name = (name or "").strip() or None
        with self._claim_op("rename_claim", claim_id, name=name) as (change, _, _):
            pass
        return change

    def set_claim_verdict(
        self, claim_id: int, verdict: Verdict | str, note: str | None = None
    ) -> Change:
        """The claim's verdict (and, when given, a note saying why); `apply_claim` passes it on
        to its figures."""
        values: dict[str, Any] = {"verdict": str(Verdict(verdict))}
        if note is not None:
            values["note"] = note.strip() or None
        with self._claim_op("set_claim_verdict", claim_id, **values) as (change, _, _):
            pass
        return change

    def link_claim_source(
        self, claim_id: int, source: Source, stance: Stance | str = Stance.SUPPORTS,
        excerpt: str | None = None,
    ) -> Change:  # fmt: skip
        """A source for the claim (found by url, or created); linked again, its stance and
        excerpt are updated."""
        url = validate_url(source.url)
        stance = Stance(stance)
        with self._claim_op("link_claim_source", claim_id) as (change, op_id, _):
            source_id = self._source_id(change, op_id, url, source)
            existing = self.conn.execute(
                "SELECT id FROM claim_sources WHERE claim_id = ? AND source_id = ?",
                (claim_id, source_id),
            ).fetchone()
            values = {"claim_id": claim_id, "source_id": source_id, "stance": str(stance),
                      "excerpt": excerpt or None, "created_at": now()}  # fmt: skip
            self._edit(change, op_id, "claim_sources", existing[0] if existing else None, values)
        return change

    def unlink_claim_source(self, link_id: int) -> Change:
        row = self._row("claim_sources", link_id)
        if row is None:
            raise NotFound(f"no claim source {link_id}")
        with self._claim_op("unlink_claim_source", row["claim_id"]) as (change, op_id, _):
            self._edit(change, op_id, "claim_sources", link_id, None)
        return change

    def move_figure(self, span_id: int, claim_id: int | None) -> Change:
        """Put a figure in claim `claim_id` (taking it out of its claim, if any), confirmed; with
        None, only take it out. A claim left with no figure is deleted."""
        span = self._row("spans", span_id)
        if span is None or span["label"] != "FIGURE":
            raise StoreError(f"span {span_id} is not a figure; only figures belong to claims")
        old = self._row_where("claim_members", "span_id", span_id)
        if old is not None and old["claim_id"] == claim_id:
            if old["status"] == ClaimState.CONFIRMED:
                return Change(op="move_figure", claim_ids={claim_id}, span_ids={span_id})
        if claim_id is None and old is None:
            raise StoreError(f"‘{span['text']}’ is in no claim")
        target = claim_id if claim_id is not None else old["claim_id"]
        with self._claim_op("move_figure", target) as (change, op_id, _):
            change.span_ids.add(span_id)
            change.article_ids.add(span["article_id"])
            if old is not None:
                change.claim_ids.add(old["claim_id"])
            if claim_id is None:
                self._edit(change, op_id, "claim_members", old["id"], None, None, span_id)
            else:
                row = {"claim_id": claim_id, "span_id": span_id,
                       "status": str(ClaimState.CONFIRMED), "similarity": None,
                       "created_at": now()}  # fmt: skip
                if old is not None:
                    row = dict(old, claim_id=claim_id, status=str(ClaimState.CONFIRMED))
                self._edit_member(change, op_id, row)
            if old is not None:
                self._drop_if_empty(change, op_id, old["claim_id"])
        return change

    def split_claim(
        self, claim_id: int, span_ids: Iterable[int], name: str | None = None
    ) -> Change:
        """Move `span_ids` (some, not all, of the claim's figures) into a new confirmed claim;
        `change.created_claim_id` is the new one. Both claims are confirmed."""
        chosen = set(span_ids)
        rows = self._member_rows(claim_id)
        have = {m["span_id"] for m in rows}
        if not chosen or not chosen <= have:
            stray = sorted(chosen - have)
            raise StoreError(f"span {stray[0]} is not a figure of claim {claim_id}" if stray
                             else "choose the figures to split off")  # fmt: skip
        if chosen == have:
            raise StoreError("choose some of the claim's figures, not all, to split off")
        with self._claim_op("split_claim", claim_id) as (change, op_id, row):
            new = {k: row[k] for k in ("kind", "unit", "counted", "subjects")}
            new.update(name=(name or "").strip() or None, status=str(ClaimState.CONFIRMED),
                       verdict=str(Verdict.UNVERIFIED), note=None, created_at=now(),
                       updated_at=None)  # fmt: skip
            new_id = self._edit(change, op_id, "claims", None, new)
            change.claim_ids.add(new_id)
            change.created_claim_id = new_id
            for m in rows:
                if m["span_id"] in chosen:
                    self._edit_member(change, op_id, dict(m, claim_id=new_id))
        return change

    def merge_claims(self, into: int, others: Iterable[int]) -> Change:
        """Move every figure and source of `others` into claim `into` and delete them; `into`
        keeps its name and verdict (or takes the first other's, when it has none)."""
        others = [o for o in dict.fromkeys(others) if o != into]
        if not others:
            raise StoreError("choose at least one other claim to merge")
        for o in others:
            self.claim(o)  # NotFound names a missing one before anything is written
        with self._claim_op("merge_claims", into) as (change, op_id, row):
            have = {r[0] for r in self.conn.execute(
                "SELECT source_id FROM claim_sources WHERE claim_id = ?", (into,))}  # fmt: skip
            updates: dict[str, Any] = {}
            for o in others:
                orow = self._row("claims", o)
                if not (row["name"] or updates.get("name")) and orow["name"]:
                    updates["name"] = orow["name"]
                if row["verdict"] == Verdict.UNVERIFIED and "verdict" not in updates \
                        and orow["verdict"] != Verdict.UNVERIFIED:  # fmt: skip
                    updates["verdict"], updates["note"] = orow["verdict"], orow["note"]
                for m in self._member_rows(o):
                    self._edit_member(change, op_id, dict(m, claim_id=into))
                for link in self.conn.execute(
                    "SELECT id, source_id FROM claim_sources WHERE claim_id = ? ORDER BY id", (o,)
                ).fetchall():
                    if link[1] not in have:
                        have.add(link[1])
                        self._edit(change, op_id, "claim_sources", link[0],
                                   dict(self._row("claim_sources", link[0]), claim_id=into))  # fmt: skip
                self._edit(change, op_id, "claims", o, None)
                change.claim_ids.add(o)
            if updates:
                self._edit(
                    change, op_id, "claims", into, dict(self._row("claims", into), **updates)
                )
        return change

    def apply_claim(self, claim_id: int) -> list[Change]:
        """Give each figure of the claim the claim's verdict and sources: one operation
        ("apply_claim") per figure changed, so each can be undone alone. Figures a reviewer
        rejected are left out; the list holds one Change per figure changed."""
        claim = self.claim(claim_id)
        if claim.verdict is Verdict.UNVERIFIED and not claim.sources:
            raise StoreError(f"claim {claim_id} has no verdict or sources to apply yet")
        out = []
        for m in claim.members:
            if m.span_status is SpanStatus.REJECTED:
                continue
            change = self._apply_to_figure(claim, m)
            if change.op_id is not None:
                out.append(change)
        return out

    def _apply_to_figure(self, claim: Claim, m: ClaimMember) -> Change:
        change = Change(op="apply_claim", article_ids={m.article_id}, span_ids={m.span_id},
                        claim_ids={claim.id})  # fmt: skip
        with self.transaction():
            row = self._row("spans", m.span_id)
            op_id = None
            new = dict(row)
            if claim.verdict is not Verdict.UNVERIFIED and row["verdict"] != claim.verdict:
                new["verdict"] = str(claim.verdict)
            if row["status"] in (SpanStatus.SUGGESTED, SpanStatus.REJECTED):
                new["status"] = str(SpanStatus.ACCEPTED)  # judging a figure confirms it is one
            linked = {r[0]: r[1] for r in self.conn.execute(
                "SELECT source_id, id FROM span_sources WHERE span_id = ?", (m.span_id,))}  # fmt: skip
            links = [s for s in claim.sources if s.source.id not in linked]
            if new == row and not links:
                return change
            op_id = self._next_op_id()
            if new != row:
                new["updated_at"] = now()
                self._edit(change, op_id, "spans", m.span_id, new, m.article_id, m.span_id)
            for s in links:
                values = {"span_id": m.span_id, "source_id": s.source.id, "stance": str(s.stance),
                          "excerpt": s.excerpt, "created_at": now()}  # fmt: skip
                self._edit(change, op_id, "span_sources", None, values, m.article_id, m.span_id)
            self._record_decision(change, op_id, m.span_id)
            self._touch_article(change, op_id, m.article_id)
        change.op_id = op_id
        return change

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _claim_op(
        self, op: str, claim_id: int, **values: Any
    ) -> Iterator[tuple[Change, int, dict]]:
        """One operation on a claim, in one transaction: the claim made confirmed (and given
        `values`); yields (change, op id, the claim's row as it was). `change.op_id` stays None
        when nothing changed."""
        change = Change(op=op, claim_ids={claim_id})
        with self.transaction():
            row = self._row("claims", claim_id)
            if row is None:
                raise NotFound(f"no claim {claim_id}")
            op_id = self._next_op_id()
            new = dict(row, **values, status=str(ClaimState.CONFIRMED))
            if new != row:
                new["updated_at"] = now()
                self._edit(change, op_id, "claims", claim_id, new)
            yield change, op_id, row
        change.op_id = op_id if change.event_ids else None

    def _member_rows(self, claim_id: int) -> list[dict]:
        cur = self.conn.execute(
            "SELECT * FROM claim_members WHERE claim_id = ? ORDER BY id", (claim_id,)
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def _row_where(self, tbl: str, column: str, value: Any) -> dict | None:
        row = self.conn.execute(f'SELECT id FROM "{tbl}" WHERE {column} = ?', (value,)).fetchone()
        return self._row(tbl, row[0]) if row else None

    def _edit_member(self, change: Change, op_id: int, row: dict) -> None:
        article = self.conn.execute(
            "SELECT article_id FROM spans WHERE id = ?", (row["span_id"],)
        ).fetchone()
        if article:
            change.article_ids.add(article[0])
        change.span_ids.add(row["span_id"])
        change.claim_ids.add(row["claim_id"])
        key = row.get("id")
        values = {k: v for k, v in row.items() if k != "id"}
        self._edit(change, op_id, "claim_members", key, values, None, row["span_id"])

    def _drop_if_empty(self, change: Change, op_id: int, claim_id: int) -> None:
        left = self.conn.execute(
            "SELECT 1 FROM claim_members WHERE claim_id = ? LIMIT 1", (claim_id,)
        ).fetchone()
        if left is None:
            self._edit(change, op_id, "claims", claim_id, None)
            change.claim_ids.add(claim_id)


def _claim(r: tuple) -> Claim:
    return Claim(
        id=r[0], name=r[1], kind=FigureKind(r[2]), unit=r[3], counted=r[4],
        subjects=json.loads(r[5]) if r[5] else [], state=ClaimState(r[6]), verdict=Verdict(r[7]),
        note=r[8], created_at=r[9], updated_at=r[10],
    )  # fmt: skip


def _member(r: tuple) -> ClaimMember:
    return ClaimMember(
        span_id=r[1], state=ClaimState(r[2]), similarity=r[3], span_uuid=r[4], article_id=r[5],
        title=r[6], outlet=r[7], published=r[8], url=r[9], text=r[10], start=r[11], end=r[12],
        value=r[13], low=r[14], high=r[15], qualifier=Qualifier(r[16] or "exact"), unit=r[17],
        counted=r[18], kind=FigureKind(r[19] or "count"), verdict=Verdict(r[20] or "unverified"),
        span_status=SpanStatus(r[21]),
    )  # fmt: skip


def _claim_source(r: tuple) -> ClaimSource:
    return ClaimSource(
        id=r[0], stance=Stance(r[1]), excerpt=r[2],
        source=Source(id=r[3], url=r[4], title=r[5], outlet=r[6], published=r[7], accessed=r[8]),
    )  # fmt: skip


def _span_ref(tbl: str) -> str:
    return "span_id" if tbl == "claim_members" else "NULL"


def _json_row(conn, tbl: str) -> str:
    cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{tbl}")')]
    return "json_object(" + ", ".join(f"'{c}', \"{c}\"" for c in cols) + ")"
