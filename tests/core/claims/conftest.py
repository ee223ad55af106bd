"""Claims test fixtures: the fixture corpus (tests/fixtures/claims) imported once with the rules
highlighter, copied for each test; and a tiny hand-made project that needs no spaCy."""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest

from annotations.claims.model import SuggestedClaim
from annotations.model import FIGURE, Article, Figure, Span
from annotations.quality.claims import FIXTURES, build_project
from annotations.store import Store


@pytest.fixture(scope="session")
def _fixture_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("claims") / "fixtures.db"
    build_project(path).close()
    return path


@pytest.fixture
def corpus(_fixture_db, tmp_path) -> Store:
    """A fresh copy of the fixture corpus as a project (no claims yet), reviewer ana."""
    path = tmp_path / "corpus.db"
    shutil.copy(_fixture_db, path)
    store = Store(path, reviewer="ana")
    yield store
    store.close()


@pytest.fixture
def fixtures():
    return FIXTURES


@dataclass
class Tiny:
    store: Store
    spans: dict[str, int]  # article id -> its figure's span id
    claim_id: int  # the claim holding the three Gaza figures


TEXTS = {
    "bbc": ("Some 1,400 people were killed in Gaza, officials said.", "Some 1,400",
            dict(value=1400, qualifier="approximately", counted="people")),
    "ap": ("At least 1,200 were killed in Gaza.", "1,200", dict(value=1200)),
    "afp": ("More than 1,300 people died in Gaza.", "More than 1,300",
            dict(value=1300, qualifier="more_than")),
    "lagos": ("A crash in Lagos killed 12 people.", "12", dict(value=12)),
}  # fmt: skip


def make_tiny(path) -> Tiny:
    store = Store(path, reviewer="ana")
    with store.transaction():
        for aid, (text, quote, figure) in TEXTS.items():
            i = text.index(quote)
            store.insert_article(
                Article(aid, text, title=aid, published="2023-10-10", outlet=aid.upper(),
                        url=f"https://news.example/{aid}"),
                [Span(i, i + len(quote), FIGURE, quote, figure=Figure(**figure))],
            )  # fmt: skip
    spans = {a: store.spans(a)[0].id for a in TEXTS}
    change = store.save_suggestions(
        [SuggestedClaim("count", None, "deaths", ["gaza"],
                        [(spans["bbc"], 1.0), (spans["ap"], 0.9), (spans["afp"], 0.8)])]
    )  # fmt: skip
    [claim_id] = change.claim_ids
    return Tiny(store, spans, claim_id)


@pytest.fixture
def tiny(tmp_path) -> Tiny:
    """Four one-figure articles of one day; a suggested claim of the three Gaza figures
    (some 1,400 and 1,200 conflict; more than 1,300 agrees with both)."""
    t = make_tiny(tmp_path / "tiny.db")
    yield t
    t.store.close()
