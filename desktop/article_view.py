"""The article as plain text with its spans highlighted by label, a legend, and the focused span.

Cues besides colour: figures are underlined, text under two or more spans has a line over it,
rejected spans are struck through, suggestions are paler than decided spans, and the focused span
has a box drawn round it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QTextCharFormat, QTextCursor, QTextLayout
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from annotations.model import FIGURE, Span, SpanStatus
from desktop.offsets import Utf16Offsets
from desktop.style import is_dark, label_styles, style_for


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
        self.current: Span | None = None
        self.draft: tuple[int, int] | None = None
        self._block_formats: dict[int, list[tuple[int, int, tuple]]] = {}
        self._block_starts: list[int] = [0]  # Qt position of each paragraph
        self._format_cache: dict[tuple, QTextCharFormat] = {}
        self._formats_dark = False

    # ------------------------------------------------------------------ content
    def set_article(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        self.offsets = Utf16Offsets(text)
        self.current = None
        self.draft = None
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
        self._apply_formats(changed)

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
        cursor = QTextCursor(self.document())
        for pos in (end, start):
            cursor.setPosition(min(self.offsets.to_qt(pos), self.document().characterCount() - 1))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

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
        for start, end, covering in segments(spans):
            key = _format_key(covering)
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
        label, suggested, figure, overlap = key
        pal = self.palette()
        fmt = QTextCharFormat()
        if label is None:  # only rejected spans here
            fmt.setFontStrikeOut(True)
            fmt.setForeground(pal.color(pal.ColorRole.PlaceholderText))
        else:
            colour = style_for(label).background(dark)
            if suggested:
                colour = _blend(colour, pal.color(pal.ColorRole.Base), 0.45)
            fmt.setBackground(colour)
            if figure:
                fmt.setFontUnderline(True)
                fmt.setUnderlineColor(pal.color(pal.ColorRole.Text))
                fmt.setFontWeight(QFont.Weight.DemiBold)
            fmt.setFontOverline(overlap)
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
        if self.current is not None:
            pen = QPen(self.palette().color(self.palette().ColorRole.Text), 2.5)
            self._draw_box(painter, pen, self.current.start, self.current.end)
        if self.draft is not None:
            pen = QPen(
                self.palette().color(self.palette().ColorRole.Highlight), 2, Qt.PenStyle.DashLine
            )
            self._draw_box(painter, pen, *self.draft)
        painter.end()

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
    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            pos = self.offsets.to_core(
                self.cursorForPosition(event.position().toPoint()).position()
            )
            span = self.span_at(pos)
            if span is not None and span.id is not None:
                self.span_clicked.emit(span.id)


def _format_key(covering: list[Span]) -> tuple:
    """(label, suggested, figure, overlap) of the innermost live span; label None if all rejected."""
    live = [s for s in covering if s.status is not SpanStatus.REJECTED]
    if not live:
        return (None, False, False, False)
    top = min(live, key=lambda s: s.end - s.start)
    return (
        top.label,
        top.status is SpanStatus.SUGGESTED,
        any(s.label == FIGURE for s in live),
        len(live) > 1,
    )


def _x(value) -> float:
    return value[0] if isinstance(value, tuple) else value


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    """a moved toward b by t."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


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
            "underlined: figure · line over: overlap · struck: rejected · pale: suggested · box: current"
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


__all__ = ["ArticleView", "LegendView", "segments"]
