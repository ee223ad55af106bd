"""Blind review: with the project setting on, a reviewer sees the suggestions as suggested and
their own decisions, never another reviewer's; off, everyone sees the final version."""

from __future__ import annotations

from _acme import acme_project

from annotations.model import SpanStatus
from annotations.store import Store


def _seen(store: Store, reviewer: str) -> set[tuple[str, str, str]]:
    return {(s.text, s.label, str(s.status)) for s in store.visible_spans("a1", reviewer)}


def _project(path) -> Store:
    return acme_project(path, "lead")


def test_in_blind_mode_a_reviewer_sees_suggestions_and_only_their_own_decisions(tmp_path):
    db = tmp_path / "p.db"
    lead = _project(db)
    lead.set_blind(True)
    ana = Store(db, reviewer="ana")
    acme, paris = (s.id for s in ana.spans("a1"))
    ana.accept(acme)
    ben = Store(db, reviewer="ben")
    ben.reject(acme)
    ben.relabel(paris, "LOC")
    ben.add_span("a1", 11, 14, "FIGURE")

    assert _seen(ana, "ana") == {("Acme", "ORG", "accepted"), ("Paris", "GPE", "suggested")}
    assert _seen(ben, "ben") == {
        ("Acme", "ORG", "rejected"), ("Paris", "LOC", "corrected"), ("300", "FIGURE", "added"),
    }  # fmt: skip
    assert _seen(lead, "chen") == {("Acme", "ORG", "suggested"), ("Paris", "GPE", "suggested")}
    # Each reviewer's spans are the real rows: their ids are the span ids operations take.
    assert {s.id for s in ana.visible_spans("a1", "ana")} == {acme, paris}


def test_with_blind_mode_off_everyone_sees_the_final_version_and_the_setting_undoes(tmp_path):
    db = tmp_path / "p.db"
    lead = _project(db)
    ana = Store(db, reviewer="ana")
    acme, _ = (s.id for s in ana.spans("a1"))
    Store(db, reviewer="ben").reject(acme)
    final = {(s.text, s.label, str(s.status)) for s in lead.spans("a1")}
    assert _seen(ana, "ana") == final
    assert ("Acme", "ORG", str(SpanStatus.REJECTED)) in final
    on = lead.set_blind(True)
    assert lead.blind() and ("Acme", "ORG", "suggested") in _seen(ana, "ana")
    lead.revert(on.op_id)
    assert not lead.blind() and _seen(ana, "ana") == final
