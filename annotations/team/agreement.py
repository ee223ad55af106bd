"""How far reviewers' layers agree: per pair of reviewers and for the team, overall, per label and
per article.

What is compared: in each article two reviewers both decided in, their positive spans (accepted,
corrected, added; a rejected or undecided span is no span).

- span F1, exact: 2·matches / (spans of one + spans of the other), a match being the same
  offsets and label. Overlapping: precision and recall count the spans of one that overlap a
  span of the same label of the other; F1 = 2PR / (P + R).
- Cohen's κ on token labels: every token (the core's tokenizer) labelled with the span over it
  or `O` (the earliest, longest where spans overlap). Per label, a token is that label or not.
  The team's κ is the mean of the pairs'.
- Krippendorff's α (nominal) on the same token labels, with the `krippendorff` package; the
  team's α takes every reviewer at once, a reviewer who did not decide in an article missing.
- figure values: of the FIGURE spans both marked (overlapping), the share with the same value
  and qualifier; verdicts: of those where at least one gave a verdict, the share with the same.

A team figure pools the pairs' counts (F1, shares); None where there is nothing to measure.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from annotations.model import FIGURE, Span
from annotations.store import Store
from annotations.text import token_offsets

OUTSIDE = "O"


@dataclass
class Counts:
    """Span counts of one comparison, summed over articles and pairs."""

    a: int = 0  # spans of the first reviewer
    b: int = 0
    exact: int = 0  # matching spans (same offsets and label)
    a_hit: int = 0  # spans of the first overlapping one of the second with the same label
    b_hit: int = 0
    values: list[bool] = field(default_factory=list)  # per overlapping figure pair
    verdicts: list[bool] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.a, self.b, self.exact = self.a + other.a, self.b + other.b, self.exact + other.exact
        self.a_hit, self.b_hit = self.a_hit + other.a_hit, self.b_hit + other.b_hit
        self.values += other.values
        self.verdicts += other.verdicts

    def span_f1(self) -> dict[str, float | None]:
        if not self.a + self.b:
            return {"exact": None, "overlap": None}
        recall = self.a_hit / self.a if self.a else 0.0
        precision = self.b_hit / self.b if self.b else 0.0
        overlap = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"exact": _r(2 * self.exact / (self.a + self.b)), "overlap": _r(overlap)}


def compare(a: Sequence[Span], b: Sequence[Span], label: str | None = None) -> Counts:
    """Counts of two reviewers' spans of one article (of one label, or all)."""
    if label is not None:
        a = [s for s in a if s.label == label]
        b = [s for s in b if s.label == label]
    keys_b = {(s.start, s.end, s.label) for s in b}
    c = Counts(len(a), len(b), sum((s.start, s.end, s.label) in keys_b for s in a))
    c.a_hit = sum(any(_overlap(s, t) for t in b) for s in a)
    c.b_hit = sum(any(_overlap(t, s) for s in a) for t in b)
    for s in a:
        if s.label != FIGURE or s.figure is None:
            continue
        t = next((t for t in b if _overlap(s, t) and t.figure is not None), None)
        if t is None:
            continue
        f, g = s.figure, t.figure
        c.values.append((f.value, f.qualifier) == (g.value, g.qualifier))
        if {str(f.verdict), str(g.verdict)} != {"unverified"}:
            c.verdicts.append(f.verdict == g.verdict)
    return c


def _overlap(s: Span, t: Span) -> bool:
    return s.label == t.label and s.start < t.end and t.start < s.end


def token_labels(spans: Sequence[Span], toks: Sequence[tuple[int, int]]) -> list[str]:
    """The label of each token: of the earliest, longest span over it, or `O`."""
    out = [OUTSIDE] * len(toks)
    ends = [e for _, e in toks]
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        i = bisect.bisect_right(ends, s.start)  # the first token ending after the span starts
        while i < len(toks) and toks[i][0] < s.end:
            if out[i] == OUTSIDE:
                out[i] = s.label
            i += 1
    return out


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's κ of two equally long label sequences; None where chance agreement is total."""
    return kappa_of(Counter(zip(a, b, strict=True)))


def kappa_of(confusion: Counter) -> float | None:
    """Cohen's κ from the counts of (first's label, second's label) over the tokens."""
    n = sum(confusion.values())
    if not n:
        return None
    observed = sum(v for (x, y), v in confusion.items() if x == y) / n
    ca, cb = Counter(), Counter()
    for (x, y), v in confusion.items():
        ca[x] += v
        cb[y] += v
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected >= 1:
        return None
    return _r((observed - expected) / (1 - expected))


