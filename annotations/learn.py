"""Train a NER model from what reviewers verified, so pre-highlighting improves as a team reviews.

The verified spans go out through the spacy exporter (held-out articles in dev/) and into the
model engineer's `annotations.train.train_ner`: one way of turning reviews into Docs, one
training loop. The result is a spaCy pipeline folder for `factmark highlight --model DIR`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from annotations.exporters import ExportOptions, export
from annotations.model import ENTITY_LABELS
from annotations.store import Store
from annotations.train import (
    BLANK,
    ModelSettings,
    Progress,
    TrainingCancelled,
    TrainResult,
    train_ner,
)

__all__ = ["NotEnoughData", "TrainingCancelled", "train_from_store"]


class NotEnoughData(Exception):
    """The project has too few verified annotations to train and measure a model."""


def train_from_store(
    store: Store,
    output_dir: str | Path,
    base: str = BLANK,
    epochs: int = 10,
    eval_split: float = 0.2,
    seed: int = 0,
    *,
    labels: Sequence[str] | None = ENTITY_LABELS,
    settings: ModelSettings | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainResult:
    """Train on the verified spans of reviewed articles; score on `eval_split` of them held out.

    By default only entity labels are learnt: the highlighter takes entities from a model and
    figures from its rules. Pass `labels=None` to learn every label (FIGURE by its kind).
    Returns per-label precision, recall and F1 on the held-out articles.
    """
    if not 0 < eval_split < 1:
        raise NotEnoughData(f"--eval-split {eval_split}: give the held-out share, between 0 and 1")
    with tempfile.TemporaryDirectory(prefix="factmark-learn-") as tmp:
        data = Path(tmp) / "data"
        options = ExportOptions(labels=labels, split=1 - eval_split, seed=seed, spacy_config=False)
        report = export(store, "spacy", data, options, should_stop=should_stop)
        if report.cancelled:
            raise TrainingCancelled("training was cancelled before it started")
        if report.articles < 2:
            raise NotEnoughData(
                f"{report.articles} reviewed article(s); training needs at least 2, one of them "
                "held out to measure the model. Mark more articles reviewed."
            )
        if report.spans == 0:
            raise NotEnoughData("the reviewed articles have no verified entities to learn from")
        if settings is None:
            # The loop keeps the best evaluated checkpoint: evaluate a few times per epoch, or a
            # small project would only ever be scored (and saved) at step 0.
            n_train = round(report.articles * (1 - eval_split))
            settings = ModelSettings(eval_frequency=max(10, min(500, n_train // 4)))
        return train_ner(
            report.paths["train"], report.paths["dev"], output_dir, base=base, epochs=epochs, seed=seed,
            settings=settings, on_progress=on_progress, should_stop=should_stop,
        )  # fmt: skip
