"""`factmark stats` gives a lead each reviewer's progress: articles assigned and done, decisions
and pace (decisions per hour of active time, breaks left out), from known events."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import Article, Span
from annotations.store import Store
from annotations.team.progress import reviewer_progress

TEXT = "Acme hired 300 people in Paris and Lyon."


def _at(store: Store, op_id: int, clock: str) -> None:
    """Pin an operation's events to a known time on one day."""
    store.conn.execute(
        "UPDATE events SET at = ? WHERE op_id = ?", (f"2026-12-01T{clock}+00:00", op_id)
    )
    store.conn.commit()


def _project(path) -> Store:
    lead = Store(path, reviewer="lead")
    for i in range(3):
        lead.insert_article(
            Article(f"a{i}", TEXT),
            [Span(0, 4, "ORG", "Acme", origin="rules"), Span(25, 30, "GPE", "Paris", origin="rules"),
             Span(35, 39, "GPE", "Lyon", origin="rules")],
        )  # fmt: skip
    lead.assign([("a0", "ana"), ("a1", "ana"), ("a1", "ben"), ("a2", "ben")])
    return lead


def test_progress_counts_assigned_done_decisions_and_pace_from_known_times(tmp_path):
    db = tmp_path / "p.db"
    _project(db)
    ana = Store(db, reviewer="ana")
    acme, paris, lyon = (s.id for s in ana.spans("a0"))
    # ana: three decisions 5 minutes apart (10 min of work), a lunch break, then one more
    # decision 2 minutes after her next operation (marking a0 reviewed).
    _at(ana, ana.accept(acme).op_id, "09:00:00")
    _at(ana, ana.reject(paris).op_id, "09:05:00")
    _at(ana, ana.accept(lyon).op_id, "09:10:00")
    _at(ana, ana.mark_reviewed("a0").op_id, "13:00:00")
    _at(ana, ana.accept(ana.spans("a1")[0].id).op_id, "13:02:00")
    ben = Store(db, reviewer="ben")
    _at(ben, ben.accept(ben.spans("a2")[0].id).op_id, "10:00:00")

    report = reviewer_progress(ana)
    # 4 decisions over 10 + 2 = 12 minutes = 0.2 h: 20 per hour; the 3 h 50 break is left out.
    assert report["ana"] == {
        "assigned": 2, "done": 1, "decisions": 4, "active_hours": 0.2, "pace": 20.0,
    }  # fmt: skip
    # One operation: no active time to measure a pace over.
    assert report["ben"] == {
        "assigned": 2, "done": 0, "decisions": 1, "active_hours": 0.0, "pace": None,
    }  # fmt: skip
    assert "lead" not in report  # importing and assigning is not review work

    out = CliRunner().invoke(cli, ["--db", str(db), "stats", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["progress"]["ana"]["pace"] == 20.0
    text = CliRunner().invoke(cli, ["--db", str(db), "stats"]).stdout
    assert (
        "progress ana: 1 of 2 assigned articles done, 4 decisions, 20 per hour over 0.2 h active"
        in text
    )


def test_an_undo_is_not_itself_counted_as_a_decision(tmp_path):
    db = tmp_path / "p.db"
    _project(db)
    ana = Store(db, reviewer="ana")
    first = ana.accept(ana.spans("a0")[0].id)
    ana.revert(first.op_id)
    assert reviewer_progress(ana)["ana"]["decisions"] == 1


def test_a_reviewers_work_merged_from_their_copy_counts_in_the_team_file(tmp_path):
    import shutil

    from annotations.team.merge import Merger

    team = _project(tmp_path / "team.db")
    team.close()
    shutil.copy(tmp_path / "team.db", tmp_path / "ana.db")
    ana = Store(tmp_path / "ana.db", reviewer="ana")
    acme, paris, _ = (s.id for s in ana.spans("a0"))
    _at(ana, ana.accept(acme).op_id, "09:00:00")
    _at(ana, ana.reject(paris).op_id, "09:06:00")
    _at(ana, ana.mark_reviewed("a0").op_id, "09:09:00")
    ana.close()
    team = Store(tmp_path / "team.db", reviewer="lead")
    Merger(team).merge(tmp_path / "ana.db")
    # 2 decisions over 9 minutes = 0.15 h; the merge itself is the lead's, not review work.
    assert reviewer_progress(team)["ana"] == {
        "assigned": 2, "done": 1, "decisions": 2, "active_hours": 0.15, "pace": 13.3,
    }  # fmt: skip
    assert "lead" not in reviewer_progress(team)


def _decided_on(store: Store, op_id: int, day: str) -> None:
    """Pin an operation's layer decisions to a known day."""
    store.conn.execute(
        "UPDATE decisions SET updated_at = ? WHERE id IN (SELECT CAST(row_id AS INTEGER) FROM"
        " events WHERE op_id = ? AND tbl = 'decisions')", (f"{day}T10:00:00+00:00", op_id),
    )  # fmt: skip
    store.conn.commit()


def test_stats_gives_the_agreement_trend_by_day_of_the_last_decision(tmp_path):
    db = tmp_path / "p.db"
    _project(db)
    ana, ben = Store(db, reviewer="ana"), Store(db, reviewer="ben")
    # a0 on 1 December: both accept Acme and Paris -> 2 matches of 2+2: F1 1.
    # a1 on 2 December: ana accepts Acme, ben relabels it PERSON -> 0 of 1+1: F1 0;
    # a2 decided by ana only: not in the trend.
    for who in (ana, ben):
        acme, paris, _ = (s.id for s in who.spans("a0"))
        _decided_on(who, who.accept(acme).op_id, "2026-12-01")
        _decided_on(who, who.accept(paris).op_id, "2026-12-01")
    _decided_on(ana, ana.accept(ana.spans("a1")[0].id).op_id, "2026-12-02")
    _decided_on(ben, ben.relabel(ben.spans("a1")[0].id, "PERSON").op_id, "2026-12-02")
    ana.accept(ana.spans("a2")[0].id)
    out = CliRunner().invoke(cli, ["--db", str(db), "stats", "--json"])
    trend = json.loads(out.stdout)["agreement_trend"]
    assert [(t["period"], t["articles"], t["span_f1_exact"]) for t in trend] == [
        ("2026-12-01", 1, 1.0), ("2026-12-02", 1, 0.0),
    ]  # fmt: skip
    text = CliRunner().invoke(cli, ["--db", str(db), "stats"]).stdout
    assert "agreement 2026-12-02: 1 articles, span F1 exact 0.000" in text
    from annotations.team.trend import agreement_trend

    # by week: a0's 2 matches and a1's none, over 2 + 2 and 1 + 1 spans: 2*2/6
    assert agreement_trend(ana, "week") == [
        {"period": "2026-W49", "articles": 2, "span_f1_exact": round(2 / 3, 6)},
    ]
