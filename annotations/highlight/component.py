"""The figure component as a spaCy pipe: ``nlp.add_pipe("factmark_figures")``.

Importing this module imports spaCy and registers the factory; only ``load_highlighter`` does so.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from annotations.highlight.doc_arrays import doc_text, entity_offsets
from annotations.highlight.figures import FigureFinder, default_finder
from annotations.model import FIGURE, FigureKind

FIGURES = "factmark_figures"
# A pretrained model's numeric labels: the figure component replaces them with FIGURE spans.
NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DATE_LABELS = frozenset({"DATE", "TIME"})

# [[start_char, end_char, figure_dict], ...]: plain data, so docs survive multiprocess pipes.
if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)


class FigureComponent:
    """Finds figures in ``doc.text``; sets ``doc._.figures`` and ``doc.spans["figures"]``."""

    def __init__(self, finder: FigureFinder | None = None) -> None:
        self.finder = finder or default_finder()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = [(f.start, f.end, f.figure) for f in self.finder.find(text)]
        ents = entity_offsets(doc)
        if ents:
            found = self._apply_entities(doc, text, found, ents)
        doc._.figures = [[s, e, fig.to_dict(verdict=False)] for s, e, fig in found]
        spans = []
        for s, e, _ in found:
            span = doc.char_span(s, e, label=FIGURE, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["figures"] = spans
        return doc

    def _apply_entities(self, doc: Doc, text: str, found: list, ents: list) -> list:
        """Drop bare numbers inside dates; turn a model's numeric entities into figures."""
        dates = [(s, e) for s, e, label in ents if label in _DATE_LABELS]
        if dates:
            found = [
                (s, e, fig)
                for s, e, fig in found
                if fig.kind is not FigureKind.COUNT
                or fig.counted is not None
                or not any(ds <= s and e <= de for ds, de in dates)
            ]
        numeric = [(s, e) for s, e, label in ents if label in NUMERIC_LABELS]
        if not numeric:
            return found
        for s0, e0 in numeric:
            if any(s < e0 and s0 < e for s, e, _ in found):
                continue  # our own reading of the same stretch wins
            for f in self.finder.find(text[s0:e0]):
                found.append((s0 + f.start, s0 + f.end, f.figure))
        doc.ents = [e for e in doc.ents if e.label_ not in NUMERIC_LABELS]
        found.sort(key=lambda t: (t[0], t[1]))
        return found


@Language.factory(FIGURES)
def make_figure_component(nlp: Language, name: str) -> FigureComponent:
    return FigureComponent()
