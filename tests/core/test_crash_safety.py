"""An import killed with SIGKILL at random moments leaves a sound database of whole articles,
and running it again finishes the job without duplicates."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

N = 3000


@pytest.mark.slow
def test_sigkilled_import_leaves_whole_articles_and_resumes(tmp_path):
    corpus = tmp_path / "corpus"
    texts = {}
    for i in range(N):
        folder = corpus / f"part{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        text = f"Story {i} headline here now\n\n" + (
            f"Some {i:,} people were counted in town {i}. " * (5 + i % 40)
        )
        (folder / f"art{i:05d}.txt").write_text(text, encoding="utf-8")
        texts[f"art{i:05d}"] = text.strip()
    db = tmp_path / "p.db"
    cmd = [
        sys.executable,
        "-m",
        "annotations.cli",
        "--db",
        str(db),
        "import",
        "--no-highlight",
        str(corpus),
    ]
    rng = random.Random(7)
    kills = 0
    for _ in range(5):
        before = count(db)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill at a random moment once this run has written something (start-up time varies
        # a lot on a busy machine; a kill before the first write would test nothing).
        while proc.poll() is None and count(db) == before:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.4))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        check(db, texts, complete=False)
    assert kills >= 1, "the import finished before any kill; make the corpus larger"
    subprocess.run(cmd, check=True, capture_output=True)
    check(db, texts, complete=True)


def count(db) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


def check(db, texts, complete):
    if not db.exists():
        return
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, text, title FROM articles").fetchall()
        assert len(rows) == len({r[0] for r in rows})
        for aid, text, title in rows:
            assert text == texts[aid] and title
        fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert fts == len(rows)
        if complete:
            assert len(rows) == N
    finally:
        conn.close()
