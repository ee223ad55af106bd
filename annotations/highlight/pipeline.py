"""Assemble the highlighting pipeline and turn its docs into core ``Span`` values.

spaCy is imported inside ``load_highlighter`` only: the desktop app imports the core at start-up
and must not pay for spaCy until something is highlighted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from annotations.model import ENTITY_LABELS, FIGURE, Figure, Span, SpanStatus

RULES = "rules"
# Components of a pretrained pipeline that highlighting never reads; skipped for speed.
_UNUSED_PIPES = frozenset(
    {
        "parser",
        "tagger",
        "morphologizer",
        "lemmatizer",
        "trainable_lemmatizer",
        "senter",
        "attribute_ruler",
        "textcat",
        "textcat_multilabel",
    }
)
_ENTITY_LABELS = frozenset(ENTITY_LABELS)


def _add_entity_rules(nlp: Any) -> None:
    try:
        from annotations.highlight.entities import add_entity_rules
    except ImportError:  # the entity rules are developed alongside; figures work without them
        return
    add_entity_rules(nlp)


# Where entities come from in a blank pipeline. A statistical model brings its own ``ner``.
ENTITY_SOURCES: dict[str, Callable[[Any], None]] = {RULES: _add_entity_rules}


def is_rules(model: str | Path | None) -> bool:
    """True when ``model`` names the rule pipeline rather than a spaCy package or directory."""
    return model is None or str(model) == RULES


def model_name(model: str | Path) -> str:
    """A package name as given; a model directory by its folder name."""
    path = Path(model)
    return path.name if path.exists() or len(path.parts) > 1 else str(model)


class Highlighter:
    """A loaded pipeline that turns texts into suggested spans (entities and figures)."""

    def __init__(self, nlp: Any, origin: str) -> None:
        self.nlp = nlp
        self.origin = origin

    def pipe(
        self, texts: Iterable[str], batch_size: int = 64, n_process: int = 1
    ) -> Iterator[list[Span]]:
        """One list of spans per text, in input order."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            yield self.spans(doc)

    def highlight(self, text: str) -> list[Span]:
        return next(self.pipe([text]))

    def spans(self, doc: Any) -> list[Span]:
        """The spans of a processed doc, sorted by (start, end)."""
        origin = self.origin
        out = [
            Span(e.start_char, e.end_char, e.label_, e.text, origin, SpanStatus.SUGGESTED)
            for e in doc.ents
            if e.label_ in _ENTITY_LABELS
        ]
        figures = doc._.figures or ()
        if figures:
            text = doc.text
            out.extend(
                Span(
                    s,
                    e,
                    FIGURE,
                    text[s:e],
                    origin,
                    SpanStatus.SUGGESTED,
                    figure=Figure.from_dict(fig),
                )
                for s, e, fig in figures
            )
        out.sort(key=lambda sp: (sp.start, sp.end))
        return out


def load_highlighter(
    model: str | Path | None = None, *, entity_rules: bool | None = None
) -> Highlighter:
    """The rule pipeline (``None`` or ``"rules"``), or a spaCy package name or model directory.

    ``entity_rules`` adds the rule entity components; by default only to the rule pipeline,
    since a model's own ``ner`` is its entity source.
    """
    import spacy

    from annotations.highlight import component

    if is_rules(model):
        nlp = spacy.blank("en")
        origin = RULES
        if entity_rules is None:
            entity_rules = True
    else:
        nlp = spacy.load(model)
        origin = f"model:{model_name(model)}"
        unused = [name for name in nlp.pipe_names if name in _UNUSED_PIPES]
        if unused:
            nlp.select_pipes(disable=unused)
    if entity_rules:
        ENTITY_SOURCES[RULES](nlp)
    nlp.add_pipe(component.FIGURES, last=True)
    return Highlighter(nlp, origin)
