"""An article that mostly repeats one already imported comes in flagged with the one it repeats."""

from __future__ import annotations

from click.testing import CliRunner

from annotations.importers import import_paths

STORY = (
    "The harbour council voted on Monday to spend 4.2 million pounds on a new sea wall along the "
    "eastern quay, after two winters of flooding damaged more than 120 homes in the old town. "
    "Councillor Ahmed Shah said the wall would be built in three stages and finished by the end "
    "of 2026. Residents had asked for the work since the storm of January 2023, when water "
    "reached the market square for the first time in forty years. The council's engineers expect "
    "the wall to cut the risk of flooding by about 80 percent. The plan still needs approval from "
    "the regional environment agency, which will publish its decision in the summer. Local shop "
    "owners welcomed the vote but asked that the quay stay open to visitors while the building "
    "work goes on. The council said access would be kept for pedestrians throughout.\n"
)
# The same wire story run again: a new headline, one sentence cut, one added, a word changed.
RERUN = (
    "Sea wall approved for eastern quay\n\n"
    + STORY.replace(" Local shop owners welcomed the vote but asked that the quay stay open to "
                    "visitors while the building work goes on.", "")
    .replace("about 80 percent", "roughly 80 percent")
    + "A public meeting on the plans will be held at the town hall next week.\n"
)  # fmt: skip
OTHER = (
    "The city's football club signed a new goalkeeper on Friday for an undisclosed fee, ending a "
    "search that lasted the whole summer. The manager said the player would start on Saturday "
    "against the league leaders, who have not lost at home since March. Supporters queued from "
    "early morning for tickets, and the club expects a crowd of more than 30,000.\n"
)


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_a_rerun_story_is_imported_and_flagged_with_the_one_it_repeats(store, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    write(first, "story.txt", STORY)
    assert import_paths(store, [first]).imported == 1
    write(second, "rerun.txt", RERUN)
    write(second, "other.txt", OTHER)
    report = import_paths(store, [second])
    assert report.imported == 2 and report.near_duplicates == 1
    assert store.article("rerun").meta["near_duplicate_of"] == "story"
    assert "near_duplicate_of" not in store.article("other").meta
    warning = [str(p) for p in report.problems]
    assert len(warning) == 1 and not report.problems[0].skipped
    assert warning[0].startswith(f"{second / 'rerun.txt'}:1: article 'rerun' mostly repeats "
                                 "article 'story' (similarity ")  # fmt: skip
    assert "1 flagged as near-duplicates" in report.summary()


def test_repeats_within_one_import_are_flagged_and_the_list_filters_them(tmp_path):
    from annotations.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a_story.txt", STORY)
    write(folder, "b_rerun.txt", RERUN)
    write(folder, "c_other.txt", OTHER)
    db = str(tmp_path / "p.factmark")
    result = CliRunner().invoke(cli, ["--db", db, "import", "--no-highlight", str(folder)])
    assert result.exit_code == 0, result.output
    assert (
        "warning: " in result.output
        and "'b_rerun' mostly repeats article 'a_story'" in result.output
    )
    listed = CliRunner().invoke(cli, ["--db", db, "list", "--near-duplicates"])
    assert [ln.split("\t")[0] for ln in listed.output.splitlines() if "\t" in ln] == ["b_rerun"]
    everything = CliRunner().invoke(cli, ["--db", db, "list"])
    assert len([ln for ln in everything.output.splitlines() if "\t" in ln]) == 3


def test_a_large_project_is_checked_only_when_asked_and_says_so(store, tmp_path, monkeypatch):
    import annotations.importers as importers

    monkeypatch.setattr(importers, "NEAR_DUPLICATE_LIMIT", 1)  # as a project of 20,001 articles
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder in (first, second, third):
        folder.mkdir()
    write(first, "story.txt", STORY)
    write(first, "other.txt", OTHER)
    import_paths(store, [first])
    write(second, "rerun.txt", RERUN)
    report = import_paths(store, [second])
    assert report.imported == 1 and report.near_duplicates == 0
    assert [p.reason for p in report.problems] == [
        "near-duplicates not checked: the project holds over 1 articles (the check reads each "
        "once); pass --near-duplicates to check anyway"
    ]
    assert not report.problems[0].skipped  # a warning: the exit code stays 0
    write(third, "rerun2.txt", RERUN.replace("next week", "on Tuesday"))
    report = import_paths(store, [third], near_duplicates=True)
    assert report.near_duplicates == 1
    assert store.article("rerun2").meta["near_duplicate_of"] in ("story", "rerun")
