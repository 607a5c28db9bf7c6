"""A small dataset in the shape of docs/data-model.md for the view and stats tests.

Written by hand: two articles as named graphs plus the entities graph, Thai and Latin
names, and hostile labels (script tags, an attribute break-out, the word ``href``) to
prove the HTML view shows them as text. Imported by the tests, not a conftest, so other
test modules are not affected.
"""
from __future__ import annotations

import warnings

from rdflib import Dataset

ID = "https://w3id.org/vnkg/id/"

HUNG = ID + "person/nguyen-manh-hung"
SON = ID + "person/bui-thanh-son"
CHINH = ID + "person/pham-minh-chinh"
EVIL = ID + "person/evil"
MIC = ID + "org/mic"
MOFA = ID + "org/mofa"
GOV = ID + "org/government"
POLITBURO = ID + "org/politburo"
AIS = ID + "org/ais"
DOC57 = ID + "doc/57-NQ-TW"
DOC505 = ID + "doc/505-QD-TTg"
DX = ID + "initiative/digital-transformation"
HANOI = ID + "place/hanoi"
BANGKOK = ID + "place/bangkok"
EVENT = ID + "event/aaaaaaaaaaaaaaaa-1"
ARTICLE_A = ID + "article/aaaaaaaaaaaaaaaa"
ARTICLE_B = ID + "article/bbbbbbbbbbbbbbbb"
URL_A = "https://example.org/news/a"
URL_B = "https://example.org/news/b?x=1&y=2"

SCRIPT_LABEL = "<script>alert(1)</script>"
IMG_LABEL = '"><img src=x onerror=alert(1)>'
HREF_LABEL = 'Digital <a href="javascript:alert(3)">href</a> programme'

PERSONS = {HUNG, SON, CHINH, EVIL}
ORGS = {MIC, MOFA, GOV, POLITBURO, AIS}
DOCS = {DOC57, DOC505}
PLACES = {HANOI, BANGKOK}
ALL_NODES = PERSONS | ORGS | DOCS | PLACES | {DX, EVENT}

