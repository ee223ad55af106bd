"""Read Label Studio's JSON export (a list of tasks) as records: `data.text` is the article,
the regions of its annotation (`type` "labels") are decided spans, those of its predictions
are suggestions. Labels are mapped to ours (PER -> PERSON, Organization -> ORG, ...); any other
label, like every other field, is judged by the one set of rules in `validate`.

The status of a region in an annotation comes from its Label Studio `origin`: "prediction"
(kept as predicted) is accepted, "prediction-changed" corrected, "manual" added. A file our own
export wrote carries each region's status, figure and sources in a `factmark` key, read back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from annotations.importers.files import Problem, TextFile
from annotations.importers.validate import BadRecord, Record, to_record

# Label Studio label (upper-cased) -> ours; labels already ours map to themselves.
LABEL_MAP = {
    "PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG", "LOC": "LOC", "LOCATION": "LOC", "GPE": "GPE", "NORP": "NORP",
    "DATE": "DATE", "TIME": "TIME", "EVENT": "EVENT", "FAC": "FAC", "FACILITY": "FAC",
    "FIGURE": "FIGURE",
}  # fmt: skip
STATUS_BY_ORIGIN = {"prediction": "accepted", "prediction-changed": "corrected", "manual": "added"}


def labelstudio_records(f: TextFile) -> Iterator[Record | Problem]:
    """Every task of a Label Studio JSON export, as a record or a problem naming its line."""
    p = str(f.path)
    lines = list(f.lines())
    if None in lines:
        yield Problem(p, lines.index(None) + 1, "a line is too long to read; file not read")
        return
    text = "".join(lines).lstrip("\ufeff")  # type: ignore[arg-type]
    try:
        tasks = _tasks(text)
    except BadRecord as e:
        yield Problem(p, 1, str(e))
        return
    stem = f.path.stem
    for line, n, task, size in tasks:
        try:
            obj, warning = task_object(task, f"{stem}-{n}")
            if warning:
                yield Problem(p, line, f"task {n}: {warning}", skipped=False)
            yield to_record(obj, p, line, f"{stem}-{n}", size=size)
        except BadRecord as e:
            yield Problem(p, line, f"task {n}: {e}", size=size)


def _tasks(text: str) -> list[tuple[int, int, object, int]]:
    """(line, number, task, size) of each element of the top-level list (or the one task)."""
    decoder = json.JSONDecoder()
    at = len(text) - len(text.lstrip())
    if not text.strip():
        raise BadRecord("no tasks (the file is empty)")
    if text[at] != "[":  # one task on its own
        return [(1, 1, _decode(decoder, text, at)[0], len(text))]
    out, at, n = [], at + 1, 0
    line = 1 + text.count("\n", 0, at)
    while True:
        nxt = _skip(text, at)
        if nxt < len(text) and text[nxt] == "]":
            return out
        line += text.count("\n", at, nxt)
        task, end = _decode(decoder, text, nxt)
        n += 1
        out.append((line, n, task, end - nxt))
        line += text.count("\n", nxt, end)
        at = _skip(text, end)
        if at < len(text) and text[at] == ",":
            at += 1
        elif at >= len(text) or text[at] != "]":
            where = text.count("\n", 0, at) + 1
            raise BadRecord(f"invalid JSON after task {n} (line {where}): expected ',' or ']'")


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _decode(decoder: json.JSONDecoder, text: str, at: int) -> tuple[object, int]:
    try:
        return decoder.raw_decode(text, at)
    except json.JSONDecodeError as e:
        raise BadRecord(f"invalid JSON ({e.msg} at line {e.lineno} column {e.colno})") from None
    except (RecursionError, ValueError) as e:
        raise BadRecord(f"invalid JSON ({str(e).split(';')[0]})") from None


def task_object(task: object, default_id: str) -> tuple[dict, str | None]:
    """A Label Studio task as the Prodigy-shaped object `validate.to_record` checks, and a
    warning when some of it is left out."""
    if not isinstance(task, dict):
        raise BadRecord(f"a task must be a JSON object, not {type(task).__name__}")
    data = task.get("data")
    if not isinstance(data, dict) or "text" not in data:
        raise BadRecord("no 'data.text' (factmark reads text tasks: <Text value=\"$text\">)")
    meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    if task.get("id") is not None and not data.get("id"):
        default_id = f"{default_id.rsplit('-', 1)[0]}-{task['id']}"
    annotations = [a for a in _list(task, "annotations")
                   if isinstance(a, dict) and not a.get("was_cancelled")]  # fmt: skip
    annotations.sort(key=lambda a: not a.get("ground_truth"))  # the ground truth first
    warning = None
    if len(annotations) > 1:
        warning = (f"{len(annotations)} annotations; the first "
                   f"{'(ground truth) ' if annotations[0].get('ground_truth') else ''}imported")  # fmt: skip
    spans: list[dict] = []
    if annotations:
        spans += [s for r in _list(annotations[0], "result") for s in _spans(r, "accepted")]
    taken = {(s["start"], s["end"], s["label"]) for s in spans if isinstance(s, dict)}
    for prediction in _list(task, "predictions")[:1]:
        if not isinstance(prediction, dict):
            continue
        for r in _list(prediction, "result"):
            for s in _spans(r, "suggested", prediction.get("model_version")):
                if (s.get("start"), s.get("end"), s.get("label")) not in taken:
                    spans.append(s)
    status = meta.get("status") or ("reviewed" if annotations else None)
    obj = {
        "text": data["text"], "id": data.get("id") or default_id, "title": data.get("title"),
        "date": data.get("date"), "url": data.get("url"), "outlet": data.get("outlet"),
        "status": status, "spans": spans,
    }  # fmt: skip
    return obj, warning


def _list(obj: dict, key: str) -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRecord(f"'{key}' must be a list")
    return value


def _spans(region: object, default_status: str, model: object = None) -> list[dict]:
    """The spans of one result region: one per label (a region may carry several)."""
    if not isinstance(region, dict) or region.get("type") != "labels":
        return []  # choices, text areas, relations: nothing factmark holds
    value = region.get("value")
    if not isinstance(value, dict):
        raise BadRecord("a 'labels' region without a 'value'")
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels:
        raise BadRecord(f"region {region.get('id')!r} has no labels")
    ours = region.get("factmark") if isinstance(region.get("factmark"), dict) else {}
    status = ours.get("status") or STATUS_BY_ORIGIN.get(region.get("origin"), default_status)
    origin = ours.get("origin") or (f"label-studio:{model}" if model else "label-studio")
    notes = (region.get("meta") or {}).get("text") if isinstance(region.get("meta"), dict) else None
    out = []
    for label in labels:
        mapped = LABEL_MAP.get(label.upper(), label) if isinstance(label, str) else label
        span = {"start": value.get("start"), "end": value.get("end"), "label": mapped,
                "text": value.get("text"), "status": status, "origin": origin,
                "confidence": value.get("score", region.get("score"))}  # fmt: skip
        if isinstance(notes, list) and notes:
            span["note"] = "\n".join(str(n) for n in notes)
        for key in ("figure", "sources", "uuid"):  # Label Studio's own region ids are no UUIDs
            if ours.get(key) is not None:
                span[key] = ours[key]
        out.append(span)
    return out
