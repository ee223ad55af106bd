"""Reviewer operations on claims: each does what it says, is one operation with events, and
undo puts every row back as it was."""

from __future__ import annotations

import pytest

from annotations.model import Source
from annotations.store import StoreError
from annotations.store.errors import NotFound

TABLES = ("claims", "claim_members", "claim_sources", "spans", "span_sources", "sources",
          "articles", "decisions")  # fmt: skip


def state(store) -> dict:
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}


def undo(store, change) -> None:
    """Revert `change`, which must be one logged operation (the caller compares the state)."""
    assert change.op_id is not None and change.event_ids
    store.revert(change.op_id)


def test_confirm_makes_the_claim_and_its_figures_confirmed_and_undoes(tiny):
    s = tiny.store
    before = state(s)
    change = s.confirm_claim(tiny.claim_id)
    claim = s.claim(tiny.claim_id)
    assert claim.state == "confirmed" and {m.state for m in claim.members} == {"confirmed"}
    assert [e.op for e in s.events(limit=1)] == ["confirm_claim"]
    undo(s, change)
    assert state(s) == before


def test_rename_names_the_claim_and_undoes(tiny):
    s = tiny.store
    before = state(s)
    change = s.rename_claim(tiny.claim_id, "  Gaza death toll ")
    assert s.claim(tiny.claim_id).label == "Gaza death toll"
    undo(s, change)
    assert state(s) == before and s.claim(tiny.claim_id).label == "deaths · gaza"


def test_split_moves_the_chosen_figures_into_a_new_claim_and_undoes(tiny):
    s = tiny.store
    before = state(s)
    change = s.split_claim(tiny.claim_id, [tiny.spans["ap"]], name="Ministry figure")
    new = s.claim(change.created_claim_id)
    assert [m.article_id for m in new.members] == ["ap"] and new.name == "Ministry figure"
    old = s.claim(tiny.claim_id)
    assert {m.article_id for m in old.members} == {"bbc", "afp"} and not old.has_conflict
    undo(s, change)
    assert state(s) == before


def test_merge_moves_figures_and_sources_and_deletes_the_other_claim_and_undoes(tiny):
    s = tiny.store
    other = s.split_claim(tiny.claim_id, [tiny.spans["afp"]]).created_claim_id
    s.link_claim_source(other, Source("https://example.org/who", title="WHO"))
    before = state(s)
    change = s.merge_claims(tiny.claim_id, [other])
    claim = s.claim(tiny.claim_id)
    assert {m.article_id for m in claim.members} == {"bbc", "ap", "afp"}
    assert [x.source.url for x in claim.sources] == ["https://example.org/who"]
    with pytest.raises(NotFound):
        s.claim(other)
    undo(s, change)
    assert state(s) == before


def test_moving_a_figure_between_claims_and_out_undoes_each_step(tiny):
    s = tiny.store
    lagos = tiny.spans["lagos"]
    other = s.split_claim(tiny.claim_id, [tiny.spans["afp"]]).created_claim_id
    before = state(s)
    into = s.move_figure(lagos, other)
    assert s.claim_of_span(lagos) == other
    assert s.claim(other).member(lagos).state == "confirmed"
    between = state(s)
    away = s.move_figure(tiny.spans["afp"], tiny.claim_id)  # the last figure leaves: gone
    assert s.claim_of_span(tiny.spans["afp"]) == tiny.claim_id
    out = s.move_figure(lagos, None)
    assert s.claim_of_span(lagos) is None
    with pytest.raises(NotFound):
        s.claim(other)
    undo(s, out)
    undo(s, away)
    assert state(s) == between
    undo(s, into)
    assert state(s) == before


def test_verdict_and_sources_on_a_claim_apply_to_each_figure_one_undoable_operation_each(tiny):
    s = tiny.store
    s.set_claim_verdict(tiny.claim_id, "disputed", note="The ministry gives two figures")
    s.link_claim_source(tiny.claim_id, Source("https://example.org/moh"), stance="contradicts")
    before = state(s)
    changes = s.apply_claim(tiny.claim_id)
    assert len(changes) == 3 and len({c.op_id for c in changes}) == 3
    for aid in ("bbc", "ap", "afp"):
        [span] = s.spans(aid)
        assert span.figure.verdict == "disputed" and span.status == "accepted"
        assert [(ln.source.url, ln.stance) for ln in s.links(span.id)] == [
            ("https://example.org/moh", "contradicts")]  # fmt: skip
    assert s.spans("lagos")[0].figure.verdict == "unverified"
    middle = changes[1]
    undo(s, middle)  # one figure alone goes back
    assert [sp.figure.verdict for a in ("bbc", "ap", "afp") for sp in s.spans(a)].count(
        "disputed"
    ) == 2
    for c in (changes[0], changes[2]):
        undo(s, c)
    assert state(s) == before
    assert s.apply_claim(tiny.claim_id) and s.apply_claim(tiny.claim_id) == []  # nothing left


