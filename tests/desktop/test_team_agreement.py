"""The team dialog shows what `factmark agreement --json` gives, as tables (overall, by label,
by pair), the articles by disagreement with Enter opening one, and the reviewers' progress; in
blind review the agreement stays hidden."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotations.cli import cli
from annotations.model import Article, Span
from annotations.store import Store

TEXT = "Acme hired 300 people in Paris."
OTHER = "Ben met Ana in Rome."


def _two_reviewers(path) -> None:
    """a1: ana accepts Acme and Paris, ben accepts Acme and relabels Paris LOC (F1 1/2);
    a2: both accept Rome (F1 1)."""
    lead = Store(path, reviewer="lead")
    lead.insert_article(Article("a1", TEXT, title="Acme in Paris"), [Span(0, 4, "ORG", "Acme", origin="rules"),
                                              Span(25, 30, "GPE", "Paris", origin="rules")])  # fmt: skip
    lead.insert_article(Article("a2", OTHER), [Span(15, 19, "GPE", "Rome", origin="rules")])
    lead.close()
    ana, ben = Store(path, reviewer="ana"), Store(path, reviewer="ben")
    acme, paris = (s.id for s in ana.spans("a1"))
    ana.accept(acme)
    ana.accept(paris)
    ben.accept(acme)
    ben.relabel(paris, "LOC")
    for who in (ana, ben):
        who.accept(who.spans("a2")[0].id)
        who.close()


def _cells(table, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def _dialog(qtbot, window):
    window.team_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "team_dialog", None) is not None, timeout=10_000)
    dialog = window.team_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_team_dialog_shows_the_agreement_commands_figures_and_enter_opens_an_article(
    qtbot, tmp_path, window_on
):
    db = tmp_path / "team.db"
    _two_reviewers(db)
    expected = json.loads(CliRunner().invoke(cli, ["--db", str(db), "agreement", "--json"]).output)
    window = window_on(Store(db, reviewer="lead"))
    dialog = _dialog(qtbot, window)

    table = dialog.agreement_table
    o = expected["overall"]
    assert _cells(table, 0) == [
        "Team (ana, ben)", "2", f"{o['span_f1']['exact']:.3f}", f"{o['span_f1']['overlap']:.3f}",
        f"{o['cohen_kappa']:.3f}", f"{o['krippendorff_alpha']:.3f}", "–", "–",
    ]  # fmt: skip
    # exact: a1 1 of 2+2, a2 1 of 1+1 -> 2*2/6; shown as the command prints it
    assert _cells(table, 0)[2] == "0.667"
    labels = [_cells(table, r)[0] for r in range(table.rowCount())]
    assert labels == ["Team (ana, ben)", "Label GPE", "Label LOC", "Label ORG", "Pair ana & ben"]
    gpe = expected["by_label"]["GPE"]
    assert _cells(table, 1)[2] == f"{gpe['span_f1']['exact']:.3f}"

    articles = dialog.articles_table
    assert [_cells(articles, r)[0] for r in range(articles.rowCount())] == ["a1", "a2"]
    assert _cells(articles, 0)[1] == "Acme in Paris"
    assert _cells(articles, 0)[3] == "0.500"  # 1 - F1 1/2, the most disagreement first

    progress = dialog.progress_table
    assert [_cells(progress, r)[:4] for r in range(progress.rowCount())] == [
        ["ana", "0", "0", "3"], ["ben", "0", "0", "3"],
    ]  # fmt: skip
    assert _cells(progress, 0)[4] == "–"  # a second of keys is no pace to speak of
    assert dialog.trend_table.rowCount() == 1  # everything decided today

    if os.environ.get("FACTMARK_SHOT"):  # FACTMARK_SHOT=/tmp/team: a PNG of each tab
        for i in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(i)
            dialog.grab().save(f"{os.environ['FACTMARK_SHOT']}-{i}.png")
    dialog.tabs.setCurrentWidget(articles)
    articles.setFocus()
    articles.setCurrentCell(1, 0)
    QTest.keyClick(articles, Qt.Key.Key_Return)
    assert window.article.id == "a2"
    articles.setCurrentCell(0, 0)
    QTest.keyClick(articles, Qt.Key.Key_Enter)
    assert window.article.id == "a1"


def test_in_blind_review_the_dialog_hides_agreement_and_shows_progress(qtbot, tmp_path, window_on):
    db = tmp_path / "team.db"
    _two_reviewers(db)
    result = CliRunner().invoke(cli, ["--db", str(db), "blind", "on"])
    assert result.output.strip() == "blind review is on"
    window = window_on(Store(db, reviewer="ana"))
    dialog = _dialog(qtbot, window)
    assert dialog.agreement_table is None and dialog.articles_table is None
    assert "Blind review is on" in dialog.note_label.text()
    assert dialog.progress_table.rowCount() == 2
    assert (
        CliRunner().invoke(cli, ["--db", str(db), "blind", "off"]).output == "blind review is off\n"
    )
