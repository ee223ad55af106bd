"""UIMA CAS XMI for INCEpTION: a folder with one `ID.xmi` per article and the `TypeSystem.xml`
they share, written with dkpro-cassis (the INCEpTION team's own library).

The sofa is the article text exactly (cassis writes offsets in UTF-16 units, as UIMA counts
them). Entities are DKPro Core's named-entity layer (`NamedEntity`, the label as `value`);
figures are a custom layer, `webanno.custom.Figure`, with value, low, high, qualifier, unit,
counted, kind and verdict as features, plus the span's status, the reviewer's note, its stable
`uuid`, and its sources as `STANCE URL` lines. In INCEpTION, add a span layer named `webanno.custom.Figure`
with those features (or import TypeSystem.xml) before importing the documents.
"""

from __future__ import annotations

import re

from cassis import Cas, TypeSystem

from annotations.exporters.base import Item, Writer, article_file_name
from annotations.model import Span
from annotations.urls import safe_url

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
FIGURE_TYPE = "webanno.custom.Figure"
STRING, DOUBLE = "uima.cas.String", "uima.cas.Double"
FIGURE_FEATURES = {
    "value": DOUBLE, "low": DOUBLE, "high": DOUBLE, "qualifier": STRING, "unit": STRING,
    "counted": STRING, "kind": STRING, "verdict": STRING,
}  # fmt: skip
SPAN_FEATURES = {"status": STRING, "note": STRING, "uuid": STRING}
TYPESYSTEM_FILE = "TypeSystem.xml"
# What XML 1.0 cannot hold (control characters but tab and line breaks, lone surrogates, and
# U+FFFE/U+FFFF); each becomes U+FFFD, one code point for one, so every offset stays right.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> tuple[str, int]:
    """`text` as XML 1.0 can carry it, and how many characters were replaced."""
    return _NOT_XML.subn("\ufffd", text)


def typesystem() -> TypeSystem:
    ts = TypeSystem()
    entity = ts.create_type(NAMED_ENTITY, description="DKPro Core named entity")
    ts.create_feature(entity, "value", STRING)
    ts.create_feature(entity, "identifier", STRING)
    figure = ts.create_type(FIGURE_TYPE, description="A figure a news article states (factmark)")
    for name, kind in {**FIGURE_FEATURES, **SPAN_FEATURES, "sources": STRING}.items():
        ts.create_feature(figure, name, kind)
    return ts


class XmiWriter(Writer):
    needs_links = True

    def __init__(self, target, options, output=None):
        super().__init__(target, options, output)
        self.ts = typesystem()
        self.entity = self.ts.get_type(NAMED_ENTITY)
        self.figure = self.ts.get_type(FIGURE_TYPE)
        self.names: set[str] = set()

    def write(self, item: Item) -> None:
        cas = Cas(typesystem=self.ts)
        text, replaced = xml_text(item.article.text)
        if replaced:
            self.notes.append(f"article {item.article.id!r}: {replaced} control character(s) XML "
                              "cannot hold written as U+FFFD (offsets unchanged)")  # fmt: skip
        cas.sofa_string = text
        for s in item.spans:
            cas.add(self._annotation(item, s))
        name = article_file_name(item.article.id, self.names)
        cas.to_xmi(self.target / f"{name}.xmi")

    def _annotation(self, item: Item, s: Span):
        if not s.is_figure:
            return self.entity(begin=s.start, end=s.end, value=xml_text(s.label)[0])
        fields = {k: v for k, v in (s.figure.to_dict() if s.figure else {}).items()
                  if v is not None}  # fmt: skip
        fields = {k: xml_text(v)[0] if isinstance(v, str) else v for k, v in fields.items()}
        fields["status"] = s.status.value
        if s.uuid:
            fields["uuid"] = s.uuid
        if s.note:
            fields["note"] = xml_text(s.note)[0]
        sources = [f"{link.stance.value} {url}" for link in item.sources(s)
                   if (url := safe_url(link.source.url)) is not None]  # fmt: skip
        if sources:
            fields["sources"] = "\n".join(sources)  # safe_url: ASCII, no control characters
        return self.figure(begin=s.start, end=s.end, **fields)

    def close(self) -> None:
        self.ts.to_xml(self.target / TYPESYSTEM_FILE)
