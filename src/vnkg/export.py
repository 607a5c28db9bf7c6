"""Write the graph as Turtle, N-Triples, TriG, N-Quads, JSON-LD or GraphML, byte-stable.

Every writer reads a pyoxigraph store (other sources are first loaded into an
in-memory one) in one fixed order: subjects in N-Triples order for the union formats,
graph by graph for the quad formats, so the same quads give the same bytes on every
run whatever order the store returns them in. Only one subject's or one graph's
triples are held at a time, so exporting a large on-disk store needs little memory
(JSON-LD and GraphML, whose writers need the whole document, excepted). N-Triples and N-Quads are pyoxigraph's canonical lines,
sorted. Turtle, TriG and JSON-LD are written here rather than by a library, so their
layout (prefixes, subject blocks, order) is ours and cannot change under us, and
prefixed names are limited to what rdflib, pyoxigraph and rapper all read. Files
are written to a temporary sibling and renamed into place, so an interrupted export
never leaves a half-written file.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import IO

import networkx as nx
import pyoxigraph as ox

from vnkg.store import (
    PREFIXES, QuadSource, compact_iri, iter_quads, term_key, union_triples,
)

__all__ = ["FORMATS", "TURTLE_PREFIXES", "export", "export_many", "to_graphml_graph"]

#: Format name → file extension.
FORMATS: dict[str, str] = {
    "ttl": ".ttl", "nt": ".nt", "trig": ".trig", "nq": ".nq", "jsonld": ".jsonld",
    "graphml": ".graphml",
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

def export(source: QuadSource, fmt: str, out: str | os.PathLike[str]) -> Path:
    """Write ``source`` (store, dataset, rdflib graph or quads) to ``out`` in ``fmt``.

    ``ttl``, ``nt`` and ``graphml`` hold the union of all graphs (a triple stated by
    several articles appears once); ``trig``, ``nq`` and ``jsonld`` keep the named
    graphs. Returns the path written.
    """
    return export_many(source, {fmt: out})[0]


def export_many(source: QuadSource, outputs: dict[str, str | os.PathLike[str]]) -> list[Path]:
    """Write ``source`` once per format in ``outputs`` (format → path), sorting the quads once."""
    for fmt in outputs:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(source, ox.Store):
        store = source
    else:
        store = ox.Store()
        store.extend(iter_quads(source))
    written = []
    for fmt, out in outputs.items():
        out = Path(out)
        with _atomic_write(out) as fh:
            _WRITERS[fmt](store, fh)
        written.append(out)
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
# id:person/x), so that no prefixed name needs an escaped "/" (id:person\/x is valid
# Turtle that people and some tools misread). The id/org/ path is "organization:",
# since "org:" is the W3C ORG vocabulary.
_ID_PATHS = {"article": "article", "change": "change", "doc": "doc", "event": "event",
             "evidence": "evidence", "initiative": "initiative", "org": "organization",
             "person": "person", "place": "place", "post": "post", "statement": "statement"}
TURTLE_PREFIXES: dict[str, str] = {**PREFIXES, **{
    prefix: f"{PREFIXES['id']}{path}/" for path, prefix in _ID_PATHS.items()}}
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


def _ttl_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
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
    return str(term)                              # blank node: _:id


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


# Oxigraph finds the distinct subjects itself: decoding every quad into Python costs more.
_SUBJECTS = "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def _subjects(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode]:
    """Every subject of every graph, in N-Triples order (the order of sorted lines too)."""
    return sorted((row[0] for row in store.query(_SUBJECTS)), key=str)


def _graphs(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
    """The graphs holding quads: the default graph first, then by name."""
    named = sorted(store.named_graphs(), key=term_key)
    default = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
    return ([ox.DefaultGraph()] if default is not None else []) + named


def _subject_triples(store: ox.Store, subject: ox.NamedNode | ox.BlankNode) -> list[ox.Triple]:
    """The union of all graphs' triples about ``subject``, in Turtle block order."""
    return sorted({q.triple for q in store.quads_for_pattern(subject, None, None)}, key=_triple_key)


