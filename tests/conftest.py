"""Shared fixtures: a fresh project database per test."""

from __future__ import annotations

import pytest

from annotations.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "project.db", reviewer="tester")
    yield s
    s.close()
