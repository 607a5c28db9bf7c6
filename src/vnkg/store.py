"""The on-disk pyoxigraph store, and the bridge between rdflib and pyoxigraph terms.

A store directory is only ever replaced whole (``replace_store``: build a new store
beside it, then swap) or changed in one transaction (``replace_graphs``), so a build
interrupted at any point leaves the previous store readable.

Layout next to a store ``DIR``:

- ``.DIR.new``  the store being built (deleted if the build fails; stale ones are
  removed by the next build),
- ``.DIR.old``  the previous store during the swap (restored if the swap was cut off),
- ``.DIR.lock`` an advisory lock held while a build or a recovery runs,
- ``.DIR.check`` a checkpoint of the new store that validation runs on (deleted after).
"""
from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import pyoxigraph as ox

if TYPE_CHECKING:
    import rdflib
# rdflib is imported where terms are converted, not here: the commands that only read the
# store (vnkg query) start 70 ms sooner without it

__all__ = [
    "PREFIXES", "StoreError", "StoreLockedError", "OxTerm", "QuadSource", "compact_iri",
    "open_store", "staged_store", "checkpoint", "replace_store", "replace_graphs", "dataset_quads", "union_triples",
    "iter_quads", "to_oxigraph", "to_rdflib", "term_key",
]

#: Prefixes used for display, SPARQL queries and serializations (docs/data-model.md).
PREFIXES: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "id": "https://w3id.org/vnkg/id/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "role": "https://w3id.org/vnkg/role/",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vnkg": "https://w3id.org/vnkg/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# Longest namespace first, so id: wins over vnkg: for instance IRIs.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0]))

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.DefaultGraph, ox.Triple]
QuadSource = Union[ox.Store, ox.Dataset, "rdflib.Graph", Iterable[ox.Quad]]


class StoreError(Exception):
    """A store that cannot be opened or written; the message names the directory."""


class StoreLockedError(StoreError):
    """Another process holds the store (RocksDB lock or a build in progress)."""


def compact_iri(iri: str) -> str:
    """``https://w3id.org/vnkg/id/person/x`` → ``id:person/x`` (display only)."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


# --------------------------------------------------------------------------- terms

def to_oxigraph(term: rdflib.term.Node | None) -> Any:   # an OxTerm of the input's kind
    """An rdflib term as a pyoxigraph term; ``None`` and rdflib's default graph → DefaultGraph.

    Lexical forms are kept as written (no normalisation), language tags and
    datatypes carried over; ``xsd:string`` and plain literals are the same thing.
    """
    import rdflib
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    from rdflib.term import BNode, Literal, URIRef

    if term is None or term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(term, rdflib.Graph):       # a context object from Dataset.quads()
        return to_oxigraph(term.identifier)
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to a pyoxigraph term")


def to_rdflib(term: OxTerm) -> rdflib.term.Node:
    """A pyoxigraph term as an rdflib term (DefaultGraph → rdflib's default graph id)."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    from rdflib.term import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        # normalize=False: keep the lexical form byte for byte ("01" stays "01").
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def term_key(term: OxTerm) -> str:
    """Sort key of a term: its N-Triples form; the default graph sorts first."""
    return "" if isinstance(term, ox.DefaultGraph) else str(term)


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (term_key(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def iter_quads(source: QuadSource) -> Iterator[ox.Quad]:
    """The quads of a store, dataset, rdflib graph or quad iterable, as pyoxigraph quads."""
    if isinstance(source, (ox.Store, ox.Dataset)):
        yield from source
        return
    import rdflib
    from rdflib.graph import ConjunctiveGraph
    from rdflib.term import URIRef

    if isinstance(source, ConjunctiveGraph):          # rdflib Dataset: all graphs
        for s, p, o, g in source.quads((None, None, None, None)):
            yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(g))
    elif isinstance(source, rdflib.Graph):
        # A plain Graph is one graph: its identifier names it unless it is a
        # default/anonymous graph (rdflib gives those a blank-node identifier).
        graph = source.identifier
        name = to_oxigraph(graph) if isinstance(graph, URIRef) else ox.DefaultGraph()
        for s, p, o in source:
            yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)
    else:
        for q in source:
            yield q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object)


