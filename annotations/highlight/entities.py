"""Entity highlighting by rules: PERSON, ORG, GPE, LOC, NORP, DATE, TIME over a blank pipeline.

Work in progress; the signature of ``add_entity_rules`` is the contract other modules rely on.
"""

from __future__ import annotations

from collections.abc import Iterable

ENTITY_RULES = "factmark_entities"


def add_entity_rules(
    nlp, labels: Iterable[str] | None = None, overwrite: bool = False, before: str | None = None
):
    """Append the rule components to ``nlp`` (only ``labels`` if given); return ``nlp``."""
    return nlp