def alpha_of(confusion: Counter) -> float | None:
    """Krippendorff's α (nominal) of two reviewers with no value missing, from the same counts:
    each token adds (x, y) and (y, x) to the coincidences. The same figure as the `krippendorff`
    package gives for the two rows (a test compares them), without building the rows for every
    pair and label."""
    coincidence: Counter = Counter()
    for (x, y), v in confusion.items():
        coincidence[(x, y)] += v
        coincidence[(y, x)] += v
    n = sum(coincidence.values())
    totals: Counter = Counter()
    for (x, _), v in coincidence.items():
        totals[x] += v
    if n < 2 or len(totals) < 2:
        return None
    observed = sum(v for (x, y), v in coincidence.items() if x != y) / n
    expected = (n * n - sum(t * t for t in totals.values())) / (n * (n - 1))
    return _r(1 - observed / expected)


def _binary(confusion: Counter, label: str) -> Counter:
    """The counts with every label but `label` as `O`."""
    out: Counter = Counter()
    for (x, y), v in confusion.items():
        out[(x if x == label else OUTSIDE, y if y == label else OUTSIDE)] += v
    return out


def krippendorff_alpha(rows: Sequence[Sequence[str | None]]) -> float | None:
    """Krippendorff's α (nominal) of reviewers' label rows (None: missing); None if undefined."""
    import krippendorff

    codes: dict[str, int] = {}
    data = np.array(
        [[np.nan if v is None else codes.setdefault(v, len(codes)) for v in row] for row in rows],
        dtype=float,
    )
    if len(codes) < 2 or data.shape[1] == 0:
        return None
    try:
        value = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except ValueError:  # fewer than two values pairable in any unit
        return None
    return None if np.isnan(value) else _r(float(value))


def _r(x: float) -> float:
    return round(x, 6)


def _share(flags: list[bool]) -> float | None:
    return _r(sum(flags) / len(flags)) if flags else None


def _mean(xs: Iterable[float | None]) -> float | None:
    xs = [x for x in xs if x is not None]
    return _r(sum(xs) / len(xs)) if xs else None


