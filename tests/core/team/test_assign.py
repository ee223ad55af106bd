"""`factmark assign` spreads articles over reviewers, each article to two, balanced and the same
for the same seed; it is one operation with events; running it again assigns only articles that
came since; `factmark list --reviewer` shows a reviewer's queue and their progress."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import Article
from annotations.store import Store
from annotations.team.assign import CannotAssign, plan_assignments


def _project(path, n: int) -> Store:
    store = Store(path, reviewer="lead")
    for i in range(n):
        store.insert_article(Article(f"a{i:02}", f"Article number {i} says little."), [])
    return store


def _assign(db, *args: str):
    return CliRunner().invoke(
        cli, ["--db", str(db), "assign", "--reviewers", "ana,ben,chen", *args]
    )


def _pairs(store: Store) -> set[tuple[str, str]]:
    return set(store.conn.execute("SELECT article_id, reviewer FROM assignments"))


def test_each_article_gets_two_reviewers_and_counts_differ_by_at_most_one(tmp_path):
    store = _project(tmp_path / "p.db", 10)
    result = _assign(tmp_path / "p.db", "--per-article", "2", "--seed", "7")
    assert result.exit_code == 0, result.output
    pairs = _pairs(store)
    per_article = Counter(a for a, _ in pairs)
    assert set(per_article) == set(store.article_ids())
    assert set(per_article.values()) == {2}
    load = Counter(r for _, r in pairs)
    assert set(load) == {"ana", "ben", "chen"}
    assert max(load.values()) - min(load.values()) <= 1
    assert sum(load.values()) == 20


@pytest.mark.parametrize("n, k, reviewers", [(7, 2, 3), (11, 1, 4), (5, 3, 5), (13, 2, 5)])
def test_balanced_for_any_shape(n, k, reviewers):
    names = [f"r{i}" for i in range(reviewers)]
    for seed in range(20):
        pairs = plan_assignments([f"a{i}" for i in range(n)], names, k, seed)
        assert all(v == k for v in Counter(a for a, _ in pairs).values())
        load = Counter(r for _, r in pairs)
        assert max(load.values()) - min(load.get(r, 0) for r in names) <= 1


def test_the_same_seed_gives_the_same_spread_another_seed_another(tmp_path):
    spreads = {}
    for name, seed in (("one", "3"), ("two", "3"), ("three", "4")):
        store = _project(tmp_path / f"{name}.db", 12)
        assert _assign(tmp_path / f"{name}.db", "--seed", seed).exit_code == 0
        spreads[name] = _pairs(store)
    assert spreads["one"] == spreads["two"]
    assert spreads["one"] != spreads["three"]


def test_without_a_seed_the_seed_used_is_printed_and_reproduces_the_spread(tmp_path):
    store = _project(tmp_path / "p.db", 9)
    result = _assign(tmp_path / "p.db")
    seed = result.output.split("seed ")[1].split(")")[0]
    again = _project(tmp_path / "q.db", 9)
    assert _assign(tmp_path / "q.db", "--seed", seed).exit_code == 0
    assert _pairs(store) == _pairs(again)


def test_assigning_is_one_operation_with_an_event_per_row_and_undo_takes_it_back(tmp_path):
    store = _project(tmp_path / "p.db", 6)
    _assign(tmp_path / "p.db", "--seed", "1")
    events = store.conn.execute(
        "SELECT DISTINCT op_id, op FROM events WHERE tbl = 'assignments'"
    ).fetchall()
    assert len(events) == 1 and events[0][1] == "assign"
    logged = {
        (json.loads(a)["article_id"], json.loads(a)["reviewer"])
        for (a,) in store.conn.execute("SELECT after FROM events WHERE tbl = 'assignments'")
    }
    assert logged == _pairs(store) and len(logged) == 12
    store.revert(events[0][0])
    assert _pairs(store) == set()


def test_running_again_keeps_every_assignment_and_assigns_only_new_articles(tmp_path):
    db = tmp_path / "p.db"
    store = _project(db, 6)
    _assign(db, "--seed", "1")
    first = _pairs(store)
    ops = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    again = _assign(db, "--seed", "2")
    assert again.exit_code == 0
    assert "Nothing to assign" in again.output
    assert _pairs(store) == first
    assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == ops
    for i in range(6, 9):
        store.insert_article(Article(f"b{i}", f"A later article {i}."), [])
    _assign(db, "--seed", "2")
    now = _pairs(store)
    assert first < now
    assert {a for a, _ in now - first} == {"b6", "b7", "b8"}
    load = Counter(r for _, r in now)
    assert max(load.values()) - min(load.values()) <= 1


@pytest.mark.parametrize(
    "args, says",
    [
        (["--per-article", "4"], "between 1 and 3"),
        (["--per-article", "0"], "between 1 and 3"),
    ],
)
def test_impossible_counts_are_one_line_and_write_nothing(tmp_path, args, says):
    store = _project(tmp_path / "p.db", 4)
    result = _assign(tmp_path / "p.db", *args)
    assert result.exit_code == 1
    assert says in result.output and "Traceback" not in result.output
    assert _pairs(store) == set()


def test_a_name_given_twice_is_refused():
    with pytest.raises(CannotAssign, match="named twice"):
        plan_assignments(["a1"], ["ana", "ana"], 1, 0)


def test_list_reviewer_shows_their_queue_and_what_they_have_done(tmp_path):
    db = tmp_path / "p.db"
    store = _project(db, 6)
    _assign(db, "--seed", "5")
    queue = sorted(a for a, r in _pairs(store) if r == "ana")
    ana = Store(db, reviewer="ana")
    ana.mark_reviewed(queue[0])
    result = CliRunner().invoke(cli, ["--db", str(db), "list", "--reviewer", "ana"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [c[0] for c in lines] == queue
    assert [c[2].strip() for c in lines] == ["done"] + ["to do"] * (len(queue) - 1)
    assert f"ana: 1 of {len(queue)} assigned articles done" in result.stderr
    nobody = CliRunner().invoke(cli, ["--db", str(db), "list", "--reviewer", "dan"])
    assert "No articles assigned to dan." in nobody.output
