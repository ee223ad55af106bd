"""Property test of the store's promises under two reviewers doing everything at once: every
kind of span operation, source links, undo and redo of random operations, re-highlighting and
text updates, over two connections to one file."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from annotations.importers import import_paths, rehighlight
from annotations.model import Article, Figure, Source, Span
from annotations.store import Store, StoreError

TEXTS = {
    "a": "Some 1,400 people died in Gaza City, said Ana Diaz of the UN on Monday.",
    "b": "More than 9,000 fatalities were counted in Sudan by the WHO, Ben Okafor said.",
}
EDITS = [
    lambda t: "Breaking. " + t,
    lambda t: t.replace("said", "told reporters"),
    lambda t: t.replace(" of the UN", "").replace(" by the WHO", ""),
    lambda t: t + " More follows.",
]


class Words:
    """A highlighter suggesting every capitalised word."""

    def pipe(self, texts, batch_size=1, n_process=1):
        import re

        for t in texts:
            yield [Span(m.start(), m.end(), "ORG", m.group()) for m in re.finditer(r"[A-Z]\w+", t)]


class TwoReviewers(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.dir = Path(tempfile.mkdtemp())
        self.path = self.dir / "p.db"
        first = Store(self.path, reviewer="ana")
        items = []
        for aid, text in TEXTS.items():
            items.append((Article(id=aid, text=text), next(iter(Words().pipe([text]))), None))
        first.insert_articles(items)
        self.stores = [first, Store(self.path, reviewer="ben")]
        self.ops: list[int] = []
        self.version = 0

    def teardown(self):
        for s in self.stores:
            s.close()

    def _span_ids(self) -> list[int]:
        return [r[0] for r in self.stores[0].conn.execute("SELECT id FROM spans ORDER BY id")]

    def _do(self, fn):
        try:
            change = fn()
        except StoreError:
            return
        if change is not None and getattr(change, "op_id", None):
            self.ops.append(change.op_id)

    @rule(who=st.integers(0, 1), pick=st.integers(0, 10**6),
          kind=st.sampled_from(["accept", "reject", "relabel", "resize", "nudge", "note",
                                "verdict", "figure", "link", "unlink", "delete", "stale"]))  # fmt: skip
    def span_operation(self, who, pick, kind):
        ids = self._span_ids()
        if not ids:
            return
        s, sid = self.stores[who], ids[pick % len(ids)]
        span = s.span(sid)
        ops = {
            "accept": lambda: s.accept(sid),
            "reject": lambda: s.reject(sid),
            "relabel": lambda: s.relabel(sid, ["PERSON", "FIGURE", "GPE"][pick % 3]),
            "resize": lambda: s.resize(sid, span.start, span.end + 1 + pick % 3),
            "nudge": lambda: s.nudge(sid, ["start", "end"][pick % 2], [-1, 1][pick // 2 % 2]),
            "note": lambda: s.set_note(sid, f"note {pick}"),
            "verdict": lambda: s.set_verdict(sid, "disputed"),
            "figure": lambda: s.update_figure(sid, Figure(value=pick % 100, counted="people")),
            "link": lambda: s.link_source(
                sid, Source(url=f"https://s.org/{pick % 4}"), ["supports", "contradicts"][pick % 2]
            ),  # fmt: skip
            "unlink": lambda: [s.unlink_source(link.id) for link in s.links(sid)][:1] or None,
            "delete": lambda: s.delete_span(sid),
            # the other reviewer changed it since the panel showed it
            "stale": lambda: s.set_note(sid, "late", expected=span),
        }
        if kind == "unlink":
            links = s.links(sid)
            if links:
                self._do(lambda: s.unlink_source(links[0].id))
            return
        if kind == "stale":
            self.stores[1 - who].set_note(sid, f"first {pick}")
        self._do(ops[kind])

    @rule(who=st.integers(0, 1), aid=st.sampled_from(sorted(TEXTS)), at=st.integers(0, 60))
    def add_span(self, who, aid, at):
        text = self.stores[who].article(aid).text
        start = at % max(1, len(text) - 6)
        self._do(lambda: self.stores[who].add_span(aid, start, start + 5, "PERSON"))

    @rule(who=st.integers(0, 1), pick=st.integers(0, 10**6))
    def undo_and_redo(self, who, pick):
        if not self.ops:
            return
        s = self.stores[who]
        op = self.ops[pick % len(self.ops)]
        try:
            undo = s.revert(op)
        except StoreError:
            return
        self.ops.append(undo.op_id)
        if pick % 2:  # redo at once: every row comes back as it was
            redo = s.revert(undo.op_id)
            self.ops.append(redo.op_id)
            for tbl, key, after in _afters(s, op):
                assert _current(s, tbl, key) == after, (tbl, key)

    @rule(who=st.integers(0, 1))
    def rehighlight(self, who):
        rehighlight(self.stores[who], Words())

    @rule(who=st.integers(0, 1), aid=st.sampled_from(sorted(TEXTS)), edit=st.integers(0, 3))
    def update(self, who, aid, edit):
        self.version += 1
        text = EDITS[edit](self.stores[who].article(aid).text)
        folder = self.dir / f"v{self.version}"
        folder.mkdir()
        (folder / f"{aid}.txt").write_text(text, encoding="utf-8")
        import_paths(self.stores[who], [folder], highlighter=Words(), update=True)

    # ------------------------------------------------------------------ invariants
    @invariant()
    def every_span_quotes_its_article(self):
        bad = (
            self.stores[0]
            .conn.execute(
                "SELECT s.id FROM spans s JOIN articles a ON a.id = s.article_id"
                ' WHERE substr(a.text, s.start + 1, s."end" - s.start) IS NOT s.text'
            )
            .fetchall()
        )
        assert bad == []

    @invariant()
    def no_orphan_links(self):
        c = self.stores[1].conn
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        assert (
            c.execute(
                "SELECT count(*) FROM span_sources l LEFT JOIN spans s ON s.id = l.span_id"
                " WHERE s.id IS NULL"
            ).fetchone()[0]
            == 0
        )

    @invariant()
    def every_row_is_as_its_last_event_left_it(self):
        s = self.stores[0]
        for tbl in ("articles", "spans", "span_sources", "sources"):
            last = dict(
                (r[0], r[1])
                for r in s.conn.execute(
                    "SELECT row_id, after FROM events WHERE id IN (SELECT max(id) FROM events"
                    " WHERE tbl = ? GROUP BY row_id)",
                    (tbl,),
                )
            )
            key = "id"
            for (row_id,) in s.conn.execute(f"SELECT {key} FROM {tbl}"):
                assert str(row_id) in last, f"{tbl} {row_id} has no event"
                logged = json.loads(last[str(row_id)]) if last[str(row_id)] else None
                assert logged is not None, f"{tbl} {row_id} exists but its last event deleted it"
                current = _current(s, tbl, row_id)
                assert all(current[k] == v for k, v in logged.items()), (tbl, row_id)
            # a row gone from the table went with an event naming who removed it
            present = {str(r[0]) for r in s.conn.execute(f"SELECT {key} FROM {tbl}")}
            for row_id, after in last.items():
                if row_id not in present:
                    assert after is None, f"{tbl} {row_id} vanished without an event"
        assert (
            s.conn.execute(
                "SELECT count(*) FROM events WHERE tbl IS NOT NULL AND reviewer_id IS NULL"
            ).fetchone()[0]
            == 0
        )


def _current(s: Store, tbl: str, key):
    return s._row(tbl, key if tbl == "articles" else int(key))


def _afters(s: Store, op: int):
    """Each row an operation touched with its state after the operation's last event on it."""
    last: dict = {}
    for tbl, key, after in s.conn.execute(
        "SELECT tbl, row_id, after FROM events WHERE op_id = ? AND tbl IS NOT NULL ORDER BY id",
        (op,),
    ):
        last[(tbl, key)] = json.loads(after) if after else None
    for (tbl, key), after in last.items():
        if tbl == "articles":
            # bulk events log the text by its hash, and an article's new -> in review is a side
            # effect undo leaves where later work kept it; the invariant compares articles
            continue
        yield tbl, key, after


TwoReviewers.TestCase.settings = settings(
    max_examples=60, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip
test_two_reviewers = TwoReviewers.TestCase
