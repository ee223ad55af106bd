"""Every key of the review window as one table of data: the window installs it, F1 lists it.

`action` names a method `do_<action>` of ReviewWindow (with `arg` passed when set). Rows with
the same action and arg are one action with several keys (F1 and ?).
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
    Shortcut(
        "Alt+Left",
        "nudge",
        "Move the span's (or the mark's) start one token left",
        "start:-1",
        "Resize",
    ),
    Shortcut(
        "Alt+Right",
        "nudge",
        "Move the span's (or the mark's) start one token right",
        "start:1",
        "Resize",
    ),
    Shortcut(
        "Shift+Left",
        "nudge",
        "Move the span's (or the mark's) end one token left",
        "end:-1",
        "Resize",
    ),
    Shortcut(
        "Shift+Right",
        "nudge",
        "Move the span's (or the mark's) end one token right — how a mark grows past one token",
        "end:1",
        "Resize",
    ),
    Shortcut(
        "M",
        "mark",
        "Mark a new span at the next token: ←/→ move the one-token mark, Shift+→ and Alt+← "
        "grow it; M or C again asks its label, a number key creates it with that label",
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
        "C",
        "create",
        "Create a span from the mouse selection (or the marked range): asks its label",
        group="Add",
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
        "O",
        "open_source",
        "Open the span's selected (or only) source in the browser",
        group="Sources",
    ),
    Shortcut(
        "Shift+L", "unlink_source", "Unlink the span's selected (or only) source", group="Sources"
    ),
    Shortcut(
        "Ctrl+Return",
        "mark_reviewed",
        "Mark the article reviewed and open the next unreviewed (asks about undecided suggestions)",
        group="Article",
    ),
    Shortcut("Ctrl+Z", "undo", "Undo", group="Article"),
    Shortcut("Ctrl+Shift+Z", "redo", "Redo", group="Article"),
    Shortcut("Ctrl+F", "find", "Search articles", group="Article"),
    Shortcut(
        "[",
        "body_start",
        "The article starts here: at the start of the cursor's line (or the selection); "
        "what is above is page furniture, dimmed",
        group="Article",
    ),
    Shortcut(
        "]",
        "body_end",
        "The article ends here: at the end of the cursor's line (or the selection); "
        "what is below is page furniture, dimmed",
        group="Article",
    ),
    Shortcut(
        "Ctrl+J",
        "adjudicate",
        "Adjudicate the article: the reviewers' differences side by side",
        group="Team",
    ),
    # One action, two keys: the menu lists it once.
    Shortcut("F1", "help", "Show these shortcuts", group="Help"),
    Shortcut("?", "help", "Show these shortcuts", group="Help"),
    *_label_rows(),
]

# The adjudication view's own keys (desktop/adjudication_view.py): a window of its own, so its
# number keys take a reviewer's version there and label spans here. `action` names a method
# `do_<action>` of AdjudicationView.
ADJUDICATION_SHORTCUTS: list[Shortcut] = [
    Shortcut("J", "next", "Adjudication: next difference", group="Adjudication"),
    Shortcut("K", "previous", "Adjudication: previous difference", group="Adjudication"),
    *(
        Shortcut(
            str(n), "take", f"Adjudication: take reviewer {n}'s version", str(n), "Adjudication"
        )
        for n in range(1, 10)
    ),
    Shortcut(
        "X", "reject", "Adjudication: no span here in the final version", group="Adjudication"
    ),
    Shortcut(
        "E",
        "edit",
        "Adjudication: edit the final version (label, figure, verdict, note)",
        group="Adjudication",
    ),
    *(
        Shortcut(key, "nudge", f"Adjudication: move the final span's {what}", arg, "Adjudication")
        for key, what, arg in (
            ("Alt+Left", "start one token left", "start:-1"),
            ("Alt+Right", "start one token right", "start:1"),
            ("Shift+Left", "end one token left", "end:-1"),
            ("Shift+Right", "end one token right", "end:1"),
        )
    ),
    Shortcut(
        "S",
        "keep_sources",
        "Adjudication: keep the sources of every layer on the final span",
        group="Adjudication",
    ),
    Shortcut(
        "Shift+A",
        "take_agreements",
        "Adjudication: take every agreement not taken yet",
        group="Adjudication",
    ),
    Shortcut(
        "N", "next_article", "Adjudication: the next article to adjudicate", group="Adjudication"
    ),
    Shortcut("Ctrl+Z", "undo", "Adjudication: undo", group="Adjudication"),
    Shortcut("Ctrl+Shift+Z", "redo", "Adjudication: redo", group="Adjudication"),
]

# What the help screen (F1) lists: the review window's keys, then the adjudication view's.
HELP_ROWS: list[Shortcut] = [*SHORTCUTS, *ADJUDICATION_SHORTCUTS]
