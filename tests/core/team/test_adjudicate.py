"""Adjudication in the core: two and three reviewers with known decisions; the differences are
lined up span by span (figure attributes and verdicts too); agreements are taken automatically
(a setting); taking a version, rejecting, editing and keeping sources are operations with events
that undo takes back; the last one settled makes the article adjudicated, and exports of the
final version hold the result."""

from __future__ import annotations

import json

import pytest
from _acme import TEXT, acme_project, two_reviewers
from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import Article, ArticleStatus, Figure, Source
from annotations.store import Store, StoreError


def _rows(store: Store) -> list[tuple]:
    """The final version of a1 as an export sees it: positive spans, with figure details."""
    out = []
    for s in store.spans("a1"):
        if s.status.positive:
            f = s.figure
            out.append(
                (s.text, s.label) + ((f.value, str(f.qualifier), str(f.verdict)) if f else ())
            )
    return out


def _summary(store: Store) -> list[tuple]:
    return [(d.where, d.agreed, d.differing(), d.outcome, d.taken_from)
            for d in store.differences("a1")]  # fmt: skip


def test_two_reviewers_differences_are_lined_up_with_what_differs(tmp_path):
    lead, _ = two_reviewers(tmp_path)
    assert _summary(lead) == [
        ((0, 4), True, [], None, None),
        ((11, 14), False, ["qualifier", "verdict"], None, None),
        ((15, 21), False, ["span"], None, None),
        ((25, 30), False, ["label"], None, None),
    ]
    paris = lead.differences("a1")[3]
    assert [(s.label, str(s.status)) for s in paris.versions["ana"]] == [("LOC", "corrected")]
    assert [(s.label, str(s.status)) for s in paris.versions["ben"]] == [("GPE", "corrected")]


def test_settling_every_difference_by_operations_makes_the_article_adjudicated(tmp_path):
    lead, ids = two_reviewers(tmp_path)
    lead.mark_reviewed("a1")
    taken = lead.prepare_adjudication("a1")  # the setting is on by default: Acme is taken
    assert [d.outcome for d in lead.differences("a1")] == ["agreed", None, None, None]
    keys = [d.key for d in lead.differences("a1")]
    lead.take_version("a1", keys[1], "ben")
    lead.reject_difference("a1", keys[2])
    assert lead.article("a1").status is ArticleStatus.REVIEWED  # one left
    last = lead.take_version("a1", keys[3], "ana")
    assert lead.article("a1").status is ArticleStatus.ADJUDICATED
    assert _rows(lead) == [("Acme", "ORG"), ("300", "FIGURE", 300.0, "approximately", "unverified"),
                           ("Paris", "LOC")]  # fmt: skip
    ops = [e.op for e in reversed(lead.events("a1", limit=100)) if e.reviewer == "lead"]
    assert list(dict.fromkeys(ops)) == ["mark_reviewed", "take_agreements", "adjudicate",
                                        "adjudicate_reject"]  # fmt: skip
    assert lead.layer_reviewers() == ["ana", "ben"]  # adjudicating wrote no layer of the lead's
    # undo, last first: the article is reviewed again and Paris back as it was
    lead.revert(last.op_id)
    assert lead.article("a1").status is ArticleStatus.REVIEWED
    assert lead.span(ids["Paris"]).label == "GPE"  # ben's relabel was the span row's last word
    assert [d.outcome for d in lead.differences("a1")] == ["agreed", "taken", "rejected", None]
    lead.revert(taken.op_id)
    assert [d.outcome for d in lead.differences("a1")][0] is None


def test_agreements_wait_for_the_adjudicator_when_the_setting_is_off(tmp_path):
    lead, _ = two_reviewers(tmp_path)
    off = lead.set_take_agreements(False)
    assert lead.prepare_adjudication("a1").op_id is None
    assert [d.outcome for d in lead.differences("a1")] == [None] * 4
    assert lead.take_agreements("a1").op_id is not None  # the adjudicator takes them by hand
    assert lead.differences("a1")[0].outcome == "agreed"
    lead.revert(off.op_id)
    assert lead.take_agreements_automatically()


def test_an_edit_by_the_adjudicator_settles_in_no_layer(tmp_path):
    lead, ids = two_reviewers(tmp_path)
    key = lead.differences("a1")[1].key
    lead.take_version("a1", key, "ana")
    change = lead.adjudicate_edit(ids["300"], figure=Figure(value=310, qualifier="more_than"))
    d = lead.differences("a1")[1]
    assert (d.outcome, lead.span(ids["300"]).figure.value) == ("edited", 310.0)
    assert lead.span(ids["300"]).figure.verdict == "supported"  # ana's, kept by the edit
    assert lead.events(limit=1)[0].op == "adjudicate_edit"
    assert lead.layer_reviewers() == ["ana", "ben"]
    with pytest.raises(StoreError, match="one thing at a time"):
        lead.adjudicate_edit(ids["300"], label="ORG", note="x")
    lead.revert(change.op_id)
    assert lead.span(ids["300"]).figure.value == 300.0
    assert lead.differences("a1")[1].outcome == "taken"


