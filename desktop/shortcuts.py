"""Every key of the review window as one table of data: the window installs it, F1 lists it.

`action` names a method `do_<action>` of ReviewWindow (with `arg` passed when set). Rows with
the same action and arg are one action with several keys (F1 and ?). The claims view has a
table of its own, as has the adjudication view; `shortcut_actions` installs each.
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
    Shortcut(
        "Shift+C",
        "claims",
        "Open the claims view: the same figure stated across articles, conflicts first",
        group="Claims view",
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


# The claims view is a window of its own: its keys fire only there, so they may reuse the review
# window's (J/K move, Shift+S… set a verdict, as they do on a span). `action` names a method
# `do_<action>` of ClaimsView.
def _in_claims(key: str, action: str, help: str, arg: str | None = None) -> Shortcut:
    return Shortcut(key, action, help, arg, "Claims view")


CLAIMS_SHORTCUTS: list[Shortcut] = [
    _in_claims("J", "next", "Next claim (in the figures: next figure); Down too"),
    _in_claims("K", "previous", "Previous claim (in the figures: previous figure); Up too"),
    _in_claims("Return", "enter", "Into the claim's figures; on a figure, open it in its article"),
    _in_claims("Escape", "back", "From the figures back to the claims; from there, close the view"),
    _in_claims("A", "confirm", "Confirm the claim and all its figures"),
    _in_claims("R", "rename", "Name the claim (an empty name goes back to the made-up one)"),
    *(
        _in_claims(key, "verdict", f"The claim's verdict: {v.value}", v.value)
        for v, key in _VERDICT_KEYS.items()
    ),
    _in_claims("L", "link_source", "Link a source to the claim"),
    _in_claims(
        "Shift+A", "apply", "Apply the claim's verdict and sources to all its figures (one undo)"
    ),
    _in_claims("S", "split", "Split the selected figures (Shift+Up/Down) off as a new claim"),
    _in_claims("M", "merge", "Merge the selected claims (Shift+Up/Down) into the current one"),
    _in_claims("X", "take_out", "Take the current figure out of its claim"),
    _in_claims("V", "colour", "Colour the plot by outlet or by verdict"),
    _in_claims("Ctrl+Z", "undo", "Undo (the review window's undo, shared)"),
    _in_claims("Ctrl+Shift+Z", "redo", "Redo"),
    _in_claims("Shift+C", "close_view", "Back to the review window"),
    _in_claims("F1", "help", "Show the shortcuts"),
]

# What the help screen (F1) lists: the review window's keys, then the adjudication view's and
# the claims view's (each fires only in its own window).
HELP_ROWS: list[Shortcut] = [*SHORTCUTS, *ADJUDICATION_SHORTCUTS, *CLAIMS_SHORTCUTS]
