"""The `factmark` command line: import, list, stats and highlight (the window adds itself on top).

Every command takes `--db PATH` (or FACTMARK_DB), before or after its name; the default project
lives in the user's data directory. Errors a user or the machine can cause (a full disk, a
read-only or damaged project, a refused output path) print one line and exit non-zero, having
changed nothing; never a traceback.
"""

from __future__ import annotations

import errno
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from annotations import staging
from annotations.errors import FactmarkError
from annotations.exporters import FORMATS, RENAMED
from annotations.importers import (
    CsvOptions,
    Problem,
    expand_paths,
    import_paths,
    in_body,
    read_body,
    read_inputs,
    rehighlight,
)
from annotations.store import Store, database_failure


def default_db_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("factmark", appauthor=False) / "factmark.db"


def open_store(db: str | Path, reviewer: str | None = None) -> Store:
    """The project at `db`; its failures (`ProjectUnusable`, `NewerSchema`) reach the user."""
    return Store(db, reviewer=reviewer)


class Context:
    def __init__(self, db: str, reviewer: str | None, open_window: Callable | None):
        self.db = db
        self.reviewer = reviewer
        self.open_window = open_window

    def store(self) -> Store:
        return open_store(self.db, self.reviewer)


pass_context = click.make_pass_decorator(Context)


def _set_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.find_object(Context).db = value


db_option = click.option(
    "--db", metavar="PATH", expose_value=False, callback=_set_db,
    help="Project database (also accepted before the command; env FACTMARK_DB).",
)  # fmt: skip


class FactmarkGroup(click.Group):
    """The command group: every command takes `--db` after its name as well as before, and
    every failure the user or the machine causes ends as one `Error:` line, exit status 1."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any("--db" in p.opts for p in cmd.params):
            db_option(cmd)
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FactmarkError as e:
            raise click.ClickException(str(e)) from None
        except sqlite3.DatabaseError as e:  # raised outside a store operation (a read)
            db = ctx.obj.db if isinstance(ctx.obj, Context) else "the project"
            raise click.ClickException(str(database_failure(db, e))) from None
        except OSError as e:
            if e.errno == errno.EPIPE:
                raise  # `factmark list | head`: click exits quietly
            raise click.ClickException(os_failure(e)) from None


def os_failure(e: OSError) -> str:
    """One line for an operating-system error: the path, then what went wrong."""
    what = e.strerror or str(e)
    if e.errno == errno.ENOSPC:
        what += "; nothing was written — free some space and try again"
    return f"{e.filename}: {what}" if e.filename else what


def show_progress() -> bool:
    """Progress bars only on a terminal: a script's stderr holds just the summary or the error."""
    return sys.stderr.isatty()


