"""Review actions: each key is one stored operation and one undo step."""

from __future__ import annotations

from annotations.model import SpanStatus
from annotations.store import Store


def test_accept_is_one_operation_one_undo_and_moves_on(window, project, press):
    first = window.current_span()
    press(window, "A")
    assert Store(project).span(first.id).status is SpanStatus.ACCEPTED
    assert window.current_id != first.id
    assert window.undo_stack.count() == 1
    press(window, "Ctrl+Z")
    assert Store(project).span(first.id).status is SpanStatus.SUGGESTED
    press(window, "Ctrl+Shift+Z")
    assert Store(project).span(first.id).status is SpanStatus.ACCEPTED


def test_an_edit_over_a_changed_span_is_refused_and_reloads(window, project, press):
    span = window.current_span()
    Store(project, reviewer="Bo").reject(span.id)
    press(window, "A")
    assert Store(project).span(span.id).status is SpanStatus.REJECTED  # Bo's decision stands
    assert window.current_span().status is SpanStatus.REJECTED
    assert window.undo_stack.count() == 0


def test_a_failed_operation_puts_nothing_on_the_undo_stack(window, press):
    press(window, "Delete")  # suggestions cannot be deleted, only rejected
    assert window.undo_stack.count() == 0
    assert window.statusBar().currentMessage()
