"""Dump every span the highlighter gives the BBC corpus and the seeds, one line each, to check
that a speed-up leaves the output byte-identical.

``python tests/benchmarks/dump_highlight.py OUT [--model rules] [--limit N]`` writes
``article<TAB>start<TAB>end<TAB>label<TAB>text<TAB>figure`` lines; compare two dumps with ``cmp``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from _corpus import bbc_files
from bench_highlight import read_texts

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--model", default=None)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    from annotations.highlight import load_highlighter

    seeds = sorted(SEEDS.glob("*.txt"))
    names = [p.name for p in seeds] + [
        f"{p.parent.name}/{p.name}" for p in bbc_files()[: args.limit]
    ]
    texts = [p.read_text(encoding="utf-8") for p in seeds] + read_texts(args.limit)
    highlighter = load_highlighter(args.model)
    with args.out.open("w", encoding="utf-8") as out:
        for name, spans in zip(names, highlighter.pipe(texts), strict=True):
            for s in spans:
                fig = json.dumps(s.figure.to_dict(), sort_keys=True) if s.figure else "-"
                out.write(f"{name}\t{s.start}\t{s.end}\t{s.label}\t{s.text!r}\t{s.origin}\t{fig}\n")


if __name__ == "__main__":
    main()
