"""Claim suggestions on the fixture corpus: the groups a reviewer would make are found, and a
run of suggestions is one operation that keeps what reviewers confirmed."""

from __future__ import annotations

import json

from annotations.claims.suggest import suggest_for_store
from annotations.quality.claims import evaluate, gold_groups


def _groups(store) -> dict[frozenset, int]:
    """Each claim as the set of its (article, figure text), with its id."""
    return {frozenset((m.article_id, m.text) for m in c.members): c.id for c in store.claims()}


def _claim_with(store, article_id: str, number: str):
    return next(c for c in store.claims() for m in c.members
                if m.article_id == article_id and number in m.text)  # fmt: skip


def test_suggestions_find_the_fixture_groups_with_high_precision_and_recall(corpus, fixtures):
    suggest_for_store(corpus)
    grouping, conflicts = evaluate(corpus, fixtures)
    assert grouping.precision >= 0.95 and grouping.recall >= 0.9, (grouping.extras, grouping.misses)
    assert conflicts.precision == 1 and conflicts.recall == 1, (conflicts.extras, conflicts.misses)


def test_rounded_qualified_and_updated_tolls_of_gaza_are_one_claim(corpus):
    suggest_for_store(corpus)
    claim = _claim_with(corpus, "gaza-bbc-1010", "1,400")
    assert {m.text for m in claim.members} >= {"Some 1,400", "1,200", "more than 1,400", "1,537"}
    assert claim.counted == "deaths" and "gaza" in claim.subjects
    # The same day's Israeli toll in the same article is a claim of its own.
    israel = _claim_with(corpus, "israel-cnn-1011", "1,000")
    assert israel.id != claim.id
    assert ("gaza-bbc-1010", "1,200") in {(m.article_id, m.text) for m in israel.members}


def test_the_same_count_of_another_place_joins_no_claim(corpus):
    suggest_for_store(corpus)
    in_claims = {m.article_id for c in corpus.claims() for m in c.members}
    assert not in_claims & {"nigeria-bbc-1011", "kano-reuters-1012", "brazil-guardian-0208",
                            "cricket-ap-0830", "festival-undated", "jobs-sky-0312"}  # fmt: skip


def test_conflicting_claims_come_first(corpus):
    suggest_for_store(corpus)
    claims = corpus.claims()
    flags = [c.has_conflict for c in claims]
    assert flags == sorted(flags, reverse=True) and flags[0] and not flags[-1]
    assert set(corpus.conflicting_article_ids()) == {
        "gaza-bbc-1010", "gaza-reuters-1010", "israel-bbc-1010",
        "channel-bbc-1101", "channel-sky-1101", "channel-guardian-1101",
    }  # fmt: skip


def test_a_new_run_keeps_confirmed_claims_and_offers_them_new_figures(corpus, fixtures):
    suggest_for_store(corpus)
    gaza = _claim_with(corpus, "gaza-bbc-1010", "1,400")
    late = gaza.member(
        next(m.span_id for m in gaza.members if m.article_id == "gaza-guardian-1012")
    )
    corpus.move_figure(late.span_id, None)  # out, and the claim is now the reviewer's
    corpus.rename_claim(gaza.id, "Gaza death toll")
    corpus.confirm_claim(gaza.id)
    suggest_for_store(corpus)
    again = corpus.claim(gaza.id)
    assert again.name == "Gaza death toll" and again.state == "confirmed"
    offered = again.member(late.span_id)  # proposed again, as a suggestion for the reviewer
    assert offered.state == "suggested"
    assert all(m.state == "confirmed" for m in again.members if m.span_id != late.span_id)


def test_a_run_is_one_operation_and_undo_brings_back_the_claims_before_it(corpus):
    first = suggest_for_store(corpus)
    gaza = _claim_with(corpus, "gaza-bbc-1010", "1,400")
    corpus.move_figure(gaza.members[-1].span_id, None)
    before = _groups(corpus)
    second = suggest_for_store(corpus)
    assert second.op_id != first.op_id and _groups(corpus) != before  # the figure is offered again
    corpus.revert(second.op_id)
    assert _groups(corpus) == before
    assert corpus.claim(gaza.id).state == "confirmed"


def test_gold_groups_name_figures_that_exist(corpus, fixtures):
    gold = json.loads((fixtures / "groups.json").read_text())
    groups = gold_groups(corpus, gold["groups"])
    assert len(groups) == len(gold["groups"]) and all(len(g) >= 2 for g in groups.values())


def _f(span_id, article, value, day=738803, subjects=("yukos",)):
    from annotations.claims.features import FigureFeatures

    return FigureFeatures(span_id, article, "money", "$", "sales", frozenset(subjects), day, value)


def _grouped(figures) -> list[list[int]]:
    from annotations.claims.suggest import group_figures

    return sorted(sorted(sid for sid, _ in g.members) for g in group_figures(figures))


def test_two_values_of_one_article_or_a_value_far_off_state_other_quantities():
    figures = [_f(1, "a", 9.3e9), _f(2, "a", 27.5e9), _f(3, "b", 9.4e9), _f(4, "c", 27e9),
               _f(5, "d", 80e9)]  # fmt: skip
    assert _grouped(figures) == [[1, 3], [2, 4]]


def test_a_toll_that_doubles_over_days_stays_one_claim_but_not_another_places():
    figures = [_f(1, "a", 5000), _f(2, "b", 11200, day=738804),
               _f(3, "c", 5100, subjects=("brazil",))]  # fmt: skip
    assert _grouped(figures) == [[1, 2]]
