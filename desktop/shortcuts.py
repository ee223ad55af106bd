"""Every key of the review window as one table of data: the window installs it, F1 lists it.

`action` names a method `do_<action>` of ReviewWindow (with `arg` passed when set).
"""

from __future__ import annotations

from dataclasses import dataclass

from annotations.model import Verdict
from desktop.style import label_styles


@dataclass(frozen=True)
class Shortcut:
    key: str  # QKeySequence text, portable form
    action: str
    help: str
    arg: str | None = None
    group: str = "Review"

    @property
    def action_id(self) -> str:
        return f"{self.action}:{self.arg}" if self.arg else self.action


def _label_rows() -> list[Shortcut]:
    return [
        Shortcut(
            s.key,
            "label",
            f"Label the span (or the selection) {s.name} ({s.label})",
            s.label,
            "Labels",
        )
        for s in label_styles().values()
        if s.key
    ]


_VERDICT_KEYS = {
    Verdict.SUPPORTED: "Shift+S",
    Verdict.DISPUTED: "Shift+D",
    Verdict.FALSE: "Shift+F",
    Verdict.UNVERIFIABLE: "Shift+U",
    Verdict.UNVERIFIED: "Shift+N",
}

SHORTCUTS: list[Shortcut] = [
    Shortcut("J", "next_span", "Next span", group="Move"),
    Shortcut("K", "previous_span", "Previous span", group="Move"),
    Shortcut("N", "next_article", "Next article in the list", group="Move"),
    Shortcut("P", "previous_article", "Previous article in the list", group="Move"),
    Shortcut("A", "accept", "Accept the span as highlighted"),
    Shortcut("X", "reject", "Reject the span (not a figure/entity, or wrong)"),
    Shortcut("Shift+A", "accept_all", "Accept every suggestion still undecided in the article"),
    Shortcut("Alt+Left", "nudge", "Move the span's start one token left", "start:-1", "Resize"),
    Shortcut("Alt+Right", "nudge", "Move the span's start one token right", "start:1", "Resize"),
    Shortcut("Shift+Left", "nudge", "Move the span's end one token left", "end:-1", "Resize"),
    Shortcut("Shift+Right", "nudge", "Move the span's end one token right", "end:1", "Resize"),
    Shortcut(
        "M",
        "mark",
        "Mark: start a new span at the next token; press again to create it",
        group="Add",
    ),
    Shortcut(
        "Right", "move_mark", "Next span; while marking, move the mark one token right", "1", "Add"
    ),
    Shortcut(
        "Left",
        "move_mark",
        "Previous span; while marking, move the mark one token left",
        "-1",
        "Add",
    ),
    Shortcut(
        "C", "create", "Create a span from the mouse selection (or the marked range)", group="Add"
    ),
    Shortcut("Escape", "cancel", "Cancel marking or the selection", group="Add"),
    Shortcut("Delete", "delete", "Delete a span you added", group="Add"),
    Shortcut(
        "E",
        "edit_figure",
        "Edit the figure's value, qualifier, unit, counted noun and kind",
        group="Figure",
    ),
    *(
        Shortcut(key, "verdict", f"Verdict: {v.value}", v.value, "Figure")
        for v, key in _VERDICT_KEYS.items()
    ),
    Shortcut("T", "edit_note", "Write a note on the span (why it is disputed…)", group="Note"),
    Shortcut("L", "link_source", "Link a source to the span", group="Sources"),
    Shortcut(
        "Ctrl+Return",
        "mark_reviewed",
        "Mark the article reviewed and open the next unreviewed (asks about undecided suggestions)",
        group="Article",
    ),
    Shortcut("Ctrl+Z", "undo", "Undo", group="Article"),
    Shortcut("Ctrl+Shift+Z", "redo", "Redo", group="Article"),
    Shortcut("Ctrl+F", "find", "Search articles", group="Article"),
    Shortcut("F1", "help", "Show these shortcuts", group="Help"),
    Shortcut("?", "help", "Show these shortcuts", group="Help"),
    *_label_rows(),
]
