"""CoNLL-2003 style BIO: `token POS chunk NER` per line (POS and chunk unknown: -X-), a sentence per
block, a `-DOCSTART-` line before each article (written `-DOCSTART- -X- O O`, the exact line spaCy's
converter splits documents at; other readers only look at the first word). FIGURE goes out under the label for its kind
unless `keep_figure`. Sentences that a span crosses share a block, so no entity is cut in two.
Tokens are spaCy's English tokenizer's (`base.Tokens`); its white-space tokens are left out, the
others never hold white space, and labels are one word (`line_label`), so nothing in an article
can add a line or a column. A span whose edge falls inside a token has no BIO tags; it is counted
and reported, never dropped silently.
"""

from __future__ import annotations

from annotations.exporters.base import (
    FileWriter,
    Item,
    Sentences,
    Tokens,
    line_label,
    non_overlapping,
    training_label,
)

DOCSTART = "-DOCSTART- -X- O O"


class ConllWriter(FileWriter):
    body_text = True
    misaligned_fate = "have no BIO tags in the CoNLL file"

    def write(self, item: Item) -> None:
        text = item.article.text
        spans, dropped = non_overlapping(item.spans)
        self.dropped += dropped
        toks = Tokens.of(text)
        tags = ["O"] * len(toks)
        for s in spans:
            bounds = toks.bounds(s)
            if bounds is None:
                self.misaligned.add(item, s, toks)
                continue
            first, last = bounds
            label = line_label(training_label(s, self.options.keep_figure))
            tags[first] = f"B-{label}"
            for i in range(first + 1, last + 1):
                tags[i] = f"I-{label}"
        lines = [DOCSTART, ""]
        i = 0
        for _, end in _blocks(text, spans):
            n = len(lines)
            while i < len(toks) and toks.starts[i] < end:
                word = text[toks.starts[i] : toks.ends[i]]
                if not word.isspace():
                    lines.append(f"{word} -X- -X- {tags[i]}")
                i += 1
            if len(lines) > n:
                lines.append("")
        self.file.write("\n".join(lines) + "\n")


def _blocks(text: str, spans) -> list[tuple[int, int]]:
    """Sentence bounds, merged where a span runs across a sentence end."""
    blocks: list[tuple[int, int]] = []
    for start, end in Sentences(text).bounds:
        if blocks and any(s.start < blocks[-1][1] < s.end for s in spans):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
    return blocks