TRIG = r"""
@prefix vnkg: <https://w3id.org/vnkg/> .
@prefix id: <https://w3id.org/vnkg/id/> .
@prefix role: <https://w3id.org/vnkg/role/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

vnkg:graph\/entities {
  id:person\/nguyen-manh-hung a foaf:Person, schema:Person ;
    rdfs:label "Nguyen Manh Hung" ; skos:prefLabel "เหงียน มานห์ หุ่ง"@th ;
    skos:altLabel "เหงียน มันห์ หุ่ง"@th, "เหงียนมานห์หุ่ง"@th, "Nguyễn Mạnh Hùng"@vi .
  id:person\/bui-thanh-son a foaf:Person, schema:Person ;
    rdfs:label "Bui Thanh Son" ; skos:prefLabel "บุ่ย แถ่ง เซิน"@th .
  id:person\/pham-minh-chinh a foaf:Person, schema:Person ;
    rdfs:label "Pham Minh Chinh" ; skos:prefLabel "ฝ่าม มิงห์ จิ๋ง"@th .
  id:person\/evil a foaf:Person, schema:Person ;
    rdfs:label "<script>alert(1)</script>" ;
    skos:altLabel "\"><img src=x onerror=alert(1)>"@th .
  id:org\/mic a org:Organization, vnkg:Ministry ;
    rdfs:label "Ministry of Information and Communications" ;
    skos:prefLabel "กระทรวงสารสนเทศและการสื่อสาร"@th ; skos:notation "MIC" ;
    org:subOrganizationOf id:org\/government .
  id:org\/mofa a org:Organization, vnkg:Ministry ;
    rdfs:label "Ministry of Foreign Affairs" ; skos:prefLabel "กระทรวงการต่างประเทศ"@th ;
    org:subOrganizationOf id:org\/government .
  id:org\/government a org:Organization, vnkg:GovernmentBody ;
    rdfs:label "Government of Vietnam" ; skos:prefLabel "รัฐบาลเวียดนาม"@th .
  id:org\/politburo a org:Organization, vnkg:PartyBody ;
    rdfs:label "Politburo" ; skos:prefLabel "กรมการเมือง"@th .
  id:org\/ais a org:Organization, vnkg:Department ;
    rdfs:label "Authority of Information Security" ;
    skos:prefLabel "กรมความปลอดภัยสารสนเทศ"@th ;
    org:subOrganizationOf id:org\/mic .
  id:doc\/57-NQ-TW a schema:Legislation ; rdfs:label "57-NQ/TW" ;
    schema:legislationIdentifier "57-NQ/TW" ; schema:legislationDate "2024-12-22"^^xsd:date ;
    schema:legislationPassedBy id:org\/politburo .
  id:doc\/505-QD-TTg a schema:Legislation ; rdfs:label "505/QD-TTg" ;
    schema:legislationIdentifier "505/QD-TTg", "505/QĐ-TTg" ;
    schema:legislationPassedBy id:org\/government .
  id:initiative\/digital-transformation a vnkg:Initiative ;
    rdfs:label 'Digital <a href="javascript:alert(3)">href</a> programme' ;
    skos:prefLabel "โครงการปรับเปลี่ยนสู่ดิจิทัลแห่งชาติ"@th ;
    vnkg:implements id:doc\/57-NQ-TW ; vnkg:partner id:org\/mic .
  id:place\/hanoi a schema:Place, schema:City ; rdfs:label "Hanoi" ; skos:prefLabel "ฮานอย"@th .
  id:place\/bangkok a schema:Place, schema:City ; rdfs:label "Bangkok" ;
    skos:prefLabel "กรุงเทพฯ"@th .
  role:Minister skos:prefLabel "Minister"@en, "รัฐมนตรี"@th .
  role:PrimeMinister skos:prefLabel "Prime Minister"@en .
}

id:article\/aaaaaaaaaaaaaaaa {
  id:article\/aaaaaaaaaaaaaaaa a schema:NewsArticle ;
    dcterms:identifier "000_aaaaaaaaaaaaaaaa.txt" ; schema:url "https://example.org/news/a" ;
    schema:mentions id:person\/nguyen-manh-hung, id:org\/mic, id:doc\/57-NQ-TW,
      id:initiative\/digital-transformation, id:person\/evil, id:person\/pham-minh-chinh,
      id:org\/politburo, id:org\/ais .
  id:person\/nguyen-manh-hung a foaf:Person ; skos:altLabel "เหงียน มานห์ หุ่ง"@th .
  id:org\/mic vnkg:partnerIn id:initiative\/digital-transformation .
  id:post\/nguyen-manh-hung--Minister--mic a org:Post ; org:role role:Minister ;
    org:postIn id:org\/mic ; org:heldBy id:person\/nguyen-manh-hung ;
    vnkg:observedOn "2024-12-22"^^xsd:date .
  id:person\/nguyen-manh-hung org:holds id:post\/nguyen-manh-hung--Minister--mic .
  id:post\/nguyen-manh-hung--Member--politburo a org:Post ; org:role role:Member ;
    org:postIn id:org\/politburo ; org:heldBy id:person\/nguyen-manh-hung .
  id:post\/pham-minh-chinh--Member--politburo a org:Post ; org:role role:Member ;
    org:postIn id:org\/politburo ; org:heldBy id:person\/pham-minh-chinh .
  id:post\/evil--Member--mic a org:Post ; org:role role:Member ;
    org:postIn id:org\/mic ; org:heldBy id:person\/evil .
  id:statement\/aaaaaaaaaaaaaaaa-1 a vnkg:Statement ;
    prov:wasAttributedTo id:person\/nguyen-manh-hung ;
    schema:text "เราจะเร่งการเปลี่ยนผ่านสู่ดิจิทัล"@th ;
    prov:wasDerivedFrom id:article\/aaaaaaaaaaaaaaaa .
  id:evidence\/aaaaaaaaaaaaaaaa-1 a vnkg:Evidence ;
    vnkg:supports id:post\/nguyen-manh-hung--Minister--mic ;
    prov:wasDerivedFrom id:article\/aaaaaaaaaaaaaaaa ;
    vnkg:sentence "รัฐมนตรีเหงียน มานห์ หุ่ง"@th ;
    vnkg:startOffset 0 ; vnkg:endOffset 25 .
}

id:article\/bbbbbbbbbbbbbbbb {
  id:article\/bbbbbbbbbbbbbbbb a schema:NewsArticle ;
    dcterms:identifier "001_bbbbbbbbbbbbbbbb.txt" ;
    schema:url "https://example.org/news/b?x=1&y=2" ;
    schema:mentions id:person\/bui-thanh-son, id:org\/mofa, id:person\/pham-minh-chinh,
      id:org\/government, id:doc\/57-NQ-TW, id:doc\/505-QD-TTg, id:place\/hanoi,
      id:place\/bangkok .
  id:post\/bui-thanh-son--Minister--mofa a org:Post ; org:role role:Minister ;
    org:postIn id:org\/mofa ; org:heldBy id:person\/bui-thanh-son .
  id:post\/pham-minh-chinh--PrimeMinister--government a org:Post ;
    org:role role:PrimeMinister ; org:postIn id:org\/government ;
    org:heldBy id:person\/pham-minh-chinh .
  id:event\/aaaaaaaaaaaaaaaa-1 a schema:Event ; schema:name "การประชุมทบทวนงานต่างประเทศ"@th ;
    schema:startDate "2024-12-20"^^xsd:date ; schema:location id:place\/hanoi ;
    vnkg:chair id:person\/pham-minh-chinh ;
    schema:attendee id:person\/bui-thanh-son, id:org\/mofa .
}
"""


