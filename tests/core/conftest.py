"""Core test fixtures: a small reviewed project built through the core API, as a reviewer would leave it,
and a templated corpus big enough to train on."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from annotations.model import Article, Figure, FigureKind, Qualifier, Source, Span
from annotations.store import Store

A1 = (
    "Acme Corp said profits rose 76% to $1.13bn in 2004, according to Jane Smith in London. "
    "Workers in תל אביב got 2,000 new jobs 🎉.\n\n"
    "The firm employs about 5,000 people."
)
A2 = "Bank of\nEngland raised rates to 4.75% on Thursday."
A3 = "Google bought YouTube for $1.65bn."


def _span(text: str, quote: str, label: str, origin: str = "rules", figure=None) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), label, quote, origin=origin, figure=figure)


@dataclass
class Project:
    store: Store
    # What a verified export must contain, per article: (text, label) with FIGURE unmapped.
    verified: dict[str, set[tuple[str, str]]]
    texts: dict[str, str]
    rejected: str = "Workers"

    def mapped(self, article_id: str) -> set[tuple[str, str]]:
        """The verified spans under the labels spaCy and CoNLL get (FIGURE by its kind)."""
        return {(t, MAPPED.get(t, label) if label == "FIGURE" else label)
                for t, label in self.verified[article_id]}  # fmt: skip


def build_project(path) -> Project:
    store = Store(path, reviewer="alice")
    pct = Figure(value=76, kind=FigureKind.PERCENT, unit="%", counted="profit growth")
    money = Figure(value=1.13e9, kind=FigureKind.MONEY, unit="USD", counted="profits")
    jobs = Figure(value=2000, counted="new jobs")
    store.insert_article(
        Article("a1", A1, title="Acme profits", published="2005-01-20", outlet="BBC",
                url="https://news.example/acme", meta={"section": "business"}),
        [
            _span(A1, "Acme Corp", "ORG"),
            _span(A1, "76%", "FIGURE", figure=pct),
            _span(A1, "$1.13bn", "FIGURE", figure=money),
            _span(A1, "2004", "DATE"),
            _span(A1, "Jane Smith", "ORG", origin="model:news"),
            _span(A1, "London", "GPE"),
            _span(A1, "Workers", "ORG"),
            _span(A1, "תל אביב", "GPE", origin="model:news"),
            _span(A1, "2,000", "FIGURE", figure=jobs),
        ],
    )  # fmt: skip
    store.insert_article(
        Article("a2", A2, title="Rates", published="2005-02-03", outlet="BBC"),
        [_span(A2, "4.75%", "FIGURE", figure=Figure(value=4.75, kind=FigureKind.PERCENT, unit="%")),
         _span(A2, "Thursday", "DATE")],
    )  # fmt: skip
    store.insert_article(Article("a3", A3, title="Google"), [_span(A3, "Google", "ORG")])
    ids = {(s.article_id, s.text): s.id for a in ("a1", "a2", "a3") for s in store.spans(a)}

    for quote in ("Acme Corp", "2004", "תל אביב", "2,000"):
        store.accept(ids["a1", quote])
    store.relabel(ids["a1", "Jane Smith"], "PERSON")
    store.reject(ids["a1", "Workers"])
    store.set_verdict(ids["a1", "76%"], "supported")
    store.link_source(ids["a1", "76%"], Source("https://example.org/report", title="Annual report"),
                      stance="supports", excerpt="profits up 76%")  # fmt: skip
    store.set_verdict(ids["a1", "$1.13bn"], "false")
    store.set_note(ids["a1", "$1.13bn"], "The report says $1.1bn")
    start = A1.index("about 5,000")
    added = store.add_span("a1", start, start + len("about 5,000"), "FIGURE").created_span_id
    store.update_figure(
        added, Figure(value=5000, qualifier=Qualifier.APPROXIMATELY, counted="people")
    )
    store.mark_reviewed("a1")  # "London" stays a suggestion: not verified

    store.accept(ids["a2", "4.75%"])
    store.accept(ids["a2", "Thursday"])
    start = A2.index("Bank")
    store.add_span("a2", start, start + len("Bank of\nEngland"), "ORG")
    store.mark_reviewed("a2")

    store.accept(ids["a3", "Google"])  # a3 stays in review: not exported by default
    verified = {
        "a1": {("Acme Corp", "ORG"), ("76%", "FIGURE"), ("$1.13bn", "FIGURE"), ("2004", "DATE"),
               ("Jane Smith", "PERSON"), ("תל אביב", "GPE"), ("2,000", "FIGURE"),
               ("about 5,000", "FIGURE")},
        "a2": {("Bank of\nEngland", "ORG"), ("4.75%", "FIGURE"), ("Thursday", "DATE")},
    }  # fmt: skip
    return Project(store, verified, {"a1": A1, "a2": A2, "a3": A3})


@pytest.fixture
def project(tmp_path) -> Project:
    p = build_project(tmp_path / "project.db")
    yield p
    p.store.close()


# FIGURE spans in the fixture leave for spaCy/CoNLL under these labels.
MAPPED = {"76%": "PERCENT", "$1.13bn": "MONEY", "2,000": "CARDINAL", "about 5,000": "CARDINAL",
          "4.75%": "PERCENT"}  # fmt: skip


# ---------------------------------------------------------------------- a corpus to train on
PEOPLE = [
    "Maria Lopez",
    "John Carter",
    "Aisha Khan",
    "Peter Novak",
    "Lena Berg",
    "Omar Haddad",
    "Sofia Rossi",
    "David Chen",
    "Emma Wilson",
    "Tom Baker",
    "Nina Petrova",
    "Raj Patel",
]
ORGS = [
    "Northwind Bank",
    "Zorblax Industries",
    "Acme Corp",
    "Globex Holdings",
    "Initech",
    "Vandelay Imports",
    "Stark Energy",
    "Umbrella Group",
    "Wayne Enterprises",
    "Hooli",
]
PLACES = ["London", "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Lisbon", "Dublin", "Oslo"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "{person} joined {org} in {place} on {day}.",
    "On {day}, {org} said {person} would lead its office in {place}.",
    "{org} opened a new plant in {place}, {person} told reporters on {day}.",
    "Shares in {org} fell after {person} left {place} on {day}.",
]  # fmt: skip


def build_training_project(path, n_articles: int = 130) -> Store:
    """Reviewed articles of templated sentences with every entity accepted."""
    import random

    from annotations.model import ArticleStatus, SpanStatus

    rng = random.Random(7)
    store = Store(path, reviewer="alice")
    with store.transaction():
        for n in range(n_articles):
            text, spans = "", []
            for _ in range(3):
                values = {"person": rng.choice(PEOPLE), "org": rng.choice(ORGS),
                          "place": rng.choice(PLACES), "day": rng.choice(DAYS)}  # fmt: skip
                template = rng.choice(TEMPLATES)
                sentence = template.format(**values)
                for key, label in (("person", "PERSON"), ("org", "ORG"), ("place", "GPE"), ("day", "DATE")):  # fmt: skip
                    start = len(text) + sentence.index(values[key])
                    spans.append(Span(start, start + len(values[key]), label, values[key],
                                      status=SpanStatus.ACCEPTED))  # fmt: skip
                text += sentence + " "
            store.insert_article(
                Article(f"t{n}", text.strip(), status=ArticleStatus.REVIEWED), spans
            )
    return store


@pytest.fixture(scope="session")
def training_project(tmp_path_factory) -> Store:
    store = build_training_project(tmp_path_factory.mktemp("train") / "project.db")
    yield store
    store.close()


@pytest.fixture
def make_training_project():
    """build_training_project, for tests that need their own (smaller) corpus."""
    return build_training_project