def _write_turtle(store: ox.Store, fh: IO[bytes]) -> None:
    fh.write(_prefix_header().encode())
    for subject in _subjects(store):
        fh.write(_turtle_blocks(_subject_triples(store, subject)).encode())


def _write_trig(store: ox.Store, fh: IO[bytes]) -> None:
    """Default-graph triples first, then one ``graph { … }`` block per named graph."""
    fh.write(_prefix_header().encode())
    for graph in _graphs(store):
        triples = sorted((q.triple for q in store.quads_for_pattern(None, None, None, graph)), key=_triple_key)
        if not triples:
            continue
        if isinstance(graph, ox.DefaultGraph):
            fh.write(_turtle_blocks(triples).encode())
        else:
            fh.write((_ttl_term(graph) + " {\n" + _turtle_blocks(triples, "\t") + "}\n").encode())


def _sorted_lines(data: bytes) -> bytes:
    return b"".join(sorted(set(data.splitlines(keepends=True))))


def _write_ntriples(store: ox.Store, fh: IO[bytes]) -> None:
    # Lines sorted subject by subject are sorted overall: a line starts with its subject.
    for subject in _subjects(store):
        triples = [q.triple for q in store.quads_for_pattern(subject, None, None)]
        fh.write(_sorted_lines(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)))


def _write_nquads(store: ox.Store, fh: IO[bytes]) -> None:
    for subject in _subjects(store):
        quads = list(store.quads_for_pattern(subject, None, None))
        fh.write(_sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS)))


# --------------------------------------------------------------------------- JSON-LD

def _jsonld_iri(iri: str) -> str:
    """Compact IRI for JSON-LD, or the IRI itself when compaction would be ambiguous."""
    short = compact_iri(iri)
    # "p://x" would read as an absolute IRI, not a compact one.
    return iri if short == iri or short.split(":", 1)[1].startswith("//") else short


