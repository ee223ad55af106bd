"""Entity quality on CoNLL-2003 dev: overlap-match precision, recall and F1 per label.

``python -m annotations.quality.entities [--model M]`` prints the table. ``evaluate`` takes any
spaCy pipeline or any callable ``texts -> [[(start, end, label), ...], ...]``, so a statistical
model is measured exactly as the rules are.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotations.paths import dev_data

CONNL_DEV = dev_data("conll2003_dev.txt")
# Our label -> the CoNLL label it is scored against; MISC and our other labels are not scored.
LABEL_MAP = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
SCORED = ("PER", "ORG", "LOC")
_NO_SPACE_BEFORE = frozenset(", . ; : ! ? ) ] } % 's 'S n't N'T '".split())
_NO_SPACE_AFTER = frozenset("( [ { $ £ `".split())

Entity = tuple[int, int, str]
Predictor = Callable[[Sequence[str]], Iterable[Sequence[Entity]]]


@dataclass
class GoldDoc:
    text: str
    entities: list[Entity]


@dataclass
class Score:
    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    per_label: dict[str, Score] = field(default_factory=dict)
    overall: Score = field(default_factory=Score)

    def table(self) -> str:
        rows = [f"{'label':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}"]
        for name, s in [*self.per_label.items(), ("overall", self.overall)]:
            rows.append(
                f"{name:<8}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.n_gold:>8}{s.n_pred:>8}"
            )
        return "\n".join(rows)


def read_conll(path: Path = CONNL_DEV) -> list[GoldDoc]:
    """Documents of a CoNLL-2003 file, detokenised, with character-offset gold entities."""
    docs: list[GoldDoc] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush_sentence() -> None:
        if current:
            sentences.append(list(current))
            current.clear()

    def flush_doc() -> None:
        flush_sentence()
        if sentences:
            docs.append(_detokenise(sentences))
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            flush_sentence()
        elif parts[0] == "-DOCSTART-":
            flush_doc()
        else:
            current.append((parts[0], parts[-1]))
    flush_doc()
    return docs


def _detokenise(sentences: list[list[tuple[str, str]]]) -> GoldDoc:
    text: list[str] = []
    pos = 0
    entities: list[Entity] = []
    for s_index, sentence in enumerate(sentences):
        if s_index:
            text.append("\n")
            pos += 1
        open_ent: list | None = None
        prev = None
        for t_index, (token, tag) in enumerate(sentence):
            if t_index and token not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
                text.append(" ")
                pos += 1
            start, end = pos, pos + len(token)
            text.append(token)
            pos = end
            prev = token
            kind = tag[2:] if tag != "O" else None
            # IOB1: B- only separates two adjacent entities of the same type.
            if open_ent and (kind != open_ent[2] or tag.startswith("B-")):
                entities.append(tuple(open_ent))
                open_ent = None
            if kind:
                if open_ent:
                    open_ent[1] = end
                else:
                    open_ent = [start, end, kind]
        if open_ent:
            entities.append(tuple(open_ent))
    return GoldDoc("".join(text), entities)


def predictor_from_nlp(nlp, batch_size: int = 64) -> Predictor:
    def predict(texts: Sequence[str]) -> Iterable[list[Entity]]:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    return predict


def evaluate(predict, docs: Sequence[GoldDoc]) -> Report:
    """Overlap match: a span counts when it overlaps one of the other side with the same label."""
    if hasattr(predict, "pipe"):
        predict = predictor_from_nlp(predict)
    report = Report(per_label={label: Score() for label in SCORED})
    for gold_doc, predicted in zip(docs, predict([d.text for d in docs]), strict=True):
        pred = [(s, e, LABEL_MAP[lab]) for s, e, lab in predicted if lab in LABEL_MAP]
        gold = [(s, e, lab) for s, e, lab in gold_doc.entities if lab in SCORED]
        for spans, others, hit, total in ((pred, gold, "tp_pred", "n_pred"),
                                          (gold, pred, "tp_gold", "n_gold")):  # fmt: skip
            for s, e, lab in spans:
                score = report.per_label[lab]
                matched = any(lab == ol and s < oe and os < e for os, oe, ol in others)
                for sc in (score, report.overall):
                    setattr(sc, total, getattr(sc, total) + 1)
                    setattr(sc, hit, getattr(sc, hit) + matched)
    return report


def rules_pipeline():
    import spacy

    from annotations.highlight.entities import add_entity_rules

    return add_entity_rules(spacy.blank("en"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="spaCy pipeline name or path (default: the rules)")
    parser.add_argument("--data", type=Path, default=CONNL_DEV)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(
            f"skipped: {args.data} is absent (set FACTMARK_DATA to the open data folder, or --data)"
        )
        return 0
    if args.model:
        import spacy

        nlp = spacy.load(args.model)
    else:
        nlp = rules_pipeline()
    report = evaluate(nlp, read_conll(args.data))
    print(f"CoNLL-2003 dev, overlap match, {args.model or 'rules'}")
    print(report.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
