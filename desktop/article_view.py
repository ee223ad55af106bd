"""The article as plain text with its spans highlighted by label, a legend, and the focused span.

Cues besides colour: figures are underlined, text under two or more spans has a line over it,
rejected spans are struck through, suggestions are paler than decided spans, and the focused span
has a box drawn round it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

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

    # ------------------------------------------------------------------ content
    def set_article(self, text: str, spans: Sequence[Span]) -> None:
        self.text = text
        self.offsets = Utf16Offsets(text)
        self.current = None
        self.draft = None
        self.setPlainText(text)  # plain text: never interpreted as HTML
        self.set_spans(spans)

    def set_spans(self, spans: Sequence[Span]) -> None:
        self.spans = list(spans)
        if self.current is not None:
            self.current = next((s for s in self.spans if s.id == self.current.id), None)
        self._apply_formats()

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
    def _apply_formats(self) -> None:
        dark = is_dark(self.palette())
        base = self.palette().color(self.palette().ColorRole.Base)
        text_colour = self.palette().color(self.palette().ColorRole.Text)
        muted = self.palette().color(self.palette().ColorRole.PlaceholderText)
        selections = []
        for start, end, covering in segments(self.spans):
            live = [s for s in covering if s.status is not SpanStatus.REJECTED]
            fmt = QTextCharFormat()
            if live:
                top = min(live, key=lambda s: s.end - s.start)
                colour = style_for(top.label).background(dark)
                if top.status is SpanStatus.SUGGESTED:
                    colour = _blend(colour, base, 0.45)
                fmt.setBackground(colour)
                if any(s.label == FIGURE for s in live):
                    fmt.setFontUnderline(True)
                    fmt.setUnderlineColor(text_colour)
                    fmt.setFontWeight(QFont.Weight.DemiBold)
                if len(live) > 1:
                    fmt.setFontOverline(True)
            else:
                fmt.setFontStrikeOut(True)
                fmt.setForeground(muted)
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_qt(start))
            cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
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
            pen = QPen(self.palette().color(self.palette().ColorRole.Highlight), 2, Qt.PenStyle.DashLine)
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
                rects.append(QRectF(geo.left() + min(x1, x2), geo.top() + line.y(), abs(x2 - x1), line.height()))
            block = block.next()
        return rects

    # ------------------------------------------------------------------ mouse
    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            pos = self.offsets.to_core(self.cursorForPosition(event.position().toPoint()).position())
            span = self.span_at(pos)
            if span is not None and span.id is not None:
                self.span_clicked.emit(span.id)


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
        layout = QHBoxLayout()
        layout.setSpacing(4)
        outer.addLayout(layout)
        self._chips: list[tuple[QLabel, str]] = []
        for style in label_styles().values():
            chip = QLabel(f"{style.key} {style.name}")
            chip.setTextFormat(Qt.TextFormat.PlainText)
            chip.setToolTip(f"{style.label}: press {style.key}")
            layout.addWidget(chip)
            self._chips.append((chip, style.label))
        cues = QLabel("underlined: figure · line over: overlap · struck: rejected · pale: suggested · box: current")
        cues.setTextFormat(Qt.TextFormat.PlainText)
        cues.setWordWrap(True)
        layout.addStretch(1)
        outer.addWidget(cues)
        self._paint_chips()

    def _paint_chips(self) -> None:
        dark = is_dark(self.palette())
        fg = self.palette().color(self.palette().ColorRole.Text).name()
        for chip, label in self._chips:
            bg = style_for(label).background(dark).name()
            chip.setStyleSheet(f"QLabel {{ background: {bg}; color: {fg}; padding: 1px 5px; border-radius: 3px; }}")

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._paint_chips()


__all__ = ["ArticleView", "LegendView", "segments"]
