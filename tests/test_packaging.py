"""An installed wheel runs on its own: every module and every resource read at run time ships inside
it, and `factmark highlight` finds figures and entities with the bundled model from any folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".bench", "*.db*"
)


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip wheel` builds from a copy of the checkout (the build leaves the tree alone)."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCES)
    r = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
            "-q", "-w", str(base / "dist"), str(src))  # fmt: skip
    assert r.returncode == 0, r.stderr
    (found,) = (base / "dist").glob("factmark-*.whl")
    return found


@pytest.mark.slow
def test_wheel_holds_every_module_and_every_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in ("annotations", "desktop"):
        for path in (ROOT / package).rglob("*.py"):
            assert path.relative_to(ROOT).as_posix() in names, path
    shipped = [p for p in (ROOT / "resources").rglob("*") if p.is_file()]
    for path in shipped:
        rel = path.relative_to(ROOT / "resources").as_posix()
        if rel.startswith("screenshots/") or "__pycache__" in rel:
            continue  # the README's picture is not read at run time
        assert f"annotations/resources/{rel}" in names, rel
    assert not any("screenshots" in n for n in names)


@pytest.mark.slow
def test_installed_wheel_highlights_seeds_from_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    r = run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    assert r.returncode == 0, r.stderr
    python = venv / "bin" / "python"
    r = run(sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
            str(wheel))  # fmt: skip
    assert r.returncode == 0, r.stderr
    # The dependencies come from the test environment's site-packages, added as a plain path: its
    # .pth files (the editable install of this checkout) are not run, so only the wheel's code
    # and data are importable as annotations and desktop.
    purelib = Path(run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())  # fmt: skip
    (purelib / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "seeds", work / "seeds")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FACTMARK_DB")}
    env["FACTMARK_DB"] = str(work / "project.db")
    where = run(str(python), "-c", "import annotations.paths as p, desktop.style as s; "
                "print(p.RESOURCES); print(len(s.label_styles()))", cwd=work, env=env)  # fmt: skip
    assert where.returncode == 0, where.stderr
    resources, n_styles = where.stdout.split()
    assert Path(resources).is_relative_to(purelib) and int(n_styles) > 0

    r = run(str(venv / "bin" / "factmark"), "highlight", "seeds/", "-o", "out.jsonl",
            cwd=work, env=env)  # fmt: skip
    assert r.returncode == 0, r.stderr
    records = [json.loads(line) for line in (work / "out.jsonl").read_text().splitlines()]
    assert len(records) == 5
    spans = [s for rec in records for s in rec["spans"]]
    figures = [s for s in spans if s["label"] == "FIGURE"]
    assert figures and all("figure" in s for s in figures)
    assert any(s["origin"] == "model:factmark_news" for s in spans), {s["origin"] for s in spans}
