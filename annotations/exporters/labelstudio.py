"""Label Studio tasks JSON: a list of tasks, one per article, that Label Studio imports with the
named-entity labelling config (`<Labels name="label" toName="text">` over `<Text name="text"
value="$text">`; LABEL_CONFIG below, printed by the README).

Each task has `data` (the text, id, title, date, url, outlet), `annotations` (one, with the
decided spans: accepted ones have origin "prediction", corrected "prediction-changed", added
"manual"), and `predictions` (one, `model_version` "factmark", with the spans still suggested,
their confidence as `score`). A region's reviewer note is its `meta.text`, as Label Studio keeps
notes; what Label Studio has no field for (figure attributes, sources with their stance, the
span's origin, its uuid, which is also the region's id) rides in a `factmark` key of the region, which Label Studio keeps as it is, so
`factmark import` of the file gives back the same spans. Offsets are code points, as Label
Studio stores them since its fix for text with emoji (label-studio-frontend #308).
"""

from __future__ import annotations

import json

from annotations.exporters.base import FileWriter, Item, link_record
from annotations.model import LABELS, Span, SpanStatus

FROM_NAME, TO_NAME = "label", "text"
MODEL_VERSION = "factmark"
# Label Studio's `origin` of a region in an annotation, for each decided status.
ORIGINS = {
    SpanStatus.ACCEPTED: "prediction",
    SpanStatus.CORRECTED: "prediction-changed",
    SpanStatus.ADDED: "manual",
}
LABEL_CONFIG = (
    '<View>\n  <Labels name="label" toName="text">\n'
    + "".join(f'    <Label value="{label}"/>\n' for label in LABELS)
    + '  </Labels>\n  <Text name="text" value="$text"/>\n</View>\n'
)


class LabelStudioWriter(FileWriter):
    needs_links = True

    def __init__(self, target, options, output=None):
        super().__init__(target, options, output)
        self.count = 0
        self.file.write("[\n")

    def write(self, item: Item) -> None:
        if self.count:
            self.file.write(",\n")
        self.count += 1
        self.file.write(json.dumps(task(item, self.count), ensure_ascii=False))

    def close(self) -> None:
        if not self.file.closed:
            self.file.write("\n]\n")
        super().close()


def task(item: Item, number: int) -> dict:
    a = item.article
    data = {"text": a.text, "id": a.id, "title": a.title, "date": a.published, "url": a.url,
            "outlet": a.outlet}  # fmt: skip
    decided = [s for s in item.spans if s.status is not SpanStatus.SUGGESTED]
    suggested = [s for s in item.spans if s.status is SpanStatus.SUGGESTED]
    out: dict = {
        "id": number,
        "data": {k: v for k, v in data.items() if v is not None},
        "meta": {"status": a.status.value},
        "annotations": [],
        "predictions": [],
    }
    if decided or a.status.done:
        out["annotations"].append({
            "result": [region(item, s) for s in decided],
            "was_cancelled": False, "ground_truth": False,
        })  # fmt: skip
    if suggested:
        out["predictions"].append(
            {"model_version": MODEL_VERSION, "result": [region(item, s) for s in suggested]}
        )
    return out


def region(item: Item, s: Span) -> dict:
    value: dict = {"start": s.start, "end": s.end, "text": s.text, "labels": [s.label]}
    if s.confidence is not None and s.status is SpanStatus.SUGGESTED:
        value["score"] = s.confidence
    r: dict = {
        "id": s.uuid or (f"s{s.id}" if s.id is not None else f"s{s.start}-{s.end}"),
        "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels", "value": value,
    }  # fmt: skip
    if s.status in ORIGINS:
        r["origin"] = ORIGINS[s.status]
    if s.note:
        r["meta"] = {"text": [s.note]}
    extra: dict = {"status": s.status.value, "origin": s.origin, "uuid": s.uuid}
    if s.figure is not None:
        extra["figure"] = s.figure.to_dict()
    links = item.sources(s)
    if links:
        extra["sources"] = [link_record(ln) for ln in links]
    r["factmark"] = extra
    return r
