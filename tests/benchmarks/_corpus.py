"""The BBC corpus replicated to any size, for benchmarks (never copied into the repo).

Each replica appends a marker line, so every article has its own text and content hash.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# ../shared beside the checkout (or beside a worktree's parent folder)
BBC = next(
    (p / "shared" / "data" / "bbc_news" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
    ROOT.parent / "shared" / "data" / "bbc_news",
)
CACHE = ROOT / ".bench"


def bbc_files() -> list[Path]:
    files = sorted(BBC.glob("*/*.txt"))
    if not files:
        sys.exit(f"skipped: {BBC} is not on this machine (see ../shared/data/README.md)")
    return files


def replicated_texts(n: int) -> Iterator[tuple[str, str]]:
    """(id, text) for n articles, streaming."""
    files = bbc_files()
    for i in range(n):
        f = files[i % len(files)]
        r = i // len(files)
        data = f.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        if r:
            text += f"\n\n(replica {r})"
        yield f"{f.parent.name}-{f.stem}-r{r}", text


def replicated_folder(n: int) -> Path:
    """A folder of n .txt articles, built once and cached under .bench/."""
    folder = CACHE / f"bbc_{n}"
    done = folder / ".complete"
    if done.exists():
        return folder
    for aid, text in replicated_texts(n):
        sub = folder / aid.rsplit("-r", 1)[1].zfill(3)
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{aid}.txt").write_text(text, encoding="utf-8")
    done.touch()
    return folder
