"""Pre-highlighting: figures and named entities as suggested spans.

``load_highlighter(model=None)`` builds the pipeline; importing this package does not import spaCy.
"""

from annotations.highlight.pipeline import Highlighter, is_rules, load_highlighter

__all__ = ["Highlighter", "is_rules", "load_highlighter"]
