"""Start-up pieces: the reviewer asked once, `factmark snapshot`, imports in the background."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage

import desktop.cli  # noqa: F401  (registers `snapshot` on the core's command group)
from annotations.cli import cli
from annotations.store import Store
from desktop.app import ask_reviewer


def test_reviewer_name_is_remembered_once_given(prefs):
    assert ask_reviewer(prefs, "Ada") == "Ada"
    assert ask_reviewer(prefs, None) == "Ada"  # no dialog: the stored name is used


def test_snapshot_command_writes_the_window_as_png(qapp, project, tmp_path):
    out = tmp_path / "shot.png"
    result = CliRunner().invoke(cli, ["--db", str(project), "snapshot", "--article", "kyiv",
                                      "--size", "1200x760", "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 760)
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, 760, 20)}
    assert len(colours) > 20  # something is drawn, not a blank window


def test_status_bar_shows_reviewer_progress_and_session(window, press):
    press(window, "A", "A")
    window.update_status()
    assert window.reviewer_label.text() == "Reviewer: Ada"
    assert window.progress_label.text().startswith("Project: 0/3 reviewed")
    assert "1 articles, 2 spans" in window.session_label.text()
    press(window, "Shift+A", "Ctrl+Return")
    window.update_status()
    assert window.progress_label.text().startswith("Project: 1/3 reviewed")


def test_dropping_a_folder_imports_it_in_the_background(qtbot, window, tmp_path, project):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Rome\n\nSome 300 people marched in Rome on Sunday.\n", encoding="utf-8"
    )
    (folder / "two.txt").write_text("Paris\n\nMore than 40 buses were late.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(drop)
    [job] = window.jobs
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    assert not job.thread.isRunning()
    assert window.list_model.rowCount() == 5
    assert Store(project).count_articles() == 5
    assert "2 imported" in window.statusBar().currentMessage()
    assert "suggestions by factmark_news" in window.statusBar().currentMessage()
    # highlighted by the bundled model, behind the rules, as `factmark import` does
    store = Store(project)
    rome = next(a for a in store.iter_articles() if a.title == "Rome")
    spans = store.spans(rome.id)
    assert {s.origin for s in spans} == {"model:factmark_news"}
    assert ("Rome", "GPE") in {(s.text, s.label) for s in spans}
    assert "Some 300" in {s.text for s in spans if s.label == "FIGURE"}


def test_export_runs_in_the_background_and_writes_the_file(qtbot, window, tmp_path, press):
    pytest.importorskip("annotations.exporters")
    press(window, "A", "A", "Shift+A", "Ctrl+Return")  # decisions and one reviewed article
    out = tmp_path / "out.jsonl"
    job = window.export_to("jsonl", str(out))
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and "some 1,400 people" in "\n".join(lines)
    assert "Export:" in window.statusBar().currentMessage()


def test_training_with_too_little_data_says_why(qtbot, window, tmp_path):
    learn = pytest.importorskip("annotations.learn")

    def work(store, report, should_stop):
        return learn.train_from_store(store, tmp_path / "model", should_stop=should_stop)

    job = window.start_job("Training", work, window._on_train_done)
    with qtbot.waitSignal(job.failed, timeout=60_000) as failed:
        pass
    assert "reviewed" in failed.args[0]  # the core's message, not a traceback
    assert "Training:" in window.statusBar().currentMessage()


def test_an_empty_project_says_how_to_import(tmp_path, window_on):
    window = window_on(Store(tmp_path / "empty.db", reviewer="Ada"))
    assert window.article is None
    assert "Import" in window.statusBar().currentMessage()
    window.do_accept()  # nothing to accept: a message, no crash
    assert "No span" in window.statusBar().currentMessage()
