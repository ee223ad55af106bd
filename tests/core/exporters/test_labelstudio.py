"""Label Studio both ways: its JSON export imports (annotations as decided spans, predictions as
suggestions, its labels mapped to ours, unknown ones refused one line each), and our tasks
export imports into a new project with the same spans, statuses and figures."""

from __future__ import annotations

import json

import pytest

from annotations.exporters import ExportOptions, export
from annotations.exporters.labelstudio import LABEL_CONFIG
from annotations.importers import import_paths
from annotations.model import LABELS
from annotations.store import Store

TEXT = "All that changed when Maria Lopez came to Jerusalem with 27 people from Acme Corp."


def _region(rid, quote, label, origin=None, score=None):
    start = TEXT.index(quote)
    r = {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": start, "end": start + len(quote), "text": quote, "labels": [label]}}  # fmt: skip
    if origin:
        r["origin"] = origin
    if score is not None:
        r["value"]["score"] = score
    return r


def _ls_export(tmp_path, tasks) -> str:
    path = tmp_path / "project-1-at-2026-12-04.json"
    path.write_text(json.dumps(tasks, indent=2), encoding="utf-8")
    return path


def _fields(store: Store, article_id: str) -> set[tuple]:
    return {(s.text, s.label, s.status.value) for s in store.spans(article_id)}


def test_label_studio_export_imports_annotations_as_decided_and_predictions_as_suggested(tmp_path):
    tasks = [{
        "id": 17, "data": {"text": TEXT},
        "annotations": [{"id": 5, "completed_by": 1, "was_cancelled": False, "result": [
            _region("a", "Maria Lopez", "PER", origin="prediction"),
            _region("b", "Jerusalem", "Location", origin="prediction-changed"),
            _region("c", "27 people", "FIGURE", origin="manual"),
        ]}],
        "predictions": [{"model_version": "one", "score": 0.5, "result": [
            _region("p1", "Maria Lopez", "PER", score=0.9),
            _region("p2", "Acme Corp", "Organization", score=0.7),
        ]}],
    }]  # fmt: skip
    store = Store(tmp_path / "p.db")
    report = import_paths(store, [_ls_export(tmp_path, tasks)])
    assert report.imported == 1 and not report.problems
    [article] = store.iter_articles()
    assert article.id == "project-1-at-2026-12-04-17" and article.text == TEXT
    assert article.status.value == "reviewed"  # a submitted annotation
    assert _fields(store, article.id) == {
        ("Maria Lopez", "PERSON", "accepted"), ("Jerusalem", "LOC", "corrected"),
        ("27 people", "FIGURE", "added"), ("Acme Corp", "ORG", "suggested"),
    }  # fmt: skip
    acme = next(s for s in store.spans(article.id) if s.text == "Acme Corp")
    assert acme.confidence == 0.7 and acme.origin == "label-studio:one"


def test_label_studio_labels_we_do_not_have_are_refused_one_line_each(tmp_path):
    good = {"data": {"text": TEXT}, "annotations": [{"result": [_region("a", "Acme Corp", "ORG")]}]}
    bad = [
        {"data": {"text": TEXT + " One."}, "annotations": [{"result": [
            _region("x", "Jerusalem", "Product")]}]},
        {"data": {"text": TEXT + " Two."}, "predictions": [{"result": [
            _region("y", "27", "Ordinal")]}]},
    ]  # fmt: skip
    store = Store(tmp_path / "p.db")
    path = _ls_export(tmp_path, [good, *bad])
    report = import_paths(store, [path])
    assert report.imported == 1
    lines = [str(p) for p in report.problems]
    assert len(lines) == 2
    assert (
        lines[0].startswith(f"{path}:")
        and "task 2: span 1: label 'Product' is not one of" in lines[0]
    )
    assert "task 3: span 1: label 'Ordinal'" in lines[1]
    assert all("\n" not in line for line in lines)


def test_label_studio_file_that_is_not_a_task_list_is_one_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"data": {"text": "Paris"}}, {"data": ', encoding="utf-8")
    store = Store(tmp_path / "p.db")
    report = import_paths(store, [path])
    assert report.imported == 0
    [problem] = report.problems
    assert str(problem).startswith(f"{path}:1: invalid JSON")


def test_label_studio_round_trip_gives_back_the_same_spans_statuses_and_figures(project, tmp_path):
    out = tmp_path / "tasks.json"
    export(project.store, "labelstudio", out, ExportOptions(all_articles=True))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["data"]["id"] for t in tasks] == ["a1", "a2", "a3"]
    a1 = tasks[0]
    decided = {r["value"]["text"] for r in a1["annotations"][0]["result"]}
    suggested = {r["value"]["text"] for r in a1["predictions"][0]["result"]}
    assert decided == {t for t, _ in project.verified["a1"]} and suggested == {"London"}
    for r in a1["annotations"][0]["result"] + a1["predictions"][0]["result"]:
        v = r["value"]
        assert a1["data"]["text"][v["start"] : v["end"]] == v["text"]
        assert r["from_name"] == "label" and r["to_name"] == "text" and r["type"] == "labels"

    fresh = Store(tmp_path / "fresh.db")
    report = import_paths(fresh, [out])
    assert report.imported == 3 and not report.problems

    def fields(store, article_id):
        return sorted(
            (s.start, s.end, s.label, s.text, s.status.value, s.origin, s.note,
             s.figure.to_dict() if s.figure else None, s.uuid)
            for s in store.spans(article_id) if s.status.value != "rejected"
        )  # fmt: skip

    for article_id in ("a1", "a2", "a3"):
        assert fields(fresh, article_id) == fields(project.store, article_id)
        assert fresh.article(article_id).status == project.store.article(article_id).status
        assert fresh.article(article_id).title == project.store.article(article_id).title
    [(span, link)] = [(s, ln) for s in fresh.spans("a1") for ln in fresh.links(s.id)]
    assert (span.text, link.source.url, link.stance.value) == (
        "76%", "https://example.org/report", "supports")  # fmt: skip


