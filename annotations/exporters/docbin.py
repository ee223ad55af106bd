"""spaCy DocBin: each article a Doc with `doc.ents` from its spans, as spaCy and Prodigy lay it out.

- `-o FILE.spacy`: one DocBin file (`DocBin().from_disk(FILE)` reads it).
- `-o DIR`: DocBin shards `DIR/0000.spacy`, `DIR/0001.spacy`, … of about `SHARD_TOKENS` tokens
  each, so memory stays flat however large the project; spaCy's Corpus reads the folder.
- `-o DIR` with a split: `DIR/train.spacy`, `DIR/dev.spacy` and `DIR/config.cfg`, as Prodigy's
  `data-to-spacy` writes them. The config holds no paths, so the folder works wherever it is
  moved: `python -m spacy train DIR/config.cfg --paths.train DIR/train.spacy --paths.dev
  DIR/dev.spacy` (the command prints it). A part too large for one DocBin is sharded in a
  folder instead (`DIR/train/0000.spacy`, …), and the printed paths say so.

Tokens are spaCy's English tokenizer's (`base.Tokens`), so training sees the tokens a pipeline
makes. A span with an edge inside a token cannot be an entity: it is left out and reported.
Rejected spans, when asked for, go in `doc.spans["incorrect_spans"]` and the config sets ner's
`incorrect_spans_key` to match, so training learns from them. Each Doc's `user_data` holds its
article (id, title, url, outlet, published) and its figures' attributes under `"figures"`.
"""

from __future__ import annotations

from pathlib import Path

from annotations.exporters.base import (
    ExportOptions,
    Item,
    Tokens,
    Writer,
    non_overlapping,
    training_label,
)

INCORRECT_SPANS = "incorrect_spans"
# Only what the export sets (ORTH and SPACY are always kept): a third of DocBin's default
# columns, and of the memory a shard holds until it is written.
DOCBIN_ATTRS = ("ORTH", "ENT_IOB", "ENT_TYPE")
SHARD_TOKENS = 1_000_000
SUFFIX = ".spacy"


class DocBinWriter(Writer):
    writes_rejected = True
    body_text = True
    misaligned_fate = "are not entities in the DocBin (their figures stay in user_data)"

    def __init__(self, target: Path, options: ExportOptions, output: Path | None = None):
        super().__init__(target, options, output)
        from spacy.vocab import Vocab

        self.vocab = Vocab()
        self.one_file = self.output.suffix == SUFFIX
        self.parts: dict[str, _Shards] = {}
        self.paths: dict[str, Path] = {}  # where each part ended up: a file, or a folder of shards

    def write(self, item: Item) -> None:
        self._part(item.part or "").add(self.make_doc(item))

    def _part(self, part: str) -> _Shards:
        if part not in self.parts:
            if self.one_file:
                self.parts[part] = _Shards(None, self.target)
            elif part:
                self.parts[part] = _Shards(self.target / part, self.target / f"{part}{SUFFIX}")
            else:
                self.parts[part] = _Shards(self.target, None)
        return self.parts[part]

    def make_doc(self, item: Item):
        doc, dropped = make_doc(self.vocab, item, self.options.keep_figure, self.misaligned)
        self.dropped += dropped
        return doc

    def close(self) -> None:
        # An empty export is still a file spaCy reads, and a split always has both parts.
        for part in ("train", "dev") if self.options.split is not None else ("",):
            if self.one_file or part:
                self._part(part)
        for name, shards in self.parts.items():
            self.paths[name or "docs"] = self.output / shards.close().relative_to(self.target)
        if self.options.split is not None and self.options.spacy_config:
            from annotations.train import write_config

            key = INCORRECT_SPANS if self.options.include_rejected else None
            write_config(self.target / "config.cfg", seed=self.options.seed,
                         incorrect_spans_key=key)  # fmt: skip
            train, dev = self.paths["train"], self.paths["dev"]
            config = self.output / "config.cfg"
            self.notes.append(f"train with: python -m spacy train {config} --paths.train {train} "
                              f"--paths.dev {dev}")  # fmt: skip

    def abort(self) -> None:
        self.parts.clear()


class _Shards:
    """Docs of one part: in `single` (one DocBin file) until they outgrow a shard, then as
    numbered shards in `folder`. With no `single`, always shards; with no `folder`, never."""

    def __init__(self, folder: Path | None, single: Path | None):
        from spacy.tokens import DocBin

        self.folder, self.single = folder, single
        self.new_bin = lambda: DocBin(attrs=DOCBIN_ATTRS, store_user_data=True)
        self.bin = self.new_bin()
        self.tokens = 0
        self.index = 0

    def add(self, doc) -> None:
        self.bin.add(doc)
        self.tokens += len(doc)
        if self.folder is not None and self.tokens >= SHARD_TOKENS:
            self.flush()

    def flush(self) -> None:
        if not len(self.bin):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.bin.to_disk(self.folder / f"{self.index:04d}{SUFFIX}")
        self.index += 1
        self.bin = self.new_bin()
        self.tokens = 0

    def close(self) -> Path:
        """Write what is left; return the file or folder the part is in."""
        if self.single is not None and self.index == 0:
            self.bin.to_disk(self.single)
            return self.single
        self.flush()
        if self.index == 0:  # no docs at all: an empty shard folder is still a corpus
            self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder


def make_doc(vocab, item: Item, keep_figure: bool = False, misaligned=None):
    """A Doc of the article's text, tokenised by spaCy's English tokenizer, with the item's spans
    as `doc.ents` (rejected ones in `doc.spans["incorrect_spans"]`) and the article in user_data.

    Returns the Doc and how many overlapping spans could not be entities; spans off token
    boundaries are added to `misaligned` (a `base.Misaligned`).
    """
    from spacy.tokens import Doc

    text = item.article.text
    toks = Tokens.of(text)
    words = [text[s:e] for s, e in zip(toks.starts, toks.ends, strict=True)]
    doc = Doc(vocab, words=words, spaces=toks.spaces)

    def aligned(spans):
        for s in spans:
            if toks.bounds(s) is not None:
                yield s
            elif misaligned is not None:
                misaligned.add(item, s, toks)

    spans, dropped = non_overlapping(list(aligned(item.spans)))
    doc.set_ents([_char_span(doc, s, keep_figure) for s in spans], default="outside")
    if item.rejected:
        doc.spans[INCORRECT_SPANS] = [
            _char_span(doc, s, keep_figure) for s in aligned(item.rejected)
        ]
    doc.user_data.update(article_data(item))
    return doc, dropped


def article_data(item: Item) -> dict:
    """What a Doc carries of its article and figures (msgpack-safe: strings, numbers, None)."""
    a = item.article
    figures = [
        {"start": s.start, "end": s.end, "text": s.text, "status": s.status.value,
         **s.figure.to_dict()}
        for s in item.spans if s.figure is not None
    ]  # fmt: skip
    return {"article_id": a.id, "title": a.title, "url": a.url, "outlet": a.outlet,
            "published": a.published, "figures": figures}  # fmt: skip


def _char_span(doc, span, keep_figure: bool):
    return doc.char_span(span.start, span.end, label=training_label(span, keep_figure))
