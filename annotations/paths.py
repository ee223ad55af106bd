"""Where factmark's bundled data lives (patterns, gazetteers, styles, models)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
SHARED_DATA = ROOT.parent / "shared" / "data"
