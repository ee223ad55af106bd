"""`factmark claims`: suggest claims across articles, list them (conflicts first), and confirm,
name, split, merge, judge and apply them — each a store operation the reviewer can undo."""

from __future__ import annotations

import json
import sys

import click

from annotations.claims.model import Claim, ClaimState
from annotations.model import Source, Stance, Verdict, to_plain

# The group's object is annotations.cli's Context (`ctx.store()`); not imported from there, as
# that module adds this group to itself and also runs as `python -m annotations.cli`.
pass_context = click.pass_obj


class _ClaimsGroup(click.Group):
    """Bad arguments (a verdict that does not exist, a missing option) end as one `Error:`
    line, like every other failure, rather than the usage text."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            raise click.ClickException(
                f"{e.format_message()} (see factmark claims {ctx.invoked_subcommand or ''} --help)".replace(
                    "  ", " "
                )
            ) from None


@click.group("claims", cls=_ClaimsGroup)
def claims() -> None:
    """Figures of many articles that state the same quantity, grouped as claims."""


@claims.command("suggest")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Similarity a figure needs to join a claim (default 0.6).")  # fmt: skip
@pass_context
def suggest_command(ctx, threshold: float | None) -> None:
    """Group the project's figures into suggested claims (replacing earlier suggestions;
    confirmed claims are kept and may be offered new figures)."""
    from annotations.claims.suggest import THRESHOLD, suggest_for_store

    store = ctx.store()

    def on_progress(n: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r{n} figures read", nl=False, err=True)

    change = suggest_for_store(store, threshold if threshold is not None else THRESHOLD,
                               on_progress)  # fmt: skip
    if sys.stderr.isatty():
        click.echo("", err=True)
    counts = store.claim_count()
    conflicting = len(store.claims(conflicts_first=False, conflicts_only=True))
    click.echo(f"{counts['suggested']} claims suggested, {counts['confirmed']} confirmed kept; "
               f"{conflicting} with conflicting figures; {len(change.span_ids)} figures placed"
               + (f" (operation {change.op_id})" if change.op_id else ""), err=True)  # fmt: skip


@claims.command("list")
@click.option("--conflicts", is_flag=True, help="Only claims whose figures conflict.")
@click.option("--state", type=click.Choice([s.value for s in ClaimState]))
@click.option("--article", metavar="ID", help="Only claims with a figure in this article.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: one object per claim.")
@pass_context
def list_command(ctx, conflicts: bool, state: str | None, article: str | None,
                 as_json: bool) -> None:  # fmt: skip
    """List claims, those with conflicting figures first."""
    store = ctx.store()
    if article is not None:
        store.article(article)  # NotFound: one line naming it
    found = store.claims(state=state, conflicts_only=conflicts, article_id=article)
    if as_json:
        for c in found:
            click.echo(json.dumps(claim_json(c), ensure_ascii=False))
        return
    if not found:
        click.echo("No claims match." if conflicts or state or article else
                   "No claims yet: run `factmark claims suggest`.", err=True)  # fmt: skip
        return
    for c in found:
        flag = "CONFLICT" if c.has_conflict else "-"
        values = ", ".join(dict.fromkeys(m.text for m in c.members))
        click.echo(f"{c.id}\t{c.state.value:9}\t{flag:8}\t{len(c.members)} figures in "
                   f"{len(c.article_ids)} articles\t{c.verdict.value}\t{c.label}\t{values}")  # fmt: skip


@claims.command("show")
@click.argument("claim_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the claim as JSON.")
@pass_context
def show_command(ctx, claim_id: int, as_json: bool) -> None:
    """A claim's figures: value, qualifier, article, outlet, date, verdict and conflicts."""
    c = ctx.store().claim(claim_id)
    if as_json:
        click.echo(json.dumps(claim_json(c), ensure_ascii=False, indent=2))
        return
    click.echo(f"claim {c.id} ({c.state.value}): {c.label} — verdict {c.verdict.value}"
               + (f"; {c.note}" if c.note else ""))  # fmt: skip
    for s in c.sources:
        click.echo(f"  source ({s.stance.value}): {s.source.url}")
    for m in c.members:
        conflict = (
            f"\tconflicts with {', '.join(map(str, m.conflicts_with))}" if m.conflicts_with else ""
        )
        click.echo(f"  {m.span_id}\t{m.published or '-':10}\t{m.outlet or '-'}\t{m.article_id}\t"
                   f"{m.text}\t{m.qualifier.value}\t{m.verdict.value}\t{m.state.value}{conflict}")  # fmt: skip


def claim_json(c: Claim) -> dict:
    d = to_plain(c)
    d["label"] = c.label
    d["has_conflict"] = c.has_conflict
    for m, out in zip(c.members, d["members"], strict=True):
        b = m.bounds
        out["bounds"] = None if b is None else [b[0], None if b[1] == float("inf") else b[1]]
    return d


