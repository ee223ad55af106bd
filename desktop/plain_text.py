"""Text from articles, imports and reviewers on screen: always plain text, never Qt rich text.

A QLabel, QMessageBox or tooltip given a string that `Qt.mightBeRichText` likes renders it as
HTML: an article title could show 48pt red letters, load `<img src=file:///…>` from disk, or
offer a live `<a href=file:///etc/passwd>` that opens past the http(s)-only check. Every widget
that shows such a string gets it through one of these helpers.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", wrap: bool = False, selectable: bool = False) -> QLabel:
    """A label that shows `text` as it is (and any text set on it later)."""
    label = QLabel()
    make_plain(label)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def make_plain(label: QLabel) -> QLabel:
    """Make an existing label show plain text with no link to follow."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    return label


def plain_tooltip(text: str | None) -> str:
    """A tooltip string that shows `text` literally, line breaks and spaces kept.

    Qt decides per string whether a tooltip is rich text, so a plain one cannot be forced:
    the text goes out escaped inside a paragraph that is rich text on purpose.
    """
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def plain_message(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> QMessageBox:
    """Show a window-modal message box with `text` as plain text; returns it (already open)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    for label in box.findChildren(QLabel):  # Qt lets the box's own label open links
        label.setOpenExternalLinks(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
