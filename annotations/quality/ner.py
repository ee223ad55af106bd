"""Measure an NER model (by default the bundled one) alone and as highlighting uses it.

    python -m annotations.quality.ner [--model PATH] [--articles N]

"Highlighting" is `load_highlighter(model, entity_rules=True)`: the entity rules in front, the
model's ner on what they only guessed, their guesses where it found nothing, then the figure
finder (what `factmark highlight` runs with the bundled model).
Prints CoNLL-2003 dev overlap P/R/F1 for PERSON, ORG, places (GPE+LOC vs LOC) and overall (the
scorer of `annotations.quality.entities`), exact-span scores per label on GUM's test documents
(held out from training by `annotations.recipes.news_model`), and words/s of both and of the
bare `spacy.blank("en")` tokenizer on the BBC corpus, measured in the same run, as ratios.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy
from spacy.training import Example

from annotations.paths import RESOURCES, dev_data
from annotations.quality import entities as conll

DEFAULT_MODEL = RESOURCES / "models" / "factmark_news"
BBC = dev_data("bbc_news")


def read_bbc(limit: int | None = None) -> list[str]:
    """BBC articles as text; `sport/199.txt` holds a cp1252 byte, so fall back to cp1252."""
    texts = []
    for path in sorted(BBC.glob("*/*.txt"))[:limit]:
        raw = path.read_bytes()
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(raw.decode("cp1252"))
    return texts


def speed(nlp, highlighter, texts: list[str], rounds: int = 2) -> tuple[float, float, float]:
    """Words/s (spaCy tokens, CPU time) of the bare tokenizer, of `nlp` and of the highlighter
    on the same texts: interleaved rounds, the best of each, so warm caches and a busy machine
    hit all three alike."""
    blank = spacy.blank("en")
    words = sum(len(doc) for doc in blank.tokenizer.pipe(texts))

    def run_nlp(pipeline) -> None:
        for _ in pipeline.pipe(texts, batch_size=256):
            pass

    def run_highlighter() -> None:
        for _ in highlighter.pipe(texts, batch_size=256):
            pass

    runs = [lambda: run_nlp(blank), lambda: run_nlp(nlp), run_highlighter]
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for k, run in enumerate(runs):
            started = time.process_time()
            run()
            best[k] = min(best[k], time.process_time() - started)
    tokenizer, model, full = (words / t for t in best)
    return tokenizer, model, full


def gum_held_out(nlp):
    """Per-label exact-span scores on GUM's test documents (None when the data is absent)."""
    from annotations.recipes import news_model
    from annotations.train import score_examples

    if not news_model.GUM_DIR.exists() or not news_model.GMB_CSV.exists():
        return None
    demonyms = news_model.gmb_demonyms(list(news_model.read_gmb()))
    splits = news_model.gum_splits()
    vocab = nlp.vocab
    examples = []
    for path in sorted(news_model.GUM_DIR.glob("*.conllu")):
        if splits.get(path.stem) != "test":
            continue
        for sent in news_model.read_gum(path):
            gold = news_model.convert_gum(sent, demonyms).to_doc(vocab)
            examples.append(Example(nlp.make_doc(gold.text), gold))
    return score_examples(nlp, examples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--articles", type=int, help="BBC articles for the speed run (all)")
    args = parser.parse_args(argv)
    from annotations.highlight import load_highlighter

    nlp = spacy.load(args.model)
    highlighter = load_highlighter(args.model, entity_rules=True)
    print(f"model: {args.model}")
    print(f"highlighting: {' > '.join(highlighter.nlp.pipe_names)}")
    runs = (("model alone", nlp), ("highlighting", highlighter.nlp))

    if conll.CONNL_DEV.exists():
        docs = conll.read_conll()
        for name, pipeline in runs:
            report = conll.evaluate(pipeline, docs)
            print(f"\nCoNLL-2003 dev, overlap match (LOC = our GPE + LOC), {name}:")
            print(report.table())
    else:
        print(f"\nCoNLL-2003 dev skipped: {conll.CONNL_DEV} is absent")

    for name, pipeline in runs:
        gum = gum_held_out(pipeline)
        if gum is None:
            print(f"\nGUM held-out skipped: {dev_data('train')} is absent")
            break
        per_label, overall = gum
        print(f"\nGUM test documents (held out), exact spans, {name}:")
        print(f"{'label':<8}{'P':>8}{'R':>8}{'F1':>8}")
        for label, sc in sorted(per_label.items()):
            print(f"{label:<8}{sc.precision:>8.3f}{sc.recall:>8.3f}{sc.f1:>8.3f}")
        print(f"{'overall':<8}{overall.precision:>8.3f}{overall.recall:>8.3f}{overall.f1:>8.3f}")

    if BBC.exists():
        texts = read_bbc(args.articles)
        tokenizer, model, full = speed(nlp, highlighter, texts)
        print(f"\nBBC speed, {len(texts)} articles, one process, CPU time, best of 2:")
        print(f"  spacy.blank('en') tokenizer {tokenizer:>10,.0f} words/s")
        print(f"  model alone                 {model:>10,.0f} words/s  {model / tokenizer:.3f}x")
        print(f"  highlighting                {full:>10,.0f} words/s  {full / tokenizer:.3f}x")
    else:
        print(f"\nspeed skipped: {BBC} is absent")

    size = sum(p.stat().st_size for p in Path(args.model).rglob("*") if p.is_file())
    print(f"\nmodel size: {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
