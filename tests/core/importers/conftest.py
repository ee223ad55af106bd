"""A stand-in highlighter for import tests: suggests every 'Gaza' as GPE."""

from __future__ import annotations

import pytest

from annotations.model import Span


class SuggestsGaza:
    """Suggests the last 'Gaza' of each text as GPE: enough to see import store suggestions."""

    origin = "rules"

    def pipe(self, texts, batch_size=64, n_process=1):
        for t in texts:
            i = t.rfind("Gaza")
            yield [Span(i, i + 4, "GPE", "Gaza", origin=self.origin)] if i >= 0 else []


@pytest.fixture
def suggests_gaza() -> type[SuggestsGaza]:
    return SuggestsGaza
