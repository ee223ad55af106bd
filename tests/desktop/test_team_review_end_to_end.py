"""The issue's "Done when", end to end: two reviewers review the seeds on separate copies of the
project, the lead merges them, sees their agreement, settles every difference by keyboard in the
adjudication view, and exports: the export holds the adjudicated result — for each difference the
version the adjudicator chose — and every article is adjudicated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import ArticleStatus, Figure
from annotations.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KEYS = ("1", "2", "X")  # the adjudicator takes ana's, then ben's, then rejects, in turn


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _ana(store: Store, i: int, span) -> None:
    if i % 6 == 5:
        store.reject(span.id)
    elif span.figure is not None and i % 2 == 0:
        store.set_verdict(span.id, "supported")
    else:
        store.accept(span.id)


def _ben(store: Store, i: int, span) -> None:
    if i % 6 == 5 or i % 9 == 4:
        store.reject(span.id)
    elif span.figure is not None:
        store.update_figure(span.id, Figure(value=span.figure.value, qualifier="approximately"))
    elif i % 7 == 3:
        store.relabel(span.id, "PERSON" if span.label == "ORG" else "ORG")
    else:
        store.accept(span.id)


def _review(path: Path, name: str, decide) -> None:
    store = Store(path, reviewer=name)
    for aid in store.article_ids():
        for i, span in enumerate(store.spans(aid)):
            decide(store, i, span)
        if name == "ben":  # one span only ben saw
            text = store.article(aid).text
            at = text.find("humanitarian")
            if at >= 0 and not any(s.start <= at < s.end for s in store.spans(aid)):
                store.add_span(aid, at, at + len("humanitarian"), "EVENT")
        store.mark_reviewed(aid)
    store.close()


def _key(s) -> tuple:
    qualifier = str(s.figure.qualifier) if s.figure is not None else None
    return (s.start, s.end, s.label, qualifier)


@pytest.mark.slow
def test_two_reviewers_merge_agree_adjudicate_by_keys_and_export(
    tmp_path, window_on, qtbot, press, shown
):
    team = tmp_path / "team.db"
    _cli("--db", str(team), "import", str(SEEDS))
    _cli("--db", str(team), "assign", "--reviewers", "ana,ben", "--per-article", "2", "--seed", "1")
    for name in ("ana", "ben"):  # each takes their copy: their assigned articles
        _cli("--db", str(team), "export", "--format", "project", "--reviewer", name,
             "-o", str(tmp_path / f"{name}.db"))  # fmt: skip
    _review(tmp_path / "ana.db", "ana", _ana)
    _review(tmp_path / "ben.db", "ben", _ben)
    _cli("merge", str(tmp_path / "ana.db"), str(tmp_path / "ben.db"), "--into", str(team))

    figures = json.loads(_cli("--db", str(team), "agreement", "--json"))
    overall = figures["overall"]
    print("agreement:", json.dumps({k: overall[k] for k in (
        "span_f1", "cohen_kappa", "krippendorff_alpha", "figure_value", "verdict", "articles")}))  # fmt: skip
    assert overall["reviewers"] == ["ana", "ben"] and overall["articles"] == 5
    assert 0 < overall["span_f1"]["exact"] < 1 and 0 < overall["cohen_kappa"] < 1
    assert set(figures["by_pair"]) == {"ana+ben"}

    lead = Store(team, reviewer="lead")
    window = window_on(lead)
    first = lead.next_to_adjudicate()
    window.open_article(first)
    press(window, "Ctrl+J")
    view = shown(window, "adjudication_view")
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    chosen: dict[tuple, list[tuple]] = {}  # (article, difference) -> the spans chosen
    settled_by_key = 0
    visited = []
    for _ in range(len(lead.article_ids())):  # each article once, if each ends adjudicated
        visited.append(view.article_id)
        while (d := view.current()) is not None and not d.settled and settled_by_key < 1000:
            key = KEYS[settled_by_key % len(KEYS)]
            who = None if key == "X" else d.reviewers[int(key) - 1]
            chosen[(d.article_id, d.key)] = sorted(_key(s) for s in d.versions[who]) if who else []
            press(view, key)
            settled_by_key += 1
        assert "0 of" in view.left_label.text()
        if lead.next_to_adjudicate(after=view.article_id) is None:
            break
        press(view, "N")
    assert sorted(visited) == sorted(lead.article_ids())
    assert settled_by_key > 20  # the reviewers really differ

    out = tmp_path / "final.jsonl"
    _cli("--db", str(team), "export", "-f", "jsonl", "-o", str(out))
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(exported) == 5 and {r["status"] for r in exported} == {"adjudicated"}
    for record in exported:
        aid = next(a for a in lead.article_ids() if lead.article(a).text == record["text"])
        want = []
        for d in lead.differences(aid):
            if d.outcome == "agreed":
                want += [_key(s) for s in d.versions[d.reviewers[0]]]
            else:
                want += chosen[(aid, d.key)]
        got = [(s["start"], s["end"], s["label"], (s.get("figure") or {}).get("qualifier"))
               for s in record["spans"]]  # fmt: skip
        assert sorted(got) == sorted(want), aid
    assert all(lead.article(a).status is ArticleStatus.ADJUDICATED for a in lead.article_ids())
    ops = [e.op for e in lead.events(limit=100_000) if e.reviewer == "lead"]
    assert {"take_agreements", "adjudicate", "adjudicate_reject"} <= set(ops)
