"""The shortcuts screen (F1 / ?): the same table the window installs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.shortcuts import SHORTCUTS, Shortcut


class ShortcutsDialog(QDialog):
    def __init__(self, shortcuts: list[Shortcut] = SHORTCUTS, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("factmark: keyboard shortcuts")
        self.resize(620, 640)
        table = QTableWidget(len(shortcuts), 3, self)
        table.setHorizontalHeaderLabels(["Key", "Does", "Group"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, sc in enumerate(shortcuts):
            key = QKeySequence(sc.key).toString(QKeySequence.SequenceFormat.NativeText)
            for col, text in enumerate((key, sc.help, sc.group)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                table.setItem(row, col, item)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(0)
        self.table = table
        layout = QVBoxLayout(self)
        layout.addWidget(table)
