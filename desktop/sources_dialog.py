"""Link a source to a span: find one already used by typing, or enter its URL and details."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotations.model import Source, Stance
from annotations.store import InvalidSourceUrl, validate_url
from annotations.urls import display_url, safe_url, with_https
from desktop.plain_text import plain_label


def open_in_browser(url: str) -> None:
    """Open an http(s) address in the system browser; nothing else is ever opened."""
    QDesktopServices.openUrl(QUrl(validate_url(url)))


class SourceDialog(QDialog):
    """Returns (source, stance, excerpt) through `result_link()` once accepted."""

    def __init__(self, find_sources: Callable[[str], list[Source]], span_text: str,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(f"Link a source to “{span_text[:60]}”")
        self._find_sources = find_sources
        layout = QVBoxLayout(self)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(
            "Find a source you used before: type part of its URL, title or outlet"
        )
        self.found_list = QListWidget()
        self.found_list.setMaximumHeight(110)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.found_list)

        form = QFormLayout()
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…")
        self.title_edit = QLineEdit()
        self.outlet_edit = QLineEdit()
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.excerpt_edit = QPlainTextEdit()
        self.excerpt_edit.setPlaceholderText(
            "The passage of the source that supports or contradicts the figure"
        )
        self.excerpt_edit.setMaximumHeight(90)
        self.excerpt_edit.setTabChangesFocus(True)
        self.stance_box = QComboBox()
        for s in Stance:
            self.stance_box.addItem(s.value, s.value)
        # What will be stored, when it differs from what was typed: an IDN host as punycode
        # with its Unicode beside it, so a look-alike address is seen for what it is.
        self.url_hint = plain_label(wrap=True, selectable=True)
        self.url_hint.setVisible(False)
        form.addRow("URL", self.url_edit)
        form.addRow("", self.url_hint)
        form.addRow("Title", self.title_edit)
        form.addRow("Outlet", self.outlet_edit)
        form.addRow("Date", self.date_edit)
        form.addRow("Excerpt", self.excerpt_edit)
        form.addRow("Stance", self.stance_box)
        layout.addLayout(form)

        self.error_label = plain_label(wrap=True, selectable=True)  # says what was typed
        self.error_label.setStyleSheet("color: #c0392b; font-weight: bold;")
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        self.open_button = QPushButton("Open in browser")
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.find_edit.textChanged.connect(self._on_find_edit_changed)
        self.url_edit.textChanged.connect(self._on_url_edit_changed)
        self.found_list.currentItemChanged.connect(self._on_found_list_current)
        self._link: tuple[Source, Stance, str | None] | None = None
        self._on_find_edit_changed("")
        self.url_edit.setFocus()

    def _on_find_edit_changed(self, text: str) -> None:
        self.found_list.clear()
        for src in self._find_sources(text):
            shown = (src.title, src.outlet, display_url(src.url))
            item = QListWidgetItem(" · ".join(x for x in shown if x))
            item.setData(256, src)
            self.found_list.addItem(item)

    def _on_url_edit_changed(self, text: str) -> None:
        self.error_label.setText("")  # an old refusal is about what was typed before
        url = safe_url(text)
        offered = with_https(text) if url is None else None
        if offered is not None:
            hint = f"No http:// or https:// given: saved as {display_url(offered)}"
        else:
            shown = display_url(url) if url else ""
            hint = f"Saved as {shown}" if url and shown != text.strip() else ""
        self.url_hint.setText(hint)
        self.url_hint.setVisible(bool(hint))

    def _typed_url(self) -> str:
        """The URL field as it will be used: with https:// in front when it has no scheme."""
        text = self.url_edit.text()
        return text if safe_url(text) is not None else with_https(text) or text

    def _on_found_list_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        src: Source = item.data(256)
        self.url_edit.setText(src.url)
        self.title_edit.setText(src.title or "")
        self.outlet_edit.setText(src.outlet or "")
        self.date_edit.setText(src.published or "")

    def _on_open_clicked(self) -> None:
        try:
            open_in_browser(self._typed_url())
        except InvalidSourceUrl as e:
            self.error_label.setText(str(e))

    def accept(self) -> None:
        try:
            url = validate_url(self._typed_url())
        except InvalidSourceUrl as e:
            self.error_label.setText(f"Not linked. {e}")
            self.url_edit.setFocus()
            return
        source = Source(
            url=url,
            title=self.title_edit.text().strip() or None,
            outlet=self.outlet_edit.text().strip() or None,
            published=self.date_edit.text().strip() or None,
        )
        excerpt = self.excerpt_edit.toPlainText().strip() or None
        self._link = (source, Stance(self.stance_box.currentData()), excerpt)
        super().accept()

    def result_link(self) -> tuple[Source, Stance, str | None] | None:
        return self._link