@click.group(
    cls=FactmarkGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option("--db", envvar="FACTMARK_DB", metavar="PATH",
              help="Project database (default: the user's data directory; env FACTMARK_DB).")  # fmt: skip
@click.option("--reviewer", envvar="FACTMARK_REVIEWER", help="Name written on every event.")
@click.version_option(package_name="factmark")
@click.pass_context
def cli(ctx: click.Context, db: str | None, reviewer: str | None) -> None:
    """factmark: review the figures and entities of news articles, offline.

    With no command, opens the review window.
    """
    hooks = ctx.obj if isinstance(ctx.obj, dict) else {}
    ctx.obj = Context(db or str(default_db_path()), reviewer, hooks.get("open_window"))
    if ctx.invoked_subcommand is None:
        if ctx.obj.open_window is not None:
            sys.exit(ctx.obj.open_window(ctx.obj.db, reviewer))
        ctx.invoke(list_articles)


# ---------------------------------------------------------------------- import
def csv_options(f: Callable) -> Callable:
    for name in ("outlet", "url", "date", "title", "id", "text"):
        f = click.option(f"--{name}-column", default=name, show_default=True,
                         help=f"CSV column holding the article's {name}.")(f)  # fmt: skip
    return f


MODEL_HELP = (
    "Entities from: the bundled model behind the rules (default), 'rules' alone, or any spaCy "
    "pipeline (name or path)."
)


def load_highlighter(model: str | None):
    from annotations.highlight import load_highlighter as load

    try:
        return load(model)
    except (OSError, ValueError, ImportError) as e:
        raise click.ClickException(f"cannot load model {model!r}: {e}") from None


@contextmanager
def progress(paths: tuple[str, ...], label: str) -> Iterator[Callable[[int], None]]:
    total = 0
    for p in expand_paths(paths):
        if not isinstance(p, Problem):
            total += p.stat().st_size
    with click.progressbar(length=max(total, 1), label=label, file=sys.stderr, show_eta=True,
                           show_percent=True, hidden=not show_progress()) as bar:  # fmt: skip
        yield bar.update


def print_problem(p: Problem) -> None:
    click.echo(("" if p.skipped else "warning: ") + str(p), err=True)


def _label_map(_ctx, _param, values: tuple[str, ...]) -> dict[str, str]:
    """`--labels OLD=NEW` (repeatable, or comma-separated) as a mapping, every NEW one of ours."""
    from annotations.importers.validate import BadRecord, check_label_map

    out: dict[str, str] = {}
    for value in values:
        for pair in filter(None, (p.strip() for p in value.split(","))):
            old, eq, new = pair.partition("=")
            if not eq or not old.strip() or not new.strip():
                raise click.BadParameter(f"{pair!r}: give OLD=NEW, e.g. --labels PRODUCT=ORG")
            out[old.strip()] = new.strip()
    try:
        check_label_map(out)
    except BadRecord as e:
        raise click.BadParameter(str(e)) from None
    return out


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option(
    "--update",
    is_flag=True,
    help="Replace the text of articles already imported under the same id.",
)
@click.option("--no-highlight", is_flag=True, help="Import without pre-highlighting.")
@click.option("--model", help=MODEL_HELP)
@click.option("--processes", default=1, show_default=True, help="Processes for highlighting.")
@click.option("--labels", "label_map", multiple=True, metavar="OLD=NEW", callback=_label_map,
              help="Import spans labelled OLD as NEW (repeatable, or comma-separated). "
              "CARDINAL, MONEY, PERCENT and QUANTITY come in as FIGURE without it.")  # fmt: skip
@click.option("--near-duplicates/--no-near-duplicates", "near", default=None,
              help="Check new articles against the project for near-duplicates (default: when "
                   "it holds at most 20,000 articles; the check reads every article once).")  # fmt: skip
@csv_options
@pass_context
def import_command(ctx: Context, paths, update, no_highlight, model, processes, label_map,
                   near, **cols) -> None:  # fmt: skip
    """Import .txt files and folders, saved web pages (.html) and https:// addresses,
    Prodigy-style .jsonl, .csv and Label Studio .json exports."""
    store = ctx.store()
    highlighter = None if no_highlight else load_highlighter(model)
    problems: list[Problem] = []

    def on_problem(p: Problem) -> None:
        problems.append(p)

    with progress(paths, "Importing") as advance:
        report = import_paths(
            store, paths, highlighter=highlighter, update=update,
            csv_options=_csv_options(cols), n_process=processes,
            on_progress=advance, on_problem=on_problem, labels=label_map,
            near_duplicates=near,
        )  # fmt: skip
    for p in report.problems:
        print_problem(p)
    by = f"; suggestions by {highlighter.origin}" if highlighter and report.imported else ""
    click.echo(f"{report.summary()}{by} → {ctx.db}", err=True)
    if report.skipped:
        sys.exit(1)


def _csv_options(cols: dict) -> CsvOptions:
    return CsvOptions(**{k.removesuffix("_column"): v for k, v in cols.items()})


@cli.command("rehighlight")
@click.option("--model", help=MODEL_HELP)
@click.option("--article", "articles", multiple=True, help="Only this article (repeatable).")
@click.option("--processes", default=1, show_default=True, help="Processes for highlighting.")
@pass_context
def rehighlight_command(ctx: Context, model, articles, processes) -> None:
    """Highlight the project's articles again; decided spans are never touched."""
    store = ctx.store()
    highlighter = load_highlighter(model)
    ids = list(articles) or store.article_ids()
    missing = [a for a in ids if not store.has_article(a)]
    if missing:
        raise click.ClickException(f"no article {missing[0]!r} in {ctx.db}")
    with click.progressbar(length=len(ids), label="Highlighting", file=sys.stderr,
                           hidden=not show_progress()) as bar:  # fmt: skip
        n = rehighlight(store, highlighter, ids, n_process=processes, on_progress=bar.update)
    click.echo(f"{n} articles highlighted with {highlighter.origin}", err=True)


# ---------------------------------------------------------------------- list and stats
@cli.command("list")
@click.option("--status", type=click.Choice(["new", "in_review", "reviewed", "adjudicated"]))
@click.option("--search", help="Full-text search over title and text.")
@click.option("--limit", type=int, help="Show at most this many.")
@click.option("--reviewer", "queue_of", metavar="NAME",
              help="Only the articles assigned to NAME (factmark assign), with their progress.")  # fmt: skip
@click.option("--near-duplicates", is_flag=True,
              help="Only articles that mostly repeat another (flagged at import).")  # fmt: skip
@click.option("--conflicts", is_flag=True,
              help="Only articles with a figure its claim's other figures contradict.")  # fmt: skip
@pass_context
def list_articles(ctx: Context, status=None, search=None, limit=None, queue_of=None,
                  near_duplicates=False, conflicts=False) -> None:  # fmt: skip
    """List the project's articles."""
    store = ctx.store()
    done: set[str] | None = None
    upto = None if conflicts else limit  # with --conflicts the limit applies after the filter
    if queue_of is None:
        ids = store.article_ids(status=status, search=search, limit=upto,
                                near_duplicates=near_duplicates)  # fmt: skip
    else:
        queue = store.queue(queue_of)
        if not queue:
            click.echo(f"No articles assigned to {queue_of}.", err=True)
            return
        done = store.done_by(queue_of)
        chosen = set(store.article_ids(status=status, search=search,
                                       near_duplicates=near_duplicates))  # fmt: skip
        ids = [a for a in queue if a in chosen][:upto]
        n_done = sum(a in done for a in queue)
        click.echo(f"{queue_of}: {n_done} of {len(queue)} assigned articles done", err=True)
    if conflicts:
        conflicting = set(store.conflicting_article_ids())
        ids = [a for a in ids if a in conflicting][:limit]
    if not ids:
        filtered = status or search or near_duplicates or conflicts
        click.echo("No articles." if not filtered else "No articles match.", err=True)
        return
    for i in range(0, len(ids), 500):
        for a in store.summaries(ids[i : i + 500]):
            title = (a.title or "").replace("\n", " ")
            state = a.status.value if done is None else ("done" if a.id in done else "to do")
            click.echo(f"{a.id}\t{a.published or '-':10}\t{state:9}\t"
                       f"{a.n_decided}/{a.n_spans}\t{title}")  # fmt: skip


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_context
def stats(ctx: Context, as_json: bool) -> None:
    """Counts of articles, spans, verdicts and sources."""
    data = ctx.store().stats()
    try:
        from annotations.quality.review import review_quality
    except ImportError:
        review_quality = None
    if review_quality is not None:
        data["quality"] = review_quality(ctx.store())
    from annotations.team.progress import progress_lines, reviewer_progress

    data["progress"] = reviewer_progress(ctx.store())
    store = ctx.store()
    if len(store.layer_reviewers()) > 1:
        from annotations.team.trend import agreement_trend

        data["agreement_trend"] = agreement_trend(store)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key, value in data.items():
        if key == "progress":
            click.echo("\n".join(progress_lines(value)) or "progress: no reviewer yet")
        elif key == "agreement_trend":
            from annotations.team.trend import trend_lines

            click.echo("\n".join(trend_lines(value)))
        elif isinstance(value, dict) and key != "quality":
            click.echo(f"{key}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
        elif key != "quality":
            click.echo(f"{key}: {value if not isinstance(value, list) else ', '.join(value)}")
    if "quality" in data:
        from annotations.quality.review import quality_lines

        click.echo("\n".join(quality_lines(data["quality"])))


# ---------------------------------------------------------------------- highlight
@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--model", help=MODEL_HELP)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write JSONL here (default: stdout)."
)
@click.option("--processes", default=1, show_default=True)
@csv_options
def highlight(inputs, model, output, processes, **cols) -> None:
    """Highlight articles (files, folders, JSONL, CSV) and write JSONL, one object per article."""
    highlighter = load_highlighter(model)
    if output is None:
        skipped, written = highlight_to(sys.stdout, highlighter, inputs, processes, cols)
    elif Path(output).exists() and not Path(output).is_file():  # /dev/stdout, a pipe
        try:
            with open(output, "w", encoding="utf-8") as out:
                skipped, written = highlight_to(out, highlighter, inputs, processes, cols)
        except OSError as e:
            e.filename = e.filename or output  # a failed write() names no file
            raise
    else:
        # Through a staged file: OUT is replaced whole, or left as it was when nothing was read.
        with staging.staged_file(output) as tmp:
            with open(tmp, "w", encoding="utf-8") as out:
                skipped, written = highlight_to(out, highlighter, inputs, processes, cols)
            if skipped and not written:
                raise click.ClickException(f"nothing highlighted; {output} left as it was")
    if skipped:
        sys.exit(1)


def highlight_to(out, highlighter, inputs, processes, cols) -> tuple[int, int]:
    """Write one JSON line per readable article to `out`; return (skipped, written)."""
    skipped = written = 0
    batch = []

    def flush() -> None:
        nonlocal written
        texts = [r.article.text for r in batch]
        for rec, spans in zip(batch, highlighter.pipe(texts, n_process=processes), strict=True):
            read_body(rec)  # furniture is not highlighted, as on import
            spans = in_body(rec.article, spans)
            out.write(json.dumps(highlight_record(rec, spans), ensure_ascii=False) + "\n")
            written += 1
        batch.clear()

    for item in read_inputs(inputs, _csv_options(cols)):
        if isinstance(item, Problem):
            print_problem(item)
            skipped += item.skipped
            continue
        batch.append(item)
        if len(batch) >= 256:
            flush()
    if batch:
        flush()
    return skipped, written


def highlight_record(rec, spans) -> dict:
    a = rec.article
    return {
        "id": a.id, "title": a.title, "date": a.published, "text": a.text,
        "spans": [span_json(s) for s in spans], "body": a.body.to_dict() if a.body else None,
    }  # fmt: skip


def span_json(s) -> dict:
    d = {"start": s.start, "end": s.end, "label": s.label, "text": s.text, "origin": s.origin}
    if s.figure is not None:
        d["figure"] = s.figure.to_dict(verdict=False)
    return d


# ---------------------------------------------------------------------- export and train
def _comma_list(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _article_list(value: str | None) -> list[str] | None:
    """Comma-separated ids, or @FILE with one id per line."""
    if value and value.startswith("@"):
        path = Path(value[1:])
        try:
            return [
                ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()
            ]
        except OSError as e:
            raise click.ClickException(f"{path}: {e.strerror or e}") from None
    return _comma_list(value)


@contextmanager
def _bar(label: str, length: int = 1) -> Iterator:
    with click.progressbar(length=length, label=label, file=sys.stderr, show_eta=True,
                           show_percent=True, hidden=not show_progress()) as bar:  # fmt: skip
        yield bar


@cli.command("export")
@click.option("-f", "--format", "fmt", required=True,
              type=click.Choice([*FORMATS, "project", *RENAMED]),
              help="; ".join(f"{f.name}: {f.help}" for f in FORMATS.values())
              + "; project: a copy to review in offline (with --reviewer, their assigned articles)")  # fmt: skip
@click.option("-o", "--output", required=True, type=click.Path(),
              help="File to write (a folder for spacy, brat and xmi).")  # fmt: skip
@click.option("--all", "all_articles", is_flag=True,
              help="Every article and every span not rejected, instead of verified spans of reviewed articles.")  # fmt: skip
@click.option(
    "--status",
    help="Span statuses to export, comma-separated: suggested, accepted, corrected, added.",
)
@click.option("--labels", help="Labels to export, comma-separated.")
@click.option("--articles", help="Article ids, comma-separated, or @FILE with one id per line.")
@click.option(
    "--include-rejected", is_flag=True, help="Write rejected spans as negatives (jsonl, spacy)."
)
@click.option("--keep-figure", is_flag=True,
              help="spacy, conll: keep FIGURE rather than CARDINAL, PERCENT, MONEY or QUANTITY.")  # fmt: skip
@click.option(
    "--split",
    type=float,
    help="spacy: share of articles for train/ (e.g. 0.8); the rest go to dev/.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the --split shuffle.")
@click.option("--review-url", metavar="TEMPLATE",
              help="claimreview: each review's url, with {article_id} and {span_id}, e.g. "
                   "'https://factcheck.example/{article_id}#{span_id}'; remembered by the project.")  # fmt: skip
@click.option("--author", help="claimreview: the organisation publishing the fact checks; "
                               "remembered by the project.")  # fmt: skip
@click.option("--per-claim", is_flag=True,
              help="claimreview: one review per judged claim (factmark claims), every article "
                   "stating it an appearance.")  # fmt: skip
@click.option("--excel", is_flag=True,
              help="csv: write UTF-8 with a byte-order mark, so Excel shows every character.")  # fmt: skip
@click.option("--reviewer", "layer", metavar="NAME",
              help="Export this reviewer's own decisions (their layer), in every article they decided in.")  # fmt: skip
@click.option("--all-reviewers", is_flag=True,
              help="jsonl: every reviewer's layer, a record per reviewer and article (for agreement studies).")  # fmt: skip
@click.option("--include-furniture", is_flag=True,
              help="Also spans in the page furniture outside an article's body (site name, "
                   "bylines, other headlines); spacy and conll then write the whole text.")  # fmt: skip
@pass_context
def export_command(ctx: Context, fmt, output, all_articles, status, labels, articles,
                   include_rejected, keep_figure, split, seed, review_url, author,
                   per_claim, excel, layer, all_reviewers, include_furniture) -> None:  # fmt: skip
    """Export annotations (verified ones by default) for the next tool in the chain."""
    from annotations.exporters import ExportError, ExportOptions, export

    if fmt in RENAMED:
        click.echo(f"warning: --format {fmt} is now --format {RENAMED[fmt]}; the old name "
                   "goes in the next release", err=True)  # fmt: skip
        fmt = RENAMED[fmt]
    if fmt == "project":
        return _project_copy(ctx, output, layer)
    if (review_url or author or per_claim) and fmt != "claimreview":
        raise click.ClickException(
            "--review-url, --author and --per-claim apply to the claimreview format only"
        )
    options = ExportOptions(
        all_articles=all_articles, statuses=_comma_list(status), labels=_comma_list(labels),
        article_ids=_article_list(articles), include_rejected=include_rejected,
        keep_figure=keep_figure, split=split, seed=seed, excel=excel, reviewer=layer,
        all_reviewers=all_reviewers,
        include_furniture=include_furniture,
        per_claim=per_claim,
    )  # fmt: skip
    store = ctx.store()
    if fmt == "claimreview":
        from annotations.exporters.claimreview import remember_publishing

        remember_publishing(store, author, review_url)  # refuses a template that cannot work
    with _bar(f"Exporting {fmt}") as bar:

        def on_progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        try:
            report = export(store, fmt, output, options, on_progress=on_progress)
        except ExportError as e:
            raise click.ClickException(str(e)) from None
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(report.summary(), err=True)


def _project_copy(ctx: Context, output: str, reviewer: str | None) -> None:
    from annotations.team.copy import reviewer_copy

    report = reviewer_copy(ctx.store(), output, reviewer)  # FactmarkError: one line, exit 1
    click.echo(report.summary(), err=True)
    click.echo(f"merge it back with: factmark merge {output} --into {ctx.db}", err=True)


@cli.command("backup")
@click.argument("output", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@pass_context
def backup_command(ctx: Context, output, force) -> None:
    """Copy the whole project (history, reviewers, sources, settings) to OUTPUT, a new project
    file; safe while the window has the project open."""
    report = ctx.store().backup(output, replace=force)
    click.echo(report.summary(), err=True)


@cli.command("datasette-metadata")
@pass_context
def datasette_metadata_command(ctx: Context) -> None:
    """Print Datasette metadata for the project: every table and column described, internal
    tables hidden. Use: factmark datasette-metadata > metadata.json; datasette project.db -m
    metadata.json"""
    from annotations.datasette_metadata import metadata

    ctx.store().close()  # opens (and migrates) the project, or says why it cannot
    click.echo(json.dumps(metadata(ctx.db), indent=2, ensure_ascii=False))


@cli.command("train")
@click.option(
    "-o", "--output", required=True, type=click.Path(file_okay=False), help="Model folder to write."
)
@click.option("--base", default="blank", show_default=True,
              help="'blank', or a spaCy pipeline (name or folder) to fine-tune.")  # fmt: skip
@click.option("--epochs", default=10, show_default=True, type=click.IntRange(1))
@click.option("--eval-split", default=0.2, show_default=True,
              type=click.FloatRange(0, 1, min_open=True, max_open=True),
              help="Share of reviewed articles held out to measure the model.")  # fmt: skip
@click.option("--seed", default=0, show_default=True, type=int)
@pass_context
def train_command(ctx: Context, output, base, epochs, eval_split, seed) -> None:
    """Train a spaCy NER model on the verified annotations and print its scores on held-out articles."""
    from annotations.learn import NotEnoughData, TrainingCancelled, train_from_store

    store = ctx.store()
    with _bar("Training", 1000) as bar:
        try:
            result = train_from_store(
                store, output, base=base, epochs=epochs, eval_split=eval_split, seed=seed,
                on_progress=lambda p: bar.update(int(p.fraction * 1000) - bar.pos),
            )  # fmt: skip
        except (NotEnoughData, TrainingCancelled) as e:
            raise click.ClickException(str(e)) from None
        except OSError as e:
            if e.filename is not None:
                raise  # writing the model: the group names the path
            raise click.ClickException(f"cannot load base model {base!r}: {e}") from None
    click.echo(result.report())
    click.echo(f"model → {result.output_dir} ({result.epochs} epochs, {result.seconds:.0f} s); "
               f"use it with: factmark highlight --model {output}", err=True)  # fmt: skip


# ---------------------------------------------------------------------- team review
@cli.command("merge")
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--into", "into", required=True, type=click.Path(dir_okay=False),
              help="The team's project to merge the copies into.")  # fmt: skip
@pass_context
def merge_command(ctx: Context, sources, into) -> None:
    """Bring reviewers' copies of the project (their layers and history) into one; merging a
    copy again changes nothing. Articles whose text differs are reported and left as they are."""
    from annotations.team.merge import Merger

    target = open_store(into, ctx.reviewer)
    merger = Merger(target)
    failed = False
    for path in sources:
        try:
            report = merger.merge(path)
        except FactmarkError as e:
            click.echo(f"Error: {e}", err=True)
            failed = True
            continue
        for line in report.differing:
            click.echo(line, err=True)
        click.echo(report.summary(into), err=True)
    if failed:
        sys.exit(1)


@cli.command("assign")
@click.option("--reviewers", required=True, metavar="NAMES", help="Comma-separated: ana,ben,chen.")
@click.option("--per-article", default=2, show_default=True, help="Reviewers for each article.")
@click.option("--seed", type=int, help="Same seed, same spread (default: a new one, printed).")
@pass_context
def assign_command(ctx: Context, reviewers, per_article, seed) -> None:
    """Spread the articles over reviewers, each article to --per-article of them, balanced.
    Articles that already have reviewers keep them; running it again assigns only new articles."""
    import random

    from annotations.team.assign import plan_assignments

    store = ctx.store()
    seed = random.randrange(2**31) if seed is None else seed
    kept = store.assigned_articles()
    todo = [a for a in store.article_ids() if a not in kept]
    pairs = plan_assignments(
        todo, _comma_list(reviewers) or [], per_article, seed, store.assignment_counts()
    )
    change = store.assign(pairs)
    if kept:
        click.echo(f"{len(kept)} articles already assigned were left as they are", err=True)
    if not change.event_ids:
        click.echo("Nothing to assign: every article has its reviewers.", err=True)
        return
    counts = store.assignment_counts()
    click.echo(f"{len(todo)} articles assigned, {per_article} reviewers each (seed {seed}): "
               + ", ".join(f"{r} {n}" for r, n in counts.items()), err=True)  # fmt: skip


@cli.command("blind")
@click.argument("state", type=click.Choice(["on", "off"]), required=False)
@pass_context
def blind_command(ctx: Context, state: str | None) -> None:
    """Blind review: with it on, each reviewer's window shows the suggestions and their own
    decisions only, until it is turned off for adjudication. Without STATE, say which it is."""
    store = ctx.store()
    if state is not None and (state == "on") != store.blind():
        store.set_blind(state == "on")  # one operation: undo turns it back
    click.echo(f"blind review is {'on' if store.blind() else 'off'}")


@cli.command("agreement")
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON: overall, by_label, by_pair, by_article."
)
@pass_context
def agreement_command(ctx: Context, as_json: bool) -> None:
    """How far the reviewers' layers agree: span F1, Cohen's κ, Krippendorff's α, figures, verdicts."""
    from annotations.team.agreement import agreement, report_lines

    report = agreement(ctx.store())
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo("\n".join(report_lines(report)))


# `factmark claims …` lives in its own module (it imports this one for the context).
from annotations.claims.cli import claims as _claims  # noqa: E402

cli.add_command(_claims)
for _command in _claims.commands.values():  # `factmark claims list --db X` too
    if not any("--db" in p.opts for p in _command.params):
        db_option(_command)

if __name__ == "__main__":  # python -m annotations.cli
    cli()
