"""Train a spaCy NER pipeline on the CPU from annotated Docs, with progress and cancellation.

The config is built with spaCy's own config system and the model is trained with the pieces of
spaCy's training loop (`spacy.training.loop`), so what `factmark train` and the bundled-model
recipe write is an ordinary spaCy pipeline directory that `spacy.load(path)` reads.
No Qt here: the window runs `train_ner` in a worker and passes `on_progress` / `should_stop`.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training.initialize import init_nlp
from spacy.training.loop import (
    create_before_to_disk_callback,
    create_evaluation_callback,
    create_train_batches,
    train_while_improving,
    update_meta,
)
from spacy.util import load_model_from_config, registry, resolve_dot_names
from thinc.api import Config, fix_random_seed

BLANK = "blank"
NER_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "EVENT")

DocSource = Iterable[Doc] | str | Path


class TrainingCancelled(Exception):
    """Raised when `should_stop` asked training to stop before the first checkpoint."""


@dataclass(frozen=True)
class ModelSettings:
    """Size of the CNN tok2vec and of the NER layer; the defaults trade accuracy for speed."""

    width: int = 64
    depth: int = 2
    window_size: int = 1
    embed_rows: int = 5000
    hidden_width: int = 64
    maxout_pieces: int = 2
    dropout: float = 0.1
    learn_rate: float = 0.001
    eval_frequency: int = 500
    patience: int = 0
    batch_words: int = 1000


@dataclass(frozen=True)
class LabelScore:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Progress:
    """One training step: what a progress bar or log line needs."""

    epoch: int
    step: int
    words: int
    loss: float
    dev_f1: float | None  # set on evaluation steps only
    fraction: float  # 0..1 of the planned epochs


@dataclass
class TrainResult:
    output_dir: Path
    labels: list[str]
    per_label: dict[str, LabelScore]
    overall: LabelScore
    epochs: int
    steps: int
    seconds: float
    cancelled: bool = False
    history: list[Progress] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"{'label':<8} {'P':>6} {'R':>6} {'F':>6}"]
        for label, s in sorted(self.per_label.items()):
            lines.append(f"{label:<8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
        o = self.overall
        lines.append(f"{'overall':<8} {o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f}")
        return "\n".join(lines)


def build_config(
    train_path: str | Path | None = None,
    dev_path: str | Path | None = None,
    *,
    base: str = BLANK,
    epochs: int = 10,
    seed: int = 0,
    settings: ModelSettings = ModelSettings(),
    incorrect_spans_key: str | None = None,
) -> Config:
    """A complete spaCy training config: CNN tok2vec (no static vectors) + ner, seeded, CPU.

    With `base` a pipeline name or path, its components are sourced and only `ner` (added if
    the base has none) and the tok2vec it listens to are trained. `incorrect_spans_key` names
    the `doc.spans` group of known-wrong entities that ner learns to avoid.
    """
    s = settings
    rows = [s.embed_rows, s.embed_rows // 2, s.embed_rows // 2, s.embed_rows // 2]
    text = f"""
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null

[system]
seed = {seed}
gpu_allocator = null

