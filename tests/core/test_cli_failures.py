"""Failures the machine causes, as a user meets them on the command line: a full disk, a read-only
or unreadable project, a damaged or newer project, an output path that cannot be written. Each one
is a single `Error:` line on stderr, exit status 1, no traceback, and the project unchanged."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import annotations.store as store_module
from annotations.cli import cli

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NEW_ARTICLE = "Officials said 1,400 people were evacuated from the town on Monday.\n"


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def one_error_line(result, *words: str) -> str:
    """The single `Error:` line a failed command printed (and nothing else on stderr)."""
    return _one_line(result.exit_code, result.stderr, words)


def _one_line(status: int, stderr: str, words) -> str:
    lines = stderr.strip().splitlines()
    assert status == 1, (status, stderr)
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def content(db: Path) -> list[str]:
    """Every row and schema statement of the project, to compare before and after."""
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def project(tmp_path) -> Path:
    db = tmp_path / "project.db"
    assert invoke("--db", db, "import", "--model", "rules", SEEDS).exit_code == 0
    return db


@pytest.fixture
def new_article(tmp_path) -> Path:
    path = tmp_path / "incoming" / "evacuation.txt"
    path.parent.mkdir()
    path.write_text(NEW_ARTICLE, encoding="utf-8")
    return path


def commands(tmp_path: Path, new_article: Path) -> dict[str, list]:
    """Each command that opens the project, as a user would run it."""
    return {
        "import": ["import", "--no-highlight", new_article],
        "rehighlight": ["rehighlight", "--model", "rules"],
        "list": ["list"],
        "stats": ["stats"],
        "export": ["export", "-f", "jsonl", "--all", "-o", tmp_path / "out.jsonl"],
        "train": ["train", "-o", tmp_path / "model", "--epochs", "1"],
    }


COMMANDS = ["import", "rehighlight", "list", "stats", "export", "train"]


# ---------------------------------------------------------------------- a newer or damaged project
def tamper(project, *statements: str) -> None:
    """Change the project file behind factmark's back, as another tool would."""
    con = sqlite3.connect(project)
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_a_newer_project_in_one_line_naming_the_schema(
    project, tmp_path, new_article, command
):
    tamper(
        project,
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
        " VALUES ('factmark', '0099_from_the_future', 't')",
    )
    before = content(project)
    r = invoke("--db", project, *commands(tmp_path, new_article)[command])
    one_error_line(r, str(project), "newer factmark", "0099_from_the_future")
    assert content(project) == before
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "model").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_a_project_missing_a_table_and_changes_nothing(
    project, tmp_path, new_article, command
):
    tamper(project, "PRAGMA foreign_keys = OFF", "DROP TABLE spans")
    before = content(project)
    r = invoke("--db", project, *commands(tmp_path, new_article)[command])
    one_error_line(r, str(project), "damaged", "spans")
    assert content(project) == before


def test_a_folder_given_as_the_project_is_one_line(tmp_path):
    r = invoke("--db", tmp_path, "list")
    one_error_line(r, str(tmp_path), "folder")


# ---------------------------------------------------------------------- a full disk
@pytest.fixture
def full_disk(monkeypatch):
    """The project's file may not grow by a page: SQLite's own SQLITE_FULL, as on a full disk."""
    real = store_module.open_database

    def open_full(path):
        db = real(path)
        pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
        db.conn.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(store_module, "open_database", open_full)


def test_import_on_a_full_disk_is_one_line_and_saves_nothing(project, tmp_path, full_disk):
    before = content(project)
    more = tmp_path / "more"
    more.mkdir()
    for i in range(40):
        (more / f"{i}.txt").write_text(f"Report {i}. " + NEW_ARTICLE * 30, encoding="utf-8")
    r = invoke("--db", project, "import", "--model", "rules", more)
    one_error_line(r, str(project), "disk is full")
    assert content(project) == before


def test_rehighlight_on_a_full_disk_is_one_line_and_saves_nothing(project, full_disk):
    con = sqlite3.connect(project)
    con.execute("UPDATE spans SET origin = 'old' WHERE status = 'suggested'")  # all to replace
    con.commit()
    con.close()
    before = content(project)
    r = invoke("--db", project, "rehighlight", "--model", "rules")
    one_error_line(r, str(project), "disk is full")
    assert content(project) == before


