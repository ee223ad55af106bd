"""brat export: .txt is the article exactly; .ann lines parse and point at the right text."""

from __future__ import annotations

import re

from annotations.exporters import ExportOptions, export


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
        "a1.ann", "a1.txt", "a2.ann", "a2.txt", "annotation.conf"]  # fmt: skip
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


def test_brat_notes_carry_figure_attributes_and_verdicts_and_sources_normalise(project, tmp_path):
    out = tmp_path / "brat"
    export(project.store, "brat", out)
    ann = parse_ann((out / "a1.ann").read_text(encoding="utf-8"))
    ids = {quoted: ident for ident, _, _, quoted in ann["T"]}
    notes = {target: note for _, target, note in ann["#"]}
    assert "verdict=false" in notes[ids["$1.13bn"]]
    assert "note=The report says $1.1bn" in notes[ids["$1.13bn"]]
    assert "qualifier=approximately" in notes[ids["about 5,000"]]
    [source] = project.store.find_sources("example.org/report")
    assert ann["N"] == [
        ("Reference", ids["76%"], ["factmark", f"source{source.id}"],
         "https://example.org/report Annual report")
    ]  # fmt: skip


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
