"""The team dialog (Review → Team agreement and progress…): the figures `factmark agreement`
prints, as tables — overall, by label, by pair — the articles sorted by disagreement (Enter opens
one in the window), and each reviewer's progress with the agreement trend over time.

The figures are read off the GUI thread (a job with its own store); in blind review the agreement
stays hidden and only progress is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.plain_text import plain_label

FIGURE_COLUMNS = ("F1 exact", "F1 overlap", "Cohen's κ", "Krippendorff's α", "Figure values",
                  "Verdicts")  # fmt: skip
BLIND_NOTE = (
    "Blind review is on: agreement stays hidden until it is turned off for adjudication "
    "(factmark blind off). Progress is shown below."
)


def _number(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _figures(f: dict) -> list[str]:
    return [_number(f["span_f1"]["exact"]), _number(f["span_f1"]["overlap"]),
            _number(f.get("cohen_kappa")), _number(f.get("krippendorff_alpha")),
            _number(f["figure_value"]), _number(f["verdict"])]  # fmt: skip


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], stretch: int = 0) -> QTableWidget:
    """A read-only table, whole rows selected, keys for moving; numbers right-aligned."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c and c != stretch:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def agreement_rows(report: dict) -> list[list[str]]:
    """Overall, then each label, then each pair: the rows of the agreement table."""
    o = report["overall"]
    rows = [[f"Team ({', '.join(o['reviewers'])})", str(o["articles"]), *_figures(o)]]
    for label, f in report["by_label"].items():
        rows.append([f"Label {label}", "", *_figures(f)])
    for pair, f in report["by_pair"].items():
        rows.append([f"Pair {pair.replace('+', ' & ')}", str(f["articles"]), *_figures(f)])
    return rows


class TeamDialog(QDialog):
    """`article_chosen(id)` when the lead presses Enter (or double-clicks) on an article."""

    article_chosen = Signal(str)

    def __init__(self, overview: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Team agreement and progress")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        report = overview["agreement"]
        self.article_ids = [a for a, _t, _f, _d in overview["articles"]]
        self.agreement_table = self.articles_table = None
        if report is not None:
            self.agreement_table = _table(
                ("Of", "Articles", *FIGURE_COLUMNS), agreement_rows(report)
            )
            self.tabs.addTab(self.agreement_table, "Agreement")
            self.articles_table = _table(
                ("Article", "Title", "Reviewers", "Disagreement", *FIGURE_COLUMNS),
                [[a, title, ", ".join(f["reviewers"]), f"{d:.3f}", *_figures(f)]
                 for a, title, f, d in overview["articles"]],
                stretch=1,
            )  # fmt: skip
            self.articles_table.activated.connect(self._on_articles_table_activated)
            self.tabs.addTab(self.articles_table, "Articles by disagreement")
        self.progress_tab = QWidget()
        pl = QVBoxLayout(self.progress_tab)
        self.note_label = plain_label(wrap=True)
        if overview["blind"]:
            self.note_label.setText(BLIND_NOTE)
        elif report is None:
            self.note_label.setText("Agreement needs two reviewers' decisions; "
                                    f"found {len(overview['reviewers'])}.")  # fmt: skip
        pl.addWidget(self.note_label)
        self.note_label.setVisible(bool(self.note_label.text()))
        self.progress_table = _table(
            ("Reviewer", "Assigned", "Done", "Decisions", "Per hour", "Hours active"),
            [[name, str(p["assigned"]), str(p["done"]), str(p["decisions"]),
              "–" if p["pace"] is None else f"{p['pace']:g}", f"{p['active_hours']:g}"]
             for name, p in overview["progress"].items()],
        )  # fmt: skip
        pl.addWidget(self.progress_table, 1)
        self.trend_table = None
        if overview["trend"]:
            pl.addWidget(plain_label("Agreement over time (day of the last decision in each "
                                     "article two reviewers decided):"))  # fmt: skip
            self.trend_table = _table(
                ("Day", "Articles", "F1 exact"),
                [[t["period"], str(t["articles"]), _number(t["span_f1_exact"])]
                 for t in overview["trend"]],
            )  # fmt: skip
            pl.addWidget(self.trend_table, 1)
        self.tabs.addTab(self.progress_tab, "Progress")

    def _on_articles_table_activated(self, index) -> None:
        self.article_chosen.emit(self.article_ids[index.row()])


def team_work(store, _report, _should_stop) -> dict:
    from annotations.team.overview import team_overview  # numpy and krippendorff: when asked

    return team_overview(store)


def open_team_dialog(window, open_article: Callable[[str], None]) -> None:
    """Read the figures in a job, then show them; the dialog is kept as `window.team_dialog`."""

    def on_done(overview: dict) -> None:
        dialog = TeamDialog(overview, window)
        dialog.article_chosen.connect(open_article)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(window, "team_dialog", None))
        window.team_dialog = dialog
        dialog.show()

    window.start_job("Reading the team's figures", team_work, on_done)
