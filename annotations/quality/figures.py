"""Figure quality on NewsQuant dev (CQE, EMNLP 2023): value-level precision, recall and F1.

``python -m annotations.quality.figures [--model M] [--show]`` highlights every sentence of
``$FACTMARK_DATA/newsquant_dev.json`` and prints the scores. A gold quantity is found when a
predicted span carries its value (for a gold range, either end); each predicted span is used
for at most one gold quantity, and every one left over is a false positive.

The spans scored are the FIGURE spans and the DATE and TIME spans that carry a value: NewsQuant
counts durations and ages ("15 years", "the 65-year-old") as quantities, where factmark follows
OntoNotes and labels them DATE or TIME, keeping their value. ``--figures-only`` scores the
FIGURE spans alone.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotations.model import Span
from annotations.paths import dev_data

NEWSQUANT_DEV = dev_data("newsquant_dev.json")
_GOLD_VALUE = re.compile(r"^\s*(-?[\d.]+)\s*(?:-\s*(-?[\d.]+))?\s*$")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (sentence, gold value)
    extras: list[tuple[str, str]] = field(default_factory=list)  # (sentence, predicted text)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_values(value: str) -> tuple[float, ...]:
    """'1000000-10000000' -> (1e6, 1e7); '-1.3' -> (-1.3,); unreadable -> ()."""
    m = _GOLD_VALUE.match(value)
    if m is None:
        return ()
    return tuple(float(g) for g in m.groups() if g is not None)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-4 * max(1.0, abs(b))


_VALUED_LABELS = frozenset({"FIGURE", "DATE", "TIME"})


def score_sentence(
    text: str,
    gold: Sequence[dict],
    spans: Iterable[Span],
    score: Score,
    figures_only: bool = False,
) -> None:
    labels = {"FIGURE"} if figures_only else _VALUED_LABELS
    predicted = [s for s in spans if s.label in labels and s.figure is not None]
    values = [
        [v for v in (s.figure.value, s.figure.low, s.figure.high) if v is not None]
        for s in predicted
    ]
    used = [False] * len(predicted)
    for g in gold:
        wanted = gold_values(str(g["value"]))
        hit = next(
            (
                i
                for i, vs in enumerate(values)
                if not used[i] and any(_same(v, w) for v in vs for w in wanted)
            ),
            None,
        )
        if hit is None:
            score.fn += 1
            score.misses.append((text, f"{g['change']} {g['value']} {g.get('unit', '')}"))
        else:
            used[hit] = True
            score.tp += 1
    for i, span in enumerate(predicted):
        if not used[i]:
            score.fp += 1
            score.extras.append((text, f"[{span.text}] {values[i]}"))


def evaluate(
    path: Path = NEWSQUANT_DEV, model: str | None = None, figures_only: bool = False
) -> Score:
    from annotations.highlight import load_highlighter

    with open(path, encoding="utf-8") as f:
        items = json.load(f)
    highlighter = load_highlighter(model)
    score = Score()
    texts = [item["text"] for item in items]
    for item, spans in zip(items, highlighter.pipe(texts), strict=True):
        score_sentence(item["text"], item["quantities"], spans, score, figures_only)
    return score


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="spaCy package or model directory")
    parser.add_argument("--data", type=Path, default=NEWSQUANT_DEV)
    parser.add_argument("--show", action="store_true", help="list misses and false positives")
    parser.add_argument(
        "--figures-only",
        action="store_true",
        help="score FIGURE spans alone, not the values of durations (DATE, TIME)",
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(
            f"skipped: {args.data} not found (set FACTMARK_DATA to the open data folder, or --data)"
        )
        return 0
    score = evaluate(args.data, args.model, args.figures_only)
    if args.show:
        for text, gold in score.misses:
            print(f"MISS {gold:<40} | {text}")
        for text, pred in score.extras:
            print(f"FP   {pred:<40} | {text}")
    print(
        f"NewsQuant dev ({args.data.name}), value level, model={args.model or 'default (bundled)'}"
        + (", FIGURE spans only" if args.figures_only else ", FIGURE and valued DATE/TIME spans")
    )
    print(f"  gold {score.tp + score.fn}  found {score.tp}  false positives {score.fp}")
    print(f"  precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
