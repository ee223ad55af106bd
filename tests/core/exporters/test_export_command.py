"""`factmark export` as a user types it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotations.cli import cli


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), "export", *args])


def test_export_command_writes_the_file_and_says_what_it_wrote(project, tmp_path):
    out = tmp_path / "out.jsonl"
    r = run(project.store.path, "--format", "jsonl", "-o", str(out), "--labels", "FIGURE",
            "--articles", "a2")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "1 articles, 1 spans" in r.stderr
    [rec] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [s["text"] for s in rec["spans"]] == ["4.75%"]


def test_export_command_reads_article_ids_from_a_file(project, tmp_path):
    ids = tmp_path / "ids.txt"
    ids.write_text("a3\na1\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run(project.store.path, "-f", "jsonl", "-o", str(out), "--all", "--articles", f"@{ids}")
    assert r.exit_code == 0, r.output
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == [
        "a3",
        "a1",
    ]


def test_export_command_errors_are_one_line_without_traceback(project, tmp_path):
    project.store.conn.execute("UPDATE text_guard SET active = 1")  # tamper behind the store
    project.store.conn.execute("UPDATE articles SET text = 'x' || text WHERE id = 'a1'")
    project.store.conn.execute("UPDATE text_guard SET active = 0")
    r = run(project.store.path, "-f", "conll", "-o", str(tmp_path / "x.conll"))
    assert r.exit_code == 1
    assert "Error: article 'a1'" in r.stderr and "export refused, nothing written" in r.stderr
    assert "Traceback" not in r.output
    assert not (tmp_path / "x.conll").exists()
    r = run(project.store.path, "-f", "conll", "-o", str(tmp_path / "x.conll"), "--split", "0.8")
    assert r.exit_code == 1 and "Error: --split applies to the spacy format only" in r.stderr


def test_export_command_spacy_split(project, tmp_path):
    out = tmp_path / "corpus"
    r = run(project.store.path, "-f", "spacy", "-o", str(out), "--split", "0.5", "--seed", "2")
    assert r.exit_code == 0, r.output
    assert (out / "train.spacy").is_file() and (out / "dev.spacy").is_file()
    assert (out / "config.cfg").exists()
    # The command says how to train on it, with the paths the config leaves out.
    assert (f"python -m spacy train {out / 'config.cfg'} --paths.train {out / 'train.spacy'} "
            f"--paths.dev {out / 'dev.spacy'}") in r.stderr  # fmt: skip
