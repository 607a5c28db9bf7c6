"""Write the graph as Turtle, N-Triples, TriG, N-Quads, JSON-LD, GraphML or CSV, byte-stable.

GraphML and the CSV tables are the entity network an analyst opens in Gephi or pandas
(vnkg.graphdata: persons, organizations, documents, initiatives, places and events, posts
as role-labelled person→organization edges), not the RDF graph itself.

TriG is written by pyoxigraph's own serializer from an on-disk store (about twice as fast
as a Python writer): RocksDB gives the quads in key order, which depends on the quads
alone, so the same quads give the same bytes however they were added (an in-memory store
gives them in the order added, so other sources are first copied to a scratch store on
disk). Turtle holds the union of the graphs, which no store holds in key order; a union
copy cost more than it saved, so it is written here, subject by subject (each subject one
block, subjects in N-Triples order), holding one subject's triples at a time. Prefixed
names are never escaped (an escaped "/" or "." in a local name is valid Turtle that people
and some parsers misread): each path of instance IRIs has a prefix of its own, and an IRI
that would need an escape is written whole (in TriG, by leaving out the prefix under which
it would fall). N-Triples and N-Quads are pyoxigraph's canonical lines, sorted. Files are
written to a temporary sibling and renamed into place, so an interrupted export never
leaves a half-written file.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import mmap
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import IO, Any, cast

import networkx as nx
import pyoxigraph as ox

from vnkg.store import (
    PREFIXES, QuadSource, compact_iri, iter_quads,
)

__all__ = ["FORMATS", "TURTLE_PREFIXES", "export", "export_many", "to_graphml_graph"]

#: Format name → the file it is written to in a graph folder by default.
FORMATS: dict[str, str] = {
    "ttl": "graph.ttl", "nt": "graph.nt", "trig": "graph.trig", "nq": "graph.nq", "jsonld": "graph.jsonld",
    "graphml": "graph.graphml", "entities": "entities.csv", "posts": "posts.csv",
}

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SDO = "https://schema.org/"

# Predicates listed first in a subject block (then the rest in IRI order): type, names.
_FIRST_PREDICATES = {
    _RDF_TYPE: 0,
    "http://www.w3.org/2000/01/rdf-schema#label": 1,
    "http://www.w3.org/2004/02/skos/core#prefLabel": 2,
    "http://www.w3.org/2004/02/skos/core#altLabel": 3,
}


# --------------------------------------------------------------------------- entry

def export(source: QuadSource, fmt: str, out: str | os.PathLike[str] | IO[bytes], *,
           on_disk: bool = False) -> Path | None:
    """Write ``source`` (store, dataset, rdflib graph or quads) to ``out`` in ``fmt``.

    ``ttl`` and ``nt`` hold the union of all graphs (a triple stated by several articles
    appears once); ``trig``, ``nq`` and ``jsonld`` keep the named graphs; ``graphml`` is
    the entity network, ``entities`` and ``posts`` are CSV tables of it. ``out`` is a
    path (written atomically; returned) or an open binary file (standard output).
    ``on_disk``: ``source`` is a store opened from a folder, whose quads come in key order.
    """
    if isinstance(out, (str, os.PathLike)):
        return export_many(source, {fmt: out}, on_disk=on_disk)[0]
    _check_formats([fmt])
    src = _Source(source, on_disk, None)
    try:
        _write(src, fmt, out)
    finally:
        src.close()
    return None


def _check_formats(formats: Iterable[str]) -> None:
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _as_store(source: QuadSource) -> ox.Store:
    if isinstance(source, ox.Store):
        return source
    store = ox.Store()
    store.extend(iter_quads(source))
    return store


def _write(source: _Source, fmt: str, fh: IO[bytes]) -> None:
    if fmt in _DUMPERS:
        _DUMPERS[fmt](source, fh)
    else:
        _WRITERS[fmt](source.store, fh)


def export_many(source: QuadSource, outputs: dict[str, str | os.PathLike[str]], *,
                on_disk: bool = False) -> list[Path]:
    """Write ``source`` once per format in ``outputs`` (format → path); see ``export``."""
    _check_formats(outputs)
    written = []
    outs = [Path(out) for out in outputs.values()]
    src = _Source(source, on_disk, outs[0].parent if outs else None)
    try:
        for fmt, out in zip(outputs, outs):
            with _atomic_write(out) as fh:
                _write(src, fmt, fh)
            written.append(out)
    finally:
        src.close()
    return written


@contextmanager
def _atomic_write(out: Path) -> Iterator[IO[bytes]]:
    """A binary file handle whose content replaces ``out`` only when the block succeeds."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    # mkstemp creates 0600; give the file the mode a plain open() would (readable
    # by the server and by other users, as before the rename).
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- RDF syntaxes

