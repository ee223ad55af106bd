"""The configuration files of a brat collection: `annotation.conf` (the labels, and the overlaps
the project allows), `visual.conf` (names and the window's colours, from
resources/styles/labels.json) and `tools.conf` (offline: no web search links).

Figures and entities are separate layers in factmark, so a FIGURE may sit inside, on or across
any entity ("the first 100 days" is a DATE holding the FIGURE "100"); entities may nest or share
a span with each other (an ORG "Bank of England" holding the GPE "England"), and a reviewer may
add any span, so crossing entities are allowed too: brat's verifier then reports nothing the
project itself accepts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from annotations.paths import RESOURCES

LABELS_FILE = RESOURCES / "styles" / "labels.json"


@cache
def label_styles() -> dict[str, dict]:
    return json.loads(LABELS_FILE.read_text(encoding="utf-8"))["labels"]


def write_conf(folder: Path, labels: Iterable[str]) -> None:
    labels = sorted(set(labels))
    for name, text in (
        ("annotation.conf", annotation_conf(labels)),
        ("visual.conf", visual_conf(labels)),
        ("tools.conf", TOOLS_CONF),
    ):
        (folder / name).write_text(text, encoding="utf-8", newline="\n")


def annotation_conf(labels: list[str]) -> str:
    lines = ["[entities]", *labels, "", "[relations]"]
    # One rule: any two text-bound annotations may overlap in any way (contain, equal, cross).
    lines.append("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>")
    lines += ["", "[events]", "", "[attributes]", ""]
    return "\n".join(lines)


def visual_conf(labels: list[str]) -> str:
    styles = label_styles()
    names, drawing = ["[labels]"], ["[drawing]"]
    for label in labels:
        style = styles.get(label)
        if style is None:  # a label that came in with an import: brat's default colour
            continue
        names.append(f"{label} | {style['name']}")
        drawing.append(f"{label}\tbgColor:{style['light']}")
    drawing += [
        "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
        "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5",
        "ATTRIBUTE_DEFAULT\tglyph:*",
    ]
    return "\n".join([*names, "", *drawing, ""])


# brat's own default tools.conf links every selection to a web search; factmark is offline.
TOOLS_CONF = "[options]\nTokens\ttokenizer:whitespace\nSentences\tsplitter:regex\n\n[search]\n"