@pytest.fixture
def full_device(tmp_path) -> Path:
    """A device every write to fails with ENOSPC, like Linux's /dev/full. As root, a private node
    of it, so that a broken command replacing its target cannot take the system's away."""
    if os.geteuid() != 0:
        if not Path("/dev/full").is_char_device():
            pytest.skip("needs Linux's /dev/full")
        return Path("/dev/full")
    node = tmp_path / "full"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except OSError:
        pytest.skip("cannot make a device node here")
    return node


def test_highlight_onto_a_full_device_is_one_line(full_device):
    r = invoke("highlight", "--model", "rules", SEEDS, "-o", full_device)
    one_error_line(r, str(full_device), "No space left")
    assert full_device.is_char_device()


def test_export_that_runs_out_of_space_is_one_line_and_leaves_nothing(
    project, tmp_path, monkeypatch
):
    from annotations.exporters import jsonl

    def no_space(self, item):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jsonl.JsonlWriter, "write", no_space)
    out = tmp_path / "exports" / "out.jsonl"
    before = content(project)
    r = invoke("--db", project, "export", "-f", "jsonl", "--all", "-o", out)
    one_error_line(r, str(out), "No space left")
    assert list(out.parent.iterdir()) == []  # neither the file nor its staging copy
    assert content(project) == before


# ---------------------------------------------------------------------- odd output targets
@pytest.mark.parametrize(
    ("fmt", "target", "words"),
    [
        ("brat", ".", ["give the name of a new or empty folder"]),
        ("brat", "..", ["give the name of a new or empty folder"]),
        ("brat", "/", ["give the name of a new or empty folder"]),
        ("brat", "notes.txt", ["is a file"]),
        ("brat", "papers", ["other files"]),
        ("jsonl", ".", ["give the name of a file"]),
        ("jsonl", "papers", ["is a folder"]),
        ("jsonl", "new/", ["names a folder"]),
        ("jsonl", "pipe", ["not a regular file"]),
        ("spacy", ".", ["give the name of a new or empty folder"]),
    ],
)
def test_export_to_a_target_it_cannot_replace_is_one_line_and_touches_nothing(
    project, tmp_path, monkeypatch, fmt, target, words
):
    work = tmp_path / "work"
    (work / "papers").mkdir(parents=True)
    (work / "papers" / "draft.txt").write_text("mine", encoding="utf-8")
    (work / "notes.txt").write_text("mine too", encoding="utf-8")
    os.mkfifo(work / "pipe")  # not a regular file (and not the system's /dev/null)
    monkeypatch.chdir(work)
    listing = sorted(str(p.relative_to(work)) for p in work.rglob("*"))
    r = invoke("--db", project, "export", "-f", fmt, "--all", "-o", target)
    one_error_line(r, target, *words)
    assert sorted(str(p.relative_to(work)) for p in work.rglob("*")) == listing
    assert (work / "pipe").is_fifo()


# ---------------------------------------------------------------------- permissions
# Root ignores file modes, so as root the commands run as `nobody`, for whom the modes bite.
ROOT = os.geteuid() == 0
AS_OTHER = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if ROOT else []


def _why_modes_cannot_bite() -> str | None:
    """None when the commands can run as a user file modes bind; else why not."""
    if not ROOT:
        return None
    if shutil.which("setpriv") is None:
        return "root without setpriv: file modes never bite"
    # A checkout in a private folder (mktemp -d is 0700) cannot be imported by `nobody`.
    probe = subprocess.run([*AS_OTHER, sys.executable, "-c", "import desktop.cli"],
                           capture_output=True, cwd=tempfile.gettempdir())  # fmt: skip
    if probe.returncode:
        return "as root, and `nobody` cannot read this checkout: file modes cannot be tried"
    return None


_NO_MODES = _why_modes_cannot_bite()
needs_modes = pytest.mark.skipif(_NO_MODES is not None, reason=_NO_MODES or "")