def test_label_studio_config_names_every_label():
    for label in LABELS:
        assert f'<Label value="{label}"/>' in LABEL_CONFIG
    assert '<Labels name="label" toName="text">' in LABEL_CONFIG


def test_label_studio_own_validation_accepts_every_annotation_and_prediction(project, tmp_path):
    """label-studio-sdk's LabelInterface checks regions against the labelling config as Label
    Studio does on import; it refuses a label the config lacks, so the check can fail."""
    interface = pytest.importorskip("label_studio_sdk.label_interface").LabelInterface
    config = interface(LABEL_CONFIG)
    out = tmp_path / "tasks.json"
    export(project.store, "labelstudio", out, ExportOptions(all_articles=True))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert sum(len(t["annotations"]) + len(t["predictions"]) for t in tasks) >= 4
    for t in tasks:
        for annotation in t["annotations"]:
            assert config.validate_annotation(annotation)
        for prediction in t["predictions"]:
            assert config.validate_prediction(prediction, return_errors=True) == []
    wrong = tasks[0]["annotations"][0]
    wrong["result"][0]["value"]["labels"] = ["Product"]
    assert not config.validate_annotation(wrong)


def test_label_studio_takes_the_ground_truth_skips_cancelled_and_non_label_regions(tmp_path):
    choice = {"id": "c", "from_name": "topic", "to_name": "text", "type": "choices",
              "value": {"choices": ["Business"]}}  # fmt: skip
    task = {"id": 3, "data": {"text": TEXT, "id": "story-9", "title": "Jerusalem"},
            "annotations": [
                {"was_cancelled": True, "result": [_region("x", "Jerusalem", "ORG")]},
                {"result": [_region("a", "Acme Corp", "ORG", origin="manual")]},
                {"ground_truth": True, "result": [choice, _region("b", "Jerusalem", "GPE")]},
            ]}  # fmt: skip
    path = tmp_path / "one-task.json"
    path.write_text(json.dumps(task), encoding="utf-8")  # one task, not a list
    store = Store(tmp_path / "p.db")
    report = import_paths(store, [tmp_path])  # a folder: .json files in it are read too
    assert report.imported == 1 and report.skipped == 0
    [warning] = [str(p) for p in report.problems]
    assert warning == f"{path}:1: task 1: 2 annotations; the first (ground truth) imported"
    assert _fields(store, "story-9") == {("Jerusalem", "GPE", "accepted")}
    assert store.article("story-9").title == "Jerusalem"
