"""The figure component as a spaCy pipe: ``nlp.add_pipe("factmark_figures")``.

Importing this module imports spaCy and registers the factory; only ``load_highlighter`` does so.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from annotations.highlight.doc_arrays import (
    DURATIONS_KEY,
    FIGURES_KEY,
    TEXT_KEY,
    doc_text,
    entity_offsets,
)
from annotations.highlight.figures import FigureFinder, default_finder
from annotations.model import FIGURE, Figure, FigureKind

FIGURES = "factmark_figures"
# A pretrained model's numeric labels: the figure component replaces them with FIGURE spans.
NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DATE_LABELS = frozenset({"DATE", "TIME"})

# [[start_char, end_char, figure_dict], ...]: plain data, so docs survive multiprocess pipes.
if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)
# The same for the durations, ages and clock spans the finder read (DATE and TIME entities):
# [[start_char, end_char, figure_dict], ...], their values.
if not Doc.has_extension("durations"):
    Doc.set_extension("durations", default=None)


class FigureComponent:
    """Finds figures in ``doc.text``; sets ``doc._.figures`` and ``doc.spans[span_group]``.

    ``span_group=None`` skips the span group: the highlighter reads ``doc._.figures`` only, and
    making a spaCy ``Span`` per figure costs a tenth of the component's time.

    Durations, ages and clock spans the finder reads ("two years", "7-year-old", "half an
    hour") become DATE or TIME entities where no entity is (a date entity that holds one takes
    its label: "the past 24 hours" is TIME), with their values in ``doc._.durations``.
    """

    def __init__(
        self, finder: FigureFinder | None = None, span_group: str | None = "figures"
    ) -> None:
        self.finder = finder or default_finder()
        self.span_group = span_group

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found, durations = [], []
        for f in self.finder.find_all(text):
            (found if f.label == FIGURE else durations).append((f.start, f.end, f.figure, f.label))
        ents = entity_offsets(doc)
        if ents:
            found = self._apply_entities(doc, text, found, ents)
        if durations or ents:
            durations = self._set_durations(doc, found, durations, ents)
        figures = doc._.figures = [[s, e, _plain(fig)] for s, e, fig, _ in found]
        if durations:
            doc._.durations = [[s, e, _plain(fig)] for s, e, fig in durations]
        if TEXT_KEY in doc.user_data:  # the highlighter's own doc, never serialised
            doc.user_data[FIGURES_KEY] = (figures, [(s, e, fig) for s, e, fig, _ in found])
            if durations:
                doc.user_data[DURATIONS_KEY] = (doc._.durations, durations)
        if self.span_group is not None:
            spans = []
            for s, e, _, _ in found:
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
                f
                for f in found
                if f[2].kind is not FigureKind.COUNT
                or f[2].counted is not None
                or not any(ds <= f[0] and f[1] <= de for ds, de in dates)
            ]
        numeric = [(s, e) for s, e, label in ents if label in NUMERIC_LABELS]
        if not numeric:
            return found
        for s0, e0 in numeric:
            if any(s < e0 and s0 < e for s, e, _, _ in found):
                continue  # our own reading of the same stretch wins
            for f in self.finder.find(text[s0:e0]):
                found.append((s0 + f.start, s0 + f.end, f.figure, FIGURE))
        doc.ents = [e for e in doc.ents if e.label_ not in NUMERIC_LABELS]
        found.sort(key=lambda t: (t[0], t[1]))
        return found

    def _set_durations(self, doc: Doc, found: list, durations: list, ents: list) -> list:
        """Durations as DATE/TIME entities; dates and times inside a figure dropped ("1.25" in
        "1.25 percent" is no clock time). Returns (start, end, figure) per entity with a value."""
        ents = [t for t in ents if t[2] not in NUMERIC_LABELS]
        dates = [t for t in ents if t[2] in _DATE_LABELS]
        drop = [(ds, de) for ds, de, _ in dates if any(s <= ds and de <= e for s, e, _, _ in found)]
        add, kept = [], []
        for s, e, fig, label in durations:
            around = [t for t in ents if t[0] < e and s < t[1]]
            if not around:
                span = doc.char_span(s, e, label=label, alignment_mode="expand")
                if span is not None and not any(
                    span.start_char < t[1] and t[0] < span.end_char for t in ents
                ):
                    add.append(span)
                    kept.append((span.start_char, span.end_char, fig))
                continue
            if len(around) == 1 and around[0][2] in _DATE_LABELS:
                ds, de, dl = around[0]
                if ds <= s and e <= de:  # "the past 24 hours", "six months ago"
                    if dl != label:
                        span = doc.char_span(ds, de, label=label)
                        if span is not None:
                            add.append(span)
                    kept.append((ds, de, fig))
        if drop:
            outside = [doc.char_span(s, e, alignment_mode="expand") for s, e in drop]
            doc.set_ents([], outside=[sp for sp in outside if sp is not None], default="unmodified")
        if add:
            doc.set_ents(add, default="unmodified")
        kept.sort(key=lambda t: (t[0], t[1]))
        return kept


def durations_of(doc: Doc) -> dict[tuple[int, int], Figure]:
    """The values of a doc's durations, ages and clock spans, by their (start, end)."""
    plain = doc._.durations
    if not plain:
        return {}
    kept = doc.user_data.pop(DURATIONS_KEY, None)
    if kept is not None and kept[0] is plain:
        return {(s, e): fig for s, e, fig in kept[1]}
    return {(s, e): Figure(**fig) for s, e, fig in plain}


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
