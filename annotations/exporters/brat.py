"""brat standoff: a folder with `ID.txt` (the article text, exactly) and `ID.ann` per article, and
the collection's `annotation.conf`, `visual.conf` and `tools.conf` (see brat_conf).

`.ann` lines: `T` text-bound spans (split into fragments at line breaks, as brat wants) and
one `#` AnnotatorNotes line per span with its status, uuid, figure attributes, verdict, reviewer note
and linked sources with their stance (`source=supports https://… Title`). Only `T` and `#`
lines: every brat reader takes them (the brat server, bratly, brat-peek, INCEpTION's reader,
which refuses `N` normalisation lines with "Unknown annotation format").

Nothing from the project can add or split a line: fragments stop at every character a reader
may take for a line break (those of `str.splitlines`) or a field break (tab), notes and titles
are folded onto one line, and a source URL is written only in its normal form (ASCII, no
white space); a stored address that is not one is left out, and the note says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotations.exporters.base import Item, Writer, article_file_name, line_label
from annotations.exporters.brat_conf import write_conf
from annotations.model import LABELS, SourceLink, Span
from annotations.text import trim_offsets
from annotations.urls import safe_url

# Every character `str.splitlines` breaks at, and tab, which separates .ann fields.
_BREAKS = "\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_FRAGMENT = re.compile(f"[^{_BREAKS}]+")


class BratWriter(Writer):
    needs_links = True

    def __init__(self, target, options, output=None):
        super().__init__(target, options, output)
        self.names: set[str] = set()
        self.labels: set[str] = set()  # every label written, imported ones included

    def write(self, item: Item) -> None:
        name = article_file_name(item.article.id, self.names)
        (self.target / f"{name}.txt").write_text(item.article.text, encoding="utf-8", newline="")
        (self.target / f"{name}.ann").write_text(ann(item), encoding="utf-8", newline="\n")
        self.labels.update(brat_label(s.label) for s in item.spans)

    def close(self) -> None:
        self.labels.update(brat_label(label) for label in self.options.labels or LABELS)
        write_conf(self.target, self.labels)


def brat_label(label: str) -> str:
    """A label as brat's configuration and INCEpTION's reader take a type: ASCII letters,
    digits, `_` and `-` (a label that came in with an import may hold others)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", line_label(label))


def ann(item: Item) -> str:
    lines: list[str] = []
    n_note = 0
    for i, s in enumerate(item.spans, start=1):
        frags = fragments(item.article.text, s)
        if not frags:  # only white space: nothing brat could draw
            continue
        where = ";".join(f"{a} {b}" for a, b in frags)
        quoted = " ".join(item.article.text[a:b] for a, b in frags)
        lines.append(f"T{i}\t{brat_label(s.label)} {where}\t{quoted}")
        note = span_note(s, item.sources(s))
        if note:
            n_note += 1
            lines.append(f"#{n_note}\tAnnotatorNotes T{i}\t{note}")
    return "\n".join(lines) + ("\n" if lines else "")


def span_note(s: Span, links: Sequence[SourceLink] = ()) -> str:
    """`key=value` fields joined by `; `, on one line; a source is `source=STANCE URL Title`."""
    parts = [f"status={s.status.value}", f"origin={s.origin}"]
    if s.uuid:
        parts.append(f"uuid={s.uuid}")  # the span's stable id, the same in every format
    if s.figure is not None:
        parts += [f"{k}={v}" for k, v in s.figure.to_dict().items() if v is not None]
    if s.note:
        parts.append(f"note={s.note}")
    omitted_sources = 0
    for link in links:
        url = safe_url(link.source.url)
        if url is None:
            omitted_sources += 1
            continue
        parts.append(f"source={link.stance.value} {url} {link.source.title or ''}".rstrip())
    if omitted_sources:
        parts.append(f"sources left out={omitted_sources} (not an http or https address)")
    return _one_line("; ".join(parts))


def fragments(text: str, s: Span) -> list[tuple[int, int]]:
    """A span's pieces between line breaks (brat draws a span on one line) and tabs."""
    out = []
    for m in _FRAGMENT.finditer(text[s.start : s.end]):
        a, b = trim_offsets(text, s.start + m.start(), s.start + m.end())
        if b > a:
            out.append((a, b))
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())