def _triple_key(t: ox.Triple) -> tuple[str, int, str, str]:
    p = t.predicate.value
    return (str(t.subject), _FIRST_PREDICATES.get(p, len(_FIRST_PREDICATES)), p, str(t.object))


# Turtle and TriG give each path of instance IRIs a prefix of its own (person:x for
# id:person/x), so that no prefixed name needs an escaped "/". The id/org/ path is
# "organization:", since "org:" is the W3C ORG vocabulary; graph/ is "graph:". Sorted: pyoxigraph writes the
# header in an order of its own, but from the same map the same bytes.
_ID_PATHS = {"article": "article", "change": "change", "doc": "doc", "event": "event",
             "evidence": "evidence", "initiative": "initiative", "org": "organization",
             "person": "person", "place": "place", "post": "post", "statement": "statement"}
TURTLE_PREFIXES: dict[str, str] = dict(sorted({
    **PREFIXES, "graph": f"{PREFIXES['vnkg']}graph/",      # graph:entities, the entities graph
    **{prefix: f"{PREFIXES['id']}{path}/" for path, prefix in _ID_PATHS.items()}}.items()))

_TURTLE_BY_LENGTH = sorted(TURTLE_PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0]))

# Local names written as prefixed names: letters (ASCII, Latin with Vietnamese
# diacritics, Thai), digits, "_" and "-". Anything else ("a/b", "a.b.", "x%20y") is
# written as a full <IRI>: valid Turtle escapes such as "\/" or a trailing "\." are
# not read alike by every parser (rdflib 7 rejects the latter).
_LETTERS = "A-Za-z0-9_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF\u0E01-\u0E5B"
_SAFE_LOCAL = re.compile(f"[{_LETTERS}][{_LETTERS}-]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@lru_cache(maxsize=1 << 16)     # predicates, types and entities repeat on every line
def _ttl_iri(iri: str) -> str:
    for prefix, ns in _TURTLE_BY_LENGTH:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if not local or _SAFE_LOCAL.fullmatch(local):
                return f"{prefix}:{local}"
    return f"<{iri}>"


def _ttl_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return _ttl_iri(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == _XSD_INTEGER and _INTEGER.fullmatch(term.value):
            return term.value
        quoted = str(ox.Literal(term.value))      # N-Triples escaping of the string
        if term.language:
            return f"{quoted}@{term.language}"
        return quoted if datatype == _XSD_STRING else f"{quoted}^^{_ttl_iri(datatype)}"
    return str(term)                              # blank node: _:id (a triple term: << >>)


def _turtle_blocks(triples: list[ox.Triple], indent: str = "") -> str:
    """Triples (sorted by subject) as Turtle subject blocks: ``s p o , o ; p o .``"""
    blocks = []
    for subject, group in groupby(triples, key=lambda t: t.subject):
        predicates = []
        for predicate, same in groupby(group, key=lambda t: t.predicate):
            verb = "a" if predicate.value == _RDF_TYPE else _ttl_iri(predicate.value)
            predicates.append(f"{verb} " + " , ".join(_ttl_term(t.object) for t in same))
        blocks.append(f"{indent}{_ttl_term(subject)} " + f" ;\n{indent}\t".join(predicates) + " .\n")
    return "".join(blocks)


def _prefix_header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(TURTLE_PREFIXES.items())) + "\n"



def _subject_triples(store: ox.Store, subject: ox.NamedNode | ox.BlankNode) -> list[ox.Triple]:
    """The union of all graphs' triples about ``subject``, in Turtle block order."""
    return sorted({q.triple for q in store.quads_for_pattern(subject, None, None)}, key=_triple_key)


def _write_turtle(store: ox.Store, fh: IO[bytes]) -> None:
    fh.write(_prefix_header().encode())
    for subject in _subjects(store):
        fh.write(_turtle_blocks(_subject_triples(store, subject)).encode())


# A local-name escape in pyoxigraph's output ("person:a.b\." for id/person/a.b.). Inside
# strings a backslash is followed by one of "\\nrtbfu: one followed by punctuation
# there is the second of a "\\" pair, and is preceded by a backslash.
_NAME_ESCAPE = re.compile(rb"\\[-_~.!$&'()*+,;=/?#@%]")


def _escaped_prefixes(data: bytes | mmap.mmap) -> set[str]:
    """The prefixes of the escaped prefixed names in Turtle or TriG ``data``."""
    found = set()
    for m in _NAME_ESCAPE.finditer(data):
        i = m.start()
        if data[i - 1:i] == b"\\":
            continue
        start = max(data.rfind(c, 0, i) for c in (b" ", b"\t", b"\n")) + 1
        found.add(bytes(data[start:data.find(b":", start)]).decode())
    return found


def _without(prefixes: dict[str, str], names: set[str]) -> dict[str, str]:
    """``prefixes`` less ``names`` and the shorter namespaces that would take over their IRIs
    (pyoxigraph writes an IRI with the longest namespace it starts with)."""
    gone = [prefixes[n] for n in names]
    return {p: ns for p, ns in prefixes.items() if not any(g.startswith(ns) for g in gone)}


def _dump_unescaped(dump: Callable[[Path, dict[str, str]], object], scratch: Path, fh: IO[bytes]) -> None:
    """Run ``dump`` (file, prefixes) into a scratch file with fewer prefixes until no prefixed
    name in it is escaped, then copy it to ``fh``."""
    body = scratch / "body"
    prefixes = TURTLE_PREFIXES
    while True:
        dump(body, prefixes)
        with open(body, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            with (mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else contextlib.nullcontext(b"")) as data:
                escaped = _escaped_prefixes(data)
            if not escaped:
                shutil.copyfileobj(f, fh, 1 << 20)
                return
        prefixes = _without(prefixes, escaped)


class _Source:
    """The store to export, and the on-disk copy the TriG writer dumps from when it is not one."""

    def __init__(self, source: QuadSource, on_disk: bool, scratch_dir: Path | None):
        self.store = _as_store(source)
        self.on_disk = on_disk and isinstance(source, ox.Store)
        self.scratch_dir = scratch_dir
        self._scratch: Path | None = None
        self._copy: ox.Store | None = None

    def scratch(self) -> Path:
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix=".vnkg-export.", dir=self.scratch_dir))
        return self._scratch

    def keyed(self) -> ox.Store:
        """The quads in an on-disk store (the source itself when it is one)."""
        if self.on_disk:
            return self.store
        if self._copy is None:
            data = self.scratch() / "quads.nq"
            self.store.dump(str(data), format=ox.RdfFormat.N_QUADS)
            self._copy = ox.Store(str(self.scratch() / "quads"))
            self._copy.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            data.unlink()
        return self._copy

    def close(self) -> None:
        self._copy = None             # pyoxigraph closes a store when its last reference goes
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)


