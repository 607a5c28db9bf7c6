"""A tiny dataset in the shape of docs/data-model.md, for the store/export/query/SHACL tests.

Two articles (sentences written for these tests, not taken from the seeds), one named
graph each, plus the ``vnkg:graph/entities`` graph. Everything the pipeline emits
appears once: article, person, organizations, legal document, initiative, place,
post, statement, event and evidence with offsets into the article text.
"""
from __future__ import annotations

import hashlib

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Literal, URIRef

from vnkg.store import dataset_quads
from vnkg.vocab import DCTERMS, FOAF, ID, ORG, PROV, ROLE, SCHEMA, VNKG


ENTITIES = URIRef("https://w3id.org/vnkg/graph/entities")

TEXT_1 = (
    "นายเจิ่น วัน อาน รัฐมนตรีว่าการกระทรวงการต่างประเทศ เป็นประธานการประชุมที่กรุงฮานอย "
    "เมื่อวันที่ 5 มีนาคม 2567\n"
    "เขากล่าวว่า \"เราพร้อมร่วมมือกับทุกฝ่าย\"\n"
    "กระทรวงฯ ดำเนินการตามมติ 12-NQ/TW ของกรมการเมือง ผ่านขบวนการ \"ชายแดนสันติ\""
)
TEXT_2 = "นางเหงียน ถิ ลาน รัฐมนตรีช่วยว่าการกระทรวงการต่างประเทศ ต้อนรับคณะผู้แทน"

SHA_1 = hashlib.sha256(TEXT_1.encode()).hexdigest()[:16]
SHA_2 = hashlib.sha256(TEXT_2.encode()).hexdigest()[:16]
ARTICLE_1 = ID[f"article/{SHA_1}"]
ARTICLE_2 = ID[f"article/{SHA_2}"]

PERSON = ID["person/tran-van-an"]
PERSON_2 = ID["person/nguyen-thi-lan"]
MOFA = ID["org/ministry-of-foreign-affairs"]
GOVERNMENT = ID["org/government"]
POLITBURO = ID["org/politburo"]
DOC = ID["doc/12-NQ-TW"]
INITIATIVE = ID["initiative/peaceful-border"]
HANOI = ID["place/hanoi"]
POST = ID["post/tran-van-an--Minister--ministry-of-foreign-affairs"]
POST_2 = ID["post/nguyen-thi-lan--DeputyMinister--ministry-of-foreign-affairs"]
STATEMENT = ID[f"statement/{SHA_1}-1"]
EVENT = ID[f"event/{SHA_1}-1"]
EVIDENCE_POST = ID[f"evidence/{SHA_1}-1"]
EVIDENCE_STATEMENT = ID[f"evidence/{SHA_1}-2"]
EVIDENCE_TRIPLE = ID[f"evidence/{SHA_1}-3"]
EVIDENCE_POST_2 = ID[f"evidence/{SHA_2}-1"]


