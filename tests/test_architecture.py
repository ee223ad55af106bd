"""The core never depends on the window: `annotations/` imports neither Qt nor `desktop`,
and `desktop/` holds no SQL and imports neither spaCy nor SQLite libraries."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(folder: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
                if node.args and isinstance(node.args[0], ast.Constant):
                    names.add(str(node.args[0].value).split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_core_never_imports_qt_or_desktop():
    for path, names in imported_modules("annotations").items():
        assert not names & {"PySide6", "shiboken6", "desktop", "PyQt5", "PyQt6"}, path


def test_importing_the_core_loads_no_qt():
    # nor spaCy, datasketch (scipy), trafilatura (lxml) or cassis: the window imports these (and
    # the highlighter's entry points) at start-up, which must stay fast and small
    heavy = (
        "('PySide6', 'desktop', 'spacy', 'scipy', 'datasketch', 'lxml', 'trafilatura', 'cassis')"
    )
    code = (
        "import sys, annotations.store, annotations.importers, annotations.cli, annotations.text, "
        "annotations.highlight as h; assert h.load_highlighter and h.Highlighter; "
        f"print(sorted(m for m in sys.modules if m.startswith({heavy})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_desktop_has_no_sql_and_no_spacy():
    sql = re.compile(
        r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.I
    )
    for path, names in imported_modules("desktop").items():
        assert not names & {"spacy", "sqlite3", "sqlite_utils", "thinc"}, path
        assert not sql.search((ROOT / path).read_text(encoding="utf-8")), path
