"""The window's file dialogs, made so they never open the project database.

Closing any descriptor of a SQLite file drops the whole process's POSIX locks (SQLite's "How To
Corrupt An SQLite Database File", 2.2); Qt's file dialogs read files to guess their type for
icons, and a native dialog may do anything. So every dialog is Qt's own widget dialog with an
icon provider that never reads a file, no custom directory icons, and the project's database
files (`.db`, `-wal`, `-shm`, `-journal`) hidden from the listing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo, QSortFilterProxyModel
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtWidgets import QFileDialog, QWidget

from annotations.presence import SUFFIX as PRESENCE_SUFFIX

_DB_SUFFIXES = ("-wal", "-shm", "-journal", PRESENCE_SUFFIX)  # and who has it open


class NoReadIconProvider(QAbstractFileIconProvider):
    """Generic file and folder icons only: deciding them needs no read of the file."""

    def icon(self, what):  # noqa: D401 (Qt override)
        if isinstance(what, QFileInfo):
            what = (
                QAbstractFileIconProvider.IconType.Folder
                if what.isDir()
                else QAbstractFileIconProvider.IconType.File
            )
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:  # noqa: A003 (Qt override)
        return "Folder" if info.isDir() else "File"


class _HideDatabase(QSortFilterProxyModel):
    def __init__(self, database: Path | None):
        super().__init__()
        self._names = set()
        if database is not None:
            self._names = {database.name, *(database.name + s for s in _DB_SUFFIXES)}

    def filterAcceptsRow(self, row, parent) -> bool:  # noqa: N802 (Qt override)
        index = self.sourceModel().index(row, 0, parent)
        return self.sourceModel().fileName(index) not in self._names


def safe_dialog(
    parent: QWidget, title: str, mode: QFileDialog.FileMode, database: Path | None,
    name_filter: str = "", save: bool = False, default_name: str = "",
) -> QFileDialog:  # fmt: skip
    """A file dialog that cannot touch `database` (the open project's file)."""
    dialog = QFileDialog(parent, title)
    dialog.setOptions(
        QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontUseCustomDirectoryIcons
    )
    # The dialog does not own either: keep them alive as long as it lives.
    dialog._icons, dialog._hide = NoReadIconProvider(), _HideDatabase(database)
    dialog.setIconProvider(dialog._icons)
    dialog.setProxyModel(dialog._hide)
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(default_name)
    if name_filter:
        dialog.setNameFilter(name_filter)
    return dialog


def ask(dialog: QFileDialog) -> list[str]:
    """Run the dialog; the chosen paths, or [] when cancelled."""
    return dialog.selectedFiles() if dialog.exec() else []
