"""Long work (import, export, training) on a QThread with its own Store, cancellable progress;
and the work functions themselves (`import_work`, `export_work`, `train_work`).

The progress dialog appears only when the work is slow (after 600 ms, like Anki's), so quick
jobs never flash a window.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotations.errors import FactmarkError
from annotations.importers import Problem, expand_paths, import_paths
from annotations.store import Store

# work(store, report(done, total), should_stop) -> result
Work = Callable[[Store, Callable[[int, int], None], Callable[[], bool]], Any]


class JobCancelled(Exception):
    """Raised by work that noticed should_stop() and gave up."""


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, db_path: str, reviewer: str | None):
        super().__init__()
        self.work = work
        self.db_path = db_path
        self.reviewer = reviewer
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        store = None
        try:
            store = Store(self.db_path, reviewer=self.reviewer)
            result = self.work(store, self._report, self.stop.is_set)
        except JobCancelled:
            self.failed.emit("Cancelled.")
        except (FactmarkError, OSError, ValueError, ImportError) as e:
            self.failed.emit(str(e))
        except Exception as e:
            # The core's own errors (ExportError, NotEnoughData, ...) carry a message for the
            # reviewer; anything else is a bug: say so, log it, keep the window alive.
            if not type(e).__module__.startswith("annotations"):
                traceback.print_exc()
                self.failed.emit(f"{type(e).__name__}: {e}")
            else:
                self.failed.emit(str(e))
        else:
            self.succeeded.emit(result)
        finally:
            if store is not None:
                store.close()

    def _report(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))


class Job(QObject):
    """One background job and its progress dialog. `done(result)` or `failed(message)` at the end."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, title: str, work: Work, db_path: str, reviewer: str | None, parent: QWidget):
        super().__init__(parent)
        self.title = title
        self.thread = QThread()
        self.worker = _Worker(work, db_path, reviewer)
        self.worker.moveToThread(self.thread)
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(600)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_worker_progressed)
        self.worker.succeeded.connect(self._on_worker_succeeded)
        self.worker.failed.connect(self._on_worker_failed)
        self.finished = False

    def start(self) -> None:
        self.dialog.setValue(0)
        self.thread.start()

    def cancel(self) -> None:
        self.worker.stop.set()
        self.dialog.setLabelText(f"{self.title}: stopping…")

    def wait(self) -> None:
        """Stop and join the thread (window closing)."""
        self.worker.stop.set()
        self.thread.quit()
        self.thread.wait()

    def _on_worker_progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finish(self) -> None:
        self.finished = True
        self.thread.quit()
        self.thread.wait()
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    def _on_worker_succeeded(self, result: object) -> None:
        self._finish()
        self.done.emit(result)

    def _on_worker_failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)


# ---------------------------------------------------------------------- the work itself
def progress_adapter(report):
    """Exporters and training report either (done, total) or a progress object; show what we get."""

    def on_progress(*args) -> None:
        if len(args) >= 2 and all(isinstance(a, int | float) for a in args[:2]):
            report(int(args[0]), int(args[1]))
        elif args and hasattr(args[0], "fraction"):
            report(int(1000 * args[0].fraction), 1000)
        else:
            report(0, 0)

    return on_progress


def import_work(paths: list[str], highlight: bool) -> Work:
    """Import `paths` (files and folders), highlighted by the bundled model when `highlight`."""

    def work(store: Store, report, should_stop):
        highlighter = None
        if highlight:
            # spaCy loads here, in the worker, never on the start-up path. The bundled model
            # first; if it cannot load, the rules alone rather than no highlighting at all.
            from annotations.highlight import load_highlighter

            for model in (None, "rules"):
                try:
                    highlighter = load_highlighter(model)
                    break
                except (ImportError, OSError, ValueError):
                    continue
        total = sum(p.stat().st_size for p in expand_paths(paths) if not isinstance(p, Problem))
        done = 0

        def on_progress(n: int) -> None:
            nonlocal done
            done += n
            report(done, total)

        rep = import_paths(
            store, paths, highlighter=highlighter, on_progress=on_progress, should_stop=should_stop
        )
        return rep, highlighter.origin if highlighter is not None else None

    return work


def export_work(export: Callable, fmt: str, path: str) -> Work:
    """Export the project as `fmt` to `path` with the core's `export`."""

    def work(store, report, should_stop):
        return export(
            store, fmt, path, None, on_progress=progress_adapter(report), should_stop=should_stop
        )

    return work


def train_work(train: Callable, out: str) -> Work:
    """Train a model from the reviewed spans into the folder `out` with the core's `train`."""

    def work(store, report, should_stop):
        return train(store, out, on_progress=progress_adapter(report), should_stop=should_stop)

    return work
