"""RDF → networkx: the entity graph shared by the HTML view and the statistics.

Nodes are the entities (persons, organizations, legal documents, initiatives, places,
events); posts are collapsed into labelled person→organization edges; articles and
statements are not nodes but lists on the nodes they mention / are attributed to, so a
graph of many articles does not turn into a hairball of ``mentions`` edges.
Everything is sorted so the same RDF always gives the same node and edge order.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, cast

import networkx as nx
import pyoxigraph as ox
import rdflib.graph
from rdflib import RDF, RDFS, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .store import to_rdflib
from .vocab import DCTERMS, FOAF, ORG, PROV, SCHEMA, VNKG

__all__ = ["KINDS", "RELATION_RELS", "to_networkx", "local_name"]


#: Node kinds in display order; also the priority when an entity has several types.
KINDS: tuple[str, ...] = (
    "Person", "Organization", "LegalDocument", "Initiative", "Place", "Event",
)

# Subtypes are listed too: an article graph may state only the specific type.
_TYPE_KIND: dict[Node, str] = {
    FOAF.Person: "Person", SCHEMA.Person: "Person",
    ORG.Organization: "Organization", ORG.FormalOrganization: "Organization",
    VNKG.Ministry: "Organization", VNKG.Department: "Organization",
    VNKG.PartyBody: "Organization", VNKG.GovernmentBody: "Organization",
    VNKG.Company: "Organization", VNKG.InternationalOrganization: "Organization",
    VNKG.State: "Organization",
    SCHEMA.Legislation: "LegalDocument",
    VNKG.Initiative: "Initiative",
    SCHEMA.Place: "Place", SCHEMA.Country: "Place", SCHEMA.City: "Place",
    SCHEMA.AdministrativeArea: "Place",
    SCHEMA.Event: "Event",
}

# Properties whose values are names of an entity (searchable, shown in tooltips).
_NAME_PROPS = (
    RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.legislationIdentifier,
    FOAF.name, SCHEMA.name, SKOS.notation,
)

#: Edge ``rel`` values that are relations between entities (not posts, not events).
RELATION_RELS: frozenset[str] = frozenset(
    {"subOrganizationOf", "legislationPassedBy", "implements", "partnerIn"}
)

# (predicate, rel, edge label, reversed?): plain triples that become edges.
# ``vnkg:partner`` (initiative → org) is turned round to match ``vnkg:partnerIn``
# (org → initiative) so the pair stated both ways gives one edge.
_RELATIONS: tuple[tuple[URIRef, str, str, bool], ...] = (
    (ORG.subOrganizationOf, "subOrganizationOf", "part of", False),
    (SCHEMA.legislationPassedBy, "legislationPassedBy", "passed by", False),
    (VNKG.implements, "implements", "implements", False),
    (VNKG.partnerIn, "partnerIn", "partner in", False),
    (VNKG.partner, "partnerIn", "partner in", True),
    (VNKG.chair, "chair", "chair", False),
    (SCHEMA.attendee, "attendee", "attendee", False),
    (SCHEMA.location, "location", "location", False),
    (SCHEMA.areaServed, "areaServed", "state of", False),
)

# What the entity graph is made of, when read from a store: the entities graph's names
# and role labels, and the rest from every graph.
ENTITIES_GRAPH = "https://w3id.org/vnkg/graph/entities"
_ARTICLE_CLASSES = (SCHEMA.NewsArticle, ORG.Post, VNKG.Statement, SCHEMA.Event)
_ENTITY_PROPS: tuple[URIRef, ...] = tuple(p for p in _NAME_PROPS if p != SCHEMA.name)
_ARTICLE_PROPS: tuple[URIRef, ...] = (
    SCHEMA.name, DCTERMS.identifier, SCHEMA.url, SCHEMA.mentions, SCHEMA.datePublished, VNKG.eventDate,
    ORG.heldBy, ORG.holds, ORG.role, ORG.postIn, PROV.wasAttributedTo,
    *dict.fromkeys(pred for pred, *_ in _RELATIONS),
)

# Statements every article that reports a post or a relation repeats in its own graph.
_REPEATED = frozenset({ORG.heldBy, ORG.holds, ORG.role, ORG.postIn,
                       *(pred for pred, *_ in _RELATIONS if pred not in (VNKG.chair, SCHEMA.attendee, SCHEMA.location))})

# ConjunctiveGraph is deprecated in rdflib 7 (Dataset subclasses it) and may go.
_MULTI_GRAPH: tuple[type, ...] = tuple(
    c for c in (Dataset, getattr(rdflib.graph, "ConjunctiveGraph", None)) if c is not None)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def local_name(iri: str) -> str:
    """Last path/fragment segment of an IRI (``role:DeputyMinister`` → ``DeputyMinister``)."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _union_triples(g: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """All triples of every named graph once: a Dataset's ``triples`` sees only its
    default graph unless built with ``default_union``, so read its quads instead."""
    if isinstance(g, _MULTI_GRAPH):
        seen: set[tuple[Node, Node, Node]] = set()
        for s, p, o, _ in cast(Dataset, g).quads((None, None, None, None)):
            if (s, p, o) not in seen:
                seen.add((s, p, o))
                yield s, p, o
    else:
        yield from g.triples((None, None, None))


def _term_key(t: Node) -> tuple[str, str, str, str]:
    """Total order over RDF terms (rdflib's own ordering raises on some literal mixes)."""
    lang = getattr(t, "language", None) or ""
    dtype = getattr(t, "datatype", None) or ""
    return (type(t).__name__, str(t), str(lang), str(dtype))


class _Index:
    """The union graph read once into per-predicate maps (subject → sorted values)."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]):
        self.by_pred: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        for s, p, o in triples:
            self.by_pred[p][s].add(o)

    def objects(self, s: Node, p: Node) -> list[Node]:
        values = self.by_pred.get(p, {}).get(s, ())
        return list(values) if len(values) < 2 else sorted(values, key=_term_key)   # most have one

    def pairs(self, p: Node) -> list[tuple[Node, Node]]:
        pairs = ((s, o) for s, os_ in self.by_pred.get(p, {}).items() for o in os_)
        return sorted(pairs, key=lambda so: (_term_key(so[0]), _term_key(so[1])))

    def subjects_of_type(self, t: URIRef) -> list[Node]:
        subjects = (s for s, ts in self.by_pred.get(RDF.type, {}).items() if t in ts)
        return sorted(subjects, key=_term_key)

    def one(self, s: Node, p: Node) -> str:
        """The smallest value (deterministic when a property has several), or ''."""
        values = self.objects(s, p)
        return str(values[0]) if values else ""


def _kind(types: set[Node]) -> str | None:
    kinds = {_TYPE_KIND[t] for t in types if t in _TYPE_KIND}
    return next((k for k in KINDS if k in kinds), None)


def _role_label(idx: _Index, role: Node) -> str:
    for value in idx.objects(role, SKOS.prefLabel):
        if isinstance(value, Literal) and value.language == "en":
            return str(value)
    return _CAMEL.sub(" ", local_name(str(role)))


def _store_triples(store: ox.Store) -> Iterator[tuple[Node, Node, Node]]:
    """The triples ``to_networkx`` reads, from an Oxigraph store: one query per predicate it
    needs, so a large store is never read whole (nor the articles' text).

    What the entities graph states once (types, names, role labels) is read there only:
    the article graphs repeat each surface form, and type posts, events, statements and
    evidence, of which only the first three are read. Each query asks for distinct pairs:
    Oxigraph drops the copies of a post's triples that every article reporting it holds
    (27,000 reports of 7,900 posts at 10,000 articles) before they reach Python."""
    convert: dict[object, Node] = {}

    def term(t: Any) -> Node:
        node = convert.get(t)
        if node is None:
            node = convert[t] = to_rdflib(t)
        return node

    def pairs(predicate: URIRef, where: str = "") -> Iterator[tuple[Any, Any]]:
        pattern = f"?s <{predicate}> ?o"
        # DISTINCT where articles repeat a statement; elsewhere it would only cost (0.3 s of mentions)
        distinct = "DISTINCT" if predicate in _REPEATED else ""
        query = f"SELECT {distinct} ?s ?o WHERE {{ {f'GRAPH <{where}> {{ {pattern} }}' if where else pattern} }}"
        for s, o in cast(ox.QuerySolutions, store.query(query, use_default_graph_as_union=True)):
            yield s, o

    for s, o in pairs(RDF.type, ENTITIES_GRAPH):
        yield term(s), RDF.type, term(o)
    for cls in _ARTICLE_CLASSES:
        for row in cast(ox.QuerySolutions, store.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{cls}> }}",
                                                       use_default_graph_as_union=True)):
            yield term(row[0]), RDF.type, cls
    for predicate in _ENTITY_PROPS:
        for s, o in pairs(predicate, ENTITIES_GRAPH):
            yield term(s), predicate, term(o)
    for predicate in _ARTICLE_PROPS:
        for s, o in pairs(predicate):
            yield term(s), predicate, term(o)
    said = f"SELECT DISTINCT ?s ?o WHERE {{ ?s a <{VNKG.Statement}> ; <{SCHEMA.text}> ?o }}"
    for row in cast(ox.QuerySolutions, store.query(said, use_default_graph_as_union=True)):
        yield term(row[0]), SCHEMA.text, term(row[1])


def to_networkx(g: Graph | ox.Store) -> nx.MultiDiGraph:
    """Build the entity graph of the union of all graphs in ``g`` (an rdflib Graph or
    Dataset, or an Oxigraph store).

    Node id: the entity IRI. Node attributes: ``kind``, ``label``, ``names`` (all names,
    Thai and Latin, sorted), ``types`` (local names of its rdf:types), ``articles``
    (sorted ``(article IRI, dcterms:identifier, schema:url)`` of the articles mentioning
    it), ``posts`` (``"role — organization"``), ``statements`` (quotations attributed
    to it), ``first`` and ``last`` (the earliest and latest date, ISO 8601, of those
    articles: event date, else publication date; "" if none has one). Edge key
    ``rel:label``; attributes ``rel``, ``label``. Graph attributes count ``articles``,
    ``posts``, ``statements`` and ``events``.
    """
    idx = _Index(_store_triples(g) if isinstance(g, ox.Store) else _union_triples(g))
    types = idx.by_pred.get(RDF.type, {})

    G = nx.MultiDiGraph()
    for s in sorted(types, key=_term_key):
        kind = _kind(types[s])
        if kind is None or not isinstance(s, URIRef):
            continue
        names = sorted({str(v) for p in _NAME_PROPS for v in idx.objects(s, p)})
        label = (idx.one(s, RDFS.label) or idx.one(s, SKOS.prefLabel)
                 or idx.one(s, SCHEMA.name) or (names[0] if names else local_name(str(s))))
        G.add_node(str(s), kind=kind, label=label, names=names,
                   types=sorted({local_name(str(t)) for t in types[s]}),
                   articles=[], posts=[], statements=[], first="", last="")

    def label_of(n: Node) -> str:
        return G.nodes[str(n)]["label"] if str(n) in G else local_name(str(n))

    articles = idx.subjects_of_type(SCHEMA.NewsArticle)
    for a in articles:
        entry = (str(a), idx.one(a, DCTERMS.identifier), idx.one(a, SCHEMA.url))
        when = idx.one(a, VNKG.eventDate) or idx.one(a, SCHEMA.datePublished)
        for m in idx.objects(a, SCHEMA.mentions):
            if str(m) in G:
                data = G.nodes[str(m)]
                data["articles"].append(entry)
                if when:
                    data["first"] = min(data["first"] or when, when)
                    data["last"] = max(data["last"], when)

    posts = idx.subjects_of_type(ORG.Post)
    held_by = {post: set(idx.objects(post, ORG.heldBy)) for post in posts}
    for person, post in idx.pairs(ORG.holds):  # the inverse may be the only statement
        held_by.setdefault(post, set()).add(person)
    for post in sorted(held_by, key=_term_key):
        roles = [_role_label(idx, r) for r in idx.objects(post, ORG.role)] or ["post"]
        for person in sorted(held_by[post], key=_term_key):
            if str(person) not in G:
                continue
            for unit in idx.objects(post, ORG.postIn):
                for role in roles:
                    G.nodes[str(person)]["posts"].append(f"{role} — {label_of(unit)}")
                    if str(unit) in G:
                        G.add_edge(str(person), str(unit), key=f"post:{role}",
                                   rel="post", label=role)

    for pred, rel, label, reverse in _RELATIONS:
        for s, o in idx.pairs(pred):
            u, v = (str(o), str(s)) if reverse else (str(s), str(o))
            if u in G and v in G:
                G.add_edge(u, v, key=f"{rel}:{label}", rel=rel, label=label)

    statements = idx.subjects_of_type(VNKG.Statement)
    for st in statements:
        for person in idx.objects(st, PROV.wasAttributedTo):
            if str(person) in G:
                G.nodes[str(person)]["statements"].extend(
                    str(t) for t in idx.objects(st, SCHEMA.text))

    for n in G:
        data = G.nodes[n]
        for key in ("articles", "posts", "statements"):
            data[key] = sorted(set(data[key]))
    G.graph.update(articles=len(articles), posts=len(held_by),
                   statements=len(statements),
                   events=len(idx.subjects_of_type(SCHEMA.Event)))
    return _sorted_copy(G)


def _sorted_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Same graph with edges inserted in sorted order (networkx keeps insertion order)."""
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from(sorted(G.nodes(data=True)))
    H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]))
    return H
