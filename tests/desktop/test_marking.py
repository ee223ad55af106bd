"""Marking by keyboard as state: the draft moves and grows one token at a time, never empty."""

from __future__ import annotations

from desktop.marking import MarkingState

TEXT = "Some 1,400 people were killed in Gaza."


def words(m: MarkingState) -> str:
    return TEXT[m.draft[0] : m.draft[1]] if m.draft else ""


def test_marking_starts_at_the_first_token_after_a_point_and_reports_each_change():
    seen = []
    m = MarkingState(seen.append)
    m.set_text(TEXT)
    assert m.start(TEXT.index("people") - 1)
    assert words(m) == "people"
    assert seen == [m.draft]


def test_arrows_move_a_one_token_mark_and_the_end_grows_and_shrinks_but_never_empties():
    m = MarkingState()
    m.set_text(TEXT)
    m.start(0)
    m.move(+1)
    assert words(m) == "1,400"
    m.move_edge("end", +1)
    assert words(m) == "1,400 people"
    m.move_edge("end", -1)
    m.move_edge("end", -1)  # one token left: the end stays
    assert words(m) == "1,400"
    m.move_edge("start", -1)
    assert words(m) == "Some 1,400"
    m.move(-1)  # before the first token: the mark stays where it is
    assert words(m) == "Some 1,400"


def test_a_new_article_forgets_the_mark():
    m = MarkingState()
    m.set_text(TEXT)
    m.start(0)
    m.set_text("Another text entirely.")
    assert not m.active
    m.start(0)
    assert m.draft == (0, 7)
