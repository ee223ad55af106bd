"""Saved web pages and addresses: the article, not the page (fixtures in pages/, made by us)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from annotations.importers import import_paths, webpage

PAGES = Path(__file__).parent / "pages"


def test_a_saved_page_imports_its_article_without_the_sidebar(store):
    report = import_paths(store, [PAGES / "article.html"])
    assert report.imported == 1, [str(p) for p in report.problems]
    a = store.article("article")
    assert a.title == "Harbour council approves new sea wall"
    assert a.outlet == "Riverside Gazette"
    assert a.published == "2024-03-18"
    assert a.url == "https://news.example.org/local/harbour-sea-wall"
    assert a.meta.get("author") == "Maria Okafor"
    assert "4.2 million pounds on a new sea wall" in a.text
    assert "pedestrians throughout" in a.text
    for furniture in ("Two launches", "Hundreds of fans", "315-layer", "Most read",
                      "BREAKING NEWS", "All rights reserved", "Read more"):  # fmt: skip
        assert furniture not in a.text


def test_a_page_without_an_article_is_one_line_and_the_rest_imports(store, tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("article.html", "no_article.html", "latin1.htm"):
        shutil.copy(PAGES / name, folder / name)
    report = import_paths(store, [folder])
    assert report.imported == 2
    lines = [str(p) for p in report.problems if p.skipped]
    assert lines == [f"{folder / 'no_article.html'}:1: no article found in the page (only "
                     "navigation or other page furniture); save the article's own page, or "
                     "paste its text into a .txt file"]  # fmt: skip
    assert sorted(store.article_ids()) == ["article", "latin1"]


def test_a_page_in_latin_1_reads_by_the_charset_it_names(store):
    report = import_paths(store, [PAGES / "latin1.htm"])
    assert report.imported == 1 and not report.problems, [str(p) for p in report.problems]
    a = store.article("latin1")
    assert a.title == "Le café de la gare rouvre ses portes"
    assert "Après dix-huit mois de travaux" in a.text and "André Lefèvre" in a.text
    assert "\ufffd" not in a.text
    assert a.outlet == "Journal du Midi"
    assert a.published == "2023-11-02"
    assert a.url == "https://journal.example.net/ville/cafe-gare"


def test_an_address_that_cannot_be_fetched_is_one_line(tmp_path, monkeypatch):
    from annotations.cli import cli

    monkeypatch.setattr(webpage, "FETCH_TIMEOUT", 0.5)
    db = tmp_path / "p.factmark"
    # unroutable, and a port nothing listens on (this sandbox may answer the first itself)
    for address in ("http://10.255.255.1:81/news/story.html", "http://127.0.0.1:9/story"):
        result = CliRunner().invoke(cli, ["--db", str(db), "import", "--no-highlight", address])
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        lines = [ln for ln in result.output.splitlines() if ln.startswith(address)]
        assert len(lines) == 1 and lines[0].startswith(f"{address}:1: cannot fetch the page")
        assert "0 imported, 1 skipped" in result.output
