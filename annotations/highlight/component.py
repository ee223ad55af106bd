"""The figure component as a spaCy pipe: ``nlp.add_pipe("factmark_figures")``.

Importing this module imports spaCy and registers the factory; only ``load_highlighter`` does so.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from annotations.highlight.doc_arrays import FIGURES_KEY, TEXT_KEY, doc_text, entity_offsets
from annotations.highlight.figures import FigureFinder, default_finder
from annotations.model import FIGURE, Figure, FigureKind

FIGURES = "factmark_figures"
# A pretrained model's numeric labels: the figure component replaces them with FIGURE spans.
NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DATE_LABELS = frozenset({"DATE", "TIME"})

# [[start_char, end_char, figure_dict], ...]: plain data, so docs survive multiprocess pipes.
if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)


class FigureComponent:
    """Finds figures in ``doc.text``; sets ``doc._.figures`` and ``doc.spans[span_group]``.

    ``span_group=None`` skips the span group: the highlighter reads ``doc._.figures`` only, and
    making a spaCy ``Span`` per figure costs a tenth of the component's time.
    """

    def __init__(
        self, finder: FigureFinder | None = None, span_group: str | None = "figures"
    ) -> None:
        self.finder = finder or default_finder()
        self.span_group = span_group

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = [(f.start, f.end, f.figure) for f in self.finder.find(text)]
        ents = entity_offsets(doc)
        if ents:
            found = self._apply_entities(doc, text, found, ents)
        figures = doc._.figures = [[s, e, _plain(fig)] for s, e, fig in found]
        if TEXT_KEY in doc.user_data:  # the highlighter's own doc, never serialised
            doc.user_data[FIGURES_KEY] = (figures, found)
        if self.span_group is not None:
            spans = []
            for s, e, _ in found:
                span = doc.char_span(s, e, label=FIGURE, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            doc.spans[self.span_group] = spans
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


def _plain(fig: Figure) -> dict:
    """``fig.to_dict(verdict=False)``, field by field (this runs once per figure found)."""
    return {
        "value": fig.value,
        "low": fig.low,
        "high": fig.high,
        "qualifier": fig.qualifier.value,
        "unit": fig.unit,
        "counted": fig.counted,
        "kind": fig.kind.value,
    }


@Language.factory(FIGURES, default_config={"span_group": "figures"})
def make_figure_component(nlp: Language, name: str, span_group: str | None) -> FigureComponent:
    return FigureComponent(span_group=span_group)
