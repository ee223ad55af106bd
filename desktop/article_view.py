"""The article as plain text with its spans highlighted by label, a legend, and the focused span.

Cues besides colour: every live span has an edge drawn round it, dashed while it is a suggestion
and solid once decided; a span inside another has its edge inset, so overlaps read as boxes in
boxes (never as a line that could be taken for the figures' underline); figures are underlined;
rejected spans are struck through wherever they are; the focused span has a thick box, and a span
that restore or undo brought back is flashed for a moment. Page furniture (the text around the
article's body: site name, bylines, other stories' headlines) is dimmed.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QTextCharFormat, QTextCursor, QTextLayout
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from annotations.model import FIGURE, Span, SpanStatus
from desktop.offsets import Utf16Offsets
from desktop.plain_text import plain_tooltip
from desktop.style import is_dark, label_styles, style_for

EDGE_LINES = 3  # the focused span is kept at least this many lines from the top and bottom
FLASH_MS = 1200
INSET = 3.0  # pixels an inner span's edge sits inside the one around it, per level


@dataclass(frozen=True)
class SpanMark:
    """What the view draws round one live span (read back by tests)."""

    span_id: int | None
    start: int
    end: int
    label: str
    dashed: bool  # a suggestion; decided spans have a solid edge
    depth: int  # how many longer live spans overlap it: its edge is inset this many levels


def span_marks(spans: Sequence[Span]) -> list[SpanMark]:
    """Edges for the live spans, in order of start; overlapping pairs are found by a sweep."""
    live = sorted(
        (s for s in spans if s.status is not SpanStatus.REJECTED),
        key=lambda s: (s.start, -(s.end - s.start), s.id or 0),
    )
    depth = [0] * len(live)
    open_: list[int] = []  # indexes of spans still running at the current start
    for i, s in enumerate(live):
        open_ = [j for j in open_ if live[j].end > s.start]
        for j in open_:  # s overlaps each of them; the shorter of the two sits inside
            o = live[j]
            if (s.end - s.start, -s.start) <= (o.end - o.start, -o.start):
                depth[i] += 1
            else:
                depth[j] += 1
        open_.append(i)
    return [
        SpanMark(s.id, s.start, s.end, s.label, s.status is SpanStatus.SUGGESTED, d)
        for s, d in zip(live, depth, strict=True)
    ]


def furnished(
    segs: list[tuple[int, int, list[Span]]], furniture: Sequence[tuple[int, int]]
) -> list[tuple[int, int, list[Span], bool]]:
    """The segments cut again at the furniture's edges, with the furniture between spans added:
    (start, end, spans covering it, dimmed), in order."""
    if not furniture:
        return [(a, b, c, False) for a, b, c in segs]
    points = sorted({p for a, b, _ in segs for p in (a, b)} | {p for r in furniture for p in r})
    seg_starts = [a for a, _, _ in segs]
    dim_starts = [a for a, _ in furniture]
    out = []
    for p, q in zip(points, points[1:], strict=False):
        i = bisect_right(seg_starts, p) - 1
        covering = segs[i][2] if i >= 0 and segs[i][1] > p else []
        j = bisect_right(dim_starts, p) - 1
        dim = j >= 0 and furniture[j][1] > p
        if covering or dim:
            out.append((p, q, covering, dim))
    return out


def segments(spans: Sequence[Span]) -> list[tuple[int, int, list[Span]]]:
    """Cut the text at every span edge: (start, end, spans covering it), in order."""
    events: dict[int, list[tuple[int, Span]]] = {}
    for s in spans:
        events.setdefault(s.start, []).append((1, s))
        events.setdefault(s.end, []).append((-1, s))
    out: list[tuple[int, int, list[Span]]] = []
    active: dict[int, Span] = {}
    points = sorted(events)
    for i, p in enumerate(points):
        for kind, s in events[p]:
            if kind < 0:
                active.pop(id(s), None)
            else:
                active[id(s)] = s
        if active and i + 1 < len(points):
            out.append((p, points[i + 1], list(active.values())))
    return out


class ArticleView(QPlainTextEdit):
    """Read-only article text. Offsets in and out are core code points."""

    span_clicked = Signal(int)  # span id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        # Mouse selection makes spans; keys belong to the window's shortcut table.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.2)
        self.setFont(font)
        self.document().setDocumentMargin(12)
        self.text = ""
        self.offsets = Utf16Offsets("")
        self.spans: list[Span] = []
        self.furniture: list[tuple[int, int]] = []  # dimmed: the page around the body
        self.current: Span | None = None
        self.draft: tuple[int, int] | None = None
        self._block_formats: dict[int, list[tuple[int, int, tuple]]] = {}
        self._block_starts: list[int] = [0]  # Qt position of each paragraph
        self._format_cache: dict[tuple, QTextCharFormat] = {}
        self._formats_dark = False
        self.marks: list[SpanMark] = []
        self._mark_starts: list[int] = []
        self._longest = 0
        self.flashing: int | None = None  # id of the span being flashed
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._on_flash_timer_timeout)
        self._follow: tuple[int, int] | None = None  # keep in view through resizes until scrolled
        self.verticalScrollBar().actionTriggered.connect(self._on_scroll_bar_action_triggered)

    # ------------------------------------------------------------------ content
    def set_article(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        self.offsets = Utf16Offsets(text)
        self.current = None
        self.draft = None
        self._follow = None
        self.flashing = None
        self.furniture = []
        self._block_formats = {}
        self.setPlainText(text)  # plain text: never interpreted as HTML
        starts, block = [], self.document().begin()
        while block.isValid():
            starts.append(block.position())
            block = block.next()
        self._block_starts = starts
        self.set_spans(spans)

    def set_spans(self, spans: Sequence[Span], changed: tuple[int, int] | None = None) -> None:
        """New spans; `changed` is the stretch of text where they differ from the last ones."""
        self.spans = list(spans)
        if self.current is not None:
            self.current = next((s for s in self.spans if s.id == self.current.id), None)
        self.marks = span_marks(self.spans)
        self._mark_starts = [m.start for m in self.marks]
        self._longest = max((m.end - m.start for m in self.marks), default=0)
        self._apply_formats(changed)
        self.viewport().update()

    def set_furniture(self, ranges: Sequence[tuple[int, int]]) -> None:
        """Dim these stretches of text (core offsets): the page furniture around the body."""
        ranges = sorted(ranges)
        if ranges == self.furniture:
            return
        edges = [x for r in (*self.furniture, *ranges) for x in r]
        self.furniture = ranges
        self._apply_formats((min(edges), max(edges)))
        self.viewport().update()

    def set_current(self, span: Span | None) -> None:
        self.current = span
        if span is not None:
            self.scroll_to(span.start, span.end)
        self.viewport().update()

    def set_draft(self, draft: tuple[int, int] | None) -> None:
        self.draft = draft
        if draft is not None:
            self.scroll_to(*draft)
        self.viewport().update()

    def scroll_to(self, start: int, end: int) -> None:
        """Bring [start, end) into view, a few lines away from the top and bottom edges."""
        cursor = QTextCursor(self.document())
        for pos in (end, start):
            cursor.setPosition(min(self.offsets.to_qt(pos), self.document().characterCount() - 1))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self._keep_off_edges(start, end)
        self._follow = (start, end)

    def _keep_off_edges(self, start: int, end: int) -> None:
        rects = self.range_rects(start, end)
        if not rects:
            return
        line = max(1.0, rects[0].height())
        top, bottom = rects[0].top(), rects[-1].bottom()
        height = self.viewport().height()
        # a span taller than the view minus the margins is kept by its first line
        margin = max(0.0, min(EDGE_LINES * line, (height - (bottom - top)) / 2 - 1))
        bar = self.verticalScrollBar()  # counts laid-out lines in a QPlainTextEdit
        if top < margin:
            bar.setValue(bar.value() - math.ceil((margin - top) / line))
        elif bottom > height - margin:
            down = math.ceil((bottom - (height - margin)) / line)
            bar.setValue(bar.value() + min(down, max(0, math.floor((top - margin) / line))))

    def _on_scroll_bar_action_triggered(self, _action: int) -> None:
        self._follow = None  # the reviewer moved the text themselves

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._follow = None
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        # The place restored before the window had its size, or a span shown before a resize,
        # stays in view until the reviewer scrolls somewhere else.
        if self._follow is not None:
            self.scroll_to(*self._follow)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._follow is not None:
            self.scroll_to(*self._follow)
        if self.flashing is not None:
            self._flash_timer.start()  # the moment counts from when it can be seen

    def flash(self, span_id: int | None) -> None:
        """Mark a span for a moment, so the reviewer sees what restore or undo brought back."""
        self.flashing = span_id
        if span_id is not None:
            self._flash_timer.start()
        self.viewport().update()

    def _on_flash_timer_timeout(self) -> None:
        self.flashing = None
        self.viewport().update()

    # ------------------------------------------------------------------ what is on screen
    def visible_range(self) -> tuple[int, int]:
        """Core offsets of the first and last character on screen."""
        vp = self.viewport().rect()
        first = self.cursorForPosition(QPoint(0, 0)).position()
        last = self.cursorForPosition(QPoint(vp.width() - 1, vp.height() - 1)).position()
        return self.offsets.to_core(first), self.offsets.to_core(last)

    def on_screen(self, start: int, end: int) -> bool:
        vp = QRectF(self.viewport().rect()).adjusted(-1, -1, 1, 1)
        rects = self.range_rects(start, end)
        return bool(rects) and all(vp.contains(r) for r in rects)

    def span_on_screen(self, step: int) -> Span | None:
        """The first span on screen (step > 0) or the last one (step < 0)."""
        lo, hi = self.visible_range()
        shown = [s for s in self.spans if s.start >= lo and s.end <= hi]
        if not shown:
            return None
        return shown[0] if step > 0 else shown[-1]

    # ------------------------------------------------------------------ selection (core offsets)
    def selected_range(self) -> tuple[int, int] | None:
        c = self.textCursor()
        if not c.hasSelection():
            return None
        return self.offsets.to_core(c.selectionStart()), self.offsets.to_core(c.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        c = QTextCursor(self.document())
        c.setPosition(self.offsets.to_qt(start))
        c.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)

    def clear_selection(self) -> None:
        c = self.textCursor()
        c.clearSelection()
        self.setTextCursor(c)

    def span_at(self, pos: int) -> Span | None:
        """The innermost live span at a code-point position (rejected ones last)."""
        hits = [s for s in self.spans if s.start <= pos < s.end]
        hits.sort(key=lambda s: (s.status is SpanStatus.REJECTED, s.end - s.start))
        return hits[0] if hits else None

    # ------------------------------------------------------------------ formats
    def _apply_formats(self, changed: tuple[int, int] | None = None) -> None:
        """Give each block (paragraph) its span formats, as QSyntaxHighlighter does.

        With `changed` (core offsets), only the paragraphs it touches are recomputed; and only
        blocks whose formats differ are re-laid out, so one accepted span costs one paragraph.
        """
        doc = self.document()
        spans, numbers = self.spans, None
        if changed is not None and self.text:
            first = doc.findBlock(self.offsets.to_qt(changed[0]))
            last = doc.findBlock(self.offsets.to_qt(max(changed[0], changed[1] - 1)))
            lo = self.offsets.to_core(first.position())
            hi = self.offsets.to_core(last.position() + last.length() - 1)
            spans = [s for s in self.spans if s.start < hi and s.end > lo]
            numbers = set(range(first.blockNumber(), last.blockNumber() + 1))
        per_block: dict[int, list[tuple[int, int, tuple]]] = {}
        starts = self._block_starts
        for start, end, covering, dim in furnished(segments(spans), self.furniture):
            key = (*_format_key(covering), dim)
            qs, qe = self.offsets.to_qt(start), self.offsets.to_qt(end)
            number = bisect_right(starts, qs) - 1
            while number < len(starts) and starts[number] < qe:
                bpos = starts[number]
                # a block ends one before the next block's start (its separator is not text)
                bend = starts[number + 1] - 1 if number + 1 < len(starts) else self.offsets.length
                a, b = max(qs, bpos), min(qe, bend)
                if b > a:
                    per_block.setdefault(number, []).append((a - bpos, b - a, key))
                number += 1
        dark = is_dark(self.palette())
        if numbers is None:
            numbers = set(per_block) | set(self._block_formats)
        else:
            per_block = {n: r for n, r in per_block.items() if n in numbers}
        for number in numbers:
            ranges = per_block.get(number, [])
            if self._block_formats.get(number) == ranges and self._formats_dark == dark:
                continue
            block = doc.findBlockByNumber(number)
            if not block.isValid():
                continue
            out = []
            for a, length, key in ranges:
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = a, length, self._format(key, dark)
                out.append(r)
            block.layout().setFormats(out)
            doc.markContentsDirty(block.position(), block.length())
            if ranges:
                self._block_formats[number] = ranges
            else:
                self._block_formats.pop(number, None)
        self._formats_dark = dark

    def _format(self, key: tuple, dark: bool) -> QTextCharFormat:
        cached = self._format_cache.get((key, dark))
        if cached is not None:
            return cached
        label, figure, struck, dim = key
        pal = self.palette()
        fmt = QTextCharFormat()
        fmt.setFontStrikeOut(struck)
        if dim or label is None:  # page furniture, or only rejected spans here
            fmt.setForeground(pal.color(pal.ColorRole.PlaceholderText))
        if label is not None:
            fmt.setBackground(style_for(label).background(dark))
            if figure:
                fmt.setFontUnderline(True)
                fmt.setUnderlineColor(pal.color(pal.ColorRole.Text))
                fmt.setFontWeight(QFont.Weight.DemiBold)
        self._format_cache[(key, dark)] = fmt
        return fmt

    def format_ranges(self) -> list[tuple[int, int, QTextCharFormat]]:
        """What is highlighted, read back from the laid-out blocks, in core offsets (for tests)."""
        out = []
        block = self.document().begin()
        while block.isValid():
            for r in block.layout().formats():
                qs = block.position() + r.start
                fmt = QTextCharFormat(r.format)  # a copy: the range owns its format
                out.append((self.offsets.to_core(qs), self.offsets.to_core(qs + r.length), fmt))
            block = block.next()
        return out

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._format_cache.clear()
            self._formats_dark = not is_dark(self.palette())  # forces every block to refresh
            self._apply_formats()

    # ------------------------------------------------------------------ painting the focus
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        self._draw_edges(painter, is_dark(pal))
        if self.current is not None:
            pen = QPen(pal.color(pal.ColorRole.Text), 2.5)
            self._draw_box(painter, pen, self.current.start, self.current.end)
        flashed = next((s for s in self.spans if s.id == self.flashing), None)
        if flashed is not None:
            colour = QColor(pal.color(pal.ColorRole.Highlight))
            colour.setAlpha(110)
            painter.setPen(QPen(pal.color(pal.ColorRole.Highlight), 3))
            painter.setBrush(colour)
            for r in self.range_rects(flashed.start, flashed.end):
                painter.drawRoundedRect(r.adjusted(-5, -3, 5, 3), 4, 4)
        if self.draft is not None:
            pen = QPen(pal.color(pal.ColorRole.Highlight), 2, Qt.PenStyle.DashLine)
            self._draw_box(painter, pen, *self.draft)
        painter.end()

    def _draw_edges(self, painter: QPainter, dark: bool) -> None:
        """Each live span on screen gets its edge: dashed if suggested, solid once decided."""
        if not self.marks:
            return
        lo, hi = self.visible_range()
        i = bisect_left(self._mark_starts, lo - self._longest)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        while i < len(self.marks) and self.marks[i].start <= hi:
            m = self.marks[i]
            i += 1
            if m.end < lo:
                continue
            pen = QPen(style_for(m.label).border(dark), 1.2 if m.dashed else 1.6)
            if m.dashed:
                pen.setStyle(Qt.PenStyle.CustomDashLine)
                pen.setDashPattern([3.0, 2.5])
            painter.setPen(pen)
            inset = INSET * m.depth
            for r in self.range_rects(m.start, m.end):
                painter.drawRect(r.adjusted(-1 + inset, 0.5 + inset, 1 - inset, -0.5 - inset))

    def _draw_box(self, painter: QPainter, pen: QPen, start: int, end: int) -> None:
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for r in self.range_rects(start, end):
            painter.drawRoundedRect(r.adjusted(-2, 0, 2, 0), 3, 3)

    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of [start, end), one per laid-out line it touches."""
        qs, qe = self.offsets.to_qt(start), self.offsets.to_qt(end)
        rects: list[QRectF] = []
        offset = self.contentOffset()
        block = self.document().findBlock(qs)
        while block.isValid() and block.position() < qe:
            layout = block.layout()
            geo = self.blockBoundingGeometry(block).translated(offset)
            bpos = block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                a = max(qs, bpos + line.textStart())
                b = min(qe, bpos + line.textStart() + line.textLength())
                if a >= b:
                    continue
                x1, x2 = _x(line.cursorToX(a - bpos)), _x(line.cursorToX(b - bpos))
                rects.append(
                    QRectF(
                        geo.left() + min(x1, x2), geo.top() + line.y(), abs(x2 - x1), line.height()
                    )
                )
            block = block.next()
        return rects

    # ------------------------------------------------------------------ mouse
    def viewportEvent(self, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip:
            pos = self.offsets.to_core(self.cursorForPosition(event.pos()).position())
            span = self.span_at(pos)
            if span is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), plain_tooltip(span_tip(span)), self)
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            pos = self.offsets.to_core(
                self.cursorForPosition(event.position().toPoint()).position()
            )
            span = self.span_at(pos)
            if span is not None and span.id is not None:
                self.span_clicked.emit(span.id)


