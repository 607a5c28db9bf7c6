"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

The union of all named graphs is validated (facts about one entity are spread over
the article graphs and the entities graph), merged with ``ontology/vnkg.ttl`` so
that the role concepts and the organization subclass links are visible. No RDFS/OWL
inference is run: the evaluation reads explicit types only, and inference would make
validation of thousands of nodes slow.

Two engines read the same shapes: ``sparql`` (the default) compiles them to SPARQL run by
Oxigraph (``shapes_sparql``), which scales to the whole corpus; ``pyshacl`` is the reference
implementation, used when the shapes need a feature the compiler lacks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from collections.abc import Iterable
from typing import Any, NamedTuple, cast

from rdflib import RDF, RDFS, Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.term import BNode, Node, URIRef

import pyoxigraph as ox

from vnkg.lexicon import ontology_dir
from vnkg.store import QuadSource, compact_iri, dataset_quads, to_oxigraph, to_rdflib

__all__ = ["Violation", "ValidationReport", "validate", "validate_store"]

SH = Namespace("http://www.w3.org/ns/shacl#")


class Violation(NamedTuple):
    """One SHACL result: the offending node, the property path, a message naming both."""

    focus: str          # the focus node's IRI
    path: str           # compact property path ("org:role", "^org:holds"), "" for node-level
    message: str        # "id:post/x: org:role: a post needs exactly one org:role ..."


@dataclass
class ValidationReport:
    conforms: bool                                        # no result of severity sh:Violation
    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)   # sh:Warning / sh:Info results
    text: str = ""                                        # one line per result, for humans


