"""Stage 5: RDF quads of resolved extractions (shape in docs/data-model.md).

Each article's facts go to its own named graph (the article's IRI); what is known of an
entity across articles (label, English and Latin names, subtype) goes to the entities graph.
Every IRI is derived from content, so the same input gives the same quads.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from .extract.known import entry
from .lexicon import ontology_dir
from .model import Entity, Extraction, Kind, Relation
from .resolve import BASE, Resolution
from .vocab import ID, ORG, PROV, ROLE, SCHEMA, VNKG

__all__ = ["VNKG", "ORG", "SCHEMA", "PROV", "ROLE", "ENTITIES_GRAPH", "article_iri", "quads"]

ENTITIES_GRAPH = URIRef("https://w3id.org/vnkg/graph/entities")

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]

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


def article_iri(ex: Extraction) -> URIRef:
    return ID[f"article/{ex.article.id}"]


def _date(value) -> Literal:
    return Literal(value if isinstance(value, str) else value.isoformat(), datatype=XSD.date)


def _entity_quads(e: Entity) -> Iterator[Quad]:
    g, s = ENTITIES_GRAPH, URIRef(e.iri)
    for t in _TYPES[e.kind]:
        yield s, RDF.type, t, g
    if (sub := _SUBTYPES.get(e.attrs.get("subtype", ""))) is not None:
        yield s, RDF.type, sub, g
    label = Literal(e.label, lang=e.label_lang)
    yield s, RDFS.label, label, g
    yield s, SKOS.prefLabel, label, g
    if e.kind is Kind.PERSON:
        yield s, FOAF.name, label, g
    if e.kind is Kind.DOCUMENT:
        yield s, SCHEMA.legislationIdentifier, Literal(e.attrs["code"]), g
        doc_type = e.attrs.get("doc_type", "")
        yield s, VNKG.documentType, VNKG[doc_type if doc_type in _DOC_TYPES else "OtherDocument"], g
        if doc_type:
            yield s, SCHEMA.legislationType, Literal(doc_type, lang="en"), g
        if e.attrs.get("date"):
            yield s, SCHEMA.legislationDate, _date(e.attrs["date"]), g
    for name, lang in e.names.items():
        if name != e.label:
            yield s, SKOS.altLabel, Literal(name, lang=lang), g
    if e.attrs.get("english") and e.attrs["english"] != e.label:
        yield s, SKOS.altLabel, Literal(e.attrs["english"], lang="en"), g
    yield from _lifetime_quads(s, e)


def _lifetime_quads(s: URIRef, e: Entity) -> Iterator[Quad]:
    """When a body existed, and the merger that ended it (MIC into MOST, 2025): two
    organizations joined by an org:ChangeEvent, never one node."""
    g = ENTITIES_GRAPH
    start, _, end = e.attrs.get("valid", "").partition("/")
    if start:
        yield s, SCHEMA.foundingDate, _date(start), g
    if end:
        yield s, SCHEMA.dissolutionDate, _date(end), g
    successor = e.attrs.get("succeeded_by")
    if not successor or (heir := entry(successor)) is None:
        return
    heir_iri = ID[f"org/{successor.split(':', 1)[1]}"]
    change = ID[f"change/{s.split('/')[-1]}-into-{successor.split(':', 1)[1]}"]
    yield change, RDF.type, ORG.ChangeEvent, g
    yield change, ORG.originalOrganization, s, g
    yield change, ORG.resultingOrganization, heir_iri, g
    if end:
        yield change, DCTERMS.date, _date(end), g
    yield heir_iri, RDF.type, ORG.Organization, g
    yield heir_iri, RDFS.label, Literal(heir.english, lang="en"), g
    yield heir_iri, SKOS.prefLabel, Literal(heir.english, lang="en"), g


def _evidence(ex: Extraction, n: str, sentence: int, supports: URIRef | None = None,
              triple: tuple | None = None) -> Iterator[Quad]:
    g = article_iri(ex)
    ev = ID[f"evidence/{ex.article.id}-{n}"]
    sent = ex.article.sentences[sentence]
    yield ev, RDF.type, VNKG.Evidence, g
    yield ev, PROV.wasDerivedFrom, g, g
    yield ev, VNKG.sentence, Literal(sent.text, lang="th"), g
    yield ev, VNKG.startOffset, Literal(sent.start), g
    yield ev, VNKG.endOffset, Literal(sent.end), g
    if supports is not None:
        yield ev, VNKG.supports, supports, g
    if triple is not None:
        yield ev, RDF.subject, triple[0], g
        yield ev, RDF.predicate, triple[1], g
        yield ev, RDF.object, triple[2], g


def _article_quads(a: int, ex: Extraction, res: Resolution) -> Iterator[Quad]:
    art = ex.article
    g = s = article_iri(ex)
    yield s, RDF.type, SCHEMA.NewsArticle, g
    yield s, DCTERMS.identifier, Literal(art.name), g
    if art.title:
        yield s, DCTERMS.title, Literal(art.title, lang="th"), g
    if art.source_url:
        yield s, SCHEMA.url, URIRef(art.source_url), g
    if art.published:
        yield s, SCHEMA.datePublished, _date(art.published), g
    if art.event_date:
        yield s, VNKG.eventDate, _date(art.event_date), g
    yield s, SCHEMA.text, Literal(art.text, lang="th"), g
    for i, m in enumerate(ex.mentions):
        iri = res.iri_of.get((a, i))
        if iri is None:
            continue
        e = URIRef(iri)
        # types live in the entities graph only: repeated in every article graph they made
        # the union (and every query and shape check over it) grow with the square of the corpus
        if m.attr("implicit"):
            continue
        yield s, SCHEMA.mentions, e, g
        if m.attr("publisher"):
            yield s, SCHEMA.publisher, e, g
        if m.text and not m.attr("backref"):
            yield e, SKOS.altLabel, Literal(m.text, lang=m.lang), g
    yield from _relation_quads(a, ex, res)
    for n, st in enumerate(ex.statements):
        speaker = res.iri_of.get((a, st.speaker))
        if speaker is None:
            continue
        node = ID[f"statement/{art.id}-{n}"]
        yield node, RDF.type, VNKG.Statement, g
        yield node, PROV.wasAttributedTo, URIRef(speaker), g
        yield node, SCHEMA.text, Literal(st.text, lang="th"), g
        yield node, PROV.wasDerivedFrom, g, g
        yield from _evidence(ex, f"statement-{n}", st.sentence, supports=node)
    for n, ev in enumerate(ex.events):
        node = ID[f"event/{art.id}-{n}"]
        yield node, RDF.type, SCHEMA.Event, g
        yield node, SCHEMA.name, Literal(ev.label, lang="th"), g
        yield node, PROV.wasDerivedFrom, g, g
        if ev.date:
            yield node, SCHEMA.startDate, _date(ev.date), g
        if ev.place is not None and (place := res.iri_of.get((a, ev.place))):
            yield node, SCHEMA.location, URIRef(place), g
        if ev.chair is not None and (chair := res.iri_of.get((a, ev.chair))):
            yield node, VNKG.chair, URIRef(chair), g
        for p in ev.participants:
            if (who := res.iri_of.get((a, p))):
                yield node, SCHEMA.attendee, URIRef(who), g
        yield from _evidence(ex, f"event-{n}", ev.sentence, supports=node)


def _relation_quads(a: int, ex: Extraction, res: Resolution) -> Iterator[Quad]:
    g = article_iri(ex)
    seen: set = set()
    for r in ex.relations:
        subj, obj = res.iri_of.get((a, r.subject)), res.iri_of.get((a, r.object))
        if subj is None or obj is None or subj == obj:
            continue
        if r.kind == "holds_post":
            yield from _post_quads(ex, r, URIRef(subj), URIRef(obj), seen)
            continue
        triple = (URIRef(subj), _RELATION_PREDICATES[r.kind], URIRef(obj))
        if triple in seen:
            continue
        seen.add(triple)
        yield (*triple, g)
        if r.kind == "partner_in":
            yield triple[2], VNKG.partner, triple[0], g
        n = f"{r.kind}-{_local(subj)}-{_local(obj)}"
        yield from _evidence(ex, n, r.sentence, triple=triple)


def _local(iri: str) -> str:
    return iri[len(BASE):].replace("/", "_")


def _post_quads(ex: Extraction, r: Relation, person: URIRef, org: URIRef, seen: set) -> Iterator[Quad]:
    g = article_iri(ex)
    post = ID[f"post/{_local(str(person))}--{r.role}--{_local(str(org))}"]
    if post in seen:
        return
    seen.add(post)
    yield post, RDF.type, ORG.Post, g
    yield post, ORG.role, ROLE[r.role or "Other"], g
    yield post, ORG.postIn, org, g
    yield post, ORG.heldBy, person, g
    yield person, ORG.holds, post, g
    if ex.article.event_date:
        yield post, VNKG.observedOn, _date(ex.article.event_date), g
    yield from _evidence(ex, f"post-{_local(str(post))}", r.sentence, supports=post)


@cache
def _ontology() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "vnkg.ttl", format="turtle")
    return g


def _role_quads(roles: set[str]) -> Iterator[Quad]:
    """The role concepts the posts use, copied from the ontology so the graph reads on its own."""
    onto = _ontology()
    for role in sorted(roles):
        for p, o in sorted(onto.predicate_objects(ROLE[role])):
            yield ROLE[role], p, o, ENTITIES_GRAPH


def quads(extractions: list[Extraction], res: Resolution) -> Iterator[Quad]:
    """Every quad of the graph: entities graph first, then one graph per article."""
    for iri in sorted(res.entities):
        yield from _entity_quads(res.entities[iri])
    yield from _role_quads({r.role or "Other" for ex in extractions for r in ex.relations if r.kind == "holds_post"})
    for a, ex in enumerate(extractions):
        yield from _article_quads(a, ex, res)