@pytest.fixture
def open_dir():
    """A folder outside pytest's private temp dir, so `nobody` can reach it when we are root."""
    path = Path(tempfile.mkdtemp(prefix="factmark-perm-"))
    path.chmod(0o777)
    yield path
    for p in [path, *path.rglob("*")]:
        if not p.is_symlink():
            p.chmod(0o777)
    shutil.rmtree(path)


def factmark(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen")
    env.pop("FACTMARK_DB", None)
    return subprocess.run(
        [*AS_OTHER, sys.executable, "-c", "from desktop.cli import main; main()", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120,
    )  # fmt: skip


def one_line(proc: subprocess.CompletedProcess, *words: str) -> str:
    return _one_line(proc.returncode, proc.stderr, words)


@pytest.fixture
def shared_project(open_dir) -> Path:
    folder = open_dir / "team"
    folder.mkdir()
    folder.chmod(0o777)
    db = folder / "project.db"
    # In a process of its own, so the project is closed (no -wal or -shm left open) as on disk.
    subprocess.run([sys.executable, "-m", "annotations.cli", "--db", str(db), "import",
                    "--no-highlight", str(SEEDS)], check=True, capture_output=True)  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == ["project.db"]
    db.chmod(0o666)
    (open_dir / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (open_dir / "new.txt").chmod(0o644)
    return db


@pytest.mark.slow
@needs_modes
@pytest.mark.parametrize("read_only", ["file", "folder", "both"])
def test_a_read_only_project_or_folder_is_one_line_and_reading_needs_only_the_folder(
    shared_project, open_dir, read_only
):
    db = shared_project
    before = content(db)
    if read_only in ("file", "both"):
        db.chmod(0o444)
    if read_only in ("folder", "both"):
        db.parent.chmod(0o555)
    one_line(factmark("--db", db, "import", "--no-highlight", open_dir / "new.txt", cwd=open_dir),
             str(db), "read-only")  # fmt: skip
    one_line(factmark("rehighlight", "--db", db, "--model", "rules", cwd=open_dir),
             str(db), "read-only")  # fmt: skip
    listed = factmark("list", "--db", db, cwd=open_dir)
    if read_only != "file":  # SQLite cannot even read without its -shm beside the file
        one_line(listed, str(db), "folder is read-only", "nothing was changed")
    else:
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 5, listed.stderr
    db.chmod(0o666)
    db.parent.chmod(0o777)
    assert content(db) == before


@pytest.mark.slow
@needs_modes
def test_an_unreadable_project_and_an_unwritable_output_folder_are_one_line_each(
    shared_project, open_dir
):
    db = shared_project
    before = content(db)
    locked = open_dir / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    proc = factmark("export", "--db", db, "-f", "brat", "--all", "-o", locked / "brat",
                    cwd=open_dir)  # fmt: skip
    one_line(proc, str(locked / "brat"), "Permission denied")
    proc = factmark("highlight", "--model", "rules", open_dir / "new.txt", "-o", locked / "h.jsonl",
                    cwd=open_dir)  # fmt: skip
    one_line(proc, str(locked / "h.jsonl"), "Permission denied")
    assert list(locked.iterdir()) == []
    db.chmod(0o000)
    one_line(factmark("stats", "--db", db, cwd=open_dir), str(db), "cannot be read")
    db.chmod(0o666)
    assert content(db) == before


@pytest.mark.slow
@needs_modes
def test_an_unreadable_input_is_its_own_line_and_the_rest_goes_through(open_dir):
    (open_dir / "secret.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (open_dir / "secret.txt").chmod(0o000)
    (open_dir / "open.txt").write_text("Some 2,000 people fled the town.\n", encoding="utf-8")
    (open_dir / "open.txt").chmod(0o644)
    db = open_dir / "project.db"
    proc = factmark("--db", db, "import", "--no-highlight", "secret.txt", "open.txt", cwd=open_dir)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [
        "secret.txt:1: cannot read: permission denied",
        f"1 imported, 1 skipped → {db}",
    ]
    out = open_dir / "h.jsonl"
    proc = factmark("highlight", "--model", "rules", "secret.txt", "open.txt", "-o", out,
                    cwd=open_dir)  # fmt: skip
    assert proc.returncode == 1 and proc.stderr.splitlines() == [
        "secret.txt:1: cannot read: permission denied"
    ]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
