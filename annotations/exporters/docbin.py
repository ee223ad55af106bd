"""spaCy DocBin: each article a Doc with `doc.ents` from its spans, in `.spacy` shards of a folder.

Shards keep memory flat however large the project (spaCy's Corpus reads a folder of them).
With a split, `train/` and `dev/` are written with a `config.cfg` from annotations.train, so
`python -m spacy debug data OUT/config.cfg` and `spacy train` run on the export as it is.
Rejected spans, when asked for, go in `doc.spans["incorrect_spans"]`, the key spaCy's `ner`
reads negative examples from (its `incorrect_spans_key` setting).
"""

from __future__ import annotations

from pathlib import Path

from annotations.exporters.base import (
    ExportOptions,
    Item,
    Writer,
    non_overlapping,
    tokens,
    training_label,
)

INCORRECT_SPANS = "incorrect_spans"
SHARD_TOKENS = 200_000


class DocBinWriter(Writer):
    writes_rejected = True

    def __init__(self, target: Path, options: ExportOptions, output: Path | None = None):
        super().__init__(target, options, output)
        from spacy.vocab import Vocab

        self.vocab = Vocab()
        self.parts: dict[str, _Shards] = {}

    def write(self, item: Item) -> None:
        doc, dropped = make_doc(self.vocab, item, self.options.keep_figure)
        self.dropped += dropped
        part = item.part or ""
        if part not in self.parts:
            self.parts[part] = _Shards(self.target / part)
        self.parts[part].add(doc)

    def close(self) -> None:
        for shards in self.parts.values():
            shards.flush()
        if self.options.split is not None and self.options.spacy_config:
            from annotations.train import write_config

            final = self.output.resolve()
            write_config(
                self.target / "config.cfg", final / "train", final / "dev", seed=self.options.seed
            )

    def abort(self) -> None:
        self.parts.clear()


class _Shards:
    def __init__(self, folder: Path):
        from spacy.tokens import DocBin

        self.folder = folder
        self.new_bin = lambda: DocBin(store_user_data=False)
        self.bin = self.new_bin()
        self.tokens = 0
        self.index = 0

    def add(self, doc) -> None:
        self.bin.add(doc)
        self.tokens += len(doc)
        if self.tokens >= SHARD_TOKENS:
            self.flush()

    def flush(self) -> None:
        if not len(self.bin):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.bin.to_disk(self.folder / f"{self.index:04d}.spacy")
        self.index += 1
        self.bin = self.new_bin()
        self.tokens = 0


def make_doc(vocab, item: Item, keep_figure: bool = False):
    """A Doc whose text is the article's exactly, with the item's spans as `doc.ents`.

    Returns the Doc and how many overlapping spans could not be entities.
    """
    from spacy.tokens import Doc

    text = item.article.text
    spans, dropped = non_overlapping(item.spans)
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for s, e in [*tokens(text, [*spans, *item.rejected]), (len(text), len(text))]:
        gap = text[pos:s]
        if words and gap.startswith(" "):
            spaces[-1], gap = True, gap[1:]
        if gap:  # other white space is a token of its own, as spaCy's tokenizer makes it
            words.append(gap)
            spaces.append(False)
        if e > s:
            words.append(text[s:e])
            spaces.append(False)
        pos = e
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.set_ents([_char_span(doc, s, keep_figure) for s in spans], default="outside")
    if item.rejected:
        doc.spans[INCORRECT_SPANS] = [_char_span(doc, s, keep_figure) for s in item.rejected]
    return doc, dropped


def _char_span(doc, span, keep_figure: bool):
    # `tokens` cut at every span edge, so a strict alignment always exists.
    return doc.char_span(span.start, span.end, label=training_label(span, keep_figure))
