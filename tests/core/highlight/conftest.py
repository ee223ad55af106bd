"""Highlighters shared by the highlight tests: built once per module, they take a second each."""

from __future__ import annotations

import pytest

from annotations.highlight import load_highlighter


@pytest.fixture(scope="module")
def rules():
    return load_highlighter("rules")


@pytest.fixture(scope="module")
def bundled():
    return load_highlighter()


@pytest.fixture(params=["rules", "bundled"])
def highlighter(request):
    """Each test runs with the rule pipeline and with the default (bundled model) one."""
    return request.getfixturevalue(request.param)
