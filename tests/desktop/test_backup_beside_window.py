"""`factmark backup` while the review window has the project open and a reviewer keeps going."""

from __future__ import annotations

from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import SpanStatus
from annotations.store import Store


def test_a_backup_taken_beside_the_window_holds_every_decision_made_so_far(window, project, press, tmp_path):  # fmt: skip
    first = window.current_span()
    press(window, "A")  # accept, committed at once
    out = tmp_path / "backup.db"
    r = CliRunner().invoke(cli, ["--db", str(project), "backup", str(out)])
    assert r.exit_code == 0, r.output
    second = window.current_span()
    assert second.id != first.id
    press(window, "X")  # the window goes on working after the backup
    copy = Store(out)
    assert copy.span(first.id).status is SpanStatus.ACCEPTED
    assert copy.span(first.id).uuid == Store(project).span(first.id).uuid
    assert copy.span(second.id).status is SpanStatus.SUGGESTED  # made after: not in the copy
    assert Store(project).span(second.id).status is SpanStatus.REJECTED
    assert [e.reviewer for e in copy.events(limit=1)] == ["Ada"]
    copy.close()
