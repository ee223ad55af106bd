"""Outputs whole or absent: `highlight -o` and `export` replace their target only when they
succeed, a killed export's staging is cleaned up by the next run (only ours, only a dead
process's), and every command takes `--db` before or after its name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotations.cli import cli
from annotations.staging import part_name, remove_leftovers

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def invoke(*args, env=None):
    return CliRunner(env=env).invoke(cli, [str(a) for a in args], catch_exceptions=False)


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def project(tmp_path) -> Path:
    db = tmp_path / "project.db"
    assert invoke("--db", db, "import", "--model", "rules", SEEDS).exit_code == 0
    return db


# ---------------------------------------------------------------------- highlight -o
def test_highlight_whose_input_fails_leaves_the_existing_output_as_it_was(tmp_path):
    out = tmp_path / "h.jsonl"
    out.write_text('{"id": "yesterday"}\n', encoding="utf-8")
    r = invoke("highlight", "--model", "rules", tmp_path / "no_such_folder", "-o", out)
    assert r.exit_code == 1 and "no_such_folder" in r.stderr
    assert out.read_text(encoding="utf-8") == '{"id": "yesterday"}\n'
    assert hidden(tmp_path) == []


def test_highlight_failing_half_way_leaves_the_existing_output_as_it_was(tmp_path, monkeypatch):
    from annotations.highlight import pipeline

    out = tmp_path / "h.jsonl"
    out.write_text("yesterday's\n", encoding="utf-8")
    big = tmp_path / "in"
    big.mkdir()
    for i in range(300):  # more than one batch of 256, so some lines are written first
        (big / f"{i:03}.txt").write_text(f"Report {i}: 1,400 people left.\n", encoding="utf-8")
    real_pipe = pipeline.Highlighter.pipe
    calls = []

    def pipe_then_fail(self, texts, **kw):
        calls.append(len(texts))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_pipe(self, texts, **kw)

    monkeypatch.setattr(pipeline.Highlighter, "pipe", pipe_then_fail)
    r = invoke("highlight", "--model", "rules", big, "-o", out)
    assert r.exit_code == 1 and "No space left" in r.stderr and calls == [256, 44]
    assert out.read_text(encoding="utf-8") == "yesterday's\n"
    assert hidden(tmp_path) == []


def test_highlight_that_succeeds_replaces_the_output_whole(tmp_path):
    out = tmp_path / "h.jsonl"
    out.write_text("yesterday's\n", encoding="utf-8")
    r = invoke("highlight", "--model", "rules", SEEDS, "-o", out)
    assert r.exit_code == 0, r.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5 and all(rec["spans"] for rec in records)
    assert hidden(tmp_path) == []


# ---------------------------------------------------------------------- a killed export
KILLED_EXPORT = """
import os, signal, sys
from annotations.exporters import ExportOptions, export
from annotations.exporters.brat import BratWriter
from annotations.store import Store

write = BratWriter.write
def write_then_die(self, item):
    write(self, item)
    os.kill(os.getpid(), signal.SIGKILL)  # as a user's kill -9, or the machine going down
BratWriter.write = write_then_die
export(Store(sys.argv[1]), "brat", sys.argv[2], ExportOptions(all_articles=True))
"""


def test_a_killed_exports_staging_is_removed_by_the_next_export(project, tmp_path):
    out = tmp_path / "brat"
    proc = subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(project), str(out)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode == -9, proc.stderr
    left = hidden(tmp_path)
    assert len(left) == 1 and left[0].endswith(".factmark.part") and not out.exists()

    r = invoke("--db", project, "export", "-f", "brat", "--all", "-o", out)
    assert r.exit_code == 0, r.output
    assert hidden(tmp_path) == [] and len(list(out.glob("*.ann"))) == 5


def test_only_our_abandoned_staging_is_removed(tmp_path):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(done.stdout)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = tmp_path / f".out.jsonl.{dead_pid}.0123456789ab.factmark.part"
        dead.write_text("half an export")
        running = tmp_path / f".out.jsonl.{sleeper.pid}.0123456789ab.factmark.part"
        running.write_text("an export still being written")
        mine = part_name(tmp_path / "other.jsonl")
        mine.write_text("this process's own")
        earlier = tmp_path / ".brat.0123456789ab.part"  # the name before the pid was in it
        earlier.mkdir()
        (earlier / "a1.ann").write_text("T1\tPERSON 0 3\tAda\n")
        an_hour_ago = time.time() - 2 * 3600
        os.utime(earlier, (an_hour_ago, an_hour_ago))
        fresh_earlier = tmp_path / ".conll.abcdef012345.part"
        fresh_earlier.write_text("maybe still running")
        theirs = [tmp_path / "download.part", tmp_path / ".thesis.part"]
        for p in theirs:
            p.write_text("someone else's")

        removed = remove_leftovers(tmp_path)

        assert sorted(removed) == sorted([dead, earlier])
        assert not dead.exists() and not earlier.exists()
        assert running.exists() and mine.exists() and fresh_earlier.exists()
        assert all(p.exists() for p in theirs)
    finally:
        sleeper.kill()
        sleeper.wait()


# ---------------------------------------------------------------------- --db after the command
def command_lines(tmp_path: Path, project: Path) -> dict[str, list]:
    return {
        "import": ["import", "--no-highlight", SEEDS],
        "rehighlight": ["rehighlight", "--model", "rules"],
        "list": ["list"],
        "stats": ["stats", "--json"],
        "export": ["export", "-f", "jsonl", "--all", "-o", tmp_path / "out.jsonl"],
        "train": ["train", "-o", tmp_path / "model", "--epochs", "1"],
        "highlight": ["highlight", "--model", "rules", SEEDS, "-o", tmp_path / "h.jsonl"],
        "backup": ["backup", tmp_path / "backup.db"],
        "datasette-metadata": ["datasette-metadata"],
        "agreement": ["agreement", "--json"],
        "blind": ["blind"],
        "assign": ["assign", "--reviewers", "ana,ben", "--seed", "1"],
        "merge": ["merge", project, "--into", tmp_path / "team.db"],  # --db names no project here
        "claims": ["claims", "list"],  # each claims subcommand takes it too (tests/core/claims)
    }


def test_every_command_is_covered_here():
    assert set(cli.commands) - {"snapshot"} == set(command_lines(Path("."), Path(".")))


@pytest.mark.parametrize("command", ["import", "rehighlight", "list", "stats", "export", "train",
                                     "highlight", "backup", "datasette-metadata", "agreement",
                                     "merge", "blind", "claims"])  # fmt: skip
def test_db_after_the_command_name_is_the_project_used(project, tmp_path, command):
    elsewhere = tmp_path / "elsewhere.db"  # what FACTMARK_DB says; --db must win over it
    name, *rest = command_lines(tmp_path, project)[command]
    r = invoke(name, "--db", project, *rest, env={"FACTMARK_DB": str(elsewhere)})
    assert not elsewhere.exists()
    if command == "train":  # the seeds are not reviewed: the refusal names this project's count
        assert r.exit_code == 1 and "0 reviewed article(s)" in r.stderr
    else:
        assert r.exit_code == 0, r.output
    if command == "list":
        assert len(r.stdout.splitlines()) == 5
    if command == "datasette-metadata":  # described the project named, by its file's name
        assert list(json.loads(r.stdout)["databases"]) == [Path(project).stem]
    if command == "stats":
        assert json.loads(r.stdout)["articles"] == 5
    if command == "export":
        assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    if command == "rehighlight":
        assert "5 articles highlighted" in r.stderr
    if command == "backup":
        assert "5 articles" in r.stderr and (tmp_path / "backup.db").is_file()
