"""`factmark claims …` and `factmark list --conflicts` as a reviewer uses them, and the single
`Error:` line each gives for bad input, having changed nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from annotations.cli import cli


def run(db, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


@pytest.fixture
def db(corpus):
    path = corpus.path
    corpus.close()
    result = run(path, "claims", "suggest")
    assert result.exit_code == 0, result.output
    return path


def dump(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_suggest_says_how_many_claims_and_conflicts_it_found(corpus):
    corpus.close()
    result = run(corpus.path, "claims", "suggest")
    assert result.exit_code == 0
    assert "11 claims suggested" in result.stderr and "3 with conflicting figures" in result.stderr


def test_list_shows_conflicting_claims_first_and_filters_them(db):
    lines = run(db, "claims", "list").stdout.splitlines()
    flags = [line.split("\t")[2].strip() for line in lines]
    assert flags[:3] == ["CONFLICT"] * 3 and set(flags[3:]) == {"-"}
    only = run(db, "claims", "list", "--conflicts").stdout.splitlines()
    assert only == lines[:3]


def test_list_json_gives_each_claim_with_its_figures_and_bounds(db):
    claims = [json.loads(line) for line in run(db, "claims", "list", "--json").stdout.splitlines()]
    gaza = next(c for c in claims if c["label"].startswith("deaths · gaza"))
    some = next(m for m in gaza["members"] if m["text"] == "Some 1,400")
    assert some["article_id"] == "gaza-bbc-1010" and some["outlet"] == "BBC"
    assert some["bounds"] == [1260, 1540] and some["conflicts_with"]
    assert gaza["has_conflict"] and gaza["counted"] == "deaths"


def test_factmark_list_conflicts_lists_the_articles_with_conflicting_figures(db):
    ids = [line.split("\t")[0] for line in run(db, "list", "--conflicts").stdout.splitlines()]
    assert set(ids) == {"gaza-bbc-1010", "gaza-reuters-1010", "israel-bbc-1010",
                        "channel-bbc-1101", "channel-sky-1101", "channel-guardian-1101"}  # fmt: skip
    assert run(db, "list", "--conflicts", "--limit", "2").stdout.count("\n") == 2


def test_a_claim_is_judged_applied_and_undone_from_the_command_line(db):
    first = json.loads(run(db, "claims", "list", "--json").stdout.splitlines()[0])
    cid = str(first["id"])
    assert run(db, "claims", "rename", cid, "Gaza toll").exit_code == 0
    assert run(db, "claims", "verdict", cid, "disputed", "--note", "two ministries").exit_code == 0
    assert run(db, "claims", "source", cid, "https://example.org/moh").exit_code == 0
    applied = run(db, "claims", "apply", cid)
    assert f"applied to {len(first['members'])} figures" in applied.stderr
    shown = json.loads(run(db, "claims", "show", cid, "--json").stdout)
    assert shown["name"] == "Gaza toll" and {m["verdict"] for m in shown["members"]} == {"disputed"}
    last_op = applied.stderr.rsplit(" ", 1)[1].strip(").\n")
    assert run(db, "claims", "undo", last_op).exit_code == 0
    shown = json.loads(run(db, "claims", "show", cid, "--json").stdout)
    assert sorted(m["verdict"] for m in shown["members"]).count("unverified") == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("claims", "show", "999"), ("no claim 999",)),
        (("claims", "show", "x"), ("CLAIM_ID", "not a valid integer")),
        (("claims", "verdict", "1", "bogus"), ("VERDICT", "bogus")),
        (("claims", "move", "1"), ("--to CLAIM or --out",)),
        (("claims", "split", "1", "999999"), ("span 999999 is not a figure of claim 1",)),
        (("claims", "merge", "1", "1"), ("at least one other claim",)),
        (("claims", "source", "1", "ftp://nowhere"), ("ftp://nowhere",)),
        (("claims", "suggest", "--threshold", "2"), ("--threshold",)),
        (("claims", "list", "--article", "nope"), ("nope",)),
        (("claims", "undo", "99999"), ("nothing to undo",)),
    ],
)
def test_bad_input_is_one_error_line_and_changes_nothing(db, args, words):
    before = dump(db)
    result = run(db, *args)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code != 0 and len(lines) == 1 and lines[0].startswith("Error: "), (
        result.stderr
    )
    for word in words:
        assert word in lines[0]
    assert dump(db) == before


def test_the_project_may_be_named_after_the_subcommand_too(db):
    after = CliRunner().invoke(cli, ["claims", "list", "--db", str(db)], catch_exceptions=False)
    assert after.exit_code == 0 and after.stdout == run(db, "claims", "list").stdout
