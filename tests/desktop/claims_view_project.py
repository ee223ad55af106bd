"""A project with claims for the claims view's tests, made through the store (no spaCy).

Three claims, saved as one suggestion run:
- the Gaza death toll in four articles of four outlets over four days, where "some 1,400" (BBC)
  and "1,200" (AP) on the same day conflict; Reuters gives a range, Al Jazeera "more than 2,000"
  three days on (an update, not a conflict);
- people displaced, in five articles that agree (more articles, but no conflict: listed after);
- aid trucks, in two articles that agree.
"""

from __future__ import annotations

from annotations.claims.model import SuggestedClaim
from annotations.model import FIGURE, Article, Figure, Span
from annotations.store import Store

DEATHS = [  # (article id, text, figure as written, date, outlet, figure fields)
    ("bbc-1", "Some 1,400 people were killed in Gaza, officials said.", "Some 1,400",
     "2023-10-10", "BBC", {"value": 1400, "qualifier": "approximately"}),
    ("ap-1", "In Gaza, officials said 1,200 people were killed.", "1,200",
     "2023-10-10", "AP", {"value": 1200}),
    ("reuters-1", "Between 1,300 and 1,500 people were killed in Gaza.", "Between 1,300 and 1,500",
     "2023-10-11", "Reuters", {"low": 1300, "high": 1500}),
    ("aj-1", "More than 2,000 people have been killed in Gaza.", "More than 2,000",
     "2023-10-13", "Al Jazeera", {"value": 2000, "qualifier": "more_than"}),
]  # fmt: skip
DISPLACED = [
    (f"displaced-{i}", f"About {n:,} people have fled their homes in Gaza.", f"About {n:,}",
     f"2023-10-{12 + i}", outlet, {"value": n, "qualifier": "approximately"})
    for i, (n, outlet) in enumerate([(400_000, "BBC"), (420_000, "AP"), (423_000, "Reuters"),
                                     (430_000, "Guardian"), (450_000, "AP")])
]  # fmt: skip
TRUCKS = [
    ("trucks-1", "Twenty aid trucks crossed at Rafah on Saturday.", "Twenty",
     "2023-10-21", "AP", {"value": 20}),
    ("trucks-2", "A convoy of 20 aid trucks crossed at Rafah.", "20",
     "2023-10-21", "Guardian", {"value": 20}),
]  # fmt: skip
COUNTED = {"deaths": DEATHS, "displaced": DISPLACED, "trucks": TRUCKS}


def build_claims_project(path, reviewer: str = "importer") -> None:
    store = Store(path, reviewer=reviewer)
    groups: dict[str, list[int]] = {}
    with store.transaction():
        for counted, rows in COUNTED.items():
            for aid, text, figure, date, outlet, fields in rows:
                i = text.index(figure)
                spans = [Span(i, i + len(figure), FIGURE, figure,
                              figure=Figure(counted=counted, **fields))]  # fmt: skip
                if "Gaza" in text:  # a place too: opening the article alone lands on the first
                    g = text.index("Gaza")
                    spans.append(Span(g, g + 4, "GPE", "Gaza"))
                store.insert_article(
                    Article(aid, text, title=f"{outlet}: {text[:30]}", published=date,
                            outlet=outlet), spans,
                )  # fmt: skip
    for counted, rows in COUNTED.items():
        groups[counted] = [s.id for aid, *_ in rows for s in store.spans(aid) if s.figure]
    # displaced first: the lowest claim id, so only the conflict puts the deaths claim above it
    store.save_suggestions([
        SuggestedClaim("count", None, counted, ["gaza"], [(sid, 0.9) for sid in groups[counted]])
        for counted in ("displaced", "deaths", "trucks")
    ])  # fmt: skip
    store.close()
