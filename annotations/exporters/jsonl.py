"""Prodigy-style JSONL: one article per line with `text`, `tokens`, `spans` (character and token
offsets), `meta` and `answer`, plus our own fields (status, origin, figure, note, sources) so that
`factmark import` of the file gives back the same articles and spans. A reviewer's layer
(`--reviewer`, `--all-reviewers`: a record per reviewer and article) names its reviewer.

Rejected spans go in `rejected_spans`, never in `spans`: every tool that reads Prodigy output
takes `spans` as positives.

Tokens are spaCy's English tokenizer's (`base.Tokens`), white space included as Prodigy has it:
joining each token's text, plus a space where `ws` is true, gives back `text` exactly. A span
whose edge falls inside a token keeps its character offsets but has no `token_start`/`token_end`
(it is counted in the export's report). `_input_hash` and `_task_hash` follow Prodigy's
convention (see `prodigy_hashes`); hashes an article came in with are kept.
"""

from __future__ import annotations

import json

from annotations.exporters.base import FileWriter, Item, Misaligned, Tokens, link_record
from annotations.model import Span

INPUT_HASH, TASK_HASH = "_input_hash", "_task_hash"


class JsonlWriter(FileWriter):
    needs_links = True
    writes_rejected = True
    writes_layers = True  # a record per reviewer and article, each naming its reviewer
    misaligned_fate = "keep their character offsets but have no token_start/token_end"

    def write(self, item: Item) -> None:
        rec = record(item, self.misaligned)
        self.file.write(one_line(json.dumps(rec, ensure_ascii=False)) + "\n")


def _hash(value: str) -> int:
    import murmurhash

    return murmurhash.hash(value)


def prodigy_hashes(text: str, spans: list[dict]) -> tuple[int, int]:
    """(input hash, task hash) as Prodigy's `set_hashes` makes them by default: signed 32-bit
    MurmurHash values, the input hash of the input (`text`), the task hash of the input hash
    and the question asked about it (the spans with their labels). The same text always gets
    the same input hash; the same text with the same spans the same task hash."""
    input_hash = _hash(json.dumps({"text": text}, sort_keys=True, ensure_ascii=False))
    task = [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in spans]
    task_hash = _hash(json.dumps({"input": input_hash, "spans": task}, sort_keys=True,
                                 ensure_ascii=False))  # fmt: skip
    return input_hash, task_hash


# JSON leaves these raw inside strings; readers that split lines with str.splitlines()
# would see a new line there. They occur only inside strings, so escaping is safe.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_line(dumped: str) -> str:
    return dumped.translate(_LINE_BREAKS)


def record(item: Item, misaligned: Misaligned | None = None) -> dict:
    a = item.article
    text = a.text
    toks = Tokens.of(text)
    misaligned = misaligned if misaligned is not None else Misaligned()
    spans = [span_record(item, s, toks, misaligned) for s in item.spans]
    meta = dict(a.meta)
    computed = prodigy_hashes(text, spans)
    # Prodigy's rule: hashes already on a task are kept (set_hashes without overwrite=True).
    hashes = {key: meta.pop(key) if isinstance(meta.get(key), int) else value
              for key, value in zip((INPUT_HASH, TASK_HASH), computed, strict=True)}  # fmt: skip
    rec: dict = {
        "id": a.id, "text": text, "title": a.title, "date": a.published, "url": a.url,
        "outlet": a.outlet, "status": a.status.value, "meta": meta, **hashes,
        "tokens": [
            {"text": text[s:e], "start": s, "end": e, "id": i, "ws": ws}
            for i, (s, e, ws) in enumerate(zip(toks.starts, toks.ends, toks.spaces, strict=True))
        ],
        "spans": spans,
        # where the article's body is, so `factmark import` of the file keeps it
        "body": a.body.to_dict() if a.body is not None else None,
        # Prodigy's answer: only reviewed articles are accepted examples.
        "answer": "accept" if a.status.done else "ignore",
    }  # fmt: skip
    if item.reviewer is not None:
        # Prodigy names whose answer a task is by `_annotator_id` and `_session_id`; the same
        # article from two reviewers shares `_input_hash`, as its `review` recipe expects.
        rec.update(reviewer=item.reviewer, _annotator_id=item.reviewer, _session_id=item.reviewer)
    if item.rejected:
        rec["rejected_spans"] = [span_record(item, s, toks, misaligned) for s in item.rejected]
    return {k: v for k, v in rec.items() if v is not None}


def span_record(item: Item, s: Span, toks: Tokens, misaligned: Misaligned) -> dict:
    d: dict = {"start": s.start, "end": s.end}
    bounds = toks.bounds(s)
    if bounds is None:
        misaligned.add(item, s, toks)
    else:
        d["token_start"], d["token_end"] = bounds
    d.update(
        label=s.label, text=s.text, status=s.status.value, origin=s.origin, uuid=s.uuid
    )  # the span's stable id, kept by `factmark import` of this file
    if s.confidence is not None:
        d["confidence"] = s.confidence
    if s.note:
        d["note"] = s.note
    if s.figure is not None:
        d["figure"] = s.figure.to_dict()
    links = item.sources(s)
    if links:
        d["sources"] = [link_record(ln) for ln in links]
    return d
