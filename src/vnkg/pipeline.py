"""The whole build, stage by stage: load → clean → extract → relate → resolve → RDF → outputs.

``build`` writes a graph folder: ``graph.ttl`` (union), ``graph.trig`` (one named graph
per article), ``graph.html`` (view), ``store/`` (pyoxigraph) and ``manifest.json`` (the
inputs and the IRIs already given, so that ``add`` keeps names stable). They are written
as a new generation of the folder, which becomes current in one rename (``vnkg.folder``),
so an interrupted build leaves the previous graph as it was, whole.
"""
from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .clean import clean
from .chunks import extract_article
from .load import DEFAULT_MAX_BYTES, collect, read_article
from .model import Article, ArticleError, Extraction, Kind
from .rdf import quads as rdf_quads
from .resolve import Resolution, resolve
from .folder import kill_point, manifest_path, writing

__all__ = ["BuildReport", "BuildError", "read_articles", "extract_all", "build", "load_manifest"]

MANIFEST = "manifest.json"
Progress = Callable[[int, int, str], None]


class BuildError(Exception):
    """The build cannot produce a valid graph (SHACL violations, nothing to build).

    ``skipped`` lists the inputs that were rejected, so that the reason why nothing
    could be built can still be told file by file.
    """

    def __init__(self, message: str, skipped: list[ArticleError] | None = None):
        super().__init__(message)
        self.skipped = list(skipped or [])


@dataclass
class BuildReport:
    out: Path
    articles: int = 0
    skipped: list[ArticleError] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    quads: int = 0
    warnings: list[str] = field(default_factory=list)


def read_articles(paths: Iterable[Path], max_bytes: int = DEFAULT_MAX_BYTES,
                  progress: Progress | None = None) -> tuple[list[Article], list[ArticleError]]:
    """Load and clean each file; a bad file is reported, never fatal."""
    paths = list(paths)
    articles, errors = [], []
    for n, path in enumerate(paths):
        try:
            articles.append(clean(read_article(path, max_bytes)))
        except ArticleError as err:
            errors.append(err)
        except (OSError, ValueError) as err:   # anything the reader did not foresee stays per file
            errors.append(ArticleError(path, f"cannot read: {err}"))
        if progress:
            progress(n + 1, len(paths), str(path))
    return articles, errors


def extract_all(articles: list[Article], progress: Progress | None = None) -> list[Extraction]:
    """Extract every article in this process, in input order."""
    out = []
    for n, a in enumerate(articles):
        out.append(extract_article(a))
        if progress:
            progress(n + 1, len(articles), a.name)
    return out


def _load_and_extract_locally(paths: list[Path], max_bytes: int, jobs: int, progress: Progress | None,
                              ) -> tuple[list[Extraction], list[ArticleError]]:
    """Load, clean and extract in ``jobs`` processes: the workers read the files themselves,
    so only paths go out and only extractions come back."""
    from concurrent.futures import ProcessPoolExecutor
    from itertools import repeat

    from .distributed import batches_of, extract_batch, split_results

    batches = batches_of(paths)
    results, done = [], 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch, items in zip(batches, pool.map(extract_batch, batches, repeat(max_bytes))):
            results.append(items)
            done += len(batch)
            if progress:
                progress(done, len(paths), batch[-1])
    return split_results(results)