[nlp]
lang = "en"
pipeline = ["tok2vec","ner"]
batch_size = 1000

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {s.width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = {rows}
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {s.width}
depth = {s.depth}
window_size = {s.window_size}
maxout_pieces = 3

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {s.hidden_width}
maxout_pieces = {s.maxout_pieces}
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {s.width}
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0

[training]
seed = ${{system.seed}}
dropout = {s.dropout}
accumulate_gradient = 1
patience = {s.patience}
max_epochs = {epochs}
max_steps = 0
eval_frequency = {s.eval_frequency}
frozen_components = []
annotating_components = []

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = {s.batch_words}
compound = 1.001

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = {s.learn_rate}

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[initialize]
vectors = null
"""
    config = Config().from_str(text, interpolate=False)
    if incorrect_spans_key is not None:
        config["components"]["ner"]["incorrect_spans_key"] = incorrect_spans_key
    if base != BLANK:
        config = _source_from_base(config, base)
    overrides = {
        "paths.train": str(train_path) if train_path else None,
        "paths.dev": str(dev_path) if dev_path else None,
    }
    filled = spacy.util.load_config_from_str(config.to_str(), overrides=overrides)
    nlp = load_model_from_config(filled, auto_fill=True, validate=True)
    # Return the auto-filled config so the file we write is complete for `spacy debug data`.
    return nlp.config


def _source_from_base(config: Config, base: str) -> Config:
    base_nlp = spacy.load(base)
    pipes = list(base_nlp.pipe_names)
    components: dict = {}
    for name in pipes:
        components[name] = {"source": str(base)}
    if "ner" not in pipes:
        pipes.append("ner")
        components["ner"] = dict(config["components"]["ner"])
        listened = "tok2vec" if "tok2vec" in pipes else None
        if listened is None:
            components["tok2vec"] = dict(config["components"]["tok2vec"])
            pipes.insert(0, "tok2vec")
    trained = {"ner", "tok2vec"}
    config["nlp"]["pipeline"] = pipes
    config["nlp"]["lang"] = base_nlp.lang
    config["components"] = components
    config["training"]["frozen_components"] = [p for p in pipes if p not in trained]
    config["training"]["annotating_components"] = []
    return config


def write_config(
    path: str | Path,
    train_path: str | Path | None = None,
    dev_path: str | Path | None = None,
    **kwargs,
) -> Path:
    """Write the generated config, e.g. for `python -m spacy debug data CONFIG`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_config(train_path, dev_path, **kwargs).to_disk(path)
    return path


def write_docbin(docs: Iterable[Doc], path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return path


def _as_path(source: DocSource, tmp: Path, name: str) -> Path:
    if isinstance(source, str | Path):
        return Path(source)
    return write_docbin(source, tmp / f"{name}.spacy")


def train_ner(
    train_docs: DocSource,
    dev_docs: DocSource,
    output_dir: str | Path,
    *,
    base: str = BLANK,
    epochs: int = 10,
    seed: int = 0,
    settings: ModelSettings = ModelSettings(),
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainResult:
    """Train NER on `train_docs`, keep the checkpoint best on `dev_docs`, write it to `output_dir`.

    `train_docs` / `dev_docs` are Docs with `doc.ents` set (tokens outside any entity count as
    "O" unless marked missing) or paths of `.spacy` DocBins. The returned scores are measured on
    `dev_docs` with the saved model. If `should_stop()` turns true, training ends at the next step
    and the best checkpoint so far is kept (`cancelled=True`).
    """
    started = time.perf_counter()
    output_dir = Path(output_dir)
    with tempfile.TemporaryDirectory(prefix="factmark-train-") as tmp_name:
        tmp = Path(tmp_name)
        train_path = _as_path(train_docs, tmp, "train")
        dev_path = _as_path(dev_docs, tmp, "dev")
        config = build_config(
            train_path, dev_path, base=base, epochs=epochs, seed=seed, settings=settings
        )
        # spaCy's own initialisation: labels come from the train corpus, sourced parts stay.
        nlp = init_nlp(config, use_gpu=-1)
        result = _run_loop(nlp, output_dir, epochs, on_progress, should_stop)
        scores = _evaluate(output_dir, dev_path)
    result.per_label, result.overall = scores
    result.seconds = time.perf_counter() - started
    return result


def _run_loop(nlp, output_dir: Path, epochs: int, on_progress, should_stop) -> TrainResult:
    config = nlp.config.interpolate()
    fix_random_seed(config["training"]["seed"])
    T = registry.resolve(config["training"], schema=spacy.schemas.ConfigSchemaTraining)
    train_corpus, dev_corpus = resolve_dot_names(config, [T["train_corpus"], T["dev_corpus"]])
    optimizer = T["optimizer"]
    before_to_disk = create_before_to_disk_callback(T["before_to_disk"])
    frozen = T["frozen_components"]
    steps = train_while_improving(
        nlp,
        optimizer,
        create_train_batches(nlp, train_corpus, T["batcher"], T["max_epochs"]),
        create_evaluation_callback(nlp, dev_corpus, T["score_weights"]),
        dropout=T["dropout"],
        accumulate_gradient=T["accumulate_gradient"],
        patience=T["patience"],
        max_steps=T["max_steps"],
        eval_frequency=T["eval_frequency"],
        exclude=frozen,
        annotating_components=T["annotating_components"],
        before_update=T["before_update"],
    )
    total_words = max(1, _count_words(nlp, train_corpus))
    labels = sorted(nlp.get_pipe("ner").labels)
    result = TrainResult(output_dir, labels, {}, LabelScore(0, 0, 0), 0, 0, 0.0)
    saved = False

    def save() -> None:
        nonlocal saved
        if output_dir.exists():
            shutil.rmtree(output_dir)
        with nlp.use_params(optimizer.averages):
            before_to_disk(nlp).to_disk(output_dir)
        saved = True

    for _batch, info, is_best in steps:
        epoch = info["epoch"]
        progress = Progress(
            epoch=epoch,
            step=info["step"],
            words=info["words"],
            loss=float(sum(info["losses"].values())),
            dev_f1=info["score"] if is_best is not None else None,
            fraction=min(1.0, info["words"] / (max(1, epochs) * total_words)),
        )
        result.history.append(progress)
        result.epochs, result.steps = epoch + 1, info["step"]
        if is_best is not None:
            with nlp.select_pipes(disable=frozen):
                update_meta(T, nlp, info)
            if is_best:
                save()
        if on_progress is not None:
            on_progress(progress)
        if should_stop is not None and should_stop():
            result.cancelled = True
            break
    if not saved:
        if result.cancelled and result.steps == 0:
            raise TrainingCancelled("training was cancelled before the first step")
        save()
    return result


def _count_words(nlp, corpus) -> int:
    return sum(len(eg.reference) for eg in corpus(nlp))


def _evaluate(model_dir: Path, dev_path: Path) -> tuple[dict[str, LabelScore], LabelScore]:
    nlp = spacy.load(model_dir)
    examples = list(spacy.training.Corpus(dev_path)(nlp))
    return score_examples(nlp, examples)


def score_examples(nlp, examples) -> tuple[dict[str, LabelScore], LabelScore]:
    """Exact-span precision/recall/F1 per entity label and overall (spaCy's NER scorer).

    Scored on ``doc.ents`` whichever components set them (a pipeline whose ``ner`` runs inside
    another component, as the highlighter's does, is scored all the same)."""
    from spacy.scorer import get_ner_prf

    examples = list(examples)
    docs = nlp.pipe(eg.predicted for eg in examples)
    for eg, doc in zip(examples, docs, strict=True):
        eg.predicted = doc
    scores = get_ner_prf(examples)
    per_type = scores.get("ents_per_type") or {}
    per_label = {label: LabelScore(s["p"], s["r"], s["f"]) for label, s in per_type.items()}
    overall = LabelScore(
        scores.get("ents_p") or 0.0, scores.get("ents_r") or 0.0, scores.get("ents_f") or 0.0
    )
    return per_label, overall
