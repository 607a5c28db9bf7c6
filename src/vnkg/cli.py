"""The ``vnkg`` command line: build, add, query, export, view, stats, serve."""
from __future__ import annotations

import gc
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .lexicon import DataMissing
from .load import DEFAULT_MAX_BYTES

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Knowledge graph of the Vietnamese state from Thai-language news.")
# emoji=False: "rdfs:label:" in a message must not become a picture
console = Console(emoji=False)
# soft_wrap: a message stays one line when piped (rich would break it at 80 columns)
err = Console(stderr=True, soft_wrap=True, emoji=False)

GRAPH_DIR = Path("graph")
TABLE_ROWS = 100          # rows a query shows as a table unless --limit says otherwise
STDOUT = Path("-")
GraphOption = typer.Option(GRAPH_DIR, "--graph", "-g", help="A built graph folder.")
QuietOption = typer.Option(False, "--quiet", "-q", help="Print nothing but errors and what was asked for.")
VerboseOption = typer.Option(False, "--verbose", "-v", help="Also say when each stage ends and how long it took.")
JsonOption = typer.Option(False, "--json", help="Print the summary as JSON on standard output (not a table).")

# What each stage of a build is called while it runs (vnkg.pipeline.timed's names).
STAGES = {
    "load+clean": "reading the files", "extract": "extracting", "load+clean+extract": "reading and extracting",
    "resolve": "resolving entities", "rdf+store": "writing the store", "rdf": "making the quads",
    "validate": "checking the shapes", "store": "writing the store", "export ttl": "writing graph.ttl",
    "export trig": "writing graph.trig",
    "view": "drawing graph.html",
}


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class ExportFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    trig = "trig"
    nq = "nq"
    jsonld = "jsonld"
    graphml = "graphml"
    entities = "entities"
    posts = "posts"


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


class Executor(str, Enum):
    local = "local"
    dask = "dask"


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version     # here: 20 ms of every command's start-up otherwise
        sys.stdout.write(f"vnkg {version('vnkg')}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print vnkg's version and exit."),
) -> None:
    """Knowledge graph of the Vietnamese state from Thai-language news."""


def main() -> None:
    """The console script: the app, with vnkg's own missing data reported as such."""
    # The tokenizer's tries and the compiled lexicons are hundreds of thousands of objects made
    # at start and kept: with the default thresholds the collector walked them again and again,
    # 60% of the 3.7 s it took to extract the first article (1.5 s with these).
    gc.set_threshold(100_000, 50, 100)
    try:
        app()
    except DataMissing as e:
        err.print(f"error: {e}", highlight=False, markup=False)
        sys.exit(1)


# --------------------------------------------------------------------------- build and add

def _print_skipped(problems) -> None:
    # escape: a file name such as "[red]x.txt" is shown as it is, not read as markup
    for problem in problems:
        err.print(f"[yellow]skipped[/yellow] {escape(str(problem))}", markup=True, highlight=False)


def _summary(command: str, out: Path, report, seconds: dict[str, float]) -> dict[str, Any]:
    """What a build or an add did, as plain data (``--json``)."""
    return {
        "command": command, "graph": str(out), "articles": report.articles,
        "skipped": [{"file": e.path, "reason": e.reason} for e in report.skipped],
        "entities": dict(report.entities), "facts": dict(sorted(report.facts.items())),
        "quads": report.quads, "warnings": list(report.warnings),
        "seconds": {stage: round(s, 3) for stage, s in seconds.items()},
    }


def _summary_table(add: bool, out: Path, report) -> Table:
    table = Table(title=f"vnkg {'add' if add else 'build'} → {out}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles added" if add else "articles built", str(report.articles))
    table.add_row("files skipped", str(len(report.skipped)))
    for kind, n in report.entities.items():
        table.add_row(f"entities: {kind}", str(n))
    for kind, n in sorted(report.facts.items()):
        table.add_row(f"facts: {kind}", str(n))
    table.add_row("quads added" if add else "quads", str(report.quads))
    table.add_row("warnings", str(len(report.warnings)))
    return table


