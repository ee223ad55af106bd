"""Datasette metadata for a project file: a description of every table and column, the
internal tables hidden, and the articles' full-text index named, for `datasette project.db
-m metadata.json`. The words are data (resources/datasette/descriptions.json); the tables and
columns are read from the file itself, so a column without a description is seen, not skipped.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from annotations import model
from annotations.paths import RESOURCES

DESCRIPTIONS = RESOURCES / "datasette" / "descriptions.json"


def _choices() -> dict[str, str]:
    def either(values) -> str:
        values = list(values)
        return ", ".join(values[:-1]) + " or " + values[-1]

    enums = (model.ArticleStatus, model.SpanStatus, model.Qualifier, model.FigureKind,
             model.Verdict, model.Stance)  # fmt: skip
    return {e.__name__: either(v.value for v in e) for e in enums} | {
        "LABELS": either(model.LABELS)
    }


def load_descriptions() -> dict:
    return json.loads(DESCRIPTIONS.read_text(encoding="utf-8"))


def project_tables(db: str | Path) -> dict[str, list[str]]:
    """Every table of the project file (virtual and shadow tables too) and its columns."""
    conn = sqlite3.connect(f"file:{Path(db)}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        return {n: [r[1] for r in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}
    finally:
        conn.close()


def metadata(db: str | Path) -> dict:
    """Datasette's metadata.json for the project at `db` (its database name is the file stem)."""
    words = load_descriptions()
    choices = _choices()
    tables: dict[str, dict] = {}
    for name, columns in project_tables(db).items():
        if name in words["tables"]:
            described = words["tables"][name]
            cols = described["columns"]
            tables[name] = {
                "description": described["description"],
                "columns": {c: cols[c].format(**choices) for c in columns if c in cols},
            }
        elif name in words["hidden"]:
            tables[name] = {"description": words["hidden"][name], "hidden": True}
    if "articles" in tables and "articles_fts" in tables:
        tables["articles"] |= {"fts_table": "articles_fts", "fts_pk": "rowid"}
    return {
        "title": words["title"],
        "description": words["description"],
        "databases": {Path(db).stem: {"tables": tables}},
    }


def undescribed(db: str | Path) -> list[str]:
    """Tables and columns of the file that the metadata says nothing of (should be none)."""
    tables = metadata(db)["databases"][Path(db).stem]["tables"]
    missing = []
    for name, columns in project_tables(db).items():
        if name not in tables:
            missing.append(name)
        elif not tables[name].get("hidden"):
            missing += [f"{name}.{c}" for c in columns if c not in tables[name]["columns"]]
    return missing
