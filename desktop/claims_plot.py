"""The claims view's plot: a claim's figures as value over published date (pyqtgraph).

One mark per figure, coloured (and shaped: colour is never the only cue) by outlet or by
verdict; a range ("1,200–1,400") is a vertical bar; a figure in conflict wears a ring and a dashed
line joins it to each figure it cannot agree with. Figures published on the same day are spread
a little across that day so none hides another. Colours follow the light or dark palette.

pyqtgraph (and so this module) is imported only when the claims view first opens: the review
window starts without it.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotations.claims.model import Claim, ClaimMember
from annotations.model import Verdict
from desktop.claims_models import number_text, value_text
from desktop.plain_text import plain_label, plain_tooltip
from desktop.style import is_dark

OUTLET, VERDICT = "outlet", "verdict"
DAY = 86_400.0

# Tableau 10: mid-tone colours that read on a white and on a near-black background alike.
CATEGORY_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948",
                    "#ff9da7", "#9c755f", "#bab0ac")  # fmt: skip
SYMBOLS = ("o", "s", "t", "d", "t1", "p", "h", "star", "t2", "t3")
VERDICT_COLOURS = {
    Verdict.SUPPORTED: "#59a14f",
    Verdict.DISPUTED: "#f28e2b",
    Verdict.FALSE: "#e15759",
    Verdict.UNVERIFIABLE: "#b07aa1",
    Verdict.UNVERIFIED: "#bab0ac",
}
VERDICT_SYMBOLS = {Verdict.SUPPORTED: "o", Verdict.DISPUTED: "d", Verdict.FALSE: "t1",
                   Verdict.UNVERIFIABLE: "s", Verdict.UNVERIFIED: "o"}  # fmt: skip
CONFLICT_COLOUR = {False: "#c0001a", True: "#ff6b6b"}  # by dark
KEY = (
    "Thick bar: a range the article states. Thin line: the values a figure allows (its "
    "qualifier and rounding). Ringed and joined by a dash: figures that cannot both be true."
)


def published_time(published: str | None) -> float | None:
    """Seconds since the epoch (UTC) of an ISO date or date-time; None when absent or unreadable."""
    if not published:
        return None
    try:
        when = datetime.fromisoformat(published)
    except ValueError:
        try:
            when = datetime.fromisoformat(published[:10])
        except ValueError:
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def axis_title(claim: Claim) -> str:
    """What the value axis counts: "deaths", "growth (%)", "aid (USD)"."""
    unit = "%" if str(claim.kind) == "percent" else claim.unit
    what = claim.counted or str(claim.kind)
    return f"{what} ({unit})" if unit and unit != what else what


def plotted_value(m: ClaimMember) -> float | None:
    """Where the mark sits: the value, or the middle of a range stated without one."""
    if m.value is not None:
        return m.value
    if m.low is not None and m.high is not None:
        return (m.low + m.high) / 2
    return None


class _NumberAxis(pg.AxisItem):
    """Values as a reviewer writes them: 1,400 and 9,000, not 1400 or 9e+03."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph override)
        return [number_text(round(v * scale, 6)) for v in values]