def th(text: str) -> Literal:
    return Literal(text, lang="th")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def date(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


def _evidence(g, node, article: URIRef, text: str, sentence: str, supports=None) -> None:
    start = text.index(sentence)
    g.add((node, RDF.type, VNKG.Evidence))
    g.add((node, PROV.wasDerivedFrom, article))
    g.add((node, VNKG.sentence, th(sentence)))
    g.add((node, VNKG.startOffset, integer(start)))
    g.add((node, VNKG.endOffset, integer(start + len(sentence))))
    if supports is not None:
        g.add((node, VNKG.supports, supports))


def _article(g, node, name: str, text: str, title: str, mentions) -> None:
    g.add((node, RDF.type, SCHEMA.NewsArticle))
    g.add((node, DCTERMS.identifier, Literal(name)))
    g.add((node, SCHEMA.url, URIRef(f"https://example.org/news/{name}")))
    g.add((node, SCHEMA.datePublished, date("2024-03-06")))
    g.add((node, VNKG.eventDate, date("2024-03-05")))
    g.add((node, DCTERMS.title, th(title)))
    g.add((node, SCHEMA.text, th(text)))
    for m in mentions:
        g.add((node, SCHEMA.mentions, m))


def _article_1(g) -> None:
    s1, s2, s3 = TEXT_1.split("\n")
    _article(g, ARTICLE_1, "001_fixture.txt", TEXT_1, "รัฐมนตรีเจิ่น วัน อาน ประชุมที่ฮานอย",
             [PERSON, MOFA, POLITBURO, DOC, INITIATIVE, HANOI])
    # types and surface forms as this article writes them
    for node, kinds in [
        (PERSON, [FOAF.Person, SCHEMA.Person]),
        (MOFA, [ORG.Organization, ORG.FormalOrganization, VNKG.Ministry]),
        (POLITBURO, [ORG.Organization, VNKG.PartyBody]),
        (DOC, [SCHEMA.Legislation]),
        (INITIATIVE, [VNKG.Initiative]),
        (HANOI, [SCHEMA.Place, SCHEMA.City]),
    ]:
        for k in kinds:
            g.add((node, RDF.type, k))
    g.add((PERSON, SKOS.altLabel, th("เจิ่น วัน อาน")))
    g.add((MOFA, SKOS.altLabel, th("กระทรวงการต่างประเทศ")))
    g.add((POLITBURO, SKOS.altLabel, th("กรมการเมือง")))
    g.add((INITIATIVE, SKOS.altLabel, th("ชายแดนสันติ")))
    g.add((HANOI, SKOS.altLabel, th("กรุงฮานอย")))
    # the document
    g.add((DOC, SCHEMA.legislationIdentifier, Literal("12-NQ/TW")))
    g.add((DOC, VNKG.documentType, VNKG.Resolution))
    g.add((DOC, SCHEMA.legislationType, en("Resolution")))
    g.add((DOC, SCHEMA.legislationPassedBy, POLITBURO))
    # the initiative implements it, the ministry takes part
    g.add((INITIATIVE, VNKG.implements, DOC))
    g.add((INITIATIVE, VNKG.partner, MOFA))
    g.add((MOFA, VNKG.partnerIn, INITIATIVE))
    # the post
    g.add((POST, RDF.type, ORG.Post))
    g.add((POST, ORG.role, ROLE.Minister))
    g.add((POST, ORG.postIn, MOFA))
    g.add((POST, ORG.heldBy, PERSON))
    g.add((PERSON, ORG.holds, POST))
    g.add((POST, VNKG.observedOn, date("2024-03-05")))
    # the statement and the event
    g.add((STATEMENT, RDF.type, VNKG.Statement))
    g.add((STATEMENT, PROV.wasAttributedTo, PERSON))
    g.add((STATEMENT, SCHEMA.text, th("เราพร้อมร่วมมือกับทุกฝ่าย")))
    g.add((STATEMENT, PROV.wasDerivedFrom, ARTICLE_1))
    g.add((EVENT, RDF.type, SCHEMA.Event))
    g.add((EVENT, SCHEMA.name, th("การประชุมที่กรุงฮานอย")))
    g.add((EVENT, SCHEMA.startDate, date("2024-03-05")))
    g.add((EVENT, SCHEMA.location, HANOI))
    g.add((EVENT, VNKG.chair, PERSON))
    g.add((EVENT, SCHEMA.attendee, MOFA))
    # evidence: one per fact, offsets into TEXT_1
    _evidence(g, EVIDENCE_POST, ARTICLE_1, TEXT_1, s1, supports=POST)
    _evidence(g, EVIDENCE_STATEMENT, ARTICLE_1, TEXT_1, s2, supports=STATEMENT)
    _evidence(g, EVIDENCE_TRIPLE, ARTICLE_1, TEXT_1, s3)
    g.add((EVIDENCE_TRIPLE, RDF.subject, DOC))
    g.add((EVIDENCE_TRIPLE, RDF.predicate, SCHEMA.legislationPassedBy))
    g.add((EVIDENCE_TRIPLE, RDF.object, POLITBURO))


def _article_2(g) -> None:
    _article(g, ARTICLE_2, "002_fixture.txt", TEXT_2, "รัฐมนตรีช่วยว่าการต้อนรับคณะผู้แทน",
             [PERSON_2, MOFA])
    g.add((PERSON_2, RDF.type, FOAF.Person))
    g.add((PERSON_2, RDF.type, SCHEMA.Person))
    g.add((PERSON_2, SKOS.altLabel, th("เหงียน ถิ ลาน")))
    g.add((MOFA, RDF.type, ORG.Organization))
    g.add((MOFA, SKOS.altLabel, th("กระทรวงการต่างประเทศ")))
    g.add((POST_2, RDF.type, ORG.Post))
    g.add((POST_2, ORG.role, ROLE.DeputyMinister))
    g.add((POST_2, ORG.postIn, MOFA))
    g.add((POST_2, ORG.heldBy, PERSON_2))
    g.add((PERSON_2, ORG.holds, POST_2))
    _evidence(g, EVIDENCE_POST_2, ARTICLE_2, TEXT_2, TEXT_2, supports=POST_2)


def _entities(g) -> None:
    labels = {
        PERSON: ([FOAF.Person, SCHEMA.Person], en("Tran Van An"), th("เจิ่น วัน อาน")),
        PERSON_2: ([FOAF.Person, SCHEMA.Person], en("Nguyen Thi Lan"), th("เหงียน ถิ ลาน")),
        MOFA: ([ORG.Organization, ORG.FormalOrganization, VNKG.Ministry],
               en("Ministry of Foreign Affairs"), th("กระทรวงการต่างประเทศ")),
        GOVERNMENT: ([ORG.Organization, VNKG.GovernmentBody], en("Government of Vietnam"),
                     th("รัฐบาลเวียดนาม")),
        POLITBURO: ([ORG.Organization, VNKG.PartyBody], en("Politburo"), th("กรมการเมือง")),
        INITIATIVE: ([VNKG.Initiative], th("ชายแดนสันติ"), th("ชายแดนสันติ")),
        HANOI: ([SCHEMA.Place, SCHEMA.City], en("Hanoi"), th("กรุงฮานอย")),
    }
    for node, (kinds, label, pref) in labels.items():
        for k in kinds:
            g.add((node, RDF.type, k))
        g.add((node, RDFS.label, label))
        g.add((node, SKOS.prefLabel, pref))
    g.add((PERSON, FOAF.name, en("Tran Van An")))
    g.add((MOFA, SKOS.notation, Literal("MOFA")))
    g.add((MOFA, ORG.subOrganizationOf, GOVERNMENT))
    g.add((DOC, RDF.type, SCHEMA.Legislation))
    g.add((DOC, SCHEMA.legislationIdentifier, Literal("12-NQ/TW")))
    g.add((DOC, SCHEMA.legislationDate, date("2023-11-16")))
    g.add((DOC, VNKG.documentType, VNKG.Resolution))
    g.add((DOC, SCHEMA.about, th("การพัฒนาพื้นที่ชายแดน")))


def fixture_dataset() -> Dataset:
    """A fresh rdflib Dataset: two article graphs and the entities graph."""
    ds = Dataset()
    _article_1(ds.graph(ARTICLE_1))
    _article_2(ds.graph(ARTICLE_2))
    _entities(ds.graph(ENTITIES))
    return ds


def fixture_quads() -> list[ox.Quad]:
    """The same dataset as sorted pyoxigraph quads."""
    return dataset_quads(fixture_dataset())
