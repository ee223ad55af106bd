"""How much of each article the body finder keeps: run over folders of plain articles (which are
all body), it counts the articles that come out whole and those that lose a sentence.

``python -m annotations.quality.body [FOLDER ...] [--show N]`` reads every file as `factmark
import` does (default: ``$FACTMARK_DATA/bbc_news``) and prints the counts; ``--show`` lists the
furniture found in the first N articles that have some.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotations.importers.body import read_page
from annotations.importers.readers import read_inputs
from annotations.importers.validate import Record
from annotations.paths import dev_data
from annotations.text import sentences

BBC = dev_data("bbc_news")
_SENTENCE = re.compile(r"\w.*[.!?][\"'”’)]*$", re.S)
MIN_SENTENCE_WORDS = 4


@dataclass
class BodyScore:
    articles: int = 0
    whole: int = 0  # no furniture found
    lost_sentence: int = 0  # furniture holding a sentence of the article
    examples: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def with_furniture(self) -> int:
        return self.articles - self.whole


def lost_sentences(text: str, furniture: Iterable[tuple[int, int]]) -> list[str]:
    """The sentences (four words or more, ending like one) that lie in the furniture."""
    out = []
    for a, b in furniture:
        for s, e in sentences(text[a:b]):
            piece = text[a + s : a + e].strip()
            if len(piece.split()) >= MIN_SENTENCE_WORDS and _SENTENCE.match(piece):
                out.append(piece)
    return out


def score_folders(paths: Iterable[Path], keep: int = 0) -> BodyScore:
    score = BodyScore()
    for rec in read_inputs(list(paths)):
        if not isinstance(rec, Record):
            continue
        text = rec.article.text
        furniture = read_page(text).body.furniture_ranges(len(text))
        score.articles += 1
        if not furniture:
            score.whole += 1
            continue
        if lost_sentences(text, furniture):
            score.lost_sentence += 1
        if len(score.examples) < keep:
            score.examples.append((rec.path, [text[a:b][:120] for a, b in furniture]))
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[BBC])
    parser.add_argument("--show", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    missing = [p for p in args.folders if not p.exists()]
    if missing:
        print(f"{missing[0]}: not found (set $FACTMARK_DATA to ../shared/data)", file=sys.stderr)
        return 2
    score = score_folders(sorted(p for f in args.folders for p in _files(f)), args.show)
    print(f"articles: {score.articles}")
    print(f"whole article as body: {score.whole}")
    print(f"with furniture found: {score.with_furniture}")
    print(f"losing a sentence to furniture: {score.lost_sentence}")
    for path, pieces in score.examples:
        print(f"{path}: " + " | ".join(repr(p) for p in pieces))
    return 0


def _files(folder: Path) -> list[Path]:
    """The articles of a folder: its .txt files less read-me files."""
    if folder.is_file():
        return [folder]
    return [p for p in folder.rglob("*.txt") if not p.name.lower().startswith("readme")]


if __name__ == "__main__":
    raise SystemExit(main())