class _DayAxis(pg.DateAxisItem):
    """Days as "10 Oct" (pyqtgraph's day ticks give only "10"); other zoom levels as it has them."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph override)
        if DAY <= spacing < 28 * DAY:
            return [datetime.fromtimestamp(v, UTC).strftime("%d %b").lstrip("0") for v in values]
        return super().tickStrings(values, scale, spacing)


class ClaimPlot(QWidget):
    """Value over published date for one claim; `figure_clicked(span_id)` when a mark is clicked."""

    figure_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.colour_by = OUTLET
        self.claim: Claim | None = None
        self.selected: int | None = None
        self.points: dict[int, tuple[float, float]] = {}  # span id -> (x, y) drawn
        self.plot = pg.PlotWidget(
            axisItems={"bottom": _DayAxis(utcOffset=0), "left": _NumberAxis("left")}
        )
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the tables
        self.plot.showGrid(x=True, y=True, alpha=0.12)
        self.plot.getPlotItem().setContentsMargins(4, 8, 24, 4)  # room for the last date
        self.note = plain_label(wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        self._legend = None
        self._selection: pg.ScatterPlotItem | None = None
        self.top = 1.0  # the top of the value axis, where an open-ended figure's bar stops

    # ------------------------------------------------------------------ what is drawn
    def set_claim(self, claim: Claim | None) -> None:
        self.claim = claim
        self._draw()

    def set_colour_by(self, colour_by: str) -> None:
        self.colour_by = colour_by
        self._draw()

    def toggle_colour(self) -> str:
        self.set_colour_by(VERDICT if self.colour_by == OUTLET else OUTLET)
        return self.colour_by

    def select(self, span_id: int | None) -> None:
        """Ring the mark of the figure chosen in the table."""
        self.selected = span_id
        if self._selection is None:
            return
        spot = self.points.get(span_id) if span_id is not None else None
        self._selection.setData([spot[0]] if spot else [], [spot[1]] if spot else [])

    def categories(self) -> list[str]:
        """The legend's names in drawing order (outlets, or verdicts)."""
        if self.claim is None:
            return []
        return list(dict.fromkeys(self._category(m) for m in self._drawn_members()))

    # ------------------------------------------------------------------ drawing
    def _draw(self) -> None:
        dark = is_dark(self.palette())
        fg = self.palette().color(QPalette.ColorRole.Text)
        bg = self.palette().color(QPalette.ColorRole.Base)
        item = self.plot.getPlotItem()
        item.clear()
        self.points = {}
        self.plot.setBackground(bg)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(fg)
            axis.setTextPen(fg)
        if self.claim is None:
            self.note.setText("No claim chosen.")
            self._selection = None
            return
        members = self._drawn_members()
        # pyqtgraph's labels and legend are rich text: what comes from articles is escaped.
        what = axis_title(self.claim)
        item.setLabel("left", html.escape(what), color=fg.name())
        item.setLabel("bottom", "published", color=fg.name())
        self._legend = item.addLegend(offset=(8, 8))
        self._legend.clear()
        self._legend.setLabelTextColor(fg)
        self._legend.setBrush(_alpha(bg, 200))
        self._legend.setPen(_alpha(fg, 90))
        self._place(members)
        self._draw_conflicts(members, dark)
        self._fit(members)
        self._draw_ranges(members)
        self._draw_marks(members, fg)
        self._selection = pg.ScatterPlotItem(
            size=22, symbol="o", brush=None, pen=pg.mkPen(self._highlight(), width=2.5)
        )
        item.addItem(self._selection)
        self.select(self.selected)
        left_out = len(self.claim.members) - len(members)
        self.note.setText(KEY + (
            f" {left_out} figure{'s' * (left_out != 1)} without a date or a value not plotted."
            if left_out else ""
        ))  # fmt: skip

    def _drawn_members(self) -> list[ClaimMember]:
        return [m for m in self.claim.members
                if published_time(m.published) is not None and plotted_value(m) is not None]  # fmt: skip

    def _place(self, members: list[ClaimMember]) -> None:
        """x, y of each mark: figures of one day spread across its middle half."""
        by_day: dict[float, list[ClaimMember]] = {}
        for m in members:
            by_day.setdefault(published_time(m.published), []).append(m)
        for t, day in by_day.items():
            n = len(day)
            for i, m in enumerate(day):
                shift = 0.0 if n == 1 else (i / (n - 1) - 0.5) * 0.5 * DAY
                self.points[m.span_id] = (t + shift, plotted_value(m))

    def _category(self, m: ClaimMember) -> str:
        if self.colour_by == VERDICT:
            return str(m.verdict)
        return m.outlet or "no outlet"

    def _style(self, category: str, index: int) -> tuple[str, str]:
        if self.colour_by == VERDICT:
            v = Verdict(category)
            return VERDICT_COLOURS[v], VERDICT_SYMBOLS[v]
        return CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)], SYMBOLS[index % len(SYMBOLS)]

    def _draw_marks(self, members: list[ClaimMember], fg: QColor) -> None:
        item = self.plot.getPlotItem()
        for index, category in enumerate(self.categories()):
            colour, symbol = self._style(category, index)
            group = [m for m in members if self._category(m) == category]
            marks = pg.ScatterPlotItem(
                x=[self.points[m.span_id][0] for m in group],
                y=[self.points[m.span_id][1] for m in group],
                data=[m.span_id for m in group],
                symbol=symbol, size=12, brush=pg.mkBrush(colour), pen=pg.mkPen(fg, width=1),
                name=html.escape(category), hoverable=True,
                tip=lambda x, y, data, by={m.span_id: m for m in group}: _tip(by[data]),
            )  # fmt: skip
            marks.sigClicked.connect(self._on_marks_clicked)
            item.addItem(marks)

    def _draw_ranges(self, members: list[ClaimMember]) -> None:
        """A stated range as a thick bar; behind every mark, a thin bar over the values the
        figure allows (its qualifier and rounding: "more than 2,000" reaches the top)."""
        item = self.plot.getPlotItem()
        top = self.top
        for index, category in enumerate(self.categories()):
            colour, _ = self._style(category, index)
            group = [m for m in members if self._category(m) == category]
            allowed_x, allowed_y, range_x, range_y = [], [], [], []
            for m in group:
                x = self.points[m.span_id][0]
                bounds = m.bounds
                if bounds is not None:
                    allowed_x += [x, x]
                    allowed_y += [bounds[0], min(bounds[1], top)]
                if m.low is not None and m.high is not None:
                    range_x += [x, x]
                    range_y += [m.low, m.high]
            if allowed_x:
                pen = pg.mkPen(_alpha(QColor(colour), 170), width=1.5)
                item.addItem(pg.PlotCurveItem(allowed_x, allowed_y, connect="pairs", pen=pen))
            if range_x:
                pen = pg.mkPen(colour, width=5)
                item.addItem(pg.PlotCurveItem(range_x, range_y, connect="pairs", pen=pen))

    def _draw_conflicts(self, members: list[ClaimMember], dark: bool) -> None:
        item = self.plot.getPlotItem()
        colour = CONFLICT_COLOUR[dark]
        drawn = [m for m in members if m.has_conflict]
        xs, ys = [], []
        for a, b in self.claim.conflicts:
            if a in self.points and b in self.points:
                for sid in (a, b):
                    xs.append(self.points[sid][0])
                    ys.append(self.points[sid][1])
        if xs:
            pen = pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
            item.addItem(pg.PlotCurveItem(xs, ys, connect="pairs", pen=pen))
        rings = pg.ScatterPlotItem(
            x=[self.points[m.span_id][0] for m in drawn],
            y=[self.points[m.span_id][1] for m in drawn],
            symbol="o", size=19, brush=None, pen=pg.mkPen(colour, width=2.5), name="⚠ conflict",
        )  # fmt: skip
        if drawn:
            item.addItem(rings)

    def _fit(self, members: list[ClaimMember]) -> None:
        item = self.plot.getPlotItem()
        if not members:
            self.top = 1.0
            item.setXRange(0, DAY)
            item.setYRange(0, 1)
            return
        xs = [x for x, _ in self.points.values()]
        lows = [m.low if m.low is not None else plotted_value(m) for m in members]
        highs = [m.high if m.high is not None else plotted_value(m) for m in members]
        x0, x1 = min(xs), max(xs)
        pad_x = max((x1 - x0) * 0.08, DAY)
        y0, y1 = min(lows), max(highs)
        pad_y = max((y1 - y0) * 0.15, abs(y1) * 0.05, 1.0)
        # Counts start at zero when that costs little room, so bars compare by height.
        bottom = 0.0 if y0 >= 0 and y0 < (y1 - y0) * 2 else y0 - pad_y
        self.top = y1 + pad_y
        item.setXRange(x0 - pad_x, x1 + pad_x, padding=0)
        item.setYRange(bottom, self.top, padding=0)

    def _highlight(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Highlight)

    def _on_marks_clicked(self, _item, points, _event=None) -> None:
        if len(points):
            self.figure_clicked.emit(int(points[0].data()))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._draw()  # View › Dark mode: redraw in the new palette's colours


def _alpha(colour: QColor, alpha: int) -> QColor:
    out = QColor(colour)
    out.setAlpha(alpha)
    return out


def _tip(m: ClaimMember) -> str:
    """A mark's tooltip, shown as the characters it holds."""
    where = " · ".join(x for x in (m.outlet, m.published) if x)
    text = f"{m.text} ({value_text(m)})\n{m.title or m.article_id}\n{where}\nverdict: {m.verdict}"
    return plain_tooltip(text)
