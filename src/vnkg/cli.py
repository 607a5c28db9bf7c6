"""The ``vnkg`` command line: build, add, query, export, view, stats."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .load import DEFAULT_MAX_BYTES

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Knowledge graph of the Vietnamese state from Thai-language news.")
# emoji=False: "rdfs:label:" in a message must not become a picture
console = Console(emoji=False)
# soft_wrap: a message stays one line when piped (rich would break it at 80 columns)
err = Console(stderr=True, soft_wrap=True, emoji=False)

GRAPH_DIR = Path("graph")
GraphOption = typer.Option(GRAPH_DIR, "--graph", "-g", help="A built graph folder.")


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


def _print_skipped(problems) -> None:
    # escape: a file name such as "[red]x.txt" is shown as it is, not read as markup
    for problem in problems:
        err.print(f"[yellow]skipped[/yellow] {escape(str(problem))}", markup=True, highlight=False)


def _run_build(inputs: list[str], out: Path, *, add: bool, strict: bool, max_mb: float, jobs: int,
               no_view: bool, executor: str = "local", scheduler: Optional[str] = None,
               cache_dir: Optional[Path] = None, no_export: bool = False) -> None:
    from .incremental import add as add_articles
    from .pipeline import BuildError, build
    from .store import StoreError

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("reading", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name[-40:])

        try:
            options = dict(max_bytes=int(max_mb * 1_000_000), jobs=jobs, write_view=not no_view,
                           progress=progress, executor=executor, scheduler=scheduler, cache_dir=cache_dir)
            report = (add_articles(inputs, out, write_files=not no_export, **options) if add
                      else build(inputs, out, **options))
        except BuildError as e:
            bar.stop()
            _print_skipped(e.skipped)     # say why nothing could be built
            err.print(f"[red]error:[/red] {escape(str(e))}", markup=True, highlight=False)
            raise typer.Exit(1)
        except (StoreError, OSError) as e:   # store held by another process, disk full, ...
            bar.stop()
            err.print(f"[red]error:[/red] {escape(str(e))}", markup=True, highlight=False)
            raise typer.Exit(1)
    _print_skipped(report.skipped)
    for w in report.warnings:
        err.print(f"[yellow]warning[/yellow] {escape(w)}", markup=True, highlight=False)
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
    console.print(table)
    if strict and report.skipped:
        raise typer.Exit(1)


class Executor(str, Enum):
    local = "local"
    dask = "dask"


ExecutorOption = typer.Option(Executor.local, "--executor",
                              help="local: this machine (--jobs processes); dask: a Dask cluster.")
SchedulerOption = typer.Option(None, "--scheduler", metavar="ADDRESS",
                               help="Dask scheduler (tcp://host:8786); without it a local cluster of --jobs workers.")
CacheOption = typer.Option(None, "--cache-dir", metavar="DIR",
                           help="Keep extractions of unchanged files here between builds.")


def _executor(executor: Executor, scheduler: Optional[str]) -> str:
    if scheduler and executor is not Executor.dask:
        raise typer.BadParameter("needs --executor dask", param_hint="--scheduler")
    return executor.value


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Article files, folders or glob patterns."),
    out: Path = typer.Option(GRAPH_DIR, "--out", "-o", help="Folder to write the graph into."),
    strict: bool = typer.Option(False, help="Exit with status 1 if any file was skipped."),
    max_mb: float = typer.Option(DEFAULT_MAX_BYTES / 1_000_000, "--max-mb", help="Skip files larger than this."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extract with this many processes."),
    no_view: bool = typer.Option(False, "--no-view", help="Do not write graph.html."),
    executor: Executor = ExecutorOption,
    scheduler: Optional[str] = SchedulerOption,
    cache_dir: Optional[Path] = CacheOption,
) -> None:
    """Build the graph of PATHS into OUT (graph.ttl, graph.trig, graph.html, store/)."""
    _run_build(paths, out, add=False, strict=strict, max_mb=max_mb, jobs=jobs, no_view=no_view,
               executor=_executor(executor, scheduler), scheduler=scheduler, cache_dir=cache_dir)


@app.command()
def add(
    paths: list[str] = typer.Argument(..., help="Article files, folders or glob patterns to add."),
    graph: Path = GraphOption,
    strict: bool = typer.Option(False, help="Exit with status 1 if any file was skipped."),
    max_mb: float = typer.Option(DEFAULT_MAX_BYTES / 1_000_000, "--max-mb"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1),
    executor: Executor = ExecutorOption,
    scheduler: Optional[str] = SchedulerOption,
    cache_dir: Optional[Path] = CacheOption,
    no_export: bool = typer.Option(False, "--no-export",
                                   help="Update the store and manifest only; leave graph.ttl, graph.trig "
                                        "and graph.html as they were (rewriting them takes time "
                                        "proportional to the whole graph)."),
) -> None:
    """Add articles to a built graph; an article with the same file name replaces the old one.

    Only the new articles are read; their mentions are resolved against the entities the
    graph already has, and the store changes in one transaction.
    """
    _run_build(paths, graph, add=True, strict=strict, max_mb=max_mb, jobs=jobs, no_view=False,
               executor=_executor(executor, scheduler), scheduler=scheduler, cache_dir=cache_dir,
               no_export=no_export)


def _store(graph: Path):
    from .store import StoreError, open_store

    if not (graph / "store").exists():
        err.print(f"error: no store in {graph}/ (run `vnkg build` first)", highlight=False, markup=False)
        raise typer.Exit(1)
    try:
        return open_store(graph / "store", read_only=True)
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
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f"),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE bound safely into the query."),
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
    store = _store(graph)
    try:
        result = run_query(store, text, params)
    except QueryError as e:
        err.print(f"error: {e}", highlight=False, markup=False)
        raise typer.Exit(1)
    rendered = render(result, fmt.value)
    if isinstance(rendered, str):
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    else:
        console.print(rendered)


@app.command()
def export(
    fmt: ExportFormat = typer.Option(ExportFormat.ttl, "--format", "-f"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write (default graph/graph.FORMAT)."),
    graph: Path = GraphOption,
) -> None:
    """Write the graph in another RDF syntax, or as GraphML for Gephi."""
    from .export import export as do_export

    store = _store(graph)
    target = out or graph / f"graph.{fmt.value}"
    do_export(store, fmt.value, target)
    console.print(f"wrote {target}", highlight=False, markup=False)


@app.command()
def view(
    graph: Path = GraphOption,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="HTML file (default GRAPH/graph.html)."),
    focus: Optional[str] = typer.Option(None, help="Show only the neighbourhood of this entity (a name or IRI)."),
    depth: int = typer.Option(1, min=1, help="Neighbourhood radius for --focus."),
    types: Optional[str] = typer.Option(None, help="Comma-separated kinds: Person,Organization,…"),
) -> None:
    """Write the interactive HTML view of the graph (works offline)."""
    from .view import write_view

    store = _store(graph)
    kinds = {t.strip() for t in types.split(",")} if types else None
    try:
        summary = write_view(store, out or graph / "graph.html", focus=focus, depth=depth, types=kinds)
    except (KeyError, ValueError) as e:   # unknown or ambiguous focus, unknown type
        err.print(f"error: {e.args[0] if e.args else e}", highlight=False, markup=False)
        raise typer.Exit(1)
    console.print(f"wrote {summary.path}: {summary.nodes} nodes, {summary.edges} edges",
                  highlight=False, markup=False)


@app.command()
def stats(
    graph: Path = GraphOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """Entities by type, most connected officials, components, most cited documents."""
    from .stats import compute_stats, render_stats

    if fmt not in ("table", "json"):
        raise typer.BadParameter("use table or json", param_hint="--format")
    figures = compute_stats(_store(graph))
    if fmt == "json":
        sys.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        return
    for table in render_stats(figures):
        console.print(table)


@app.command()
def serve(
    graph: Path = typer.Argument(GRAPH_DIR, metavar="GRAPH_DIR", help="A built graph folder."),
    port: int = typer.Option(7878, "--port", min=0, max=65535, help="Port to listen on (0: any free one)."),
    timeout_s: int = typer.Option(30, "--timeout-s", min=1, help="Time limit of each query, in seconds."),
    bind: str = typer.Option("127.0.0.1", "--bind", help="Loopback address to listen on."),
) -> None:
    """Serve the graph read-only: SPARQL 1.1 Protocol at /query, query UI at /. Ctrl-C stops."""
    from .serve import ServeConfig, ServeError, serve as run_server

    def announce(url: str) -> None:
        sys.stdout.write(f"vnkg serve: {url} (query UI), SPARQL endpoint {url}query, "
                         f"{timeout_s} s per query; Ctrl-C to stop\n")
        sys.stdout.flush()

    try:
        run_server(ServeConfig(graph / "store", host=bind, port=port, timeout_s=timeout_s), announce)
    except ServeError as e:
        err.print(f"error: {e}", highlight=False, markup=False)
        raise typer.Exit(1)
    err.print("vnkg serve: stopped", highlight=False)


if __name__ == "__main__":
    app()
