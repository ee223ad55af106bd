"""Search never fails on what a person types, and finds the article they mean."""

import pytest

from annotations.model import Article
from annotations.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "p.db", reviewer="ana")
    s.insert_articles([
        (Article(id="toll", text="Some 1,400 killed, the U.S. said of al-Qaeda."), [], None),
        (Article(id="mail", text="O'Neill sent an e-mail about the AND NEAR vote."), [], None),
        (Article(id="other", text="Nothing to see here."), [], None),
        (Article(id="apart", text="He killed 1 of 400, some said."), [], None),
    ])  # fmt: skip
    return s


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("1,400", ["toll"]),
        ("U.S.", ["toll"]),
        ("al-Qaeda", ["toll"]),
        ('"1,400 killed"', ["toll"]),
        ('"killed 1"', ["apart"]),  # a phrase: the words in this order, side by side
        ("killed 1", ["apart", "toll"]),  # words: anywhere in the article
        ('"said of"', ["toll"]),
        ("o'neill", ["mail"]),
        ("e-mail", ["mail"]),
        ("AND", ["mail"]),
        ("NEAR(", ["mail"]),
        ("kill", ["apart", "toll"]),
        ("*", ["apart", "mail", "other", "toll"]),
        ("-", ["apart", "mail", "other", "toll"]),
        ('"', ["apart", "mail", "other", "toll"]),
    ],
)
def test_search_finds_what_a_person_types_and_never_raises(store, typed, found):
    assert sorted(store.article_ids(search=typed)) == found


def test_cli_list_search_with_punctuation(tmp_path, store):
    from click.testing import CliRunner

    from annotations.cli import cli

    result = CliRunner().invoke(cli, ["--db", store.path, "list", "--search", "1,400"])
    assert result.exit_code == 0, result.output
    assert "toll" in result.output and "other" not in result.output


def test_the_article_search_also_reads_span_notes(tmp_path):
    from annotations.model import Article, Span
    from annotations.store import Store

    store = Store(tmp_path / "p.db", reviewer="Ada")
    store.insert_article(Article("a", "Some 1,400 people died."), [Span(5, 10, "FIGURE", "1,400")])
    store.insert_article(Article("b", "Nothing to see."), [Span(0, 7, "PERSON", "Nothing")])
    assert store.article_ids(search="disputed") == []
    store.set_note(store.spans("a")[0].id, "Disputed by OCHA")
    assert store.article_ids(search="ocha disput") == ["a"]  # every word, the last a prefix
    assert store.article_ids(search="people") == ["a"]  # the text still counts
    assert store.article_ids(search="ocha nothing") == []  # words of one note, not of two places
    assert store.article_ids(search="ocha", status="reviewed") == []  # with the other filters
