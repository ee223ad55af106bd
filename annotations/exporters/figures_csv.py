"""A CSV of figures, one row per FIGURE span: its article, sentence, value and range, qualifier,
unit, what it counts, verdict and linked sources: `sources` holds their URLs separated by spaces
(only addresses in the normal form of `annotations.urls`, which hold no space) and `stances` the
stance of each, in the same order (supports, contradicts or context).

With `excel` the file starts with a UTF-8 byte-order mark: Excel on Windows reads a CSV without
one in the machine's code page and garbles `…`, `’` and every non-Latin script."""

from __future__ import annotations

import csv

from annotations.exporters.base import FileWriter, Item, Sentences
from annotations.urls import safe_url

COLUMNS = (
    "article_id", "title", "published", "outlet", "sentence", "text", "start", "end", "value",
    "low", "high", "qualifier", "unit", "counted", "kind", "verdict", "status", "note", "sources", "stances",
)  # fmt: skip


class FiguresCsvWriter(FileWriter):
    needs_links = True
    newline = ""  # the csv module writes its own line ends

    def __init__(self, target, options, output=None):
        super().__init__(target, options, output)
        if options.excel:
            self.file.write("\ufeff")
        self.csv = csv.writer(self.file)
        self.csv.writerow(COLUMNS)

    def write(self, item: Item) -> None:
        figures = [s for s in item.spans if s.figure is not None]
        if not figures:
            return
        a = item.article
        sentences = Sentences(a.text)
        for s in figures:
            f = s.figure.to_dict()
            row = {
                "article_id": a.id, "title": a.title, "published": a.published, "outlet": a.outlet,
                "sentence": sentences.of(s), "text": s.text, "start": s.start, "end": s.end,
                "status": s.status.value, "note": s.note, **_sources(item, s), **f,
            }  # fmt: skip
            self.csv.writerow([cell(row[c]) for c in COLUMNS])


def _sources(item: Item, span) -> dict[str, str]:
    links = [
        (url, ln.stance.value) for ln in item.sources(span) if (url := safe_url(ln.source.url))
    ]
    return {"sources": " ".join(u for u, _ in links), "stances": " ".join(st for _, st in links)}


# OWASP's CSV-injection rule: a spreadsheet runs a cell that starts with one of these as a
# formula (=HYPERLINK(...), +cmd|..., @SUM(...)), so text cells that do are prefixed with '.
# Numbers the exporter itself writes (value, low, high, offsets) stay numbers.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> object:
    """One CSV cell: empty for None, numbers as they are, text that a spreadsheet would run
    as a formula neutralised."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