def test_unlinking_a_claim_source_undoes(tiny):
    s = tiny.store
    s.link_claim_source(tiny.claim_id, Source("https://example.org/moh"))
    [link] = s.claim(tiny.claim_id).sources
    before = state(s)
    change = s.unlink_claim_source(link.id)
    assert s.claim(tiny.claim_id).sources == []
    undo(s, change)
    assert state(s) == before


def test_deleting_a_figure_takes_it_out_of_its_claim_and_undo_puts_it_back(tiny):
    s = tiny.store
    text = s.article("lagos").text
    added = s.add_span("lagos", text.index("people"), text.index("people") + 6, "FIGURE")
    s.move_figure(added.created_span_id, tiny.claim_id)
    before = state(s)
    change = s.delete_span(added.created_span_id)
    assert s.claim_of_span(added.created_span_id) is None
    undo(s, change)
    assert state(s) == before and s.claim_of_span(added.created_span_id) == tiny.claim_id


def test_every_claim_operation_turns_a_suggestion_into_the_reviewers_claim(tiny):
    s = tiny.store
    s.set_claim_verdict(tiny.claim_id, "false")
    assert s.claim(tiny.claim_id).state == "confirmed"
    assert s.save_suggestions([]).op_id is None  # a run that finds nothing leaves it alone
    assert s.claim(tiny.claim_id).verdict == "false"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda t: t.store.split_claim(t.claim_id, []), "choose the figures"),
        (lambda t: t.store.split_claim(t.claim_id, list(t.spans.values())[:3]), "not all"),
        (lambda t: t.store.split_claim(t.claim_id, [t.spans["lagos"]]), "not a figure of claim"),
        (lambda t: t.store.merge_claims(t.claim_id, [t.claim_id]), "at least one other"),
        (lambda t: t.store.merge_claims(t.claim_id, [999]), "no claim 999"),
        (lambda t: t.store.move_figure(t.spans["lagos"], None), "in no claim"),
        (lambda t: t.store.apply_claim(t.claim_id), "no verdict or sources"),
        (lambda t: t.store.rename_claim(999, "x"), "no claim 999"),
    ],
)
def test_operations_refuse_what_cannot_be_done_in_words_and_change_nothing(tiny, call, message):
    before = state(tiny.store)
    with pytest.raises(StoreError, match=message):
        call(tiny)
    assert state(tiny.store) == before


def test_claims_for_an_article_are_those_with_a_figure_in_it(tiny):
    s = tiny.store
    assert [c.id for c in s.claims_for_article("bbc")] == [tiny.claim_id]
    assert s.claims_for_article("lagos") == []


def test_rehighlighting_keeps_figures_of_confirmed_claims_and_drops_suggested_members(tiny):
    s = tiny.store
    s.split_claim(tiny.claim_id, [tiny.spans["afp"]])  # both now confirmed claims...
    s.move_figure(tiny.spans["ap"], None)  # ...and ap's figure in none
    s.confirm_claim(tiny.claim_id)
    s.replace_suggestions("bbc", [])
    s.replace_suggestions("ap", [])
    assert s.claim_of_span(tiny.spans["bbc"]) == tiny.claim_id  # kept: the reviewer's claim
    assert s.spans("ap") == []  # an untouched suggestion in no claim goes


def test_rehighlighting_a_suggested_member_logs_its_leaving_so_undo_restores_it(tiny):
    s = tiny.store
    before = state(s)
    s.replace_suggestions("ap", [])
    assert s.claim_of_span(tiny.spans["ap"]) is None
    change_op = s.events(limit=1)[0]
    ops = {r[0] for r in s.conn.execute("SELECT op_id FROM events WHERE id = ?", (change_op.id,))}
    s.revert(ops.pop())
    assert state(s) == before


def test_claim_summaries_list_what_claims_list_in_the_same_order(tiny):
    s = tiny.store
    s.split_claim(tiny.claim_id, [tiny.spans["afp"]])
    rows = s.claim_summaries()
    assert [r.id for r in rows] == [c.id for c in s.claims()]
    first = rows[0]
    assert first.has_conflict and first.figures == 2 and first.articles == 2
    assert first.first_published == first.last_published == "2023-10-10"