def load_manifest(out: Path) -> dict:
    """The manifest of the folder's current generation (empty if it has none)."""
    path = manifest_path(out)
    if path is None:
        return {"inputs": [], "iris": {}, "initiatives": {}, "person_blocks": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def relative_input(article: Article, out: Path) -> str:
    return os.path.relpath(Path(article.path).resolve(), out.resolve())


def known_initiatives(res: Resolution, known: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """``known`` (IRI → names of initiatives, from the manifest) with those of ``res`` added:
    what ``vnkg add`` matches a new edition of a programme against."""
    merged = {iri: set(forms) for iri, forms in (known or {}).items()}
    for e in res.entities.values():
        if e.kind is Kind.INITIATIVE:
            merged.setdefault(e.iri, set()).update([e.label, *e.names])
    return {iri: sorted(merged[iri]) for iri in sorted(merged)}


def known_person_blocks(res: Resolution, known: dict[str, list[list[str]]] | None = None,
                        ) -> dict[str, list[list[str]]]:
    """``known`` (name block → [spelling, IRI], from the manifest) with those of ``res`` added."""
    merged = {block: {tuple(pair) for pair in pairs} for block, pairs in (known or {}).items()}
    for block, pairs in res.person_blocks.items():
        merged.setdefault(block, set()).update(tuple(pair) for pair in pairs)
    return {block: [list(pair) for pair in sorted(merged[block])] for block in sorted(merged)}


def write_manifest(path: Path, manifest: dict) -> None:
    path.write_bytes((json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())



def outputs_in(generation: Path) -> dict[str, Path]:
    """Where each file of a generation goes."""
    return {name: generation / name for name in ("graph.ttl", "graph.trig", "graph.html", MANIFEST)}


def _dedupe(articles: list[Article]) -> tuple[list[Article], list[str]]:
    """One article per file name (a later file of the same name replaces the earlier one),
    then one per text: a text saved under two names (common in crawls) is built once, under
    the first name, and the warning names both files."""
    by_name: dict[str, Article] = {}
    warnings = []
    for a in articles:
        if a.name in by_name:
            warnings.append(f"{a.path}: replaces {by_name[a.name].path} (same file name)")
        by_name[a.name] = a
    by_text: dict[str, Article] = {}
    for a in sorted(by_name.values(), key=lambda a: a.name):
        if a.sha in by_text:
            first = by_text[a.sha]
            warnings.append(f"{a.path}: same text as {first.path}; built once, as {first.name}")
        else:
            by_text[a.sha] = a
    return list(by_text.values()), warnings


class Stages(dict):
    """``timings`` that also say when each stage starts and ends (``changed(stage, started)``):
    what the command line's progress display shows."""

    def __init__(self, changed: Callable[[str, bool], None]):
        super().__init__()
        self.changed = changed


@contextmanager
def timed(timings: dict[str, float] | None, stage: str) -> Iterator[None]:
    """Add the wall time of the block to ``timings[stage]`` (bench/run.py reads them)."""
    start = time.perf_counter()
    if isinstance(timings, Stages):
        timings.changed(stage, True)
    try:
        yield
    finally:
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start
        if isinstance(timings, Stages):
            timings.changed(stage, False)


def extract_inputs(paths: list[Path], max_bytes: int, jobs: int, executor: str, scheduler: str | None,
                    cache_dir: Path | None, progress: Progress | None, timings: dict[str, float] | None,
                    ) -> tuple[list[Article], list[Extraction], list[ArticleError], list[str]]:
    """Load, clean and extract ``paths``: the articles deduplicated by name, their extractions
    in the same order, the files skipped and the warnings."""
    from .cache import ExtractionCache

    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    cached = {p: ex for p in paths if cache is not None and (ex := cache.get(p, max_bytes)) is not None}
    todo = [p for p in paths if p not in cached]
    if executor == "dask" or (jobs > 1 and len(todo) > 1):
        from .distributed import load_and_extract
        with timed(timings, "load+clean+extract"):
            done, errors = (load_and_extract(todo, max_bytes, scheduler=scheduler, workers=jobs, progress=progress)
                            if executor == "dask" else _load_and_extract_locally(todo, max_bytes, jobs, progress))
        by_path = {Path(ex.article.path): ex for ex in done}
    else:
        with timed(timings, "load+clean"):
            fresh, errors = read_articles(todo, max_bytes, progress)
        with timed(timings, "extract"):
            by_path = {Path(ex.article.path): ex for ex in extract_all(fresh, progress)}
    if cache is not None:
        for path, ex in by_path.items():
            cache.put(path, max_bytes, ex)
        cache.prune()
    by_path.update(cached)
    articles, warnings = _dedupe([by_path[p].article for p in paths if p in by_path])
    extraction_of = {id(ex.article): ex for ex in by_path.values()}
    return articles, [extraction_of[id(a)] for a in articles], errors, warnings


def read_inputs(inputs: list[str], report: BuildReport, max_bytes: int, jobs: int, executor: str,
                scheduler: str | None, cache_dir: Path | None, progress: Progress | None,
                timings: dict[str, float] | None) -> tuple[list[Article], list[Extraction]]:
    """The articles of ``inputs`` and their extractions; what was skipped, and why, goes to ``report``."""
    paths, missing = collect(list(inputs))
    report.skipped += missing
    articles, extractions, errors, warnings = extract_inputs(
        paths, max_bytes, jobs, executor, scheduler, cache_dir, progress, timings)
    report.skipped += errors
    report.warnings += warnings
    if not articles:
        raise BuildError("no article could be built", report.skipped)
    return articles, extractions


def build(inputs: list[str], out: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 1,
          validate_shapes: bool = True, write_view: bool = True,
          progress: Progress | None = None, executor: str = "local", scheduler: str | None = None,
          cache_dir: Path | None = None, timings: dict[str, float] | None = None) -> BuildReport:
    """Build the graph of ``inputs`` into the folder ``out``, replacing what it held.

    ``executor="dask"`` extracts on a Dask cluster (``scheduler`` address, else a local one
    of ``jobs`` workers); ``cache_dir`` keeps the extractions of unchanged files between
    builds; ``timings`` receives the seconds spent in each stage. ``vnkg add``
    (``incremental.add``) adds articles to a built folder.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: exists and is not a folder")
    report = BuildReport(out=out)
    articles, extractions = read_inputs(inputs, report, max_bytes, jobs, executor, scheduler, cache_dir,
                                        progress, timings)
    with timed(timings, "resolve"):
        res = resolve(extractions)
    report.articles = len(articles)
    count_facts(report, extractions, res)
    manifest = {
        # relative to the graph folder, so the committed manifest is the same on every machine
        "inputs": sorted({relative_input(a, out) for a in articles}),
        "iris": res.previous_keys(),
        "initiatives": known_initiatives(res),
        "person_blocks": known_person_blocks(res),
    }
    with writing(out) as generation:
        store_dir = generation.dir / "store"
        with timed(timings, "rdf+store"):
            report.quads = _load(store_dir, rdf_quads(extractions, res))
        # from here on the store holds all the build needs: let the rest go
        del extractions, articles, res
        kill_point("store-written")
        _check_and_write(store_dir, outputs_in(generation.dir), validate_shapes, write_view, report, timings)
        write_manifest(generation.dir / MANIFEST, manifest)
        kill_point("exports-written")
        generation.commit()
    return report


def _load(store_dir: Path, quads: Iterable[ox.Quad]) -> int:
    """Load the RDF stage's quads into the new store at ``store_dir``, in batches, so that
    the whole graph never exists as Python objects; returns the number of quads stored."""
    store = ox.Store(str(store_dir))
    try:
        for batch in _batches(quads, _LOAD_BATCH):
            store.bulk_extend(batch)
        store.flush()
        return len(store)
    finally:
        # pyoxigraph closes RocksDB when the last reference goes: before the swap renames it.
        del store


def _check_and_write(store_dir: Path, staged: dict[str, Path], validate_shapes: bool,
                     write_view: bool, report: BuildReport, timings: dict[str, float] | None) -> None:
    """Validate the new store and write the staged exports and view from it.

    Validation runs on a checkpoint of the store (it adds the ontology to the data it
    queries), each in a process of its own beside the exports and the view (``_outputs``).
    """
    check = store_dir.parent / f".{store_dir.name}.check"
    if validate_shapes:
        store = ox.Store(str(store_dir))
        try:
            shutil.rmtree(check, ignore_errors=True)
            store.backup(str(check))      # hard links, made in milliseconds
        finally:
            del store                     # closed before the workers open it
    try:
        shapes_report = _outputs(store_dir, staged, check if validate_shapes else None, write_view, timings)
    finally:
        shutil.rmtree(check, ignore_errors=True)
    if shapes_report is not None and not shapes_report.conforms:
        raise BuildError("the graph does not conform to ontology/shapes.ttl:\n" + shapes_report.text,
                         report.skipped)


def write_snapshots(store_dir: Path, staged: dict[str, Path], write_view: bool,
                    timings: dict[str, float] | None) -> None:
    """graph.ttl, graph.trig and (with ``write_view``) graph.html of the store in ``store_dir``
    (flushed), to the staged paths."""
    _outputs(store_dir, staged, None, write_view, timings)


def _outputs(store_dir: Path, staged: dict[str, Path], check: Path | None, write_view: bool,
             timings: dict[str, float] | None):
    """Write the snapshots and validate ``check`` (a checkpoint of the store, when given), each
    in a worker process: Oxigraph holds the GIL while it reads, so threads of one process took
    turns (validation: 2.4 s alone, 12.8 s beside the exports at 1,000 articles). The workers
    are forked, so they start at once and see the same code; the longest jobs go first.
    Returns the shapes report (None without ``check``)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    jobs = [("export ttl", str(store_dir), str(staged["graph.ttl"])),
            ("export trig", str(store_dir), str(staged["graph.trig"]))]
    if check is not None:
        jobs.append(("validate", str(check), ""))
    if write_view:
        jobs.append(("view", str(store_dir), str(staged["graph.html"])))
    shapes_report = None
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    _shrink_before_fork()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_die_with_parent) as pool:
            running = {}
            for stage, source, target in jobs:
                if isinstance(timings, Stages):
                    timings.changed(stage, True)
                running[stage] = pool.submit(_output_job, stage, source, target)
            try:
                for stage, future in running.items():
                    seconds, result = future.result()
                    if stage == "validate":
                        shapes_report = result
                    if timings is not None:
                        timings[stage] = timings.get(stage, 0.0) + seconds
                    if isinstance(timings, Stages):
                        timings.changed(stage, False)
            except BaseException:
                for future in running.values():
                    future.cancel()
                raise
    finally:
        gc.unfreeze()
    return shapes_report


def _shrink_before_fork() -> None:
    """Keep the forked workers from copying the build's heap: give the memory the freed
    extractions held back to the system, and freeze what is left, so that the workers'
    garbage collections do not write to (and so copy) the pages they share with this process."""
    gc.collect()
    try:
        import ctypes
        ctypes.CDLL(None).malloc_trim(0)        # glibc: freed arenas back to the system
    except (OSError, AttributeError):
        pass
    gc.freeze()


def _die_with_parent() -> None:
    """A worker of a build that is killed (``kill -9``) ends with it, not writing on alone."""
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)      # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass


def _output_job(stage: str, source: str, target: str):
    """One job of ``_outputs``, in a worker process: (its seconds, the shapes report or None)."""
    start = time.perf_counter()
    result = None
    if stage == "validate":
        from .validate import validate_store
        store = ox.Store(source)
        try:
            result = validate_store(store)
        finally:
            del store
    else:
        store = ox.Store.read_only(source)
        try:
            if stage == "view":
                from .view import write_view as render_view
                render_view(store, Path(target))
            else:
                from .export import export_many
                export_many(store, {stage.split()[1]: target}, on_disk=True)
        finally:
            del store
    return time.perf_counter() - start, result


# Quads per bulk load: a few large loads (each is sorted and written as new files), not one
# load holding the whole graph.
_LOAD_BATCH = 250_000


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def count_facts(report: BuildReport, extractions: list[Extraction], res: Resolution) -> None:
    for e in res.entities.values():
        report.entities[e.kind.value] += 1
    for ex in extractions:
        for r in ex.relations:
            report.facts[r.kind] += 1
        report.facts["statement"] += len(ex.statements)
    report.entities = Counter(dict(sorted(report.entities.items())))
