"""CoNLL-2003 style BIO: `token POS chunk NER` per line (POS and chunk unknown: -X-), a sentence per
block, a `-DOCSTART-` line before each article (written `-DOCSTART- -X- O O`, the exact line spaCy's
converter splits documents at; other readers only look at the first word). FIGURE goes out under the label for its kind
unless `keep_figure`. Sentences that a span crosses share a block, so no entity is cut in two.
Tokens never hold white space (the core's tokenizer) and labels are one word (`line_label`),
so nothing in an article can add a line or a column.
"""

from __future__ import annotations

from annotations.exporters.base import (
    FileWriter,
    Item,
    Sentences,
    line_label,
    non_overlapping,
    token_bounds,
    token_starts,
    tokens,
    training_label,
)

DOCSTART = "-DOCSTART- -X- O O"


class ConllWriter(FileWriter):
    def write(self, item: Item) -> None:
        text = item.article.text
        spans, dropped = non_overlapping(item.spans)
        self.dropped += dropped
        toks = tokens(text, spans)
        tags = ["O"] * len(toks)
        starts = token_starts(toks)
        for s in spans:
            first, last = token_bounds(starts, s)
            label = line_label(training_label(s, self.options.keep_figure))
            tags[first] = f"B-{label}"
            for i in range(first + 1, last + 1):
                tags[i] = f"I-{label}"
        lines = [DOCSTART, ""]
        i = 0
        for _, end in _blocks(text, spans):
            n = len(lines)
            while i < len(toks) and toks[i][0] < end:
                s, e = toks[i]
                lines.append(f"{text[s:e]} -X- -X- {tags[i]}")
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