def dataset() -> Dataset:
    """The fixture as a Dataset (one named graph per article plus the entities graph)."""
    ds = Dataset()
    with warnings.catch_warnings():
        # rdflib 7.6's TriG parser calls its own deprecated ConjunctiveGraph API
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=TRIG, format="trig")
    return ds


# --------------------------------------------------------------------------- a graph too large to label whole

LARGE_MINISTRIES = 8
LARGE_PERSONS = 360
LARGE_ISOLATED = 40


def large_graph():
    """Written for the tests: ministries with departments, officials holding posts in them
    (every tenth in a second ministry too), an event chaired by each official, a dated
    article for each, and organizations no post or relation links (isolated nodes)."""
    from datetime import date, timedelta

    from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import FOAF, XSD

    org, schema, vnkg = (Namespace("http://www.w3.org/ns/org#"), Namespace("https://schema.org/"),
                         Namespace("https://w3id.org/vnkg/"))
    g = Graph()

    def node(path: str, cls, label: str) -> URIRef:
        iri = URIRef(ID + path)
        g.add((iri, RDF.type, cls))
        g.add((iri, RDFS.label, Literal(label)))
        return iri

    ministries = [node(f"org/ministry-{m}", org.Organization, f"Ministry {m}") for m in range(LARGE_MINISTRIES)]
    departments = []
    for m, ministry in enumerate(ministries):
        for d in range(5):
            dept = node(f"org/ministry-{m}-department-{d}", org.Organization, f"Department {d} of Ministry {m}")
            g.add((dept, org.subOrganizationOf, ministry))
            departments.append(dept)
    start = date(2023, 1, 1)
    for p in range(LARGE_PERSONS):
        person = node(f"person/official-{p}", FOAF.Person, f"Official {p}")
        article = URIRef(f"{ID}article/{p:016x}")
        g.add((article, RDF.type, schema.NewsArticle))
        g.add((article, vnkg.eventDate, Literal(start + timedelta(days=p), datatype=XSD.date)))
        units = [departments[p % len(departments)]] + ([ministries[(p // 10) % LARGE_MINISTRIES]] if p % 10 == 0 else [])
        for u, unit in enumerate(units):
            post = URIRef(f"{ID}post/official-{p}-{u}")
            g.add((post, RDF.type, org.Post))
            g.add((post, org.heldBy, person))
            g.add((post, org.postIn, unit))
            g.add((article, schema.mentions, unit))
        event = node(f"event/{p:016x}-0", schema.Event, f"Meeting {p}")
        g.add((event, vnkg.chair, person))
        g.add((article, schema.mentions, person))
    for i in range(LARGE_ISOLATED):
        lone = node(f"org/lone-{i}", org.Organization, f"Lone body {i}")
        g.add((URIRef(f"{ID}article/lone-{i}"), RDF.type, schema.NewsArticle))      # undated
        g.add((URIRef(f"{ID}article/lone-{i}"), schema.mentions, lone))
    return g
