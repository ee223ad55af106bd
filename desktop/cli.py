"""The `factmark` entry point: the core's commands, plus the review window and `snapshot`."""

from __future__ import annotations

import importlib.util
import sys

import click

from annotations.cli import cli
from annotations.store import StoreError


def _open_window(db: str, reviewer: str | None) -> int:
    from desktop.app import run  # Qt is imported only when the window opens

    return run(db, reviewer)


def main() -> None:
    hooks = {}
    if importlib.util.find_spec("desktop.app") is not None:
        hooks["open_window"] = _open_window
    try:
        cli(obj=hooks)
    except StoreError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)