# ---------------------------------------------------------------------- reviewer operations
def _done(change, what: str) -> None:
    if change.op_id is None:
        click.echo(f"Nothing to change: {what} already.", err=True)
    else:
        click.echo(f"{what} (operation {change.op_id}).", err=True)


@claims.command("confirm")
@click.argument("claim_ids", type=int, nargs=-1, required=True)
@pass_context
def confirm_command(ctx, claim_ids: tuple[int, ...]) -> None:
    """Confirm claims: the claim and each of its figures' membership."""
    store = ctx.store()
    for cid in claim_ids:
        _done(store.confirm_claim(cid), f"claim {cid} confirmed")


@claims.command("rename")
@click.argument("claim_id", type=int)
@click.argument("name")
@pass_context
def rename_command(ctx, claim_id: int, name: str) -> None:
    """Name a claim ("" gives back the made-up label)."""
    _done(ctx.store().rename_claim(claim_id, name), f"claim {claim_id} named {name!r}")


@claims.command("split")
@click.argument("claim_id", type=int)
@click.argument("span_ids", type=int, nargs=-1, required=True)
@click.option("--name", help="Name of the new claim.")
@pass_context
def split_command(ctx, claim_id: int, span_ids: tuple[int, ...], name: str | None) -> None:
    """Move the figures SPAN_IDS of a claim into a new claim."""
    change = ctx.store().split_claim(claim_id, span_ids, name)
    _done(change, f"{len(span_ids)} figures split off into claim {change.created_claim_id}")


@claims.command("merge")
@click.argument("into", type=int)
@click.argument("others", type=int, nargs=-1, required=True)
@pass_context
def merge_command(ctx, into: int, others: tuple[int, ...]) -> None:
    """Merge the claims OTHERS into claim INTO."""
    _done(ctx.store().merge_claims(into, others), f"merged into claim {into}")


@claims.command("move")
@click.argument("span_id", type=int)
@click.option("--to", "target", type=int, help="The claim to put the figure in.")
@click.option("--out", is_flag=True, help="Take the figure out of its claim.")
@pass_context
def move_command(ctx, span_id: int, target: int | None, out: bool) -> None:
    """Move a figure (its span id) to another claim, or out of its claim."""
    if (target is None) == (not out):
        raise click.UsageError("give --to CLAIM or --out")
    store = ctx.store()
    change = store.move_figure(span_id, None if out else target)
    _done(
        change, f"figure {span_id} " + ("taken out of its claim" if out else f"in claim {target}")
    )


@claims.command("verdict")
@click.argument("claim_id", type=int)
@click.argument("verdict", type=click.Choice([v.value for v in Verdict]), metavar="VERDICT")
@click.option("--note", help="Why: written on the claim.")
@click.option("--apply", "apply_", is_flag=True, help="Also give the verdict to every figure.")
@pass_context
def verdict_command(ctx, claim_id: int, verdict: str, note: str | None, apply_: bool) -> None:
    """Set a claim's verdict (and with --apply, its figures')."""
    store = ctx.store()
    _done(store.set_claim_verdict(claim_id, verdict, note), f"claim {claim_id}: {verdict}")
    if apply_:
        _applied(store.apply_claim(claim_id), claim_id)


@claims.command("source")
@click.argument("claim_id", type=int)
@click.argument("url")
@click.option("--stance", type=click.Choice([s.value for s in Stance]), default="supports",
              show_default=True)  # fmt: skip
@click.option("--title")
@click.option("--excerpt", help="The words of the source that bear on the claim.")
@pass_context
def source_command(ctx, claim_id: int, url: str, stance: str, title: str | None,
                   excerpt: str | None) -> None:  # fmt: skip
    """Link a source to a claim."""
    change = ctx.store().link_claim_source(claim_id, Source(url, title=title), stance, excerpt)
    _done(change, f"claim {claim_id}: source linked")


@claims.command("apply")
@click.argument("claim_id", type=int)
@pass_context
def apply_command(ctx, claim_id: int) -> None:
    """Give the claim's verdict and sources to each of its figures (one undoable operation
    per figure)."""
    _applied(ctx.store().apply_claim(claim_id), claim_id)


def _applied(changes: list, claim_id: int) -> None:
    if not changes:
        click.echo(f"Nothing to change: every figure of claim {claim_id} has its verdict and "
                   "sources already.", err=True)  # fmt: skip
        return
    ops = ", ".join(str(c.op_id) for c in changes)
    click.echo(f"claim {claim_id} applied to {len(changes)} figures (operations {ops}).", err=True)


@claims.command("undo")
@click.argument("op_id", type=int)
@pass_context
def undo_command(ctx, op_id: int) -> None:
    """Undo operation OP_ID (the number the commands above print)."""
    ctx.store().revert(op_id)
    click.echo(f"operation {op_id} undone.", err=True)
