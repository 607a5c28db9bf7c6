"""Stage 5: RDF quads of resolved extractions (shape in docs/data-model.md).

Each article's facts go to its own named graph (the article's IRI); what is known of an
entity across articles (label, English and Latin names, subtype) goes to the entities graph.
Every IRI is derived from content, so the same input gives the same quads.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import cast

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import DCTERMS as _DCTERMS, FOAF as _FOAF, RDF as _RDF, RDFS as _RDFS, SKOS as _SKOS, XSD as _XSD

from . import vocab
from .extract.known import entry
from .lexicon import ontology_dir
from .model import Entity, Extraction, Kind, Relation
from .resolve import BASE, Resolution
from .store import to_oxigraph

__all__ = ["ENTITIES_GRAPH", "article_iri", "label_literal", "SUMMARY_PREDICATES", "summary_update", "post_organization", "quads", "state_iri"]


class _Namespace:
    """IRIs of one vocabulary as Oxigraph terms (the store's own terms: the RDF stage
    makes each quad once, with no rdflib terms to convert on the way)."""

    def __init__(self, base: str):
        self._base = base
        self._terms: dict[str, ox.NamedNode] = {}

    def __getitem__(self, name: str) -> ox.NamedNode:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = ox.NamedNode(self._base + name)
        return term

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]


DCTERMS, FOAF, RDF, RDFS, SKOS, XSD = (_Namespace(str(ns)) for ns in (_DCTERMS, _FOAF, _RDF, _RDFS, _SKOS, _XSD))
ID, ORG, PROV, ROLE, SCHEMA, VNKG = (_Namespace(str(ns)) for ns in (
    vocab.ID, vocab.ORG, vocab.PROV, vocab.ROLE, vocab.SCHEMA, vocab.VNKG))

ENTITIES_GRAPH = ox.NamedNode("https://w3id.org/vnkg/graph/entities")

Quad = ox.Quad


def _literal(value: str | int, lang: str | None = None) -> ox.Literal:
    """A string (with its language tag) or an xsd:integer, as rdflib would have written it."""
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=XSD.integer)
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)

_TYPES = {
    Kind.PERSON: (FOAF.Person, SCHEMA.Person),
    Kind.ORGANIZATION: (ORG.Organization,),
    Kind.DOCUMENT: (SCHEMA.Legislation,),
    Kind.INITIATIVE: (VNKG.Initiative,),
    Kind.PLACE: (SCHEMA.Place,),
}
_SUBTYPES = {
    "Ministry": VNKG.Ministry, "Department": VNKG.Department, "PartyBody": VNKG.PartyBody,
    "GovernmentBody": VNKG.GovernmentBody, "Company": VNKG.Company,
    "InternationalOrganization": VNKG.InternationalOrganization,
    "Country": SCHEMA.Country, "City": SCHEMA.City, "AdministrativeArea": SCHEMA.AdministrativeArea,
}
_DOC_TYPES = {"Resolution", "Decision", "Plan", "Directive", "Decree", "Circular", "Law", "Conclusion"}
_RELATION_PREDICATES = {
    "sub_organization_of": ORG.subOrganizationOf,
    "issued_by": SCHEMA.legislationPassedBy,
    "implements": VNKG.implements,
    "partner_in": VNKG.partnerIn,
}


def article_iri(ex: Extraction) -> ox.NamedNode:
    return ID[f"article/{ex.article.id}"]


def _date(value) -> ox.Literal:
    return ox.Literal(value if isinstance(value, str) else value.isoformat(), datatype=XSD.date)


def label_literal(e: Entity | None) -> ox.Literal | None:
    """The preferred label of ``e`` as stated (rdfs:label and skos:prefLabel)."""
    return None if e is None else _literal(e.label, lang=e.label_lang)


def _entity_quads(e: Entity) -> Iterator[Quad]:
    g, s = ENTITIES_GRAPH, ox.NamedNode(e.iri)
    for t in _TYPES[e.kind]:
        yield ox.Quad(s, RDF.type, t, g)
    if (sub := _SUBTYPES.get(e.attrs.get("subtype", ""))) is not None:
        yield ox.Quad(s, RDF.type, sub, g)
    label = _literal(e.label, lang=e.label_lang)
    yield ox.Quad(s, RDFS.label, label, g)
    yield ox.Quad(s, SKOS.prefLabel, label, g)
    if e.kind is Kind.PERSON:
        yield ox.Quad(s, FOAF.name, label, g)
    if e.kind is Kind.DOCUMENT:
        yield ox.Quad(s, SCHEMA.legislationIdentifier, _literal(e.attrs["code"]), g)
        doc_type = e.attrs.get("doc_type", "")
        yield ox.Quad(s, VNKG.documentType, VNKG[doc_type if doc_type in _DOC_TYPES else "OtherDocument"], g)
        if doc_type:
            yield ox.Quad(s, SCHEMA.legislationType, _literal(doc_type, lang="en"), g)
        if e.attrs.get("date"):
            yield ox.Quad(s, SCHEMA.legislationDate, _date(e.attrs["date"]), g)
    for name, lang in e.names.items():
        if name != e.label:
            yield ox.Quad(s, SKOS.altLabel, _literal(name, lang=lang), g)
    if e.attrs.get("english") and e.attrs["english"] != e.label:
        yield ox.Quad(s, SKOS.altLabel, _literal(e.attrs["english"], lang="en"), g)
    yield from _name_keys(s, [e.label, *e.names, e.attrs.get("english", "")])
    yield from _lifetime_quads(s, e)


def name_key(name: str) -> str:
    """A name as the question library compares it: lower case, spaces removed (SPARQL's
    ``LCASE(REPLACE(STR(?name), " ", ""))``), so a name parameter is an index lookup."""
    return name.replace(" ", "").lower()


def _name_keys(s: ox.NamedNode, names: list[str]) -> Iterator[Quad]:
    for key in sorted({name_key(n) for n in names if n}):
        yield ox.Quad(s, VNKG.nameKey, _literal(key), ENTITIES_GRAPH)


def _lifetime_quads(s: ox.NamedNode, e: Entity) -> Iterator[Quad]:
    """When a body existed, and the merger that ended it (MIC into MOST, 2025): two
    organizations joined by an org:ChangeEvent, never one node."""
    g = ENTITIES_GRAPH
    start, _, end = e.attrs.get("valid", "").partition("/")
    if start and e.kind is Kind.ORGANIZATION:
        yield ox.Quad(s, SCHEMA.foundingDate, _date(start), g)
    if end and e.kind is Kind.ORGANIZATION:
        yield ox.Quad(s, SCHEMA.dissolutionDate, _date(end), g)
    for successor in filter(None, e.attrs.get("succeeded_by", "").split("|")):
        yield from _change_quads(s, successor, end, e.kind)


def _change_quads(s: ox.NamedNode, successor: str, end: str, kind: Kind) -> Iterator[Quad]:
    """The body (or province) that took over: an org:ChangeEvent between two organizations;
    a merged province is dcterms:isReplacedBy the one that absorbed it."""
    g = ENTITIES_GRAPH
    heir = entry(successor)
    if heir is None:
        return
    prefix, local = successor.split(":", 1)
    heir_iri = ID[f"{prefix}/{local}"]
    if kind is not Kind.ORGANIZATION:
        yield ox.Quad(s, DCTERMS.isReplacedBy, heir_iri, g)
        return
    change = ID[f"change/{s.value.split('/')[-1]}-into-{local}"]
    yield ox.Quad(change, RDF.type, ORG.ChangeEvent, g)
    yield ox.Quad(change, ORG.originalOrganization, s, g)
    yield ox.Quad(change, ORG.resultingOrganization, heir_iri, g)
    if end:
        yield ox.Quad(change, DCTERMS.date, _date(end), g)
    yield ox.Quad(heir_iri, RDF.type, ORG.Organization, g)
    yield ox.Quad(heir_iri, RDFS.label, _literal(heir.english, lang="en"), g)
    yield ox.Quad(heir_iri, SKOS.prefLabel, _literal(heir.english, lang="en"), g)
    yield from _name_keys(heir_iri, [heir.english])


def _evidence(ex: Extraction, n: str, sentence: int, supports: ox.NamedNode | None = None,
              triple: tuple | None = None) -> Iterator[Quad]:
    g = article_iri(ex)
    ev = ID[f"evidence/{ex.article.id}-{n}"]
    sent = ex.article.sentences[sentence]
    yield ox.Quad(ev, RDF.type, VNKG.Evidence, g)
    yield ox.Quad(ev, PROV.wasDerivedFrom, g, g)
    yield ox.Quad(ev, VNKG.sentence, _literal(sent.text, lang="th"), g)
    yield ox.Quad(ev, VNKG.startOffset, _literal(sent.start), g)
    yield ox.Quad(ev, VNKG.endOffset, _literal(sent.end), g)
    if supports is not None:
        yield ox.Quad(ev, VNKG.supports, supports, g)
    if triple is not None:
        yield ox.Quad(ev, RDF.subject, triple[0], g)
        yield ox.Quad(ev, RDF.predicate, triple[1], g)
        yield ox.Quad(ev, RDF.object, triple[2], g)


def _article_quads(a: int, ex: Extraction, res: Resolution, preferred: Callable[[str], ox.Literal | None],
                   ) -> Iterator[Quad]:
    art = ex.article
    g = s = article_iri(ex)
    yield ox.Quad(s, RDF.type, SCHEMA.NewsArticle, g)
    yield ox.Quad(s, DCTERMS.identifier, _literal(art.name), g)
    if art.title:
        yield ox.Quad(s, DCTERMS.title, _literal(art.title, lang="th"), g)
    if art.source_url:
        yield ox.Quad(s, SCHEMA.url, ox.NamedNode(art.source_url), g)
    if art.published:
        yield ox.Quad(s, SCHEMA.datePublished, _date(art.published), g)
    if art.event_date:
        yield ox.Quad(s, VNKG.eventDate, _date(art.event_date), g)
    yield ox.Quad(s, SCHEMA.text, _literal(art.text, lang="th"), g)
    for i, m in enumerate(ex.mentions):
        iri = res.iri_of.get((a, i))
        if iri is None:
            continue
        e = ox.NamedNode(iri)
        # types live in the entities graph only: repeated in every article graph they made
        # the union (and every query and shape check over it) grow with the square of the corpus
        if m.attr("implicit"):
            continue
        yield ox.Quad(s, SCHEMA.mentions, e, g)
        if m.attr("publisher"):
            yield ox.Quad(s, SCHEMA.publisher, e, g)
        if m.text and not m.attr("backref"):
            name = _literal(m.text, lang=m.lang)
            # SKOS S13: the preferred label is never also an alternative one
            if name != preferred(iri):
                yield ox.Quad(e, SKOS.altLabel, name, g)
    yield from _relation_quads(a, ex, res)
    for n, st in enumerate(ex.statements):
        speaker = res.iri_of.get((a, st.speaker))
        if speaker is None:
            continue
        node = ID[f"statement/{art.id}-{n}"]
        yield ox.Quad(node, RDF.type, VNKG.Statement, g)
        yield ox.Quad(node, PROV.wasAttributedTo, ox.NamedNode(speaker), g)
        yield ox.Quad(node, SCHEMA.text, _literal(st.text, lang="th"), g)
        yield ox.Quad(node, PROV.wasDerivedFrom, g, g)
        yield from _evidence(ex, f"statement-{n}", st.sentence, supports=node)
    for n, ev in enumerate(ex.events):
        node = ID[f"event/{art.id}-{n}"]
        yield ox.Quad(node, RDF.type, SCHEMA.Event, g)
        yield ox.Quad(node, SCHEMA.name, _literal(ev.label, lang="th"), g)
        if ev.english:
            yield ox.Quad(node, SCHEMA.name, _literal(ev.english, lang="en"), g)
        yield ox.Quad(node, PROV.wasDerivedFrom, g, g)
        if ev.date:
            yield ox.Quad(node, SCHEMA.startDate, _date(ev.date), g)
        if ev.place is not None and (place := res.iri_of.get((a, ev.place))):
            yield ox.Quad(node, SCHEMA.location, ox.NamedNode(place), g)
        if ev.chair is not None and (chair := res.iri_of.get((a, ev.chair))):
            yield ox.Quad(node, VNKG.chair, ox.NamedNode(chair), g)
        for p in ev.participants:
            if (who := res.iri_of.get((a, p))):
                yield ox.Quad(node, SCHEMA.attendee, ox.NamedNode(who), g)
        yield from _evidence(ex, f"event-{n}", ev.sentence, supports=node)


def _relation_quads(a: int, ex: Extraction, res: Resolution) -> Iterator[Quad]:
    g = article_iri(ex)
    seen: set = set()
    for r in ex.relations:
        subj, obj = res.iri_of.get((a, r.subject)), res.iri_of.get((a, r.object))
        if subj is None or obj is None or subj == obj:
            continue
        if r.kind == "holds_post":
            yield from _post_quads(ex, r, ox.NamedNode(subj), ox.NamedNode(post_organization(obj, res)), seen)
            continue
        triple = (ox.NamedNode(subj), _RELATION_PREDICATES[r.kind], ox.NamedNode(obj))
        if triple in seen:
            continue
        seen.add(triple)
        yield ox.Quad(*triple, g)
        if r.kind == "partner_in":
            yield ox.Quad(triple[2], VNKG.partner, triple[0], g)
        n = f"{r.kind}-{_local(subj)}-{_local(obj)}"
        yield from _evidence(ex, n, r.sentence, triple=triple)


def _local(iri: str) -> str:
    return iri[len(BASE):].replace("/", "_")


def state_iri(place_iri: str) -> str:
    """The organization node of the state of a country (``id:place/vietnam`` → ``id:org/state-vietnam``)."""
    return f"{BASE}org/state-{place_iri.rsplit('/', 1)[-1]}"


def post_organization(iri: str, res: Resolution) -> str:
    """Where a post is held: ``iri`` itself, or the state's organization when ``iri`` is a
    place (org:postIn ranges over org:Organization; "President of Vietnam" is a post of the
    state, not of the territory)."""
    e = res.entities.get(iri)
    return state_iri(iri) if e is not None and e.kind is Kind.PLACE else iri


def _state_quads(place: Entity) -> Iterator[Quad]:
    """The state of ``place`` as an organization: the place's names (the state is called by
    them: เวียดนาม, Vietnam), with the place as its schema:areaServed. Typed vnkg:State, an
    org:FormalOrganization by the vocabulary, and only that: docs/data-model.md says why."""
    g, s = ENTITIES_GRAPH, ox.NamedNode(state_iri(place.iri))
    yield ox.Quad(s, RDF.type, VNKG.State, g)
    label = _literal(place.label, lang=place.label_lang)
    yield ox.Quad(s, RDFS.label, label, g)
    yield ox.Quad(s, SKOS.prefLabel, label, g)
    for name, lang in place.names.items():
        if _literal(name, lang=lang) != label:
            yield ox.Quad(s, SKOS.altLabel, _literal(name, lang=lang), g)
    if place.attrs.get("english") and place.attrs["english"] != place.label:
        yield ox.Quad(s, SKOS.altLabel, _literal(place.attrs["english"], lang="en"), g)
    yield from _name_keys(s, [place.label, *place.names, place.attrs.get("english", "")])
    yield ox.Quad(s, SCHEMA.areaServed, ox.NamedNode(place.iri), g)


def _post_iri(person: str, role: str | None, org: str) -> ox.NamedNode:
    return ID[f"post/{_local(person)}--{role}--{_local(org)}"]


@dataclass
class _PostReports:
    """A post as the articles report it: who holds it, in which role, where it is held (a
    place's posts are the state's), the articles that report it and the dates it was
    observed on."""

    person: str
    role: str
    org: str
    place: str | None
    articles: set[int] = field(default_factory=set)
    dates: list[date] = field(default_factory=list)


def _posts(extractions: list[Extraction], res: Resolution) -> dict[ox.NamedNode, _PostReports]:
    """Every post the articles report (the relations ``_relation_quads`` turns into posts)."""
    posts: dict[ox.NamedNode, _PostReports] = {}
    for a, ex in enumerate(extractions):
        for r in ex.relations:
            subj, obj = res.iri_of.get((a, r.subject)), res.iri_of.get((a, r.object))
            if r.kind != "holds_post" or subj is None or obj is None or subj == obj:
                continue
            org = post_organization(obj, res)
            post = posts.setdefault(_post_iri(subj, r.role, org),
                                    _PostReports(subj, r.role or "Other", org, obj if org != obj else None))
            post.articles.add(a)
            if ex.article.event_date and not r.ended:
                post.dates.append(ex.article.event_date)
    return posts


def _summary_quads(post: ox.NamedNode, reports: _PostReports) -> Iterator[Quad]:
    """What every article graph says of a post, summed up once in the entities graph: its
    holder, role and organization, how many articles report it, and the first and last dates
    on which they report it (xsd:date). The questions read these instead of aggregating
    every report."""
    g = ENTITIES_GRAPH
    yield ox.Quad(post, VNKG.holder, ox.NamedNode(reports.person), g)
    yield ox.Quad(post, VNKG.postRole, ROLE[reports.role], g)
    yield ox.Quad(post, VNKG.postOrganization, ox.NamedNode(reports.org), g)
    yield ox.Quad(post, VNKG.articleCount, _literal(len(reports.articles)), g)
    if reports.dates:
        yield ox.Quad(post, VNKG.firstObserved, _date(min(reports.dates)), g)
        yield ox.Quad(post, VNKG.lastObserved, _date(max(reports.dates)), g)


_SUMMARY = ("holder", "postRole", "postOrganization", "articleCount", "firstObserved", "lastObserved")
#: The predicates of the posts' summaries: what they say, the article graphs say already.
SUMMARY_PREDICATES = frozenset(VNKG[p] for p in _SUMMARY)


def summary_update(posts: Iterable[ox.NamedNode | ox.BlankNode | ox.Triple]) -> str:
    """A SPARQL Update that sets the summaries of ``posts`` (``_summary_quads``) from every
    article graph of the store (after ``vnkg add`` changed some of them); "" for no posts.
    A post no article reports any more loses its summary."""
    values = " ".join(sorted({str(p) for p in posts}))
    if not values:
        return ""
    g = ENTITIES_GRAPH
    drop = [f"DELETE {{ GRAPH {g} {{ ?post {VNKG[p]} ?value }} }} WHERE {{ VALUES ?post {{ {values} }} "
            f"GRAPH {g} {{ ?post {VNKG[p]} ?value }} }}" for p in _SUMMARY]
    # an article graph never has the entities graph's name: GRAPH ?article reads reports only
    return " ;\n".join(drop + [
        f"INSERT {{ GRAPH {g} {{ ?post {VNKG.holder} ?who ; {VNKG.postRole} ?role ; {VNKG.postOrganization} ?org ;"
        f" {VNKG.articleCount} ?articles }} }}\n"
        f"WHERE {{ SELECT ?post ?who ?role ?org (COUNT(DISTINCT ?article) AS ?articles) WHERE {{\n"
        f"  VALUES ?post {{ {values} }} GRAPH ?article {{ ?post {ORG.heldBy} ?who ; {ORG.role} ?role ; "
        f"{ORG.postIn} ?org }} }} GROUP BY ?post ?who ?role ?org }}",
        f"INSERT {{ GRAPH {g} {{ ?post {VNKG.firstObserved} ?first ; {VNKG.lastObserved} ?last }} }}\n"
        f"WHERE {{ SELECT ?post (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {{\n"
        f"  VALUES ?post {{ {values} }} GRAPH ?article {{ ?post {VNKG.observedOn} ?date }} }} GROUP BY ?post }}"])


def _post_quads(ex: Extraction, r: Relation, person: ox.NamedNode, org: ox.NamedNode, seen: set) -> Iterator[Quad]:
    g = article_iri(ex)
    post = _post_iri(person.value, r.role, org.value)
    if post in seen:
        return
    seen.add(post)
    yield ox.Quad(post, RDF.type, ORG.Post, g)
    yield ox.Quad(post, ORG.role, ROLE[r.role or "Other"], g)
    yield ox.Quad(post, ORG.postIn, org, g)
    yield ox.Quad(post, ORG.heldBy, person, g)
    yield ox.Quad(person, ORG.holds, post, g)
    if r.ended:
        # a past post (ประธานาธิบดีโฮจิมินห์ in 2023): no observation, its end of term of record
        yield ox.Quad(post, SCHEMA.endDate, _year_or_date(r.ended), g)
    elif ex.article.event_date:
        yield ox.Quad(post, VNKG.observedOn, _date(ex.article.event_date), g)
    yield from _evidence(ex, f"post-{_local(post.value)}", r.sentence, supports=post)


def _year_or_date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=XSD.gYear) if len(value) == 4 else _date(value)


@cache
def _ontology() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "vnkg.ttl", format="turtle")
    return g


def _role_quads(roles: set[str]) -> Iterator[Quad]:
    """The role concepts the posts use, copied from the ontology so the graph reads on its own."""
    onto = _ontology()
    for role in sorted(roles):
        for p, o in sorted(onto.predicate_objects(vocab.ROLE[role])):
            yield ox.Quad(ROLE[role], cast(ox.NamedNode, to_oxigraph(p)), cast("ox.NamedNode | ox.Literal", to_oxigraph(o)),
                          ENTITIES_GRAPH)


def quads(extractions: list[Extraction], res: Resolution,
          preferred: Callable[[str], ox.Literal | None] | None = None) -> Iterator[Quad]:
    """Every quad of the graph: entities graph first, then one graph per article.

    ``preferred`` gives an entity's preferred label (by default the one ``res`` chose):
    a surface form equal to it is not stated again as an alternative label.
    """
    for iri in sorted(res.entities):
        yield from _entity_quads(res.entities[iri])
    posts = _posts(extractions, res)
    for place in sorted({p.place for p in posts.values() if p.place is not None}):
        yield from _state_quads(res.entities[place])
    for post in sorted(posts, key=str):
        yield from _summary_quads(post, posts[post])
    yield from _role_quads({r.role or "Other" for ex in extractions for r in ex.relations if r.kind == "holds_post"})
    if preferred is None:
        preferred = lambda iri: label_literal(res.entities.get(iri))  # noqa: E731
    for a, ex in enumerate(extractions):
        yield from _article_quads(a, ex, res, preferred)

