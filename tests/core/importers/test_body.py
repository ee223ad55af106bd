"""The article without its page: each imported article knows its body; page furniture stays in
the text but is not highlighted; outlet and byline are read from the furniture."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.importers import import_paths, rehighlight
from annotations.importers.body import read_page
from annotations.quality.body import lost_sentences, score_folders

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
SEED_004 = SEEDS / "004_41e63b65b7f40297.txt"
PAGES = Path(__file__).parent / "pages"
SIDEBAR_FIGURES = ("Two", "Hundreds", "315")  # of "Two launches", "Hundreds of Israelis", "… 315"


def _bbc() -> Path | None:
    env = os.environ.get("FACTMARK_DATA")
    places = [Path(env)] if env else []
    places += [p / "shared" / "data" for p in Path(__file__).resolve().parents]
    return next((p / "bbc_news" for p in places if (p / "bbc_news").is_dir()), None)


def body_text(article) -> str:
    return "".join(article.text[a:b] for a, b in article.body.pieces(len(article.text)))


@pytest.fixture(scope="module")
def highlighter():
    from annotations.highlight import load_highlighter

    return load_highlighter()  # the default, as `factmark import` runs it


def test_seed_004_body_is_the_article_between_the_page_header_and_the_sidebar(store):
    import_paths(store, [SEED_004])
    a = store.article(SEED_004.stem)
    assert a.text.startswith("Jerusalem Post\nSeparator")  # the text stays the page's
    body = body_text(a)
    assert body.startswith("US Secretary of State Anthony Blinken reaffirms Rafah stance")
    assert body.rstrip().endswith("as Israel pursues Hamas targets.")
    for furniture in ("Separator", "BREAKING NEWS", "By JERUSALEM POST STAFF", "05/12/2024",
                      "IDF strikes eastern Rafah", "Death toll from Afghanistan floods"):  # fmt: skip
        assert furniture in a.text and furniture not in body
    assert "where over one million people have taken shelter" in body


def test_seed_004_outlet_and_byline_are_read_from_its_furniture(store):
    import_paths(store, [SEED_004])
    a = store.article(SEED_004.stem)
    assert a.outlet == "Jerusalem Post"
    assert a.meta["byline"] == "Jerusalem Post staff"


@pytest.mark.slow
def test_seed_004_has_no_figure_from_its_sidebar(store, highlighter):
    import_paths(store, [SEED_004], highlighter=highlighter)
    a = store.article(SEED_004.stem)
    text, store_text = a.text, store.spans(a.id)
    # the highlighter does find these in the page: the sidebar's figures
    raw = [s.text for s in highlighter.highlight(text) if s.label == "FIGURE"]
    assert set(SIDEBAR_FIGURES) <= set(raw)
    figures = [s.text for s in store_text if s.label == "FIGURE"]
    assert not set(SIDEBAR_FIGURES) & set(figures)
    assert "over one million" in figures  # the article's own figure stays
    assert all(a.holds(s.start, s.end) for s in store_text)


def test_rehighlighting_leaves_the_furniture_unhighlighted(store, highlighter):
    import_paths(store, [SEED_004])
    assert rehighlight(store, highlighter) == 1
    a = store.article(SEED_004.stem)
    spans = store.spans(a.id)
    assert spans and all(a.holds(s.start, s.end) for s in spans)
    assert "Reuters" not in {s.text for s in spans}  # a sidebar byline's outlet


def test_a_page_shows_its_furniture_by_many_signs(store, tmp_path):
    page = "\n".join([
        "Riverside Gazette", "Home › Local › Harbour", "", "Harbour council approves new sea wall",
        "By MARIA OKAFOR", "Updated 18 March 2024, 09:30 GMT", "Share Facebook Twitter Email", "",
        "The harbour council voted on Monday to spend 4.2 million pounds on a new sea wall.", "",
        "Advertisement", "",
        "Councillor Ahmed Shah said the wall would be built in three stages by 2026.", "",
        "Most read", "Bakery wins prize for the 315-layer croissant",
        "Hundreds of fans queue overnight for cup tickets", "",
        "© 2024 Riverside Gazette. All rights reserved.",
    ])  # fmt: skip
    (tmp_path / "gazette.txt").write_text(page, encoding="utf-8")
    import_paths(store, [tmp_path / "gazette.txt"])
    a = store.article("gazette")
    body = body_text(a)
    assert body.startswith("Harbour council approves new sea wall")
    assert "4.2 million pounds" in body and "three stages by 2026." in body
    for furniture in ("Home ›", "By MARIA", "Updated 18 March", "Facebook", "Advertisement",
                      "Most read", "315-layer", "Hundreds of fans", "All rights reserved"):  # fmt: skip
        assert furniture not in body, furniture
    assert a.outlet == "Riverside Gazette"
    assert a.meta["byline"] == "Maria Okafor"


def test_links_calls_and_reading_times_inside_a_page_are_furniture():
    page = "\n".join([
        "We use cookies to improve your experience. By continuing you agree to our policy.",
        "Live updates", "Israel at War - Day 220", "",
        "Rocket sirens sound across the north as drones are intercepted",
        "By Emanuel Fabian", "Today, 3:39 am", "4 min read", "Share on WhatsApp", "",
        "Sirens sounded in several communities in the north on Monday morning, the army said.",
        "READ MORE: Army says it struck sites across southern Lebanon",
        "Related party payments were also examined by the committee, officials said.",
        "Sign up for our daily briefing", "Last modified on Mon 13 May 2024 10.00 BST",
    ])  # fmt: skip
    body = read_page(page).body
    kept = "".join(page[a:b] for a, b in body.pieces(len(page)))
    # a kicker right above the headline is taken with it, as a standfirst under it would be
    assert kept.startswith("Israel at War - Day 220\n\nRocket sirens sound across the north")
    assert "the army said." in kept and "Related party payments" in kept
    for furniture in ("cookies", "Live updates", "Emanuel", "3:39", "4 min read",
                      "WhatsApp", "READ MORE", "daily briefing", "Last modified"):  # fmt: skip
        assert furniture not in kept, furniture
    assert read_page(page).byline == "Emanuel Fabian"


def test_a_listing_above_the_article_leaves_the_article_its_headline():
    page = "\n".join([
        "Latest", "Hostile aircraft intrusion in northern Israel", "05/12/2024 11:14 PM",
        "Putin proposes sacking Defense Minister Shoigu", "05/12/2024 09:25 PM",
        "Blinken reaffirms Rafah stance in call to Gallant", "By JERUSALEM POST STAFF",
        "05/13/2024 03:39 AM",
        "US Secretary of State Antony Blinken spoke with Israeli Defense Minister Yoav Gallant.",
    ])  # fmt: skip
    body = read_page(page).body
    kept = "".join(page[a:b] for a, b in body.pieces(len(page)))
    assert kept.startswith("Blinken reaffirms Rafah stance") and kept.endswith("Gallant.")
    assert "Shoigu" not in kept and "STAFF" not in kept and "03:39" not in kept


def test_an_article_without_furniture_is_all_body_lists_and_all(store, tmp_path):
    text = ("Ad sales boost Time Warner profit\n\n"
            "Quarterly profits at TimeWarner jumped 76% to $1.13bn for the three months.\n\n"
            "The winners were:\n- Drama - Featherboy\n- Animation - Brush Head\n"
            "School Of Rock\nBarcelona, Bayern Munich, Porto, Real Madrid, Werder Bremen")  # fmt: skip
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
    import_paths(store, [tmp_path / "plain.txt"])
    a = store.article("plain")
    assert a.furniture_ranges() == [] and body_text(a) == a.text
    assert "byline" not in a.meta and a.outlet is None


def test_seed_003_links_to_other_stories_inside_the_body_are_furniture():
    text = (SEEDS / "003_49cb2a8c40627ad3.txt").read_text(encoding="utf-8")
    body = read_page(text).body
    cut = [text[a:b] for a, b in body.furniture_ranges(len(text))]
    assert any(c.startswith("Biden Says Israel, Hamas Should") for c in cut)
    assert any(c.startswith("Israel’s Fight With Iran Proxies") for c in cut)
    assert not any("Free Hostages" in c for c in cut)  # a sub-heading of the article itself


def test_a_saved_web_page_is_all_body_as_trafilatura_read_it(store):
    import_paths(store, [PAGES / "article.html"])
    a = store.article("article")
    assert a.body is not None and (a.body.start, a.body.end) == (0, len(a.text))
    assert a.furniture_ranges() == []


def test_jsonl_with_spans_and_no_body_is_all_body_and_a_given_body_is_kept(store, tmp_path):
    page = "Site News\nSeparator\nHeadline of it all\nThe story goes on and on here today.\nOther"
    with_spans = {"id": "s", "text": page, "spans": [{"start": 0, "end": 9, "label": "ORG"}]}
    given = {"id": "g", "text": page + " ", "body": {"start": 20, "end": 76}}
    (tmp_path / "in.jsonl").write_text(
        "\n".join(json.dumps(x) for x in (with_spans, given)), encoding="utf-8"
    )
    report = import_paths(store, [tmp_path / "in.jsonl"])
    assert report.imported == 2, [str(p) for p in report.problems]
    assert store.article("s").furniture_ranges() == []  # annotated whole: the file's spans stay
    assert [s.text for s in store.spans("s")] == ["Site News"]
    assert store.article("g").body.start == 20 and store.article("g").body.end == 76


def test_a_body_that_does_not_fit_the_text_is_one_line_and_the_rest_imports(store, tmp_path):
    bad = {"id": "b", "text": "Short text here.", "body": {"start": 9, "end": 400}}
    good = {"id": "ok", "text": "Another text here."}
    (tmp_path / "in.jsonl").write_text(json.dumps(bad) + "\n" + json.dumps(good), encoding="utf-8")
    report = import_paths(store, [tmp_path / "in.jsonl"])
    assert report.imported == 1
    assert [str(p) for p in report.problems] == [
        f"{tmp_path / 'in.jsonl'}:1: body end 400 is not an offset into the text (0..16)"
    ]


def test_import_update_reads_the_body_of_the_new_text(store, tmp_path, highlighter):
    path = tmp_path / "story.txt"
    path.write_text("A plain story about the harbour and its 120 homes today.", encoding="utf-8")
    import_paths(store, [path], highlighter=highlighter)
    assert store.article("story").furniture_ranges() == []
    path.write_text(SEED_004.read_text(encoding="utf-8"), encoding="utf-8")
    report = import_paths(store, [path], highlighter=highlighter, update=True)
    assert report.updated == 1
    a = store.article("story")
    assert body_text(a).startswith("US Secretary of State Anthony Blinken reaffirms")
    figures = {s.text for s in store.spans("story") if s.label == "FIGURE"}
    assert "over one million" in figures and not set(SIDEBAR_FIGURES) & figures


@pytest.mark.slow
def test_bbc_articles_come_out_whole():
    bbc = _bbc()
    if bbc is None:
        pytest.skip("../shared/data/bbc_news is not on this machine")
    files = sorted(p for p in bbc.glob("*/*.txt"))
    score = score_folders(files, keep=5)
    assert score.articles == 2225
    assert score.lost_sentence == 0, score.examples
    assert score.whole == score.articles, score.examples


def test_lost_sentences_names_a_sentence_cut_into_the_furniture():
    text = "Headline\n\nThe council voted on Monday to spend money. Short bit"
    assert lost_sentences(text, [(10, len(text))]) == [
        "The council voted on Monday to spend money."
    ]
    assert lost_sentences(text, [(0, 8)]) == []


_LINES = [
    "Jerusalem Post", "Separator", "BREAKING NEWS", "By JERUSALEM POST STAFF", "05/12/2024 11:53 AM",
    "Most read", "Share Facebook Twitter", "Two launches from Rafah intercepted", "",
    "The council voted on Monday to spend 4.2 million pounds on a new sea wall.",
    "Free Hostages", "- a list item", "   ", "Biden Says Israel, Hamas Should Pause for Hostage Release",
]  # fmt: skip


@given(st.lists(st.sampled_from(_LINES) | st.text(max_size=40), max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_page_gets_a_body_the_store_takes_inside_its_text(lines):
    from annotations.model import Article
    from annotations.store.articles import checked_body

    text = "\n".join(lines)
    body = read_page(text).body
    if text:  # an import never has an empty text
        assert checked_body(Article("x", text, body=body)) == body
    pieces = body.pieces(len(text))
    kept = "".join(text[a:b] for a, b in pieces)
    cut = "".join(text[a:b] for a, b in body.furniture_ranges(len(text)))
    assert sorted(kept + cut) == sorted(text)  # every character is body or furniture, once


@pytest.mark.slow
def test_factmark_highlight_leaves_the_sidebar_out_and_its_jsonl_keeps_the_body(tmp_path):
    from click.testing import CliRunner

    from annotations.cli import cli

    out, db = tmp_path / "out.jsonl", tmp_path / "p.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "highlight", str(SEED_004), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [rec] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    figures = {s["text"] for s in rec["spans"] if s["label"] == "FIGURE"}
    assert "over one million" in figures and not set(SIDEBAR_FIGURES) & figures
    result = CliRunner().invoke(cli, ["--db", str(db), "import", "--no-highlight", str(out)])
    assert result.exit_code == 0, result.output
    from annotations.store import Store

    store = Store(db)
    assert store.article(rec["id"]).body.start == rec["body"]["start"] > 0
    store.close()
