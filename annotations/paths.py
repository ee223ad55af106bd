"""Where factmark's data lives: the bundled resources (patterns, gazetteers, styles, the model),
installed inside the package as ``annotations.resources``, and the open evaluation data, which is
never shipped and is named by ``$FACTMARK_DATA``."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

# The repository keeps them in the top-level resources/ folder; pyproject.toml installs that folder
# as the package annotations.resources, so a wheel and an editable checkout find them alike.
# A real folder, not a zip: spaCy loads the model from a directory path.
RESOURCES = Path(str(files("annotations.resources")))

DATA_ENV = "FACTMARK_DATA"


def dev_data(*parts: str) -> Path:
    """A path in the open data the quality scripts and `make model` read (`make` points
    $FACTMARK_DATA at ../shared/data beside the checkout). Unset, the path names the variable,
    so a script's "not found" message says what to set."""
    root = os.environ.get(DATA_ENV)
    return Path(root if root else f"${DATA_ENV}", *parts)