def _jsonld_value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"@id": _jsonld_iri(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == _XSD_STRING:
        return {"@value": term.value}
    # Typed values stay strings with @type: no float/integer round trip through JSON.
    return {"@value": term.value, "@type": _jsonld_iri(term.datatype.value)}


def _jsonld_nodes(triples: list[ox.Triple]) -> list[dict[str, object]]:
    nodes: dict[str, dict[str, object]] = {}
    for t in sorted(triples, key=_triple_key):
        subject = (f"_:{t.subject.value}" if isinstance(t.subject, ox.BlankNode)
                   else _jsonld_iri(t.subject.value))
        node = nodes.setdefault(str(t.subject), {"@id": subject})
        if t.predicate.value == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(_jsonld_iri(t.object.value))  # type: ignore[union-attr]
        else:
            key = _jsonld_iri(t.predicate.value)
            node.setdefault(key, []).append(_jsonld_value(t.object))  # type: ignore[union-attr]
    return list(nodes.values())


def _write_jsonld(store: ox.Store, fh: IO[bytes]) -> None:
    """Compact JSON-LD with our prefixes as the context; one ``@graph`` per named graph.

    Written from the sorted quads rather than by rdflib, whose node order follows
    its in-memory store and is not promised to be stable.
    """
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in store:
        by_graph[_graph_name(q.graph_name)].append(q.triple)
    top: list[dict[str, object]] = _jsonld_nodes(by_graph.pop("", []))
    for name in sorted(by_graph):
        top.append({"@id": _jsonld_iri(name), "@graph": _jsonld_nodes(by_graph[name])})
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": top}
    fh.write(json.dumps(doc, ensure_ascii=False, indent=1).encode() + b"\n")


def _graph_name(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    """A graph name as a string: the IRI, ``_:id`` for a blank node, "" for the default graph."""
    if isinstance(graph, ox.DefaultGraph):
        return ""
    return graph.value if isinstance(graph, ox.NamedNode) else f"_:{graph.value}"


# --------------------------------------------------------------------------- GraphML

# Main type of a node, most specific first: the GraphML "type" attribute.
_MAIN_TYPES = tuple(
    iri for iri in (
        "http://xmlns.com/foaf/0.1/Person", _SDO + "Person",
        "https://w3id.org/vnkg/Ministry", "https://w3id.org/vnkg/Department",
        "https://w3id.org/vnkg/PartyBody", "https://w3id.org/vnkg/GovernmentBody",
        "https://w3id.org/vnkg/Company", "https://w3id.org/vnkg/InternationalOrganization",
        "http://www.w3.org/ns/org#FormalOrganization", "http://www.w3.org/ns/org#Organization",
        _SDO + "Legislation", "https://w3id.org/vnkg/Initiative",
        _SDO + "Country", _SDO + "City", _SDO + "AdministrativeArea", _SDO + "Place",
        "http://www.w3.org/ns/org#Post", _SDO + "NewsArticle", "https://w3id.org/vnkg/Statement",
        _SDO + "Event", "https://w3id.org/vnkg/Evidence", "http://www.w3.org/ns/org#Role",
        "http://www.w3.org/2004/02/skos/core#Concept",
    )
)
# Properties giving a node's display label, in order of preference.
_LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://xmlns.com/foaf/0.1/name", _SDO + "name", _SDO + "legislationIdentifier",
    "http://purl.org/dc/terms/title", "http://purl.org/dc/terms/identifier",
)
# IRI-valued properties that point outside the graph (a web page, a property): kept
# as attributes, not as edges to nodes that are not entities.
_IRI_ATTRIBUTES = {_SDO + "url", "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"}
_ARTICLE = _SDO + "NewsArticle"
_TEXT = _SDO + "text"


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def to_graphml_graph(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """The union graph as networkx: IRI nodes, object-property edges, literals as attributes.

    Node attributes: ``label``, ``type`` (local name of the main type) and one
    attribute per literal property (compact name, values joined with `` | ``); an
    article's full text is left out. Edges carry ``predicate`` (compact name) and
    are keyed by it. Every value is a string (GraphML has no null).
    """
    types: dict[str, set[str]] = defaultdict(set)
    literals: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    edges: list[tuple[str, str, str]] = []
    nodes: set[str] = set()
    for t in union_triples(quads):
        if not isinstance(t.subject, ox.NamedNode):
            continue
        s, p = t.subject.value, t.predicate.value
        nodes.add(s)
        if p == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
            types[s].add(t.object.value)
        elif isinstance(t.object, ox.NamedNode) and p in _IRI_ATTRIBUTES:
            literals[s][p].add(compact_iri(t.object.value))
        elif isinstance(t.object, ox.NamedNode):
            nodes.add(t.object.value)
            edges.append((s, t.object.value, compact_iri(p)))
        elif isinstance(t.object, ox.Literal):
            literals[s][p].add(t.object.value)
    g = nx.MultiDiGraph()
    for node in sorted(nodes):
        kinds = types.get(node, set())
        if _ARTICLE in kinds:
            literals[node].pop(_TEXT, None)
        main = next((k for k in _MAIN_TYPES if k in kinds), min(kinds, default=""))
        values = literals.get(node, {})
        label = next((min(values[p]) for p in _LABELS if values.get(p)), _local_name(node))
        attrs = {"label": label, "type": _local_name(main) if main else ""}
        for p in sorted(values, key=compact_iri):
            attrs[compact_iri(p)] = " | ".join(sorted(values[p]))
        g.add_node(node, **attrs)
    for s, o, pred in sorted(edges):
        g.add_edge(s, o, key=pred, predicate=pred)
    return g


def _write_graphml(store: ox.Store, fh: IO[bytes]) -> None:
    nx.write_graphml(to_graphml_graph(store), fh, encoding="utf-8", prettyprint=True)


_WRITERS = {
    "ttl": _write_turtle, "nt": _write_ntriples, "trig": _write_trig, "nq": _write_nquads,
    "jsonld": _write_jsonld, "graphml": _write_graphml,
}
