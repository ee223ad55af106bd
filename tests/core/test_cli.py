"""The `factmark` command as a user types it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from annotations.cli import cli

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def test_import_then_list_shows_seeds_with_dates(tmp_path):
    db = tmp_path / "p.db"
    r = run(db, "import", "--no-highlight", str(SEEDS))
    assert r.exit_code == 0 and "5 imported" in r.output
    r = run(db, "list")
    lines = r.output.strip().splitlines()
    assert len(lines) == 5
    assert any(line.startswith("003_49cb2a8c40627ad3\t2023-11-03") for line in lines)


def test_second_import_changes_nothing(tmp_path):
    db = tmp_path / "p.db"
    run(db, "import", "--no-highlight", str(SEEDS))
    r = run(db, "import", "--no-highlight", str(SEEDS))
    assert r.exit_code == 0 and "0 imported, 5 already there" in r.output


def test_bad_input_exits_non_zero_with_path_line_reason(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("Fine text.")
    (tmp_path / "in" / "bad.jsonl").write_text('{"id": 1}\n')
    r = run(tmp_path / "p.db", "import", "--no-highlight", str(tmp_path / "in"))
    assert r.exit_code == 1
    assert f"{tmp_path / 'in' / 'bad.jsonl'}:1: no 'text'" in r.output
    assert "Traceback" not in r.output
    assert "1 imported" in r.output


def test_missing_path_is_reported(tmp_path):
    r = run(tmp_path / "p.db", "import", "--no-highlight", str(tmp_path / "nope"))
    assert r.exit_code == 1 and "no such file or folder" in r.output


def test_list_filters_by_status_and_search(tmp_path):
    db = tmp_path / "p.db"
    run(db, "import", "--no-highlight", str(SEEDS))
    assert run(db, "list", "--search", "Rafah").output.startswith("004_41e63b65b7f40297")
    assert "No articles match" in run(db, "list", "--status", "reviewed").output


def test_stats_json(tmp_path):
    db = tmp_path / "p.db"
    run(db, "import", "--no-highlight", str(SEEDS))
    data = json.loads(run(db, "stats", "--json").output)
    assert data["articles"] == 5 and data["articles_by_status"]["new"] == 5


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path):
    bogus = tmp_path / "p.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    r = run(bogus, "list")
    assert r.exit_code == 1 and "cannot open the project database" in r.output


def test_factmark_db_environment_variable(tmp_path):
    env = dict(os.environ, FACTMARK_DB=str(tmp_path / "env.db"))
    subprocess.run([sys.executable, "-m", "annotations.cli", "import", "--no-highlight", str(SEEDS)],
                   env=env, check=True, capture_output=True)  # fmt: skip
    assert (tmp_path / "env.db").exists()


def test_db_option_also_works_after_the_command(tmp_path):
    db = tmp_path / "after.db"
    r = CliRunner().invoke(cli, ["import", "--db", str(db), "--no-highlight", str(SEEDS)])
    assert r.exit_code == 0 and db.exists()
    assert len(CliRunner().invoke(cli, ["list", "--db", str(db)]).output.splitlines()) == 5


def test_rehighlight_keeps_decided_spans_and_refreshes_suggestions(tmp_path):
    from annotations.store import Store

    db = tmp_path / "p.db"
    assert run(db, "import", "--model", "rules", str(SEEDS)).exit_code == 0
    store = Store(db, reviewer="t")
    aid = "003_49cb2a8c40627ad3"
    spans = store.spans(aid)
    figure = next(s for s in spans if s.label == "FIGURE")
    entity = next(s for s in spans if s.label != "FIGURE")
    store.reject(figure.id)
    store.relabel(entity.id, "EVENT")
    n_suggested = sum(1 for s in spans if s.status.value == "suggested") - 2
    r = run(db, "rehighlight", "--model", "rules", "--article", aid)
    assert r.exit_code == 0, r.output
    after = Store(db).spans(aid)
    assert (figure.id, "rejected") in {(s.id, s.status.value) for s in after}
    assert (entity.id, "EVENT", "corrected") in {(s.id, s.label, s.status.value) for s in after}
    assert sum(1 for s in after if s.status.value == "suggested") == n_suggested
    assert not any(s.label == "FIGURE" and s.status.value == "suggested" and s.start < figure.end
                   and figure.start < s.end for s in after)  # fmt: skip


def test_import_with_model_rules_uses_the_rules_alone(tmp_path):
    from annotations.store import Store

    db = tmp_path / "p.db"
    assert run(db, "import", "--model", "rules", str(SEEDS)).exit_code == 0
    spans = Store(db).spans("003_49cb2a8c40627ad3")
    figures = {s.text: s.figure for s in spans if s.label == "FIGURE"}
    assert figures["more than 9,000"].qualifier.value == "more_than"
    assert all(s.origin == "rules" and s.status.value == "suggested" for s in spans)


def test_highlight_and_import_default_to_the_bundled_model(tmp_path):
    from annotations.store import Store

    out = tmp_path / "h.jsonl"
    assert run(tmp_path / "p.db", "highlight", str(SEEDS), "-o", str(out)).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    spans = [s for r in records for s in r["spans"]]
    assert spans and {s["origin"] for s in spans} == {"model:factmark_news"}
    people = {s["text"] for s in spans if s["label"] == "PERSON"}
    assert {"Antony Blinken", "James Cleverly", "Benjamin Netanyahu"} <= people
    assert {"Israel", "Gaza", "UK"} <= {s["text"] for s in spans if s["label"] == "GPE"}
    orgs = {s["text"] for s in spans if s["label"] == "ORG"}
    assert {"Hamas", "Israel Defense Forces", "US Department of State"} <= orgs

    db = tmp_path / "p.db"
    assert run(db, "import", str(SEEDS)).exit_code == 0
    stored = Store(db).spans("003_49cb2a8c40627ad3")
    assert stored and all(s.origin == "model:factmark_news" for s in stored)
    figures = {s.text: s.figure for s in stored if s.label == "FIGURE"}
    assert figures["more than 9,000"].qualifier.value == "more_than"


def test_a_model_that_cannot_be_loaded_is_a_clear_error(tmp_path):
    r = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "highlight", "--model",
                                 str(tmp_path / "no_such_model"), str(SEEDS)])  # fmt: skip
    assert r.exit_code != 0
    assert "cannot load model" in r.output and "Traceback" not in r.output
