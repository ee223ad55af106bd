"""Assemble the highlighting pipeline and turn its docs into core ``Span`` values.

spaCy is imported inside ``load_highlighter`` only: the desktop app imports the core at start-up
and must not pay for spaCy until something is highlighted.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotations.model import ENTITY_LABELS, FIGURE, Figure, Span, SpanStatus
from annotations.paths import RESOURCES

RULES = "rules"
# The NER model shipped in resources/models (see its NOTICE): the default entity source.
BUNDLED = "factmark_news"
BUNDLED_PATH = RESOURCES / "models" / BUNDLED
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


def is_rules(model: str | Path | None) -> bool:
    """True when ``model`` names the rule pipeline rather than a spaCy package or directory."""
    return model is not None and str(model) == RULES


def is_bundled(model: str | Path | None) -> bool:
    """True for the default: no model named, the bundled model's name, or its directory."""
    if model is None or str(model) == BUNDLED:
        return True
    path = Path(model)
    return path.exists() and path.resolve() == BUNDLED_PATH.resolve()


def model_name(model: str | Path) -> str:
    """A package name as given; a model directory by its folder name."""
    path = Path(model)
    return path.name if path.exists() or len(path.parts) > 1 else str(model)


class Highlighter:
    """A loaded pipeline that turns texts into suggested spans (entities and figures)."""

    def __init__(self, nlp: Any, origin: str) -> None:
        from annotations.highlight.doc_arrays import TEXT_KEY

        self.nlp = nlp
        self.origin = origin
        self._text_key = TEXT_KEY

    def pipe(
        self, texts: Iterable[str], batch_size: int = 64, n_process: int = 1
    ) -> Iterator[list[Span]]:
        """One list of spans per text, in input order. A text longer than ``nlp.max_length``
        is highlighted in pieces (``long_texts``) whose spans are put back at their offsets."""
        from annotations.highlight.long_texts import pieces

        limit = self.nlp.max_length
        # (text number, offset, piece) for every piece of every text, in order.
        parts = (
            (n, offset, piece)
            for n, text in enumerate(texts)
            for offset, piece in pieces(text, limit)
        )
        # The texts ride alongside the docs: a doc rebuilds its text one token object at a time.
        parts, originals = itertools.tee(parts)
        inputs: Iterator[Any] = (piece for _, _, piece in parts)
        if n_process == 1:
            # Tokenise here so each doc can carry its text to the components (doc_arrays).
            inputs = map(self._make_doc, inputs)
        docs = self.nlp.pipe(inputs, batch_size=batch_size, n_process=n_process)
        current, spans, seen = 0, [], False
        for (n, offset, piece), doc in zip(originals, docs, strict=True):
            if n != current:
                yield spans
                current, spans = n, []
            seen = True
            found = self.spans(doc, piece)
            if offset:
                for s in found:
                    s.start += offset
                    s.end += offset
            spans.extend(found)
        if seen:
            yield spans

    def _make_doc(self, text: str) -> Any:
        doc = self.nlp.make_doc(text)
        doc.user_data[self._text_key] = text
        return doc

    def highlight(self, text: str) -> list[Span]:
        return next(self.pipe([text]))

    def spans(self, doc: Any, text: str | None = None) -> list[Span]:
        """The spans of a processed doc (whose text is ``text``), sorted by (start, end)."""
        from annotations.highlight.component import durations_of
        from annotations.highlight.doc_arrays import (
            ENTS_KEY,
            FIGURES_KEY,
            doc_text,
            entity_offsets,
        )

        if text is None:
            text = doc_text(doc)
        origin = self.origin
        suggested = SpanStatus.SUGGESTED
        ents = entity_offsets(doc)
        doc.user_data.pop(ENTS_KEY, None)
        values = durations_of(doc)  # a duration's value rides on its DATE or TIME span
        out = [
            Span(s, e, label, text[s:e], origin, suggested, figure=values.get((s, e)))
            for s, e, label in ents
            if label in _ENTITY_LABELS
        ]
        figures = doc._.figures
        kept = doc.user_data.pop(FIGURES_KEY, None)
        if figures and kept is not None and kept[0] is figures:
            out.extend(
                Span(s, e, FIGURE, text[s:e], origin, suggested, figure=fig)
                for s, e, fig in kept[1]
            )
        elif figures:
            out.extend(
                Span(s, e, FIGURE, text[s:e], origin, suggested, figure=Figure(**fig))
                for s, e, fig in figures
            )
        out.sort(key=lambda sp: (sp.start, sp.end))
        return out


def load_highlighter(
    model: str | Path | None = None, *, entity_rules: bool | None = None
) -> Highlighter:
    """The bundled model (``None`` or ``"factmark_news"``), the rule pipeline (``"rules"``), or
    a spaCy package name or model directory.

    The bundled model runs behind the entity rules: what the rules are sure of (dates, names
    the gazetteers, titles and cues vouch for) stands, its ``ner`` decides the words they only
    guess at, and their guess stands where it finds nothing (see ``ner_windows``). ``entity_rules=True``
    puts another model behind the rules the same way (by default a model you name runs alone
    on the whole text); ``False`` leaves the rules out (the model's entities and figures).
    """
    import spacy

    from annotations.highlight import component
    from annotations.highlight.entities import add_entity_rules
    from annotations.highlight.ner_windows import use_ner_windows

    if is_rules(model):
        nlp = spacy.blank("en")
        origin = RULES
        if entity_rules is None:
            entity_rules = True
        if entity_rules:
            add_entity_rules(nlp)
    else:
        bundled = is_bundled(model)
        if bundled:
            model = BUNDLED_PATH
        nlp = spacy.load(model)
        origin = f"model:{model_name(model)}"
        unused = [name for name in nlp.pipe_names if name in _UNUSED_PIPES]
        if unused:
            nlp.select_pipes(disable=unused)
        if entity_rules is None:
            entity_rules = bundled
        if entity_rules:
            has_ner = "ner" in nlp.pipe_names
            add_entity_rules(nlp, before="ner" if has_ner else None, defer=has_ner)
            if has_ner:
                # Behind the rules the model is asked only about the words they are unsure of.
                use_ner_windows(nlp)
    nlp.add_pipe(component.FIGURES, last=True, config={"span_group": None})
    return Highlighter(nlp, origin)
