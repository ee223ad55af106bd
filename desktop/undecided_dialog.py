"""Ctrl+Return on an article with suggestions still undecided: accept them, reject them (left
out of training data), or go back — asked once, with a setting for reviewers who always answer
the same."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

SETTING = "review/undecided_on_mark_reviewed"
ASK, ACCEPT, REJECT = "ask", "accept", "reject"
CHOICES = {
    ASK: "Ask each time",
    ACCEPT: "Accept them",
    REJECT: "Reject them (leave them out of training data)",
}


def undecided_choice(settings: QSettings) -> str:
    value = str(settings.value(SETTING, ASK))
    return value if value in CHOICES else ASK


def set_undecided_choice(settings: QSettings, choice: str) -> None:
    settings.setValue(SETTING, choice)


class UndecidedDialog(QMessageBox):
    """`chosen(ACCEPT | REJECT)` when the reviewer decides; nothing when they go back.

    Return accepts, Escape goes back, Alt+R rejects. "Always do this" stores the answer as the
    setting (Review → Undecided suggestions changes it again).
    """

    chosen = Signal(str)

    def __init__(self, count: int, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        noun = "suggestion" if count == 1 else "suggestions"
        self.setWindowTitle("Undecided suggestions")
        self.setIcon(QMessageBox.Icon.Question)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(f"{count} {noun} in this article {'is' if count == 1 else 'are'} undecided.")
        self.setInformativeText(
            "Accepted, they become training examples; rejected, they are marked as not what "
            "they were highlighted as. Left undecided, they are not exported, and their words "
            "read as non-entities anyway."
        )
        self.accept_button = self.addButton(f"&Accept {count}", QMessageBox.ButtonRole.AcceptRole)
        self.reject_button = self.addButton(
            f"&Reject {count}", QMessageBox.ButtonRole.DestructiveRole
        )
        self.back_button = self.addButton("Go &back", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.accept_button)
        self.setEscapeButton(self.back_button)
        self.remember_box = QCheckBox("Always do this (Review → Undecided suggestions)")
        self.setCheckBox(self.remember_box)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttonClicked.connect(self._on_button_clicked)

    def _on_button_clicked(self, button) -> None:
        if button == self.accept_button:
            choice = ACCEPT
        elif button == self.reject_button:
            choice = REJECT
        else:
            return
        if self.remember_box.isChecked():
            set_undecided_choice(self.settings, choice)
        self.chosen.emit(choice)
