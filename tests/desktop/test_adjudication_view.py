"""The adjudication view, driven by keys from the review window: the differences side by side,
1–9 take a reviewer's version, X rejects, E edits, S keeps sources; the database then holds the
final version, the adjudicated status and the events, and undo takes it back."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

from annotations.model import ArticleStatus, Source

sys.path.insert(0, str(Path(__file__).parents[1] / "core" / "team"))
from _acme import two_reviewers  # noqa: E402


def _final(store) -> list[tuple]:
    out = []
    for s in store.spans("a1"):
        if s.status.positive:
            f = s.figure
            out.append((s.text, s.label) + ((f.value, str(f.qualifier)) if f else ()))
    return out


def _view(window_on, tmp_path, qtbot, press, shown, lead=None):
    """The review window on the two reviewers' project, its adjudication view open and active."""
    lead, ids = (lead, None) if lead is not None else two_reviewers(tmp_path)
    window = window_on(lead)
    window.open_article("a1")
    press(window, "Ctrl+J")
    view = shown(window, "adjudication_view")
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return window, view, lead, ids


def _cells(view, col: int) -> list[str]:
    return [view.table.item(r, col).text() for r in range(view.table.rowCount())]


def test_adjudicating_an_article_by_keys_writes_the_final_version(window_on, tmp_path, qtbot,
                                                                  press, shown):  # fmt: skip
    window, view, lead, ids = _view(window_on, tmp_path, qtbot, press, shown)
    # side by side: one column per reviewer; Acme was agreed and taken on opening
    heads = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert heads == ["Where", "1 ana", "2 ben", "Final", "Differs in", "Settled"]
    assert _cells(view, 0) == ["Acme", "300", "people", "Paris"]
    assert _cells(view, 5) == ["agreed ✓", "to settle", "to settle", "to settle"]
    assert "3 of 4 differences left" in view.left_label.text()
    assert view.table.currentRow() == 1  # the first one still open
    press(view, "2")  # ben's 300: approximately
    assert view.table.currentRow() == 2  # on to the next open one
    press(view, "X")  # nobody's "people"
    press(view, "K", "K", "E")  # back to 300: edit the final version's value
    assert view.focusWidget() is view.panel.value_edit
    view.panel.value_edit.selectAll()
    qtbot.keyClicks(view.panel.value_edit, "310")
    qtbot.keyClick(view.panel.value_edit, Qt.Key.Key_Return)
    assert view.focusWidget() is view.table  # Return hands the keys back to the differences
    assert lead.article("a1").status is not ArticleStatus.ADJUDICATED
    press(view, "J", "J", "1")  # ana's Paris: LOC
    assert "0 of 4 differences left" in view.left_label.text()
    press(view, "K", "K", "Shift+Right", "Shift+Left")  # 300 grown to "300 people" and back

    assert lead.article("a1").status is ArticleStatus.ADJUDICATED
    assert _final(lead) == [("Acme", "ORG"), ("300", "FIGURE", 310.0, "approximately"),
                            ("Paris", "LOC")]  # fmt: skip
    outcomes = [(d.outcome, d.taken_from) for d in lead.differences("a1")]
    assert outcomes == [("agreed", None), ("edited", None), ("rejected", None), ("taken", "ana")]
    ops = [e.op for e in reversed(lead.events("a1", limit=200)) if e.reviewer == "lead"]
    assert list(dict.fromkeys(ops)) == ["take_agreements", "adjudicate", "adjudicate_reject",
                                        "adjudicate_edit"]  # fmt: skip
    resized = [e.after["end"] for e in lead.events("a1", limit=200)
               if e.op == "adjudicate_edit" and e.after and "origin" in e.after]  # fmt: skip
    assert resized[:2] == [14, 21]  # newest first: grown to 21, then back to 14
    assert lead.layer_reviewers() == ["ana", "ben"]
    assert "adjudicated" in window.meta_label.text()  # the review window follows

    press(view, "Ctrl+Z", "Ctrl+Z")  # the two nudges
    assert lead.span(ids["300"]).end == 14
    press(view, "Ctrl+Z")  # then Paris: back to ben's, the article not adjudicated
    assert lead.article("a1").status is not ArticleStatus.ADJUDICATED
    assert lead.span(ids["Paris"]).label == "GPE"
    assert _cells(view, 5)[3] == "to settle"
    press(view, "Ctrl+Shift+Z")
    assert lead.article("a1").status is ArticleStatus.ADJUDICATED


def test_sources_of_every_layer_are_kept_by_key(window_on, tmp_path, qtbot, press, shown):
    lead, ids = two_reviewers(tmp_path)
    from annotations.store import Store

    ben = Store(lead.path, reviewer="ben")
    mine = ben.add_span("a1", 25, 31, "GPE").created_span_id
    ben.link_source(mine, Source("https://example.org/b"), "contradicts")
    ben.close()
    window, view, _, _ = _view(window_on, tmp_path, qtbot, press, shown, lead)
    press(view, "J", "J", "J")
    assert view.table.item(3, 0).text() == "Paris."
    assert "source: https://example.org/b" in view.table.item(3, 2).text()
    press(view, "S")  # ben's source onto the final span (the team's Paris)
    assert [link.source.url for link in lead.links(ids["Paris"])] == ["https://example.org/b"]
    press(view, "S")
    assert "No other layer linked a source here." in view.left_label.text()
    press(view, "Ctrl+Z")
    assert lead.links(ids["Paris"]) == []


def test_a_number_past_the_reviewers_says_so(window_on, tmp_path, qtbot, press, shown):
    window, view, lead, _ = _view(window_on, tmp_path, qtbot, press, shown)
    press(view, "3")
    assert "no reviewer 3 here" in view.left_label.text()
    assert [d.outcome for d in lead.differences("a1")] == ["agreed", None, None, None]


def test_with_the_setting_off_agreements_wait_for_shift_a(window_on, tmp_path, qtbot, press,
                                                          shown):  # fmt: skip
    lead, _ = two_reviewers(tmp_path)
    lead.set_take_agreements(False)
    window, view, _, _ = _view(window_on, tmp_path, qtbot, press, shown, lead)
    assert not view.auto_box.isChecked()
    assert _cells(view, 5)[0] == "to settle"
    press(view, "Shift+A")
    assert _cells(view, 5)[0] == "agreed ✓"
    view.auto_box.click()
    assert lead.take_agreements_automatically()


def test_with_blind_review_on_a_reviewer_of_the_article_cannot_open_it(window_on, tmp_path, press):
    lead, _ = two_reviewers(tmp_path)
    lead.set_blind(True)
    lead.close()
    from annotations.store import Store

    window = window_on(Store(tmp_path / "p.db", reviewer="ana"))
    window.open_article("a1")
    press(window, "Ctrl+J")
    assert getattr(window, "adjudication_view", None) is None
    assert "Blind review is on and ana reviewed this article" in window.status_bar.currentMessage()