def _run_build(inputs: list[str], out: Path, *, add: bool, strict: bool, max_mb: float, jobs: int,
               no_view: bool, executor: str = "local", scheduler: Optional[str] = None,
               cache_dir: Optional[Path] = None, no_export: bool = False, quiet: bool = False,
               verbose: bool = False, as_json: bool = False) -> None:
    from .incremental import add as add_articles
    from .pipeline import BuildError, Stages, build
    from .store import StoreError

    command = "add" if add else "build"
    # a bar while files are read and extracted, then the name of each later stage as it runs
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, disable=quiet or not err.is_terminal) as bar:
        task = bar.add_task("reading", total=None)
        running: list[str] = []

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name[-40:])

        def changed(stage: str, started: bool) -> None:
            if started:
                running.append(stage)
            else:
                running.remove(stage)
                if verbose:
                    err.print(f"{command}: {stage} took {seconds[stage]:.1f} s", highlight=False, markup=False)
            if running and not stage.startswith("load") and stage != "extract":
                bar.update(task, description=" + ".join(STAGES.get(s, s) for s in running))
                bar.refresh()      # each stage shown, however short

        seconds = Stages(changed)
        try:
            options: dict[str, Any] = dict(max_bytes=int(max_mb * 1_000_000), jobs=jobs, write_view=not no_view,
                           progress=progress, executor=executor, scheduler=scheduler, cache_dir=cache_dir,
                           timings=seconds)
            report = (add_articles(inputs, out, write_files=not no_export, **options) if add
                      else build(inputs, out, **options))
        except BuildError as e:
            bar.stop()
            if not quiet:
                _print_skipped(e.skipped)     # say why nothing could be built
            err.print(f"[red]error:[/red] {escape(str(e))}", markup=True, highlight=False)
            if as_json:
                sys.stdout.write(json.dumps({"command": command, "graph": str(out), "error": str(e),
                                             "skipped": [{"file": s.path, "reason": s.reason} for s in e.skipped]},
                                            ensure_ascii=False, indent=2) + "\n")
            raise typer.Exit(1)
        except (StoreError, OSError) as e:   # store held by another process, disk full, ...
            bar.stop()
            err.print(f"[red]error:[/red] {escape(str(e))}", markup=True, highlight=False)
            raise typer.Exit(1)
    if not quiet:
        _print_skipped(report.skipped)
        for w in report.warnings:
            err.print(f"[yellow]warning[/yellow] {escape(w)}", markup=True, highlight=False)
    if as_json:
        sys.stdout.write(json.dumps(_summary(command, out, report, seconds), ensure_ascii=False, indent=2) + "\n")
    elif not quiet:
        console.print(_summary_table(add, out, report))
    if strict and report.skipped:
        raise typer.Exit(1)


ExecutorOption = typer.Option(Executor.local, "--executor",
                              help="local: this machine (--jobs processes); dask: a Dask cluster.")
SchedulerOption = typer.Option(None, "--scheduler", metavar="ADDRESS",
                               help="Dask scheduler (tcp://host:8786); without it a local cluster of --jobs workers.")
CacheOption = typer.Option(None, "--cache-dir", metavar="DIR",
                           help="Keep extractions of unchanged files here between builds.")
StrictOption = typer.Option(False, help="Exit with status 1 if any file was skipped.")
MaxMbOption = typer.Option(DEFAULT_MAX_BYTES / 1_000_000, "--max-mb", help="Skip files larger than this many MB.")
JobsOption = typer.Option(1, "--jobs", "-j", min=1, help="Read and extract with this many processes.")


def _executor(executor: Executor, scheduler: Optional[str]) -> str:
    if scheduler and executor is not Executor.dask:
        raise typer.BadParameter("needs --executor dask", param_hint="--scheduler")
    return executor.value


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Article files, folders or glob patterns."),
    out: Path = typer.Option(GRAPH_DIR, "--out", "-o", "--graph", "-g", help="Folder to write the graph into."),
    strict: bool = StrictOption,
    max_mb: float = MaxMbOption,
    jobs: int = JobsOption,
    no_view: bool = typer.Option(False, "--no-view", help="Do not write graph.html."),
    executor: Executor = ExecutorOption,
    scheduler: Optional[str] = SchedulerOption,
    cache_dir: Optional[Path] = CacheOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    as_json: bool = JsonOption,
) -> None:
    """Build the graph of PATHS into OUT (graph.ttl, graph.trig, graph.html, store/)."""
    _run_build(paths, out, add=False, strict=strict, max_mb=max_mb, jobs=jobs, no_view=no_view,
               executor=_executor(executor, scheduler), scheduler=scheduler, cache_dir=cache_dir,
               quiet=quiet, verbose=verbose, as_json=as_json)


@app.command()
def add(
    paths: list[str] = typer.Argument(..., help="Article files, folders or glob patterns to add."),
    graph: Path = GraphOption,
    strict: bool = StrictOption,
    max_mb: float = MaxMbOption,
    jobs: int = JobsOption,
    executor: Executor = ExecutorOption,
    scheduler: Optional[str] = SchedulerOption,
    cache_dir: Optional[Path] = CacheOption,
    export: bool = typer.Option(False, "--export/--no-export",
                                help="Also rewrite graph.ttl, graph.trig and graph.html from the whole store (time "
                                     "proportional to the graph). By default they are left as they were and listed "
                                     "as stale in manifest.json, for `vnkg export --stale`."),
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    as_json: bool = JsonOption,
) -> None:
    """Add articles to a built graph; an article with the same file name replaces the old one.

    Only the new articles are read; their mentions are resolved against the entities the
    graph already has, and the store changes in one transaction.
    """
    _run_build(paths, graph, add=True, strict=strict, max_mb=max_mb, jobs=jobs, no_view=False,
               executor=_executor(executor, scheduler), scheduler=scheduler, cache_dir=cache_dir,
               no_export=not export, quiet=quiet, verbose=verbose, as_json=as_json)


