"""`factmark merge`: bring reviewers' copies of a project back into one, without a server.

Each reviewer owns their layer, so two copies never edit the same row: a merge adds what the
target lacks, by keys that are the same in every copy — an article by its id and text (content
hash), a decision by article, reviewer and the span's anchor (offsets and label it was born
with), an event by its time, reviewer, operation, article and row before and after, a source
link by its span's anchor and the source's url. Merging the same file twice changes nothing. An article whose text differs between the copies is reported
and left as the target has it, with the other copy's decisions and events on it left out.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotations.store import Store, StoreError
from annotations.store.layers import ANCHOR, LAYER_COLUMNS, MergePlan

_COMPARED = (*LAYER_COLUMNS, "updated_at")


@dataclass
class MergeReport:
    source: str
    articles: int = 0
    decisions: int = 0
    events: int = 0
    links: int = 0
    links_kept: int = 0  # the target links the span to that source already, its way kept
    links_unplaced: int = 0  # on a span the target has no row for (one a reviewer added)
    differing: list[str] = field(default_factory=list)  # one line per article left out

    def summary(self, into: str) -> str:
        return (
            f"{self.source}: {self.articles} articles, {self.decisions} decisions, "
            f"{self.links} source links, {self.events} events merged into {into}"
            + (f"; {len(self.differing)} articles differ, left out" if self.differing else "")
            + (f"; {self.links_kept} links differ from the team's, the team's kept"
               if self.links_kept else "")
            + (f"; {self.links_unplaced} links on spans only in a reviewer's layer, not merged"
               if self.links_unplaced else "")
        )  # fmt: skip


class Merger:
    """Merges copies into `target` one after another, keeping what it learnt of the target."""

    def __init__(self, target: Store):
        self.target = target
        c = target.conn
        self.hashes = dict(c.execute("SELECT id, content_hash FROM articles"))
        self.decided: dict[tuple, tuple[int, tuple]] = {}
        cols = ", ".join(f'"{k}"' for k in (*ANCHOR, "id", *_COMPARED))
        for r in c.execute(f"SELECT {cols} FROM decisions"):
            self.decided[r[:5]] = (r[5], r[6:])
        self.anchors: dict[tuple, int] = {}  # (article, start, end, label) -> span id here
        for sid, *anchor in c.execute('SELECT id, article_id, start, "end", label FROM spans'):
            self.anchors.setdefault(tuple(anchor), sid)
        for sid, *anchor in c.execute(
            "SELECT span_id, article_id, anchor_start, anchor_end, anchor_label FROM decisions"
            " WHERE span_id IS NOT NULL"
        ):
            self.anchors[tuple(anchor)] = sid
        self.seen = {event_key(*e) for e in _events(c)}
        self.linked: dict[tuple[int, str], tuple] = {  # (span id here, url) -> stance, excerpt
            (sid, url): (stance, excerpt)
            for sid, url, stance, excerpt in c.execute(
                "SELECT l.span_id, s.url, l.stance, l.excerpt FROM span_sources l"
                " JOIN sources s ON s.id = l.source_id"
            )
        }

    def merge(self, path: str | Path) -> MergeReport:
        """Merge the copy at `path`; `StoreError` (nothing written) if it cannot be read."""
        path = str(path)
        if os.path.exists(path) and _same_file(path, self.target.path):
            raise StoreError(f"{path}: is the project being merged into; nothing merged")
        if not os.path.exists(path):
            raise StoreError(f"{path}: no such project file; nothing merged")
        source = Store(path)  # brings an older copy's schema up to date, layers back-filled
        try:
            report, plan = self._plan(source, path)
        finally:
            source.close()
        self.target.apply_merge(plan)
        return report

    def _plan(self, source: Store, path: str) -> tuple[MergeReport, MergePlan]:
        report, plan = MergeReport(path), MergePlan()
        c = source.conn
        differ: set[str] = set()
        new: set[str] = set()
        for aid, digest in c.execute("SELECT id, content_hash FROM articles ORDER BY rowid"):
            ours = self.hashes.get(aid)
            if ours is None:
                new.add(aid)
                article = source._row("articles", aid)
                spans = _rows(c, "SELECT * FROM spans WHERE article_id = ? ORDER BY id", aid)
                plan.articles.append((article, spans))
                self.hashes[aid] = digest
            elif ours != digest:
                differ.add(aid)
                report.differing.append(
                    f"{path}: article {aid}: its text differs from {self.target.path}'s; "
                    "kept the target's, this copy's decisions on it not merged"
                )
        report.articles = len(plan.articles)
        for row in _rows(c, "SELECT * FROM decisions ORDER BY id"):
            if row["article_id"] in differ:
                continue
            key = tuple(row[k] for k in ANCHOR)
            values = tuple(row[k] for k in _COMPARED)
            have = self.decided.get(key)
            if have is not None and (have[1] == values or have[1][-1] >= row["updated_at"]):
                continue  # the same, or the target's is the newer of the two
            copied = row["span_id"] if row["article_id"] in new else None
            row.pop("id")
            if have is None:
                row["span_id"] = self.anchors.get((row["article_id"], *key[2:]))
            else:
                row.pop("span_id")  # the target's link to its span stays
            plan.decisions.append((have[0] if have else None, row, copied))
            self.decided[key] = (have[0] if have else -1, values)
        report.decisions = len(plan.decisions)
        self._plan_links(source, differ, new, report, plan)
        for e in _events(c):
            if e[4] in differ:
                continue
            k = event_key(*e)
            if k in self.seen:
                continue
            self.seen.add(k)
            at, reviewer, op, op_id, article_id, before, after = e
            plan.events.append(dict(at=at, reviewer=reviewer, op=op, op_id=op_id,
                                    article_id=article_id, before=before, after=after))  # fmt: skip
        report.events = len(plan.events)
        return report, plan

    def _plan_links(self, source: Store, differ: set, new: set, report, plan: MergePlan) -> None:
        """The copy's source links the target lacks, on the target's span with the same anchor
        (or the span coming with a new article)."""
        for row in _rows(source.conn, _LINKS):
            art = row.pop("article_id")
            if art in differ:
                continue
            span = source._row("spans", row["span_id"])
            copied = row.pop("span_id")
            here = None
            if art not in new:
                anchor = source._anchor(copied, span)
                here = self.anchors.get(anchor) if anchor else None
                if here is None:
                    here = self.anchors.get((art, span["start"], span["end"], span["label"]))
                if here is None:
                    report.links_unplaced += 1
                    continue
            key = (here if here is not None else ("copied", copied), row["url"])
            have = self.linked.get(key)
            if have is not None:
                report.links_kept += have != (row["stance"], row["excerpt"])
                continue
            self.linked[key] = (row["stance"], row["excerpt"])
            plan.links.append((here, None if here is not None else copied, art, row))
        report.links = len(plan.links)


_LINKS = """
    SELECT p.article_id, l.span_id, l.stance, l.excerpt, l.created_at, s.url, s.title, s.outlet,
        s.published, s.accessed
    FROM span_sources l JOIN sources s ON s.id = l.source_id JOIN spans p ON p.id = l.span_id
    ORDER BY l.id
"""


def event_key(at, reviewer, op, _op_id, article_id, before, after) -> bytes:
    """An event's identity in every copy: what happened, when, by whom (row ids differ)."""
    parts = (at, reviewer or "", op, article_id or "", before or "", after or "")
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).digest()


def _events(c: sqlite3.Connection) -> Iterator[tuple]:
    return c.execute(
        "SELECT e.at, r.name, e.op, e.op_id, e.article_id, e.before, e.after FROM events e"
        " LEFT JOIN reviewers r ON r.id = e.reviewer_id ORDER BY e.id"
    )


def _rows(c: sqlite3.Connection, sql: str, *args) -> list[dict]:
    cur = c.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
