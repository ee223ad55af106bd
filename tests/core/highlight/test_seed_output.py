"""The seeds' highlighting, span for span, as recorded: a speed-up must not change it.

When a change to the rules or the model is meant to change what is highlighted, regenerate
the record (``python tests/core/highlight/test_seed_output.py``) and read its diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RECORD = Path(__file__).parent / "data" / "seed_spans.tsv"


def lines(name: str, highlighter) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    out = []
    for path, spans in zip(SEEDS, highlighter.pipe(texts), strict=True):
        for s in spans:
            fig = json.dumps(s.figure.to_dict(), sort_keys=True) if s.figure else "-"
            out.append(f"{name}\t{path.name}\t{s.start}\t{s.end}\t{s.label}\t{s.text!r}\t{fig}")
    return out


@pytest.mark.parametrize("name", ["rules", "bundled"])
def test_seed_spans_are_as_recorded(name, request):
    got = lines(name, request.getfixturevalue(name))
    want = [line for line in RECORD.read_text(encoding="utf-8").splitlines() if line]
    want = [line for line in want if line.startswith(f"{name}\t")]
    assert len(want) > 100  # the record holds this pipeline's spans
    assert got == want


if __name__ == "__main__":
    from annotations.highlight import load_highlighter

    rows = lines("rules", load_highlighter("rules")) + lines("bundled", load_highlighter())
    RECORD.write_text("\n".join(rows) + "\n", encoding="utf-8")
