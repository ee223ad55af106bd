"""The near-duplicate threshold, measured: BBC News articles against lightly edited copies of
themselves (new headline, some sentences cut, added from another story or reworded) and against
the other articles of their section; and what the LSH index costs to build.

    .venv/bin/python tests/benchmarks/bench_near_duplicates.py [N_PER_SECTION]
"""

from __future__ import annotations

import random
import re
import sys
import time
import tracemalloc
from pathlib import Path

from annotations.importers.near_duplicates import THRESHOLD, NearDuplicates, signature

BBC = Path(__file__).resolve().parents[3] / "shared" / "data" / "bbc_news"
if not BBC.is_dir():
    BBC = Path("/work/shared/data/bbc_news")


def edited(text: str, other: str, rng: random.Random, amount: float) -> str:
    """A copy with a new headline, `amount` of its sentences cut, reworded or replaced."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    borrowed = re.split(r"(?<=[.!?])\s+", other)
    out = ["Updated: " + sentences[0][::-1][:40]]
    for s in sentences[1:]:
        r = rng.random()
        if r < amount / 3:
            continue  # cut
        if r < 2 * amount / 3:
            words = s.split()
            if len(words) > 4:
                i = rng.randrange(len(words))
                words[i] = rng.choice(["also", "reportedly", "now", "still"])
            out.append(" ".join(words))  # reworded
        elif r < amount:
            out.append(rng.choice(borrowed))  # a sentence from another story
        else:
            out.append(s)
    return " ".join(out)


def main(n: int) -> None:
    rng = random.Random(15)
    texts = []
    for section in sorted(p for p in BBC.iterdir() if p.is_dir()):
        files = sorted(section.glob("*.txt"))[:n]
        texts += [(section.name, f.read_text(encoding="cp1252")) for f in files]
    copies = {amount: [] for amount in (0.1, 0.2, 0.3)}
    for i, (_, t) in enumerate(texts):
        other = texts[(i + 7) % len(texts)][1]
        for amount in copies:
            copies[amount].append(signature(t).jaccard(signature(edited(t, other, rng, amount))))
    sigs = [(s, signature(t)) for s, t in texts]
    same_section = [a.jaccard(b) for i, (s, a) in enumerate(sigs) for (s2, b) in sigs[i + 1 :]
                    if s == s2]  # fmt: skip
    for amount, scores in copies.items():
        scores.sort()
        caught = sum(x >= THRESHOLD for x in scores) / len(scores)
        print(f"copies, {amount:.0%} of sentences edited: min {scores[0]:.2f} median "
              f"{scores[len(scores) // 2]:.2f}; flagged at {THRESHOLD}: {caught:.1%}")  # fmt: skip
    same_section.sort()
    false = sum(x >= THRESHOLD for x in same_section)
    print(f"different articles, same section ({len(same_section)} pairs): max "
          f"{same_section[-1]:.2f}, 99.9th pct {same_section[int(len(same_section) * .999)]:.2f}; "
          f"flagged at {THRESHOLD}: {false}")  # fmt: skip

    for t in (0.3, 0.4, 0.5, 0.6):
        row = ", ".join(f"{sum(x >= t for x in c) / len(c):.1%}" for c in copies.values())
        print(f"  at {t}: copies flagged (10/20/30%) {row}; other pairs {sum(x >= t for x in same_section)}")  # fmt: skip

    # The index at import start: build cost per article, memory for 20k extrapolated.
    corpus = [t for _, t in texts]
    start = time.process_time()
    lookup = {str(i): t for i, t in enumerate(corpus)}
    index = NearDuplicates(lookup.__getitem__)
    index.add_all((str(i), t) for i, t in enumerate(corpus))
    spent = time.process_time() - start
    tracemalloc.start()
    again = NearDuplicates(lambda i: corpus[int(i)])
    again.add_all((str(i), t) for i, t in enumerate(corpus))
    mem = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    k = len(corpus)
    print(f"index of {k} articles: {spent:.2f} s CPU, {mem / 1e6:.1f} MB; for 20,000: "
          f"~{spent / k * 20000:.0f} s, ~{mem / k * 20000 / 1e6:.0f} MB")  # fmt: skip
    # End to end: each copy edited 20% looked up in the index of the originals.
    found = 0
    for i, t in enumerate(corpus):
        lookup[f"copy-{i}"] = copy = edited(t, corpus[(i + 7) % k], rng, 0.2)
        hit = index.repeats(f"copy-{i}", copy)
        found += hit is not None and hit[0] == str(i)
    print(f"index finds the original of {found / k:.1%} of the 20%-edited copies")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
