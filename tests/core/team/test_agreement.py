"""Agreement between reviewers' layers, against figures worked out by hand (in the comments).

The article "Acme hired 300 people in Paris." has 7 tokens: Acme hired 300 people in Paris .
Suggested: Acme ORG (0..4), Paris GPE (25..30).
ana: accepts Acme and Paris, adds 300 FIGURE (value 300, exact), verdict supported.
ben: accepts Acme, relabels Paris LOC, adds "300 people" FIGURE, value 300 exact, verdict false.
chen (three-reviewer test): accepts Acme and Paris, nothing else.
"""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter

import krippendorff
import pytest
from click.testing import CliRunner

from annotations.cli import cli
from annotations.model import Article, Figure, Span
from annotations.store import Store
from annotations.team.agreement import alpha_of

TEXT = "Acme hired 300 people in Paris."


def _review(path, reviewers=("ana", "ben"), chen_figure: bool = False) -> None:
    """Each reviewer on their own copy of the project, merged back into `path`."""
    team = Store(path)
    team.insert_article(
        Article("a1", TEXT),
        [Span(0, 4, "ORG", "Acme", origin="rules"), Span(25, 30, "GPE", "Paris", origin="rules")],
    )
    team.close()
    copies = []
    for name in reviewers:
        copies.append(path.with_name(f"{name}.db"))
        shutil.copyfile(path, copies[-1])
        s = Store(copies[-1], reviewer=name)
        acme, paris = (x.id for x in s.spans("a1") if x.origin == "rules")
        s.accept(acme)
        if name == "ana":
            s.accept(paris)
            fig = s.add_span("a1", 11, 14, "FIGURE").created_span_id
            s.set_verdict(fig, "supported")
        elif name == "ben":
            s.relabel(paris, "LOC")
            fig = s.add_span("a1", 11, 21, "FIGURE").created_span_id
            s.update_figure(fig, Figure(value=300))
            s.set_verdict(fig, "false")
        else:
            s.accept(paris)
            if chen_figure:  # "300", about 300, supported
                fig = s.add_span("a1", 11, 14, "FIGURE").created_span_id
                s.update_figure(fig, Figure(value=300, qualifier="approximately"))
                s.set_verdict(fig, "supported")
        s.close()
    merged = CliRunner().invoke(cli, ["merge", *map(str, copies), "--into", str(path)])
    assert merged.exit_code == 0, merged.output


