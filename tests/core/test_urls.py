"""Which addresses factmark keeps, in what form, and what a reviewer sees of them."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.importers import import_paths
from annotations.model import Article, Source, Span
from annotations.store import Store
from annotations.urls import InvalidSourceUrl, display_url, normalise_url, safe_url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "http:// or https://"),
        ("file:///etc/passwd", "http:// or https://"),
        ("data:text/html,<b>x</b>", "http:// or https://"),
        ("ftp://example.org/a", "http:// or https://"),
        ("example.org/no-scheme", "http:// or https://"),
        ("", "(empty)"),
        ("http://user:secret@example.org/", "user name or password"),
        ("http://user@example.org/", "user name or password"),
        ("https://evil.example\\@good.example/", "user name or password"),
        ("http://:80", "no host"),
        ("http://@", "no host"),
        ("http:///path", "no host"),
        ("http://[::1", "not a name or an IP address"),
        ("http://example.org:99999/", "port"),
        ("http://example.org:0/", "port"),
        ("http://exa mple.org/", "U+0020"),
        ("http://example.org/a\tT99\tPERSON 0 4", "U+0009 (a tab)"),
        ("http://example.org/a\nT99\tPERSON 0 4", "U+000A (a line break)"),
        ("http://example.org/a\u2028b", "U+2028"),
        ("http://example.org/a\x85b", "U+0085"),
        ("http://example.org/\u202egpj.exe", "U+202E (right-to-left override)"),
        ("http://example.org/\u200b", "U+200B (zero width space)"),
        ("http://example.org/\x00", "U+0000"),
        ("http://ex..org/", "not a valid host name"),
        ("http://exa$mple.org/", "not a valid host name"),
        ("http://xn--zz.org/", "not valid punycode"),
        ("http://☃.net/", "not a valid international host name"),
        ("http://" + "a" * 64 + ".org/", "not a valid host name"),
        ("http://" + ".".join(["a" * 60] * 5) + ".org/", "longer than 253"),
        ("https://example.org/" + "x" * 2100, "longer than 2048"),
    ],
)
def test_an_address_factmark_cannot_keep_is_refused_with_the_reason(url, reason):
    with pytest.raises(InvalidSourceUrl) as e:
        normalise_url(url)
    assert reason in str(e.value)
    assert "\n" not in str(e.value) and "\t" not in str(e.value)  # one line, hidden chars shown
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/report", "https://example.org/report"),
        ("HTTPS://Example.ORG:443/Report?q=1#top", "https://example.org/Report?q=1#top"),
        ("http://example.org:80/", "http://example.org/"),
        ("http://example.org:8080/", "http://example.org:8080/"),
        ("  https://example.org/x\n", "https://example.org/x"),  # pasted with a newline
        ("http://аpple.com/", "http://xn--pple-43d.com/"),  # Cyrillic а
        ("https://münchen.de/straße?q=ä", "https://xn--mnchen-3ya.de/stra%C3%9Fe?q=%C3%A4"),
        ("https://example.org/a%20b", "https://example.org/a%20b"),  # escapes kept as they are
        ("http://my_blog.example.org/", "http://my_blog.example.org/"),
        ("http://[2001:DB8::1]:8443/x", "http://[2001:db8::1]:8443/x"),
        ("http://192.0.2.7/", "http://192.0.2.7/"),
    ],
)
def test_an_accepted_address_is_kept_in_one_ascii_form(url, kept):
    assert normalise_url(url) == kept
    assert normalise_url(kept) == kept  # the normal form is a fixed point
    assert kept.isascii()


def test_an_idn_host_shows_its_unicode_beside_the_punycode():
    assert display_url("http://xn--pple-43d.com/x") == "http://xn--pple-43d.com/x [аpple.com]"
    assert display_url("https://example.org/x") == "https://example.org/x"


def test_the_store_keeps_a_source_by_its_normal_form(tmp_path):
    store = Store(tmp_path / "p.db", reviewer="ada")
    text = "The ministry counted 1,400 people."
    store.insert_article(Article("a", text), [Span(21, 26, "FIGURE", "1,400")])
    span = store.spans("a")[0]
    store.link_source(span.id, Source("HTTP://аpple.com/Report"))
    store.link_source(span.id, Source("http://xn--pple-43d.com/Report"))  # the same source
    [link] = store.links(span.id)
    assert link.source.url == "http://xn--pple-43d.com/Report"
    for bad in ("http://user:secret@example.org/", "http://example.org/\nT99"):
        with pytest.raises(InvalidSourceUrl):
            store.link_source(span.id, Source(bad))
    assert len(store.links(span.id)) == 1


def test_import_keeps_article_urls_normalised_and_drops_others_with_a_line(tmp_path):
    rows = [
        {"id": "js", "text": "One text here.", "url": "javascript:alert(1)"},
        {"id": "idn", "text": "Two text here.", "url": "http://аpple.com/news"},
        {"id": "creds", "text": "Three text here.", "url": "http://user:secret@example.org/"},
        {"id": "ok", "text": "Four text here.", "url": "https://example.org/four"},
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (tmp_path / "in.csv").write_text("id,text,url\ncsv1,Five text here.,file:///etc/passwd\n")
    store = Store(tmp_path / "p.db")
    report = import_paths(store, [tmp_path / "in.jsonl", tmp_path / "in.csv"])
    assert report.imported == 5 and report.skipped == 0
    assert {a: store.article(a).url for a in ("js", "idn", "creds", "ok", "csv1")} == {
        "js": None, "idn": "http://xn--pple-43d.com/news", "creds": None,
        "ok": "https://example.org/four", "csv1": None,
    }  # fmt: skip
    lines = sorted(str(p) for p in report.problems)
    assert len(lines) == 3
    assert lines[0].startswith(f"{tmp_path / 'in.csv'}:2: url not kept (file:///etc/passwd")
    assert lines[1].startswith(f"{tmp_path / 'in.jsonl'}:1: url not kept (javascript:alert(1)")
    assert "user name or password" in lines[2] and ":3: " in lines[2]


_URLISH = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda scheme, host, rest: f"{scheme}://{host}{rest}",
        st.sampled_from(["http", "HTTPS", "https", "ftp", "javascript", ""]),
        st.text(max_size=30),
        st.text(max_size=30),
    ),
)


@given(_URLISH)
@settings(max_examples=400, deadline=None)
def test_any_string_is_either_refused_or_kept_as_a_safe_fixed_point(url):
    try:
        kept = normalise_url(url)
    except InvalidSourceUrl as e:
        assert len(str(e).splitlines()) == 1
        return
    assert kept.isascii() and kept.isprintable() and not any(ch.isspace() for ch in kept)
    assert kept.startswith(("http://", "https://")) and "@" not in kept.split("/")[2]
    assert len(kept) <= 2048 and normalise_url(kept) == kept
