"""How good the pre-highlighting has been, judged by reviewers' decisions: per label and per origin
(rules, each model), how many suggestions were accepted as they were, corrected or rejected, and
how many spans reviewers had to add, so a team sees whether a new model helps.

precision: accepted / decided — the suggestion was right as it stood.
lenient_precision: (accepted + corrected) / decided — it pointed at something real.
recall: (accepted + corrected) / (accepted + corrected + added) — an estimate, since reviewers
  only add what the highlighting missed in the articles they reviewed.
"""

from __future__ import annotations

from collections import Counter

from annotations.store import Store

STATUSES = ("suggested", "accepted", "corrected", "rejected", "added")


def review_quality(store: Store) -> dict:
    """`{"overall", "by_label", "by_origin"}`, each with counts and rates (None before decisions).

    `by_origin` covers pre-highlighted spans only; spans reviewers added count under their label.
    """
    overall: Counter = Counter()
    by_label: dict[str, Counter] = {}
    by_origin: dict[str, Counter] = {}
    for label, origin, status, n in store.decision_counts():
        overall[status] += n
        by_label.setdefault(label, Counter())[status] += n
        if status != "added":
            by_origin.setdefault(origin, Counter())[status] += n
    return {
        "overall": _rates(overall),
        "by_label": {k: _rates(v) for k, v in sorted(by_label.items())},
        "by_origin": {k: _rates(v, added=False) for k, v in sorted(by_origin.items())},
    }


def _rates(c: Counter, added: bool = True) -> dict:
    out: dict = {s: c[s] for s in STATUSES if added or s != "added"}
    decided = c["accepted"] + c["corrected"] + c["rejected"]
    found = c["accepted"] + c["corrected"]
    out["precision"] = _ratio(c["accepted"], decided)
    out["lenient_precision"] = _ratio(found, decided)
    if added:
        out["recall"] = _ratio(found, found + c["added"])
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def quality_lines(quality: dict) -> list[str]:
    """The quality figures as a plain-text table for `factmark stats`."""
    head = f"{'':<16} {'accepted':>8} {'corrected':>9} {'rejected':>8} {'added':>6} {'pending':>7} {'precision':>9} {'lenient':>7} {'recall':>6}"
    lines = ["pre-highlighting quality (from reviewers' decisions):", head]

    def row(name: str, r: dict) -> str:
        return (f"{name[:16]:<16} {r['accepted']:>8} {r['corrected']:>9} {r['rejected']:>8} "
                f"{_show(r.get('added', '')):>6} {r['suggested']:>7} {_show(r['precision']):>9} "
                f"{_show(r['lenient_precision']):>7} {_show(r.get('recall', '')):>6}")  # fmt: skip

    lines.append(row("all", quality["overall"]))
    lines += [row(label, r) for label, r in quality["by_label"].items()]
    lines.append("by origin:")
    lines += [row(origin, r) for origin, r in quality["by_origin"].items()]
    return lines


def _show(v) -> str:
    if v is None:
        return "-"
    return f"{v:.2f}" if isinstance(v, float) else str(v)
