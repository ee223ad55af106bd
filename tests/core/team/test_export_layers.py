"""`factmark export --all-reviewers`: every reviewer's layer in one JSONL file, a record per
reviewer and article, read back by an agreement study (the `krippendorff` package); formats that
hold one version of an article refuse it in one line."""

from __future__ import annotations

import json

import krippendorff
import numpy as np
from _acme import acme_project
from click.testing import CliRunner

from annotations.cli import cli
from annotations.store import Store


def _two_layers(path):
    ana = acme_project(path, "ana")
    acme, paris = (s.id for s in ana.spans("a1"))
    ana.accept(acme)
    ana.accept(paris)
    ana.add_span("a1", 11, 14, "FIGURE")  # "300", in ana's layer only
    ben = Store(path, reviewer="ben")
    ben.accept(acme)
    ben.reject(paris)
    ana.close()
    ben.close()


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _token_labels(rec: dict) -> list[str]:
    labels = ["O"] * len(rec["tokens"])
    for s in rec["spans"]:
        for i in range(s["token_start"], s["token_end"] + 1):
            labels[i] = s["label"]
    return labels


def test_all_reviewers_writes_a_record_per_reviewer_that_an_agreement_study_reads(tmp_path):
    db, out = tmp_path / "p.db", tmp_path / "layers.jsonl"
    _two_layers(db)
    result = _run("--db", db, "export", "-f", "jsonl", "-o", out, "--all-reviewers")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_reviewer = {r["reviewer"]: r for r in records}
    assert [r["reviewer"] for r in records] == ["ana", "ben"]  # one article, two layers
    assert {r["_annotator_id"] for r in records} == {"ana", "ben"}
    assert len({r["_input_hash"] for r in records}) == 1  # Prodigy sees one input, two answers
    assert sorted(s["text"] for s in by_reviewer["ana"]["spans"]) == ["300", "Acme", "Paris"]
    assert [s["text"] for s in by_reviewer["ben"]["spans"]] == ["Acme"]
    assert "rejected_spans" not in by_reviewer["ben"]  # not asked for (--include-rejected)

    # The study's own α over the file's token labels is the one `factmark agreement` gives.
    codes: dict[str, int] = {}
    rows = [[codes.setdefault(x, len(codes)) for x in _token_labels(by_reviewer[r])]
            for r in ("ana", "ben")]  # fmt: skip
    alpha = krippendorff.alpha(reliability_data=np.array(rows, dtype=float),
                               level_of_measurement="nominal")  # fmt: skip
    result = _run("--db", db, "agreement", "--json")
    assert round(alpha, 6) == json.loads(result.output)["overall"]["krippendorff_alpha"]


def test_formats_with_one_version_of_an_article_refuse_all_reviewers_in_one_line(tmp_path):
    db = tmp_path / "p.db"
    _two_layers(db)
    for fmt, out in (("conll", "x.conll"), ("brat", "brat"), ("csv", "x.csv")):
        result = _run("--db", db, "export", "-f", fmt, "-o", tmp_path / out, "--all-reviewers")
        assert result.exit_code == 1
        [line] = result.output.strip().splitlines()
        assert f"the {fmt} format holds one version of each article" in line
        assert not (tmp_path / out).exists()
    result = _run("--db", db, "export", "-f", "jsonl", "-o", tmp_path / "y.jsonl",
                  "--all-reviewers", "--reviewer", "ana")  # fmt: skip
    assert result.exit_code == 1 and "give one of them" in result.output
