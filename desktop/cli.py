"""The `factmark` entry point: the core's commands, plus the review window and `snapshot`."""

from __future__ import annotations

import importlib.util
import sys

import click

from annotations.cli import cli
from annotations.errors import FactmarkError
from annotations.staging import staged_file


def _open_window(db: str, reviewer: str | None) -> int:
    from desktop.app import run  # Qt is imported only when the window opens

    return run(db, reviewer)


def main() -> None:
    hooks = {}
    if importlib.util.find_spec("desktop.app") is not None:
        hooks["open_window"] = _open_window
    try:
        cli(obj=hooks)
    except FactmarkError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)


@cli.command()
@click.option(
    "--article", "article_id", help="Article to show (default: the first, or the last opened)."
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="PNG file to write."
)
@click.option("--size", default="1440x900", show_default=True, help="Window size, WIDTHxHEIGHT.")
@click.option("--dark", is_flag=True, help="Use a dark palette (to check the label colours).")
@click.pass_obj
def snapshot(ctx, article_id: str | None, output: str, size: str, dark: bool) -> None:
    """Render the review window offscreen to a PNG."""
    from desktop.app import snapshot as render

    try:
        w, h = (int(x) for x in size.lower().split("x"))
    except ValueError:
        raise click.BadParameter("use WIDTHxHEIGHT, like 1440x900", param_hint="--size") from None
    with staged_file(output) as tmp:  # the PNG appears whole, or an existing one stays
        render(ctx.db, tmp, article_id, (w, h), ctx.reviewer, dark)
    click.echo(f"wrote {output}", err=True)
