"""The File menu's background work: import, export and training as jobs, with their file dialogs
and what they report when done. The window shows the results; this never touches its views."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow

from annotations.store import Store
from desktop.file_dialogs import ask, safe_dialog
from desktop.jobs import Job, Work, export_work, import_work, train_work
from desktop.plain_text import plain_message


class ProjectWork(QObject):
    articles_imported = Signal()  # an import finished: the list has new rows

    def __init__(self, store: Store, window: QMainWindow, show_error: Callable[[str], None]):
        super().__init__(window)
        self.store = store
        self.window = window
        self.show_error = show_error
        self.jobs: list[Job] = []
        self.problems_box = None

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 15_000)

    def start_job(self, title: str, work: Work, on_done) -> Job:
        job = Job(title, work, self.store.path, self.store.reviewer, self.window)
        job.done.connect(on_done)
        job.failed.connect(lambda msg: self.show_error(f"{title}: {msg}"))
        job.done.connect(lambda _r: self._forget_job(job))
        job.failed.connect(lambda _m: self._forget_job(job))
        self.jobs.append(job)
        job.start()
        return job

    def _forget_job(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)

    def wait_all(self) -> None:
        """Stop every job and wait for it (the window is closing)."""
        for job in list(self.jobs):
            job.wait()

    def file_dialog(self, title: str, mode, **kw) -> QFileDialog:
        """Every file dialog of the window: one that never opens the project's database."""
        db = Path(self.store.path) if self.store.path != ":memory:" else None
        return safe_dialog(self.window, title, mode, db, **kw)

    # ------------------------------------------------------------------ import
    def import_files(self) -> None:
        paths = ask(self.file_dialog(
            "Import articles", QFileDialog.FileMode.ExistingFiles,
            name_filter="Articles (*.txt *.html *.htm *.jsonl *.csv *.tsv *.json);;All files (*)",
        ))  # fmt: skip
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        paths = ask(self.file_dialog("Import a folder of articles", QFileDialog.FileMode.Directory))
        if paths:
            self.import_paths(paths[:1])

    def import_paths(self, paths: list[str], highlight: bool = True) -> Job:
        return self.start_job("Importing", import_work(paths, highlight), self._on_import_done)

    def _on_import_done(self, result) -> None:
        report, origin = result
        self.articles_imported.emit()
        if origin is None:
            note = " (not highlighted: the highlighter is not available)"
        else:
            note = f"; suggestions by {origin.removeprefix('model:')}"
        self._say(f"Import: {report.summary()}{note}")
        if report.problems:
            self.problems_box = plain_message(
                self.window, "Import problems", "\n".join(str(p) for p in report.problems[:30])
            )

    # ------------------------------------------------------------------ export
    def export(self) -> None:
        exporters = importlib.import_module("annotations.exporters")
        formats, export = getattr(exporters, "FORMATS", None), getattr(exporters, "export", None)
        if not formats or export is None:
            self.show_error("Export is not available in this version yet.")
            return
        names = list(formats)
        choices = [f"{name}: {getattr(formats[name], 'help', '')}" for name in names]
        choice, ok = QInputDialog.getItem(self.window, "Export", "Format", choices, 0, False)
        if not ok:
            return
        fmt = names[choices.index(choice)]
        suffix = getattr(formats[fmt], "suffix", "")
        chosen = ask(self.file_dialog(
            f"Export {fmt} to", QFileDialog.FileMode.AnyFile, save=True,
            default_name=f"factmark-{fmt}{suffix}",
        ))  # fmt: skip
        path = chosen[0] if chosen else ""
        if path:
            self.export_to(fmt, path)

    def export_to(self, fmt: str, path: str) -> Job:
        from annotations.exporters import export

        return self.start_job(
            f"Exporting {fmt}", export_work(export, fmt, path), self._on_export_done
        )

    def _on_export_done(self, report) -> None:
        summary = report.summary() if hasattr(report, "summary") else "done"
        self._say(f"Export: {summary}")

    # ------------------------------------------------------------------ training
    def train(self) -> None:
        learn = importlib.import_module("annotations.learn")
        train = getattr(learn, "train_from_store", None)
        if train is None:
            self.show_error("Training is not available in this version yet.")
            return
        chosen = ask(self.file_dialog("Save the trained model in", QFileDialog.FileMode.Directory))
        out = chosen[0] if chosen else ""
        if not out:
            return
        self.start_job("Training", train_work(train, out), self.on_train_done)

    def on_train_done(self, result) -> None:
        if getattr(result, "cancelled", False):
            self._say("Training cancelled.")
            return
        where = getattr(result, "output_dir", "")
        text = result.report() if hasattr(result, "report") else ""
        plain_message(self.window, "Model trained", f"Saved in {where}\n\n{text}")