def test_keeping_sources_links_every_layers_sources_to_the_final_span(tmp_path):
    lead, ids = two_reviewers(tmp_path)
    ana = Store(lead.path, reviewer="ana")
    ana.link_source(ids["Paris"], Source("https://example.org/a"), "supports")
    ben = Store(lead.path, reviewer="ben")
    mine = ben.add_span("a1", 25, 31, "GPE").created_span_id  # "Paris." overlapping Paris
    ben.link_source(mine, Source("https://example.org/b"), "contradicts")
    d = lead.differences("a1")[-1]
    assert sorted((who, link.source.url) for who, link in d.links) == [
        ("ana", "https://example.org/a"), ("ben", "https://example.org/b")]  # fmt: skip
    lead.take_version("a1", d.key, "ana")
    change = lead.keep_sources("a1", d.key)
    assert sorted((link.source.url, str(link.stance)) for link in lead.links(ids["Paris"])) == [
        ("https://example.org/a", "supports"), ("https://example.org/b", "contradicts")]  # fmt: skip
    assert not lead.span(mine).status.positive  # ben's own span is not in the final version
    assert lead.keep_sources("a1", d.key).op_id is None  # nothing more to keep
    lead.revert(change.op_id)
    assert [link.source.url for link in lead.links(ids["Paris"])] == ["https://example.org/a"]


def test_three_reviewers_on_copies_merged_then_adjudicated_and_exported(tmp_path):
    team = tmp_path / "team.db"
    lead = acme_project(team, "lead")
    for who in ("ana", "ben", "chen"):
        lead.backup(tmp_path / f"{who}.db")  # as `factmark backup` copies a project
    lead.close()
    work = {
        "ana": lambda s, acme, paris: (s.accept(acme), s.accept(paris), s.add_span("a1", 11, 14, "FIGURE"),
                                       s.link_source(paris, Source("https://example.org/p"))),
        "ben": lambda s, acme, paris: (s.accept(acme), s.accept(paris), s.add_span("a1", 11, 21, "FIGURE")),
        "chen": lambda s, acme, paris: (s.reject(acme), s.accept(paris)),
    }  # fmt: skip
    for who, do in work.items():
        s = Store(tmp_path / f"{who}.db", reviewer=who)
        acme, paris = (x.id for x in s.spans("a1"))
        do(s, acme, paris)
        s.mark_reviewed("a1")
        s.close()
    result = CliRunner().invoke(
        cli, ["merge", *(str(tmp_path / f"{w}.db") for w in work), "--into", str(team)]
    )
    assert result.exit_code == 0, result.output
    lead = Store(team, reviewer="lead")
    found = lead.differences("a1")
    assert [(TEXT[slice(*d.where)], d.agreed) for d in found] == [
        ("Acme", False), ("300 people", False), ("Paris", True)]  # fmt: skip
    figures = found[1].versions
    assert {r: [s.text for s in v] for r, v in figures.items()} == {
        "ana": ["300"], "ben": ["300 people"], "chen": []}  # fmt: skip
    assert found[1].rows == []  # added in the copies: no span of the team's file yet
    # ana's source came with the merge, and is known as hers
    assert [(who, link.source.url) for who, link in found[2].links] == [
        ("ana", "https://example.org/p")
    ]
    lead.prepare_adjudication("a1")
    lead.take_version("a1", found[0].key, "chen")
    lead.take_version("a1", found[1].key, "ben")  # makes its span in the final version
    assert lead.article("a1").status is ArticleStatus.ADJUDICATED
    target = tmp_path / "final.jsonl"
    result = CliRunner().invoke(
        cli, ["--db", str(team), "export", "-f", "jsonl", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [(s["text"], s["label"]) for s in row["spans"]] == [
        ("300 people", "FIGURE"),
        ("Paris", "GPE"),
    ]
    assert row["status"] == "adjudicated"


def test_taking_from_a_reviewer_without_a_layer_is_refused(tmp_path):
    lead, _ = two_reviewers(tmp_path)
    key = lead.differences("a1")[1].key
    with pytest.raises(
        StoreError, match="'chen' has no layer in article a1; its reviewers are ana, ben"
    ):
        lead.take_version("a1", key, "chen")
    other = Store(tmp_path / "q.db")
    other.insert_article(Article("a1", TEXT), [])
    assert other.differences("a1") == []
