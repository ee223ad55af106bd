"""`factmark snapshot` as the other commands: `--db` after its name, one line for a project it
cannot open or a PNG it cannot write, and an existing PNG replaced only by a whole new one."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner
from PySide6.QtGui import QImage

import desktop.cli  # noqa: F401  (registers `snapshot` on the core's command group)
from annotations.cli import cli


def invoke(*args, env=None):
    return CliRunner(env=env).invoke(cli, [str(a) for a in args], catch_exceptions=False)


def one_error_line(result, *words):
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: "), (
        result.exit_code,
        result.stderr,
    )
    assert all(w in lines[0] for w in words), lines[0]


def test_snapshot_takes_db_after_its_name(qapp, project, tmp_path):
    out = tmp_path / "shot.png"
    elsewhere = tmp_path / "elsewhere.db"
    r = invoke("snapshot", "--db", project, "--article", "kyiv", "--size", "1200x700", "-o", out,
               env={"FACTMARK_DB": str(elsewhere)})  # fmt: skip
    assert r.exit_code == 0, r.output
    assert QImage(str(out)).width() == 1200 and not elsewhere.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_snapshot_of_a_newer_project_is_one_line_and_keeps_the_old_png(qapp, project, tmp_path):
    out = tmp_path / "shot.png"
    out.write_bytes(b"yesterday's picture")
    con = sqlite3.connect(project)
    con.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
                " VALUES ('factmark', '0099_from_the_future', 't')")  # fmt: skip
    con.commit()
    con.close()
    r = invoke("snapshot", "--db", project, "-o", out)
    one_error_line(r, str(project), "newer factmark", "0099_from_the_future")
    assert out.read_bytes() == b"yesterday's picture"


def test_snapshot_into_a_folder_that_cannot_exist_is_one_line(qapp, project, tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    r = invoke("--db", project, "snapshot", "-o", tmp_path / "notes.txt" / "shot.png")
    one_error_line(r, "notes.txt")


def test_snapshot_failing_while_writing_keeps_the_old_png(qapp, project, tmp_path, monkeypatch):
    import desktop.app

    def half_written(db, output, *args):
        with open(output, "wb") as f:
            f.write(b"\x89PNG half")
        raise OSError(28, "No space left on device", str(output))

    monkeypatch.setattr(desktop.app, "snapshot", half_written)
    out = tmp_path / "shot.png"
    out.write_bytes(b"yesterday's picture")
    r = invoke("--db", project, "snapshot", "-o", out)
    one_error_line(r, str(out), "No space left")
    assert out.read_bytes() == b"yesterday's picture"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
