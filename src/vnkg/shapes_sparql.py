"""SHACL shapes compiled to SPARQL and run by pyoxigraph: validation at the scale of the corpus.

pyshacl walks an rdflib graph node by node and builds a full result for every failing
branch of every ``sh:or``; on 10,000 articles (about two million quads) it would need
tens of minutes and several GB. Here each constraint of ``ontology/shapes.ttl`` becomes one
SPARQL query that returns the violating (focus node, value) pairs, answered by Oxigraph
over the union of the data and the ontology. Only the SHACL Core features the shapes use
are compiled; anything else raises ``Unsupported`` and the caller falls back to pyshacl,
so the shapes file stays the single statement of the rules. ``tests/test_validate_engines.py``
checks that both engines report the same violations.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any, cast
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import BNode, Node

from vnkg.store import compact_iri

__all__ = ["Unsupported", "Check", "compile_shapes", "run_checks", "ONTOLOGY_GRAPH"]

#: Private graph the ontology is put in while a store is checked (removed afterwards).
ONTOLOGY_GRAPH = ox.NamedNode("urn:x-vnkg:validation:ontology")

_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
# Lexical forms of the typed literals the shapes ask for (SHACL: an ill-typed literal fails sh:datatype).
_LEXICAL = {
    str(XSD.integer): r"^[+-]?[0-9]+$",
    str(XSD.date): r"^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(Z|[+-][0-9]{2}:[0-9]{2})?$",
}
# Constraint parameters this compiler understands; any other sh: predicate on a shape is unsupported.
_SHAPE_KEYS = {SH.targetClass, SH.targetSubjectsOf, SH.property, SH.path, SH.message, SH.name, SH.description,
               SH.minCount, SH.maxCount, SH.datatype, SH.languageIn, SH.uniqueLang, SH["class"], SH.hasValue,
               SH["in"], SH.pattern, SH.nodeKind, SH["or"], SH["and"], SH["not"], SH.node, SH.equals,
               SH.lessThanOrEquals, SH.minInclusive, SH.sparql, SH.declare, SH.order, SH.group}


class Unsupported(Exception):
    """The shapes use a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a query returning ``?this`` (and ``?value`` when the result has one)."""

    query: str
    path: str            # compact property path shown in messages ("org:role", "^org:holds"), "" node-level
    message: str
    focus_query: str = ""   # for sh:sparql: rows whose ?this is not a focus node are ignored


def _subclasses(c: Node) -> str:
    """Placeholder for the SHACL instances test: the class and its rdfs:subClassOf* subclasses,
    filled in by ``run_checks`` from the checked data and ontology (a property path per value
    node is far slower in Oxigraph than a VALUES lookup)."""
    return f"__SUBCLASSES_OF<{c}>__"


_PLACEHOLDER = re.compile(r"__SUBCLASSES_OF<([^>]*)>__")


def _str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        if node.language:
            return f"{_str(str(node))}@{node.language}"
        if node.datatype is not None and node.datatype != XSD.string:
            return f"{_str(str(node))}^^<{node.datatype}>"
        return _str(str(node))
    raise Unsupported(f"blank node {node} as a constraint value")


def _distinct(focus: str) -> str:
    """The focus nodes once each: the union default graph repeats a node's type once per
    article graph that states it, and joining those copies made the checks quadratic."""
    return f"{{ SELECT DISTINCT ?this WHERE {{ {focus} }} }}"


class _Compiler:
    def __init__(self, shapes: Graph):
        self.g = shapes
        self.fresh = itertools.count()

    def var(self) -> str:
        return f"?v{next(self.fresh)}"

    def one(self, s: Node, p: URIRef) -> Any:   # a Node (a literal for counts and flags), or None
        values = list(self.g.objects(s, p))
        if len(values) > 1:
            raise Unsupported(f"{s}: several values of {p}")
        return values[0] if values else None

    def items(self, s: Node, p: URIRef) -> list[Any]:
        head = self.one(s, p)
        return list(Collection(self.g, head)) if head is not None else []

    def check_keys(self, s: Node) -> None:
        for p in set(self.g.predicates(s, None)):
            if str(p).startswith(str(SH)) and p not in _SHAPE_KEYS and p not in (SH.select, SH.prefixes):
                raise Unsupported(f"{s}: {p} is not compiled")
            if p in (SH.deactivated, SH.severity):
                raise Unsupported(f"{s}: {p}")

    # ---------------------------------------------------------------- paths
    def path(self, shape: Node) -> tuple[str, str, str]:
        """(SPARQL path, displayed path, the path as a pattern template with {s} {o})."""
        p = self.one(shape, SH.path)
        if isinstance(p, URIRef):
            return f"<{p}>", compact_iri(str(p)), f"{{s}} <{p}> {{o}} ."
        if isinstance(p, BNode) and (inv := self.one(p, SH.inversePath)) is not None and isinstance(inv, URIRef):
            return f"^<{inv}>", "^" + compact_iri(str(inv)), f"{{o}} <{inv}> {{s}} ."
        raise Unsupported(f"{shape}: path {p} is not an IRI or an inverse IRI")

    # ---------------------------------------------------------------- conformance as an expression
    def conforms(self, shape: Node, x: str) -> str:
        """A SPARQL boolean expression: the node bound to ``x`` conforms to ``shape``."""
        self.check_keys(shape)
        parts = []
        if self.one(shape, SH.path) is not None:
            _, _, pattern = self.path(shape)
            parts += self.value_conditions(shape, x, pattern)
        else:
            parts += self.node_conditions(shape, x)
        for prop in self.g.objects(shape, SH.property):
            parts.append(self.conforms(prop, x))
        return "(" + " && ".join(parts or ["true"]) + ")"

    def node_conditions(self, shape: Node, x: str) -> list[str]:
        out = []
        for c in self.g.objects(shape, SH["class"]):
            out.append(self.instance(x, c))
        for kind in self.g.objects(shape, SH.nodeKind):
            out.append(self.node_kind(kind, x))
        for pat in self.g.objects(shape, SH.pattern):
            out.append(f"(!isBlank({x}) && REGEX(STR({x}), {_str(str(pat))}))")
        for other in self.g.objects(shape, SH.node):
            out.append(self.conforms(other, x))
        for other in self.g.objects(shape, SH["not"]):
            out.append("!" + self.conforms(other, x))
        for lst in self.g.objects(shape, SH["or"]):
            out.append("(" + " || ".join(self.conforms(m, x) for m in Collection(self.g, lst)) + ")")
        for lst in self.g.objects(shape, SH["and"]):
            out.append("(" + " && ".join(self.conforms(m, x) for m in Collection(self.g, lst)) + ")")
        for p in (SH.datatype, SH.languageIn, SH.hasValue, SH["in"], SH.minInclusive):
            if self.one(shape, p) is not None:
                raise Unsupported(f"{shape}: node-level {p}")
        return out

    def value_conditions(self, shape: Node, x: str, pattern: str) -> list[str]:
        """Conditions on the values of a property shape (used inside sh:or / sh:and / sh:node)."""
        out = []
        v, w = self.var(), self.var()
        values = pattern.format(s=x, o=v)
        lo, hi = self.one(shape, SH.minCount), self.one(shape, SH.maxCount)
        if lo is not None and int(lo) > 0:
            if int(lo) != 1:
                raise Unsupported(f"{shape}: sh:minCount {lo} inside a logical constraint")
            out.append(f"EXISTS {{ {values} }}")
        if hi is not None:
            if int(hi) != 1:
                raise Unsupported(f"{shape}: sh:maxCount {hi} inside a logical constraint")
            out.append(f"NOT EXISTS {{ {values} {pattern.format(s=x, o=w)} FILTER(!sameTerm({v}, {w})) }}")
        for hv in self.g.objects(shape, SH.hasValue):
            out.append(f"EXISTS {{ {pattern.format(s=x, o=_term(hv))} }}")
        ok = self.value_ok(shape, v)
        if ok:
            out.append(f"NOT EXISTS {{ {values} FILTER(!({' && '.join(ok)})) }}")
        for p in (SH.uniqueLang, SH.equals, SH.lessThanOrEquals):
            if self.one(shape, p) is not None:
                raise Unsupported(f"{shape}: {p} inside a logical constraint")
        return out

    def instance(self, x: str, c: Node) -> str:
        t = self.var()
        return f"EXISTS {{ VALUES {t} {{ {_subclasses(c)} }} {x} a {t} }}"

    def node_kind(self, kind: Node, x: str) -> str:
        kinds: dict[Node, str] = {SH.IRI: f"isIRI({x})", SH.Literal: f"isLiteral({x})", SH.BlankNode: f"isBlank({x})",
                 SH.BlankNodeOrIRI: f"(isIRI({x}) || isBlank({x}))",
                 SH.IRIOrLiteral: f"(isIRI({x}) || isLiteral({x}))",
                 SH.BlankNodeOrLiteral: f"(isBlank({x}) || isLiteral({x}))"}
        if kind not in kinds:
            raise Unsupported(f"sh:nodeKind {kind}")
        return kinds[kind]

    def value_ok(self, shape: Node, v: str) -> list[str]:
        """Per-value conditions of a property shape: each is one constraint, true when the value passes."""
        return [cond for _, cond in self.value_constraints(shape, v)]

    def value_constraints(self, shape: Node, v: str) -> list[tuple[str, str]]:
        out = []
        dt = self.one(shape, SH.datatype)
        if dt is not None:
            if str(dt) == _RDF_LANG:
                out.append(("datatype", f"(isLiteral({v}) && LANG({v}) != \"\")"))
            elif dt == XSD.string:
                out.append(("datatype", f"(isLiteral({v}) && LANG({v}) = \"\" && DATATYPE({v}) = <{XSD.string}>)"))
            else:
                lexical = f" && REGEX(STR({v}), {_str(_LEXICAL[str(dt)])})" if str(dt) in _LEXICAL else ""
                out.append(("datatype", f"(isLiteral({v}) && LANG({v}) = \"\" && DATATYPE({v}) = <{dt}>{lexical})"))
        langs = self.items(shape, SH.languageIn)
        if langs:
            out.append(("languageIn", f"(isLiteral({v}) && ("
                        + " || ".join(f"langMatches(LANG({v}), {_str(str(lang))})" for lang in langs) + "))"))
        for c in self.g.objects(shape, SH["class"]):
            out.append(("class", self.instance(v, c)))
        for kind in self.g.objects(shape, SH.nodeKind):
            out.append(("nodeKind", self.node_kind(kind, v)))
        for pat in self.g.objects(shape, SH.pattern):
            if self.one(shape, SH.flags) is not None:
                raise Unsupported(f"{shape}: sh:flags")
            out.append(("pattern", f"(!isBlank({v}) && REGEX(STR({v}), {_str(str(pat))}))"))
        members = self.items(shape, SH["in"])
        if members:
            out.append(("in", "(" + " || ".join(f"sameTerm({v}, {_term(m)})" for m in members) + ")"))
        lo = self.one(shape, SH.minInclusive)
        if lo is not None:
            out.append(("minInclusive", f"COALESCE({v} >= {_term(lo)}, false)"))
        for other in self.g.objects(shape, SH.node):
            out.append(("node", self.conforms(other, v)))
        for other in self.g.objects(shape, SH["not"]):
            out.append(("not", "!" + self.conforms(other, v)))
        for lst in self.g.objects(shape, SH["or"]):
            out.append(("or", "(" + " || ".join(self.conforms(m, v) for m in Collection(self.g, lst)) + ")"))
        for lst in self.g.objects(shape, SH["and"]):
            out.append(("and", "(" + " && ".join(self.conforms(m, v) for m in Collection(self.g, lst)) + ")"))
        return out

    def pure_class(self, shape: Node) -> Node | None:
        """C when ``shape`` is nothing but ``[ sh:class C ]``."""
        preds = set(self.g.predicates(shape, None)) - {RDF.type}
        return self.one(shape, SH["class"]) if preds == {SH["class"]} else None

    def class_list(self, prop: Node, kind: str) -> list[Any] | None:
        """The classes a value must be an instance of (any one), for sh:class and an sh:or of classes."""
        if kind == "class":
            classes = list(self.g.objects(prop, SH["class"]))
            return classes if len(classes) == 1 else None
        if kind == "or":
            lists = list(self.g.objects(prop, SH["or"]))
            members = [self.pure_class(m) for m in Collection(self.g, lists[0])] if len(lists) == 1 else [None]
            return members if all(m is not None for m in members) else None
        return None

    # ---------------------------------------------------------------- violations of a targeted shape
    def focus(self, shape: Node, this: str = "?this") -> str:
        t = self.var()
        parts = [f"{{ VALUES {t} {{ {_subclasses(c)} }} {this} a {t} }}"
                 for c in sorted(self.g.objects(shape, SH.targetClass), key=str)]
        parts += [f"{{ {this} <{p}> [] }}" for p in sorted(self.g.objects(shape, SH.targetSubjectsOf), key=str)]
        return " UNION ".join(parts)

    def message(self, shape: Node) -> str:
        messages = sorted(str(m) for m in self.g.objects(shape, SH.message))
        if not messages:
            raise Unsupported(f"{shape}: no sh:message (pyshacl's generated messages are not reproduced)")
        return messages[0]

    def checks(self, shape: Node) -> list[Check]:
        self.check_keys(shape)
        focus = self.focus(shape)
        out = []
        has_message = self.one(shape, SH.message) is not None
        kinds = [] if has_message else list(self.g.objects(shape, SH.nodeKind))
        for kind in kinds:
            # the one constraint our shapes state without a message: pyshacl's own wording
            message = f"Value is not of Node Kind sh:{str(kind).rsplit('#', 1)[1]}"
            out.append(Check(f"SELECT DISTINCT ?this WHERE {{ {_distinct(focus)} FILTER(!{self.node_kind(kind, '?this')}) }}",
                             "", message))
        for kind in kinds:
            self.g.remove((shape, SH.nodeKind, kind))
        try:
            node_conds = self.node_conditions(shape, "?this")
        finally:
            for kind in kinds:
                self.g.add((shape, SH.nodeKind, kind))
        for cond in node_conds:
            out.append(Check(f"SELECT DISTINCT ?this WHERE {{ {_distinct(focus)} FILTER(!{cond}) }}", "", self.message(shape)))
        for prop in sorted(self.g.objects(shape, SH.property), key=str):
            out += self.property_checks(focus, prop)
        return out

    def property_checks(self, focus: str, prop: Node) -> list[Check]:
        self.check_keys(prop)
        if self.one(prop, SH.property) is not None:
            raise Unsupported(f"{prop}: nested sh:property")
        _, shown, pattern = self.path(prop)
        msg = self.message(prop)
        values = pattern.format(s="?this", o="?value")
        head = _distinct(focus)
        out = []
        lo, hi = self.one(prop, SH.minCount), self.one(prop, SH.maxCount)
        if lo is not None and int(lo) > 0:
            out.append(Check(f"SELECT ?this WHERE {{ {head} OPTIONAL {{ {values} }} }} "
                             f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {int(lo)})", shown, msg))
        if hi is not None:
            out.append(Check(f"SELECT ?this WHERE {{ {head} {values} }} "
                             f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(hi)})", shown, msg))
        if self.one(prop, SH.uniqueLang) is not None and bool(self.one(prop, SH.uniqueLang).toPython()):
            out.append(Check(f"SELECT ?this WHERE {{ {head} {values} FILTER(isLiteral(?value) && LANG(?value) != \"\") }} "
                             f"GROUP BY ?this (LCASE(LANG(?value)) AS ?lang) HAVING (COUNT(DISTINCT ?value) > 1)",
                             shown, msg))
        for hv in self.g.objects(prop, SH.hasValue):
            out.append(Check(f"SELECT DISTINCT ?this WHERE {{ {head} FILTER NOT EXISTS {{ "
                             f"{pattern.format(s='?this', o=_term(hv))} }} }}", shown, msg))
        for kind, cond in self.value_constraints(prop, "?value"):
            classes = self.class_list(prop, kind)
            if classes is not None:
                # an anti-join is one pass over the instances, not one lookup per value
                t = self.var()
                instances = " ".join(_subclasses(c) for c in classes)
                out.append(Check(f"SELECT DISTINCT ?this ?value WHERE {{ {head} {values} "
                                 f"MINUS {{ VALUES {t} {{ {instances} }} ?value a {t} }} }}", shown, msg))
                continue
            out.append(Check(f"SELECT DISTINCT ?this ?value WHERE {{ {head} {values} FILTER(!{cond}) }}", shown, msg))
        for other in self.g.objects(prop, SH.equals):
            out.append(Check(f"SELECT DISTINCT ?this ?value WHERE {{ {head} {values} "
                             f"FILTER NOT EXISTS {{ ?this <{other}> ?value }} }}", shown, msg))
            out.append(Check(f"SELECT DISTINCT ?this ?value WHERE {{ {head} ?this <{other}> ?value "
                             f"FILTER NOT EXISTS {{ {values} }} }}", shown, msg))
        for other in self.g.objects(prop, SH.lessThanOrEquals):
            out.append(Check(f"SELECT DISTINCT ?this ?value WHERE {{ {head} {values} ?this <{other}> ?other "
                             f"FILTER(!COALESCE(?value <= ?other, false)) }}", shown, msg))
        return out

    def sparql_check(self, shape: Node, constraint: Node) -> Check:
        select = self.one(constraint, SH.select)
        prefixes = sorted(
            (str(self.one(d, SH.prefix)), str(self.one(d, SH.namespace)))
            for source in self.g.objects(constraint, SH.prefixes) for d in self.g.objects(source, SH.declare))
        header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes)
        messages = sorted(str(m) for m in self.g.objects(constraint, SH.message)) or [self.message(shape)]
        return Check(header + str(select).replace("$this", "?this"), "", messages[0],
                     focus_query=f"SELECT DISTINCT ?this WHERE {{ {self.focus(shape)} }}")


@cache
def compile_shapes(path: Path) -> tuple[Check, ...]:
    """Every constraint of the targeted shapes in ``path`` as a SPARQL check (raises Unsupported)."""
    g = Graph().parse(path, format="turtle")
    c = _Compiler(g)
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf, SH.target)
                for s in g.subjects(p, None)}
    out: list[Check] = []
    for shape in sorted(targeted, key=str):
        if any(g.value(shape, p) is not None for p in (SH.targetNode, SH.targetObjectsOf, SH.target)):
            raise Unsupported(f"{shape}: only sh:targetClass and sh:targetSubjectsOf are compiled")
        for constraint in g.objects(shape, SH.sparql):
            out.append(c.sparql_check(shape, constraint))
        out += c.checks(shape)
    return tuple(out)


def run_checks(store: ox.Store, checks: tuple[Check, ...]) -> list[tuple[Check, Any, Any]]:
    """(check, focus node, value or None) for every violation found in ``store`` (union of its graphs)."""
    closure: dict[str, str] = {}

    def subclasses(m: re.Match) -> str:
        c = m.group(1)
        if c not in closure:
            subs = {row["s"].value for row in cast(ox.QuerySolutions, store.query(
                f"SELECT DISTINCT ?s WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{c}> }}",
                use_default_graph_as_union=True)) if isinstance(row["s"], ox.NamedNode)}
            closure[c] = " ".join(f"<{s}>" for s in sorted(subs | {c}))
        return closure[c]

    found = []
    for check in checks:
        check = Check(_PLACEHOLDER.sub(subclasses, check.query), check.path, check.message,
                      _PLACEHOLDER.sub(subclasses, check.focus_query))
        focus = None
        if check.focus_query:
            focus = {row["this"] for row in cast(ox.QuerySolutions,
                                                 store.query(check.focus_query, use_default_graph_as_union=True))}
        for row in cast(ox.QuerySolutions, store.query(check.query, use_default_graph_as_union=True)):
            this = row["this"]
            if this is None or (focus is not None and this not in focus):
                continue
            value = row["value"] if "?value" in check.query.split("WHERE", 1)[0] else None
            found.append((check, this, value))
    return found