def _write_trig(source: _Source, fh: IO[bytes]) -> None:
    """Default-graph triples first, then one ``graph { … }`` block per named graph."""
    store = source.keyed()
    _dump_unescaped(lambda path, prefixes: store.dump(str(path), format=ox.RdfFormat.TRIG, prefixes=prefixes),
                    source.scratch(), fh)


# Oxigraph finds the distinct subjects itself: decoding every quad into Python costs more.
_SUBJECTS = "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def _subjects(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode]:
    """Every subject of every graph, in N-Triples order (the order of sorted lines too)."""
    return sorted((row[0] for row in cast(ox.QuerySolutions, store.query(_SUBJECTS))), key=str)


def _sorted_lines(data: bytes) -> bytes:
    return b"".join(sorted(set(data.splitlines(keepends=True))))


def _write_ntriples(store: ox.Store, fh: IO[bytes]) -> None:
    # Lines sorted subject by subject are sorted overall: a line starts with its subject.
    for subject in _subjects(store):
        triples = [q.triple for q in store.quads_for_pattern(subject, None, None)]
        fh.write(_sorted_lines(cast(bytes, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))))


def _write_nquads(store: ox.Store, fh: IO[bytes]) -> None:
    for subject in _subjects(store):
        quads = list(store.quads_for_pattern(subject, None, None))
        fh.write(_sorted_lines(cast(bytes, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))))