@cache
def _parsed(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _ontology() -> Graph:
    return _parsed(ontology_dir() / "vnkg.ttl")


@dataclass(frozen=True)
class _SparqlCheck:
    """An sh:sparql constraint of a shape, run once over the whole graph."""

    classes: tuple[Node, ...]        # the shape's sh:targetClass values
    select: str
    message: str
    prefixes: tuple[tuple[str, str], ...]


@cache
def _shapes(path: Path) -> tuple[Graph, tuple[_SparqlCheck, ...]]:
    """The shapes graph without its sh:sparql constraints, and those constraints.

    pyshacl parses an sh:sparql query again for every focus node (about 40 ms each in
    rdflib), which makes a few thousand evidence nodes take minutes; run as one
    query over the graph, the same check takes milliseconds. The shapes file stays
    the single statement of the rules.
    """
    shapes = _parsed(path)
    core = Graph()
    core += shapes
    checks = []
    for shape, constraint in sorted(cast(list[tuple[Any, Any]], list(shapes.subject_objects(SH.sparql)))):
        classes = tuple(sorted(shapes.objects(shape, SH.targetClass), key=str))
        others = [t for t in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
                  if shapes.value(shape, t) is not None]
        if not classes or others:
            raise ValueError(f"shapes.ttl: {shape}: sh:sparql is supported with sh:targetClass only")
        prefixes = tuple(sorted(
            (str(shapes.value(d, SH.prefix)), str(shapes.value(d, SH.namespace)))
            for source in shapes.objects(constraint, SH.prefixes)
            for d in shapes.objects(source, SH.declare)
        ))
        checks.append(_SparqlCheck(
            classes, str(shapes.value(constraint, SH.select)),
            str(shapes.value(constraint, SH.message) or "SPARQL constraint not met"), prefixes,
        ))
        core.remove((shape, SH.sparql, constraint))
    return core, tuple(checks)


def _instances(graph: Graph, classes: tuple[Node, ...]) -> set[Node]:
    """SHACL instances: typed with a class or one of its rdfs:subClassOf* subclasses."""
    found: set[Node] = set()
    for cls in classes:
        for sub in graph.transitive_subjects(RDFS.subClassOf, cls):
            found.update(graph.subjects(RDF.type, sub))
    return found


def _sparql_violations(graph: Graph, checks: tuple[_SparqlCheck, ...]) -> list[Violation]:
    found = []
    for check in checks:
        focus = _instances(graph, check.classes)
        for row in cast(Iterable[Any], graph.query(check.select, initNs=dict(check.prefixes))):
            this = row["this"]
            if this not in focus:
                continue
            value = row.get("value")
            text = check.message
            if value is not None and value != this:
                text += f" (value {_show(value, graph)})"
            found.append(Violation(str(this), "", f"{_show(this, graph)}: {text}"))
    return found


def _union(data: Graph | QuadSource) -> Graph:
    """A fresh graph holding every triple of every graph of ``data`` plus the ontology."""
    union = Graph()
    if isinstance(data, ConjunctiveGraph):          # rdflib Dataset: every named graph
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
    elif isinstance(data, Graph):
        union += data
    else:
        for q in dataset_quads(data):
            union.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    for t in _ontology():
        union.add(t)
    return union


def _show(node: Node | None, results: Graph) -> str:
    """A node for a message: compact IRI, literal text, or a SHACL path expression."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return compact_iri(str(node))
    if isinstance(node, Literal):
        return repr(str(node)) + (f"@{node.language}" if node.language else "")
    if isinstance(node, BNode):
        inverse = results.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + _show(inverse, results)
        if results.value(node, RDF.first) is not None:     # a sequence path
            return "/".join(_show(n, results) for n in Collection(results, node))
    return str(node)


def _report(violations: list[Violation], warnings: list[Violation]) -> ValidationReport:
    # Two constraints of one shape (datatype, languageIn) may fail on the same value.
    violations = sorted(set(violations))
    warnings = sorted(set(warnings))
    lines = [f"{len(violations)} violation(s), {len(warnings)} warning(s)"]
    lines += [f"VIOLATION {v.message}" for v in violations]
    lines += [f"WARNING {w.message}" for w in warnings]
    return ValidationReport(
        conforms=not violations, violations=violations, warnings=warnings, text="\n".join(lines)
    )


def _show_ox(node) -> str:
    if isinstance(node, ox.NamedNode):
        return compact_iri(node.value)
    if isinstance(node, ox.Literal):
        return repr(node.value) + (f"@{node.language}" if node.language else "")
    return str(node)


def _sparql_checks():
    from vnkg.shapes_sparql import compile_shapes
    return compile_shapes(ontology_dir() / "shapes.ttl")


def validate_store(store: ox.Store) -> ValidationReport:
    """Validate a pyoxigraph store in place with the compiled shapes (``sparql`` engine).

    The ontology is added to a private named graph for the checks and removed afterwards,
    so pass a store this process owns and nobody reads meanwhile (a build's new store).
    """
    from vnkg.shapes_sparql import ONTOLOGY_GRAPH, run_checks

    checks = _sparql_checks()
    store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ONTOLOGY_GRAPH) for s, p, o in _ontology())
    try:
        found = run_checks(store, checks)
    finally:
        store.remove_graph(ONTOLOGY_GRAPH)
    violations = []
    for check, this, value in found:
        where = ": ".join(x for x in (_show_ox(this), check.path) if x)
        text = check.message
        shown = _show_ox(value) if value is not None else ""
        if value is not None and value != this and shown not in text:
            text += f" (value {shown})"
        violations.append(Violation(str(this.value) if hasattr(this, "value") else str(this), check.path,
                                    f"{where}: {text}"))
    return _report(violations, [])


def validate(data: Graph | QuadSource, engine: str = "auto") -> ValidationReport:
    """Validate ``data`` (rdflib Graph/Dataset, pyoxigraph Store, or quads) with the SHACL shapes.

    Every message starts with the offending node, e.g.
    ``id:post/a--Minister--b: org:role: a post needs exactly one org:role ...``.
    ``engine``: ``sparql``, ``pyshacl``, or ``auto`` (sparql unless the shapes need pyshacl).
    """
    if engine in ("auto", "sparql"):
        from vnkg.shapes_sparql import Unsupported
        try:
            _sparql_checks()
        except Unsupported:
            if engine == "sparql":
                raise
        else:
            copy = ox.Store()
            if isinstance(data, ConjunctiveGraph):      # rdflib Dataset: keep graph names
                copy.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(g))
                                 for s, p, o, g in data.quads((None, None, None, None)))
            elif isinstance(data, Graph):
                copy.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in data)
            else:
                copy.bulk_extend(dataset_quads(data) if not isinstance(data, list) else data)
            return validate_store(copy)
    elif engine != "pyshacl":
        raise ValueError(f"unknown validation engine {engine!r}")
    union = _union(data)
    core, checks = _shapes(ontology_dir() / "shapes.ttl")
    import pyshacl          # here: its import costs every build and add 0.3 s, and the sparql engine needs none

    # Before pyshacl: with inplace=True it may add to `union`.
    violations: list[Violation] = _sparql_violations(union, checks)
    _, results, _ = pyshacl.validate(
        union,
        shacl_graph=core,
        inference="none",
        allow_warnings=True,
        inplace=True,          # `union` is already our own copy
        advanced=False,
    )
    warnings: list[Violation] = []
    # Only the report's own results: sh:node/sh:or failures also carry nested results
    # (sh:detail) about the inner node, which would repeat the same problem.
    top = [r for report in results.subjects(RDF.type, SH.ValidationReport)
           for r in results.objects(report, SH.result)]
    for result in top:
        focus = results.value(result, SH.focusNode)
        path = _show(results.value(result, SH.resultPath), results)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        value = results.value(result, SH.value)
        text = messages[0] if messages else "constraint not met"
        where = ": ".join(x for x in (_show(focus, results), path) if x)
        shown_value = _show(value, results)
        if value is not None and value != focus and shown_value not in text:
            text += f" (value {shown_value})"
        item = Violation(str(focus), path, f"{where}: {text}")
        severity = results.value(result, SH.resultSeverity)
        (violations if severity == SH.Violation else warnings).append(item)
    return _report(violations, warnings)
