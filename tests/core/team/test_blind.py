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


def test_in_a_blind_window_edits_start_from_the_span_as_the_reviewer_sees_it(tmp_path):
    db = tmp_path / "p.db"
    lead = _project(db)
    lead.set_blind(True)
    ben = Store(db, reviewer="ben")
    acme, paris = (s.id for s in ben.spans("a1"))
    ben.relabel(paris, "LOC")
    ben.reject(acme)
    ana = Store(db, reviewer="ana")
    ana.view_as_reviewer()
    seen = {s.text: s for s in ana.spans("a1")}
    assert (seen["Paris"].label, str(seen["Paris"].status)) == ("GPE", "suggested")
    ana.accept(paris, expected=seen["Paris"])  # what she saw is not "stale"
    ana.accept_all("a1")  # Acme: still undecided for her, though ben rejected it
    mine = {d.span.text: (d.span.label, str(d.span.status)) for d in lead.decisions("ana")}
    assert mine == {"Acme": ("ORG", "accepted"), "Paris": ("GPE", "accepted")}
    assert {d.span.text: d.span.label for d in lead.decisions("ben")}["Paris"] == "LOC"
    # A script's store (not a window's) still reads the final version.
    assert {s.text for s in lead.spans("a1")} == {"Acme", "Paris"}
    assert str(Store(db, reviewer="ana").span(acme).status) == "accepted"  # the last write


def test_a_queue_lists_only_the_reviewers_articles_and_marks_count_per_reviewer(tmp_path):
    from annotations.model import Article

    db = tmp_path / "p.db"
    lead = _project(db)
    lead.insert_article(Article("a2", "Ben is in Rome."), [])
    lead.insert_article(Article("a3", "Ana is in Oslo."), [])
    lead.assign([("a1", "ana"), ("a3", "ana"), ("a1", "ben"), ("a2", "ben")])
    ben = Store(db, reviewer="ben")
    ben.mark_reviewed("a1")
    ana = Store(db, reviewer="ana")
    ana.view_as_reviewer()
    assert ana.article_ids() == ["a1", "a3"]
    assert ana.queue_progress() == (0, 2)  # ben's mark is not hers
    assert ana.next_unreviewed(after="a3") == "a1"
    ana.mark_reviewed("a1")  # already "reviewed" by ben: her own mark still counts
    assert ana.queue_progress() == (1, 2)
    assert ana.next_unreviewed(after="a1") == "a3"
    assert Store(db).article_ids() == ["a1", "a2", "a3"]  # not a window: every article