def span_tip(span: Span) -> str:
    """What hovering a span says: its label's name, its state, and the reviewer's note."""
    state = {"suggested": "suggested", "accepted": "accepted", "corrected": "corrected",
             "rejected": "rejected", "added": "added by a reviewer"}.get(span.status.value,
                                                                         span.status.value)  # fmt: skip
    lines = [f"{style_for(span.label).name} · {state}"]
    if span.figure is not None and span.figure.verdict.value != "unverified":
        lines[0] += f" · {span.figure.verdict.value}"
    if span.note:
        lines.append(f"Note: {span.note}")
    return "\n".join(lines)


def _format_key(covering: list[Span]) -> tuple:
    """(label of the innermost live span or None, figure, struck): struck if any span is rejected."""
    live = [s for s in covering if s.status is not SpanStatus.REJECTED]
    struck = len(live) < len(covering)
    if not live:
        return (None, False, struck)
    top = min(live, key=lambda s: s.end - s.start)
    return (top.label, any(s.label == FIGURE for s in live), struck)


def _x(value) -> float:
    return value[0] if isinstance(value, tuple) else value


class LegendView(QWidget):
    """The label colours and what the other cues mean."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 2, 4, 2)
        outer.setSpacing(2)
        layout = QGridLayout()  # two rows of chips, so the legend never forces the window wide
        layout.setSpacing(4)
        outer.addLayout(layout)
        self._chips: list[tuple[QLabel, str]] = []
        for style in label_styles().values():
            chip = QLabel(f"{style.key} {style.name}")
            chip.setTextFormat(Qt.TextFormat.PlainText)
            chip.setToolTip(f"{style.label}: press {style.key}")
            n = len(self._chips)
            layout.addWidget(chip, n // 5, n % 5)
            self._chips.append((chip, style.label))
        cues = QLabel(
            "dashed edge: suggested · solid edge: decided · box in a box: overlap · "
            "underlined: figure · struck: rejected · thick box: current · "
            "grey text: page furniture, not the article ([ and ] move the body's bounds)"
        )
        cues.setTextFormat(Qt.TextFormat.PlainText)
        cues.setWordWrap(True)
        layout.setColumnStretch(5, 1)
        outer.addWidget(cues)
        self._paint_chips()

    def _paint_chips(self) -> None:
        dark = is_dark(self.palette())
        fg = self.palette().color(self.palette().ColorRole.Text).name()
        for chip, label in self._chips:
            bg = style_for(label).background(dark).name()
            chip.setStyleSheet(
                f"QLabel {{ background: {bg}; color: {fg}; padding: 1px 5px; border-radius: 3px; }}"
            )

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._paint_chips()


__all__ = ["ArticleView", "LegendView", "furnished", "segments"]