def dataset_quads(source: QuadSource) -> list[ox.Quad]:
    """All quads of a store, dataset, rdflib graph or quad iterable: deduplicated, sorted.

    Sorted by (graph, subject, predicate, object) in N-Triples form, default graph
    first, so that every writer downstream sees the same order on every run.
    """
    return sorted(set(iter_quads(source)), key=_quad_key)


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs as sorted, deduplicated triples."""
    triples = {q.triple for q in quads}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


# --------------------------------------------------------------------------- store

def _siblings(store_dir: Path) -> tuple[Path, Path, Path]:
    """(new, old, lock) paths beside ``store_dir``."""
    parent, name = store_dir.parent, store_dir.name
    return parent / f".{name}.new", parent / f".{name}.old", parent / f".{name}.lock"


def _checkpoint_dir(store_dir: Path) -> Path:
    return store_dir.parent / f".{store_dir.name}.check"


@contextmanager
def _build_lock(store_dir: Path, *, wait: bool) -> Iterator[None]:
    """Advisory lock serialising builds and recoveries of one store directory."""
    lock_path = _siblings(store_dir)[2]
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise StoreLockedError(
                f"{store_dir}: another process is building this store; wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _recover(store_dir: Path) -> None:
    """Undo what an interrupted swap left behind (call with the build lock held).

    The previous store is renamed aside only after the new one is complete; if the
    process died before the new one was renamed in, the previous store comes back.
    """
    new, old, _ = _siblings(store_dir)
    if old.exists():
        if store_dir.exists():
            shutil.rmtree(old)                 # the swap finished; only the delete was cut off
        else:
            os.rename(old, store_dir)
    if new.exists():
        shutil.rmtree(new)                     # a build that never reached the swap
    shutil.rmtree(_checkpoint_dir(store_dir), ignore_errors=True)


def _open(path: Path, read_only: bool) -> ox.Store:
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        if "LOCK" in str(exc):   # RocksDB: "While lock file: DIR/LOCK: ..."
            raise StoreLockedError(
                f"{path}: the store is open in another process (RocksDB lock held); "
                "stop that process (e.g. a running `vnkg add`) or open the store read-only"
            ) from None
        raise StoreError(f"{path}: cannot open the store: {exc}") from None


def open_store(path: str | os.PathLike[str], *, read_only: bool = False) -> ox.Store:
    """Open the store in ``path`` (created if missing, unless ``read_only``).

    Read-only opens do not take RocksDB's lock, so they work beside a writer or
    ``vnkg serve``'s workers; a second read-write open raises StoreLockedError.
    """
    # a graph folder's store/ is a link through its generation pointer: open what it names
    # now, so that a later switch cannot mix two generations' files under one open store
    store_dir = Path(os.path.realpath(path))
    if not store_dir.exists() and _siblings(store_dir)[1].exists():
        with _build_lock(store_dir, wait=True):
            _recover(store_dir)
    if read_only and not store_dir.is_dir():
        raise StoreError(f"{store_dir}: no store here (build the graph first)")
    return _open(store_dir, read_only)


def _bulk_build(path: Path, quads: Iterable[ox.Quad]) -> None:
    """Bulk-load ``quads`` into a new store at ``path`` and close it."""
    store = ox.Store(str(path))
    try:
        store.bulk_extend(quads)
        store.flush()
    finally:
        # pyoxigraph closes RocksDB when the last reference goes; drop ours even when
        # a traceback keeps this frame alive, so the directory can be removed.
        del store


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def staged_store(store_dir: str | os.PathLike[str]) -> Iterator[Path]:
    """The directory of a new, empty store that replaces ``store_dir`` when the block succeeds.

    The new store is filled in ``.DIR.new`` (bulk loading is fast but not transactional,
    hence the separate directory), then swapped in by two renames. If the block raises,
    or the process is killed, before the swap, the previous store is untouched; a swap cut
    off between its two renames is undone by the next ``open_store``/``staged_store``.
    Open the yielded path with ``ox.Store`` and drop that object before the block ends:
    RocksDB must be closed before its directory is renamed.
    """
    store_dir = Path(store_dir)
    new, old, _ = _siblings(store_dir)
    with _build_lock(store_dir, wait=False):
        _recover(store_dir)
        if store_dir.exists():
            # Never rename away and delete something that is not a store.
            if not store_dir.is_dir() or (any(store_dir.iterdir())
                                          and not (store_dir / "CURRENT").is_file()):
                raise StoreError(f"{store_dir}: exists and is not a store; not replacing it")
            _open(store_dir, read_only=False)   # fail now if another process writes to it
        try:
            yield new
        except BaseException:                  # including KeyboardInterrupt
            shutil.rmtree(new, ignore_errors=True)
            raise
        if store_dir.exists():
            os.rename(store_dir, old)
        os.rename(new, store_dir)
        _fsync_dir(store_dir.parent)
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def checkpoint(store: ox.Store, store_dir: str | os.PathLike[str]) -> Iterator[ox.Store]:
    """A writable copy of ``store`` (a RocksDB checkpoint: hard links, made in milliseconds)
    that is deleted when the block ends; ``store_dir`` is where ``store`` lives.

    Changes to the copy do not reach ``store``, so a check that adds data for its own
    queries can run beside readers of the original.
    """
    path = _checkpoint_dir(Path(store_dir))
    shutil.rmtree(path, ignore_errors=True)
    store.backup(str(path))
    copy = ox.Store(str(path))
    try:
        yield copy
    finally:
        del copy
        shutil.rmtree(path, ignore_errors=True)


def replace_store(store_dir: str | os.PathLike[str], quads: Iterable[ox.Quad]) -> int:
    """Replace the store in ``store_dir`` with exactly ``quads``; returns their number.

    See ``staged_store`` for what an interruption leaves behind.
    """
    count = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal count
        for q in quads:
            count += 1
            yield q

    with staged_store(store_dir) as new:
        _bulk_build(new, counted())
    return count


def _insert_data(graph: ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple]) -> str:
    lines = []
    for q in quads:
        if isinstance(q, ox.Quad) and q.graph_name != graph:
            raise ValueError(f"quad {q} is not in graph {graph}")
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            # INSERT DATA would mint fresh blank nodes; the data model has none anyway.
            raise ValueError(f"blank nodes cannot be stored by replace_graphs: {q}")
        # N-Triples term syntax is valid SPARQL term syntax (escaped strings, <IRIs>).
        lines.append(f"{q.subject} {q.predicate} {q.object} .")
    return f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n" + "\n".join(lines) + "\n} }"


def replace_graphs(
    store: str | os.PathLike[str] | ox.Store,
    graphs: Mapping[str, Iterable[ox.Quad | ox.Triple]],
) -> None:
    """Replace the named graphs in ``graphs`` (IRI → its new quads), in one transaction.

    Other graphs are not touched. The whole change is a single SPARQL Update
    request, which pyoxigraph applies atomically: an interrupted call leaves every
    graph as it was (``remove_graph`` followed by ``extend`` would be two
    transactions, with a window where the graph is simply gone).
    """
    parts = [_insert_data(ox.NamedNode(iri), qs) for iri, qs in sorted(graphs.items())]
    if not parts:
        return
    update = " ;\n".join(parts)
    if isinstance(store, ox.Store):
        store.update(update)
        store.flush()
        return
    opened = open_store(store)
    try:
        opened.update(update)
        opened.flush()
    finally:
        del opened                             # closes RocksDB, releasing its lock
