"""Qt counts UTF-16 units, the core code points: spans stay on their text with emoji, Hebrew, Arabic."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotations.model import Article, Span
from annotations.store import Store
from desktop.article_view import ArticleView
from desktop.offsets import Utf16Offsets

TEXT = "🙂🙂 Gaza: 1,400 killed 👨‍👩‍👧 in עזה (غزة) 𝟗𝟎𝟎𝟎 hurt; ירושלים 12 and القدس 7 🇵🇸 end"
NEEDLES = ["Gaza", "1,400 killed", "עזה", "غزة", "𝟗𝟎𝟎𝟎", "ירושלים 12", "القدس 7", "🇵🇸", "end"]


def spans() -> list[Span]:
    out = []
    for n in NEEDLES:
        start = TEXT.index(n)
        out.append(Span(start, start + len(n), "GPE", n, id=len(out) + 1))
    return out


def test_offsets_round_trip_on_every_character_edge():
    conv = Utf16Offsets(TEXT)
    utf16 = TEXT.encode("utf-16-le")
    for cp in range(len(TEXT) + 1):
        qt = conv.to_qt(cp)
        assert utf16[: 2 * qt].decode("utf-16-le") == TEXT[:cp]
        assert conv.to_core(qt) == cp
    assert conv.length == len(utf16) // 2


def test_position_inside_a_surrogate_pair_snaps_to_the_character_start():
    conv = Utf16Offsets("a🙂b")
    assert [conv.to_core(q) for q in range(5)] == [0, 1, 1, 2, 3]


@pytest.fixture
def view(qtbot):
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(700, 300)
    v.set_article(TEXT, spans())
    return v


def test_each_highlight_covers_exactly_its_span_text(view):
    # One format range per stretch between span edges; here no spans overlap.
    highlighted = [TEXT[start:end] for start, end, _fmt in view.format_ranges()]
    assert highlighted == NEEDLES


def test_selection_in_the_view_becomes_the_same_text_in_the_core(view, tmp_path):
    store = Store(tmp_path / "u.db", reviewer="Ada")
    store.insert_article(Article("u", TEXT))
    for needle in NEEDLES:
        start = TEXT.index(needle)
        view.select_range(start, start + len(needle))
        assert view.textCursor().selectedText() == needle  # what the reviewer sees selected
        s, e = view.selected_range()
        change = store.add_span("u", s, e, "GPE")
        assert store.span(change.created_span_id).text == needle
    store.close()


def test_clicking_a_span_after_emoji_picks_that_span(qtbot, view):
    view.show()
    qtbot.waitExposed(view)
    target = spans()[5]  # "ירושלים 12", after several astral characters, right-to-left
    rect = view.range_rects(target.start, target.end)[0]
    with qtbot.waitSignal(view.span_clicked) as got:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert got.args == [target.id]


def test_overlapping_spans_are_all_visible(qtbot):
    text = "Some 1,400 people in Gaza City died."
    outer = Span(0, 17, "FIGURE", text[0:17], id=1)
    inner = Span(21, 30, "GPE", "Gaza City", id=2)
    city = Span(21, 25, "GPE", "Gaza", id=3)  # inside "Gaza City"
    rejected = Span(31, 35, "PERSON", "died", status="rejected", id=4)
    v = ArticleView()
    qtbot.addWidget(v)
    v.set_article(text, [outer, inner, city, rejected])
    ranges = {text[a:b]: fmt for a, b, fmt in v.format_ranges()}
    assert set(ranges) == {"Some 1,400 people", "Gaza", " City", "died"}
    assert ranges["Some 1,400 people"].fontUnderline()  # figures: a cue besides colour
    assert ranges["died"].fontStrikeOut()
    assert ranges["Gaza"].background() == ranges[" City"].background()  # same label, same colour
    # overlaps are edges inside edges, never a text line that could be read as the figure cue
    assert not any(f.fontOverline() or f.fontUnderline() for k, f in ranges.items() if "Gaza" in k)
    depth = {text[m.start : m.end]: m.depth for m in v.marks}
    assert depth == {"Some 1,400 people": 0, "Gaza City": 0, "Gaza": 1}
