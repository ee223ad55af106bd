"""Prodigy-style JSONL: one article per line with `text`, `tokens`, `spans` (character and token
offsets), `meta` and `answer`, plus our own fields (status, origin, figure, note, sources) so that
`factmark import` of the file gives back the same articles and spans.

Rejected spans go in `rejected_spans`, never in `spans`: every tool that reads Prodigy output
takes `spans` as positives.
"""

from __future__ import annotations

import json

from annotations.exporters.base import FileWriter, Item, token_bounds, token_starts, tokens
from annotations.model import Span


class JsonlWriter(FileWriter):
    needs_links = True
    writes_rejected = True

    def write(self, item: Item) -> None:
        self.file.write(one_line(json.dumps(record(item), ensure_ascii=False)) + "\n")


# JSON leaves these raw inside strings; readers that split lines with str.splitlines()
# would see a new line there. They occur only inside strings, so escaping is safe.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_line(dumped: str) -> str:
    return dumped.translate(_LINE_BREAKS)


def record(item: Item) -> dict:
    a = item.article
    text = a.text
    toks = tokens(text, [*item.spans, *item.rejected])
    starts = token_starts(toks)
    rec: dict = {
        "id": a.id, "text": text, "title": a.title, "date": a.published, "url": a.url,
        "outlet": a.outlet, "status": a.status.value, "meta": dict(a.meta),
        "tokens": [
            {"text": text[s:e], "start": s, "end": e, "id": i, "ws": text[e : e + 1].isspace()}
            for i, (s, e) in enumerate(toks)
        ],
        "spans": [span_record(item, s, starts) for s in item.spans],
        # Prodigy's answer: only reviewed articles are accepted examples.
        "answer": "accept" if a.status.value == "reviewed" else "ignore",
    }  # fmt: skip
    if item.rejected:
        rec["rejected_spans"] = [span_record(item, s, starts) for s in item.rejected]
    return {k: v for k, v in rec.items() if v is not None}


def span_record(item: Item, s: Span, starts: list[int]) -> dict:
    first, last = token_bounds(starts, s)
    d: dict = {
        "start": s.start, "end": s.end, "token_start": first, "token_end": last,
        "label": s.label, "text": s.text, "status": s.status.value, "origin": s.origin,
        "uuid": s.uuid,  # the span's stable id, kept by `factmark import` of this file
    }  # fmt: skip
    if s.confidence is not None:
        d["confidence"] = s.confidence
    if s.note:
        d["note"] = s.note
    if s.figure is not None:
        d["figure"] = s.figure.to_dict()
    links = item.sources(s)
    if links:
        d["sources"] = [
            {"url": ln.source.url, "title": ln.source.title, "outlet": ln.source.outlet,
             "published": ln.source.published, "stance": ln.stance.value, "excerpt": ln.excerpt}
            for ln in links
        ]  # fmt: skip
    return d