def _json(path) -> dict:
    result = CliRunner().invoke(cli, ["--db", str(path), "agreement", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_two_reviewers(tmp_path):
    _review(tmp_path / "p.db")
    report = _json(tmp_path / "p.db")
    o = report["overall"]
    assert o["reviewers"] == ["ana", "ben"]
    # exact: ana {Acme ORG, Paris GPE, 300 FIGURE}, ben {Acme ORG, Paris LOC, 300 people FIGURE}:
    # one match, 2*1/(3+3) = 1/3. Overlapping (same label): Acme and the figures on each side,
    # P = R = 2/3, F1 = 2/3.
    assert o["span_f1"] == {"exact": pytest.approx(1 / 3, abs=1e-6),
                            "overlap": pytest.approx(2 / 3, abs=1e-6)}  # fmt: skip
    # tokens ana: ORG O FIGURE O O GPE O; ben: ORG O FIGURE FIGURE O LOC O.
    # po = 5/7; pe = (ORG 1*1 + O 4*3 + FIGURE 1*2)/49 = 15/49; κ = (35-15)/(49-15) = 20/34.
    assert o["cohen_kappa"] == pytest.approx(20 / 34, abs=1e-6)
    # α: 14 values; off-diagonal coincidences O-FIGURE 2, GPE-LOC 2 -> Do = 4/14;
    # n_c = ORG 2, O 7, FIGURE 3, GPE 1, LOC 1 -> De = (196 - 64)/(14*13) = 132/182;
    # α = 1 - (4/14)/(132/182) = 80/132.
    assert o["krippendorff_alpha"] == pytest.approx(80 / 132, abs=1e-6)
    # the overlapping figures: both 300 exact -> 1/1; verdicts supported vs false -> 0/1.
    assert o["figure_value"] == 1.0
    assert o["verdict"] == 0.0
    assert set(report["by_pair"]) == {"ana+ben"}
    assert report["by_pair"]["ana+ben"]["cohen_kappa"] == o["cohen_kappa"]
    # the pair's α (from the token counts) is the team's (the krippendorff package's) for two
    assert report["by_pair"]["ana+ben"]["krippendorff_alpha"] == pytest.approx(80 / 132, abs=1e-6)
    labels = report["by_label"]
    assert labels["ORG"]["span_f1"]["exact"] == 1.0
    assert labels["ORG"]["cohen_kappa"] == 1.0
    assert labels["GPE"]["span_f1"]["exact"] == 0.0  # ana 1, ben 0: 0/(1+0)
    # FIGURE: exact 0/(1+1) = 0, overlapping 1; tokens 0010000 vs 0011000: po = 6/7,
    # pe = (1*2 + 6*5)/49 = 32/49, κ = (42-32)/(49-32) = 10/17.
    assert labels["FIGURE"]["span_f1"] == {"exact": 0.0, "overlap": 1.0}
    assert labels["FIGURE"]["cohen_kappa"] == pytest.approx(10 / 17, abs=1e-6)
    assert report["by_article"]["a1"]["span_f1"]["exact"] == pytest.approx(1 / 3, abs=1e-6)


def test_three_reviewers(tmp_path):
    _review(tmp_path / "p.db", ("ana", "ben", "chen"))
    report = _json(tmp_path / "p.db")
    pairs = report["by_pair"]
    # chen's tokens: ORG O O O O GPE O.
    # ana+chen: po = 6/7, pe = (1 + 4*5 + 1)/49 = 22/49, κ = (42-22)/(49-22) = 20/27.
    # ben+chen: po = 4/7, pe = (1 + 3*5)/49 = 16/49, κ = (28-16)/(49-16) = 12/33.
    assert pairs["ana+chen"]["cohen_kappa"] == pytest.approx(20 / 27, abs=1e-6)
    assert pairs["ben+chen"]["cohen_kappa"] == pytest.approx(12 / 33, abs=1e-6)
    o = report["overall"]
    # the team's κ: the mean of the pairs'.
    assert o["cohen_kappa"] == pytest.approx((20 / 34 + 20 / 27 + 12 / 33) / 3, abs=1e-6)
    # α over three at once: 21 values, each unit's pairs weigh 1/2. Off-diagonal: token 300
    # (F F O) gives F-O 2, token people (O F O) F-O 2, Paris (GPE LOC GPE) GPE-LOC 2: Do = 6/21.
    # n_c = ORG 3, O 12, FIGURE 3, GPE 2, LOC 1: De = (441 - 167)/(21*20) = 274/420.
    # α = 1 - (6/21)/(274/420) = 154/274.
    assert o["krippendorff_alpha"] == pytest.approx(154 / 274, abs=1e-6)
    # exact matches pooled over pairs: ana+ben 1 of 3+3, ana+chen 2 of 3+2, ben+chen 1 of 3+2:
    # 2*(1+2+1)/(6+5+5) = 1/2.
    assert o["span_f1"]["exact"] == 0.5
    # the trend counts the same without pairing: Acme kept by 3 (3 pairs), Paris GPE by ana and
    # chen (1), the rest by one: 2*(3+1)/((3-1)*(3+3+2)) = 1/2, on the one day of the test.
    from annotations.team.trend import agreement_trend

    [day] = agreement_trend(Store(tmp_path / "p.db"))
    assert (day["articles"], day["span_f1_exact"]) == (1, 0.5)


def test_three_reviewers_figure_values_and_verdicts(tmp_path):
    _review(tmp_path / "p.db", ("ana", "ben", "chen"), chen_figure=True)
    report = _json(tmp_path / "p.db")
    pairs = report["by_pair"]
    # ana 300 exact supported, ben 300 exact false, chen 300 approximately supported.
    # values (same value and qualifier): ana+ben yes, ana+chen no, ben+chen no.
    assert [pairs[p]["figure_value"] for p in ("ana+ben", "ana+chen", "ben+chen")] == [1, 0, 0]
    # verdicts: ana+ben no, ana+chen yes, ben+chen no.
    assert [pairs[p]["verdict"] for p in ("ana+ben", "ana+chen", "ben+chen")] == [0, 1, 0]
    # the team pools the pairs: 1 of 3 each.
    assert report["overall"]["figure_value"] == pytest.approx(1 / 3, abs=1e-6)
    assert report["overall"]["verdict"] == pytest.approx(1 / 3, abs=1e-6)
    # FIGURE spans, exact: ana+chen match (11..14), the others not: 2*(0+1+0)/(2+2+2) = 1/3.
    assert report["by_label"]["FIGURE"]["span_f1"]["exact"] == pytest.approx(1 / 3, abs=1e-6)


def test_text_report_and_one_reviewer(tmp_path):
    _review(tmp_path / "p.db")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "agreement"])
    assert result.exit_code == 0, result.output
    assert "ana+ben" in result.output and "κ 0.588" in result.output
    _review(tmp_path / "q.db", ("ana",))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "q.db"), "agreement"])
    assert "needs two reviewers" in result.output


def test_a_pairs_alpha_is_the_krippendorff_packages():
    rng = random.Random(7)
    for _ in range(20):
        a = [rng.choice("OOOOXYZ") for _ in range(60)]
        b = [x if rng.random() < 0.7 else rng.choice("OXYZ") for x in a]
        expected = krippendorff.alpha(
            reliability_data=[[ord(x) for x in a], [ord(x) for x in b]],
            level_of_measurement="nominal",
        )
        assert alpha_of(Counter(zip(a, b, strict=True))) == pytest.approx(expected, abs=1e-6)