# --------------------------------------------------------------------------- JSON-LD

def _jsonld_iri(iri: str) -> str:
    """Compact IRI for JSON-LD, or the IRI itself when compaction would be ambiguous."""
    short = compact_iri(iri)
    # "p://x" would read as an absolute IRI, not a compact one.
    return iri if short == iri or short.split(":", 1)[1].startswith("//") else short


def _jsonld_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"@id": _jsonld_iri(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if isinstance(term, ox.Triple):       # RDF-star: not in the data vnkg makes
        raise ValueError(f"JSON-LD 1.1 has no triple terms: {term}")
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == _XSD_STRING:
        return {"@value": term.value}
    # Typed values stay strings with @type: no float/integer round trip through JSON.
    return {"@value": term.value, "@type": _jsonld_iri(term.datatype.value)}


def _jsonld_nodes(triples: list[ox.Triple]) -> list[dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for t in sorted(triples, key=_triple_key):
        subject = (f"_:{t.subject.value}" if isinstance(t.subject, ox.BlankNode)
                   else _jsonld_iri(str(t.subject.value)) if isinstance(t.subject, ox.NamedNode) else str(t.subject))
        node = nodes.setdefault(str(t.subject), {"@id": subject})
        if t.predicate.value == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(_jsonld_iri(t.object.value))
        else:
            key = _jsonld_iri(t.predicate.value)
            node.setdefault(key, []).append(_jsonld_value(t.object))
    return list(nodes.values())


def _write_jsonld(store: ox.Store, fh: IO[bytes]) -> None:
    """Compact JSON-LD with our prefixes as the context; one ``@graph`` per named graph.

    Written from the sorted quads rather than by rdflib, whose node order follows
    its in-memory store and is not promised to be stable.
    """
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in store:
        by_graph[_graph_name(q.graph_name)].append(q.triple)
    top: list[dict[str, Any]] = _jsonld_nodes(by_graph.pop("", []))
    for name in sorted(by_graph):
        top.append({"@id": _jsonld_iri(name), "@graph": _jsonld_nodes(by_graph[name])})
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": top}
    fh.write(json.dumps(doc, ensure_ascii=False, indent=1).encode() + b"\n")


def _graph_name(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    """A graph name as a string: the IRI, ``_:id`` for a blank node, "" for the default graph."""
    if isinstance(graph, ox.DefaultGraph):
        return ""
    return graph.value if isinstance(graph, ox.NamedNode) else f"_:{graph.value}"


# --------------------------------------------------------------------------- the entity network

# The type a node is shown as: its most specific one (local names, vnkg.graphdata's ``types``).
_MAIN_TYPES = ("Ministry", "Department", "PartyBody", "GovernmentBody", "Company", "InternationalOrganization",
               "State", "FormalOrganization", "Organization", "Person", "Legislation", "Initiative",
               "Country", "City", "AdministrativeArea", "Place", "Event")


def _main_type(kind: str, types: list[str]) -> str:
    return next((t for t in _MAIN_TYPES if t in types), kind)


def to_graphml_graph(source: QuadSource) -> nx.MultiDiGraph:
    """The entity network of ``source`` as GraphML wants it (every value a string or a number).

    Nodes (the entity IRIs): ``label``, ``kind`` (Person, Organization, LegalDocument,
    Initiative, Place, Event), ``type`` (the most specific: Ministry, Department, …),
    ``names`` and ``posts`` (`` | ``-separated), ``articles`` (how many mention it),
    ``first_seen`` and ``last_seen`` (ISO dates of those articles, or ""). Edges: ``rel``
    (``post``, ``subOrganizationOf``, ``legislationPassedBy``, ``implements``,
    ``partnerIn``, ``chair``, ``attendee``, ``location``, ``areaServed``) and ``label``
    (the role of a post, "part of", "passed by", …), keyed ``rel:label``.
    """
    from .graphdata import to_networkx

    G = to_networkx(_as_store(source))
    out = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        out.add_node(n, label=d["label"], kind=d["kind"], type=_main_type(d["kind"], d["types"]),
                     names=" | ".join(d["names"]), posts=" | ".join(d["posts"]), articles=len(d["articles"]),
                     first_seen=d["first"], last_seen=d["last"])
    for u, v, key, d in G.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, rel=d["rel"], label=d["label"])
    return out


def _write_graphml(store: ox.Store, fh: IO[bytes]) -> None:
    nx.write_graphml(to_graphml_graph(store), fh, encoding="utf-8", prettyprint=True)


_ENTITY_COLUMNS = ("iri", "kind", "type", "label", "names", "articles", "first_seen", "last_seen")


def _write_entities_csv(store: ox.Store, fh: IO[bytes]) -> None:
    """One row per entity of the network (the nodes of the GraphML), by IRI."""
    G = to_graphml_graph(store)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(_ENTITY_COLUMNS)
    for n in sorted(G):
        writer.writerow([n, *(G.nodes[n][c] for c in _ENTITY_COLUMNS[1:])])
    fh.write(text.getvalue().encode("utf-8"))


# Each post once, with what the question library's ``posts`` says of it, IRIs included.
_POSTS = """
SELECT ?post ?person ?person_label ?role (COALESCE(?label, STRAFTER(STR(?role), STR(role:))) AS ?role_label)
       ?organization ?organization_label ?first_observed ?last_observed ?articles
WHERE {
  { SELECT ?post ?person ?role ?organization (COUNT(DISTINCT ?source) AS ?articles) WHERE {
      GRAPH ?source { ?post org:heldBy ?person ; org:role ?role ; org:postIn ?organization } }
    GROUP BY ?post ?person ?role ?organization }
  OPTIONAL { GRAPH <https://w3id.org/vnkg/graph/entities> { ?person rdfs:label ?person_label } }
  OPTIONAL { GRAPH <https://w3id.org/vnkg/graph/entities> { ?organization rdfs:label ?organization_label } }
  OPTIONAL { GRAPH <https://w3id.org/vnkg/graph/entities> {
      ?role skos:prefLabel ?label FILTER(LANG(?label) = "en") } }
  OPTIONAL { GRAPH <https://w3id.org/vnkg/graph/entities> {
      ?post vnkg:firstObserved ?first_observed ; vnkg:lastObserved ?last_observed } }
}
ORDER BY ?post
"""


def _write_posts_csv(store: ox.Store, fh: IO[bytes]) -> None:
    """One row per post: who, which role, in which organization, first and last observed."""
    answer = cast(ox.QuerySolutions, store.query(_POSTS, use_default_graph_as_union=True, prefixes=PREFIXES))
    columns = [v.value for v in answer.variables]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    for row in answer:
        writer.writerow(["" if row[c] is None else row[c].value for c in columns])
    fh.write(text.getvalue().encode("utf-8"))


_DUMPERS = {"trig": _write_trig}
_WRITERS = {
    "ttl": _write_turtle, "nt": _write_ntriples, "nq": _write_nquads,
    "jsonld": _write_jsonld, "graphml": _write_graphml, "entities": _write_entities_csv,
    "posts": _write_posts_csv,
}