# --------------------------------------------------------------------------- reading a graph

def _store(graph: Path):
    from .folder import store_path
    from .store import StoreError, open_store

    path = store_path(graph)
    if path is None:
        err.print(f"error: no store in {graph}/ (run `vnkg build` first)", highlight=False, markup=False)
        raise typer.Exit(1)
    try:
        return open_store(path, read_only=True)
    except StoreError as e:
        err.print(f"error: {e}", highlight=False, markup=False)
        raise typer.Exit(1)


def _params(values: list[str]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise typer.BadParameter(f"{v!r} is not NAME=VALUE", param_hint="--param")
        k, _, val = v.partition("=")
        out[k.strip()] = val
    return out


@app.command()
def query(
    query_text: str = typer.Argument(..., metavar="QUERY_OR_FILE",
                                     help="SPARQL text, a .rq file, or a NAME in ontology/queries/."),
    graph: Path = GraphOption,
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f",
                                    help="table for people; csv, tsv or json (SPARQL 1.1 result formats) "
                                         "for programs."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE bound safely into the query."),
    limit: Optional[int] = typer.Option(None, "--limit", min=0,
                                        help=f"Show at most this many rows (a table shows {TABLE_ROWS} unless told; "
                                             "the other formats every row)."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many rows first (the next page)."),
) -> None:
    """Ask the graph a SPARQL question."""
    from .query import QueryError, load_query_text, query_parameters, render, run_query

    try:
        text = load_query_text(query_text)
    except QueryError as e:
        err.print(f"error: {e}", highlight=False, markup=False)
        raise typer.Exit(1)
    params = _params(param)
    takes = query_parameters(text)
    unknown = sorted(name for name in params if name.lstrip("?$") not in takes)
    if unknown:
        raise typer.BadParameter(f"unknown parameter {', '.join(unknown)}; the query takes "
                                 f"{', '.join(takes) if takes else 'no parameters'}", param_hint="--param")
    if limit is None and fmt is QueryFormat.table:
        limit = TABLE_ROWS
    store = _store(graph)
    try:
        # a page of the rows: a table of thousands of rows takes rich seconds to lay out, and
        # only the page's terms are converted
        result = run_query(store, text, params, limit=limit, offset=offset)
    except QueryError as e:
        err.print(f"error: {e}", highlight=False, markup=False)
        raise typer.Exit(2 if e.refused else 1)     # 2: the query itself is not acceptable
    total = result.total
    if offset or (limit is not None and limit < total):
        end = total if limit is None else offset + limit
        if result.kind != "ask":
            err.print(f"rows {min(offset + 1, total)}-{min(end, total)} of {total} "
                      f"(--offset {end} for the next page, --format csv for all)", highlight=False, markup=False)
    rendered = render(result, fmt.value)
    if isinstance(rendered, str):
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    else:
        console.print(rendered)


@app.command()
def export(
    fmt: ExportFormat = typer.Option(ExportFormat.ttl, "--format", "-f",
                                     help="An RDF syntax (ttl, nt, trig, nq, jsonld); graphml: the entity "
                                          "network for Gephi; entities, posts: CSV tables for pandas."),
    out: Optional[Path] = typer.Option(None, "--out", "-o",
                                       help="File to write, - for standard output (default: GRAPH/graph.FORMAT, "
                                            "GRAPH/entities.csv, GRAPH/posts.csv)."),
    graph: Path = GraphOption,
    stale: bool = typer.Option(False, "--stale",
                               help="Rewrite the snapshots that `vnkg add` left stale (graph.ttl, graph.trig, "
                                    "graph.html: see manifest.json) instead of writing one format."),
    quiet: bool = QuietOption,
) -> None:
    """Write the graph in another RDF syntax, as GraphML for Gephi, or as CSV tables."""
    from .export import FORMATS
    from .export import export as do_export
    from .folder import mark_fresh, stale_snapshots

    store = _store(graph)
    if stale:
        for name in stale_snapshots(graph):
            # through the folder's links: into the current generation, not over the link
            target = Path(os.path.realpath(graph / name))
            if name == "graph.html":
                from .view import write_view
                write_view(store, target)
            else:
                do_export(store, name.rsplit(".", 1)[1], target, on_disk=True)
            mark_fresh(graph, [name])
            if not quiet:
                console.print(f"wrote {graph / name}", highlight=False, markup=False)
        return
    if out == STDOUT:
        do_export(store, fmt.value, sys.stdout.buffer, on_disk=True)
        sys.stdout.flush()
        return
    target = out or graph / FORMATS[fmt.value]
    # through the folder's links: into the current generation, not over the link
    do_export(store, fmt.value, Path(os.path.realpath(target)), on_disk=True)
    if out is None:
        mark_fresh(graph, [FORMATS[fmt.value]])
    if not quiet:
        console.print(f"wrote {target}", highlight=False, markup=False)


def _kinds(types: Optional[str]) -> Optional[set[str]]:
    from .graphdata import KINDS

    if not types:
        return None
    kinds = {t.strip() for t in types.split(",") if t.strip()}
    by_lower = {k.lower(): k for k in KINDS}
    unknown = sorted(k for k in kinds if k.lower() not in by_lower)
    if unknown:
        raise typer.BadParameter(f"unknown {', '.join(unknown)}; choose among {', '.join(KINDS)}",
                                 param_hint="--types")
    return {by_lower[k.lower()] for k in kinds}


@app.command()
def view(
    graph: Path = GraphOption,
    out: Optional[Path] = typer.Option(None, "--out", "-o",
                                       help="HTML file, - for standard output (default GRAPH/graph.html)."),
    focus: Optional[str] = typer.Option(None, help="Show only the neighbourhood of this entity (a name or IRI)."),
    depth: int = typer.Option(1, min=1, help="Neighbourhood radius for --focus."),
    types: Optional[str] = typer.Option(None, help="Comma-separated kinds: Person,Organization,LegalDocument,"
                                                   "Initiative,Place,Event."),
    quiet: bool = QuietOption,
) -> None:
    """Write the interactive HTML view of the graph (works offline)."""
    from .view import write_view

    kinds = _kinds(types)
    store = _store(graph)
    try:
        # a file of the graph folder through its links: into the current generation, not over the link
        target = out or graph / "graph.html"
        summary = write_view(store, sys.stdout.buffer if out == STDOUT else Path(os.path.realpath(target)),
                             focus=focus, depth=depth, types=kinds)
    except ValueError as e:   # unknown or ambiguous focus
        err.print(f"error: {e.args[0] if e.args else e}", highlight=False, markup=False)
        raise typer.Exit(1)
    if out is None and focus is None and kinds is None:
        from .folder import mark_fresh
        mark_fresh(graph, ["graph.html"])
    if summary.path is not None and not quiet:
        console.print(f"wrote {target}: {summary.nodes} nodes, {summary.edges} edges", highlight=False, markup=False)


@app.command()
def stats(
    graph: Path = GraphOption,
    fmt: StatsFormat = typer.Option(StatsFormat.table, "--format", "-f", help="table for people, json for programs."),
) -> None:
    """Entities by type, most connected officials, components, most cited documents."""
    from .stats import compute_stats, render_stats

    figures = compute_stats(_store(graph))
    if fmt is StatsFormat.json:
        sys.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        return
    for table in render_stats(figures):
        console.print(table)


@app.command()
def serve(
    folder: Optional[Path] = typer.Argument(None, metavar="[GRAPH_DIR]",
                                            help="A built graph folder (or --graph; default graph)."),
    graph: Optional[Path] = typer.Option(None, "--graph", "-g", help="A built graph folder."),
    port: int = typer.Option(7878, "--port", min=0, max=65535, help="Port to listen on (0: any free one)."),
    timeout_s: int = typer.Option(30, "--timeout-s", min=1, help="Time limit of each query, in seconds."),
    bind: str = typer.Option("127.0.0.1", "--bind", help="Loopback address to listen on."),
) -> None:
    """Serve the graph read-only: SPARQL 1.1 Protocol at /query, query UI at /. Ctrl-C stops.

    The endpoint answers from the store as it is: after `vnkg add` or `vnkg build` it
    starts answering from the new one.
    """
    from .serve import ServeConfig, ServeError, serve as run_server

    if folder is not None and graph is not None and folder != graph:
        raise typer.BadParameter(f"two graph folders: {folder} and --graph {graph}", param_hint="GRAPH_DIR")
    where = folder or graph or GRAPH_DIR

    def announce(url: str) -> None:
        sys.stdout.write(f"vnkg serve: {url} (query UI), SPARQL endpoint {url}query, "
                         f"{timeout_s} s per query; Ctrl-C to stop\n")
        sys.stdout.flush()

    try:
        run_server(ServeConfig(where, host=bind, port=port, timeout_s=timeout_s), announce)
    except ServeError as e:
        err.print(f"error: {e}", highlight=False, markup=False)
        raise typer.Exit(1)
    err.print("vnkg serve: stopped", highlight=False)


if __name__ == "__main__":
    main()
