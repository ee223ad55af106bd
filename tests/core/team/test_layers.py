"""Review layers: each reviewer's decisions are kept apart from the others' and from the span row
(the final view), undo restores them, an old project's decisions become their reviewer's layer,
and `export --reviewer` writes one reviewer's layer."""

from __future__ import annotations

import json
import sqlite3

import pytest
from _acme import acme_project
from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import SpanStatus
from annotations.store import Store, StoreError


def _project(path) -> Store:
    return acme_project(path, "ana")


def _layer(store: Store, reviewer: str) -> dict[str, str]:
    return {d.span.text: str(d.span.status) for d in store.decisions(reviewer)}


def test_each_reviewer_keeps_their_own_decision_and_the_span_row_is_the_last(tmp_path):
    ana = _project(tmp_path / "p.db")
    acme, paris = (s.id for s in ana.spans("a1"))
    ana.accept(acme)
    ana.reject(paris)
    ben = Store(tmp_path / "p.db", reviewer="ben")
    ben.reject(acme)
    ben.add_span("a1", 11, 14, "FIGURE")

    assert _layer(ana, "ana") == {"Acme": "accepted", "Paris": "rejected"}
    assert _layer(ana, "ben") == {"Acme": "rejected", "300": "added"}
    assert ana.span(acme).status is SpanStatus.REJECTED  # the final view: the last decision
    assert ana.layer_reviewers() == ["ana", "ben"]


def test_undo_restores_the_layer_and_a_deleted_span_leaves_it(tmp_path):
    ana = _project(tmp_path / "p.db")
    acme = ana.spans("a1")[0].id
    ana.accept(acme)
    change = ana.reject(acme)
    assert _layer(ana, "ana") == {"Acme": "rejected"}
    ana.revert(change.op_id)
    assert _layer(ana, "ana") == {"Acme": "accepted"}
    added = ana.add_span("a1", 11, 14, "FIGURE")
    assert "300" in _layer(ana, "ana")
    ana.delete_span(added.created_span_id)
    assert _layer(ana, "ana") == {"Acme": "accepted"}


def _both_accepted(path):
    """Ana's project with both its spans accepted by her: (store, Acme's id, Paris's id)."""
    ana = _project(path)
    acme, paris = (s.id for s in ana.spans("a1"))
    ana.accept(acme)
    ana.accept(paris)
    return ana, acme, paris


def test_an_old_project_gets_each_reviewers_last_decision_as_their_layer(tmp_path):
    path = tmp_path / "old.db"
    ana, acme, paris = _both_accepted(path)
    ana.relabel(paris, "LOC")  # her last word on Paris
    ben = Store(path, reviewer="ben")
    ben.reject(acme)
    ben.close()
    ana.close()
    # As a project saved before layers: no table, no record of the migration.
    c = sqlite3.connect(path)
    c.execute("DROP TABLE decisions")
    c.execute("DELETE FROM _sqlite_migrations WHERE name = '0010_review_layers'")
    c.commit()
    c.close()

    store = Store(path)
    layers = {(d.reviewer, d.span.text): (str(d.span.status), d.span.label, d.anchor)
              for d in store.decisions()}  # fmt: skip
    assert layers == {
        ("ana", "Acme"): ("accepted", "ORG", (0, 4, "ORG")),
        ("ana", "Paris"): ("corrected", "LOC", (25, 30, "GPE")),  # anchored where it was born
        ("ben", "Acme"): ("rejected", "ORG", (0, 4, "ORG")),
    }
    assert {d.span.id for d in store.decisions()} == {acme, paris}


def test_export_reviewer_writes_that_reviewers_layer(tmp_path):
    path = tmp_path / "p.db"
    ana, acme, paris = _both_accepted(path)
    ben = Store(path, reviewer="ben")
    ben.accept(acme)
    ben.reject(paris)
    ana.add_span("a1", 11, 14, "FIGURE")  # in ana's layer only
    runner = CliRunner()
    out = {}
    for who in ("ana", "ben"):
        target = tmp_path / f"{who}.jsonl"
        result = runner.invoke(
            cli, ["--db", str(path), "export", "-f", "jsonl", "-o", str(target), "--reviewer", who]
        )
        assert result.exit_code == 0, result.output
        [line] = target.read_text(encoding="utf-8").splitlines()
        out[who] = sorted(s["text"] for s in json.loads(line)["spans"])
    assert out == {"ana": ["300", "Acme", "Paris"], "ben": ["Acme"]}

    result = runner.invoke(cli, ["--db", str(path), "export", "-f", "jsonl", "-o",
                                 str(tmp_path / "x.jsonl"), "--reviewer", "chen"])  # fmt: skip
    assert result.exit_code == 1
    assert "chen" in result.output and "ana, ben" in result.output


def test_adjudicating_takes_one_reviewers_decision_into_the_final_version(tmp_path):
    ana = _project(tmp_path / "p.db")
    acme, paris = (s.id for s in ana.spans("a1"))
    ana.relabel(paris, "LOC")
    ben = Store(tmp_path / "p.db", reviewer="ben")
    ben.reject(paris)  # the span row now says rejected
    lead = Store(tmp_path / "p.db", reviewer="lead")
    change = lead.adjudicate(paris, "ana")
    final = lead.span(paris)
    assert (final.label, str(final.status)) == ("LOC", "corrected")
    assert lead.events(limit=1)[0].op == "adjudicate"
    assert lead.layer_reviewers() == ["ana", "ben"]  # the lead has no layer of their own
    # the export of the final version uses it
    lead.mark_reviewed("a1")
    target = tmp_path / "final.jsonl"
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "export", "-f", "jsonl",
                                      "-o", str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    spans = json.loads(target.read_text(encoding="utf-8"))["spans"]
    assert [(s["text"], s["label"]) for s in spans] == [("Paris", "LOC")]
    lead.revert(change.op_id)
    assert str(lead.span(paris).status) == "rejected"


def test_adjudicating_from_a_reviewer_without_a_decision_is_refused(tmp_path):
    ana = _project(tmp_path / "p.db")
    acme = ana.spans("a1")[0].id
    ana.accept(acme)
    with pytest.raises(StoreError, match="'ben' made no decision on ‘Acme’; decided by ana"):
        ana.adjudicate(acme, "ben")
    assert str(ana.span(acme).status) == "accepted"