class Agreement:
    """The reviewers' layers of a project, read once, and their agreement figures."""

    def __init__(self, store: Store):
        self.layers: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        for d in store.decisions():
            spans = self.layers[d.reviewer][d.article_id]  # decided in, even if all rejected
            if d.span.status.positive:
                spans.append(d.span)
        self.layers = {r: dict(layer) for r, layer in self.layers.items()}  # no more defaults
        self.reviewers = sorted(self.layers)
        self.articles = sorted({a for layer in self.layers.values() for a in layer})
        self._store = store
        self._texts: dict[str, str] = {}  # read when first tokenized
        self.labels = sorted(
            {s.label for layer in self.layers.values() for v in layer.values() for s in v}
        )
        self.pairs = list(combinations(self.reviewers, 2))
        self._toks: dict[str, list[tuple[int, int]]] = {}
        self._labelled: dict[tuple, list[str]] = {}  # (reviewer, article) -> token labels
        self._pairs: dict[tuple, tuple[dict, Counter]] = {}  # (a, b, article) -> compared

    def _text(self, article: str) -> str:
        if article not in self._texts:
            self._texts[article] = self._store.article(article).text
        return self._texts[article]

    def _common(self, a: str, b: str) -> list[str]:
        return sorted(set(self.layers[a]) & set(self.layers[b]))

    def _tokens(self, r: str, article: str, label: str | None) -> list[str]:
        if (r, article) not in self._labelled:
            if article not in self._toks:
                self._toks[article] = token_offsets(self._text(article))
            self._labelled[(r, article)] = token_labels(
                self.layers[r][article], self._toks[article]
            )
        labels = self._labelled[(r, article)]
        return labels if label is None else [x if x == label else OUTSIDE for x in labels]

    def _compared(self, a: str, b: str, art: str) -> tuple[dict, Counter]:
        """Span counts per label (None: all) and the token label confusion of one article."""
        key = (a, b, art)
        if key not in self._pairs:
            sa, sb = self.layers[a][art], self.layers[b][art]
            counts = {lab: compare(sa, sb, lab) for lab in (None, *self.labels)}
            ta, tb = self._tokens(a, art, None), self._tokens(b, art, None)
            confusion = Counter(zip(ta, tb, strict=True))
            self._pairs[key] = (counts, confusion)
        return self._pairs[key]

    def pair(
        self, a: str, b: str, label: str | None = None, articles=None, alpha: bool = True
    ) -> dict:
        counts, confusion = Counts(), Counter()
        for art in articles if articles is not None else self._common(a, b):
            if art not in self.layers[a] or art not in self.layers[b]:
                continue
            by_label, conf = self._compared(a, b, art)
            counts.add(by_label[label])
            confusion.update(conf)
        if label is not None:
            confusion = _binary(confusion, label)
        return {
            "span_f1": counts.span_f1(),
            "cohen_kappa": kappa_of(confusion),
            "krippendorff_alpha": alpha_of(confusion) if alpha else None,
            "figure_value": _share(counts.values),
            "verdict": _share(counts.verdicts),
            "_counts": counts,
        }

    def team(self, label: str | None = None, articles: Sequence[str] | None = None) -> dict:
        pooled, kappas = Counts(), []
        for a, b in self.pairs:
            p = self.pair(a, b, label, articles, alpha=False)  # the team's α is its own
            pooled.add(p["_counts"])
            kappas.append(p["cohen_kappa"])
        rows: list[list[str | None]] = [[] for _ in self.reviewers]
        for art in articles if articles is not None else self.articles:
            n = None
            for row, r in zip(rows, self.reviewers, strict=True):
                if art in self.layers[r]:
                    row += self._tokens(r, art, label)
                else:
                    n = n if n is not None else len(token_offsets(self._text(art)))
                    row += [None] * n
        return {
            "span_f1": pooled.span_f1(),
            "cohen_kappa": _mean(kappas),
            "krippendorff_alpha": krippendorff_alpha(rows) if len(rows) > 1 else None,
            "figure_value": _share(pooled.values),
            "verdict": _share(pooled.verdicts),
        }

    def report(self) -> dict:
        """The figures as `factmark agreement --json` prints them."""
        overall = dict(self.team(), reviewers=self.reviewers, articles=len(self.articles))
        by_pair = {}
        for a, b in self.pairs:
            p = _public(self.pair(a, b))
            p["articles"] = len(self._common(a, b))
            p["by_label"] = {lab: _public(self.pair(a, b, lab)) for lab in self.labels}
            by_pair[f"{a}+{b}"] = p
        by_article = {}
        for art in self.articles:
            who = [r for r in self.reviewers if art in self.layers[r]]
            if len(who) > 1:
                by_article[art] = dict(self.team(articles=[art]), reviewers=who)
        return {
            "overall": overall,
            "by_label": {lab: self.team(lab) for lab in self.labels},
            "by_pair": by_pair,
            "by_article": by_article,
        }


def _public(figures: dict) -> dict:
    return {k: v for k, v in figures.items() if not k.startswith("_")}


def agreement(store: Store) -> dict:
    return Agreement(store).report()


def disagreement(figures: dict) -> float:
    """How far an article's reviewers differ, for sorting: 1 - exact span F1 (0 if none)."""
    f1 = figures["span_f1"]["exact"]
    return 1.0 - f1 if f1 is not None else 0.0


def ranked_articles(report: dict) -> list[tuple[str, dict]]:
    """The report's articles, most disagreement first (ties in article order)."""
    return sorted(report["by_article"].items(), key=lambda kv: -disagreement(kv[1]))


def report_lines(report: dict) -> list[str]:
    """The report as text: overall, per label, per pair, articles by disagreement."""

    def line(name: str, f: dict) -> str:
        def fmt(x) -> str:
            return "-" if x is None else f"{x:.3f}"

        return (
            f"{name:24} F1 exact {fmt(f['span_f1']['exact'])}  overlap "
            f"{fmt(f['span_f1']['overlap'])}  κ {fmt(f['cohen_kappa'])}  α "
            f"{fmt(f['krippendorff_alpha'])}  figures {fmt(f['figure_value'])}  verdicts "
            f"{fmt(f['verdict'])}"
        )

    o = report["overall"]
    if len(o["reviewers"]) < 2:
        return [f"agreement needs two reviewers' layers; found {len(o['reviewers'])}"]
    out = [f"{len(o['reviewers'])} reviewers ({', '.join(o['reviewers'])}), "
           f"{o['articles']} articles", line("team", o), "", "by label:"]  # fmt: skip
    out += [line(f"  {lab}", f) for lab, f in report["by_label"].items()]
    out += ["", "by pair:"] + [line(f"  {p}", f) for p, f in report["by_pair"].items()]
    ranked = ranked_articles(report)
    out += ["", "articles, most disagreement first:"]
    out += [line(f"  {a}", f) for a, f in ranked]
    return out
