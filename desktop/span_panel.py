"""The focused span: label, text, status and origin; a figure's attributes and verdict; sources."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotations.model import LABELS, Figure, FigureKind, Qualifier, SourceLink, Span, Verdict
from desktop.models import SourceLinkModel
from desktop.plain_text import plain_label, plain_tooltip
from desktop.style import style_for


class FigureValueError(ValueError):
    """A figure field that is not a number."""


def _plain_label(wrap: bool = False) -> QLabel:
    return plain_label(wrap=wrap, selectable=True)  # article text is never HTML


def _combo(values) -> QComboBox:
    box = QComboBox()
    for v in values:
        box.addItem(str(v).replace("_", " "), str(v))
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return box


def _number(text: str, name: str) -> float | None:
    text = text.replace(",", "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise FigureValueError(f"{name} must be a number, like 1400 or 2.5; got {text!r}")
    return value


class SpanPanel(QWidget):
    """Shows one span and emits what the reviewer asked to change; the window runs the operation."""

    label_chosen = Signal(str)
    figure_edited = Signal(object)  # Figure
    figure_invalid = Signal(str)
    verdict_chosen = Signal(str)
    note_edited = Signal(str)  # the new note ("" clears it)
    link_requested = Signal()
    open_requested = Signal(str)  # url
    unlink_requested = Signal(int)  # link id
    editing_done = Signal()  # Return in a field: keys go back to the review

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.span: Span | None = None
        self._loading = False
        self.head_box = QWidget()
        head = QFormLayout(self.head_box)
        head.setContentsMargins(0, 0, 0, 0)
        self.label_box = _combo(LABELS)
        self.text_label = _plain_label(wrap=True)
        self.status_label = _plain_label()
        self.origin_label = _plain_label()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("Why this span is disputed, doubtful… (T)")
        self.note_edit.setToolTip("The reviewer's note, exported with the span; Return saves it")
        head.addRow("Label", self.label_box)
        head.addRow("Text", self.text_label)
        head.addRow("Status", self.status_label)
        head.addRow("Origin", self.origin_label)
        head.addRow("Note", self.note_edit)

        self.figure_group = QGroupBox("Figure")
        form = QFormLayout(self.figure_group)
        self.value_edit = QLineEdit()
        self.low_edit = QLineEdit()
        self.high_edit = QLineEdit()
        self.qualifier_box = _combo(Qualifier)
        self.unit_edit = QLineEdit()
        self.counted_edit = QLineEdit()
        self.kind_box = _combo(FigureKind)
        self.verdict_box = _combo(Verdict)
        rng = QHBoxLayout()
        rng.addWidget(self.low_edit)
        rng.addWidget(plain_label("to"))
        rng.addWidget(self.high_edit)
        # Why a number field's text was not saved, shown under the field (plain text: the
        # reason quotes what was typed).
        self.value_error = _error_label()
        self.range_error = _error_label()
        self._numbers = {
            self.value_edit: ("Value", self.value_error),
            self.low_edit: ("Range start", self.range_error),
            self.high_edit: ("Range end", self.range_error),
        }
        self.invalid: dict[QLineEdit, str] = {}  # field -> reason its text is not saved
        form.addRow("Value", _with_error(self.value_edit, self.value_error))
        form.addRow("Range", _with_error(rng, self.range_error))
        form.addRow("Qualifier", self.qualifier_box)
        form.addRow("Unit", self.unit_edit)
        form.addRow("Counts", self.counted_edit)
        form.addRow("Kind", self.kind_box)
        form.addRow("Verdict", self.verdict_box)

        self.sources_group = QGroupBox("Sources")
        sl = QVBoxLayout(self.sources_group)
        self.counts_label = _plain_label()
        self.link_model = SourceLinkModel(self)
        self.links_view = QTableView()
        self.links_view.setModel(self.link_model)
        self.links_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.links_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.links_view.verticalHeader().hide()
        self.links_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.links_view.horizontalHeader().setMinimumSectionSize(40)
        self.links_view.setColumnWidth(0, 80)
        self.links_view.setMaximumHeight(120)
        buttons = QHBoxLayout()
        self.link_button = QPushButton("Link… (L)")
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the selected source in the system browser (O)")
        self.unlink_button = QPushButton("Unlink")
        self.unlink_button.setToolTip("Unlink the selected source (Shift+L)")
        for b in (self.link_button, self.open_button, self.unlink_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(b)
        sl.addWidget(self.counts_label)
        sl.addWidget(self.links_view)
        sl.addLayout(buttons)

        self.sentence_box = QWidget()
        sentence = QVBoxLayout(self.sentence_box)
        sentence.setContentsMargins(0, 0, 0, 0)
        sentence.addWidget(plain_label("Sentence"))
        self.sentence_label = _plain_label(wrap=True)
        sentence.addWidget(self.sentence_label)
        sentence.addStretch(1)
        self._grid = QGridLayout(self)
        self.wide = True
        self.set_wide(False)

        self.label_box.activated.connect(self._on_label_box_activated)
        self.note_edit.editingFinished.connect(self._on_note_edited)
        self.note_edit.returnPressed.connect(self.editing_done)
        self.verdict_box.activated.connect(self._on_verdict_box_activated)
        for edit in (
            self.value_edit,
            self.low_edit,
            self.high_edit,
            self.unit_edit,
            self.counted_edit,
        ):
            edit.editingFinished.connect(self._on_figure_edited)
            edit.returnPressed.connect(lambda e=edit: self._on_field_return_pressed(e))
        for box in (self.qualifier_box, self.kind_box):
            box.activated.connect(self._on_figure_edited)
        self.link_button.clicked.connect(self.link_requested)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.links_view.doubleClicked.connect(self._on_open_clicked)
        self.unlink_button.clicked.connect(self._on_unlink_clicked)
        self.show_span(None)

    def set_wide(self, wide: bool) -> None:
        """One column beside the article; three side by side when the panel sits below it."""
        if wide == self.wide:
            return
        self.wide = wide
        grid = self._grid
        parts = (self.head_box, self.figure_group, self.sources_group, self.sentence_box)
        for w in parts:
            grid.removeWidget(w)
        for i in range(5):
            grid.setRowStretch(i, 0)
            grid.setColumnStretch(i, 0)
        if wide:  # text, note and sentence | figure | sources
            grid.addWidget(self.head_box, 0, 0)
            grid.addWidget(self.sentence_box, 1, 0)
            grid.addWidget(self.figure_group, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.sources_group, 0, 2, 2, 1, Qt.AlignmentFlag.AlignTop)
            for col in range(3):
                grid.setColumnStretch(col, 1)
            grid.setRowStretch(1, 1)
        else:
            for row, w in enumerate(parts):
                grid.addWidget(w, row, 0)
            grid.setRowStretch(4, 1)  # the space below everything, none between

    # ------------------------------------------------------------------ showing
    def show_span(
        self,
        span: Span | None,
        links: list[SourceLink] = (),  # type: ignore[assignment]
        counts: dict[str, int] | None = None,
        sentence: str = "",
    ) -> None:
        self._loading = True
        same = span is not None and self.span is not None and span.id == self.span.id
        kept = {e: e.text() for e in self.invalid} if same else {}
        self.span = span
        self.setEnabled(span is not None)
        if span is None:
            self.text_label.setText(
                "No span. Select text and press a number key, or M to mark one."
            )
            for w in (self.status_label, self.origin_label, self.sentence_label, self.counts_label):
                w.setText("")
            self.note_edit.setText("")
            self.figure_group.setVisible(False)
            self.link_model.set_links([])
            self._show_invalid({})
            self._loading = False
            return
        self.label_box.setCurrentIndex(max(0, self.label_box.findData(span.label)))
        self.label_box.setToolTip(plain_tooltip(style_for(span.label).name))
        self.text_label.setText(span.text)
        self.status_label.setText(span.status.value)
        self.origin_label.setText(
            span.origin
            + (f" (confidence {span.confidence:.2f})" if span.confidence is not None else "")
        )
        self.note_edit.setText(span.note or "")
        fig = span.figure
        self.figure_group.setVisible(fig is not None)
        if fig is not None:
            self.value_edit.setText(_fmt(fig.value))
            self.low_edit.setText(_fmt(fig.low))
            self.high_edit.setText(_fmt(fig.high))
            self.qualifier_box.setCurrentIndex(self.qualifier_box.findData(fig.qualifier.value))
            self.unit_edit.setText(fig.unit or "")
            self.counted_edit.setText(fig.counted or "")
            self.kind_box.setCurrentIndex(self.kind_box.findData(fig.kind.value))
            self.verdict_box.setCurrentIndex(self.verdict_box.findData(fig.verdict.value))
            for edit, text in kept.items():  # a bad entry stays in sight until fixed or Escaped
                edit.setText(text)
        self._show_invalid({e: self.invalid[e] for e in kept} if fig is not None else {})
        counts = counts or {}
        self.counts_label.setText(
            f"{counts.get('supports', 0)} support · {counts.get('contradicts', 0)} contradict"
            f" · {counts.get('context', 0)} context"
        )
        self.link_model.set_links(list(links))
        self.sentence_label.setText(sentence)
        self._loading = False

    def figure(self) -> Figure:
        """The figure as the fields show it; a number field whose text is not a number keeps
        its stored value (and its reason is in `invalid`)."""
        assert self.span is not None and self.span.figure is not None
        stored = self.span.figure
        numbers, invalid = {}, {}
        for edit, attr in ((self.value_edit, "value"), (self.low_edit, "low"),
                           (self.high_edit, "high")):  # fmt: skip
            try:
                numbers[attr] = _number(edit.text(), self._numbers[edit][0])
            except FigureValueError as e:
                invalid[edit] = str(e)
                numbers[attr] = getattr(stored, attr)
        self._show_invalid(invalid)
        return Figure(
            **numbers,
            qualifier=self.qualifier_box.currentData(),
            unit=self.unit_edit.text().strip() or None,
            counted=self.counted_edit.text().strip() or None,
            kind=self.kind_box.currentData(),
            verdict=stored.verdict,
        )

    def _show_invalid(self, invalid: dict[QLineEdit, str]) -> None:
        """Turn the fields in `invalid` red with their reason under them; the others back."""
        self.invalid = dict(invalid)
        for edit in self._numbers:
            edit.setStyleSheet(_INVALID_FIELD if edit in invalid else "")
            edit.setToolTip(plain_tooltip(invalid.get(edit)))
        for error in (self.value_error, self.range_error):
            reasons = [r for e, r in invalid.items() if self._numbers[e][1] is error]
            error.setText("\n".join(reasons))
            error.setVisible(bool(reasons))

    def restore_field(self, field: QWidget | None) -> None:
        """Escape in a figure or note field: back to the stored value, its error gone."""
        if self.span is None or field is None:
            return
        fig = self.span.figure
        stored = {self.note_edit: self.span.note or ""}
        if fig is not None:
            stored.update({
                self.value_edit: _fmt(fig.value), self.low_edit: _fmt(fig.low),
                self.high_edit: _fmt(fig.high), self.unit_edit: fig.unit or "",
                self.counted_edit: fig.counted or "",
            })  # fmt: skip
        if field not in stored:
            return
        self._loading = True
        field.setText(stored[field])
        self._loading = False
        self._show_invalid({e: r for e, r in self.invalid.items() if e is not field})

    def selected_link(self) -> SourceLink | None:
        rows = self.links_view.selectionModel().selectedRows()
        if rows:
            return self.link_model.links[rows[0].row()]
        links = self.link_model.links
        return links[0] if len(links) == 1 else None

    def choose_link(self) -> None:
        """Give the keys to the source list, its first row selected."""
        self.links_view.setFocus()
        self.links_view.selectRow(0)

    # ------------------------------------------------------------------ handlers
    def _on_label_box_activated(self, _index: int) -> None:
        if (
            not self._loading
            and self.span is not None
            and self.label_box.currentData() != self.span.label
        ):
            self.label_chosen.emit(self.label_box.currentData())

    def _on_note_edited(self) -> None:
        if self._loading or self.span is None:
            return
        note = self.note_edit.text().strip()
        if note != (self.span.note or ""):
            self.note_edited.emit(note)

    def _on_verdict_box_activated(self, _index: int) -> None:
        if not self._loading and self.span is not None:
            self.verdict_chosen.emit(self.verdict_box.currentData())

    def _on_figure_edited(self, *_args) -> None:
        if self._loading or self.span is None or self.span.figure is None:
            return
        # A bad entry in one field is not saved, stays red with its reason, and does not hold
        # the other fields' edits hostage: they are saved with the stored number in its place.
        fig = self.figure()
        if self.invalid:
            self.figure_invalid.emit(next(iter(self.invalid.values())))
        if fig != self.span.figure:
            self.figure_edited.emit(fig)

    def _on_field_return_pressed(self, edit: QLineEdit) -> None:
        # (Qt sends returnPressed before editingFinished: check the text itself.)
        if edit in self._numbers:
            try:
                _number(edit.text(), "")
            except FigureValueError:
                return  # a bad number keeps the keys until fixed or Escaped
        self.editing_done.emit()

    def _on_open_clicked(self, *_args) -> None:
        link = self.selected_link()
        if link is not None:
            self.open_requested.emit(link.source.url)

    def _on_unlink_clicked(self) -> None:
        link = self.selected_link()
        if link is not None and link.id is not None:
            self.unlink_requested.emit(link.id)


_INVALID_FIELD = "QLineEdit { border: 2px solid #d93025; }"


def _with_error(field, error: QLabel) -> QVBoxLayout:
    """A field (or a row of them) with its error under it, taking no room while hidden."""
    box = QVBoxLayout()
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    if isinstance(field, QWidget):
        box.addWidget(field)
    else:
        box.addLayout(field)
    box.addWidget(error)
    return box


def _error_label() -> QLabel:
    label = _plain_label(wrap=True)
    label.setStyleSheet("color: #d93025;")
    label.setVisible(False)
    return label


def _fmt(v: float | None) -> str:
    if v is None:
        return ""
    try:  # a project written by an older, laxer import may hold a string here
        v = float(v)
    except (TypeError, ValueError):
        return str(v)
    if not math.isfinite(v):
        return ""
    return f"{v:,.0f}" if v.is_integer() else f"{v:,}"
